#!/usr/bin/env bash
# Print the path of the qemu-riscv64 oracle if available (RVEMU_QEMU, else the cache
# populated by scripts/get-qemu.sh). Prints nothing and exits 1 if absent.
exec bash "$(dirname "${BASH_SOURCE[0]}")/get-qemu.sh" --path
