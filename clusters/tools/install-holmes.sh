#!/usr/bin/env bash
# Installs HolmesGPT (PyPI `holmesgpt`, pinned) in a venv of its own, cached by version under
# ${FIREDRILL_TOOLS_DIR:-$HOME/.cache/firedrill/tools}/holmes-<version>/, so a second run is a
# no-op. firedrill's `holmes` agent runs <that dir>/venv/bin/holmes. Prints what it did and how
# long it took. Exit 0 installed or cached, 3 no python3 or a failed install.
set -euo pipefail

version="0.45.0"
tools_dir="${FIREDRILL_TOOLS_DIR:-$HOME/.cache/firedrill/tools}"
dest="$tools_dir/holmes-$version"

# install-info.txt is written last: without it a folder is a broken install, made again.
if [ -x "$dest/venv/bin/holmes" ] && [ -f "$dest/install-info.txt" ]; then
  echo "holmes $version: cached in $dest ($(cat "$dest/install-info.txt"))"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "install-holmes: python3 is not installed; HolmesGPT needs Python >= 3.10" >&2
  exit 3
fi

rm -rf "$dest"
mkdir -p "$dest"
echo "installing holmesgpt==$version into a venv with $(python3 --version)..."
started=$SECONDS
# A venv names its interpreter by absolute path: it is made where it will stay.
python3 -m venv "$dest/venv"
if ! "$dest/venv/bin/pip" install --quiet --disable-pip-version-check "holmesgpt==$version" > "$dest/pip.log" 2>&1; then
  tail -20 "$dest/pip.log" >&2
  echo "install-holmes: pip install holmesgpt==$version failed" >&2
  rm -rf "$dest"
  exit 3
fi
secs=$((SECONDS - started))
echo "installed holmesgpt $version in ${secs}s on $(date -u +%Y-%m-%dT%H:%M:%SZ), $(python3 --version)" > "$dest/install-info.txt"
echo "holmes $version: $(cat "$dest/install-info.txt")"
