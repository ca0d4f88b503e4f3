#!/usr/bin/env bash
# Print the number of guest instructions a program retires under the qemu
# oracle: runs with one instruction per translation block and no block chaining,
# logging every executed block, and counts the log lines. The program's own
# stdout/stderr are discarded. Slow (use for small fixtures only).
#   scripts/qemu-icount.sh <elf> [args...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
qemu="${RVEMU_QEMU:-$(bash "$here/get-qemu.sh" --path || true)}"
[ -n "$qemu" ] || { echo "qemu-icount: oracle not found; run scripts/get-qemu.sh" >&2; exit 1; }
[ $# -ge 1 ] || { echo "usage: $0 <elf> [args...]" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/log"
grep -c '^Trace ' < "$tmp/log" > "$tmp/count" &
counter=$!
set +e
"$qemu" -one-insn-per-tb -d exec,nochain -D "$tmp/log" "$@" > /dev/null 2>&1 < /dev/null
set -e
wait "$counter" || true
cat "$tmp/count"
