"""What a plan document is: title, government, its level, the plan year and the kind.

Read from the title first (the first line that looks like one, skipping the
navigation words of saved web pages), then from the speaker and date lines and
headings near the top, then from the file name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import regex

from planwatch.documents.outline import cn_number

Level = Literal["national", "province", "city", "district", "county"]
Kind = Literal["plan", "work_report", "five_year", "other"]


@dataclass(slots=True, frozen=True)
class DocumentMeta:
    """Facts about a plan read from its own text (None / "" where the text does not say)."""

    title: str
    government: str
    level: Level | None
    year: int | None
    kind: Kind

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict."""
        return asdict(self)


_HEAD_CHARS = 3000  # title, government and date sit near the top
_SEGMENT = regex.compile(r"\n|[ \u3000\u2003\u00a0]{2,}")
_NAV = regex.compile(
    r"^(?:下载|打印|全屏|收藏|分享|关闭|返回|首页|【.*|】|加大|还原|减小|字号.*|来源[:：].*|时间[:：].*|发布时间.*|"
    r"浏览次数.*|作者[:：].*|责任编辑.*|\[.*\]|【字号：?)$"
)
_TITLE_WORDS = regex.compile(r"政府工作报告|国民经济和社会发展|发展计划|计划草案|规划纲要|五年规划|工作报告|计划")
_SPACES = regex.compile(r"[\s\u3000]+")
_YEAR = regex.compile(r"(?<!\d)((?:19[5-9]|20\d)\d)(?!\d)")
_ADMIN = r"(?:省|自治区|市|自治州|州|地区|盟|区|县|自治县|旗|自治旗)"
_PLACE = regex.compile(rf"(\p{{Han}}{{1,8}}?{_ADMIN}(?:\p{{Han}}{{1,6}}?{_ADMIN})?)")
# The government named right before the document type in a title ("吉林省政府工作报告", "深圳市坪山区2019年…").
_TITLE_GOV = regex.compile(
    rf"^(?:关于)?(?:\d{{4}}年)?(?P<gov>\p{{Han}}{{1,8}}?{_ADMIN}(?:\p{{Han}}{{1,6}}?{_ADMIN})?)"
    r"(?:人民政府|政府|\d{4}|国民经济|关于|“十|“|十[一二三四五]五)"
)
# A government named by its speaker, government or congress ("上海市市长", "福建省人民政府省长", "吉林省第十四届人民代表大会").
_SPEAKER_GOV = regex.compile(
    rf"(?:(?<=^|[^\p{{Han}}])|(?<=在)|(?<=会议上))(?P<gov>\p{{Han}}{{2,8}}?{_ADMIN}(?:\p{{Han}}{{1,6}}?{_ADMIN})?)"
    r"(?:人民政府|第?[一二三四五六七八九十]+届(?:人民代表大会|人大)|(?:代|常务副)?(?:省|市|区|县|旗)?长|政府主席|主席)"
)
_LEADING_WORDS = regex.compile(r"^\p{Han}*?在")  # "日在云南省" -> "云南省"
_NATIONAL = regex.compile(r"国务院|全国人民代表大会|中华人民共和国")
_MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
_PLAN_HEADING = regex.compile(
    r"(?<!\d)(\d{4})\s*年(?:[^。\n\d]{0,16})(?:主要任务|工作安排|重点工作|工作任务|目标任务|工作部署|工作总体部署|总体要求|主要目标|发展目标|政策取向|政府工作的建议|工作建议|计划(?!执行))"
)
_SPEECH_DATE = regex.compile(r"(?<!\d)(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在")
_REVIEW = regex.compile(r"(?<!\d)(\d{4})\s*年(?:工作回顾|国民经济和社会发展计划执行情况)")
# The report's own words on what it reports, when its title has no year: "现将2011年…计划执行情况及2012年…计划草案提请…".
_DRAFT_YEAR = regex.compile(r"执行情况\s*(?:及|与|和|暨)\s*(\d{4})\s*年[^。\n]{0,20}?草案")
_HEADING_START = regex.compile(
    r"(?:第[一二三四五六七八九十百\d]+[章节篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])"
)
_FIVE_YEAR = regex.compile(r'''(?:第([一二三四五六七八九十]{1,3})个五年|([十][一二三四五六七八九])五)[”"’]?(?:规划|计划)''')
_THIS_YEAR = regex.compile(r"今年(?:工作|主要任务|重点工作|的工作)")


def describe(text: str, name: str) -> DocumentMeta:
    """Title, government, level, plan year and kind of the plan in `text` (file stem `name`)."""
    head = text[:_HEAD_CHARS]
    title = _title(head)
    compact_title = _SPACES.sub("", title)
    government = _government(compact_title, head)
    return DocumentMeta(
        title=title,
        government=government,
        level=level_of(government) if government else None,
        year=_year(compact_title, text, name),
        kind=_kind(compact_title, head),
    )


def _segments(head: str) -> list[str]:
    return [s.strip() for s in _SEGMENT.split(head) if s.strip()]


def _title(head: str) -> str:
    """The first line near the top that looks like a title, skipping web navigation."""
    segments = [s for s in _segments(head)[:25] if not _NAV.match(s)]
    segments = [s for s in segments if not _HEADING_START.match(s)]
    for segment in segments:
        if _TITLE_WORDS.search(segment) and len(segment) <= 60 and "。" not in segment and not segment.startswith("——"):
            return segment
    for segment in segments[:5]:
        if segment.startswith("——"):
            continue
        if len(segment) <= 40 and not regex.search(r"[。，：:；]", segment) and regex.search(r"\p{Han}", segment):
            return segment
    return ""


# Words that stand for the government without naming it: "在区第十八届人民代表大会", "2022年全市…", "关于区2021年…",
# "我代表县人民政府"
# (a page that cut the name). Such a word is no government: the next line that names one, or none (the user passes it).
_DEPUTY = regex.compile(r"(?<=\p{Han})(?:常务)?[副代](?:省|市|区|县|旗)$")
_NAMELESS = regex.compile(rf"^(?:关于|全|本|我|该|各|此|\p{{Han}}*?代表)?{_ADMIN}$")


def _government(title: str, head: str) -> str:
    """The government issuing the plan: from the title, else the speaker/congress lines; never a word like 全市 or 区."""
    m = _TITLE_GOV.match(title)
    if m and "中华人民共和国" not in m.group("gov") and not _NAMELESS.match(m.group("gov")):
        return m.group("gov")
    if title.startswith("中华人民共和国") or title.startswith("国务院"):
        return "中华人民共和国" if title.startswith("中华人民共和国") else "国务院"
    compact_head = _SPACES.sub("", head[:1500])
    for m in _SPEAKER_GOV.finditer(compact_head):
        if _NATIONAL.search(m.group("gov")):
            break
        government = _DEPUTY.sub("", _LEADING_WORDS.sub("", m.group("gov")))  # "静宁县常务副县(长)" -> "静宁县"
        if not _NAMELESS.match(government):
            return government
    if _NATIONAL.search(compact_head):
        return "国务院"
    return ""


def level_of(government: str) -> Level | None:
    """Administrative level of a government name from its suffix (直辖市 count as provinces)."""
    if not government:
        return None
    if government in ("国务院", "中华人民共和国") or government.startswith("中华人民共和国"):
        return "national"
    if government in _MUNICIPALITIES:
        return "province"
    if government.endswith(("自治区", "省")):
        return "province"
    if government.endswith(("县", "旗")):
        return "county"
    if government.endswith("区"):
        return "district"
    if government.endswith(("市", "州", "盟", "地区")):
        return "city"
    return None


def _year(title: str, text: str, name: str) -> int | None:
    """The plan year: latest year in the title, else plan headings / speech date, else the file name."""
    five_year = _FIVE_YEAR.search(title)
    if five_year:  # plan N starts in 1953, 1958, then 1966 + 5 (N - 3): 十四五 -> 2021
        n = cn_number(five_year.group(1) or five_year.group(2))
        return 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        return max(years)
    for heading in _heading_titles(text):
        m = _PLAN_HEADING.search(heading)
        if m:
            return int(m.group(1))
    head = text[:_HEAD_CHARS]
    m = _SPEECH_DATE.search(head)
    if m:
        return int(m.group(1))
    m = _DRAFT_YEAR.search(head)
    if m:
        return int(m.group(1))
    m = _REVIEW.search(text)
    if m and _THIS_YEAR.search(text):
        return int(m.group(1)) + 1
    years = [int(y) for y in _YEAR.findall(name)]
    return years[-1] if years else None


def _heading_titles(text: str) -> list[str]:
    """Titles of the document's chapter-level headings (第…章, 一、, （一）), in order."""
    from planwatch.documents.outline import build_outline

    keep = {"part", "chapter", "section", "cn", "cn_paren"}
    return [s.title for s in build_outline(text).walk() if s.kind in keep]


def _kind(title: str, head: str) -> Kind:
    """plan (年度计划), work_report (政府工作报告), five_year (规划纲要) or other."""
    if "政府工作报告" in title or "工作报告" in title:
        return "work_report"
    if regex.search(r"规划纲要|五年规划|十[一二三四五六七八九]五.{0,4}规划", title):
        return "five_year"
    if "计划" in title:
        return "plan"
    compact = _SPACES.sub("", head)
    if regex.search(r"向大会(?:作)?(?:政府工作)?报告(?:政府)?工作|政府工作报告", compact):
        return "work_report"
    if regex.search(r"国民经济和社会发展计划|计划草案", compact):
        return "plan"
    return "other"
