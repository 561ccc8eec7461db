"""``zonekg add URL``: the one place where zonekg reaches the network, and only when asked.

The page is fetched with requests under limits a user can rely on: http and https only (every
redirect checked again), at most :data:`MAX_REDIRECTS` redirects, a connect and read timeout, an
overall deadline, and at most :data:`~zonekg.authoring.intake.MAX_BYTES` bytes (the download stops
there).  The address reached and the time of retrieval go into the source's metadata.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from zonekg.authoring.intake import MAX_BYTES
from zonekg.model.errors import ZoneKGError

MAX_REDIRECTS = 5
#: Seconds to connect, and to wait for each piece of the answer.
TIMEOUT = (5.0, 10.0)
#: Seconds for the whole download.
DEADLINE = 30.0
_SCHEMES = ("http", "https")


@dataclass
class Page:
    url: str  # the address finally reached
    data: bytes
    charset: str | None
    retrieved: str  # UTC, ISO 8601, to the second


def _check(url: str, asked: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        raise ZoneKGError(f"{url[:100]!r} is not an http or https address", asked)


def fetch(url: str) -> Page:
    """The page at ``url``, or one clear error (never more than the limits above)."""
    import requests

    _check(url, url)
    start = time.monotonic()
    current = url
    with requests.Session() as session:
        session.trust_env = False  # no proxy or netrc from the environment: the address the user gave
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                resp = session.get(current, stream=True, timeout=TIMEOUT, allow_redirects=False,
                                   headers={"User-Agent": "zonekg-add", "Accept": "text/html,text/plain"})
            except requests.RequestException as exc:
                raise ZoneKGError(f"cannot fetch: {type(exc).__name__}: {str(exc)[:160]}", url) from None
            with resp:
                if resp.is_redirect:
                    target = urljoin(current, resp.headers.get("Location", ""))
                    _check(target, url)
                    current = target
                    continue
                if resp.status_code != 200:
                    raise ZoneKGError(f"the server answered {resp.status_code} {resp.reason}", url)
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > MAX_BYTES:
                    raise ZoneKGError(f"the page is {int(length):,} bytes; zonekg add takes at most {MAX_BYTES:,}", url)
                chunks: list[bytes] = []
                size = 0
                try:
                    for chunk in resp.iter_content(65536):
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise ZoneKGError(f"the page is more than {MAX_BYTES:,} bytes; zonekg add takes at most "
                                              "that", url)
                        if time.monotonic() - start > DEADLINE:
                            raise ZoneKGError(f"the download took more than {DEADLINE:.0f} s", url)
                        chunks.append(chunk)
                except requests.RequestException as exc:
                    raise ZoneKGError(f"cannot fetch: {type(exc).__name__}: {str(exc)[:160]}", url) from None
                ctype = resp.headers.get("Content-Type", "")
                charset = None
                if "charset=" in ctype:
                    charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"').lower() or None
                stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
                return Page(current, b"".join(chunks), charset, stamp)
    raise ZoneKGError(f"more than {MAX_REDIRECTS} redirects", url)
