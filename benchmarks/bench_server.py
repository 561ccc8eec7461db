"""The named queries at scale on the project's path and on Virtuoso, with the same data: times and
whether the rows are the same.

Usage: python benchmarks/bench_server.py [--copies 179] [--runs 3] [--timeout 60] [--buffers 170000]
                                         [--only q1,q2] [--no-virtuoso] [--keep DIR [--reuse-store]]
                                         [--no-worker]

The data are the article's graph replicated with renamed IRIs (benchmarks/make_big_graph.py; 179
copies give about a million quads, 1790 about ten million).  Measured in one run:

- writing the project's store (``zonekg.store.local.write_store``) and a raw ``bulk_load`` of the
  same N-Quads, each in a child process (wall time and peak memory), and the store's size on disk;
- loading the same quads into Virtuoso 7 (Debian's ``virtuoso-t``, a fresh database) with its bulk
  loader: every named graph from the N-Quads, and the union of the source and ontology graphs as
  the graph ``<https://w3id.org/zonekg/graph/union>``, exactly what ``zonekg push`` writes (the
  project store's default graph, as N-Triples);
- every named query, with the parameters of ``bench_queries.py``:

  * ``in-process``: the store opened once, ``Store.query`` and every row made into Python terms
    (what a warm worker pays; median of ``--runs`` after one warm-up run);
  * ``project``: ``zonekg.queries.engine.run`` on the store folder (what ``zonekg query`` pays: a
    forked worker opens the store read-only and sends the rows back; median of ``--runs``, the
    check's verdicts kept beside the store as ``zonekg query`` keeps them in the build folder);
  * ``virtuoso``: the SPARQL 1.1 Protocol over HTTP on Virtuoso's ``/sparql``, the union graph
    named as the default graph (``default-graph-uri``), JSON results read (median of ``--runs``
    after one warm-up run);
  * the rows compared as multisets (numbers by value, date-times by value, plain and xsd:string
    literals alike).

Virtuoso's configuration is Debian's ``virtuoso.ini`` with its own folder and ports, ``--buffers``
pages of buffer (8 KiB each), no result limit, ``MaxQueryExecutionTime = --timeout`` and
``MaxQueryCostEstimationTime = 0`` (Virtuoso otherwise refuses queries it estimates above 400 s,
which it does for several named queries that then answer in under a second).  A query stopped by a
limit is reported with its limit.  The machine's load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_queries import PARAMS, built_article  # noqa: E402
from make_big_graph import replicate_to  # noqa: E402

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
NUMERIC = ("integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
           "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt")


# --- comparing rows ----------------------------------------------------------------------------

def norm(binding: dict | None) -> tuple | None:
    """A SPARQL JSON binding compared by meaning: IRIs by text, numbers and date-times by value,
    language strings with their tag, other literals by text (plain and xsd:string alike)."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ("iri", value)
    if kind == "bnode":
        return ("bnode",)
    if "xml:lang" in binding:
        return ("lang", value, binding["xml:lang"].lower())
    datatype = binding.get("datatype", "").rsplit("#", 1)[-1]
    if datatype in NUMERIC:
        try:
            return ("number", Decimal(value).normalize())
        except InvalidOperation:
            return ("literal", value)
    if datatype in ("dateTime", "dateTimeStamp"):
        from datetime import datetime

        return ("datetime", datetime.fromisoformat(value.replace("Z", "+00:00")))
    if datatype == "boolean":
        return ("boolean", value in ("true", "1"))
    return ("literal", value)


def rows_of(doc: dict) -> list[tuple]:
    names = doc["head"]["vars"]
    return sorted((tuple(norm(b.get(n)) for n in names) for b in doc["results"]["bindings"]), key=repr)


# --- the project's side --------------------------------------------------------------------------

def _child_write(kind: str, nquads_path: str, target: str) -> None:
    import pyoxigraph as ox

    nquads = Path(nquads_path).read_bytes()
    if kind == "project":
        from zonekg.store.local import write_store

        write_store(nquads, Path(target))
    else:
        store = ox.Store(target)
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()


def timed_child(kind: str, nquads: Path, target: Path) -> tuple[float, float]:
    """Write a store in a child process: (wall seconds, the child's peak memory in MiB)."""
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); " \
           f"from bench_server import _child_write; _child_write({kind!r}, {str(nquads)!r}, {str(target)!r})"
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", code], check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def in_process(store, text: str, runs: int) -> tuple[float, list[tuple]]:
    import pyoxigraph as ox

    from zonekg.model.prefixes import PREFIXES

    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        answer = store.query(text, prefixes=PREFIXES)
        rows = [tuple(row) for row in answer] if isinstance(answer, ox.QuerySolutions) else [bool(answer)]
        if i:
            times.append(time.perf_counter() - start)
    doc = json.loads(store.query(text, prefixes=PREFIXES).serialize(format=ox.QueryResultsFormat.JSON))
    assert len(doc["results"]["bindings"]) == len(rows)
    return statistics.median(times), rows_of(doc)


def through_worker(nq, folder: Path, params: dict, runs: int, limit: float) -> float | str | None:
    """The median time through a worker; None when it ran out of time, "memory" when the worker
    was stopped by its memory limit (ten million quads). The check's verdicts are kept beside the
    store, as ``zonekg query`` keeps them in the build folder: the first run parses the query
    (rdflib's parser, in the worker), later runs do not."""
    from zonekg.model.errors import QueryTimeout
    from zonekg.queries.engine import run
    from zonekg.queries.pool import QueryFailed

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            run(nq, folder, params, timeout=limit, remember=folder.parent)
        except QueryTimeout:
            return None
        except QueryFailed:
            return "memory"
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- Virtuoso ------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """Debian's virtuoso-t on a fresh database in ``folder``, stopped by :meth:`stop`."""

    def __init__(self, folder: Path, data: Path, buffers: int, timeout: int) -> None:
        folder.mkdir(parents=True)
        self.sql_port, self.http_port = free_port(), free_port()
        ini = VIRTUOSO_INI.read_text()
        for old, new in (
            ("/var/lib/virtuoso-opensource-7/db", str(folder)),
            ("ServerPort               = 1111", f"ServerPort               = {self.sql_port}"),
            ("ServerPort                  = 8890", f"ServerPort                  = {self.http_port}"),
            ("DirsAllowed              = ., /usr/share/virtuoso-opensource-7/vad",
             f"DirsAllowed              = ., /usr/share/virtuoso-opensource-7/vad, {data}"),
            ("NumberOfBuffers          = 10000\n", f"NumberOfBuffers          = {buffers}\n"),
            ("MaxDirtyBuffers          = 6000\n", f"MaxDirtyBuffers          = {buffers * 3 // 4}\n"),
            ("ResultSetMaxRows           = 10000", "ResultSetMaxRows           = 100000000"),
            ("MaxQueryCostEstimationTime = 400", "MaxQueryCostEstimationTime = 0"),
            ("MaxQueryExecutionTime      = 60", f"MaxQueryExecutionTime      = {timeout}"),
        ):
            assert old in ini, old
            ini = ini.replace(old, new)
        (folder / "virtuoso.ini").write_text(ini)
        self.proc = subprocess.Popen(["virtuoso-t", "-f", "-c", "virtuoso.ini"], cwd=folder,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.sparql = f"http://127.0.0.1:{self.http_port}/sparql"
        deadline = time.monotonic() + 300
        while True:
            assert self.proc.poll() is None, "virtuoso-t stopped at start"
            try:
                with urllib.request.urlopen(self.sparql + "?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "Virtuoso's /sparql never answered"
                time.sleep(0.5)

    def isql(self, *statements: str) -> None:
        subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", *(f"exec={s}" for s in statements)],
                       check=True, stdout=subprocess.DEVNULL)

    def query(self, text: str, default_graph: str) -> dict:
        data = urllib.parse.urlencode({"query": text, "default-graph-uri": default_graph}).encode()
        request = urllib.request.Request(self.sparql, data=data,
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=3600) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def on_virtuoso(virtuoso: Virtuoso, text: str, runs: int) -> tuple[float | None, list[tuple] | str]:
    from zonekg.model.prefixes import PREFIXES, UNION_GRAPH

    full = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + text
    times, doc = [], {}
    for i in range(runs + 1):
        start = time.perf_counter()
        try:
            doc = virtuoso.query(full, UNION_GRAPH)
        except urllib.error.HTTPError as err:
            return None, err.read().decode("utf-8", "replace").splitlines()[0][:120]
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times), rows_of(doc)


# --- the run -------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=179)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=60, help="seconds a query may run, on either side")
    parser.add_argument("--buffers", type=int, default=170000, help="Virtuoso's NumberOfBuffers (8 KiB pages)")
    parser.add_argument("--only", help="these named queries only (comma-separated)")
    parser.add_argument("--no-virtuoso", action="store_true")
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it (default: a temporary one)")
    parser.add_argument("--no-worker", action="store_true", help="skip the timing through a worker")
    parser.add_argument("--reuse-store", action="store_true",
                        help="with --keep: query the store written by an earlier run instead of writing it again")
    args = parser.parse_args()

    import pyoxigraph as ox

    from zonekg.queries.engine import bind
    from zonekg.queries.named import named_queries

    print(f"load average at the start: {os.getloadavg()}", flush=True)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-server-"))
    tmp.mkdir(parents=True, exist_ok=True)
    virtuoso = None
    try:
        project = built_article(tmp / "project") if not (tmp / "project" / "build").is_dir() else tmp / "project"
        data = tmp / "data"
        data.mkdir(exist_ok=True)
        nquads = data / "data.nq"
        if not nquads.is_file():
            count = replicate_to((project / "build" / "zone.nq").read_bytes(), args.copies, nquads)
        else:
            count = sum(1 for _ in nquads.open("rb"))
        print(f"data: {count:,} quads ({args.copies} copies of the article's source graph, plus the ontology); "
              f"{nquads.stat().st_size / 2**20:,.0f} MiB of N-Quads", flush=True)

        ours, raw = tmp / "store", tmp / "raw"
        if not (args.reuse_store and ours.is_dir()):
            for folder in (ours, raw):
                shutil.rmtree(folder, ignore_errors=True)
            t_raw, m_raw = timed_child("raw", nquads, raw)
            t_ours, m_ours = timed_child("project", nquads, ours)
            print(f"write: project store {t_ours:.1f} s (peak {m_ours:,.0f} MiB, {size_mib(ours):,.0f} MiB on disk) | "
                  f"raw bulk_load {t_raw:.1f} s (peak {m_raw:,.0f} MiB, {size_mib(raw):,.0f} MiB) | "
                  f"project / raw {t_ours / t_raw:.2f}× (load {os.getloadavg()[0]:.1f})", flush=True)
            shutil.rmtree(raw)
        start = time.perf_counter()
        store = ox.Store.read_only(str(ours))
        print(f"open: {time.perf_counter() - start:.3f} s", flush=True)

        if not args.no_virtuoso:
            union = data / "union.nt"
            ox.serialize((q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                         str(union), ox.RdfFormat.N_TRIPLES)
            virtuoso = Virtuoso(tmp / "virtuoso", data, args.buffers, args.timeout)
            from zonekg.model.prefixes import UNION_GRAPH

            start = time.perf_counter()
            virtuoso.isql(f"ld_dir('{data}', 'data.nq', 'urn:unused');",
                          f"ld_dir('{data}', 'union.nt', '{UNION_GRAPH}');", "rdf_loader_run();", "checkpoint;")
            t_virt = time.perf_counter() - start
            print(f"virtuoso: bulk load of the quads and the union graph {t_virt:.1f} s, database "
                  f"{size_mib(tmp / 'virtuoso'):,.0f} MiB (load {os.getloadavg()[0]:.1f})", flush=True)

        queries = named_queries(ROOT)
        only = set(args.only.split(",")) if args.only else None
        print(f"\n{'query':22} {'rows':>7} {'in-process':>11} {'project':>9} {'virtuoso':>9} {'in-proc/virt':>13}"
              "  same rows", flush=True)
        results = []
        for name, nq in queries.items():
            if only and name not in only:
                continue
            params = PARAMS.get(name, {})
            text = bind(nq, params)
            worker = "skipped" if args.no_worker else through_worker(nq, ours, params, args.runs, args.timeout)
            if worker is None:
                local_t, local = None, None
            else:
                local_t, local = in_process(store, text, args.runs)
            virt_t, remote = on_virtuoso(virtuoso, text, args.runs) if virtuoso else (None, None)
            same = "-" if remote is None or local is None else (
                "yes" if local == remote else f"NO ({remote})" if isinstance(remote, str) else
                f"NO ({len(local)} / {len(remote)} rows)")
            ratio = f"{local_t / virt_t:.2f}" if local_t and virt_t else "-"

            def show(t: float | str | None) -> str:
                return (f"{t:.3f}" if isinstance(t, float) else "-" if t == "skipped" else "1 GiB" if t
                        else f">{args.timeout}")

            rows = len(local) if local is not None else "?"
            print(f"{name:22} {rows:>7} {show(local_t):>11} {show(worker):>9} "
                  f"{show(virt_t) if virtuoso else '-':>9} {ratio:>13}  {same}", flush=True)
            results.append((name, local_t, worker, virt_t))
        done = [r for r in results if r[1] is not None]
        print(f"\nqueries: {len(done)} of {len(results)} answered on the project's path within {args.timeout} s; "
              f"in-process ≤ 1 s: {sum(1 for r in done if r[1] <= 1)}; through the worker ≤ 1 s: "
              f"{sum(1 for r in done if isinstance(r[2], float) and r[2] <= 1)}", flush=True)
        if virtuoso:
            both = [r for r in done if r[3] is not None]
            print(f"against Virtuoso ({len(both)} both answered): in-process ≤ 2× Virtuoso for "
                  f"{sum(1 for r in both if r[1] <= 2 * r[3])}, median ratio "
                  f"{statistics.median(r[1] / r[3] for r in both):.2f}", flush=True)
        print(f"load average at the end: {os.getloadavg()}")
    finally:
        if virtuoso:
            virtuoso.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
