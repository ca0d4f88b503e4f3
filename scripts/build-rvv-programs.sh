#!/usr/bin/env bash
# Build the RVV integer C kernels: test/programs/rvv/<name>.c -> test/programs/rvv/bin/<name> (clang-19,
# rv64gcv, static, against the cross gcc's sysroot), and with --expected write
# test/programs/rvv/expected/<name>.out from the qemu oracle at VLEN 128 after checking that VLEN 256, 512
# and 1024 print the same and that no kernel reports a vector/scalar disagreement.
#
# Usage: scripts/build-rvv-programs.sh [--expected] [name...]   (default: the kernels listed below)
# Env: CLANG (default clang-19), CROSS (default riscv64-linux-gnu-), RVEMU_QEMU
#
# Without clang it prints how to install it and exits 0, leaving the committed binaries as they are.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLANG="${CLANG:-clang-19}"
CROSS="${CROSS:-riscv64-linux-gnu-}"
dir="$ROOT/test/programs/rvv"
expected=0
names=()
for a in "$@"; do
  case "$a" in
    --expected) expected=1 ;;
    -*) echo "build-rvv-programs: unknown option $a" >&2; exit 2 ;;
    *) names+=("$a") ;;
  esac
done
if ! command -v "$CLANG" >/dev/null 2>&1 || ! command -v "${CROSS}gcc" >/dev/null 2>&1; then
  echo "build-rvv-programs: SKIPPED: needs $CLANG and ${CROSS}gcc (apt-get install -y clang-19 lld-19 gcc-riscv64-linux-gnu)" >&2
  exit 0
fi
if [ ${#names[@]} -eq 0 ]; then
  names=(dot_i8 matmul_i32 strings_ff rgb2gray compress_gather autovec)
fi
mkdir -p "$dir/bin" "$dir/expected"
for name in "${names[@]}"; do
  echo "  CLANG test/programs/rvv/$name"
  "$CLANG" --target=riscv64-linux-gnu -march=rv64gcv -O2 -static -fuse-ld=lld -I "$dir" -o "$dir/bin/$name" "$dir/$name.c" -lm
  "${CROSS}strip" --strip-debug "$dir/bin/$name"
done
[ "$expected" = 1 ] || exit 0

q="${RVEMU_QEMU:-$(bash "$ROOT/scripts/get-qemu.sh" --path || true)}"
[ -n "$q" ] || { echo "build-rvv-programs: qemu oracle not found (scripts/get-qemu.sh)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0
for name in "${names[@]}"; do
  for vlen in 128 256 512 1024; do
    if ! "$q" -cpu "rv64,v=true,vlen=$vlen" "$dir/bin/$name" >"$tmp/$vlen.out"; then
      echo "FAIL $name: exit $? under qemu at VLEN $vlen"; fail=1
    fi
  done
  for vlen in 256 512 1024; do
    cmp -s "$tmp/128.out" "$tmp/$vlen.out" || { echo "FAIL $name: output at VLEN $vlen differs from VLEN 128"; fail=1; }
  done
  if grep -q DISAGREE "$tmp/128.out"; then echo "FAIL $name: vector and scalar results disagree"; fail=1; fi
  cp "$tmp/128.out" "$dir/expected/$name.out"
  echo "ok   $name ($(wc -l <"$tmp/128.out") lines, same at VLEN 128..1024)"
done
exit $fail
