"""Open a page's time axis in headless Chromium and check every drawn case sits at the x of
its date, with no JavaScript error and no request.

Usage::

    python bench/check_timeaxis.py OUT/graph.html

Prints how many cases were drawn, how many sit elsewhere (should be 0), the errors and the
requests (should be none). Uses the test suite's DevTools driver (tests/chromium.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Chromium  # noqa: E402

from casegraph.timeaxis import x_of  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path, help="a page casegraph wrote (OUT/graph.html)")
    page = parser.parse_args().page.resolve()
    with Chromium(timeout=120) as browser:
        loaded = browser.open(page.as_uri() + "#view=time", ready="window.casegraphView && window.casegraphView.ready")
        drawn = browser.evaluate("""Array.from(document.querySelectorAll('#cg-time-svg g.cg-trow')).map(
            g => [g.getAttribute('data-date'), Number(g.querySelector('circle').getAttribute('cx'))])""")
        start = browser.evaluate("casegraphView.timeline.start")
        browser.collect(loaded)
    misplaced = [(day, x) for day, x in drawn if x != x_of(day, start)]
    print(json.dumps({"cases drawn": len(drawn), "axis starts": start, "misplaced": len(misplaced),
                      "errors": loaded.errors, "requests": loaded.requests}, ensure_ascii=False))
    return 0 if drawn and not misplaced and not loaded.errors and not loaded.requests else 1


if __name__ == "__main__":
    sys.exit(main())
