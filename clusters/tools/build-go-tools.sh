#!/usr/bin/env bash
# Builds the Go tools pinned in go-tools.pins from their Go modules (only the Go module proxy is
# needed: no release downloads), and caches each as
# ${FIREDRILL_TOOLS_DIR:-$HOME/.cache/firedrill/tools}/<name>-<version>/<binary>, so a second run is
# a no-op. Usage: build-go-tools.sh [name...] (no name: every pinned tool).
# Prints what it built, the version and the build time (a cached tool: the time its build took).
# Exit 0 built or cached, 2 an unknown name, 3 no Go or a failed build.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
pins="$here/go-tools.pins"
tools_dir="${FIREDRILL_TOOLS_DIR:-$HOME/.cache/firedrill/tools}"

if ! command -v go >/dev/null 2>&1; then
  echo "build-go-tools: go is not installed (it needs Go >= the tools' go.mod, see go-tools.pins); nothing built" >&2
  exit 3
fi

# The pin lines (comments and blank lines dropped) of one name, or every name in pin order.
pin_lines() { grep -Ev '^[[:space:]]*(#|$)' "$pins" | awk -v n="${1:-}" 'n == "" || $1 == n'; }
mapfile -t known < <(pin_lines | awk '!seen[$1]++ { print $1 }')

names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${known[@]}")
for name in "${names[@]}"; do
  if ! printf '%s\n' "${known[@]}" | grep -qx -- "$name"; then
    echo "build-go-tools: no pin named \"$name\" in $pins (pinned: ${known[*]})" >&2
    exit 2
  fi
done

build_tool() {
  local name="$1" module version first dest work out started secs built=()
  read -r _ module version _ < <(pin_lines "$name" | head -n1)
  if pin_lines "$name" | awk -v m="$module" -v v="$version" '$2 != m || $3 != v { bad = 1 } END { exit !bad }'; then
    echo "build-go-tools: every line of \"$name\" must pin the same module and version" >&2
    return 3
  fi
  dest="$tools_dir/$name-$version"
  if [ -f "$dest/build-info.txt" ]; then
    echo "$name $version: cached in $dest ($(cat "$dest/build-info.txt"))"
    return 0
  fi

  mkdir -p "$tools_dir"
  work="$(mktemp -d)"
  out="$(mktemp -d "$tools_dir/.$name-$version.XXXXXX")"
  # shellcheck disable=SC2064  # expand now: the trap must remove these directories
  trap "rm -rf '$work' '$out'" RETURN

  # A wrapper module: the committed one (it carries the tool's replace directives) or a fresh one.
  if [ -f "$here/$name/go.mod" ]; then
    cp -R "$here/$name/." "$work/"
  else
    (cd "$work" && go mod init "firedrill.invalid/tools/$name" >/dev/null 2>&1)
  fi
  (cd "$work" && go mod edit -require="$module@$version")

  echo "building $name $version ($module) with $(go env GOVERSION)..."
  started=$SECONDS
  local _n pkg binary tags ldflags
  while read -r _n _m _v pkg binary tags ldflags; do
    [ "$tags" = "-" ] && tags=""
    local path="$module"
    [ "$pkg" = "." ] || path="$module/${pkg#./}"
    if ! (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out/$binary" "$path"); then
      echo "build-go-tools: building $binary of $name $version failed" >&2
      return 3
    fi
    built+=("$binary")
  done < <(pin_lines "$name")
  secs=$((SECONDS - started))

  echo "built ${built[*]} in ${secs}s on $(date -u +%Y-%m-%dT%H:%M:%SZ), $(go env GOVERSION), $(nproc) cores" > "$out/build-info.txt"
  chmod 755 "$out"
  # Into place in one rename, so a reader never sees half a tool; a concurrent build that won keeps its copy.
  if ! mv -T "$out" "$dest" 2>/dev/null; then
    echo "$name $version: another build finished first; keeping $dest"
    return 0
  fi
  echo "built $name $version ($module): ${built[*]} in ${secs}s -> $dest"
}

for name in "${names[@]}"; do
  build_tool "$name" || exit $?
done
