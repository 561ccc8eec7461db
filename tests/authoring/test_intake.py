"""What ``zonekg add`` takes in: regular files under a size cap, UTF-8 without forbidden
characters, HTML pages through trafilatura (the page kept), traditional characters drafted from an
OpenCC copy with quotes as written, non-Chinese text refused, checked options; and ``zonekg add
URL`` against a real local HTTP server serving saved pages.

Every bad case gives one line, exit 1, and writes nothing."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.helpers import ROOT

CORPUS = ROOT / "benchmarks" / "corpus"
DEV = CORPUS / "dev"


def run(*args: str):
    from zonekg.cli.app import app

    return CliRunner().invoke(app, list(args))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "graph").rglob("*")) if p.is_file()}


def add(root: Path, file: str, sid: str = "new-one", *extra: str, published: str = "2024-10-01T08:00:00+08:00",
        title: str = "标题") -> list[str]:
    return ["add", file, "--id", sid, "--title", title, "--published", published, "--outlet", "报 (fictional)",
            "--fictional", "--root", str(root), *extra]


def refused(root: Path, args: list[str], pattern: str) -> None:
    before = snapshot(root)
    result = run(*args)
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert snapshot(root) == before


CHINESE = "栖州经济开发区召开项目调度会。\n8月9日下午，栖州经济开发区召开重点项目调度会，研究部署下一阶段工作。\n"


# --- the file itself ------------------------------------------------------------------------------

def test_a_fifo_is_refused_without_reading_it(scratch, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    refused(scratch, add(scratch, str(fifo)), r"pipe\.txt: is a FIFO, not a regular file")


def test_a_device_is_refused(scratch):
    refused(scratch, add(scratch, "/dev/zero"), r"/dev/zero: is a device, not a regular file")


def test_proc_files_are_refused(scratch):
    refused(scratch, add(scratch, "/proc/self/environ"), r"environ: is a system file, not a regular file")


def test_a_symlink_only_with_the_flag(scratch, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(CHINESE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    refused(scratch, add(scratch, str(link)), r"link\.txt: is a symbolic link; .*--follow-symlinks")
    result = run(*add(scratch, str(link), "new-one", "--follow-symlinks"))
    assert result.exit_code == 0, result.output
    assert (scratch / "graph" / "sources" / "new-one.zh.txt").read_bytes() == target.read_bytes()


def test_a_symlink_to_a_system_file_is_refused_even_with_the_flag(scratch, tmp_path):
    link = tmp_path / "env.txt"
    link.symlink_to("/proc/self/environ")
    refused(scratch, add(scratch, str(link), "new-one", "--follow-symlinks"), r"env\.txt: is a system file")


def test_the_size_is_checked_before_reading(scratch, tmp_path):
    from zonekg.authoring.intake import MAX_BYTES

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # a sparse file: reading it would take long, the check does not
        fh.truncate(50 * MAX_BYTES)
    refused(scratch, add(scratch, str(big)), rf"big\.txt: is {50 * MAX_BYTES:,} bytes; zonekg add takes at most")


@pytest.mark.parametrize(("char", "name"), [("\x00", "U+0000 NULL"), ("\x1b", "U+001B"),
                                            ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE")])
def test_forbidden_characters_in_the_text(scratch, tmp_path, char, name):
    bad = tmp_path / "bad.txt"
    bad.write_text(CHINESE.replace("召开重点", f"召开{char}重点"), encoding="utf-8")
    refused(scratch, add(scratch, str(bad)), rf"bad\.txt:2: character {re.escape(name)}.* is not allowed")


def test_gbk_is_refused_with_the_way_out(scratch):
    refused(scratch, add(scratch, str(CORPUS / "inputs" / "gbk-qizhou-jobs.gbk.txt")),
            r"gbk-qizhou-jobs\.gbk\.txt:1: not UTF-8: .*iconv -f GB18030 -t UTF-8")


def test_english_is_refused(scratch):
    refused(scratch, add(scratch, str(CORPUS / "inputs" / "en-baixun-etdz.en.txt")),
            r"en-baixun-etdz\.en\.txt: is not Chinese text \(0 Chinese characters")


# --- the options ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sid", "shown"), [("x\n", r"'x\\n'"), ("a" * 300, "'a{100}'"), ("a--b", "'a--b'"),
                                             ("-a", "'-a'"), ("Bad_Id", "'Bad_Id'")])
def test_ids_are_matched_whole_and_bounded(scratch, tmp_path, sid, shown):
    text = tmp_path / "a.txt"
    text.write_text(CHINESE, encoding="utf-8")
    refused(scratch, add(scratch, str(text), sid), rf"--id: {shown}: ids are lower-case letters")


@pytest.mark.parametrize(("option", "value", "pattern"), [
    ("--title", "标题\u202e", r"--title: character U\+202E RIGHT-TO-LEFT OVERRIDE is not allowed"),
    ("--title", "标题\x1b[31m", r"--title: character U\+001B .* is not allowed"),
    ("--author", "林\x00晓", r"--author: character U\+0000 NULL is not allowed"),
    ("--url", "javascript:alert(1)", r"--url: 'javascript:alert\(1\)' is not an http or https address"),
    ("--url", "file:///etc/passwd", r"--url: 'file:///etc/passwd' is not an http or https address"),
])
def test_options_are_checked(scratch, tmp_path, option, value, pattern):
    text = tmp_path / "a.txt"
    text.write_text(CHINESE, encoding="utf-8")
    args = add(scratch, str(text))
    if option == "--title":
        args[args.index("--title") + 1] = value
    else:
        args += [option, value]
    refused(scratch, args, pattern)


def test_a_publication_date_in_the_future_is_refused(scratch, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(CHINESE, encoding="utf-8")
    refused(scratch, add(scratch, str(text), published="9999-12-31"), r"--published: '9999-12-31' is in the future")


# --- what is drafted from ---------------------------------------------------------------------------

@pytest.mark.slow
def test_a_saved_page_is_kept_and_its_article_drafted(scratch):
    page = DEV / "d07-liaocheng-signing.html"
    result = run(*add(scratch, str(page), "liaocheng"))
    assert result.exit_code == 0, result.output
    sources = scratch / "graph" / "sources"
    assert (sources / "liaocheng.html").read_bytes() == page.read_bytes()  # the page as received
    text = (sources / "liaocheng.zh.txt").read_text(encoding="utf-8")
    assert "<" not in text and "版权所有" not in text and "ICP" not in text  # no tags, no footer
    assert "滨岳锐能储能科技有限公司年产12GWh储能电池项目总投资56亿元" in text
    meta = yaml.safe_load((sources / "liaocheng.meta.yaml").read_text(encoding="utf-8"))
    assert meta["original"] == "liaocheng.html" and meta["extracted_with"].startswith("trafilatura ")
    import hashlib

    assert meta["original_sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    sheet = yaml.safe_load((scratch / "graph" / "facts" / "liaocheng.yaml").read_text(encoding="utf-8"))
    labels = {e["zh"] for e in sheet["entities"]}
    assert not any("<" in label or "版权" in label for label in labels)
    assert "滨岳锐能储能科技有限公司" in labels


@pytest.mark.slow
def test_traditional_text_is_kept_as_written_and_drafted_whole(scratch):
    src = DEV / "d08-xichuan-hk-trad.zh.txt"
    result = run(*add(scratch, str(src), "xichuan-hk", published="2024-12-03T06:00:00+08:00"))
    assert result.exit_code == 0, result.output
    assert (scratch / "graph" / "sources" / "xichuan-hk.zh.txt").read_bytes() == src.read_bytes()
    sheet = yaml.safe_load((scratch / "graph" / "facts" / "xichuan-hk.yaml").read_text(encoding="utf-8"))
    labels = {e["zh"] for e in sheet["entities"]}
    # Read by hand from the article: names stay in traditional characters.
    assert {"汐川高新技術產業開發區", "香港恆朗集團有限公司"} <= labels
    values = {(s.get("original"), s.get("v"), s.get("unit")) for s in sheet["statements"] if s["p"] == "value"}
    assert ("2.36億美元", 236000000, "unit-usd") in values  # 億 is read
    text = src.read_text(encoding="utf-8")
    assert all(s["quote"] in text for s in sheet["statements"] if isinstance(s["quote"], str))
    meta = yaml.safe_load((scratch / "graph" / "sources" / "xichuan-hk.meta.yaml").read_text(encoding="utf-8"))
    assert meta["script"] == "traditional"


def test_opencc_keeps_offsets():
    from zonekg.authoring.intake import to_simplified

    trad = "汐川高新區「首三季」實際使用外資2.36億美元，按年增長21.4%。"
    simple = to_simplified(trad)
    assert simple is not None and len(simple) == len(trad)
    assert simple == "汐川高新区“首三季”实际使用外资2.36亿美元，按年增长21.4%。"
    assert to_simplified("栖州经济开发区召开会议。") is None


# --- zonekg add URL, against a local server ---------------------------------------------------------

class _Pages(BaseHTTPRequestHandler):
    """Saved pages, redirects and misbehaving answers, on 127.0.0.1 only."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        path = self.path
        if path == "/d03.html":
            body = (DEV / "d03-xichuan-visit.html").read_bytes()
            self._send(200, body, "text/html; charset=utf-8")
        elif path == "/gbk.html":
            page = "<html><head><meta charset='gbk'></head><body><div class='article'><p>" + CHINESE.replace(
                "\n", "</p><p>") + "</p></div></body></html>"
            self._send(200, page.encode("gbk"), "text/html")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/hop/{n + 1}" if n < 20 else "/d03.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            try:
                for _ in range(200):  # 200 × 64 KiB, past the cap; the client stops reading first
                    self.wfile.write("汐".encode() * 21845)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        else:
            self._send(500, b"?", "text/plain")

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.server
def test_add_url_fetches_the_page_and_records_where_and_when(scratch, server):
    result = run(*add(scratch, f"{server}/hop/18", "xichuan-web", published="2024-06-18T20:15:00+08:00"))
    assert result.exit_code == 0, result.output
    sources = scratch / "graph" / "sources"
    assert (sources / "xichuan-web.html").read_bytes() == (DEV / "d03-xichuan-visit.html").read_bytes()
    meta = yaml.safe_load((sources / "xichuan-web.meta.yaml").read_text(encoding="utf-8"))
    assert meta["url"] == f"{server}/d03.html"  # where the redirects led
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", meta["retrieved"])
    text = (sources / "xichuan-web.zh.txt").read_text(encoding="utf-8")
    assert "湄东芯源半导体有限公司位于汐川高新技术产业开发区" in text


@pytest.mark.server
def test_add_url_reads_a_declared_charset(scratch, server):
    result = run(*add(scratch, f"{server}/gbk.html", "gbk-web"))
    assert result.exit_code == 0, result.output
    text = (scratch / "graph" / "sources" / "gbk-web.zh.txt").read_text(encoding="utf-8")
    assert "栖州经济开发区召开重点项目调度会" in text


@pytest.mark.server
@pytest.mark.parametrize(("path", "pattern"), [
    ("/hop/1", r"more than 5 redirects"),
    ("/to-file", r"'file:///etc/passwd' is not an http or https address"),
    ("/huge", r"the page is more than 1,048,576 bytes"),
    ("/missing", r"the server answered 404"),
])
def test_add_url_limits(scratch, server, path, pattern):
    refused(scratch, add(scratch, f"{server}{path}"), pattern)


def test_add_url_refuses_other_schemes(scratch):
    refused(scratch, add(scratch, "ftp://127.0.0.1/a.txt"), r"'ftp://127\.0\.0\.1/a\.txt' is not an http or https")
