#!/usr/bin/env bash
# Build the thread/process/signal fixtures: test/programs/mt/*.c, *.cpp -> test/programs/mt/bin/<name>
# (static, -pthread, -O2). Debug info is stripped; the symbol table is kept so messages can name functions.
#
# Usage: scripts/build-mt-fixtures.sh
# Env: CROSS (default riscv64-linux-gnu-)
#
# If the cross toolchain is missing, prints how to install it and exits 0 without touching the committed
# binaries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSS="${CROSS:-riscv64-linux-gnu-}"
CC="${CROSS}gcc"
CXX="${CROSS}g++"
STRIP="${CROSS}strip"

missing=()
for t in "$CC" "$CXX" "$STRIP"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-mt-fixtures: SKIPPED: cross tools not found: ${missing[*]}" >&2
  echo "build-mt-fixtures: install with: apt-get install -y gcc-riscv64-linux-gnu g++-riscv64-linux-gnu binutils-riscv64-linux-gnu" >&2
  exit 0
fi

DIR="$ROOT/test/programs/mt"
OUT="$DIR/bin"
FLAGS=(-static -pthread -O2 -Wall -Wextra -Wno-unused-parameter -fno-ident
       -ffunction-sections -fdata-sections -Wl,--gc-sections -Wl,--build-id=none)
mkdir -p "$OUT"
built=0
shopt -s nullglob
for f in "$DIR"/*.c; do
  name="$(basename "$f" .c)"
  echo "  CC   test/programs/mt/$name"
  "$CC" "${FLAGS[@]}" -o "$OUT/$name" "$f"
  "$STRIP" --strip-debug "$OUT/$name"; built=$((built + 1))
done
for f in "$DIR"/*.cpp; do
  name="$(basename "$f" .cpp)"
  echo "  CXX  test/programs/mt/$name"
  "$CXX" "${FLAGS[@]}" -o "$OUT/$name" "$f"
  "$STRIP" --strip-debug "$OUT/$name"; built=$((built + 1))
done
echo "build-mt-fixtures: built $built binaries"
