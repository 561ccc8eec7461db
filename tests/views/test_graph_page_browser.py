"""build/zone.html in a real browser: Debian's Chromium driven by selenium, with no network.

Skips with a reason when Chromium or chromedriver is missing, except under CI=true, where it
fails instead.  Expected counts come from SPARQL over the built RDF, not from the page.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph

from tests.helpers import console_errors, hostile_project, open_page, requested_urls, visible_entity_count
from zonekg.model.namespaces import PREFIXES
from zonekg.views.graph_page import view_graph

pytestmark = [pytest.mark.browser]

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def drawn_nodes(driver) -> int:
    return driver.execute_script("return window.zonekg.network.body.nodeIndices.length")


def search(driver, text: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(text, Keys.ENTER)
    return driver.execute_script("return window.zonekg.network.getSelectedNodes()")


def count(graph: Graph, query: str) -> int:
    return int(next(iter(graph.query(query, initNs=PREFIXES)))[0])


def test_zone_html_in_chromium(browser, built, project: Path) -> None:
    from selenium.webdriver.common.by import By

    page = project / "build" / "zone.html"
    open_page(browser, page)
    assert console_errors(browser) == []
    assert requested_urls(browser) <= {page.resolve().as_uri()}, "the page must load nothing else"

    g = view_graph(built.dataset)
    total = visible_entity_count(g)
    assert drawn_nodes(browser) == total

    # Search by Chinese alias and by English label (names from the article).
    assert search(browser, "福田智蓝") == ["zk:futian-zhilan"]
    details = browser.find_element(By.ID, "details").text
    assert "河南福田智蓝新能源汽车公司" in details and "第 8 句" in details
    shot = project / "build" / "zone.png"  # the company and its neighbourhood, for people to look at
    browser.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert search(browser, "Shangqiu City") == ["zk:shangqiu"]

    # Class filter: hiding people (the category, or its one class once ▸ opens it) hides exactly
    # the entities whose class is zo:Person.
    people = count(g, "SELECT (COUNT(DISTINCT ?p) AS ?c) WHERE { ?p a zo:Person ; zo:mentionedIn ?s }")
    assert people == 3  # the reporter 马晓伟, 张峰, and the unnamed head of the company
    browser.find_element(By.CSS_SELECTOR, 'input[data-cat="person"]').click()
    assert drawn_nodes(browser) == total - people
    browser.find_element(By.CSS_SELECTOR, 'input[data-cat="person"]').click()
    assert drawn_nodes(browser) == total
    browser.find_element(By.CSS_SELECTOR, 'button[data-toggle="person"]').click()
    browser.find_element(By.CSS_SELECTOR, 'input[data-cls="zo:Person"]').click()
    assert drawn_nodes(browser) == total - people
    assert not browser.find_element(By.CSS_SELECTOR, 'input[data-cat="person"]').is_selected()
    browser.find_element(By.CSS_SELECTOR, 'input[data-cls="zo:Person"]').click()
    assert drawn_nodes(browser) == total

    # Modality filter: hiding what is only intended hides the nodes every statement of which is
    # planned, targeted or an aspiration.
    only_intended = count(g, """
        SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
          ?st a zo:Statement ; zo:subject|zo:object ?n .
          FILTER NOT EXISTS {
            ?other a zo:Statement ; zo:subject|zo:object ?n ; zo:modality ?m .
            FILTER NOT EXISTS { ?m skos:broader zk:modality-intended }
          }
        }""")
    assert only_intended > 0
    browser.find_element(By.CSS_SELECTOR, 'input[data-group="intended"]').click()
    assert drawn_nodes(browser) == total - only_intended
    assert browser.execute_script("return document.body.getAttribute('data-visible-nodes')") == str(
        total - only_intended)
    browser.find_element(By.ID, "reset").click()
    assert drawn_nodes(browser) == total

    # Switch to English: labels change, counts do not.
    browser.find_element(By.ID, "lang").click()
    assert browser.execute_script("return window.zonekg.nodes.get('zk:shangqiu').label") == "Shangqiu City"
    assert drawn_nodes(browser) == total
    browser.find_element(By.ID, "lang").click()

    assert console_errors(browser) == []
    assert requested_urls(browser) <= {page.resolve().as_uri()}


def test_hostile_text_shows_literally_and_runs_nothing(browser, scratch: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    from zonekg.pipeline.run import run_build

    root = hostile_project(scratch)
    run_build(root)
    page = root / "build" / "zone.html"
    open_page(browser, page)
    time.sleep(0.3)  # give any injected handler (img onerror, svg onload) time to fire
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title == "开发区知识图谱 · Zone knowledge graph"
    markup = "return document.querySelectorAll('img, svg, iframe, a[href], script:not([type])').length"
    assert browser.execute_script(markup) == 2  # our own two scripts, nothing else
    assert console_errors(browser) == []
    assert requested_urls(browser) <= {page.resolve().as_uri()}

    plant = '<a href="javascript:window.__pwned=4">厂区</a>'
    assert search(browser, plant) == ["zk:evil-plant"]
    assert browser.find_element(By.ID, "search-status").text == plant
    details = browser.find_element(By.ID, "details").text
    assert plant in details and "plant <svg onload=window.__pwned=6>" in details
    company = "公司</script><script>window.__pwned=2;document.title='PWNED'</script>"
    assert search(browser, company) == ["zk:evil-company"]
    details = browser.find_element(By.ID, "details").text
    assert "javascript:window.__pwned=3 &amp; <b>一流</b>" in details  # the value, entities and all

    # Hover the node: vis-network's own tooltip shows the literal label too.
    x, y = browser.execute_script("""
        const n = window.zonekg.network;
        n.focus('zk:evil-plant', {scale: 1, animation: false});  // in view, left of the details panel
        const p = n.canvasToDOM(n.getPosition('zk:evil-plant'));
        const r = document.querySelector('#graph canvas').getBoundingClientRect();
        return [Math.round(p.x - r.width / 2), Math.round(p.y - r.height / 2)];""")
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    ActionChains(browser).move_to_element_with_offset(canvas, x, y).perform()
    deadline = time.monotonic() + 5
    tip = ""
    while plant not in tip and time.monotonic() < deadline:
        time.sleep(0.1)
        tip = browser.execute_script("const t = document.querySelector('div.vis-tooltip');"
                                     "return t && t.style.visibility !== 'hidden' ? t.textContent : ''")
    assert plant in tip
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    shot = page.with_name("zone-hostile.png")
    browser.save_screenshot(str(shot))
    print(f"screenshot: {shot}")


@pytest.mark.parametrize("args", [("--classes",), ("--around", "福田智蓝", "--depth", "2")])
def test_other_views_in_chromium(browser, project: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    from click.testing import CliRunner

    from zonekg.cli.app import app

    out = tmp_path / "view.html"
    res = CliRunner().invoke(app, ["viz", "--root", str(project), *args, "--out", str(out)])
    assert res.exit_code == 0, res.output
    open_page(browser, out)
    assert console_errors(browser) == []
    assert requested_urls(browser) <= {out.resolve().as_uri()}
    shown = drawn_nodes(browser)
    assert shown > 10 and shown == browser.execute_script("return window.zonekg.nodes.length")


def viewport(driver, width: int, height: int) -> None:
    """An exact viewport (the window's own size includes browser chrome that headless lacks)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


#: Where a node's label box sits on the screen, and the canvas it must stay inside.
LABEL_BOX = """
const z = window.zonekg, net = z.network, out = [];
const r = document.querySelector('#graph canvas').getBoundingClientRect();
for (const id of net.body.nodeIndices) {
  if (!z.labelShown(id)) continue;
  const s = net.body.nodes[id].labelModule.size;
  const a = net.canvasToDOM({x: s.left, y: s.top}), b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
  out.push([id, a.x + r.left, a.y + r.top, b.x + r.left, b.y + r.top]);
}
return [out, [r.left, r.top, r.right, r.bottom]];"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_screen_is_readable(browser, built, project: Path, size: tuple[int, int]) -> None:
    """What an analyst sees before touching anything: every filter without scrolling, the zone and
    its bodies in the middle with their names, the other names only on zooming in, and no
    drawn label cut off at the edge.  Screenshots go to the test project's build/ for people."""
    from selenium.webdriver.common.by import By

    width, height = size
    viewport(browser, width, height)
    try:
        page = project / "build" / "zone.html"
        open_page(browser, page)
        time.sleep(0.3)
        assert browser.execute_script("return [innerWidth, innerHeight]") == [width, height]
        assert browser.execute_script("return document.scrollingElement.scrollHeight") <= height

        # Every filter control (modality groups and members, class categories with their ▸,
        # all/none), the search and the buttons of the header lie inside the viewport.
        filters = browser.find_elements(By.CSS_SELECTOR, "#filters input, #filters button")
        shown = [c for c in filters if c.is_displayed()]
        # 2 groups of 2 and 3 modalities, "claimed" alone; 9 categories × (box, ▸); all / none.
        assert len(shown) == (3 + 4 + 1) + 2 * 9 + 2
        shown += browser.find_elements(By.CSS_SELECTOR, "header input, header button")
        for c in shown:
            box = browser.execute_script("const r = arguments[0].getBoundingClientRect();"
                                         "return [r.left, r.top, r.right, r.bottom]", c)
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, (
                c.get_attribute("outerHTML")[:80], box)

        # From the article: the zone (豫商经济技术开发区) and the bodies that run it, its management
        # committee and its party working committee, are in the middle and named.
        core = ["zk:yushang-etdz", "zk:yushang-mc", "zk:yushang-pwc"]
        tiers = browser.execute_script("return Object.fromEntries(window.zonekg.nodes.get().map(n => [n.id, n.tier]))")
        assert [c for c in tiers if tiers[c] == 0] == sorted(core)
        rect = browser.execute_script("const r = document.querySelector('#graph canvas').getBoundingClientRect();"
                                      "return [r.left, r.top, r.width, r.height]")
        for node in core:
            p = browser.execute_script("return window.zonekg.network.canvasToDOM("
                                       "window.zonekg.network.getPosition(arguments[0]))", node)
            assert abs(p["x"] - rect[2] / 2) < 0.15 * rect[2] and abs(p["y"] - rect[3] / 2) < 0.2 * rect[3], node
            assert browser.execute_script("return window.zonekg.labelShown(arguments[0])", node), node

        # Other labels wait for the zoom: on the first screen only the core and the hubs are named.
        named = [n for n in tiers if browser.execute_script("return window.zonekg.labelShown(arguments[0])", n)]
        assert set(named) == {n for n, t in tiers.items() if t < 2}
        assert len(named) <= 16 < len(tiers)
        boxes, (left, top, right, bottom) = browser.execute_script(LABEL_BOX)
        for node, x0, y0, x1, y1 in boxes:
            assert x0 >= left - 1 and y0 >= top - 1 and x1 <= right + 1 and y1 <= bottom + 1, (node, x0, y0, x1, y1)
        shot = project / "build" / f"zone-{width}x{height}.png"
        browser.save_screenshot(str(shot))
        print(f"screenshot: {shot}")

        # Zoomed in 1.6 times, the other entities' names appear.
        browser.execute_script("const n = window.zonekg.network; n.moveTo({scale: n.getScale() * 1.6});")
        later = [n for n in tiers if browser.execute_script("return window.zonekg.labelShown(arguments[0])", n)]
        assert set(later) == set(tiers)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
