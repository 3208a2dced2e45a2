#!/usr/bin/env bash
# Rebuild examples/: the three seed bulletins of data/ built into one store, every export,
# the page, and the page's screenshot. Run from the repository root: examples/make.sh
#
# Needs Debian's chromium for the screenshot (apt-get install chromium) and a CJK font so
# that Chinese shows as text, not boxes (apt-get install fonts-wqy-zenhei, or fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."

casegraph build data/ -o examples/seeds --rebuild   # graph.json, exports, graph.html
# the lock, the query index and the outputs stamp (caches tied to this disk's copy of
# graph.json) stay out
rm -f examples/seeds/.casegraph.lock examples/seeds/.casegraph.lock.owner examples/seeds/graph.index.sqlite \
    examples/seeds/.casegraph.outputs

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-quic \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1280,800 \
    --virtual-time-budget=10000 --screenshot="$PWD/examples/seeds.png" \
    "file://$PWD/examples/seeds/graph.html#node=感染者129" 2>/dev/null
