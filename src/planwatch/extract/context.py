"""Where a sentence stands: the plan's year, and the kind and year its section implies.

Review sections (执行情况, 工作回顾) hold results of the previous year; target and
task sections (目标, 任务, 安排) hold targets of the plan year. Five-year periods
(十四五, 十五五) map to their last year. Besides numbered headings: un-numbered heading
lines ("2024年目标任务"), paragraph cues (过去一年…, 今年…, "《计划》提出，今年…",
"主要预期目标是："), and goal stretches that last to the end of their paragraph (goals
said inside a sentence, "今年…主要预期目标是…", "…指标体系安排", "对2026年…目标"; a paragraph
whose topic is the plan's year, "2026年，…", or a sentence inside one that opens on it and looks
ahead, "…。2026年，该县将…"); where no heading decides, a stretch of the plan's year carries over
the paragraphs after it until one looks back. A numbered item of a review that states a value
keeps the review's kind. docs/extraction.md, "How kind and year are decided".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from planwatch.documents.outline import Outline, Section, build_outline
from planwatch.extract import plain_re

FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
# Patterns that need nothing of `regex` (no \p{…}, no REVERSE, no \s) use stdlib `re` (plain_re).
_FIVE_YEAR = plain_re.compile("|".join(FIVE_YEAR_END))
# The terms before 十一五 (Review15: a 区长's report on the 十五 plan opens "一、“九五”时期的简要回顾"), only where they are one:
# quoted, or before 时期/期间/计划 (not 一九九五年, 二十五, 第十五届).
OLD_TERM_END = {"八五": 1995, "九五": 2000, "十五": 2005}
_OLD_TERM = regex.compile(
    r"(?<![一二三四五六七八九十〇零])[“\"](?P<p>八五|九五|十五)[”\"]|(?<![一二三四五六七八九十〇零第])(?P<q>八五|九五|十五)(?=时期|期间|计划|规划)")


def term_end(title: str) -> int | None:
    """The last year of the five-year term `title` names (十四五 → 2025, “九五”时期 → 2000), or None."""
    if "五" not in title:
        return None
    if five := _FIVE_YEAR.search(title):
        return FIVE_YEAR_END[five.group(0)]
    if old := _OLD_TERM.search(title):
        return OLD_TERM_END[old.group("p") or old.group("q")]
    return None
# (A title set with spaces between its words, "…国民经济和社会发展 计划执行情况", is still the title.)
_TITLE_YEAR = regex.compile(
    r"(20\d{2}|19\d{2})\s*年[^\n。]{0,12}?(?:国民经济和?社会发展\s*计划|政府\s*工作\s*报告|计划\s*草案|预算)")
# A report on one year's execution and the next year's plan: "执行情况与2025年…计划草案", "执行情况及计划草案",
# a portal's "执行情况和2021年国民经济计划执行草案", a title cut after its second year ("执行情况与2019年国民经济").
# The parts of a year a head names (`_WORKS_PROGRESS`); `_PART_WORDS` adds 前N个月.
_PART_WORDS_HEAD = (r"(?:第)?[一二三1-3]季度|上半年|前[两二三2-3](?:个)?季度|"
                    r"(?:1|一|元)\s*(?:—|-|－|–|~|～|至|到)+\s*(?:\d{1,2}|[二三四五六七八九十]|十[一二])\s*月(?:份)?")
_DRAFT = regex.compile(r"执行情况[^\n。]{0,40}?(?:草案|安排)|执行情况\s*(?:与|和|及|暨|、)\s*(?:20|19)\d{2}\s*年")
# A work plan's title line: "平昌县农业农村局2020年工作计划", "2024年工作要点", "市交通局2023年重点工作安排" (not a summary's).
_PLAN_TITLE = regex.compile(
    r"(?m)^[ \u3000]*[^\n。，,；：:]{0,30}?(?P<y>(?:19|20)\d{2})\s*年(?:度)?(?:(?!总结|回顾|完成|情况)[^\n。，,；：:\d]){0,12}?"
    r"(?:工作计划|工作要点|工作安排|工作思路|工作打算|重点工作|责任分解|任务分解|分工方案|分解方案)[^\n。，,；：:]{0,6}$")
# (and a breakdown of a work report's tasks: "武汉市2023年《政府工作报告》目标任务责任分解方案", "…2022年重点工作责任分解的通知",
# Review69)
# A budget's performance sheet (Review70): its goals for a year ("项目支出绩效目标申报表（2021年度）", "澧县食用菌研究所2021年度
# 绩效目标公开", "绩效目标批复表（ 2019 年度）") or its self-evaluation of a year ("2020年度县级专项资金绩效目标自评表",
# "…补助资金2023年度绩效自评报告", "项目支出绩效自评表 (2024年度)"): the year named before the sheet's name or in brackets after it.
_SHEET_NAME = r"(?P<sheet>绩效(?:目标)?自评(?:总结)?(?:表|报告)|绩效评价报告|绩效目标(?:申报表|批复表|设定|公开|表))"
_PERFORMANCE_SHEET = regex.compile(
    rf"(?P<y>(?:19|20)\d{{2}})\s*年度?[^\n。]{{0,30}}?{_SHEET_NAME}"
    rf"|{_SHEET_NAME}[^\n。(（]{{0,16}}\s*(?:\n\s*)?[(（]\s*(?P<y2>(?:19|20)\d{{2}})\s*年度?\s*[)）]")


def performance_sheet(text: str) -> tuple[str, int] | None:
    """("target", year) for a budget's performance goals of a year, ("result", year) for its self-evaluation of one, from
    the head of the text (`_PERFORMANCE_SHEET`); None for any other text."""
    m = _PERFORMANCE_SHEET.search(text, 0, 300)
    if m is None:
        return None
    sheet = m.group("sheet")
    return ("result" if "自评" in sheet or "评价" in sheet else "target"), int(m.group("y") or m.group("y2"))


# A year's budget on its own, without the execution of the year before ("2023年本溪市预算说明", "2024年部门预算", Review57):
# its figures are the year's, as a work plan's are.
_BUDGET_TITLE = regex.compile(
    r"(?m)^[ \u3000]*[^\n。，,；：:]{0,30}?(?P<y>(?:19|20)\d{2})\s*年(?:度)?(?:(?!执行|决算)[^\n。，,；：:\d]){0,12}?"
    r"(?:预算说明|预算草案|预算安排|预算编制说明|部门预算)[^\n。，,；：:]{0,6}$")
_DATELINE = regex.compile(r"——\s*(20\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# A year's final accounts in a title (Review57): "关于祁阳县2019年财政决算(草案)的报告".
_FINAL_ACCOUNTS = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年[^\n。，,]{0,8}?决算")
# 工作总结 / 情况总结: a summary of the work done ("一、2025年上半年工作总结", "一、2024年工作总结": a 街道's summary); how
# the work went (开展情况, 推进情况, 落实情况: "一、2022年工作开展情况" of a street's summary, Review53)
# 主要工作 is the work done ("一、2023年主要工作回顾", "过去一年的主要工作"), not the work set ("三、2024年主要工作安排", "主要工作
# 任务": Review17, a heading of the coming year's works read as a review made the report a year late and its tasks results;
# nor "二、2025年目标任务和主要工作", Review61).
_REVIEW = plain_re.compile(
    r"回顾|执行情况|完成情况|开展情况|推进情况|落实情况|决算|过去|成绩|成就|进展情况"
    r"|(?<!目标任务和)(?<!目标任务及)(?<!任务和)(?<!目标和)主要工作(?!安排|任务|部署|打算|要点|计划|思路|建议|目标|举措)"
    r"|工作总结|情况总结|工作情况(?!安排|计划|打算|要点)|实施情况"
    r"|(?:措施|举措|做法)(?:及|和|与)(?:取得的)?成效|主要成效|工作成效")  # ("二、工作措施及成效", Review72)
# A review heading of work still in course ("一、项目总体建设进展情况"): with no year named, the plan's own (Review63).
_IN_PROGRESS = plain_re.compile(r"进展情况|推进情况|进度情况")
_FORWARD = plain_re.compile(r"任务|目标|安排|要求|重点|建议|部署|举措|今年|思路|展望|工作")
# A numbered heading that gives an order, clause after clause ("五、全力推动融合“迭变”，持续打造生态转化新地标"): each
# clause opens on a verb or a verb's adverb and its last clause ends on what is to be made, not on how a thing fared.
# A review's headings end on the outcome ("…，经济运行持续向好", "…，城市能级显著提升") or say it (取得, 成效 …).
_ORDER_OPEN = (r"全力|加快|加速|加力|持续|着力|奋力|大力|深入|全面|积极|扎实|坚定|坚持|坚决|聚力|聚焦|突出|强化|推动|推进|打造|"
               r"建设|构建|培育|提升|深化|做强|做优|做大|做实|做好|办好|抓好|优化|完善|促进|实施|厚植|筑牢|守牢|守住|激发|增进|"
               r"统筹|不断|切实|巩固|夯实|狠抓|抢抓|紧扣|围绕|锚定|勇当|争当|争创|当好|建好|用好|融入|服务|保障|提高|增强|激活|"
               r"纵深|协同|全速|全域|牢牢|主动|更大力度|更高水平|更加")
_ORDER_CLAUSE = regex.compile(rf"^(?:{_ORDER_OPEN})")
_ORDER_NOT = plain_re.compile(
    r"取得|成效|成绩|成果|显著|明显|向好|齐升|迈上|跃升|实现了|迈出|新突破|新进展|新台阶|创新高|历史新高|新成效|回顾|过去|一年来|以来")
_STATE_END = regex.compile(r"(?:提升|增强|提高|改善|向好|齐升|加快|显现|见效|巩固|壮大|跃升|突破|加速|凸显|彰显|扩大|稳定|落地|"
                           r"增长|攀升|上升|下降|减少|好转|夯实|完善|优化|深化|活跃|增进|集聚|释放)$")
_ORDER_KINDS = frozenset(("cn", "cn_paren", "num", "num_paren"))
_YEAR = regex.compile(r"(20\d{2}|19\d{2})\s*年")
# What lets a subsection overturn its parent's kind: a year, a five-year term, goals, a review.
_STRONG = regex.compile(r"(?:19|20)\d{2}\s*年|十[一二三四五六]五|目标|今年|明年|回顾|执行情况|完成情况")
# A numbered item of a review that states a value ("1.地区生产总值达到4210.5亿元、增长5.8%，…，符合预期目标") is a deed
# listed under its heading, not a heading of its own: its 目标 is the goal the value was judged by. Only a time it names
# (a year, 今年, 明年, a five-year term) lets it overturn the review.
_STATES_VALUE = regex.compile(r"\d\s*(?:%|％|‰|个百分点|[万亿]|元|吨|人|户|个|项|家|所|座|公里|千米|平方米|亩|千瓦)")
_ITEM_TIME = regex.compile(r"(?:19|20)\d{2}\s*年|十[一二三四五六]五|今年|明年")
# Where a paragraph starts: a line, or a run of wide spaces in a speech kept on one line.
_PARA_START = r"(?:^|\n|[ \u3000\u2003]{2,})[ \u3000\u2003]*"
_PARA_END = regex.compile(r"\n|[ \u3000\u2003]{2,}")
# A paragraph's opening up to a point: nothing, or a reporter's frame before what a speaker or a document says
# ("《计划》还提出，", "此外，县长还指出，"). Matched at the end of the 40 characters before the point (`_opens`).
# A news dateline and its reporter: "南都讯 记者蔡雯 2025年，…", "新华网福州1月8日电(刘丰)2021年，…".
_DATELINE_LEAD = (r"(?:[^\n。；！？，,：:]{1,12}?(?:讯|日电)[ \u3000\u2003]*(?:[（(][^（）()\n]{1,16}[）)]"
                  r"|[ \u3000\u2003]*记者[^\n。；！？，,：:\d]{2,12}?)?[ \u3000\u2003]*)?")
_OPENING = regex.compile(
    r"(?:\n|[ \u3000\u2003]{2,})[ \u3000\u2003]*" + _DATELINE_LEAD
    + r"(?:(?:[^\n。；！？，,：:]{1,6}[，,])?[^\n。；！？，,：:]{1,24}?(?:说|指出|提出|强调|表示|介绍|透露)(?:了)?[，,：:])?$"
)
# A five-year plan's execution reviewed ("“十三五”规划纲要执行情况", "十四五规划实施情况中期评估", "“十三五”规划《纲要》预计完成31项
# 指标"), not its last year named (“十三五”规划收官之年: a plan of that year says it too).
_TERM_REVIEWED = regex.compile(
    r"(?P<p>十[一二三四五六]五)[”\"]?(?:规划)?(?:《?纲要》?)?[^。，,；\n]{0,6}?(?:执行情况|实施情况|完成情况|预计完成|评估|总结)")
# Paragraph openings that switch between review and outlook inside one section: 过去一年…, 今年…, a goal list's
# lead "主要预期目标是：", "主要目标任务是：", "主要预期目标建议为：", "主要预期指标是：", a five-year period.
_PARA = regex.compile(
    rf"{_PARA_START}(?P<open>过去一年|过去五年|一年来|五年来|今年|而今|如今|新的一年|即将过去的一年)"
    r"|(?P<goal>(?:(?:主要)?(?:预期)?目标|(?:主要)?预期指标)(?:任务)?(?:是|为|建议为|拟定为|确定为|设定为|定为)?[：:])"
    r"|(?:^|\n)[ \u3000\u2003]*(?P<five>“?十[一二三四五六]五”?(?:时期|期间))"
)
# 今年 opening a review of part of the year, or of the year so far: "今年上半年国民经济和社会发展计划执行工作中…",
# "今年1—6月，…", "今年以来，…", "今年年初以来，…", "今年6月以来，…" (a report on the plan's own year, in its course).
# A month's number: "5", "十一", "九".
_MONTH_NUMBER = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
# The year so far after 今年: "以来", "来，", "年初以来", "6月以来", "5月底以来".
_SINCE = rf"(?:(?:年初|{_MONTH_NUMBER}\s*月份?[上中下]?[旬初底末]?)?以来|来[，,])"
_SO_FAR_SINCE = regex.compile(_SINCE)
_PART_OF_YEAR = regex.compile(
    rf"(?:{_SINCE}|上半年|一季度|第[一二三]季度|前[两二三]季度|前三个季度|(?:1|一)\s*(?:—|-|－|–|~|～|至|到)+\s*(?:\d{1,2}|[二三四五六七八九十]|十[一二])\s*月)"
)
# The header of a table that assigns the year's works (Review36): its columns name the task and who answers for it, not how
# it went ("序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |"; not "…| 进展情况 | 责任单位"). Its rows are the targets.
_DUTY_WORD = plain_re.compile(r"责任单位|牵头单位|责任部门|牵头部门|主办单位")
_DUTY_HEADER = plain_re.compile(
    rf"[^\n。；]{{0,40}}?(?:项目|任务|事项|工作)[^\n。；]{{0,60}}?(?:{_DUTY_WORD.pattern})[^\n。；]{{0,60}}")
_DUTY_HEADER_NOT = regex.compile(r"进展|进度|完成情况|完成率|推进情况|落实情况|实施情况|办理情况|成效")
_NOW_WORDS = frozenset(("今年", "而今", "如今", "新的一年"))
_OUTLOOK = plain_re.compile(r"目标|要|将|力争|确保|计划|安排|拟|着力|重点|努力")

# Goals announced inside a sentence, without a colon; they hold to the end of their paragraph:
# "今年…主要预期目标是/为/建议为…", "…主要预期目标，即…", "…指标体系安排", "提出了2026年的…目标", "明确了全县2026年…主要预期
# 目标", "阐述了2026年…预期目标建议" (not a task's "提出到2020年…目标", nor "完成…确定的目标，2030年前…"), and the news
# lead's "今年…主要预期目标也定了，其中…" (goals said to be set, then given: a time named before them is needed).
_GOAL_SAID = regex.compile(
    r"(?P<lead>主要|预期)?(?:目标|指标)(?:任务)?(?:便|就)?(?:是|为|定为|设定为|建议为|确定为|拟定为|明确为|[，,]?即(?:为|是)?)(?![：:])"
    r"|(?:目标|指标)(?:任务)?(?:也|已|已经|均|都)?(?:定了|定下了|确定了|敲定|出炉|公布)"
    # a headline's goal and its figure, a year before it: "陕西2024年GDP增长目标5.5%左右，城镇新增就业40万人以上"
    r"|(?<=(?:19|20)\d{2}\s*年[^，。；！？\n\d]{0,12}?)(?:增长|增速)?目标(?=\s*\d)"
    r"|(?P<plan>(?:主要)?指标(?:体系)?安排)"
    # goals said set, then given after a comma: "果洛州划定发展预期目标，地区生产总值增长3%；…" (Review76)
    r"|(?P<set>(?:划定|确定|提出|设定|明确|制定|定下)(?:了)?[^。；！？\n，,：:]{0,10}?(?:预期|主要)目标(?:任务)?(?=[，,]))"
    r"|(?P<proposed>(?:提出|明确|确定|确立|阐述|部署|描绘|勾画)(?:了)?(?:(?!目标)[^。；！？\n]){0,24}?(?<!到)"
    r"(?:今年|明年|(?:19|20)\d{2}\s*年|(?:今后|未来)(?:五|5)年)[^。；！？\n]{0,24}?(?:目标|指标|蓝图)"
    # the next five years named before the verb: "我们对今后五年的发展提出了细化量化、可观可感的具体目标"
    r"|(?<![过去])(?:今后|未来)(?:五|5)年[^。；！？\n]{0,8}?(?:提出|明确|确定|确立|部署|描绘|勾画)(?:了)?[^。；！？\n]{0,24}?(?:目标|指标|蓝图))"
    # goals of a year said with 对/对于 ("某市对2026年仍确定了积极的预期目标。其中，…", "对于2026经济社会发展主要预期目标，…"; a bare
    # year after 对 is still one), not their completion ("对2025年目标完成情况进行评估")
    r"|(?P<about>(?<![相绝])对(?:于)?\s*(?:(?P<ay>(?:19|20)\d{2})(?:\s*年)?(?![\d.％%])|今年|明年)[^。；！？\n，,：:]{0,16}?目标)"
    r"(?!(?:任务)?(?:的)?(?:完成|实现|达成|执行|落实))"
)
# The year's works announced as a list (民生实事, 为民…实事): "某区今年将为群众办好25件民生实事", "确定了今年要办好的十件
# 为民实事", "某县2026年将办好12件民生实事", "县政府将全力保障民生支出，集中办好12件民生实事。具体是：…". A time (今年,
# 明年, a year) or a word of deciding or of the future before 实事 in the sentence (将, 确定, 计划, 拟, 要); not the 将 that
# is 把 ("始终将财力向民生领域倾斜", "将民生实事列入…", "将…作为…").
_DEEDS = regex.compile(
    r"(?:今年|明年|(?:19|20)\d{2}\s*年|将(?!近|[^，,。；！？\n]{0,10}?(?:向|用于|作为|纳入|列入|列为|放在|摆在|转化为|办实))"
    r"|确定|计划|拟|(?<![主重需只])要)[^。；！？\n]{0,30}?(?:实事|民生工程|民生事项|民生项目)"
)
# The rest of a 实事 cue's paragraph when it opens a list: "…清单，具体内容如下：", "…项目具体如下".
_LIST_LEAD = regex.compile(r"[^。！？\n]{0,30}?(?:如下|[：:])[ \u3000\u2003]*$")
# Works said done or under way in the sentence of a 实事 cue: a review of them, not their announcement.
_DEEDS_DONE = regex.compile(
    r"已(?!经?(?:确定|明确|公布|出炉|敲定))|完成了|办结|(?:全部|全面|圆满|顺利|基本|如期)(?:完成|办结|兑现|落实)|完成情况|办理情况|进展|成效|办好了|落实了")
# A deadline opening a clause: "力争到2010年，生产总值…比2004年翻一番", "到“十四五”末，全市地区生产总值要达到300亿元", "。到
# 2035年，地区生产总值突破600亿元". The goals after it, to the end of the paragraph, are targets of that year (a five-year
# term's end: its last year) when it is not before the plan's, whatever the frame around them (a gazetteer's page of a plan, a
# news item of a report whose other paragraphs review). Not a deadline inside a phrase ("为到2035年基本实现现代化奠定基础":
# the 到 must open its clause, after a mark or a goal word, or 预计: "预计到2025年…达到1000亿元以上" in an action plan, Review74)
# nor one that says what has been done by it (到2020年底以来, 之前).
_DEADLINE = regex.compile(
    r"(?:^|(?<=[，,。；;：:！？\n]))[ \u3000\u2003]*(?:力争|争取|确保|计划|预期|预计|要|将)?(?:在)?到\s*"
    r"(?:(?P<y>(?:19|20)\d{2})\s*年(?:底|末)?|[“\"]?(?P<p>十[一二三四五六]五)[”\"]?(?:期末|末))"
    r"(?![前以的之]|期间|间|内|[\d])"
)
# The time a goal sentence is about, the last one named before its goal word. A year followed by a date or a part of
# it (2024年3月, 2024年1—6月) is none; one followed by a count is ("2024年12个民生实事候选项目", Review17).
_GOAL_TIME = regex.compile(
    r"(?P<now>今年)(?!以来)|(?P<next>明年)|(?P<ahead>(?:今后|未来)(?:五|5)年)"
    r"|(?P<y>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*(?:月|日|季|[—\-－–~～至到])|\s*\d{1,2}$|以来)"
)
# What makes a goal sentence a past one's: "去年预期目标是…", "过去五年…目标是…", "2020年以来…".
_PAST = regex.compile(r"去年|(?<!基础)上年|过去|以来|回顾|执行情况|完成情况")
# 今年 after a reporter's frame ("《计划》提出，今年…"), and a year as a paragraph's topic ("2026年，全县计划新开工重点项目25个…"),
# when `_opens` finds the paragraph's opening before them.
_SAID_THIS_YEAR = regex.compile(r"(?<=[，,：:])今年(?!以来)")
_YEAR_OPEN = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年[，,]")
# What makes a sentence inside a paragraph that opens on a year a goal one (`_ahead_sentence`), and what keeps it a
# review or a forecast ("2026年，预计全区主要指标完成情况如下："). 将近 is no future, 主要/重要 no 要.
_AHEAD = regex.compile(r"将(?!近)|(?<![主重需只])要|力争|争取|计划(?!总投资)|预期|确保|目标|拟|努力")
_NOT_AHEAD = regex.compile(r"预计|完成情况|执行情况|回顾|以来")
# The kind of a paragraph cue of the year so far ("今年以来，…"): results of the plan's year, the values' own words deciding
# as where nothing frames them (`DocumentContext.frame_at`).
_SO_FAR = "so far"
# A verb of an outcome with 了: what was done ("迈上了新台阶", "取得了显著成效", "实现了…").
_PERFECTIVE = regex.compile(r"(?:迈上|跨上|登上|跃上|迈出|实现|取得|完成|达到|获得|创造|交出|经受住|战胜|打赢|赢得)了")
# A month's number: "5", "十一", "九".
# What else marks a sentence of work done: any verb with 了 ("较好地保障了…", not 为了, 除了, 了解), or the summary's formula of
# the leadership it worked under ("在市应急管理局的科学指导及县委、县政府的坚强领导下", Review65).
_DONE_MARK = regex.compile(r"\p{Han}(?<![为除罢])了(?![解结])|(?:坚强|正确|精心|科学)(?:领导|指导)下"
                           # (how the year's work went: "2024年，全县招商引资完成情况：…")
                           r"|完成情况|(?:提前|超额|高质量|圆满|顺利)完成|完成率"
                           r"|交出[^。；！？\n]{0,12}?成绩单")  # ("全市2022年度农业农村经济交出亮眼“成绩单”", Review72)
# The aim a year's work was set on, said in its review ("我们锚定…总目标，坚持…", Review72): no goal of the sentence's own.
_AIMED_AT = regex.compile(r"(?:锚定|围绕|紧扣|紧盯|聚焦|瞄准|对标|朝着|向着)(?:[“\"][^”\"\n]{0,60}[”\"]|[^，。；：:,;\n“\"]){0,40}?目标")
# A clause that opens on the time so far, ending a year's plan said before it in its paragraph: what follows is how far
# the year has got ("…年度投资195亿元，截至5月末，已开复工73个", "…全年计划完成投资98.5亿元，1-4月累计完成投资21.01亿元").
SO_FAR_CLAUSE = regex.compile(
    rf"[，,；;。]\s*(?:截[至止](?:今年|本年)?\s*{_MONTH_NUMBER}\s*月"
    r"|(?:1|一)\s*(?:—|-|－|–|~|～|至|到)+\s*(?:\d{1,2}|十[一二]?|[二三四五六七八九])\s*月|上半年[，,]|前三季度[，,])")
# (not 截至目前 or 今年以来, after which a work's quoted name is still its goal: "截至目前，“新增城镇公办中小学学位2.5万个”…")
# A sentence that opens looking back, ending goals announced before it in its paragraph (`_goals_end`).
_TURNS_BACK = regex.compile(r"回顾|回望|过去一年|过去五年|五年来|一年来|成绩")
# A paragraph's first sentence that looks back ends a goal stretch's carry (`_carry_end`): a past time, a review word,
# a part of the year, a statistics release, or a year before the plan's that is no base (比2020年, 较, 与, 从, 由) nor a
# deadline (到2030年).
_LOOKS_BACK = regex.compile(
    r"去年|(?<!基础)上年|过去|回顾|一年来|五年来|以来|成绩|执行情况|完成情况|预计|截至|同比|上半年|季度|统计|核算|数据显示")
_OTHER_TIME = regex.compile(r"今年|明年|当年|本年")
# A year before the plan's that a paragraph speaks of; not one that sorts things ("完工2024年9个续建老旧小区改造项目":
# the projects begun in 2024, finished in the plan's year).
_PAST_YEAR = regex.compile(r"(?<![比较与同从由于到至])(?P<y>(?:19|20)\d{2})\s*年(?!\s*\d+\s*(?:个|件|项|所|座|家|条|批|处))")
# An un-numbered heading line ("2024年目标任务", "2023年经济社会发展主要目标", "主要指标安排", "2022年工作回顾"):
# short, no sentence marks, its topic at its end: goal words make it a goal heading, review words a review heading.
# Not a title (报告, 关于 …), a list item (——, ●, a number that is no year) nor a deed ("完成省下达的减排任务").
# (Found from its topic word: a line of at most 50 characters around it is then matched whole.)
# A line whose topic is the year's works (实事, 工程, 项目: "2025年民生实事", "2024年重点项目") counts only when it names
# its year ("重点项目" alone heads a review's paragraph as well as a plan's).
_HEAD_WORD = plain_re.compile(r"目标|指标|任务|回顾|执行情况|完成情况|实事|工程|项目|事项|工作总结|工作计划")
_HEAD_WORKS = plain_re.compile(r"目标|指标|任务|回顾|执行情况|完成情况|工作总结|工作计划")
_HEAD_CHAR = r"[^\n。，,；;：:！？!?|\t]"
_HEAD_LINE = regex.compile(
    rf"[ \u3000\u2003]*(?P<t>{_HEAD_CHAR}{{0,36}}?(?:目标|指标|任务|回顾|执行情况|完成情况|实事|工程|项目|事项|工作总结|工作计划)"
    rf"{_HEAD_CHAR}{{0,4}}?)"
    r"[ \u3000\u2003]*"
)
# A goal met, missed or exceeded, said of the year reviewed: "超预期目标8.57亿元", "完成区人代会批准增长8%以上目标",
# "控制在4.5%的预期目标内", "有6项没有完成“双过半”目标任务", "目标完成率". Its 目标 looks back: no heading, cue or
# outlook is made of it (a forward word before the verb keeps it a goal: "确保完成全年目标任务").
_MET_GOAL = regex.compile(
    r"(?<!确保|力争|争取|努力|全力|奋力|坚决|必须|要|将|为|以|能否)"
    r"(?:超额完成|超过|超出|超|(?:没有|未能|未|尚未)?(?:完成|实现|达到|达成)|控制在|高于|低于|好于|优于|快于|慢于)"
    r"(?:了)?[^，。；：:,;\n]{0,24}?目标(?:任务)?(?:内|以内|之内|要求)?"
    r"|目标(?:任务)?(?:完成率|完成情况|完成|实现|达成)"
)
# A heading line of a year and a review or an outlook word only: "回顾2015", "展望2016", "2016年展望" (news set in
# sections): results of that year, targets of that year.
_YEAR_HEAD = regex.compile(
    r"[ \u3000\u2003]*(?:(?P<w>回顾|展望)[ \u3000\u2003]*(?P<y>(?:19|20)\d{2})(?:[ \u3000\u2003]*年)?"
    r"|(?P<y2>(?:19|20)\d{2})[ \u3000\u2003]*年?[ \u3000\u2003]*(?P<w2>回顾|展望))[ \u3000\u2003]*"
)
_YEAR_HEAD_WORD = plain_re.compile(r"回顾|展望")
_TABLE_HEADER = regex.compile(r"指\s*标(?:名称)?|项目名称")
_HEAD_NOT = regex.compile(
    r"报告|关于|通知|《|  |\u3000\u3000|^[—\-●·•*]|\d(?!\d*\s*年)|(?<![1-9]\d{3}\s*)年(?=\d)|完成(?!情况)|实现|落实|确保|下达"
)


# A review of part of a year in its course: "关于崇信县2017年上半年国民经济和社会发展计划执行情况的审查意见", "…前三季度…执行
#情况的报告", "听取审议某镇2025年上半年经济和社会发展情况的报告" (Review15). Its results are of that year (a review of a whole
# year is of the year before the plan's).
# (Review18: a 督查 notice "对《政府工作报告》确定的2021年重点工作上半年完成情况进行了督办": the year's works between the
# year and the part, 完成情况 as the end)
_PART_REVIEW = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?:重点|主要)?(?:工作|任务|目标任务|指标任务)|[^\n。，,\d]{0,8}?(?:目标任务|指标任务))?"
    r"(?:上半年|(?<=任务)半年|一季度|第[一二三]季度|前[两二三]季度|前三个季度|"
    r"(?:1|一)\s*(?:—|-|－|–|~|～|至|到)+\s*(?:\d{1,2}|[二三四五六七八九十]|十[一二])\s*月(?:份)?)[^\n。]{0,24}?(?:执行情况|情况的报告|完成情况|工作总结)"
)  # (a department's "2022年上半年工作总结及下半年工作计划": its half year so far, Review60)


# A passage about part of a year (news of a meeting, a statistics release): its head names the part and what is reported
# of it ("会议通报了慈利县2018年一季度经济运行情况", "2018年一季度全市经济运行…"), or a paragraph opens on it
# ("前三季度，全县上下…", "元至九月，全县完成生产总值…"). Its values are of that part of that year (the year named, else
# the plan's own year), not of the year before the plan's.
_PART_WORDS = _PART_WORDS_HEAD + r"|前(?:\d{1,2}|[二三四五六七八九十]|十[一二])(?:个)?月"
PART_WORDS = _PART_WORDS  # the words of part of a year, for wording's sentences that name one
_PART_PASSAGE = regex.compile(
    rf"(?:(?P<y>(?:19|20)\d{{2}})\s*年|今年)?\s*(?P<part>{_PART_WORDS})[^\n。；，,]{{0,12}}?"
    r"(?:经济(?:社会)?(?:运行|形势|发展)|运行情况|执行情况|主要(?:经济)?指标|经济数据|统计数据"
    r"|集中签约|集中开工|集中竣工|签约仪式|开工仪式)"  # (the part's ceremony: "2023年一季度产业项目集中签约", Review56)
    rf"|(?:^|\n)[ \u3000\u2003]*(?P<py>(?:19|20)\d{{2}}\s*年|今年)?(?P<opening>{_PART_WORDS})[，,]"
    # a progress note's title: the months to a date, then how the works stand ("全盟2021年重点建设项目截至5月末进展情况",
    # "某县50项民生实事1-7月实施情况", Review63)
    rf"|(?:(?P<yp>(?:19|20)\d{{2}})\s*年)?(?P<progress>截[至止]\s*{_MONTH_NUMBER}\s*月(?:份)?(?:底|末)?"
    rf"|{_PART_WORDS})[^\n。；，,]{{0,12}}?(?:进展情况|推进情况|实施情况|完成情况|进度情况)"
)
# A report that says it covers part of a year, whatever its head said before: "现将1-11月的工作落实情况报告如下".
_PART_AS_FOLLOWS = regex.compile(
    rf"现将(?:今年|(?P<y>(?:19|20)\d{{2}})\s*年)?\s*(?P<part>{_PART_WORDS})[^\n。]{{0,16}}?(?:报告|汇报|总结|通报)如下")
# A head that reviews or plans a whole year first ("2017年工作回顾", "今年主要目标") is no part-of-year passage.
_WHOLE_FIRST = regex.compile(r"全年|年度|工作报告|回顾|过去一年|五年|目标|计划|执行情况|完成情况|(?:19|20)\d{2}\s*年[，,]")


# A page of statistics that names no year ("实现地区生产总值744.94亿元，同比增长6.3%" / "…初步统计，前三季度蔬菜产量增长4.5%…",
# "日前，从区统计局传出消息，前三季度，全区实现…"): no year, no whole year, no other year's time, no goal; the part of the year it
# names, the same part each time (a comparison base, 较上半年提高1.8个百分点, is none), is the part of the document's year
# every value is of.
_PART_ANY = regex.compile(rf"(?<![比较同与])(?P<part>{_PART_WORDS})")
_NAMES_YEAR = regex.compile(r"(?:19|20)\d{2}\s*年|全年|年度|去年|上年|明年|前年|十[一二三四五六]五|五年|(?:今后|未来)")
_NAMES_GOAL = regex.compile(r"目标|计划|力争|确保|预期|要求|任务")
_RESULTS_WORDS = regex.compile(r"同比(?:增长|下降)|(?<![要将])增长\d|统计")


def _untimed_part(text: str) -> str | None:
    """The part of the year a statistics page that names no year reports (`_PART_ANY`), or None."""
    if _NAMES_YEAR.search(text) or _NAMES_GOAL.search(text) or not _RESULTS_WORDS.search(text):
        return None
    parts = {regex.sub(r"\s", "", m.group("part")).removeprefix("第") for m in _PART_ANY.finditer(text)}
    return parts.pop() if len(parts) == 1 else None


def part_year_passage(text: str, plan: int | None) -> tuple[int, str] | None:
    """(year, part words) when the document is a passage about part of a year: its head (first 400 characters) names
    the part with what is reported of it, or a paragraph opens on it, before any whole-year review or goal; or it is a
    statistics page that names no year and one part of it (`_untimed_part`)."""
    if plan is None:
        return None
    head = text[:400]
    if (said := _PART_AS_FOLLOWS.search(head)) is not None:
        named = said.group("y")  # "现将1-11月的工作落实情况报告如下" (Review62): the report says what it covers
        year = int(named) if named else plan
        return (year, said.group("part")) if year in (plan, plan - 1) else None
    m = _PART_PASSAGE.search(head)
    if m is None or _WHOLE_FIRST.search(head, 0, m.start()):
        untimed = _untimed_part(text)
        return (plan, untimed) if untimed else None
    named = m.group("y") or m.group("py") or m.group("yp")
    year = int(named[:4]) if named and named[0].isdigit() else plan
    if year not in (plan, plan - 1):
        return None
    return year, m.group("part") or m.group("opening") or m.group("progress")


# A review of the year in its course known by its first words ("今年以来，高新区锚定…", "年初以来，…", "截至目前，…"): the
# opening paragraph (after a title line or not) looks back over the document's own year so far.
# A news page may put its date and source between the title and the opening ("2025-11-27  来源:诏闻天下", Review53).
_NEWS_META = (r"[ \u3000\u2003]*(?:来源[:：][^\n\d]{0,30}?)?(?:(?:发布)?(?:时间|日期)[:：]\s*)?"
              r"(?P<meta>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<month>\d{1,2})\s*(?:[-/.]|月)"
              r"\s*\d{1,2}(?:\s*日)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
              r"(?:[ \u3000\u2003]*[^\n]{0,60}?(?:来源|作者|编辑|发布|浏览|字号|字体)[^\n]*"
              r"|(?<=\d:\d\d)[^\n。，,]{0,30})?"  # (after a time, its publisher: "2023-11-24 11:54 沙区政府教育督导室")
              r"[ \u3000\u2003]*\n")
_IN_COURSE = regex.compile(
    rf"^(?:[ \u3000\u2003]*[^\n。，,]{{1,40}}\n)?\s*(?:{_NEWS_META})?\s*"
    + _DATELINE_LEAD  # (a news dateline and its reporter before it: "滁州网讯(全媒体记者王太新)今年以来，…", Review72)
    +     r"(?:(?:今年|年初|今年年初|(?P<since>(?:19|20)\d{2})\s*年)以来|截至目前|截止目前)[，,]"
)
# The date line of a news page under its title: the year the page speaks of as its own, where nothing else names one.
_NEWS_DATE = regex.compile(rf"^(?:[ \u3000\u2003]*[^\n。，,]{{1,60}}\n){{0,2}}\s*{_NEWS_META}")  # (a breadcrumb, a title)


def so_far_months(text: str, year: int | None) -> str | None:
    """The months a dated page of the year so far covers ("M01-M11" for a page of 2025-11-27 about 2025), or None when
    its date line is missing, of another year, or of December (the year then ends the page's figures)."""
    m = _NEWS_DATE.match(text)
    if m is None or year is None or int(m.group("meta")) != year or not 1 < int(m.group("month")) < 12:
        return None
    return f"M01-M{int(m.group('month')):02d}"


# News of an event of the year in course, at the head of a page: a batch of projects started, signed or finished
# ("2021年全市四季度重点项目集中开工和投产投用现场会", "我市举行2020年全市第一次产业项目集中开工签约仪式", "举行2023年重点
# 项目集中开工仪式", Review68). Its figures are of the year it happens in, the page's own, not of the year before.
_EVENT_NEWS = regex.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年)?[^\n。，,；]{0,24}?(?:集中开工|集中签约|集中竣工|集中投产|集中开竣工|开工签约|签约开工"
    r"|开工仪式|签约仪式|竣工仪式|投产仪式)")


def event_news(text: str, year: int | None) -> bool:
    """True when the head of the page (its first 300 characters) tells of an event of projects held in `year`, the
    year it names or, naming none, the page's own (`_EVENT_NEWS`)."""
    m = _EVENT_NEWS.search(text, 0, 300) if year is not None else None
    return m is not None and (m.group("y") is None or int(m.group("y")) == year)


# The year's figures so far, said on a page of the year: "今年以来", "上半年", "一季度", "截止一季度", "1-9月" (Review66).
_SO_FAR_SAID = regex.compile(
    rf"今年以来|今年{_PART_WORDS_HEAD}|截[至止](?:目前|{_PART_WORDS_HEAD})|(?<![\d年])(?:{_PART_WORDS_HEAD})[，,]")


def dated_in_course(text: str, year: int | None) -> bool:
    """True when a news page dated under its title from March to November of `year` (`_NEWS_DATE`) speaks of that year
    so far (`_SO_FAR_SAID`) and names no earlier year near its head: a people's congress inspecting the year's works, a
    meeting on the first half (Review66). A page of January or February may still review the year before."""
    m = _NEWS_DATE.match(text)
    if m is None or year is None or int(m.group("meta")) != year or not 3 <= int(m.group("month")) <= 11:
        return False
    body = text[m.end(): m.end() + 600]
    return _SO_FAR_SAID.search(body) is not None \
        and not any(int(y) < year for y in regex.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", body[:200]))


def in_course_review(text: str, year: int | None = None) -> bool:
    """True when the document opens on a look-back over its own year so far (`_IN_COURSE`: 今年以来，…; "2022年以来，…" on a
    page of 2022 (`year`), Review56)."""
    m = _IN_COURSE.match(text.lstrip("\ufeff\n"))
    return m is not None and (m.group("since") is None or (year is not None and int(m.group("since")) == year))


# How a year's works or goals are getting on, said in a progress report's head (Review40): the year, the works, the part of
# the year and the word of progress, in one sentence ("2021年成都市民生实事工作目标前三季度实施情况已发布", "对2022年省、市、区三级
# 为民办实事项目1-8月份进展情况进行跟踪督查", "2019年我市…重点项目共502个，…1—8月份累计完成投资697.38亿元").
_WORKS_PROGRESS = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年[^\n。]{0,30}?(?:民生实事|为民办实事|实事|\p{Han}{0,6}项目|重点工程|民生工程|目标任务|工作目标|重点工作)"
    rf"[^\n]{{0,120}}?(?:{_PART_WORDS_HEAD})[^\n。]{{0,30}}?"
    r"(?:进展|实施情况|落实情况|推进情况|完成情况|进度|累计完成|完成投资|开复工|复工|开工率)"
    # or a title that opens on the part ("前三季度我市重点民生工程扎实推进")
    rf"|^[ \u3000]*(?:{_PART_WORDS_HEAD})[^\n。]{{0,20}}?(?:民生实事|为民办实事|实事|重点项目|重点工程|民生工程|目标任务)"
    r"[^\n。]{0,12}?(?:进展|推进|实施|落实|完成)[^\n。]{0,12}\n[^\n]{0,200}?(?P<y2>(?:19|20)\d{2})\s*年")
# A progress note's title that names the months reported and no year: "某县9月份民生工程进展情况", "1-10月重点项目推进情况".
_MONTHS_PROGRESS_TITLE = regex.compile(
    r"[ \u3000]*(?:(?!(?:19|20)\d\d)[^\n]){0,16}?(?:(?P<ty>(?:19|20)\d\d)\s*年)?(?<!\d)(?:(?:1|一)\s*(?:—|-|－|–|~|～|至|到)\s*)?"
    r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份|底)?"
    r"[^\n\d]{0,16}?(?:进展情况|推进情况|进度情况|完成情况|实施情况|落实情况|进展)(?:[^\n]{0,8}\n|表(?=发布|来源|时间))")


def part_year_review(text: str, plan: int | None) -> bool:
    """True when the document reviews part of the plan's own year (its title or opening: 2017年上半年…执行情况), with
    no draft of the next year's plan in the same title."""
    if plan is None:
        return False
    m = _PART_REVIEW.search(text[:600])
    if m is None and (titled := _MONTHS_PROGRESS_TITLE.match(text)) is not None \
            and (titled.group("ty") is None or int(titled.group("ty")) == plan):
        # "某县9月份民生工程进展情况" (Review38): a title of the months so far, its year the file's (or the one it names,
        # "2023年3月份暖民心行动各县区进展情况表", Review67)
        return True
    if m is None and (works := _WORKS_PROGRESS.search(text[:400])) is not None:
        return int(works.group("y") or works.group("y2")) == plan  # "对2022年…为民办实事项目1-8月份进展情况进行跟踪督查" (Review40)
    if m is None or int(m.group("y")) != plan:
        return False
    line_end = text.find("\n", m.end())
    return _DRAFT.search(text, m.start(), line_end if line_end >= 0 else len(text)) is None


# A statistics review of a whole year ("2024年全县经济运行情况", "2023年国民经济和社会发展统计公报", "2024年全区经济运行简况"):
# its title or opening names the year with what is reported of it, and no plan, draft, goal or work report.
_WHOLE_REVIEW = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年[^\n。，,；]{0,16}?(?:经济运行(?:情况|简况|综述|分析)|国民经济和社会发展统计|统计公报"
    r"|环境(?:质量)?(?:数据|状况)|空气质量(?:数据|状况))"  # (Review62: "新区2022年环境数据出炉", "2020年环境质量状况公报")
)
# A decade looked back on, named in the title ("正蓝旗这十年", "党的十八大以来…十年"): a review of every year it names, up to the
# last; a year aimed at (到2025年, 力争) is not one of them.
_DECADE_REVIEW = regex.compile(r"这十年|十年来|(?:十|10)年(?:巨变|成就|变化|发展成就|辉煌)")
_YEAR_DONE = regex.compile(r"(?<![到至迄]|\d)((?:19|20)\d{2})(?=\s*年)(?![^，,。；\n]{0,12}?(?:目标|力争|预计|将|计划))")
# (人民政府 is the publisher's name: "2024年安徽省蚌埠市人民政府国民经济和社会发展统计公报")
_WHOLE_REVIEW_NOT = regex.compile(rf"计划|草案|目标|工作报告|(?<!人民)政府|预算|执行情况|展望|{_PART_WORDS}")
# A report on how a year's works were done ("2022锡山区民生实事票决项目完成情况", "2022锡山民生实事成绩单", "2023年重点项目
# 完成情况"): a review of that year too, its year written with or without 年; not one that also sets next year's works.
_WORKS_DONE = regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*年(?:度)?)?(?!\d)[^\n。，,；]{0,16}?(?:民生实事|实事项目|重点项目|重点工程|为民办实事)"
    r"[^\n。，,；]{0,12}?(?:完成情况|成绩单|完成情况报告)"
)
# The same said as of the year's last day (Review40): "截止2019年12月31日，…“十件实事”涉及的16项工作任务全面完成".
_YEAR_END_DONE = regex.compile(
    r"截[至止](?P<y>(?:19|20)\d{2})\s*年\s*12\s*月\s*(?:31\s*日|底|末)[^\n。]{0,40}?(?:实事|重点项目|重点工程|民生工程|工作任务)"
    r"[^\n。]{0,30}?(?:全面完成|全部完成|已完成|完成)")
# A page that opens on a year's works all done: "2022年度省市县三级民生实事共计126项，…，126项民生实事均全部或超额完成年度目标任务".
_WORKS_ALL_DONE = regex.compile(
    r"\s*(?P<y>(?:19|20)\d{2})\s*年(?:度)?[^\n。]{0,24}?(?:民生实事|实事项目|为民办实事)[^\n。]{0,60}?"
    r"(?:均|全部|全面)(?:全部|全面)?(?:或超额)?(?:完成|超额完成)")
_WORKS_DONE_NOT = regex.compile(rf"安排|计划|草案|目标|展望|进展|{_PART_WORDS}")
# a head that speaks as a work report or a plan report ("各位代表", "政府工作报告") is none
_WHOLE_HEAD_NOT = regex.compile(r"工作报告|各位代表|计划草案|计划执行")


# A statistics review known by its structure, not its title ("2022年，全县…经济运行…。" then "一、综合 / 初步核算，全县生产总值…",
# "二、农业", "三、工业"): the first numbered top heading is a statistics sector, its first lines report results
# (初步核算, 比上年增长), and the opening before it names the year.
_SECTOR = (r"综合|国民经济|农业|农林牧渔业?|工业|建筑业|固定资产投资|投资|国内贸易|贸易|消费|市场|商贸|对外经济|开放型经济|对外贸易|"
           r"交通运输|邮电|邮政|电信|通信|旅游|财政|金融|税收|价格|物价|人民生活|居民收入|社会保障|教育|科技|科学技术|文化|卫生|"
           r"体育|人口|就业|民营经济|非公有制经济|能源|资源|环境|城乡建设|房地产|服务业|规模以上工业")
_SECTOR_HEAD = regex.compile(
    r"(?:^|\n)[ \u3000\u2003]*一[ \u3000\u2003]*[、.．][ \u3000\u2003]*(?P<t>[^\n]{1,24}?)[ \u3000\u2003]*(?=\n)"
)
_SECTOR_TITLE = regex.compile(rf"(?:(?:{_SECTOR})(?:和|与|及|、)?)+")
# A text that opens on a year's statistics with no year of its own ("初步核算,全年完成地区生产总值295.4亿元"): a bulletin's
# page without its title.
_PRELIMINARY = r"\s*(?:经|据)?初步(?:统计|核算)[，,：:]?\s*"
_OPENS_ON_STATISTICS = regex.compile(_PRELIMINARY + r"(?:\p{Han}{2,6}?[市县区旗])?\s*全年")
# A bulletin's first sector opening on its statistics of a year: "经初步核算,2023年,全县…", "据初步核算，2023年…".
_CORE_YEAR = regex.compile(_PRELIMINARY + r"(?:全年)?(?P<y>(?:19|20)\d{2})\s*年")
_RESULTS_SAID = regex.compile(r"初步核算|统一核算|比上年(?:增长|下降|上涨|减少|提高|增加)|同比(?:增长|下降)|年末|全年实现")
# an opening that speaks of a plan, goals or a report to a congress is none (a government led the year: 县委、政府 is fine)
_SECTOR_OPENING_NOT = regex.compile(rf"计划|草案|目标|工作报告|各位代表|预算|展望|{_PART_WORDS}")
_OPENING_YEAR = regex.compile(
    r"^[ \u3000\u2003]*(?P<y>(?:19|20)\d{2})[ \u3000\u2003]*年(?![度底末]|[上下]半年|[一二三四]季度|\d|[一二三四五六七八九十]+月)"
)


# Short lines above a statistics review's opening paragraph (its title, the office that issues it, a date).
_BYLINE_MAX = 40
_SENTENCE_MARK = regex.compile(r"[。；！？，]")
# The opening's first sentence saying what the year was ("2024年是新中国成立75周年，…关键一年。"): its goal words are a
# year's description, not goals the review sets.
_YEAR_SAID = regex.compile(r"[ \u3000\u2003]*(?:19|20)\d{2}[ \u3000\u2003]*年是[^。！？\n]*?(?:之年|一年)[。！]")


def sector_review(text: str) -> int | None:
    """The year a statistics review known by its structure reports: its opening paragraph starts on a year ("2022年，全县
    上下…", "2024 年是…关键之年"), and the first numbered top heading after it names a statistics sector (一、综合, 一、农业)
    whose first lines report results (初步核算, 比上年增长). None otherwise, or when the opening speaks of goals or a plan."""
    m = _SECTOR_HEAD.search(text, 0, 1200)
    if m is None or _SECTOR_TITLE.fullmatch(regex.sub(r"[ \u3000\u2003]", "", m.group("t"))) is None:
        return None
    opening = text[: m.start()].strip()
    if not opening:
        # the sector heading opens the text (a bulletin's page without its title): the year its first lines report
        # ("一、综合\n经初步核算,2023年,全县实现地区生产总值…")
        first = _CORE_YEAR.match(text, m.end())
        return int(first.group("y")) if first is not None else None
    lines = opening.split("\n")
    if len(lines) > 1 and all(len(line.strip()) <= _BYLINE_MAX and not _SENTENCE_MARK.search(line)
                              for line in lines[:-1]):
        opening = lines[-1].strip()  # "龙沙区统计局" or the bulletin's title above its opening paragraph
    y = _OPENING_YEAR.match(opening)
    if y is None or "\n" in opening:
        return None
    said = _YEAR_SAID.match(opening)  # "2024年是…实现“十四五”规划目标任务的关键一年。": what the year was, no goal of it
    if _SECTOR_OPENING_NOT.search(opening, said.end() if said else 0):
        return None
    if _RESULTS_SAID.search(text, m.end(), m.end() + 300) is None:
        return None
    return int(y.group("y"))


_FIRST_LINE_SECTOR = regex.compile(r"[ \u3000\u2003]*(?:[一1][ \u3000]*[、.．][ \u3000]*)?(?P<t>[^\n，。；：:,]{1,12}?)[ \u3000\u2003]*\n")


def opens_on_sector(text: str) -> bool:
    """Whether `text` opens on a statistics sector's heading ("一、综合", "综合实力", "一、农业") whose first lines report
    results (初步核算, 比上年增长, 同比增长): a bulletin's page without its title."""
    m = _FIRST_LINE_SECTOR.match(text)
    if m is None:
        return False
    title = regex.sub(r"[ \u3000\u2003]", "", m.group("t")).removesuffix("实力").removesuffix("概况")
    return _SECTOR_TITLE.fullmatch(title) is not None and _RESULTS_SAID.search(text, m.end(), m.end() + 400) is not None


def whole_year_review(text: str) -> int | None:
    """The year a statistics review of a whole year reports (its title or opening, first 300 characters: 2024年全县经济
    运行情况, 2023年…统计公报; or its structure, `sector_review`), or None; not in a plan or work report (`_TITLE_YEAR`,
    工作报告, 各位代表 in its head) nor when the line that names it speaks of a plan, a draft, goals, a work report or part of a
    year."""
    if _TITLE_YEAR.search(text[:600]) or _WHOLE_HEAD_NOT.search(text[:300]):
        return None
    m = _WHOLE_REVIEW.search(text[:300])
    title_end = text.find("\n", 0, 200)
    if m is None and _DECADE_REVIEW.search(text, 0, title_end if title_end >= 0 else 200):
        # "正蓝旗这十年|扎格斯台苏木篇" (Review53): a decade looked back on, through the last year it names
        done_years = [int(y.group(1)) for y in _YEAR_DONE.finditer(text)]
        return max(done_years) if done_years else None
    if m is None:
        done = _WORKS_DONE.search(text[:300]) or _YEAR_END_DONE.search(text[:300])
        if done is not None and not _WORKS_DONE_NOT.search(_line_of(text, done)):
            return int(done.group("y"))  # "2022锡山区民生实事票决项目完成情况": the year's works, done
        if (done := _WORKS_ALL_DONE.match(text)) is not None \
                and not _WORKS_DONE_NOT.search(done.group(0).replace("目标任务", "")):
            return int(done.group("y"))  # "2022年度…民生实事共计126项，…均全部或超额完成年度目标任务" (Review67)
        return sector_review(text)
    if _WHOLE_REVIEW_NOT.search(_line_of(text, m)):
        return None
    return int(m.group("y"))


def _line_of(text: str, m: regex.Match[str]) -> str:
    """The whole line of `text` that the match `m` stands on."""
    end = text.find("\n", m.end())
    return text[text.rfind("\n", 0, m.start()) + 1: end if end >= 0 else len(text)]


@dataclass(slots=True)
class Frame:
    """The default kind and year for quantities in one section."""

    kind: str
    year: int | None
    section: str
    # True when nothing in the document decided the frame (the default, a result of the year reviewed): the value's
    # own clause may then say more (`wording.frame_override`: "公办幼儿园在园幼儿占比将提高到85%以上")
    default: bool = False
    # the first of five years a heading or lead names with the frame's one year ("2022年及未来五年主要目标": 2022): an
    # average or a total under it is of those five years (`period.assign_periods`), every other value of the one year
    five_from: int | None = None


def _review_heading_year(outline: Outline) -> int | None:
    """The year a review heading of the top two levels names ("一、2024年工作总结"), or None."""
    for section in outline.walk():
        if section.level <= 2 and (y := _YEAR.search(section.title)) and _REVIEW.search(section.title):
            return int(y.group(1))
    return None


def done_sentence(text: str, pos: int) -> bool:
    """Whether the sentence from `pos` tells what was done, not what is to be ("2024年，崇左市坚持…，…工作迈上了新台阶，
    全市经济持续巩固回升向好。", Review55): a verb with 了 and no future or goal word."""
    stop = min((i for i in (text.find(mark, pos) for mark in "。！？\n") if i >= 0), default=len(text))
    sentence = text[pos:stop]
    return (_PERFECTIVE.search(sentence) is not None or _DONE_MARK.search(sentence) is not None) \
        and _AHEAD.search(_AIMED_AT.sub("", without_met_goals(sentence)).replace("要求", "")) is None  # (重要要求: no 要 of the future)


def plan_year(text: str, name: str = "", outline: Outline | None = None) -> int | None:
    """The year a plan or work report is for: title, dateline, headings, then the file name."""
    head = text[:600]
    if m := _TITLE_YEAR.search(head):
        # "关于2024年…计划执行情况与2025年…计划草案的报告": the plan is the draft's year, not the one reviewed.
        # The title is the paragraph that holds the match (a yearless title line above it says nothing).
        para = head.rfind("\n\n", 0, m.start()) + 2 if "\n\n" in head[: m.start()] else 0
        lines = head[para: m.end() + 120].split("\n\n")
        title = lines[0]
        if len(lines) > 1 and lines[1].lstrip(" \u3000").startswith(("及", "和", "与", "暨", "以及")):
            title += lines[1]  # a title broken over two lines: "关于…2022年…执行情况" then "及2023年…计划草案的报告"
        if draft := _DRAFT.search(title, m.start() - para):
            # the draft's own year ("…执行情况和2021年国民经济计划执行草案"), else the year after the one reviewed
            years = [int(y.group(1)) for y in _YEAR.finditer(draft.group(0))]
            return max(years) if years else int(m.group(1)) + 1
        return int(m.group(1))
    if (sheet := performance_sheet(head)) is not None:
        return sheet[1] + (1 if sheet[0] == "result" else 0)  # a performance sheet: the year it sets goals for or evaluates
    if m := _FINAL_ACCOUNTS.search(head, 0, 300):
        return int(m.group("y")) + 1  # "关于祁阳县2019年财政决算(草案)的报告": that year's final accounts, a review of it
    if m := _PLAN_TITLE.search(head, 0, 300):
        return int(m.group("y"))  # "平昌县农业农村局2020年工作计划": a department's plan of that year
    if m := _DATELINE.search(head):
        return int(m.group(1))
    if m := _SUMMARY_TITLE.search(head, 0, 200):
        # "2021年工作总结", "召开2022年总结暨2023年工作动员大会", "一、2021年及过去五年工作回顾" (a news summary's list of the
        # report's parts): a summary of the year done, for the year after it (a
        # summary of part of a year, "2025年上半年工作总结", is of the year in course)
        return int(m.group(1)) + (0 if _PART_SAID.search(m.group(0)) else 1)
    outline = outline or build_outline(text)
    for section in outline.walk():
        if section.level > 2:
            continue
        if y := _YEAR.search(section.title):
            year = int(y.group(1))
            if _REVIEW.search(section.title):
                return year + 1
            if _FORWARD.search(section.title):
                return year
    if m := _GOALS_OF_YEAR.search(text, 0, 3000):
        return int(m.group(1))  # "报告明确了安化县2022年经济社会发展的主要预期目标": news of a report that names no year above
    if m := _YEAR_AIMS.search(text, 0, 600):
        return int(m.group(1))  # "肇庆：2025年GDP力争突破3000亿元", "2025年，肇庆市要实现…": news of a year's aims
    if (m := _WORKS_OF_YEAR.search(text, 0, 600)) and not _WORKS_OF_YEAR_NOT.search(text, 0, 600):
        return int(m.group(1))  # "关于印发洋县2024年十大民生实事项目的通知": the year's list of works
    if m := _DONE_AS_FOLLOWS.search(text, 0, _OPENING_DONE_REACH):
        # "结合我区实际，2022年实施完成乡村振兴项目如下。" (Review72): what the year did (part of it: the year in course)
        return int(m.group("y")) + (0 if _PART_SAID.search(m.group(0)) else 1)
    if (m := _OPENING_DONE_YEAR.search(text, 0, _OPENING_DONE_REACH)) and done_sentence(text, m.end()):
        # a text that opens on a year as its topic, no title above or under a news lead, and tells what was done in it
        # ("2024年，崇左市坚持…，…迈上了新台阶", Review55; "本报讯…近日，…荣誉称号。" then "2022年，市农业农村局…交出亮眼
        # “成绩单”", Review72): a page of the review of that year
        return int(m.group("y")) + 1
    if m := _NEWS_DATE.match(text):
        return int(m.group("meta"))  # "2025-11-27  来源:诏闻天下" under the title: a news page of that year
    if m := regex.search(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", name):
        return int(m.group(1))
    return None


# A paragraph that opens on a year as its topic near the head of a text (its first, or the one after a news lead).
_OPENING_DONE_YEAR = regex.compile(r"(?:^|(?<=\n))[ \u3000\u2003]*" + _YEAR_OPEN.pattern)
_OPENING_DONE_REACH = 300
# A lead that gives what a year did as what follows: "2022年实施完成乡村振兴项目如下", "2023年完成情况如下".
_DONE_AS_FOLLOWS = regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年(?:度)?[^。；！？\n\d]{0,16}?(?:实施完成|已完成|完成情况|完成|取得)[^。；！？\n\d]{0,24}?如下")


# A year's main goals named in the text: the year the plan is for, when no title, dateline or heading says it.
_GOALS_OF_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年[^。；！？\n\d]{0,24}?主要预期目标")


# A five-year term named as what a paragraph speaks of ("“十四五”期间，", "十三五时期", "“十三五” 硕果累累"), not as a base
# (比“十一五”期末, 较, 与 …).
_TERM_NAMED = regex.compile(r"(?<![比较与同从由“\"])(?<![比较与同从由][“\"])[“\"]?(?P<p>十[一二三四五]五)")


# A summary of a year's work at the head of a text (its title, or news of the meeting that heard it).
# (one phrase: not "召开2023年工作会议，回顾总结2022年工作", whose 2023 is the meeting's, Review56)
_SUMMARY_TITLE = regex.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?[^。；！？\n\d，,]{0,8}?(?:工作)?(?:总结(?!会议精神)|回顾(?!展望))")
_PART_SAID = regex.compile(r"半年|季度|月")


# A year and what is aimed at in it, at the head of a text that names no year otherwise (a news title or lead): the
# year the plan is for. Not an estimate (预计) nor a year reviewed.
_YEAR_AIMS = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年[，,]?(?:(?!预计|以来|完成|实现了)[^。；！？\n\d]){0,12}?"
                           r"(?:力争|要实现|确保|预期(?:发展)?目标|目标是|将力争|计划实现|目标(?=\s*\d))")


# A year's list of works at the head of a text (a notice that issues it, the list's title): the year it plans for. Not a
# report on how the works went (完成情况, 进展, 成绩单: a review of that year, `whole_year_review`).
_WORKS_OF_YEAR = regex.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年[^。；！？\n\d]{0,16}?(?:民生实事|为民办实事|民生项目|重点项目|重点工程)[^。；！？\n]{0,12}?"
    r"(?:清单|的通知|计划表|安排|项目表|一览表)")
_WORKS_OF_YEAR_NOT = regex.compile(r"完成情况|进展|进度|成绩单|推进情况|实施情况|落实情况")


def without_met_goals(text: str) -> str:
    """`text` without the goals it says were met, missed or exceeded (`_MET_GOAL`): their 目标 looks back."""
    return _MET_GOAL.sub("", text) if "目标" in text else text


def _classify(section: Section, plan: int | None, reviewed: int | None = None,
              first: int | None = None, in_progress: int | None = None) -> tuple[str | None, int | None]:
    """Kind and year a heading implies, or (None, None) when it says neither. A numbered list item of a review
    ("5.完成地方一般公共预算收入79.92亿元…，超预期目标8.57亿元") says a goal was met: that 目标 makes no target.
    A review heading that names no year reviews `reviewed` (the year before the plan's, or the plan's own in a review
    of part of it: "一、国民经济和社会发展计划执行情况" under "关于2019年上半年…执行情况的报告")."""
    title = section.title
    five = term_end(title)
    y = _YEAR.search(title)
    year = int(y.group(1)) if y else None
    if _REVIEW.search(title):
        if five and not year:
            year = five
        if not year and in_progress and _IN_PROGRESS.search(title):
            year = in_progress
        return "result", year if year else (reviewed if reviewed else plan - 1 if plan else None)
    if _FORWARD.search(without_met_goals(title)) or (year and plan and year >= plan):
        if five and not year:
            year = five
        if not year:
            year = one_and_five(title, plan)  # "今后五年和明年的目标": the year after the plan's
        if not year:
            year = _ahead_end(title, plan, first)  # "二、今后五年工作的总体要求和主要目标": the fifth year from the plan's
        return "target", year if year else plan
    if section.kind in _ORDER_KINDS and plan and _gives_order(title):
        return "target", plan
    return None, None


def _gives_order(title: str) -> bool:
    """Whether a heading orders work to be done (`_ORDER_CLAUSE`): its tasks are the plan year's, in a passage that
    has no heading of the year's work above them (a page of a work report's second half)."""
    if _ORDER_NOT.search(title):
        return False
    clauses = [c.strip(" \u3000“”\"") for c in regex.split(r"[，,；;]", title.rstrip("。. ")) if c.strip()]
    return len(clauses) >= 2 and all(_ORDER_CLAUSE.match(c) for c in clauses) and not _STATE_END.search(clauses[-1])


# A heading of the next five years' goals or work, with no one year beside them ("二、今后五年工作的总体要求和主要目标",
# "未来五年的奋斗目标"): its values are of the term's fifth year, counted from the plan's (a new government's report).
_AHEAD_TITLE = plain_re.compile(r"(?:今后|未来)(?:五|5)年")


def _ahead_end(title: str, plan: int | None, first: int | None = None) -> int | None:
    """The fifth year from the plan's (from `first`, the next five years' first, when given) when `title` names the
    next five years, else None (callers ask `one_and_five` first: a heading that names one year with the five is of
    that year)."""
    first = plan if first is None else first
    return first + 4 if first is not None and _AHEAD_TITLE.search(title) else None


def five_first(text: str, plan: int | None) -> int | None:
    """The first of "the next five years" a document speaks of: the plan's year, or the one after it when the text
    names the year after the plan's fifth and never the fifth (news of 2022-12-26 of the goals "未来五年" that gives
    "2027年全市经济总量要达到2300亿元左右": 2023–2027)."""
    if plan is None or ("五年" not in text and "5年" not in text):
        return plan
    named = {int(y) for y in _YEAR.findall(text)}
    return plan + 1 if plan + 5 in named and plan + 4 not in named else plan


# One year's goals and the next five years' together: "2022年及未来五年主要目标", "今后五年和明年的目标", "明年及今后五年".
# Their items are of the one year; an average or a total among them is of the five years from it (`Frame.five_from`).
_ONE_AND_FIVE = regex.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年|(?P<now>今年)|(?P<next>明年))(?:及|和|与|以及|、)(?:未来|今后)(?:五|5)年"
    r"|(?:未来|今后)(?:五|5)年(?:的)?(?:及|和|与|以及|、)(?:(?P<y2>(?:19|20)\d{2})\s*年|(?P<now2>今年)|(?P<next2>明年))")


def one_and_five(text: str, plan: int | None) -> int | None:
    """The one year `text` names with the next five years ("2022年及未来五年" → 2022; 明年 → the plan's next), or None."""
    if "五年" not in text and "5年" not in text:
        return None
    m = _ONE_AND_FIVE.search(text)
    if m is None:
        return None
    if y := m.group("y") or m.group("y2"):
        return int(y)
    if m.group("now") or m.group("now2"):
        return plan
    return plan + 1 if plan is not None else None


# Goals of the next five years, said just before the colon: "明确了今后五年的发展目标：", "“十五五”时期主要目标：".
_AHEAD_FIVE = plain_re.compile(r"(?:(?:今后|未来)(?:五|5)年|(?P<p>十[一二三四五六]五)[”\"]?(?:时期|期间)?)[^，。；！？]{0,12}$")


def _in_brackets(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside a bracket opened after `start` and not closed before `pos`."""
    opened = max(text.rfind("（", start, pos), text.rfind("(", start, pos))
    return opened >= 0 and max(text.find("）", opened, pos), text.find(")", opened, pos)) < 0


def _goal_year(before: str, plan: int | None, first: int | None = None) -> int | None:
    """The year of goals announced after `before` (the text of their line up to 目标): a five-year plan's last year
    when the goals are those of the next five years, else the plan's (a 十四五 named earlier in the sentence,
    "是实施“十四五”规划承上启下的关键一年，…主要预期目标是：", does not count)."""
    if (one := one_and_five(before, plan)) is not None:
        return one  # "2022年及未来五年主要目标：": the one year's
    found = _AHEAD_FIVE.search(before) if plan is not None else None
    if found is None or plan is None:
        return plan
    end = FIVE_YEAR_END[found.group("p")] if found.group("p") else (plan if first is None else first) + 4
    return end if end > plan else plan


class DocumentContext:
    """Section frames of one document, looked up by offset into the normalised text."""

    def __init__(self, text: str, name: str = "", outline: Outline | None = None) -> None:
        self.text = text
        self.outline = outline or build_outline(text)
        self.plan_year = plan_year(text, name, self.outline)
        self._frames: list[tuple[int, int, Frame]] = []
        # results of the year before the plan's, or of the plan's own year in a review of part of it (上半年…执行情况)
        # a passage about part of a year (2018年一季度…经济运行, 前三季度，…): of that year, its part (`part`) governing
        self.part_passage = part_year_passage(text, self.plan_year)
        self._part_review = part_year_review(text, self.plan_year)
        self.part_review = self._part_review
        # a summary that opens on 今年以来 (Review14): results of the year it reviews so far, the document's own
        self._in_course = (in_course_review(text, self.plan_year) or event_news(text, self.plan_year)
                           or dated_in_course(text, self.plan_year)) and self.plan_year is not None
        # a dated page of the year so far ("2025-11-27  来源:…" then 今年以来): its figures are of the months to the date
        # (M01-M11), not the whole year, which a monitor would otherwise judge on them (Review53)
        self.so_far = so_far_months(text, self.plan_year) if self._in_course else None
        # a statistics review of a whole year (2024年全县经济运行情况): results of that year, an outlook of the next
        self._whole_review = None if self.part_passage is not None or self._part_review else whole_year_review(text)
        if self._whole_review is None and self.part_passage is None and not self._part_review \
                and self.plan_year is not None and (_OPENS_ON_STATISTICS.match(text) is not None or opens_on_sector(text)):
            # a bulletin's page that opens on "初步核算，全年…" or on its first sector ("一、综合" / "综合实力" then results): the
            # year its file names
            self._whole_review = self.plan_year
        if self._whole_review is not None and (self.plan_year is None or self.plan_year <= self._whole_review):
            self.plan_year = self._whole_review + 1
        reviewed = self.plan_year if self._part_review else (
            self.plan_year - 1 if self.plan_year else None)
        if self._in_course:
            # 今年 is the plan's year, unless a review heading named the year (一、2024年工作总结 → plan 2025)
            reviewed = _review_heading_year(self.outline) or self.plan_year
        if self.part_passage is not None:
            reviewed = self.part_passage[0]
        if self._whole_review is not None:
            reviewed = self._whole_review
        self._reviewed = reviewed  # the year a review heading or line that names none is of
        # the year a progress heading that names none is of ("一、项目总体建设进展情况", `_IN_PROGRESS`): the plan's own, where
        # nothing but the default makes the document a review of the year before (not "某县2022年民生实事完成情况")
        self._in_progress = self.plan_year if self._whole_review is None and reviewed is not None \
            and self.plan_year is not None and reviewed == self.plan_year - 1 and not _SUMMARY_TITLE.search(text, 0, 200) \
            and not _TITLE_YEAR.search(text, 0, 600) else None
        self._five_first = five_first(text, self.plan_year)  # the first of "the next five years"
        default = Frame("result", reviewed, "")
        self._default = default
        self._cache: dict[tuple[int, int, int, bool], Frame] = {}
        # in text order; at one place, a cue that names its year after (and so over) one that does not
        self._cues: list[tuple[int, str, int | None]] = sorted(
            self._paragraph_cues() + self._heading_lines(), key=lambda cue: (cue[0], cue[1], cue[2] is not None, cue[2] or 0))
        self._cue_starts = [cue[0] for cue in self._cues]
        self._so_far_cut: set[int] = set()  # year openings whose plan a time so far ends (`SO_FAR_CLAUSE`)
        stretches = self._goal_stretches()
        # (a year opening's plan carries past its paragraph, but not in a progress report nor where the time so far ended it)
        self._carry = {stretch[0]: self._carry_end(stretch[1], stretch[3], stretch[4] == "until",
                                                   stretch[4] == "said" and self._of_term(stretch[3]))
                       for stretch in stretches if stretch[4] in ("said", "until")
                       or (stretch[4] == "open" and not self._part_review and self.part_passage is None
                           and stretch[0] not in self._so_far_cut)}
        self._stretches: list[tuple[int, int, str, int | None, str]] = self._unbroken(stretches)
        self._stretch_starts = [stretch[0] for stretch in self._stretches]
        self._outlook_from = self._end_of_first_review()

    def cues(self) -> list[tuple[int, str, int | None]]:
        """The paragraph cues and heading lines, in text order: (offset, kind, year)."""
        return list(self._cues)

    def _end_of_first_review(self) -> int | None:
        """Where the first top-level review section ends: unlabelled sections after it look ahead. Not in a review of
        part of a year (一季度，全县实现地区生产总值…; 2019年上半年…执行情况): its numbered sections ("二、工业生产增势较好",
        "三、固定资产投资增长较快") go on reporting the part reviewed; one that names goals still decides by its words. Nor in a
        statistics review of a whole year (2024年全县经济运行情况, 2023年…统计公报, `whole_year_review`) for the same reason."""
        if self.part_passage is not None or self._part_review or self._in_course or self._whole_review is not None:
            return None
        tops = [s for s in self.outline.sections if s.level <= 1]
        for i, section in enumerate(tops):
            kind, _ = _classify(section, self.plan_year, self._reviewed, self._five_first, self._in_progress)
            if kind == "result" or (kind is None and i == 0 and len(tops) > 1):
                return section.end  # a report opens with its review, named or not
            if kind == "target":
                return None
        return None

    def _paragraph_cues(self) -> list[tuple[int, str, int | None]]:
        """Paragraphs that open a review (过去一年…) or an outlook (今年…目标) of their own."""
        cues: list[tuple[int, str, int | None]] = []
        plan = self.plan_year
        if (title := _PLAN_TITLE.search(self.text, 0, 300) or _BUDGET_TITLE.search(self.text, 0, 300)) is not None \
                and int(title.group("y")) == plan and not _REVIEW.search(title.group(0)):
            # a work plan: its year's tasks, where nothing says otherwise (not "2023年工作总结和2024年工作打算": its summary
            # comes first)
            cues.append((title.start("y"), "target", plan))
        if plan is not None and performance_sheet(self.text) == ("target", plan):
            cues.append((0, "target", plan))  # a budget's performance goals for the year (Review70)
        for m in _PARA.finditer(self.text):
            if m.group("goal"):
                line = self.text[self.text.rfind("\n", 0, m.start("goal")) + 1: m.start("goal")]
                said = without_met_goals(line[-40:] + m.group("goal"))
                if "目标" not in said and "预期指标" not in said:
                    continue  # "全市主要发展指标总体实现…确定的预期目标：" then the year's results: goals said met
                cues.append((m.start("goal"), "target", _goal_year(line, plan, self._five_first)))
                continue
            if m.group("five"):  # a paragraph about a five-year period: its last year
                end = FIVE_YEAR_END[m.group("five").strip("“”").removesuffix("时期").removesuffix("期间").strip("“”")]
                if plan:
                    # the period ending in the plan's year, under a review's heading ("一、十三五工作回顾" then "十三五时期是
                    # 我县发展进程中极不平凡的五年", a report of 2020): reviewed, not ahead
                    # and the period's plan said reviewed at the document's head ("我市关于“十三五”规划纲要执行情况如何?",
                    # a report of its execution in its last year): reviewed too
                    ahead = end > plan or (end == plan and not any(
                        _REVIEW.search(section.title) for section in self.outline.path_at(m.start("five")))
                        and not any(FIVE_YEAR_END[r.group("p")] == end for r in _TERM_REVIEWED.finditer(self.text[:400])))
                    cues.append((m.start("five"), "target" if ahead else "result", end))
                continue
            opening = m.group("open")
            if opening in _NOW_WORDS:  # (而今, 如今, 新的一年: a feature's turn to the year ahead, Review18)
                if not _PART_OF_YEAR.match(self.text, m.end()) and self._outlook(m.end()):
                    cues.append((m.start("open"), "target", plan))
                elif opening == "今年" and _SO_FAR_SINCE.match(self.text, m.end()) \
                        and plan is not None and not any(
                        _REVIEW.search(section.title) for section in self.outline.path_at(m.start("open"))):
                    # "过去一年，…共签约项目52个。" then "今年以来，…本次共签约项目19个" (Review56): the year in course, so far
                    # (not under a review heading, "一、2023年计划执行情况" then "今年以来，…": the heading's year is 今年)
                    cues.append((m.start("open"), _SO_FAR, plan))
            elif opening == "即将过去的一年":  # a year-end review: the year in course
                cues.append((m.start("open"), "result", plan))
            else:
                cues.append((m.start("open"), "result", plan - 1 if plan else None))
        seen = -1
        for m in _DUTY_WORD.finditer(self.text) if plan else ():
            start = self.text.rfind("\n", 0, m.start()) + 1
            if start == seen:
                continue
            seen = start
            end = self.text.find("\n", m.end())
            line = self.text[start: end if end >= 0 else len(self.text)]
            if _DUTY_HEADER.fullmatch(line) and not _DUTY_HEADER_NOT.search(line):
                # "序号 | 实事项目 | 工作举措及实施计划 | 责任单位 |": a table of the year's tasks and who answers for them
                cues.append((start, "target", plan))
        for m in _SAID_THIS_YEAR.finditer(self.text):
            frame = self._opens(m.start())
            # "《计划》提出，今年…": a proposal is an outlook; after 说, 指出 … the paragraph says so
            if frame and not _PART_OF_YEAR.match(self.text, m.end()) and ("提出" in frame or self._outlook(m.end())):
                cues.append((m.start(), "target", plan))
        return cues

    def _outlook(self, pos: int) -> bool:
        """Whether the paragraph from `pos` looks ahead (目标, 要, 将, 力争 … in its first 200 characters)."""
        stop = self.text.find("\n", pos)
        return _OUTLOOK.search(without_met_goals(self.text[pos: stop if stop >= 0 else len(self.text)][:200])) is not None

    def _opens(self, pos: int) -> str | None:
        """The words of the paragraph before `pos` when they are nothing or a reporter's frame, else None."""
        lo = max(0, pos - 40)
        found = _OPENING.search(("\n" if lo == 0 else "") + self.text[lo:pos])
        return found.group(0) if found else None

    def _heading_lines(self) -> list[tuple[int, str, int | None]]:
        """Un-numbered heading lines that name goals or a review ("2024年目标任务", "2023年经济社会发展主要目标"):
        they hold like a heading, to the next heading or cue. Numbered headings are the outline's."""
        cues: list[tuple[int, str, int | None]] = []
        plan = self.plan_year
        headed = {section.start for section in self.outline.walk()}
        text = self.text
        seen = -1
        for word in _HEAD_WORD.finditer(text):
            start = text.rfind("\n", max(0, word.start() - 50), word.start()) + 1
            end = text.find("\n", word.end(), word.end() + 50)
            end = len(text) if end < 0 and len(text) - word.end() <= 50 else end
            if start <= seen or end < 0 or (start == 0 and word.start() > 50):
                continue  # a line seen already, or one longer than a heading
            seen = start
            m = _HEAD_LINE.fullmatch(text, start, end)
            if m is None:
                continue
            title = m.group("t")
            if m.start("t") in headed or _HEAD_NOT.search(title) or _TABLE_HEADER.fullmatch(title):
                continue  # (a table's header cell on a line of its own, "指标", is no heading)
            y = _YEAR.search(title)
            year = int(y.group(1)) if y else None
            if year is None and not _HEAD_WORKS.search(title):
                continue  # "重点项目", "民生实事": works of no year named
            if _REVIEW.search(title) or (year and plan and year < plan):
                cues.append((m.start("t"), "result", year if year else self._reviewed))
            else:
                five = _FIVE_YEAR.search(title)
                cues.append((m.start("t"), "target", year or (FIVE_YEAR_END[five.group(0)] if five else None)
                             or one_and_five(title, plan) or _ahead_end(title, plan, self._five_first) or plan))
        for word in _YEAR_HEAD_WORD.finditer(text):
            start = text.rfind("\n", max(0, word.start() - 12), word.start()) + 1
            end = text.find("\n", word.end(), word.end() + 12)
            end = len(text) if end < 0 and len(text) - word.end() <= 12 else end
            if end < 0 or (start == 0 and word.start() > 12) or start in headed:
                continue
            m = _YEAR_HEAD.fullmatch(text, start, end)
            if m is not None:
                year = int(m.group("y") or m.group("y2"))
                forward = (m.group("w") or m.group("w2")) == "展望" and (plan is None or year >= plan)
                cues.append((start, "target" if forward else "result", year))
        return cues

    def _goal_stretches(self) -> list[tuple[int, int, str, int | None, str]]:
        """Goals announced inside a paragraph without a colon ("今年…主要预期目标是…", "…指标体系安排，具体为",
        "提出了2026年的…目标") and paragraphs opening on the plan's year or a later one ("2026年，…计划新开工…"):
        targets from the cue to the end of the paragraph, where the frame around them returns. The last field
        says how the stretch was found: ``said`` (a goal cue naming its time), ``plan`` (a goal cue naming none:
        the plan's year, and a target section keeps its own) or ``open`` (a paragraph opening on a year: a review
        heading keeps its paragraphs, see `frame_at`)."""
        plan = self.plan_year
        text = self.text
        found: list[tuple[int, int, str, int | None, str]] = []
        for m in _GOAL_SAID.finditer(text):
            sentence = max(text.rfind(mark, 0, m.start()) for mark in "。；！？\n") + 1
            if _in_brackets(text, sentence, m.start()):
                continue  # "增长5.9%，…（预期目标为8.5%以上）；…": the goal of the value before it, restated; no stretch
            before = text[sentence: m.end()]
            about = m.group("about")
            # the goals 对 names say their own time: a past one before them is a concession ("尽管去年增速不及预期，某市对
            # 2026年仍确定了积极的预期目标"), not a past goal
            if _PAST.search(about or before) or ("目标" in m.group(0)
                                                 and "目标" not in without_met_goals(text[max(sentence, m.start() - 30): m.end()])):
                continue  # a past goal, or one said to be met ("完成年初确定的目标为…" is no cue)
            if about:
                if m.group("ay"):  # "对于2026经济社会发展主要预期目标": the year 对 names, 年 or not
                    year = int(m.group("ay")) if plan is None or int(m.group("ay")) >= plan else None
                else:  # 对今年 / 对明年
                    year = self._time_year(next(_GOAL_TIME.finditer(about)))
                if year is not None or plan is None:
                    found.append((m.start(), self._paragraph_end(m.end()), "target", year, "said"))
                continue
            times = list(_GOAL_TIME.finditer(before))
            when = times[-1] if times else None
            if when is None and not (m.group("lead") or m.group("plan") or m.group("set")):
                continue  # "以党在新时代的强军目标为引领": no time, no plan's word for its goals
            year = self._time_year(when) if when else _goal_year(text[sentence: m.start()], plan, self._five_first)
            if when is not None and when.group("ahead") and (one := one_and_five(before, plan)) is not None:
                year = one  # "2022年及未来五年主要目标是：": the one year's, not the fifth's
            if year is None and plan is not None:
                continue  # a year before the plan's: a past goal
            how = "said" if when is not None or year != plan else "plan"
            found.append((m.start(), self._goals_end(m.end()), "target", year, how))
        for m in _DEEDS.finditer(text) if "实事" in text or "民生" in text else ():
            sentence = max(text.rfind(mark, 0, m.start()) for mark in "。；！？\n") + 1
            stop = min((i for i in (text.find(mark, m.end()) for mark in "。；！？\n") if i >= 0), default=len(text))
            before = text[sentence: m.end()]
            if _PAST.search(before) or _DEEDS_DONE.search(text, sentence, stop):
                continue  # "去年确定的十件民生实事全部完成": a review of the works
            times = list(_GOAL_TIME.finditer(before))
            year = self._time_year(times[-1]) if times else plan
            if year is None and plan is not None:
                continue  # the works of a year before the plan's
            # a time makes the list's frame as a goal said does; 将, 确定 … alone hold only where nothing else decides
            # (将 may be the preposition: "始终将财力向民生领域倾斜，办好十件民生实事" in a review)
            end = self._paragraph_end(m.end())
            # a lead that names its year and opens a list ("报告梳理了2023年重点民生事项清单，具体内容如下：", Review17) carries
            # over the items after it as a deadline's goals do, a later year's too (news of the year before)
            how = "weak" if not times else "until" if _LIST_LEAD.match(text, m.end(), end) else "said"
            found.append((sentence, end, "target", year, how))
        for m in _DEADLINE.finditer(text) if plan is not None and "到" in text else ():
            year = int(m.group("y")) if m.group("y") else FIVE_YEAR_END[m.group("p")]
            if plan is not None and plan <= year <= plan + 30:  # "到2035年，…": a target of 2035, also in a review's frame
                found.append((m.start(), self._paragraph_end(m.end()), "target", year, "until"))
        for m in _YEAR_OPEN.finditer(text):
            year = int(m.group("y"))
            if not (plan and plan <= year <= plan + 20):
                continue
            if (self._opens(m.start()) is not None or self._ahead_sentence(m.start())) and not done_sentence(text, m.end()):
                end = self._paragraph_end(m.end())
                if (self._part_review or self.part_passage is not None) and year == plan \
                        and (stop := text.find("。", m.end(), end)) >= 0:
                    end = stop + 1  # a progress report's plan of the year in its first sentence; what follows reports
                if year == plan and (turn := SO_FAR_CLAUSE.search(text, m.end(), end)) is not None:
                    # "2021年，我盟计划实施重点建设项目100个，…，截至5月末，已开复工73个" (Review63): the plan ends where the
                    # year so far begins, and carries no further
                    end = turn.start() + 1
                    self._so_far_cut.add(m.start("y"))
                found.append((m.start("y"), end, "target", year, "open"))
        found.sort()
        return found

    def _unbroken(self, stretches: list[tuple[int, int, str, int | None, str]]) -> list[tuple[int, int, str, int | None, str]]:
        """`stretches` without the weak ones (works announced with no time, "日前，某区民生实事项目清单确定，25件实事…") that
        fall inside the reach of an earlier stretch of the same year, carry included: they say nothing new, and as the last
        stretch before a later paragraph they would end the earlier one's carry ("某区今年将为群众办好25件民生实事" then
        the list's paragraphs)."""
        kept: list[tuple[int, int, str, int | None, str]] = []
        reach: list[tuple[int, int, int | None]] = []
        for stretch in stretches:
            start, end, _, year, how = stretch
            if how == "weak" and any(lo <= start < hi and y == year for lo, hi, y in reach):
                continue
            kept.append(stretch)
            reach.append((start, max(end, self._carry.get(start, end)), year))
        return kept

    def _ahead_sentence(self, pos: int) -> bool:
        """Whether a sentence inside a paragraph opens at `pos` on its year as topic and says what will be done in it
        ("…等称号。2026年，该县将…。力争实现…", "…多次出现。2026年，某省将推进…"): a future or goal word (将, 要, 力争,
        争取, 计划, 预期, 确保, 目标, 拟) before its full stop, no forecast or review word (预计, 完成情况 …)."""
        before = self.text[max(0, pos - 2): pos].rstrip(" \u3000\u2003")
        if not before or before[-1] not in "。！？；":
            return False
        stop = min((i for i in (self.text.find(mark, pos) for mark in "。！？\n") if i >= 0), default=len(self.text))
        sentence = without_met_goals(self.text[pos:stop])
        return _AHEAD.search(sentence) is not None and _NOT_AHEAD.search(sentence) is None

    def _time_year(self, when: regex.Match[str]) -> int | None:
        """The year a goal's time word names (今年: the plan's; 明年: the one after), None when before the plan's."""
        plan = self.plan_year
        if when.group("now"):
            return plan
        if when.group("next"):
            return plan + 1 if plan else None
        if when.group("ahead"):  # "今后五年，我国经济增长预期目标是…": the fifth year from the plan's
            return self._five_first + 4 if plan and self._five_first else None
        year = int(when.group("y"))
        return year if plan is None or year >= plan else None

    def _goals_end(self, pos: int) -> int:
        """Where goals announced at `pos` end: their paragraph's end, or a sentence after theirs that opens looking back
        ("…里勾画出今年及“十四五”的发展蓝图。…交出“十三五”靓丽成绩单…回望来路": a news item's paragraph that turns to the
        review)."""
        end = self._paragraph_end(pos)
        stop = min((i for i in (self.text.find(mark, pos, end) for mark in "。！？") if i >= 0), default=end)
        while stop < end:
            start = stop + 1
            if _TURNS_BACK.search(self.text, start, min(start + 12, end)):
                return start
            stop = min((i for i in (self.text.find(mark, start, end) for mark in "。！？") if i >= 0), default=end)
        return end

    def _paragraph_end(self, pos: int) -> int:
        end = _PARA_END.search(self.text, pos)
        return end.start() if end else len(self.text)

    def _cue_before(self, pos: int) -> tuple[int, str, int | None] | None:
        """The last paragraph cue at or before `pos` (cues are in text order: one bisection)."""
        i = bisect_right(self._cue_starts, pos)
        return self._cues[i - 1] if i else None

    def _stretch_at(self, pos: int) -> tuple[tuple[int, int, str, int | None, str] | None, bool]:
        """The goal stretch that holds `pos`: the last one starting at or before it, if it has not ended (the
        stretches of one paragraph end together, so an earlier one cannot hold what the last does not), and whether
        it holds `pos` only by carrying over past its paragraph (`_carry_end`)."""
        i = bisect_right(self._stretch_starts, pos)
        if not i:
            return None, False
        stretch = self._stretches[i - 1]
        if stretch[1] > pos:
            return stretch, False
        if self._carry.get(stretch[0], -1) > pos:
            return stretch, True
        return None, False

    def _of_term(self, year: int | None) -> bool:
        """Whether goals of `year` are those of the next five years (a term's end, three or more years after the plan's)."""
        return year is not None and self.plan_year is not None and year >= self.plan_year + 3

    def _carry_end(self, end: int, year: int | None, deadline: bool = False, five: bool = False) -> int:
        """Where a goal stretch of the plan's year that ends its paragraph at `end` stops carrying over: news of a plan
        goes on from its goal paragraph to the tasks of the same year in the paragraphs after it ("2026年，该县将…力争
        实现…。" then "该县将重点抓好五个方面工作。…实现食品加工产值80亿元以上"), until a paragraph whose first sentence looks
        back (去年, 过去, 回顾, 一年来, 以来, a year before the plan's not compared with …). `frame_at` lets it carry
        only where no heading decides; a cue after the stretch ends it as one inside its paragraph does. The goals of a
        deadline (`deadline`: "到“十四五”末，…" then "同时，城区建成区面积达到20平方公里…") carry over the same way when their
        year is a later one, until a paragraph that names another time (a year, 今年, 明年); those of the next five years
        (`five`: "对今后五年的发展提出了…具体目标。总体来说，要实现…" then a paragraph for each field) until one that names
        a time outside the term ("力争2024年…" is inside it)."""
        plan = self.plan_year
        text = self.text
        if plan is None or year is None or year < plan or (year != plan and not deadline and not five):
            return end
        pos = end
        while pos < len(text):
            start = pos
            while start < len(text) and text[start] in " \n\r\t\u3000\u2003":
                start += 1
            if start >= len(text):
                return len(text)
            stop = min((i for i in (text.find(mark, start) for mark in "。！？\n") if i >= 0), default=len(text))
            first = text[start:stop]
            if _LOOKS_BACK.search(first) or any(int(y.group("y")) < plan for y in _PAST_YEAR.finditer(first)) \
                    or any(FIVE_YEAR_END[term.group("p")] < plan for term in _TERM_NAMED.finditer(first)):
                # (a five-year term past: "“十四五”期间，广东地区生产总值从11.37万亿元提高到14.58万亿元", "“十三五” 硕果累累",
                # "刚刚结束的“十三五”，是…的五年", Review54)
                return start
            if five and (_OTHER_TIME.search(first)
                         or any(not plan <= int(y.group("y")) <= year for y in _PAST_YEAR.finditer(first))):
                return start
            if year != plan and not five and (_OTHER_TIME.search(first)
                                              or any(int(y.group("y")) != year for y in _PAST_YEAR.finditer(first))):
                return start  # "对于已经开启的2021年，…" after the goals of 2035
            pos = max(self._paragraph_end(start), start + 1)
        return len(text)

    def _list_frame(self, section: Section) -> tuple[str | None, int | None]:
        """The frame a heading that says nothing keeps from the list it is part of: the target frame of the nearest
        earlier sibling heading of its style that decides one ("一、2026年农村道路提升工程" then "二、农村电网改造工程": the
        year's works go on; "（一）抓好全年重点工作" then "（二）持续加大招商力度").
        A review sibling keeps nothing (the report's default, or its outlook after the review, decides)."""
        siblings = section.parent.children if section.parent is not None else self.outline.sections
        for i in range(len(siblings) - 1, -1, -1):
            if siblings[i] is section:
                break
        else:
            return None, None
        for earlier in reversed(siblings[:i]):
            if earlier.kind != section.kind:
                continue
            k, y = _classify(earlier, self.plan_year, self._reviewed, self._five_first, self._in_progress)
            if k == "target":
                return k, y
            if k:
                return None, None
        return None, None

    def _lead(self, pos: int) -> str:
        """The words of a cue's or a stretch's lead at `pos`: from its sentence's start to the next colon or full stop
        (40 characters on at most)."""
        text = self.text
        lo = max(0, pos - 80)
        start = max([text.rfind(mark, lo, pos) for mark in "。；！？\n"] + [lo - 1]) + 1
        stops = [i for i in (text.find(mark, pos, pos + 40) for mark in "。：:！？\n") if i >= 0]
        return text[start: min(stops) if stops else min(len(text), pos + 40)]

    def frame_at(self, pos: int) -> Frame:
        """Kind and year implied by the innermost classifying heading around `pos`."""
        path = self.outline.path_at(pos)
        cue = self._cue_before(pos)
        stretch, carried = self._stretch_at(pos)
        if stretch and cue and stretch[0] <= cue[0]:
            stretch = None  # a cue inside the stretch's paragraph, after it
        key = (id(path[-1]) if path else -1, cue[0] if cue else -1, stretch[0] if stretch else -1, carried)
        if key in self._cache:
            return self._cache[key]
        kind, year = self._default.kind, self._default.year
        decided_at = -1
        decided_by = ""  # the words that decided: a heading's title, a cue's or a stretch's lead
        for depth, section in enumerate(path):
            if depth and decided_at >= 0 and not _STRONG.search(without_met_goals(section.title)):
                continue  # "（一）全力实施“三大任务”…" inside a review stays a review
            if depth and kind == "result" and decided_at >= 0 and _STATES_VALUE.search(section.title) \
                    and not _ITEM_TIME.search(section.title):
                continue  # "1.地区生产总值达到…、增长5.8%，符合预期目标" under "（一）2025年计划指标完成情况": a result
            k, y = _classify(section, self.plan_year, self._reviewed, self._five_first, self._in_progress)
            if not k and decided_at < 0:
                k, y = self._list_frame(section)
            if k:
                kind, year, decided_at, decided_by = k, y, section.start, section.title
        if decided_at < 0 and self._outlook_from is not None and path and path[0].start >= self._outlook_from:
            kind, year, decided_at, decided_by = "target", self.plan_year, path[0].start, ""
        headed = decided_at >= 0  # a heading decided, no cue after it
        # the document's default: no heading, cue or stretch says more (a paragraph of the year so far, "今年以来，…", sets
        # its year and leaves the value's own words to decide as the default does)
        undecided = decided_at < 0 and (cue is None or cue[1] == _SO_FAR)
        if cue and cue[0] > decided_at:
            kind, year, headed, decided_by = ("result" if cue[1] == _SO_FAR else cue[1]), cue[2], False, self._lead(cue[0])
        if stretch and carried and decided_at >= 0:
            stretch = None  # past its paragraph a goal stretch carries over only where no heading decides
        if stretch and stretch[0] > decided_at:
            how = stretch[4]
            if how in ("said", "until") or (how == "plan" and kind != "target") or (how == "open" and not (headed and kind == "result")) \
                    or (how == "weak" and undecided):
                kind, year, undecided = stretch[2], stretch[3], False  # goals said inside a paragraph, to its end
                decided_by = self._lead(stretch[0])
        label = " > ".join(f"{s.label}{s.title}" for s in path)
        five_from = year if kind == "target" and year is not None and one_and_five(decided_by, self.plan_year) == year \
            else None
        frame = Frame(kind, year, label, undecided, five_from)
        self._cache[key] = frame
        return frame
