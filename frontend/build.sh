#!/usr/bin/env bash
# Rebuild the vendored GOV.UK Frontend assets from the versions pinned in
# package-lock.json, and write them where Django's staticfiles finds them:
#
#   complaints/static/govuk/govuk-frontend.min.css  GOV.UK Frontend, Arial, no GDS Transport
#   complaints/static/govuk/govuk-frontend.min.js   ES module: initAll() etc.
#   complaints/static/govuk/assets/images/          images (no fonts: we do not use them)
#   complaints/static/govuk/assets/manifest.json
#   complaints/static/app.css                       project styles (frontend/app.scss)
#   tests/browser/vendor/axe.min.js                 axe-core, injected by the browser tests
#
# Usage: frontend/build.sh   (from anywhere; needs node and npm)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
static="$root/complaints/static"
govuk_src="$here/node_modules/govuk-frontend/dist/govuk"
govuk_out="$static/govuk"
sass="$here/node_modules/.bin/sass"

cd "$here"
# --ignore-scripts: nothing here needs an install script (sass's optional
# file watcher would try to build a native module).
npm ci --no-audit --no-fund --ignore-scripts

rm -rf "$govuk_out"
mkdir -p "$govuk_out/assets" "$root/tests/browser/vendor"

# Sass and GOV.UK Frontend warnings are left on: they flag settings to revisit on upgrade.
sass_flags=(--load-path="$here/node_modules" --style=compressed --no-source-map)
"$sass" "${sass_flags[@]}" "$here/govuk-frontend.scss" "$govuk_out/govuk-frontend.min.css"
"$sass" "${sass_flags[@]}" "$here/app.scss" "$static/app.css"

cp "$govuk_src/govuk-frontend.min.js" "$govuk_out/"
cp -R "$govuk_src/assets/images" "$govuk_out/assets/images"
if [[ -f "$govuk_src/assets/manifest.json" ]]; then
  cp "$govuk_src/assets/manifest.json" "$govuk_out/assets/"
fi
cp "$here/node_modules/axe-core/axe.min.js" "$root/tests/browser/vendor/axe.min.js"

# The compiled CSS must not use GDS Transport nor point outside our assets.
for css in "$govuk_out/govuk-frontend.min.css" "$static/app.css"; do
  if grep -qi "GDS Transport" "$css"; then
    echo "build.sh: $css mentions GDS Transport" >&2
    exit 1
  fi
  if grep -o 'url([^)]*)' "$css" | grep -v -e '^url("\?/static/govuk/assets/' -e '^url("\?data:'; then
    echo "build.sh: $css has a url() outside /static/govuk/assets/" >&2
    exit 1
  fi
done

echo "Built GOV.UK Frontend $(node -p 'require("govuk-frontend/package.json").version') into $govuk_out"
