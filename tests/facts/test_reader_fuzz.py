"""Fuzzing the fact-sheet loader with mutations of the real fact sheet (Hypothesis).

Whatever the mutation — a deleted or doubled line, a value of the wrong type, odd Unicode, an
anchor, a huge string, a truncated file, a broken byte — loading either succeeds or ends in
exactly one ZoneKGError that names the file (and a line, when the error is about a node).
Never another exception, never a hang. When a mutation is accepted, the RDF made from it must
serialise and parse back with the same number of triples.

Bounded for CI: a fixed number of examples, derandomised so a failure reproduces, and a limit
of CPU time per example (a SIGPROF timer) that turns a hang or a blow-up into a failure.  CPU
time, not Hypothesis's wall-clock deadline: on a loaded machine a 0.2 s load can take 30 s of
wall time, which is not a hang.  ``ZONEKG_FUZZ_EXAMPLES=2000`` runs
more; the outcome counts are printed at the end (``pytest -s``).
"""

from __future__ import annotations

import functools
import os
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

if os.environ.get("CI") != "true":  # in CI a missing hypothesis fails at the import below, never skips
    pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.helpers import FACT_SHEET, ROOT, SOURCE_TEXT
from zonekg.model.errors import ZoneKGError  # noqa: E402

EXAMPLES = int(os.environ.get("ZONEKG_FUZZ_EXAMPLES", "100"))
CPU_SECONDS = 20
LINES = FACT_SHEET.read_text(encoding="utf-8").split("\n")
_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_]+:)(.*)$")
#: Errors about the file as a whole, which have no line to name.
WHOLE_FILE = ("bytes; a fact sheet may have at most", "is unaccounted for", "fact sheet not found")

ODD_CHARS = [
    "\x00", "\x07", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u2066",
    "\u200b", "\ufeff", "\ufffe", "\ud800", "\t", "\r", "\n", "\\", '"', "'", ":", "#", "&", "*", "!", "{",
    "[", "]", "- ", "%", "|", ">", "@", "`", "豫", "零", "𠀀",
]
VALUES = [
    "", "null", "~", "[]", "{}", "[nested, list]", "[[a, b]]", "[豫商, null]", "{text: x}", "true", "'no'",
    "0", "-1", "1.5", "1e400", ".nan", ".inf", "0x1F", "1_000", "190:20:30", "8024", "2024", '"2023"', "99999",
    "第一名", "五年", "1.5万亿元", "千亿级", "48.98 亿元", "&x 1", "*x", "!!binary aGk=", "!!python/object:os.system",
    "!!set {a, b}", '"a\\Lb"', '"\\0"', '"\\ud800"', '"\\u202e"', "x" * 3000, "长" * 1500, "source", "unit-cny",
    "zhang-feng", "futian-head", "positioning-bridgehead", "2024-H1", "2024-end", "shangqiu", "yushang-etdz",
    "achieved", "claimed", "value", "org:postIn", "nope:x", "Person", "Goal", "| \n  multi", "'it''s'",
    "9" * 5000, "- a\n- b", "a: b", "2023-02-30", "0000", "9999-end",
]


class Mutant:
    """A mutated fact sheet: its bytes, and a short account of the edits (what Hypothesis prints)."""

    def __init__(self, data: bytes, edits: list[str]) -> None:
        self.data, self.edits = data, edits

    def __repr__(self) -> str:
        return f"Mutant({'; '.join(self.edits)})"


@st.composite
def mutations(draw) -> Mutant:
    """The fact sheet with one to three random edits (some break UTF-8 on purpose)."""
    lines = list(LINES)
    edits = []
    for _ in range(draw(st.integers(1, 3))):
        if not lines:  # truncated to nothing: the empty file is the mutant
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "swap", "char", "digit",
                                   "truncate", "indent"]))
        if op == "value":
            m = _KEY_VALUE.match(lines[i])
            if m:
                lines[i] = f"{m.group(1)} {draw(st.sampled_from(VALUES))}"
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "char":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(ODD_CHARS)) + lines[i][at:]
        elif op == "digit":
            digits = [k for k, c in enumerate(lines[i]) if c.isdigit()]
            if digits:
                k = draw(st.sampled_from(digits))
                lines[i] = lines[i][:k] + str(draw(st.integers(0, 9))) + lines[i][k + 1:]
        elif op == "truncate":
            lines = lines[:i]
        else:
            lines[i] = draw(st.sampled_from(["", " ", "\t", "  "])) + lines[i]
        edits.append(f"{op} line {i + 1}: {lines[i][:60]!r}" if i < len(lines) else f"{op} line {i + 1}")
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 19)) == 0:
        at = draw(st.integers(0, len(data)))
        byte = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"]))
        data = data[:at] + byte + data[at:]
        edits.append(f"byte {byte!r} at {at}")
    return Mutant(data, edits)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "sources").mkdir()
    (root / "facts").mkdir()
    (root / "sources" / SOURCE_TEXT.name).write_bytes(SOURCE_TEXT.read_bytes())
    return root / "facts"


@functools.cache
def ontology():
    """The project's ontology, loaded once (not a fixture: Hypothesis would print its whole repr)."""
    from zonekg.model import paths
    from zonekg.model.ontology import Ontology, load_ontology_graph

    return Ontology(load_ontology_graph(paths.ontology_files(ROOT)))


OUTCOMES: Counter[str] = Counter()


def _on_alarm(signum, frame):
    raise TimeoutError(f"loading a mutated fact sheet took more than {CPU_SECONDS} s of CPU time")


def _round_trip(sheet, ontology) -> None:
    """What the build does with an accepted sheet, and every written format parses back."""
    from rdflib import Graph

    from zonekg.rdf.dataset import check_coverage, source_graph

    check_coverage(sheet)
    g = source_graph(sheet, ontology)
    back = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert len(back) == len(g)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],  # no shrinking: the Mutant's repr names its edits
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@pytest.mark.slow
@given(mutant=mutations())
def test_every_mutation_is_accepted_or_one_clean_error(fuzz_dir, mutant):
    from zonekg.facts.check import load_fact_sheet

    path = fuzz_dir / FACT_SHEET.name
    path.write_bytes(mutant.data)
    previous = signal.signal(signal.SIGPROF, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, CPU_SECONDS)
    started = time.perf_counter()
    try:
        sheet = load_fact_sheet(path, ontology())
        _round_trip(sheet, ontology())
        OUTCOMES["accepted"] += 1
    except ZoneKGError as err:
        OUTCOMES["clean error"] += 1
        assert err.file == path
        assert str(err).startswith(str(path))
        assert err.line is not None or any(m in err.message for m in WHOLE_FILE), str(err)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        OUTCOMES["trials"] += 1
        OUTCOMES["slowest wall ms"] = max(OUTCOMES["slowest wall ms"], round((time.perf_counter() - started) * 1000))


def test_report_fuzz_outcomes():
    """Prints the counts of the run above (with ``-s``); it fails if the fuzz test ran nothing."""
    print(f"\nfact-sheet fuzz: {dict(OUTCOMES)}")
    if OUTCOMES["trials"]:
        assert OUTCOMES["accepted"] + OUTCOMES["clean error"] == OUTCOMES["trials"]
