#!/usr/bin/env bash
# Build the bare-metal test fixtures with the bare-metal cross compiler (Debian: gcc-riscv64-unknown-elf):
#   riscv-tests/bare/*.S, *.c   -> riscv-tests/bare/bin/<name>        (our own privileged-architecture tests)
#   riscv-tests/*.S             -> riscv-tests/bare/bin/suite/<name>  (the ISA tests, in the bare environment)
#   riscv-tests/rvv/*.S         -> riscv-tests/bare/bin/rvv/<name>    (the vector tests; not rvv-config, which
#                                                                      maps and unmaps pages through Linux)
# Every program is linked with the environment in riscv-tests/bare (link.ld at 0x80000000, crt.S, htif.c)
# and built with -DRVEMU_BARE, which makes riscv-tests/macros.h define main instead of _start.
#
# Usage: scripts/build-bare-tests.sh
# Env: BARE_CROSS (default riscv64-unknown-elf-)
# Without the compiler it prints how to install it and exits 0, leaving the committed binaries alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CROSS="${BARE_CROSS:-riscv64-unknown-elf-}"
CC="${CROSS}gcc"
STRIP="${CROSS}strip"
for t in "$CC" "$STRIP"; do
  if ! command -v "$t" >/dev/null 2>&1; then
    echo "build-bare-tests: SKIPPED: $t not found (apt-get install -y gcc-riscv64-unknown-elf)" >&2
    exit 0
  fi
done
ENV="$ROOT/riscv-tests/bare"
OUT="$ENV/bin"
FLAGS=(-nostdlib -nostartfiles -static -mcmodel=medany -mabi=lp64d -O2 -ffreestanding -fno-builtin -fno-ident
  -Wall -Wextra -Wl,--build-id=none -Wl,--no-relax -Wl,--no-warn-rwx-segments -T "$ENV/link.ld" -DRVEMU_BARE -I "$ROOT/riscv-tests" -I "$ENV")
built=0

# build <source> <output> <march>
build() {
  mkdir -p "$(dirname "$2")"
  echo "  CC   ${2#"$ROOT"/} ($3)"
  "$CC" "${FLAGS[@]}" -march="$3" -o "$2" "$ENV/crt.S" "$ENV/htif.c" "$1"
  "$STRIP" --strip-debug "$2"
  built=$((built + 1))
}

shopt -s nullglob
for f in "$ENV"/*.S "$ENV"/*.c; do
  name="$(basename "$f")"; name="${name%.*}"
  case "$name" in crt|htif) continue ;; esac
  march=rv64gc
  case "$name" in
    vm-*|priv-*|trap-*|csr-*) march=rv64gc ;;
    vs-off) march=rv64gcv ;;
  esac
  build "$f" "$OUT/$name" "$march"
done
# The ISA tests, with the same -march as their Linux-mode builds (scripts/build-fixtures.sh).
for f in "$ROOT"/riscv-tests/*.S; do
  name="$(basename "$f" .S)"
  march=rv64gc
  case "$name" in
    rv64uzb*|rv64uzicond*) march=rv64gc_zba_zbb_zbs ;;
    rv64um*|rv64ua*|rv64uzicsr*|selftest*|rv64ui*) march=rv64g ;;
  esac
  build "$f" "$OUT/suite/$name" "$march"
done
for f in "$ROOT"/riscv-tests/rvv/*.S; do
  name="$(basename "$f" .S)"
  [ "$name" = rvv-config ] && continue
  build "$f" "$OUT/rvv/$name" rv64gcv
done
shopt -u nullglob
echo "build-bare-tests: built $built binaries"
