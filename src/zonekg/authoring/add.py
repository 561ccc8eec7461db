"""``zonekg add``: take in a new source text and draft its fact sheet.

The text is copied byte for byte into ``graph/sources/``, with its metadata beside it, and
``graph/facts/<id>.yaml`` is drafted from it.  Every check runs before the first file is
written, and the three files are written together or not at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from zonekg.facts.sources import split_sentences
from zonekg.model import paths
from zonekg.model.errors import ZoneKGError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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


@dataclass
class Added:
    files: list[Path]
    sentences: int
    draft: object  # drafting.Draft


def published_date(text: str) -> date:
    """The article's date from ``--published`` (an ISO date, or date-time with its zone)."""
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        raise ZoneKGError(f"{text!r} is not an ISO 8601 date or date-time (e.g. 2024-09-29T16:36:00+08:00)",
                          field="--published") from None
    if "T" in text and stamp.tzinfo is None:
        raise ZoneKGError(f"{text!r} needs a time zone (e.g. +08:00)", field="--published")
    return stamp.date()


def read_text(file: Path) -> tuple[bytes, str]:
    """The bytes of ``file`` and their text; one clear error for every way it can be unusable."""
    if not file.exists():
        raise ZoneKGError("no such file", file)
    if file.is_dir():
        raise ZoneKGError("is a directory, not a text file", file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ZoneKGError(f"cannot read: {exc.strerror}", file) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ZoneKGError(f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded "
                          "(convert the text to UTF-8 first, e.g. iconv -f GB18030 -t UTF-8)", file, line) from None
    if not text.strip():
        raise ZoneKGError("is empty: there is no text to add", file)
    return data, text


def _check_id(root: Path, sid: str) -> None:
    if not _ID.match(sid):
        raise ZoneKGError(f"{sid!r}: ids are lower-case letters, digits and hyphens", field="--id")
    sources = paths.sources_dir(root)
    taken = [sources / f"{sid}.zh.txt", sources / f"{sid}.meta.yaml", paths.facts_dir(root) / f"{sid}.yaml"]
    for path in taken:
        if path.exists():
            raise ZoneKGError(f"id {sid!r} is already in use: {path} exists (choose another --id)", field="--id")
    from zonekg.facts.reader import load_yaml

    for sheet in paths.fact_sheets(root):
        data = load_yaml(sheet)
        if isinstance(data, dict) and isinstance(data.get("source"), dict) and data["source"].get("id") == sid:
            raise ZoneKGError(f"id {sid!r} is already in use by the fact sheet {sheet}", field="--id")


def meta_yaml(meta: SourceMeta, file_name: str, sha256: str) -> bytes:
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
    if meta.fictional:
        m["fictional"] = True
        m.yaml_add_eol_comment("written for the tests: not a real article", "fictional")
    m.yaml_set_start_comment("Metadata of the source text beside this file (written by zonekg add).")
    yaml = YAML()
    yaml.width = 4096
    buf = io.StringIO()
    yaml.dump(m, buf)
    return buf.getvalue().encode("utf-8")


def add_source(root: Path, file: Path, meta: SourceMeta) -> Added:
    """Copy, describe and draft one new source; nothing is written if any check fails."""
    import hashlib

    from zonekg.authoring.drafting import known_entities, make_draft
    from zonekg.authoring.drafting.sheet import SourceInfo, render
    from zonekg.model.ontology import Ontology, load_ontology_graph

    for name, value in (("--title", meta.title), ("--outlet", meta.outlet)):
        if not value or not value.strip():
            raise ZoneKGError("is empty", field=name)
    published = published_date(meta.published)
    data, text = read_text(file)
    _check_id(root, meta.id)

    ontology = Ontology(load_ontology_graph(paths.ontology_files(root)))
    draft = make_draft(text, published, known_entities(paths.fact_sheets(root)), ontology)
    digest = hashlib.sha256(data).hexdigest()
    text_name = f"{meta.id}.zh.txt"
    sheet = render(draft, SourceInfo(meta.id, f"../sources/{text_name}", digest, meta.title,
                                     meta.title_en or f"untranslated: {meta.title}"))
    sources, facts = paths.sources_dir(root), paths.facts_dir(root)
    written = _write_all({
        sources / text_name: data,
        sources / f"{meta.id}.meta.yaml": meta_yaml(meta, text_name, digest),
        facts / f"{meta.id}.yaml": sheet.encode("utf-8"),
    })
    return Added(written, len(split_sentences(text)), draft)


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
