#!/usr/bin/env bash
# Runs every test of the solution and prints one summary line counted from the TRX results:
#   N passed, N failed[, N skipped]
# Installs what the interop tests need (Debian's python3-numpy and libpython3.11) when run as root.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  need=""
  dpkg -s python3-numpy >/dev/null 2>&1 || need="$need python3-numpy"
  dpkg -s libpython3.11 >/dev/null 2>&1 || need="$need libpython3.11"
  if [ -n "$need" ]; then
    echo "tests/run.sh: installing$need"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need) >/dev/null 2>&1 \
      || echo "tests/run.sh: could not install$need; tests that need them will say so"
  fi
fi
# The interop tests use Debian's Python (with numpy) unless the caller chose one.
if [ -z "${DSPEX_PYTHON:-}" ] && [ -x /usr/bin/python3 ]; then
  export DSPEX_PYTHON=/usr/bin/python3
fi

results="$root/TestResults"
rm -rf "$results"
dotnet test Dspex.Scheduler.sln -c Release --logger "trx" --results-directory "$results" "$@"
rc=$?

summary=$(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
for f in files:
    for r in ET.parse(f).getroot().iterfind(".//t:UnitTestResult", ns):
        o = r.get("outcome")
        if o == "Passed": passed += 1
        elif o in ("NotExecuted", "Inconclusive"): skipped += 1
        else: failed += 1
print(f"{passed} {failed} {skipped} {len(files)}")
PY
)
read -r passed failed skipped files <<<"$summary"
if [ "${files:-0}" = 0 ]; then
  echo "tests/run.sh: no TRX results were written"
  failed=$(( ${failed:-0} + 1 ))
fi
line="${passed:-0} passed, ${failed:-0} failed"
[ "${skipped:-0}" != 0 ] && line="$line, $skipped skipped"
echo "$line"
if [ "$rc" != 0 ] || [ "${failed:-0}" != 0 ] || [ "${passed:-0}" = 0 ]; then
  exit 1
fi
