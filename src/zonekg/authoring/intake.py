"""What ``zonekg add`` accepts as a source, and the text it drafts from.

A user has a saved web page, a text in traditional characters, a GBK file, an English article,
or an address.  Each is read here, before anything is written, and either becomes a text to
draft from or is refused with one line naming the file and what to do:

- only regular files are read (no FIFO, device, ``/proc`` file; a symbolic link only when the user
  says so), their size checked *before* reading, and at most :data:`MAX_BYTES` read;
- the text must be UTF-8 without the characters a fact sheet refuses (NUL, ESC, bidi overrides);
- an HTML page is kept as received, and the article text is extracted with trafilatura (a
  maintained extractor, imported only here); quotes then refer to that extracted text;
- text that is not Chinese is refused;
- traditional characters are converted with OpenCC for the drafting rules only: the stored text,
  every label and every quote stay as received (the conversion keeps offsets, character for
  character).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from zonekg.facts.reader import describe_char, find_forbidden
from zonekg.model.errors import ZoneKGError

#: The largest file ``zonekg add`` reads: far above any news article (the longest in the corpus
#: is 9 KB of text, a saved page 20 KB), so that drafting time stays bounded.
MAX_BYTES = 1_048_576
#: At least this share of the words must be Chinese for the text to be drafted (a Chinese
#: character against four Latin letters, about one English word).
MIN_CHINESE = 0.5
#: Folders whose files are not documents, whatever ``stat`` says.
_SYSTEM = ("/proc", "/sys", "/dev")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
#: Corner brackets of Hong Kong and Taiwan texts, as the drafting rules expect them (same length).
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


@dataclass
class Intake:
    """A source as ``zonekg add`` will store and draft it."""

    text: str  # the text stored as graph/sources/<id>.zh.txt and quoted by the fact sheet
    data: bytes  # its bytes
    simplified: str | None = None  # the same text in simplified characters, for drafting (same length)
    original: bytes | None = None  # the page as received, when the text was extracted from HTML
    original_suffix: str | None = None  # ".html"
    extractor: str | None = None  # "trafilatura 2.3.1"
    traditional: bool = False


def read_file(file: Path, follow_symlinks: bool = False) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_BYTES`; one clear error otherwise."""
    try:
        link = file.lstat()
    except FileNotFoundError:
        raise ZoneKGError("no such file", file) from None
    except OSError as exc:
        raise ZoneKGError(f"cannot read: {exc.strerror}", file) from None
    if stat.S_ISLNK(link.st_mode) and not follow_symlinks:
        raise ZoneKGError("is a symbolic link; give the file it points to, or add --follow-symlinks", file)
    try:
        real = file.resolve(strict=True)
        info = real.stat()
    except (OSError, RuntimeError):
        raise ZoneKGError("is a symbolic link to nothing", file) from None
    if stat.S_ISDIR(info.st_mode):
        raise ZoneKGError("is a directory, not a text file", file)
    if not stat.S_ISREG(info.st_mode) or any(str(real) == d or str(real).startswith(d + "/") for d in _SYSTEM):
        kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a system file")
        raise ZoneKGError(f"is {kind}, not a regular file: zonekg add reads saved texts only", file)
    if info.st_size > MAX_BYTES:
        raise ZoneKGError(f"is {info.st_size:,} bytes; zonekg add takes at most {MAX_BYTES:,} "
                          "(a news article is far smaller: split the file or cut what is not the article)", file)
    try:
        # O_NONBLOCK: a file swapped for a FIFO after the check above cannot hang the read.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ZoneKGError("is not a regular file: zonekg add reads saved texts only", file)
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ZoneKGError(f"cannot read: {exc.strerror}", file) from None
    if len(data) > MAX_BYTES:  # grew while being read
        raise ZoneKGError(f"is more than {MAX_BYTES:,} bytes; zonekg add takes at most that", file)
    return data


def is_html(data: bytes, name: str) -> bool:
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_START.match(data[:4096]))


def decode(data: bytes, file: Path | str, charset: str | None = None) -> str:
    """UTF-8 text (or the page's declared charset), with one error naming the first bad byte."""
    try:
        return data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        if isinstance(exc, LookupError):
            raise ZoneKGError(f"unknown character set {charset!r}", file) from None
        line = data[: exc.start].count(b"\n") + 1
        raise ZoneKGError(f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded "
                          "(convert the text to UTF-8 first, e.g. iconv -f GB18030 -t UTF-8)", file, line) from None


def check_characters(text: str, file: Path | str | None = None, field: str | None = None) -> None:
    """Refuse what a fact sheet refuses (NUL, ESC and other controls, bidi overrides)."""
    bad = find_forbidden(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1 if file is not None else None
        raise ZoneKGError(f"character {describe_char(bad.group(0)[0])} is not allowed", file, line, field)


def _page_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def extract_article(page: str, file: Path | str) -> tuple[str, str]:
    """The article text of an HTML page (trafilatura), one paragraph a line, and the extractor's name."""
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, include_tables=True, favor_precision=True,
                               deduplicate=False, include_formatting=False)
    if not text or not text.strip():
        raise ZoneKGError("no article text found in this HTML page (save the article's text instead)", file)
    return text.strip() + "\n", f"trafilatura {trafilatura.__version__}"


def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str | None:
    """The text in simplified characters, offset for offset, or None when nothing changes."""
    conv = _converter()
    out = conv.convert(text)
    if len(out) != len(text):  # a phrase changed length: convert character by character instead
        out = "".join(c if len(s := conv.convert(c)) != 1 else s for c in text)
    out = out.translate(_QUOTES)
    return None if out == text else out


def check_language(text: str, file: Path | str) -> None:
    """Refuse a text that is not written in Chinese (an English article, a table of numbers)."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han == 0 or han < MIN_CHINESE * (han + latin / 4):
        raise ZoneKGError(f"is not Chinese text ({han} Chinese characters, {latin} Latin letters); "
                          "zonekg add drafts Chinese news articles", file)


def prepare(data: bytes, file: Path | str, charset: str | None = None) -> Intake:
    """The text to store and to draft from, for the bytes of a file or a fetched page."""
    name = str(file)
    original = None
    extractor = None
    if is_html(data, name):
        page = decode(data, file, charset or _page_charset(data))
        check_characters(page, file)
        text, extractor = extract_article(page, file)
        original = data
        stored = text.encode("utf-8")
    else:
        text = decode(data, file, charset)
        stored = data if charset is None else text.encode("utf-8")
    if not text.strip():
        raise ZoneKGError("is empty: there is no text to add", file)
    check_characters(text, file)
    check_language(text, file)
    simplified = to_simplified(text)
    traditional = simplified is not None and sum(a != b for a, b in zip(text, simplified, strict=True)) > max(
        3, len(_HAN.findall(text)) // 100)
    return Intake(text, stored, simplified, original, ".html" if original is not None else None, extractor,
                  traditional)


def read_input(file: Path, follow_symlinks: bool = False) -> Intake:
    """Read and prepare a file given to ``zonekg add``."""
    data = read_file(file, follow_symlinks)
    if not data.strip():
        raise ZoneKGError("is empty: there is no text to add", file)
    return prepare(data, file)


__all__ = ["Intake", "MAX_BYTES", "read_file", "read_input", "prepare", "check_characters", "to_simplified"]
