"""Named things in a commitment: projects, institutions, places, policies.

Three sources, all regex: 《…》 titles (kept with their brackets), “…” quoted names,
and list items ending in a naming suffix (…项目, …园, …中心, …路, …号线, …（二期）).
A list where one item is a name makes its siblings names too ("南坪快速三期、
马峦北路南段、金碧路").
"""

from __future__ import annotations

import re

import regex

from planwatch.extract import plain_re
from planwatch.extract.task_lexicon import ACTION, START_ONLY, STRONG, VERB, prefix_tree

_SUFFIXES = (
    "项目 园区 产业园 生态园 园 中心 医院 学校 小学 中学 幼儿园 大学 学院 研究院 研究所 工研院 实验室 "
    "大道 快速路 路 号线 线 工程 平台 办法 条例 规划 方案 意见 措施 细则 导则 纲要 基地 馆 工作站 站 "
    "公园 广场 城 小镇 街区 集聚区 示范区 试验区 先行区 高新区 片区 校区 院区 通道 高速 隧道 枢纽 段 "
    "机构 基金 系统 大楼 水库 书院 集团 公司 研究院 赛 大会 论坛 联盟 车辆段 口岸 机场 国医堂 "
    "加速器 孵化器 云平台 走廊 空间 高铁 城际 中心区 新城 保税区 新片区 开发区 合作区 功能区 经济区 自贸区 产业带"
).split()
_PERIOD = r"[（(]?[一二三四五六七八九十\d]期[）)]?"
SUFFIX = regex.compile("(?:" + "|".join(sorted(set(_SUFFIXES), key=len, reverse=True)) + "|" + _PERIOD + ")")
# SUFFIX with `re`, its words as a prefix tree (task_lexicon.prefix_tree: the same word at each offset, longest
# first). No word starts as _PERIOD does, so trying the words before it picks at each offset what SUFFIX picks.
_SUFFIX_FIRSTS = "[" + "".join(sorted({re.escape(w[0]) for w in _SUFFIXES})) + r"（(一二三四五六七八九十\d]"
# What may follow a suffix's first character: the second of a longer word, a numeral after "（", 期 after a
# numeral (_PERIOD); nothing when that character is a word alone (园, 路 …).
_SUFFIX_SECONDS = "[" + "".join(sorted({re.escape(w[1]) for w in _SUFFIXES if len(w) > 1})) + r"一二三四五六七八九十\d期]"
_SUFFIX_SINGLES = "[" + "".join(sorted({re.escape(w) for w in _SUFFIXES if len(w) == 1})) + "]"
_SUFFIX_RE = f"(?:{prefix_tree(_SUFFIXES, tails={})}|{_PERIOD})"
# SUFFIX's match at every offset (`SUFFIX.finditer(…, overlapped=True)`) as group 1, and with `.search` its
# first match (most clauses hold no naming suffix: no name): the offset's first character is consumed and
# the match read from it looking back (task_lexicon.keyword_finder), once the next character allows one. The
# two set look-ups leave most offsets at C speed (a search of a clause 0.78 → 0.48 µs).
_SUFFIX_AT = re.compile(f"{_SUFFIX_FIRSTS}(?={_SUFFIX_SECONDS}|(?<={_SUFFIX_SINGLES}))(?<=(?=({_SUFFIX_RE})).)")
_TITLE = regex.compile(r"《[^《》]{2,60}》")
_QUOTED = regex.compile(r"“([^“”]{2,40})”")
_ITEM_SPLIT = regex.compile(
    r"(?<!\d)、|、(?!\d)|(?<=\p{Han}{3})[和与](?![谐平睦美])(?=\p{Han}{3})|以及|及|等|被|由|成为|认定为|[，；：。,;:]"
)
_LEAD = re.compile(
    r"^(?:与|和|同|对|在|向|将|把|为|以|依托|围绕|结合|按照|通过|面向|联合|支持|推动|推进|加快|实施|包括|其中|"
    r"引进|建设|开展|打造|完成|启动|协调|深化|落实)+"
)
_LEAD_ADVERB = re.compile(r"^(?:力争|积极|大力|着力|紧密|广泛|全力|努力)+")
_TWO_HAN = regex.compile(r"\p{Han}{2}")
_DIGIT = plain_re.compile(r"\d")
_COUNT = plain_re.compile(r"^\d+[个条项所家座处间批]")
_BAD_END = re.compile(r"(?:之路|思路|出路|新路|道路|一线|底线|防线|红线|主线|路线|沿线|在线|上线|热线)$")
_TRAILER_OK = re.compile(r"^(?:$|[等的]|前期|合作|范围|整体|周边|一体化|以上|运营|配套|内|试点)")
_GENERIC = re.compile(
    r"^(?:重点|重大|优质|一批|各类|相关|有关|在建|筹建|多家|百亿级|十亿级|一个|这些|其他|全区|全市|辖区|"
    r"更多|一些|部分|上述|所有|该|此|项目|平台|中心|[一二三四五六七八九十\d]+期)|纳入|实现|达到|形成|成为"
)
_GENERIC_NAMES = frozenset(
    "产业项目 城市更新项目 创新平台 孵化平台 公共平台 服务平台 信息平台 科技园 产业园区 工业园区 建设项目 "
    "新型公办幼儿园 公办幼儿园 幼儿园 平台体系 协作平台".split()
)


def named_things(clause: str) -> list[str]:
    """The names in `clause` (whitespace-free text), in order of appearance, without repeats."""
    names: list[str] = []
    masked = clause
    if "《" in clause:
        names += [m.group(0) for m in _TITLE.finditer(clause)]
        masked = _TITLE.sub(_blank, masked)
    if "“" in clause:
        names += [m.group(1) for m in _QUOTED.finditer(clause)
                  if "，" not in m.group(1) and _TWO_HAN.search(m.group(1))]
        masked = _QUOTED.sub(_blank, masked)
    if _SUFFIX_AT.search(masked) is None:  # no item can end in a naming suffix: no list holds a name
        return _unique(names)
    for raw in _runs(masked):
        items = [i for i in raw if i.strip("□ ")]
        # only an item with a naming suffix can be a name (`_strip_lead` keeps an end of the item)
        suffixed = [_SUFFIX_AT.search(i) is not None for i in items]
        if sum(suffixed) * 2 < len(items) or not any(suffixed):
            continue  # too few of its items can be names to make their siblings ones
        run = [_strip_lead(i) for i in items]
        found = [_name(item) if can else "" for item, can in zip(run, suffixed, strict=True)]
        if sum(map(bool, found)) * 2 >= len(run):
            for item, name in zip(run, found, strict=False):
                name = name or (_sibling(item) if len(run) > 1 else "")
                if name and _acceptable(name):
                    names.append(name)
    return _unique(names)


def _unique(names: list[str]) -> list[str]:
    """`names` without empty ones and repeats, in order."""
    return list(dict.fromkeys(n for n in names if n)) if names else []


def _blank(m: regex.Match[str]) -> str:
    return "□" * len(m.group(0))


def _lists(masked: str) -> list[list[str]]:
    """Runs of list items: items joined by 、 form one run; any other separator ends it."""
    return [[_strip_lead(i) for i in run if i.strip("□ ")] for run in _runs(masked)]


def _runs(masked: str) -> list[list[str]]:
    """`_lists` before the items are cleaned: the raw text of each item."""
    runs: list[list[str]] = []
    current: list[str] = []
    pos = 0
    for m in _ITEM_SPLIT.finditer(masked):
        current.append(masked[pos:m.start()])
        if m.group(0) not in ("、", "和", "与"):
            runs.append(current)
            current = []
        pos = m.end()
    current.append(masked[pos:])
    runs.append(current)
    return runs


def _strip_lead(item: str) -> str:
    """Drop leading prepositions and verbs ("与香港科技大学" → "香港科技大学")."""
    while True:  # `.match` and a slice: what `.sub("", item)` answers for a pattern anchored at ^, with less work
        before = item
        lead = _LEAD.match(item)
        if lead is not None:
            item = item[lead.end():]
        action = ACTION.match(item) or _LEAD_ADVERB.match(item)
        if action and action.end() < len(item) - 2:
            item = item[action.end():]
        if item == before:
            break
    count = _COUNT.match(item)
    if count is not None:
        item = item[count.end():]
    if "的" in item:
        item = item.rsplit("的", 1)[1] or item
    # No strong verb can leave 5 characters after it: the scan is spared (1.3 M of the ~149 M instructions of a
    # report's task extraction).
    if len(item) < _INNER_MIN:
        return item
    inner = [m for m in VERB.finditer(item, 2) if m.group(0) in STRONG and m.group(0) not in START_ONLY]
    if inner and len(item) - inner[-1].end() >= 5 and inner[-1].group(0) not in ("建设", "改造", "发展"):
        item = item[inner[-1].end():]
    return item


# The shortest item `_strip_lead` can cut at an inner strong verb: one found from offset 2, then 5 characters.
_INNER_MIN = 2 + min(map(len, STRONG)) + 5


def _name(item: str) -> str:
    """The longest prefix of `item` that ends in a naming suffix and is followed by nothing or a trailer."""
    best = ""
    blank = item.find("□")  # a name holds no blanked title or quote
    for m in _SUFFIX_AT.finditer(item):
        end = m.end(1)
        if item.startswith("）", end) and item[:end].count("（") > item[:end].count("）"):
            end += 1
        if 0 <= blank < end or end <= len(best):
            continue
        rest = item[end:]
        if _TRAILER_OK.match(rest) or ACTION.match(rest):
            best = item[:end]
    return best if len(best) - len(_suffix_of(best)) >= 2 else ""


def _suffix_of(name: str) -> str:
    m = _SUFFIX_AT.search(name[-4:]) if name else None  # SUFFIX's first match
    return m.group(1) if m else ""


def _sibling(item: str) -> str:
    """A list sibling of a name, cut before any trailing action ("金碧路完工通车" → "金碧路")."""
    if "□" in item or VERB.match(item):
        return ""
    m = VERB.search(item, 2)
    text = item[: m.start()] if m else item
    return text if 2 <= len(text) <= 12 and not _DIGIT.search(text) else ""


def _acceptable(name: str) -> bool:
    """Specific enough to be a named thing: long enough, not a generic phrase."""
    return (3 <= len(name) <= 30 and not _BAD_END.search(name) and not _GENERIC.search(name)
            and name not in _GENERIC_NAMES and not name.startswith(("□", "和", "及")))
