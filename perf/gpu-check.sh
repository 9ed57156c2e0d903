#!/usr/bin/env bash
# GPU check for issue 5: device report, NVML memory-query p50/p99 over 1000 queries, then the fit test
# (admitted jobs really allocate their declared memory through the CUDA driver while the declared sizes add up
# to 3x the card; it must end with 0 OOM errors and peak used within total - headroom).
#
#   bash perf/gpu-check.sh --build      # on a machine with the .NET SDK: self-contained linux-x64 publish
#                                       # into perf/gpu-check-bin (not committed; carry it to the GPU machine)
#   bash perf/gpu-check.sh [options]    # on any linux-x64 machine, no SDK needed: runs perf/gpu-check-bin
#   bash perf/gpu-check.sh --help       # the fit test's options (--factor, --pool-size, --seed, ...)
#
# Exit 0: passed, or no GPU here ("no gpu: <reason>"); 1: the fit test failed; 2: bad arguments.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/perf/gpu-check-bin"

if [ "${1:-}" = "--build" ]; then
  shift
  rm -rf "$bin"
  dotnet publish "$root/perf/Dspex.GpuCheck/Dspex.GpuCheck.csproj" -c Release -r linux-x64 --self-contained \
    -p:PublishSingleFile=false -p:PublishTrimmed=true -p:TrimMode=partial \
    -p:EnableTrimAnalyzer=false -p:SuppressTrimAnalysisWarnings=true -o "$bin" --nologo -v quiet
  echo "published: $bin ($(du -sm "$bin" | cut -f1) MiB)"
  [ $# -eq 0 ] && exit 0
fi

if [ ! -x "$bin/Dspex.GpuCheck" ]; then
  echo "perf/gpu-check.sh: $bin/Dspex.GpuCheck is missing; run 'bash perf/gpu-check.sh --build' where the .NET SDK is installed" >&2
  exit 2
fi

exec "$bin/Dspex.GpuCheck" "$@"
