#!/usr/bin/env bash
# Build the dynamically linked fixtures (test/programs/dynamic/*.c, *.cpp -> test/programs/dynamic/bin/)
# against the cross toolchain's libraries, and (with the qemu oracle) record their expected output:
#   test/programs/dynamic/expected/<name>.out   stdout of `qemu-riscv64 -L /usr/riscv64-linux-gnu bin/<name>`
#   test/programs/dynamic/expected/<name>.code  its exit status
# Usage: scripts/build-dynamic-fixtures.sh [--expected-only]
# Env: CROSS (default riscv64-linux-gnu-), SYSROOT (default /usr/riscv64-linux-gnu)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/test/programs/dynamic"
OUT="$DIR/bin"
EXP="$DIR/expected"
CROSS="${CROSS:-riscv64-linux-gnu-}"
SYSROOT="${SYSROOT:-/usr/riscv64-linux-gnu}"
CFLAGS=(-O2 -Wall -Wextra -fno-ident -Wl,--build-id=none)

if [ "${1:-}" != --expected-only ]; then
  for t in "${CROSS}gcc" "${CROSS}g++" "${CROSS}strip"; do
    command -v "$t" >/dev/null || { echo "build-dynamic-fixtures: SKIPPED: $t not found (apt-get install g++-riscv64-linux-gnu)" >&2; exit 0; }
  done
  mkdir -p "$OUT"
  cc() { echo "  CC   $*" | sed "s|$ROOT/||g"; "${CROSS}gcc" "${CFLAGS[@]}" "$@"; }
  # Two TLS libraries: one linked by name (libdyntls.so), one loaded with dlopen (libdyntls_dl.so).
  cc -shared -fPIC -o "$OUT/libdyntls.so" "$DIR/libdyntls.c"
  cc -shared -fPIC -o "$OUT/libdyntls_dl.so" "$DIR/libdyntls_dl.c"
  cc -o "$OUT/dyn_tls" "$DIR/dyn_tls.c" -L"$OUT" -ldyntls -ldl -Wl,-rpath,'$ORIGIN'
  cc -o "$OUT/dyn_hello" "$DIR/dyn_hello.c" -lm
  cc -o "$OUT/dyn_jit" "$DIR/dyn_jit.c"
  cc -o "$OUT/dyn_sys" "$DIR/dyn_sys.c"
  cc -no-pie -o "$OUT/dyn_nopie" "$DIR/dyn_nopie.c"
  echo "  CXX  test/programs/dynamic/dyn_cxx"
  "${CROSS}g++" "${CFLAGS[@]}" -std=c++17 -o "$OUT/dyn_cxx" "$DIR/dyn_cxx.cpp"
  for f in "$OUT"/*; do "${CROSS}strip" --strip-debug "$f"; done
fi

QEMU="$(bash "$ROOT/scripts/oracle-path.sh" 2>/dev/null || true)"
if [ -z "$QEMU" ]; then echo "build-dynamic-fixtures: no qemu oracle (npm run oracle); expected outputs left as they are" >&2; exit 0; fi
mkdir -p "$EXP"
for prog in dyn_hello dyn_cxx dyn_tls dyn_jit dyn_nopie dyn_sys; do
  args=(); env=(env -i RVEMU_FIXTURE=set "TMPDIR=${TMPDIR:-/tmp}")
  [ "$prog" = dyn_hello ] && args=(3)
  set +e
  (cd "$OUT" && "${env[@]}" "$QEMU" -L "$SYSROOT" "./$prog" "${args[@]}" > "$EXP/$prog.out")
  code=$?
  set -e
  echo "$code" > "$EXP/$prog.code"
  echo "  QEMU $prog -> exit $code"
done
