#!/usr/bin/env bash
# Build the profiler's test fixtures: test/profile/fixtures/*.S and *.c -> test/profile/fixtures/bin/<name>
# (static, symbol table kept). Assembly fixtures are linked without relaxation so their instruction counts
# are exactly those written in their comments.
#
# Usage: scripts/build-profile-fixtures.sh        Env: CROSS (default riscv64-linux-gnu-)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSS="${CROSS:-riscv64-linux-gnu-}"
CC="${CROSS}gcc"
STRIP="${CROSS}strip"
DIR="$ROOT/test/profile/fixtures"
OUT="$DIR/bin"

for t in "$CC" "$STRIP"; do
  if ! command -v "$t" >/dev/null 2>&1; then
    echo "build-profile-fixtures: SKIPPED: $t not found (apt-get install -y gcc-riscv64-linux-gnu)" >&2
    exit 0
  fi
done
mkdir -p "$OUT"
shopt -s nullglob
for f in "$DIR"/*.S; do
  name="$(basename "$f" .S)"
  echo "  AS   test/profile/fixtures/$name"
  "$CC" -march=rv64gc -mabi=lp64d -nostdlib -nostartfiles -static -Wl,--build-id=none -Wl,--no-relax -o "$OUT/$name" "$f"
done
for f in "$DIR"/*.c; do
  name="$(basename "$f" .c)"
  echo "  CC   test/profile/fixtures/$name"
  "$CC" -static -O2 -Wall -Wextra -fno-ident -o "$OUT/$name" "$f"
  "$STRIP" --strip-debug "$OUT/$name"
done
