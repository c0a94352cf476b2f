#!/usr/bin/env bash
# Refresh the browser libraries shipped in api/static/vendor (the UI must work offline: no CDN).
# Needs npm. Pinned versions; the checksums in api/static/vendor/README.md say what was committed.
set -euo pipefail
CYTOSCAPE=3.35.0
YASGUI=4.6.2
SWAGGER_UI=5.35.0
REDOC=2.5.4
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "cytoscape@$CYTOSCAPE" "@zazuko/yasgui@$YASGUI" "swagger-ui-dist@$SWAGGER_UI" "redoc@$REDOC" >/dev/null
for f in *.tgz; do tar -xzf "$f" && mv package "${f%.tgz}"; done
cp cytoscape-"$CYTOSCAPE"/dist/cytoscape.min.js "$here/api/static/vendor/"
cp cytoscape-"$CYTOSCAPE"/LICENSE "$here/api/static/vendor/cytoscape.LICENSE"
cp zazuko-yasgui-"$YASGUI"/build/yasgui.min.js zazuko-yasgui-"$YASGUI"/build/yasgui.min.css "$here/api/static/vendor/"
v="$here/api/static/vendor"
cp swagger-ui-dist-"$SWAGGER_UI"/swagger-ui-bundle.js swagger-ui-dist-"$SWAGGER_UI"/swagger-ui.css "$v/"
cp swagger-ui-dist-"$SWAGGER_UI"/LICENSE "$v/swagger-ui.LICENSE"
cp swagger-ui-dist-"$SWAGGER_UI"/NOTICE "$v/swagger-ui.NOTICE"
cp redoc-"$REDOC"/LICENSE "$v/redoc.LICENSE"
# Redocly's footer logo comes from their CDN: an empty data: image instead, which ReDoc then leaves out.
sed 's#src:"https://cdn.redoc.ly/redoc/logo-mini.svg"#src:"data:,"#' redoc-"$REDOC"/bundles/redoc.standalone.js \
  > "$v/redoc.standalone.js"
if grep -q 'cdn.redoc.ly' "$v/redoc.standalone.js"; then echo "redoc still names cdn.redoc.ly" >&2; exit 1; fi
cd "$v" && sha256sum cytoscape.min.js yasgui.min.js yasgui.min.css swagger-ui-bundle.js swagger-ui.css redoc.standalone.js
