"""``zonekg add``: take in a new source text and draft its fact sheet.

The text is copied byte for byte into ``graph/sources/``, with its metadata beside it, and
``graph/facts/<id>.yaml`` is drafted from it.  Every check runs before the first file is
written: the options (id, title, address, date), the input (:mod:`zonekg.authoring.intake`),
and the drafted sheet itself, with the checks the build runs (:func:`check_sheet`), so that a
sheet ``add`` writes always builds with ``--drafts``.  The files are written together or not at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from zonekg.facts.sources import split_sentences
from zonekg.model import paths
from zonekg.model.errors import ZoneKGError

if TYPE_CHECKING:  # the drafting package loads the NER model: imported where add runs
    from zonekg.authoring.drafting import Draft

#: Source ids: lower-case letters, digits and single hyphens (``--`` separates a source id from the
#: rest of the ids drafted for it), at most 80 characters; matched whole (re.fullmatch).
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 80
_SCHEMES = ("http", "https")


@dataclass
class SourceMeta:
    """What the user says about the text: the fields of ``<id>.meta.yaml``."""

    id: str
    title: str
    published: str
    outlet: str
    author: str | None = None
    url: str | None = None
    title_en: str | None = None
    fictional: bool = False
    retrieved: str | None = None  # when ``zonekg add URL`` fetched the page (UTC, ISO 8601)


@dataclass
class Added:
    files: list[Path]
    sentences: int
    draft: Draft


def published_date(text: str) -> date:
    """The article's date from ``--published`` (an ISO date, or date-time with its zone)."""
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        raise ZoneKGError(f"{text!r} is not an ISO 8601 date or date-time (e.g. 2024-09-29T16:36:00+08:00)",
                          field="--published") from None
    if "T" in text and stamp.tzinfo is None:
        raise ZoneKGError(f"{text!r} needs a time zone (e.g. +08:00)", field="--published")
    from datetime import timedelta, timezone

    now = datetime.now(UTC)
    aware = stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone(timedelta(hours=8)))
    if aware > now + timedelta(days=1):
        raise ZoneKGError(f"{text!r} is in the future: give the date the article was published", field="--published")
    return stamp.date()


def check_options(meta: SourceMeta) -> None:
    """The user's options, each refused with one line: id, free text, address."""
    from zonekg.authoring.intake import check_characters

    if len(meta.id) > MAX_ID or not _ID.fullmatch(meta.id):
        raise ZoneKGError(f"{meta.id[:100]!r}: ids are lower-case letters, digits and single hyphens, at most "
                          f"{MAX_ID} characters", field="--id")
    for name, given in (("--title", meta.title), ("--outlet", meta.outlet)):
        if not given or not given.strip():
            raise ZoneKGError("is empty", field=name)
    for name, value in (("--title", meta.title), ("--outlet", meta.outlet), ("--author", meta.author),
                        ("--title-en", meta.title_en), ("--url", meta.url)):
        if value:
            check_characters(value, field=name)
            if "\n" in value or "\t" in value:
                raise ZoneKGError("is one line of text (no line break or tab)", field=name)
    if meta.url:
        check_url(meta.url, "--url")


def check_url(url: str, field: str) -> None:
    """An http or https address (never javascript:, file: or data:)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        raise ZoneKGError(f"{url[:100]!r} is not an http or https address", field=field)


def read_text(file: Path) -> tuple[bytes, str]:
    """The bytes of ``file`` and their text; one clear error for every way it can be unusable."""
    from zonekg.authoring.intake import read_input

    intake = read_input(file)
    return intake.data, intake.text


def _check_id(root: Path, sid: str) -> None:
    if len(sid) > MAX_ID or not _ID.fullmatch(sid):
        raise ZoneKGError(f"{sid[:100]!r}: ids are lower-case letters, digits and single hyphens", field="--id")
    sources = paths.sources_dir(root)
    taken = [sources / f"{sid}.zh.txt", sources / f"{sid}.meta.yaml", sources / f"{sid}.html",
             paths.facts_dir(root) / f"{sid}.yaml"]
    for path in taken:
        if path.exists():
            raise ZoneKGError(f"id {sid!r} is already in use: {path} exists (choose another --id)", field="--id")
    from zonekg.facts.reader import load_yaml

    for sheet in paths.fact_sheets(root):
        data = load_yaml(sheet)
        if isinstance(data, dict) and isinstance(data.get("source"), dict) and data["source"].get("id") == sid:
            raise ZoneKGError(f"id {sid!r} is already in use by the fact sheet {sheet}", field="--id")


def meta_yaml(meta: SourceMeta, file_name: str, sha256: str, original: tuple[str, str, str] | None = None,
              traditional: bool = False) -> bytes:
    """The metadata file, in the fields and order of the existing ``*.meta.yaml``."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    m["id"] = meta.id
    m["file"] = file_name
    m["sha256"] = sha256
    m["language"] = "zh"
    m["title"] = meta.title
    m["outlet"] = meta.outlet
    if meta.author:
        m["reporter"] = meta.author
    m["published"] = meta.published
    if meta.url:
        m["url"] = meta.url
    if meta.retrieved:
        m["retrieved"] = meta.retrieved
    if original is not None:
        m["original"] = original[0]
        m["original_sha256"] = original[1]
        m["extracted_with"] = original[2]
    if traditional:
        m["script"] = "traditional"
        m.yaml_add_eol_comment("drafted from an OpenCC t2s copy; the text and every quote stay as written",
                               "script")
    if meta.fictional:
        m["fictional"] = True
        m.yaml_add_eol_comment("written for the tests: not a real article", "fictional")
    m.yaml_set_start_comment("Metadata of the source text beside this file (written by zonekg add).")
    yaml = YAML()
    yaml.width = 4096
    buf = io.StringIO()
    yaml.dump(m, buf)
    return buf.getvalue().encode("utf-8")


def add_source(root: Path, file: Path | str, meta: SourceMeta, follow_symlinks: bool = False) -> Added:
    """Copy, describe and draft one new source; nothing is written if any check fails.

    ``file`` is a path, or an http(s) address that is fetched (:mod:`zonekg.authoring.fetch`)."""
    import hashlib

    from zonekg.authoring.drafting import known_entities, make_draft
    from zonekg.authoring.drafting.sheet import SourceInfo, render
    from zonekg.authoring.intake import prepare, read_input
    from zonekg.model.ontology import Ontology, load_ontology_graph

    check_options(meta)
    published = published_date(meta.published)
    if isinstance(file, str) and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", file) and not Path(file).exists():
        check_url(file, "FILE")
        from zonekg.authoring.fetch import fetch

        page = fetch(file)
        intake = prepare(page.data, page.url, page.charset)
        meta.url, meta.retrieved = meta.url or page.url, page.retrieved
    else:
        intake = read_input(Path(file), follow_symlinks)
    _check_id(root, meta.id)

    ontology = Ontology(load_ontology_graph(paths.ontology_files(root)))
    sheets = paths.fact_sheets(root)
    draft = make_draft(intake.text, published, known_entities(sheets), ontology, source_id=meta.id,
                       simplified=intake.simplified, taken=sheet_ids(sheets))
    digest = hashlib.sha256(intake.data).hexdigest()
    text_name = f"{meta.id}.zh.txt"
    sheet = render(draft, SourceInfo(meta.id, f"../sources/{text_name}", digest, meta.title,
                                     meta.title_en or f"untranslated: {meta.title}"))
    sources, facts = paths.sources_dir(root), paths.facts_dir(root)
    files = {sources / text_name: intake.data}
    original = None
    if intake.original is not None:
        original_name = f"{meta.id}{intake.original_suffix}"
        files[sources / original_name] = intake.original
        original = (original_name, hashlib.sha256(intake.original).hexdigest(), intake.extractor or "")
    files[sources / f"{meta.id}.meta.yaml"] = meta_yaml(meta, text_name, digest, original, intake.traditional)
    files[facts / f"{meta.id}.yaml"] = sheet.encode("utf-8")
    check_sheet(root, meta.id, intake.data, sheet, ontology)
    written = _write_all(files)
    return Added(written, len(split_sentences(intake.text)), draft)


def sheet_ids(sheets: list[Path]) -> set[str]:
    """Every entity and statement id of the fact sheets, drafts included."""
    from zonekg.facts.reader import load_yaml

    out: set[str] = set()
    for path in sheets:
        data = load_yaml(path)
        for section in ("entities", "statements"):
            for item in (data or {}).get(section) or []:
                if isinstance(item, dict) and "id" in item:
                    out.add(str(item["id"]))
    return out


def check_sheet(root: Path, sid: str, text: bytes, sheet: str, ontology) -> None:
    """The drafted sheet, checked as ``zonekg build --drafts`` will check it, before anything is
    written: loaded whole (quotes, ids, classes, domain and range, numbers), every sentence
    accounted for, and its entity ids shared with the other sheets only as the same thing."""
    import tempfile

    from zonekg.facts.check import load_fact_sheet
    from zonekg.facts.shared import check_shared_entities
    from zonekg.rdf.dataset import check_coverage, sheet_stats

    with tempfile.TemporaryDirectory(prefix="zonekg-add-") as tmp:
        stage = Path(tmp)
        (stage / "sources").mkdir()
        (stage / "facts").mkdir()
        (stage / "sources" / f"{sid}.zh.txt").write_bytes(text)
        path = stage / "facts" / f"{sid}.yaml"
        path.write_text(sheet, encoding="utf-8")
        others = [(p, sheet_stats(load_fact_sheet(p, ontology, drafts=True))["entities"])
                  for p in paths.fact_sheets(root)]
        try:
            mine = load_fact_sheet(path, ontology, drafts=True)
            check_coverage(mine)
            check_shared_entities([*others, (paths.facts_dir(root) / f"{sid}.yaml", sheet_stats(mine)["entities"])])
        except ZoneKGError as exc:
            raise ZoneKGError(f"the drafted sheet does not pass the build's checks, so nothing was written: {exc} "
                              "(a bug in the drafter: please report it with the text)", field="draft") from None


def _write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every file, or none: staged beside its target, then renamed; undone on failure."""
    import tempfile

    staged: list[tuple[str, Path]] = []
    done: list[Path] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
            staged.append((tmp, target))
        for tmp, target in staged:
            if target.exists():  # created meanwhile by someone else: never overwrite a source
                raise ZoneKGError("appeared while adding; nothing was written", target)
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        for target in done:
            target.unlink(missing_ok=True)
        raise
    finally:
        for tmp, _target in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return done
