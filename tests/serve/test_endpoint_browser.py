"""The page of ``zonekg serve`` in a real browser (Debian's Chromium, headless, via selenium).

The store holds one hostile entity, whose label is HTML with an ``onerror`` handler: the page must
show it as text.  Skips when Chromium or chromedriver is missing, except under CI=true.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.helpers import QUERIES, Server, console_errors, copy_project, requested_urls, with_store

pytestmark = [pytest.mark.browser, pytest.mark.server]

HOSTILE = '<img src=x onerror="window.pwned=1">福田恶意公司'
ZK = "https://w3id.org/zonekg/id/"


def hostile_quads(source_graph: str, source: str) -> bytes:
    """One company whose Chinese label is HTML, written by pyoxigraph's serialiser."""
    import pyoxigraph as ox

    g, e = ox.NamedNode(source_graph), ox.NamedNode(ZK + "hostile-co")
    quads = [
        ox.Quad(e, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode("https://w3id.org/zonekg/ontology#Company"), g),
        ox.Quad(e, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(HOSTILE, language="zh"), g),
        ox.Quad(e, ox.NamedNode("https://w3id.org/zonekg/ontology#mentionedIn"), ox.NamedNode(source), g),
    ]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


@pytest.fixture(scope="module")
def hostile_server(built, project: Path, tmp_path_factory: pytest.TempPathFactory):
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    (root / "build").mkdir()
    shutil.copy(project / "build" / "zone.nq", root / "build" / "zone.nq")
    extra = hostile_quads("https://w3id.org/zonekg/graph/yushang-etdz-2024-09-29",
                          "https://w3id.org/zonekg/source/yushang-etdz-2024-09-29")
    srv = Server(with_store(root, extra))
    yield srv
    srv.close()


def wait_for(driver, script: str, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while not (value := driver.execute_script(script)):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return value


def answer_cells(driver) -> list[list[str]]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#answer-body tbody tr')]"
        ".map(tr => [...tr.cells].map(td => td.textContent))")


def run_and_wait(driver, title_part: str) -> list[list[str]]:
    wait_for(driver, f"return document.getElementById('answer-title').textContent.includes({title_part!r})"
                     " && document.querySelector('#answer-body table, #answer-body .error')", title_part)
    assert not driver.execute_script("return document.querySelector('#answer-body .error')"), \
        driver.execute_script("return document.getElementById('answer-body').textContent")
    return answer_cells(driver)


def test_query_page_in_chromium(browser, hostile_server) -> None:  # noqa: F811 — pytest fixture
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(hostile_server.url)
    listed = wait_for(driver, "return document.querySelectorAll('#queries > li').length", "the question list")
    assert listed == len(QUERIES)
    assert driver.find_element(By.CSS_SELECTOR, "#q-zone-approval .question-zh").text == \
        QUERIES["zone-approval"].question_zh

    # A named question with no parameter: the article's two approvers.
    driver.find_element(By.CSS_SELECTOR, "#q-zone-approval button").click()
    rows = run_and_wait(driver, "zone-approval")
    assert {r[1] for r in rows} == {"河南省委", "河南省人民政府"}

    # A parameter, and the hostile label shown as text, never as HTML.
    box = driver.find_element(By.CSS_SELECTOR, "#q-entity input[name=name]")
    box.send_keys("恶意公司")
    driver.find_element(By.CSS_SELECTOR, "#q-entity button").click()
    rows = run_and_wait(driver, "entity")
    assert [r[:2] for r in rows] == [["hostile-co", HOSTILE]]
    assert driver.execute_script("return document.querySelectorAll('main img').length") == 0
    assert driver.execute_script("return window.pwned") is None

    # The entity id links to the entity's card (the `about` query on its IRI).
    driver.find_element(By.LINK_TEXT, "hostile-co").click()
    rows = run_and_wait(driver, "Entity card: zk:hostile-co")
    assert ["→", "rdfs:label", HOSTILE] in [r[:3] for r in rows]
    assert driver.execute_script("return document.querySelectorAll('main img').length") == 0

    # A statement id links to the sentence behind it.
    driver.get(hostile_server.url + "#why=gdp-value")
    rows = run_and_wait(driver, "Evidence of statement gdp-value")
    assert "全区GDP完成48.98 亿元" in rows[0]

    # The user's own query goes to /sparql.
    driver.find_element(By.CSS_SELECTOR, "#own-form button").click()
    rows = run_and_wait(driver, "Your query")
    assert len(rows) == 20

    assert driver.execute_script("return window.pwned") is None
    assert console_errors(driver) == []
    outside = {u for u in requested_urls(driver) if not u.startswith(hostile_server.url)}
    assert outside == set(), outside  # nothing from the web: the page works offline
