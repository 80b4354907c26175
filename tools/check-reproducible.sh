#!/usr/bin/env bash
# Builds the extension packages a second time, from a copy of the sources in another folder with a
# fresh cargo target folder, and checks that both zips are byte-identical to the ones in dist/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
copy=$(mktemp -d "${TMPDIR:-/tmp}/objection-repro.XXXXXX")
trap 'rm -rf "$copy"' EXIT
cd "$here"
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$copy"
ln -s "$here/node_modules" "$copy/node_modules"
mkdir -p "$copy/build" && cp build/.deps-* "$copy/build/"
echo "Rebuilding in $copy (a fresh WebAssembly build takes a minute)"
CARGO_TARGET_DIR="$copy/target" make -s -C "$copy" dist/chrome.zip dist/firefox.zip >/dev/null
status=0
for zip in chrome.zip firefox.zip; do
  if cmp -s "dist/$zip" "$copy/dist/$zip"; then
    echo "$zip: byte-identical ($(sha256sum "dist/$zip" | cut -c1-16)…)"
  else
    echo "$zip: DIFFERS between two builds of the same sources"; status=1
  fi
done
exit $status
