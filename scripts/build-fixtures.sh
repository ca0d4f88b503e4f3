#!/usr/bin/env bash
# Build all committed RISC-V ELF fixtures:
#   test/programs/*.c, *.cpp, *.S  -> test/programs/bin/<name>
#   riscv-tests/*.S                -> riscv-tests/bin/<name>
#   examples/*.c                   -> examples/bin/<name>
#   bench/src/*.c                  -> bench/bin/<name>
#   bench/src/rvv/*.c              -> bench/bin/<name>        (clang-19, -O3 -march=rv64gcv)
#   test/programs/rvv/*.c          -> test/programs/rvv/bin/<name>  (only with the 'rvv' target; clang-19)
# Binaries are stripped of debug info only (the symbol table is kept).
#
# Usage: scripts/build-fixtures.sh [programs|riscv-tests|examples|bench|rvv]...
#   (no argument = programs riscv-tests examples bench)
# Env: CROSS (default riscv64-linux-gnu-), CLANG (default clang-19)
#
# If the cross toolchain is missing, prints how to install it and exits 0
# without touching the committed binaries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSS="${CROSS:-riscv64-linux-gnu-}"
CC="${CROSS}gcc"
CXX="${CROSS}g++"
STRIP="${CROSS}strip"
CLANG="${CLANG:-clang-19}"

missing=()
for t in "$CC" "$CXX" "$STRIP"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-fixtures: SKIPPED: cross tools not found: ${missing[*]}" >&2
  echo "build-fixtures: install with: apt-get install -y gcc-riscv64-linux-gnu g++-riscv64-linux-gnu binutils-riscv64-linux-gnu" >&2
  echo "build-fixtures: (the committed ELFs under */bin/ are left as they are)" >&2
  exit 0
fi

CFLAGS_COMMON=(-static -O2 -Wall -Wextra -Wno-unused-parameter -fno-ident)
ASFLAGS_TEST=(-nostdlib -nostartfiles -static -Wl,--build-id=none -Wl,--no-relax)
built=0

strip_dbg() { "$STRIP" --strip-debug "$1"; }

build_programs() {
  local dir="$ROOT/test/programs" out="$ROOT/test/programs/bin" f name extra
  mkdir -p "$out"
  shopt -s nullglob
  for f in "$dir"/*.c; do
    name="$(basename "$f" .c)"
    extra=()
    case "$name" in
      libm) extra=(-lm) ;;
      atomics) extra=(-latomic) ;;
    esac
    echo "  CC   test/programs/$name"
    "$CC" "${CFLAGS_COMMON[@]}" -o "$out/$name" "$f" "${extra[@]}" -lm
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  for f in "$dir"/*.cpp; do
    name="$(basename "$f" .cpp)"
    echo "  CXX  test/programs/$name"
    "$CXX" "${CFLAGS_COMMON[@]}" -o "$out/$name" "$f"
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  for f in "$dir"/*.S; do
    name="$(basename "$f" .S)"
    echo "  AS   test/programs/$name"
    "$CC" "${ASFLAGS_TEST[@]}" -march=rv64gc -mabi=lp64d -o "$out/$name" "$f"
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  shopt -u nullglob
}

build_riscv_tests() {
  local dir="$ROOT/riscv-tests" out="$ROOT/riscv-tests/bin" f name march
  mkdir -p "$out"
  shopt -s nullglob
  for f in "$dir"/*.S; do
    name="$(basename "$f" .S)"
    march=rv64gc
    case "$name" in
      rv64uzb*|rv64uzicond*) march=rv64gc_zba_zbb_zbs ;;
      rv64um*|rv64ua*|rv64uzicsr*|selftest*) march=rv64g ;;
      rv64ui*) march=rv64g ;;  # uncompressed: instruction sizes are part of some tests
    esac
    echo "  AS   riscv-tests/$name ($march)"
    "$CC" "${ASFLAGS_TEST[@]}" -march="$march" -mabi=lp64d -I "$dir" -o "$out/$name" "$f"
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  shopt -u nullglob
}

build_examples() {
  local dir="$ROOT/examples" out="$ROOT/examples/bin" f name
  mkdir -p "$out"
  shopt -s nullglob
  for f in "$dir"/*.c; do
    name="$(basename "$f" .c)"
    echo "  CC   examples/$name"
    "$CC" "${CFLAGS_COMMON[@]}" -o "$out/$name" "$f" -lm
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  shopt -u nullglob
}

# Benchmark workloads (bench/src/*.c -> bench/bin/<name>).
build_bench() {
  local dir="$ROOT/bench/src" out="$ROOT/bench/bin" f name
  mkdir -p "$out"
  shopt -s nullglob
  for f in "$dir"/*.c; do
    name="$(basename "$f" .c)"
    echo "  CC   bench/$name"
    "$CC" "${CFLAGS_COMMON[@]}" -o "$out/$name" "$f" -lm
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  # Vector workloads: intrinsics, and plain C that clang vectorizes at -O3.
  if command -v "$CLANG" >/dev/null 2>&1; then
    for f in "$dir"/rvv/*.c; do
      name="$(basename "$f" .c)"
      echo "  CLANG bench/$name"
      "$CLANG" --target=riscv64-linux-gnu -march=rv64gcv -static -O3 -fuse-ld=lld -Wall -o "$out/$name" "$f" -lm
      strip_dbg "$out/$name"; built=$((built + 1))
    done
  else
    echo "build-fixtures: SKIPPED vector benchmarks: $CLANG not found (apt-get install -y clang-19 lld-19)" >&2
  fi
  shopt -u nullglob
}

# RVV programs (test/programs/rvv/*.c -> test/programs/rvv/bin/<name>), compiled
# with clang for rv64gcv against the cross gcc sysroot. Not in the default set.
build_rvv() {
  local dir="$ROOT/test/programs/rvv" out="$ROOT/test/programs/rvv/bin" f name
  if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "build-fixtures: SKIPPED rvv: $CLANG not found (apt-get install -y clang-19 lld-19)" >&2
    return 0
  fi
  mkdir -p "$out"
  shopt -s nullglob
  for f in "$dir"/*.c; do
    name="$(basename "$f" .c)"
    echo "  CLANG test/programs/rvv/$name"
    "$CLANG" --target=riscv64-linux-gnu -march=rv64gcv -static -O2 -fuse-ld=lld -o "$out/$name" "$f" -lm
    strip_dbg "$out/$name"; built=$((built + 1))
  done
  shopt -u nullglob
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(programs riscv-tests examples bench)
for t in "${targets[@]}"; do
  case "$t" in
    programs) build_programs ;;
    riscv-tests) build_riscv_tests ;;
    examples) build_examples ;;
    bench) build_bench ;;
    rvv) build_rvv ;;
    *) echo "build-fixtures: unknown target '$t' (programs|riscv-tests|examples|bench|rvv)" >&2; exit 2 ;;
  esac
done
echo "build-fixtures: built $built binaries"
