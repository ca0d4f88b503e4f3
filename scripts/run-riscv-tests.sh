#!/usr/bin/env bash
# Run every riscv-tests/bin/<name> listed in riscv-tests/manifest.json and
# compare its exit status with the manifest ("exit": 0 = pass; selftest-fail
# must exit 3).
#
#   scripts/run-riscv-tests.sh                 # under the qemu oracle
#   scripts/run-riscv-tests.sh -- node dist/cli/main.js   # under another runner
#
# The runner command gets the ELF path appended. Prints one line per test
# binary and a final "N passed, N failed" line; exits 1 if anything failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runner=()
if [ "${1:-}" = "--" ]; then
  shift
  runner=("$@")
else
  q="${RVEMU_QEMU:-$(bash "$ROOT/scripts/get-qemu.sh" --path || true)}"
  [ -n "$q" ] || { echo "run-riscv-tests: qemu oracle not found; run scripts/get-qemu.sh or pass '-- <runner>'" >&2; exit 1; }
  runner=("$q")
fi
pass=0; fail=0
while IFS=$'\t' read -r name want; do
  elf="$ROOT/riscv-tests/bin/$name"
  if [ ! -x "$elf" ]; then
    echo "MISSING $name (run scripts/build-fixtures.sh riscv-tests)"; fail=$((fail + 1)); continue
  fi
  err="$(timeout 60 "${runner[@]}" "$elf" 2>&1 >/dev/null)"
  got=$?
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1)); echo "ok   $name (exit $got)"
  else
    fail=$((fail + 1)); echo "FAIL $name: exit $got, expected $want ${err:+($err)}"
  fi
done < <(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const e of m) console.log(e.name + "\t" + e.exit);' "$ROOT/riscv-tests/manifest.json")
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
