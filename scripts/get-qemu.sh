#!/usr/bin/env bash
# Obtain a static qemu-riscv64 (QEMU 10.x) to serve as the test oracle, without
# touching the system's package state.
#
# Debian 12 ships qemu-user 7.2, which has known RISC-V bugs. Debian 13 (trixie)
# ships QEMU 10.x, and its `qemu-user` package contains *static* binaries that run
# on this host. We fetch that .deb through a private apt configuration (own
# sources list, state and cache dirs) whose archive URI is taken from the host's
# existing apt sources, then extract only usr/bin/qemu-riscv64 into a cache dir.
#
# Usage:
#   scripts/get-qemu.sh            fetch if needed, print path of qemu-riscv64
#   scripts/get-qemu.sh --path     print the cached path only if present (exit 1 if not)
#   scripts/get-qemu.sh --force    re-download even if cached
#
# Env:
#   RVEMU_CACHE      cache root (default: $HOME/.cache/rvemu); binary goes to $RVEMU_CACHE/qemu
#   RVEMU_QEMU       if set and executable, --path prints it instead
#   RVEMU_QEMU_SUITE Debian suite to fetch from (default: trixie)
#   RVEMU_QEMU_PKG   package to fetch (default: qemu-user)
#   RVEMU_APT_ETC    apt configuration dir to read the archive URI from (default: /etc/apt)
set -euo pipefail

CACHE_ROOT="${RVEMU_CACHE:-$HOME/.cache/rvemu}"
QDIR="$CACHE_ROOT/qemu"
QBIN="$QDIR/usr/bin/qemu-riscv64"
SUITE="${RVEMU_QEMU_SUITE:-trixie}"
PKG="${RVEMU_QEMU_PKG:-qemu-user}"
WANT_MAJOR=10

mode=fetch
case "${1:-}" in
  --path) mode=path ;;
  --force) mode=force ;;
  "") ;;
  -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
  *) echo "get-qemu.sh: unknown argument: $1" >&2; exit 2 ;;
esac

msg() { echo "get-qemu.sh: $*" >&2; }

# Returns 0 if $1 is an executable qemu-riscv64 reporting version $WANT_MAJOR.x
check_version() {
  local v
  [ -x "$1" ] || return 1
  v="$("$1" --version 2>/dev/null | head -n1)" || return 1
  [[ "$v" =~ version\ ${WANT_MAJOR}\. ]]
}

if [ "$mode" = path ]; then
  if [ -n "${RVEMU_QEMU:-}" ] && [ -x "${RVEMU_QEMU}" ]; then echo "$RVEMU_QEMU"; exit 0; fi
  if [ -x "$QBIN" ]; then echo "$QBIN"; exit 0; fi
  exit 1
fi

if [ "$mode" = fetch ] && check_version "$QBIN"; then
  echo "$QBIN"
  exit 0
fi

for t in apt-get dpkg-deb tar; do
  command -v "$t" >/dev/null 2>&1 || { msg "required tool '$t' not found (this script needs a Debian-based host)"; exit 1; }
done

# --- Find the Debian archive URI and keyring from the host apt configuration ---
# Prefer deb822 .sources files, then one-line sources.list files. We pick the first
# 'deb' entry whose URI does not look like the security archive and that serves a
# suite without a '-' (i.e. the main release, not -updates/-security/-backports).
ARCHIVE_URI=""
KEYRING=""
parse_deb822() {
  # prints "URI<TAB>KEYRING" for each qualifying stanza
  awk '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && uris != "" && suites != "") {
        n = split(suites, s, " "); ok = 0
        for (i = 1; i <= n; i++) if (s[i] !~ /-/) ok = 1
        m = split(uris, u, " ")
        for (i = 1; i <= m; i++) if (ok && u[i] !~ /security/) { print u[i] "\t" key; break }
      }
      types = ""; uris = ""; suites = ""; key = ""
    }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
      line = $0; sub(/^[ \t]+/, "", line)
      k = tolower(line); sub(/:.*/, "", k)
      v = line; sub(/^[^:]*:[ \t]*/, "", v)
      if (k == "types") types = v
      else if (k == "uris") uris = v
      else if (k == "suites") suites = v
      else if (k == "signed-by") key = v
    }
    END { flush() }
  ' "$@"
}
parse_oneline() {
  awk '
    /^[ \t]*#/ { next }
    $1 == "deb" {
      i = 2; key = ""
      if ($i ~ /^\[/) {
        while (i <= NF) {
          if ($i ~ /signed-by=/) { key = $i; sub(/.*signed-by=/, "", key); sub(/\].*/, "", key) }
          if ($i ~ /\]$/) { i++; break }
          i++
        }
      }
      uri = $i; suite = $(i + 1)
      if (uri != "" && suite !~ /-/ && uri !~ /security/ && uri ~ /debian/) print uri "\t" key
    }
  ' "$@"
}
APT_ETC="${RVEMU_APT_ETC:-/etc/apt}"   # overridable for testing the parser
shopt -s nullglob
cands=""
srcs=("$APT_ETC"/sources.list.d/*.sources)
[ ${#srcs[@]} -gt 0 ] && cands+="$(parse_deb822 "${srcs[@]}")"$'\n'
lists=()
[ -f "$APT_ETC/sources.list" ] && lists+=("$APT_ETC/sources.list")
lists+=("$APT_ETC"/sources.list.d/*.list)
[ ${#lists[@]} -gt 0 ] && cands+="$(parse_oneline "${lists[@]}")"$'\n'
shopt -u nullglob
# Prefer an entry whose URI path ends in /debian (the Debian main archive).
line="$(printf '%s' "$cands" | awk -F'\t' '$1 ~ /\/debian\/?$/ { print; exit }')"
[ -n "$line" ] || line="$(printf '%s' "$cands" | awk 'NF { print; exit }')"
ARCHIVE_URI="${line%%$'\t'*}"
KEYRING="${line#*$'\t'}"
[ "$KEYRING" = "$line" ] && KEYRING=""
if [ -z "$ARCHIVE_URI" ]; then
  msg "could not find a Debian archive URI in $APT_ETC/sources.list{,.d/*}"
  exit 1
fi
if [ -z "$KEYRING" ] || [ ! -r "$KEYRING" ]; then
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
fi
[ -r "$KEYRING" ] || { msg "Debian archive keyring not found ($KEYRING); install debian-archive-keyring"; exit 1; }

ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

# --- Private apt configuration ---
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rvemu-qemu.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/etc/sources.list.d" "$WORK/etc/preferences.d" \
         "$WORK/state/lists/partial" "$WORK/cache/archives/partial" "$WORK/dl"
: > "$WORK/state/status"
echo "deb [arch=$ARCH signed-by=$KEYRING] $ARCHIVE_URI $SUITE main" > "$WORK/etc/sources.list"
APT_OPTS=(
  -o "Dir::Etc::sourcelist=$WORK/etc/sources.list"
  -o "Dir::Etc::sourceparts=$WORK/etc/sources.list.d"
  -o "Dir::Etc::preferences=$WORK/etc/preferences"
  -o "Dir::Etc::preferencesparts=$WORK/etc/preferences.d"
  -o "Dir::State=$WORK/state"
  -o "Dir::State::status=$WORK/state/status"
  -o "Dir::Cache=$WORK/cache"
  -o "Debug::NoLocking=1"
  -o "APT::Architecture=$ARCH"
  -o "APT::Architectures::=$ARCH"
  -o "Acquire::Languages=none"
  -o "APT::Get::List-Cleanup=0"
  -o "Acquire::Retries=2"
  -o "APT::Sandbox::User=root"
)

[ -n "${RVEMU_QEMU_DRYRUN:-}" ] && { echo "$ARCHIVE_URI $KEYRING"; exit 0; }   # parser test hook
msg "fetching package lists for suite '$SUITE' from the host's Debian archive ($ARCHIVE_URI)"
if ! apt-get -q "${APT_OPTS[@]}" update > "$WORK/update.log" 2>&1 || \
   grep -qE '^(W|E): (Failed|Some index files failed)' "$WORK/update.log"; then
  cat "$WORK/update.log" >&2
  msg "ERROR: could not reach the Debian archive for suite '$SUITE' (network or mirror unavailable)"
  exit 1
fi

msg "downloading $PKG"
if ! (cd "$WORK/dl" && apt-get -q "${APT_OPTS[@]}" download "$PKG" > "$WORK/download.log" 2>&1); then
  cat "$WORK/download.log" >&2
  msg "ERROR: could not download package '$PKG' from suite '$SUITE'"
  exit 1
fi
deb="$(ls "$WORK"/dl/*.deb 2>/dev/null | head -n1)"
[ -n "$deb" ] || { msg "ERROR: download produced no .deb"; exit 1; }

# Extract only the riscv64 user emulator (the full package unpacks to ~450 MB).
# Equivalent to `dpkg -x` restricted to one member.
mkdir -p "$WORK/x"
member=""
for m in ./usr/bin/qemu-riscv64 ./usr/bin/qemu-riscv64-static; do
  if dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$WORK/x" "$m" 2>/dev/null; then member="$m"; break; fi
done
if [ -z "$member" ]; then
  msg "ERROR: $PKG from $SUITE does not contain usr/bin/qemu-riscv64; try RVEMU_QEMU_PKG=qemu-user-static"
  exit 1
fi
src="$WORK/x/${member#./}"
if ! check_version "$src"; then
  msg "ERROR: extracted $member does not run or is not version $WANT_MAJOR.x: $("$src" --version 2>&1 | head -n1)"
  exit 1
fi
mkdir -p "$QDIR/usr/bin"
install -m 0755 "$src" "$QBIN.tmp.$$"
mv -f "$QBIN.tmp.$$" "$QBIN"
dpkg-deb -f "$deb" Package Version > "$QDIR/VERSION"
msg "installed $("$QBIN" --version | head -n1) from $(basename "$deb")"
echo "$QBIN"
