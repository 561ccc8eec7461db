"""How long the HTML view takes at 1,000 and 5,000 nodes: writing it, and drawing it in Chromium.

Synthetic graphs (a preferential-attachment graph, so a few hubs as in the zone's graph) go
through the same code as build/zone.html: the grouped layout (the best-connected node in the
middle, twelve classes in four categories around it), pyvis records, our template.  The
browser time runs from navigation start to vis-network's first 'afterDrawing' (physics is off,
so the first drawing is the stable one).  Run: python benchmarks/bench_viz.py [sizes...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from zonekg.views.graph_page import MODALITIES, View, grouped_layout, render


def synthetic(n: int, seed: int = 1) -> View:
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    classes = [f"zo:Class{i}" for i in range(12)]
    for v in base.nodes:
        g.add_node(v, iri=f"https://example.org/{v}", label_zh=f"节点{v}", label_en=f"node {v}",
                   cls=classes[v % 12], cls_label_zh=f"类{v % 12}", cls_label_en=f"class {v % 12}",
                   kind="entity", attrs={}, evidence=[])
    for i, (u, v) in enumerate(base.edges):
        g.add_edge(u, v, key="zo:rel", property="x", label_zh="关系", label_en="relates to",
                   modalities=[MODALITIES[i % len(MODALITIES)][0]], evidence=[])
    legend = [{"id": c, "zh": c, "en": c, "color": "#4a78c2", "shape": "dot", "category": f"cat{k % 4}",
               "category_zh": f"类别{k % 4}", "category_en": f"category {k % 4}", "count": n // 12}
              for k, c in sorted(enumerate(classes), key=lambda kc: (kc[0] % 4, kc[0]))]
    mods = [{"id": m, "group": grp, "zh": m, "en": m, "group_zh": grp, "group_en": grp} for m, grp in MODALITIES]
    return View("graph", "合成图", "synthetic graph", g, classes=legend, modalities=mods)


def browser_ms(page: Path) -> tuple[float, int]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
                f"--user-data-dir={tempfile.mkdtemp()}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.get(page.as_uri())
        while not driver.execute_script("return document.body.getAttribute('data-drawn')"):
            time.sleep(0.02)
        drawn = driver.execute_script("return window.zonekg.state.drawnAt")
        nodes = driver.execute_script("return window.zonekg.network.body.nodeIndices.length")
        return drawn, nodes
    finally:
        driver.quit()


def main(sizes: list[int]) -> None:
    out = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    print(f"{'nodes':>6} {'edges':>6} {'layout s':>9} {'write s':>8} {'MB':>5} {'browser s':>10}")
    for n in sizes:
        view = synthetic(n)
        t0 = time.perf_counter()
        category = {c["id"]: c["category"] for c in view.classes}
        grouped_layout(view.graph, {v: category[d["cls"]] for v, d in view.graph.nodes(data=True)},
                       sorted(set(category.values())), [])
        t1 = time.perf_counter()
        html = render(view)  # lays out again: the write time includes the layout
        page = out / f"zone-{n}.html"
        page.write_bytes(html)
        t2 = time.perf_counter()
        drawn_ms, shown = browser_ms(page)
        assert shown == n, (shown, n)
        print(f"{n:>6} {view.graph.number_of_edges():>6} {t1 - t0:>9.2f} {t2 - t1:>8.2f} "
              f"{len(html) / 1e6:>5.1f} {drawn_ms / 1000:>10.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
