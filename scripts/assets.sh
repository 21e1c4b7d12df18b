#!/usr/bin/env bash
# Refreshes static/vendor from the pinned npm packages in package.json.
# The copied files are committed, so building jobmatch never needs npm;
# run this only to change a version.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pico=$(node -p 'require("./package.json").devDependencies["@picocss/pico"]')
htmx=$(node -p 'require("./package.json").devDependencies["htmx.org"]')
(cd "$tmp" && npm pack --silent "@picocss/pico@$pico" "htmx.org@$htmx" >/dev/null)
rm -rf static/vendor && mkdir -p static/vendor/pico static/vendor/htmx
tar xzf "$tmp"/picocss-pico-"$pico".tgz -C "$tmp" package/css/pico.min.css package/LICENSE.md
cp "$tmp/package/css/pico.min.css" static/vendor/pico/pico.min.css
cp "$tmp/package/LICENSE.md" static/vendor/pico/LICENSE.md
rm -rf "$tmp/package"
tar xzf "$tmp"/htmx.org-"$htmx".tgz -C "$tmp" package/dist/htmx.min.js package/LICENSE
cp "$tmp/package/dist/htmx.min.js" static/vendor/htmx/htmx.min.js
cp "$tmp/package/LICENSE" static/vendor/htmx/LICENSE
printf 'pico %s\nhtmx %s\n' "$pico" "$htmx" > static/vendor/VERSIONS
echo "static/vendor: pico $pico, htmx $htmx"
