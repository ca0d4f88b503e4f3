#!/usr/bin/env bash
# Assemble a Debian trixie riscv64 root file system for the distribution corpus (scripts/distro/run.mjs):
# the packages named below and everything they depend on, downloaded with `apt-get download` through a
# private apt configuration (own sources list, state and cache; the host's package state is untouched)
# and unpacked with `dpkg -x`. The archive URI and keyring come from the host's apt sources, found the
# same way scripts/get-qemu.sh finds them.
#
# Usage: scripts/distro/fetch-sysroot.sh [--path]
#   prints the sysroot directory on stdout (exit 1, with a message on stderr, when it cannot be had);
#   --path only reports an already assembled sysroot.
# Env:
#   RVEMU_CACHE          cache root (default $HOME/.cache/rvemu); the sysroot is $RVEMU_CACHE/distro/sysroot
#   RVEMU_DISTRO_SUITE   Debian suite (default trixie)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${RVEMU_CACHE:-$HOME/.cache/rvemu}"
DDIR="$CACHE_ROOT/distro"
ROOT="$DDIR/sysroot"
SUITE="${RVEMU_DISTRO_SUITE:-trixie}"
ARCH=riscv64
PACKAGES=(libc6 libstdc++6 libgcc-s1 busybox-static lua5.4 sqlite3 python3.13-minimal libpython3.13-stdlib coreutils
          # XNNPACK (RVV microkernels) and cpuinfo with their headers, for the XNNPACK jobs and their harnesses
          libxnnpack-dev libpthreadpool-dev libcpuinfo-dev)
STAMP="$ROOT/.rvemu-packages"

msg() { echo "fetch-sysroot.sh: $*" >&2; }

# What base-passwd and the maintainer scripts would leave behind: accounts for root and for the user the
# guest runs as (uid 1000), so names resolve from the sysroot rather than from the host.
finish_root() {
  local r="$1"
  [ -e "$r/etc/passwd" ] || printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n' > "$r/etc/passwd"
  [ -e "$r/etc/group" ] || printf 'root:x:0:\nuser:x:1000:\n' > "$r/etc/group"
  [ -e "$r/usr/bin/python3" ] || ln -s python3.13 "$r/usr/bin/python3"
  [ -e "$r/usr/bin/lua" ] || ln -s lua5.4 "$r/usr/bin/lua"
}

if [ -f "$STAMP" ] && [ "$(head -n1 "$STAMP")" = "$SUITE ${PACKAGES[*]}" ]; then finish_root "$ROOT"; echo "$ROOT"; exit 0; fi
[ "${1:-}" = --path ] && exit 1

for t in apt-get apt-cache dpkg dpkg-deb; do
  command -v "$t" >/dev/null 2>&1 || { msg "required tool '$t' not found (this needs a Debian-based host)"; exit 1; }
done

# Archive URI and keyring, exactly as the qemu fetch script derives them from the host's apt sources.
read -r URI KEYRING < <(RVEMU_QEMU_DRYRUN=1 bash "$here/../get-qemu.sh" --force) || true
[ -n "${URI:-}" ] || { msg "could not find a Debian archive URI in the host's apt sources"; exit 1; }

WORK="$DDIR/apt"
mkdir -p "$WORK/etc/sources.list.d" "$WORK/etc/preferences.d" "$WORK/state/lists/partial" \
         "$WORK/cache/archives/partial" "$DDIR/debs"
: > "$WORK/state/status"
echo "deb [arch=$ARCH signed-by=$KEYRING] $URI $SUITE main" > "$WORK/etc/sources.list"
APT_OPTS=(
  -o "Dir::Etc::sourcelist=$WORK/etc/sources.list" -o "Dir::Etc::sourceparts=$WORK/etc/sources.list.d"
  -o "Dir::Etc::preferences=$WORK/etc/preferences" -o "Dir::Etc::preferencesparts=$WORK/etc/preferences.d"
  -o "Dir::State=$WORK/state" -o "Dir::State::status=$WORK/state/status" -o "Dir::Cache=$WORK/cache"
  -o "Debug::NoLocking=1" -o "APT::Architecture=$ARCH" -o "APT::Architectures::=$ARCH"
  -o "Acquire::Languages=none" -o "APT::Get::List-Cleanup=0" -o "Acquire::Retries=2" -o "APT::Sandbox::User=root"
)

msg "fetching $SUITE $ARCH package lists from the host's Debian archive"
if ! apt-get -q "${APT_OPTS[@]}" update > "$WORK/update.log" 2>&1 || grep -qE '^(W|E): (Failed|Some index files failed)' "$WORK/update.log"; then
  cat "$WORK/update.log" >&2
  msg "the Debian archive is unreachable (no network?)"
  exit 1
fi

# The packages and their dependency closure (Depends and Pre-Depends; no Recommends).
mapfile -t ALL < <(apt-cache "${APT_OPTS[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "${PACKAGES[@]}" | grep -E '^[a-z0-9]' | sort -u)
# Drop virtual packages (they have no candidate to download).
REAL=()
for p in "${ALL[@]}"; do
  if apt-cache "${APT_OPTS[@]}" show "$p" >/dev/null 2>&1; then REAL+=("$p"); fi
done
msg "downloading ${#REAL[@]} packages"
(cd "$DDIR/debs" && apt-get -q "${APT_OPTS[@]}" download "${REAL[@]}" > "$WORK/download.log" 2>&1) || {
  cat "$WORK/download.log" >&2; msg "download failed"; exit 1; }

rm -rf "$ROOT.tmp" && mkdir -p "$ROOT.tmp"
# merged /usr, as a trixie system has it (the dynamic linker is named /lib/ld-linux-riscv64-lp64d.so.1)
mkdir -p "$ROOT.tmp/usr/lib" "$ROOT.tmp/usr/bin" "$ROOT.tmp/usr/sbin" "$ROOT.tmp/etc"
ln -s usr/lib "$ROOT.tmp/lib"; ln -s usr/bin "$ROOT.tmp/bin"; ln -s usr/sbin "$ROOT.tmp/sbin"
for p in "${REAL[@]}"; do
  deb="$(ls "$DDIR/debs/${p}_"*"_"{"$ARCH",all}.deb 2>/dev/null | head -n1 || true)"
  [ -n "$deb" ] || { msg "no .deb for $p"; exit 1; }
  dpkg -x "$deb" "$ROOT.tmp"
done
finish_root "$ROOT.tmp"
rm -rf "$ROOT" && mv "$ROOT.tmp" "$ROOT"
{ echo "$SUITE ${PACKAGES[*]}"; printf '%s\n' "${REAL[@]}"; } > "$STAMP"
msg "sysroot ready: $ROOT"
echo "$ROOT"
