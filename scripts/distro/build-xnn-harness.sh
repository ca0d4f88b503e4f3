#!/usr/bin/env bash
# Build the XNNPACK harness (test/distro/xnn/xnn-harness.c -> test/distro/xnn/bin/xnn-harness), dynamically
# linked against the distro sysroot's libXNNPACK (scripts/distro/fetch-sysroot.sh assembles it), and the
# cpuinfo probe (cpuinfo-probe.c, against libcpuinfo), and, with the qemu oracle, record the harness's
# expected output at each vector length the corpus runs it with:
#   test/distro/xnn/expected/vlen<N>.out   stdout of `qemu-riscv64 -cpu rv64,v=true,vlen=N -L <sysroot> ...`
# The binaries are committed, so the corpus runs them on machines without a cross compiler. (The probe's
# expectation is written by hand in scripts/distro/run.mjs: under QEMU it reports the host's CPUs.)
# Usage: scripts/distro/build-xnn-harness.sh [--expected-only]
# Env: CROSS (default riscv64-linux-gnu-)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$REPO/test/distro/xnn"
CROSS="${CROSS:-riscv64-linux-gnu-}"
VLENS=(128 256 512)

SYSROOT="$(bash "$REPO/scripts/distro/fetch-sysroot.sh")" || { echo "build-xnn-harness: SKIPPED: no distro sysroot" >&2; exit 0; }
LIBDIR="$SYSROOT/usr/lib/riscv64-linux-gnu"

if [ "${1:-}" != --expected-only ]; then
  command -v "${CROSS}gcc" >/dev/null || { echo "build-xnn-harness: SKIPPED: ${CROSS}gcc not found (apt-get install gcc-riscv64-linux-gnu)" >&2; exit 0; }
  mkdir -p "$DIR/bin"
  # Compiled from our sources alone: the library interfaces are declared in xnn-api.h and cpuinfo-api.h,
  # not taken from the packages' headers. The toolchain's own C library supplies the start files and libc
  # (older than the sysroot's, so the binary asks only for symbol versions the sysroot has); the sysroot's
  # shared libraries are only linked against (their own dependencies are resolved at run time).
  echo "  CC   test/distro/xnn/bin/xnn-harness"
  "${CROSS}gcc" -O2 -Wall -Wextra -fno-ident -Wl,--build-id=none \
    -o "$DIR/bin/xnn-harness" "$DIR/xnn-harness.c" \
    -L"$LIBDIR" -lXNNPACK -lpthreadpool -Wl,--allow-shlib-undefined
  echo "  CC   test/distro/xnn/bin/cpuinfo-probe"
  "${CROSS}gcc" -O2 -Wall -Wextra -fno-ident -Wl,--build-id=none \
    -o "$DIR/bin/cpuinfo-probe" "$DIR/cpuinfo-probe.c" \
    -L"$LIBDIR" -lcpuinfo -Wl,--allow-shlib-undefined
  "${CROSS}strip" "$DIR/bin/xnn-harness" "$DIR/bin/cpuinfo-probe"
fi

QEMU="$(bash "$REPO/scripts/oracle-path.sh" 2>/dev/null || true)"
if [ -z "$QEMU" ]; then echo "build-xnn-harness: no qemu oracle (npm run oracle); expected outputs left as they are" >&2; exit 0; fi
mkdir -p "$DIR/expected"
for v in "${VLENS[@]}"; do
  "$QEMU" -cpu "rv64,v=true,vlen=$v" -L "$SYSROOT" "$DIR/bin/xnn-harness" > "$DIR/expected/vlen$v.out"
  echo "  QEMU vlen=$v -> test/distro/xnn/expected/vlen$v.out"
done
