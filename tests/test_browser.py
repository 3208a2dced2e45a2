"""The page in a real browser: Debian's headless Chromium, no network.

A page fails if it throws a JavaScript error, logs an error, fetches anything (its own file
aside), draws no nodes, or runs any of the script payloads that bulletin text can carry.
Skipped, with the reason, where chromium is not installed; ``.ci/run`` installs it.
"""
from __future__ import annotations

import json

import networkx as nx
import pytest

from chromium import Chromium, Loaded, available
from test_view import PAYLOADS, payload_graph, small

from casegraph.view import TYPE_STYLE, write_html

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(available() is not None, reason=str(available()))]

READY = "window.casegraphView && window.casegraphView.ready"


@pytest.fixture(scope="module")
def browser():
    with Chromium() as chromium:
        yield chromium


def open_page(browser: Chromium, G: nx.MultiDiGraph, path, **kw) -> Loaded:
    page = write_html(G, path, **kw)
    return browser.open(page.path.as_uri(), ready=READY)


def assert_clean(browser: Chromium, loaded: Loaded) -> None:
    browser.collect(loaded)
    assert loaded.errors == []
    assert loaded.requests == []


def coloured_pixels(browser: Chromium, hex_colour: str) -> int:
    """How many canvas pixels are (nearly) this colour: proof that something was drawn."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return browser.evaluate(f"""(() => {{
        const c = document.querySelector('#cg-graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
            if (d[i + 3] > 200 && Math.abs(d[i] - {r}) < 12 && Math.abs(d[i + 1] - {g}) < 12
                && Math.abs(d[i + 2] - {b}) < 12) n++;
        return n; }})()""")


def test_page_draws_its_nodes_offline(browser, tmp_path):
    G = small()
    loaded = open_page(browser, G, tmp_path / "g.html", evidence=lambda s: f"句子 {s['doc']}")
    assert_clean(browser, loaded)
    positions = browser.evaluate("Object.keys(casegraphView.network.getPositions()).length")
    assert positions == G.number_of_nodes()
    assert coloured_pixels(browser, TYPE_STYLE["case"][0]) > 100
    assert coloured_pixels(browser, TYPE_STYLE["location"][0]) > 50
    assert browser.evaluate("casegraphView.network.physics.options.enabled") is False
    legend = browser.evaluate("document.getElementById('cg-legend').textContent")
    assert "case 病例 (3)" in legend and "visited (1)" in legend


def test_click_shows_attributes_sources_and_evidence(browser, tmp_path):
    loaded = open_page(browser, small(), tmp_path / "g.html",
                       evidence=lambda s: f"证据句 {s['doc']}")
    click_node(browser, 0)  # 病例1
    panel = browser.evaluate("document.getElementById('cg-panel').textContent")
    assert "病例1" in panel and "age30" in panel and "证据句 d1" in panel
    tip = browser.evaluate("[document.getElementById('cg-tip').hidden, "
                           "document.getElementById('cg-tip').textContent]")
    assert tip == [False, "病例1caseage: 30证据句 d1"]
    assert_clean(browser, loaded)


def test_an_address_can_name_the_node_to_show(browser, tmp_path):
    page = write_html(small(), tmp_path / "g.html")
    loaded = browser.open(page.path.as_uri() + "#node=" + "%E7%97%85%E4%BE%8B2", ready=READY)
    assert browser.evaluate("document.querySelector('#cg-panel h2').textContent") == "病例2"
    assert browser.evaluate("casegraphView.network.getSelectedNodes()") == [1]
    assert_clean(browser, loaded)


def test_filters_and_search(browser, tmp_path):
    loaded = open_page(browser, small(), tmp_path / "g.html")
    count = "document.getElementById('cg-count').textContent"
    assert browser.evaluate(count) == "6 of 6 nodes, 5 of 5 edges"
    browser.evaluate("""(() => { const box = document.querySelector('#cg-types input');
        box.click(); })()""")  # the first type in the legend: case
    assert browser.evaluate(count).startswith("3 of 6 nodes")
    browser.evaluate("document.getElementById('cg-reset').click()")
    browser.evaluate("""(() => { const since = document.getElementById('cg-since');
        since.value = '2022-04-15'; since.dispatchEvent(new Event('change')); })()""")
    # as select() keeps: by event dates (A小区 was visited on 04-28, reported on 05-01)
    assert browser.evaluate(count) == "5 of 6 nodes, 2 of 5 edges"
    hits = browser.evaluate("casegraphView.search('病例').length")
    assert hits == 4 and "4 matches" in browser.evaluate(
        "document.getElementById('cg-panel').textContent")
    assert_clean(browser, loaded)


def test_script_payloads_never_run(browser, tmp_path):
    G = payload_graph()
    loaded = open_page(browser, G, tmp_path / "x.html", evidence=lambda s: PAYLOADS[1])
    for i in range(G.number_of_nodes()):
        click_node(browser, i)  # a real click: tooltip on hover, panel on click
        panel = browser.evaluate("document.getElementById('cg-panel').textContent")
        assert browser.evaluate("casegraphView.info.nodes[%d].name" % i) in panel
    browser.evaluate("""(() => { const v = casegraphView;
        v.info.edges.forEach((e, i) => { v.showEdge(i); v.showTip(e, {x: 5, y: 5}); });
        v.search('script'); })()""")
    browser.evaluate("new Promise(done => setTimeout(done, 300))")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    shown = browser.evaluate("document.body.textContent")
    for text in PAYLOADS[:4]:
        assert text in shown  # shown as literal text (legend, panel, search hits)
    assert browser.evaluate("document.title") == PAYLOADS[0]
    assert_clean(browser, loaded)
    # The check can fail: the same text inserted as HTML does run, and is caught.
    browser.evaluate(f"document.body.insertAdjacentHTML('beforeend', {PAYLOADS[1]!r})")
    browser.evaluate("new Promise(done => setTimeout(done, 300))")
    assert browser.evaluate("window.__pwned") == "img"
    assert browser.collect(loaded).requests


def test_a_larger_page_settles_and_stops_physics(browser, tmp_path):
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(400, 2, seed=3))
    for n in G:
        G.nodes[n].update(type=("case", "location")[n % 2], name=f"n{n}")
    for u, v, k in G.edges(keys=True):
        G.edges[u, v, k]["relation"] = "visited"
    loaded = open_page(browser, G, tmp_path / "big.html")
    assert_clean(browser, loaded)
    assert browser.evaluate("Object.keys(casegraphView.network.getPositions()).length") == 400
    assert browser.evaluate("casegraphView.network.physics.options.enabled") is False
    assert coloured_pixels(browser, TYPE_STYLE["case"][0]) > 100


def click_node(browser: Chromium, index: int) -> None:
    """Move the mouse onto node ``index`` and click it, as a user would; return once the
    panel and the tooltip show that node. A page under load may not have redrawn the fitted
    view when the first events arrive, so the click is made again (at the node's position
    then) until the page shows it."""
    name = browser.evaluate(f"casegraphView.info.nodes[{index}].name")
    shown = f"""(() => {{ const h = document.querySelector('#cg-panel h2');
        const tip = document.getElementById('cg-tip');
        return h && h.textContent === {json.dumps(name)} && !tip.hidden
            && tip.textContent.startsWith({json.dumps(name)}); }})()"""
    for _attempt in range(20):
        x, y = browser.evaluate(f"""(() => {{
            const net = casegraphView.network;
            net.fit({{animation: false}});
            const p = net.canvasToDOM(net.getPositions([{index}])[{index}]);
            const box = document.getElementById('cg-graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }})()""")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                      "button": "left", "clickCount": 1})
        if browser.wait_for(f"new Promise(done => {{ const end = Date.now() + 2000; "
                            f"(function poll() {{ if ({shown} || Date.now() > end) done(true); "
                            f"else setTimeout(poll, 20); }})(); }})") and browser.evaluate(shown):
            return
    raise AssertionError(f"clicking node {index} ({name}) never showed it")


def test_time_axis_draws_each_case_at_the_x_of_its_date(browser, tmp_path):
    from test_analyze import hand_made_graph

    from casegraph.timeaxis import x_of

    G = hand_made_graph()
    loaded = open_page(browser, G, tmp_path / "t.html")
    assert browser.evaluate("casegraphView.setMode('time')") == "time"
    drawn = browser.evaluate("""Array.from(document.querySelectorAll('#cg-time-svg g.cg-trow')).map(
        g => [g.getAttribute('data-date'), Number(g.querySelector('circle').getAttribute('cx')),
              g.querySelector('text').textContent])""")
    dates = {d["name"]: d.get("onset_date") or d.get("positive_date") for _n, d in G.nodes(data=True)
             if d.get("type") == "case" and (d.get("onset_date") or d.get("positive_date"))}
    assert sorted(name for _d, _x, name in drawn) == sorted(dates)  # W has no date: not drawn
    start = min(dates.values())
    assert all(day == dates[name] and x == x_of(day, start) for day, x, name in drawn)
    rows = [name for _d, _x, name in drawn]
    assert rows[:6] == ["A", "I", "B", "D", "H", "E"]  # depth first, infectees by date
    assert rows.index("C") < rows.index("G") < rows.index("F") < rows.index("K")
    caption = browser.evaluate("document.getElementById('cg-time-caption').textContent")
    assert "onset 13" in caption and "positive 1" in caption and "1 undated" in caption
    bars = "document.querySelectorAll('#cg-curve-svg rect.cg-day:not(.cg-out)').length"
    assert browser.evaluate(bars) == len(set(dates.values()))
    browser.evaluate("""(() => { const until = document.getElementById('cg-until');
        until.value = '2022-04-05'; until.dispatchEvent(new Event('change')); })()""")
    shown = {day for day in dates.values() if day <= "2022-04-05"}
    assert browser.evaluate(bars) == len(shown)  # the epicurve follows the date boxes
    assert browser.evaluate("document.getElementById('cg-graph').hidden") is True
    assert browser.evaluate("casegraphView.setMode('network')") == "network"
    assert_clean(browser, loaded)
    page = tmp_path / "t.html"
    loaded = browser.open(page.as_uri() + "#view=time&node=A", ready=READY)  # an address opens it
    assert browser.evaluate("[document.getElementById('cg-time').hidden, "
                            "document.querySelector('#cg-panel h2').textContent]") == [False, "A"]
    assert_clean(browser, loaded)


def test_analysis_plots_show_in_the_page_without_a_request(browser, tmp_path):
    plots = {"epicurve": b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                         b'<rect width="40" height="20" fill="#d9534f"/></svg>'}
    loaded = open_page(browser, small(), tmp_path / "p.html", plots=plots)
    shown = browser.evaluate("""(() => { const img = document.querySelector('#cg-plots img');
        return [document.getElementById('cg-plots').hidden, img.complete && img.naturalWidth,
                document.querySelector('#cg-plots figcaption').textContent]; })()""")
    assert shown == [False, 40, "epicurve"]
    assert_clean(browser, loaded)


def test_search_finds_nodes_the_page_does_not_draw_and_tells_people_apart(browser, tmp_path):
    G = nx.MultiDiGraph()
    for i, city in enumerate(("甲市", "乙市")):  # two people with one label
        G.add_node(f"case:{city}:病例1", type="case", name="病例1", city=city,
                   sources=[{"doc": f"d{i}", "date": f"2022-04-1{i}", "start": 0, "end": 1}])
        for j in range(3):  # the first city's cluster is drawn, the second's is left out
            G.add_node(f"location:{city}:{j}", type="location", name=f"{city}地点{j}", city=city)
            G.add_edge(f"case:{city}:病例1", f"location:{city}:{j}", "visited", relation="visited")
    G.add_edge("case:甲市:病例1", "location:甲市:0", "resides_at", relation="resides_at")
    loaded = open_page(browser, G, tmp_path / "s.html", max_nodes=4)
    hits = browser.evaluate("casegraphView.search('病例1')")
    assert hits == [0, "case:乙市:病例1"]  # the drawn one by its page number, the other by id
    panel = browser.evaluate("document.getElementById('cg-panel').textContent")
    assert "2 matches (1 not drawn)" in panel
    assert "病例1 (case · 甲市 · 2022-04-10)" in panel and "病例1 (case · 乙市 · 2022-04-11)" in panel
    assert "casegraph view OUT --focus 'case:乙市:病例1'" in panel
    assert browser.evaluate("document.querySelector('#cg-panel h2')") is None  # nobody picked
    assert_clean(browser, loaded)
