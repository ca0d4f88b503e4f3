#!/usr/bin/env bash
# Fetch esbuild's linux-riscv64 build (a statically linked Go program: several threads before main,
# signal-based preemption, futexes, epoll) from the npm registry into the cache, for test/distro/esbuild.test.ts.
# Nothing is kept in the repository. Prints the binary's path; exits 0 with a message if the registry is
# unreachable (the test then skips).
#
# Usage: scripts/distro/fetch-esbuild.sh [--path]
set -euo pipefail
CACHE="${RVEMU_CACHE:-$HOME/.cache/rvemu}/esbuild"
VERSION="${RVEMU_ESBUILD_VERSION:-0.28.2}"
BIN="$CACHE/$VERSION/package/bin/esbuild"
if [ "${1:-}" = "--path" ]; then [ -x "$BIN" ] && echo "$BIN"; exit 0; fi
if [ ! -x "$BIN" ]; then
  mkdir -p "$CACHE/$VERSION"
  if ! (cd "$CACHE/$VERSION" && npm pack --silent "@esbuild/linux-riscv64@$VERSION" >/dev/null 2>&1 && tar xzf esbuild-linux-riscv64-*.tgz); then
    echo "fetch-esbuild: SKIPPED: could not download @esbuild/linux-riscv64@$VERSION from the npm registry" >&2
    exit 0
  fi
fi
echo "$BIN"
