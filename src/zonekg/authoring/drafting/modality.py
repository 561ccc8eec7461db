"""A suggested modality from cue words: the nearest cue in the clause wins, then the sentence's.

Quoted speech with a speaker is a claim whatever its verbs say.  The cue lists are the
developers' guide's (将/计划/力争/打造/目标 → intended kinds; 完成/实现/已 → achieved;
正在/推进 → ongoing), widened with their usual neighbours.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from zonekg.authoring.drafting.text import clause_bounds

#: Cue → modality, longest cues first so that 力争 beats 争.
CUES: dict[str, str] = {}
for _mod, _words in (
    ("targeted", "力争 目标 确保 到20 预计"),
    ("planned", "将 计划 拟 准备 即将 即可 规划建设 待 建成后 达产后 投产后 全部达产 建成投产后"),
    ("aspiration", "打造 立志 致力 成为 营造 争创 建设成 铸就 努力 全力 彰显 着力 奋力"),
    ("ongoing", "正在 推进 推动 加快 持续 不断 深化 加大 优化 实施 同步推进 抢占 培育"),
    ("achieved", "目前 现有 完成 实现 已 已经 成功 取得 出台 成立 建立 列入 批复 设立 开始 修订 划定 引进 坚持 下线"
                 " 开辟"),
):
    for _w in _words.split():
        CUES.setdefault(_w, _mod)
_CUE_RE = re.compile("|".join(sorted(map(re.escape, CUES), key=len, reverse=True)))
#: Cues that speak of the future even inside an otherwise achieved sentence.
_FUTURE_SENTENCE = re.compile(r"展望未来|未来|将|到\d{4}年|力争")


def speech_spans(text: str) -> list[tuple[int, int, int]]:
    """Quoted speech: (start, end, end of the attribution) for “…” followed by …说/表示/指出."""
    out = []
    for m in re.finditer(r"“([^“”]{8,})”([^。“”\n]{0,60}?)(说|表示|指出|介绍|称|强调|透露|坦言|直言|认为|要求)", text):
        out.append((m.start(), m.end(1) + 1, m.end()))
    for m in re.finditer(r"(?:负责人|表示|说)[^“”。\n]{0,8}[:：]“([^“”]{8,})”", text):
        out.append((m.start(1) - 1, m.end(1) + 1, m.start(1)))
    for m in re.finditer(r"(?<![据经听的])(?:表示|指出|介绍说?|称|说|强调|透露|坦言|直言|认为|要求"
                         r"|通报[^，。：:\n]{0,8}?|说明|谈到|回答)[,，:：]([^。\n]{6,})", text):  # indirect speech
        end = m.end(1)  # (据介绍, 经介绍, 听说: a source, not a speaker)
        p0 = text.rfind("\n", 0, m.start()) + 1
        if m.start() - p0 <= 25 and "。" not in text[p0:m.start()]:
            # 程远航介绍，…。1-7月，…: speech announced at a paragraph's head runs to the paragraph's end
            p1 = text.find("\n", m.end(1))
            p1 = len(text) if p1 < 0 else p1
            quote = text.find("“", m.end(1), p1)
            end = max(end, quote if quote >= 0 else p1)
        out.append((m.start(1), end, m.start(1)))
    return sorted(out)


def in_speech(speech: list[tuple[int, int, int]], start: int) -> tuple[int, int, int] | None:
    """The speech span around ``start`` (the spans are sorted by start: a few are looked at)."""
    i = bisect_right(speech, (start, len(speech) and 1 << 62, 0))
    for s in reversed(speech[max(0, i - 8):i]):
        if s[0] <= start < s[1]:
            return s
    return None


def suggest(text: str, start: int, end: int, default: str = "achieved",
            speech: list[tuple[int, int, int]] | None = None) -> str:
    """The modality a span's wording suggests: claimed inside quoted speech, else by cues."""
    if speech and in_speech(speech, start):
        return "claimed"
    c0, c1 = clause_bounds(text, start, end)
    cues = [(m.start(), CUES[m.group(0)]) for m in _CUE_RE.finditer(text, c0, c1)]
    before = [c for c in cues if c[0] <= start]
    intended = [c for c in before if c[1] in ("planned", "targeted", "aspiration")]
    if intended:  # 力争…实现, 将…完成, 计划…建成: the aim governs the verb that follows it
        return intended[-1][1]
    if before:
        return before[-1][1]
    if cues:
        return cues[0][1]
    s0 = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    s1 = min(i for i in (text.find("。", end), text.find("\n", end), len(text)) if i >= 0)
    if _FUTURE_SENTENCE.search(text, s0, s1) and default == "achieved":
        return "planned"
    return default
