"""Matplotlib set up for Chinese labels.

Matplotlib's default font (DejaVu Sans) has no Chinese glyphs: every label of this graph would
be drawn as a row of boxes.  :func:`use_cjk_font` picks the first installed CJK font (Noto Sans
CJK SC from Debian's ``fonts-noto-cjk`` first) and makes it the default for every chart.
"""

from __future__ import annotations

import warnings

from zonekg.model.errors import ZoneKGError

__all__ = ["find_cjk_font", "missing_glyphs", "use_cjk_font"]

#: CJK fonts to try, in order: Debian/Ubuntu (fonts-noto-cjk), Adobe's name for the same font,
#: then the usual fonts of Linux, macOS and Windows desktops.
CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
    "PingFang SC", "Heiti SC", "Microsoft YaHei", "SimHei",
)
INSTALL_HINT = "install a CJK font, e.g. `apt-get install fonts-noto-cjk` (Debian/Ubuntu)"


def find_cjk_font() -> tuple[str, str] | None:
    """(family, file) of the first installed font of :data:`CJK_FONTS`, or None.

    Matplotlib caches the list of system fonts the first time it runs; a CJK font installed
    after that is missing from the cache. So when none is found there, the system's font files
    (as fontconfig lists them) with CJK in their name are added and the search runs again."""
    from matplotlib import font_manager

    def search() -> tuple[str, str] | None:
        for family in CJK_FONTS:
            try:
                path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
            except ValueError:
                continue
            return family, path
        return None

    found = search()
    if found is None:
        known = {f.fname for f in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if "cjk" in path.lower() and path not in known:
                font_manager.fontManager.addfont(path)
        found = search()
    return found


def use_cjk_font(strict: bool = False) -> str | None:
    """Make a CJK font matplotlib's default and return its family name.

    Without one, warn (charts still draw, with boxes for Chinese), or raise with ``strict``.
    """
    import matplotlib

    found = find_cjk_font()
    if found is None:
        message = f"no CJK font found, Chinese labels will show as boxes: {INSTALL_HINT}"
        if strict:
            raise ZoneKGError(message)
        warnings.warn(message, stacklevel=2)
        return None
    family, _path = found
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK font's minus sign is fine; keep ASCII
    return family


def missing_glyphs(text: str, font_path: str) -> set[str]:
    """The characters of ``text`` that the font file cannot draw (each would show as a box)."""
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_path)
    return {ch for ch in set(text) if not ch.isspace() and font.get_char_index(ord(ch)) == 0}
