#!/usr/bin/env bash
# Builds the Go tools pinned in go-tools.pins from their Go modules (only the Go module proxy is
# needed: no release downloads), and caches each as
# ${FIREDRILL_TOOLS_DIR:-$HOME/.cache/firedrill/tools}/<name>-<version>/<binary>, so a second run is
# a no-op. Usage: build-go-tools.sh [name...] (no name: every pinned tool).
# Prints what it built, the version and the build time (a cached tool: the time its build took).
# Exit 0 built or cached, 2 an unknown name, 3 no Go or a failed build (the other tools still build).
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

# The load average now (1 min): other builds and tests share the 2 cores, so a build time means
# little without it.
read_load() { cut -d' ' -f1 /proc/loadavg; }

build_tool() {
  local name="$1" module version dest work out log started secs load0 pkgs=() binaries=()
  read -r _ module version _ < <(pin_lines "$name" | head -n1)
  if pin_lines "$name" | awk -v m="$module" -v v="$version" '$2 != m || $3 != v { bad = 1 } END { exit !bad }'; then
    echo "build-go-tools: every line of \"$name\" must pin the same module and version" >&2
    return 3
  fi
  # One `go build` for all binaries of a name, so their shared packages compile once: that needs
  # one set of tags and ldflags.
  if [ "$(pin_lines "$name" | awk '{ $1 = $2 = $3 = $4 = $5 = ""; print }' | sort -u | wc -l)" -ne 1 ]; then
    echo "build-go-tools: every line of \"$name\" must have the same tags and ldflags (they build in one go build)" >&2
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
  log="$(mktemp)"
  # shellcheck disable=SC2064  # expand now: the trap must remove these
  trap "rm -rf '$work' '$out' '$log'" RETURN

  # A wrapper module: the committed one (it carries the tool's replace directives, or a main.go) or a
  # fresh one; clusters/tools/<name>/ may also hold just an artifacts.txt.
  if [ -d "$here/$name" ]; then
    cp -R "$here/$name/." "$work/"
  fi
  if [ ! -f "$work/go.mod" ]; then
    (cd "$work" && go mod init "firedrill.invalid/tools/$name" >/dev/null 2>&1)
  fi
  (cd "$work" && go mod edit -require="$module@$version")

  local _n _m _v pkg binary tags ldflags
  while read -r _n _m _v pkg binary tags ldflags; do
    # package: `.` the module root, `./x` a package of the module, `-` the wrapper's own main.go.
    case "$pkg" in
      -) pkgs+=(".") ;;
      .) pkgs+=("$module") ;;
      *) pkgs+=("$module/${pkg#./}") ;;
    esac
    binaries+=("$binary")
  done < <(pin_lines "$name")
  # Read again: the loop's last `read` (at end of input) has emptied them. Every line has the same ones.
  read -r _n _m _v _ _ tags ldflags < <(pin_lines "$name" | head -n1)
  [ "$tags" = "-" ] && tags=""

  load0="$(read_load)"
  echo "building $name $version ($module: ${binaries[*]}) with $(go env GOVERSION), load $load0..."
  started=$SECONDS
  # -trimpath and -s -w: smaller binaries and no local paths in them; with -o DIR each main package
  # lands as DIR/<last element of its import path>.
  if ! (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -tags "$tags" -ldflags "-s -w $ldflags" -o "$out/" "${pkgs[@]}") >"$log" 2>&1; then
    cat "$log" >&2
    { echo "module $module $version, $(go env GOVERSION), $(date -u +%Y-%m-%dT%H:%M:%SZ):"; tail -n 20 "$log"; } > "$tools_dir/$name-$version.failed"
    echo "build-go-tools: FAILED $name $version ($module): ${binaries[*]} skipped; error in $tools_dir/$name-$version.failed" >&2
    return 3
  fi
  secs=$((SECONDS - started))
  for binary in "${binaries[@]}"; do
    if [ ! -x "$out/$binary" ]; then
      echo "build-go-tools: $name: go build made no $binary (it names a binary after its package's last path element)" >&2
      return 3
    fi
  done

  # Upstream files the tool needs at run time (clusters/tools/<name>/artifacts.txt, paths in the
  # module), copied from the module cache now: the cache may be emptied later, the tool dir is kept.
  if [ -f "$work/artifacts.txt" ]; then
    local moddir file
    moddir="$(cd "$work" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$module")"
    while read -r file; do
      mkdir -p "$out/$(dirname "$file")" && cp "$moddir/$file" "$out/$file" || { echo "build-go-tools: $name: no $file in $module $version" >&2; return 3; }
    done < <(grep -Ev '^[[:space:]]*(#|$)' "$work/artifacts.txt")
  fi

  echo "built ${binaries[*]} in ${secs}s on $(date -u +%Y-%m-%dT%H:%M:%SZ), $(go env GOVERSION), $(nproc) cores, load $load0 -> $(read_load)" > "$out/build-info.txt"
  rm -f "$tools_dir/$name-$version.failed"
  chmod 755 "$out"
  # Into place in one rename, so a reader never sees half a tool; a concurrent build that won keeps its copy.
  if ! mv -T "$out" "$dest" 2>/dev/null; then
    echo "$name $version: another build finished first; keeping $dest"
    return 0
  fi
  echo "built $name $version ($module): ${binaries[*]} in ${secs}s -> $dest"
}

# A tool that fails to build is reported and skipped (its tests skip with the reason); the others
# still build, and the exit status says something failed.
failed=()
for name in "${names[@]}"; do
  status=0
  build_tool "$name" || status=$?
  [ "$status" -eq 0 ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "build-go-tools: not built: ${failed[*]} (see the .failed files in $tools_dir)" >&2
  exit 3
fi
