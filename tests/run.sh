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

# The Python package's own tests, under each interpreter we have: pyenv's python3 (no numpy) and
# Debian's (numpy), so that both vector backends are exercised.
for py in python3 ${DSPEX_PYTHON:-}; do
  command -v "$py" >/dev/null 2>&1 || continue
  out=$(cd "$root/python" && "$py" -m unittest discover -s tests 2>&1)
  ran=$(printf '%s\n' "$out" | sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' | tail -1)
  pf=$(printf '%s\n' "$out" | sed -n 's/.*failures=\([0-9]*\).*/\1/p' | tail -1)
  pe=$(printf '%s\n' "$out" | sed -n 's/.*errors=\([0-9]*\).*/\1/p' | tail -1)
  ps=$(printf '%s\n' "$out" | sed -n 's/.*skipped=\([0-9]*\).*/\1/p' | tail -1)
  ran=${ran:-0}; pf=${pf:-0}; pe=${pe:-0}; ps=${ps:-0}
  bad=$((pf + pe))
  if [ "$ran" = 0 ]; then bad=1; printf '%s\n' "$out" | tail -20; fi
  [ "$bad" != 0 ] && printf '%s\n' "$out" | tail -40
  echo "python tests ($py): ran $ran, failed $bad, skipped $ps"
  passed=$(( ${passed:-0} + ran - bad - ps )); failed=$(( ${failed:-0} + bad )); skipped=$(( ${skipped:-0} + ps ))
done
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
