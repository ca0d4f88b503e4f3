#!/bin/sh
# Regenerates test/isa/fixtures/objdump.json (needs riscv64-linux-gnu-as/objdump and llvm-objdump-19).
# Pass --full-c to also dump objdump's text for every 16-bit word to a temporary file for comparison.
cd "$(dirname "$0")/.." && exec npx vite-node scripts/gen-objdump-fixture.ts "$@"
