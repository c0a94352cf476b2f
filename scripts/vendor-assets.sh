#!/usr/bin/env bash
# Refresh the browser libraries shipped in api/static/vendor (the UI must work offline: no CDN).
# Needs npm. Pinned versions; the checksums in api/static/vendor/README.md say what was committed.
set -euo pipefail
CYTOSCAPE=3.35.0
YASGUI=4.6.2
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "cytoscape@$CYTOSCAPE" "@zazuko/yasgui@$YASGUI" >/dev/null
for f in *.tgz; do tar -xzf "$f" && mv package "${f%.tgz}"; done
cp cytoscape-"$CYTOSCAPE"/dist/cytoscape.min.js "$here/api/static/vendor/"
cp cytoscape-"$CYTOSCAPE"/LICENSE "$here/api/static/vendor/cytoscape.LICENSE"
cp zazuko-yasgui-"$YASGUI"/build/yasgui.min.js zazuko-yasgui-"$YASGUI"/build/yasgui.min.css "$here/api/static/vendor/"
cd "$here/api/static/vendor" && sha256sum cytoscape.min.js yasgui.min.js yasgui.min.css
