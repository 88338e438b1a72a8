"""Word lists for task extraction: action verbs, adverbs, domains; compiled once as regexes.

Strong verbs open a new commitment even after a comma ("…，引进建设…中心"); weak
verbs (提升, 增强 …) are actions too but usually state the purpose of the clause
before them, so they never split a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

STRONG_VERBS = (
    "推进 推动 加快 建成 建设 完成 引进 引入 出台 制定 修订 编制 开工 投产 通车 开业 实施 启动 "
    "打造 新增 培育 建立 设立 成立 组建 举办 开展 落实 探索 谋划 搭建 推广 创建 召开 整治 关停 "
    "拆除 改造 淘汰 清理 筹建 开通 竣工 完工 投用 上线 签约 争取 部署 筹集 新建 改建 扩建 设置 "
    "印发 发布 承办 举行 支持 鼓励 实行 推行 深化 完善 健全 加强 加大 扩大 拓展 构建 强化 规范 "
    "做好 办好 抓好 打好 做大做强 做强 做优 协调 研究 规划 培养 引导 治理 修编 招引 配套 试点 "
    "开放 升级 整合 提速 创新 发展和创新 配合 对接 承接 布局 贯彻 共建 明确 促成 搭建起 "
    "简化 拓宽 规范发展 清理规范 简并 筹办 建好 用好 用足 管好 根治 严控 疏通 提出 排出 壮大 化解 整顿 "
    "坚守 执行 扶持 抓紧 赋予 破除 理顺 压实 压紧压实 打通 推介 遏制 打击 严惩 安排 进行 "
    # district 民生实事 and work plans (tasks-local review): 发放/认定/募集/开设/代缴 a service, 擦亮 a brand,
    # 升压改造 a substation, 发挥好 a role (a commitment, where 发挥 may state a purpose)
    "发放 认定 募集 开设 代缴 擦亮 升压改造 发挥好 安装 增设 "
    # tasks-r2 (Shandong, Hubei 2026): 推出 a measure, 扩增 enrolment, 提档升级 a service area
    "推出 扩增 提档升级 "
    # tasks-r3 (a 分工方案, a 实事 list, a county and a city report): 增配 equipment, 培训 people (a noun too: START_ONLY),
    # 争创 an award, 深挖 a resource, 集聚 resources (START_ONLY: 产业集聚), verbs of 好/住 that keep a line (唱好, 守好, 守住 …)
    "增配 培训 争创 深挖 集聚 唱好 守好 守住 讲好 走好 当好 下好 "
    # tasks-r4 (project plans, 实事 lists): 养护 roads, 加装 lifts, 新改扩建 and 新建改造 parks and pipes, 放映 films
    "养护 加装 新改扩建 新建改造 放映 "
    # tasks-r5 (分解表, 实事 lists): 新开工 projects, 筛查 people (for whom: "免费为1000人筛查…"), the verbs a table writes with
    # a bracketed alternative (新（改）建, 迁（扩）建: the text read has full-width brackets)
    "新开工 筛查 新（改）建 新（改、扩）建 新（扩）建 改（扩）建 迁（扩）建"
).split()
WEAK_VERBS = (
    "提升 增强 提高 促进 确保 营造 激发 减轻 释放 保障 达 覆盖 获批 获评 获得 落地 投入使用 揭牌 "
    "贯通 运营 试业 通过 发挥 坚持 维护 消除 控制 降低 减少 增加 突破 迈进 纳入 形成 办结 "
    "发展 指引 实现 达到 选址 建立健全 服务 助推 带动 补齐 夯实 巩固 保持 优化 洽谈 获 丰富 攀升 "
    "开启 生效 取消 免除 推开 下调 上调 确定 重视 解决 稳定 凝聚 吸引 改善 提供 蝉联 关爱"
).split()
# Weak verbs that state what the clause before them achieves ("完善…制度，实现…全覆盖"; "…，形成…平台"): they never
# open a commitment of their own, even in the middle of a run of actions (the other weak verbs do there).
OUTCOME_VERBS = frozenset(
    "实现 形成 达到 达 确保 覆盖 带动 助推 获批 获评 获得 获 落地 投入使用 揭牌 贯通 运营 试业 通过 生效 开启 "
    "办结 攀升 迈进 突破".split())
# Verbs that also name things ("创新平台", "开放门户", "规划建设委员会"): an action only at a clause start.
START_ONLY = {"创新", "开放", "规划", "配套", "试点", "治理", "布局", "服务", "升级", "发展和创新", "整合", "提速", "部署",
              "提档升级", "培训", "集聚"}
COMPLETION_VERBS = (
    "建成 完成 开工 投产 通车 开业 竣工 完工 投用 投入使用 揭牌 获批 获评 落地 签约 贯通 试业 "
    "上线 开通 投入运营 印发 出台 成立 组建 引进 举办 承办 实现 达到"
).split()
ADVERBS = (
    "积极 大力 着力 全面 深入 继续 持续 进一步 切实 稳步 有序 统筹 加快 加速 高标准 高水平 高质量 "
    "尽快 力争 努力 不断 逐步 基本 已 已经 成功 顺利 正式 率先 全力 扎实 认真 重点 同步 相继 首次 "
    "先后 分别 全部 如期 提前 超额 累计 共 再 又 将 要 常态化 规范化 加紧 优先 联合 协调 主动 "
    "扎实推动 深度 纵深 充分 坚决 依法 严格 精心 着重 集中 即将 显著 大幅 日益 明显 有效 紧密 广泛 积极稳妥 合力 安全有序 "
    "逐季 逐年 逐月 稳妥 严厉 高度 慎重 抓紧 迭代 拟 集中力量 致力 滚动 更大力度 牢牢 免费"
).split()

CHAINABLE = (
    "推进 推动 建设 实施 完成 建成 开工 投产 通车 开业 运营 设立 建立 成立 组建 引进 培育 出台 印发 制定 "
    "修订 编制 启动 打造 落地 签约 开展 举办 承办 竣工 完工 贯通 筹建 改造 升级 淘汰 清理 拆除 关停 整治 "
    "上线 开通 投用 揭牌 试业 投入使用 提升 取消"
).split()
# Words that look like verbs but here are nouns ("增加值", "建设者", "执行力", "扶持政策", "推介会") or qualify one
# ("人民赋予的权力").
_NOT_VERB = {"获": "(?![奖])", "提出": "(?!的)", "增加": "(?!值)", "服务": "(?![率区站])", "发展": "(?![的])",
             "执行": "(?![力率者中]|情况)", "赋予": "(?!的)", "进行": "(?![中的时])", "稳定": "(?![的性])",
             "扶持": "(?!力度|政策|项目|资金|办法|措施|对象)", "打击": "(?!力度)", "推介": "(?![会]|活动|大会)",
             "凝聚": "(?![力])", "认定": "(?!为|机制|标准|办法|程序|结果|工作)", "发放": "(?![的率])", "安装": "(?!工程|费|率)",
             "推出": "(?!的)", "吸引": "(?![力])",
             "培训": "(?![费班会])", "提供": "(?!的)",
             "新开工": "(?!项目|的|率)", "筛查": "(?![率服工人对出的])", "关爱": "(?![服行活基工帮之的])(?<![到予多的会]..)"}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) + _NOT_VERB.get(w, "") for w in sorted(set(words), key=len, reverse=True))


def prefix_tree(words: Iterable[str], tails: dict[str, str] = _NOT_VERB) -> str:
    """`_alt(words)` as a prefix tree ("推(?:进|动|…)|…"): the same words tried at an offset in the same order.

    `re` tries the branches of an alternation one by one; with one branch per first character (then per
    second …) an offset is tested against a few branches instead of every word. The words that match at
    an offset are prefixes of one another, and a word's end is tried after every longer word through it,
    so they are tried longest first, as `_alt`'s order has it (a word's `tails` lookahead kept at its end).
    """
    root: dict[str, Any] = {}
    for word in sorted(set(words)):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tails.get(word, "")  # a word ends here (the key "" holds no child)
    return _branches(root)


# Characters per bucket of a wide alternation (`_branches`); about 32 tried fastest on real clauses.
_BUCKET = 32


def _branches(node: dict[str, Any]) -> str:
    chars = [ch for ch in node if ch]  # in code point order: the words were inserted sorted
    options = [re.escape(ch) + _branches(node[ch]) for ch in chars]
    if len(options) > _BUCKET:
        # `re` tries an alternation's branches one by one (a branch that opens with a literal is skipped
        # at one comparison, still one per branch): with 150 first characters an offset costs ~75. Behind
        # a class of 32 first characters each, a bucket is skipped at one set look-up. The branches open
        # with distinct characters, so at most one can match: grouping them changes no match. The keyword
        # scans of domain_of and suggest_unit took ~35 % less (1.6 → 1.1 µs a clause).
        options = [f"(?=[{''.join(map(re.escape, chars[i:i + _BUCKET]))}])(?:{'|'.join(options[i:i + _BUCKET])})"
                   for i in range(0, len(options), _BUCKET)]
    if "" in node:
        options.append(node[""])  # the word ending here, after the longer ones
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _opening(*lists: list[str]) -> str:
    """A lookahead for the first characters of `lists`' words: a position no word starts at is skipped at once."""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for words in lists for w in words})) + "])"


def keyword_finder(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose `findall` gives, at each offset where some of `words` start, the longest one starting there.

    The words it starts with start there too. It consumes the offset's first character and looks back to
    read the word from there: `re` then skips at C speed the offsets no word starts at (a pattern that
    opens with a lookahead is tried at every offset), and each offset is one match. Before reading the
    word it checks the next character: a word of two characters or more needs the second character of
    one there, a one-character word only itself (most offsets whose character opens some word are then
    left at two set look-ups: the keyword scans of domain_of and suggest_unit took ~25-30 % less).
    """
    words = set(words)

    def chars(found: Iterable[str]) -> str:
        return "".join(sorted({re.escape(ch) for ch in found}))

    follows = [f"[{chars(w[1] for w in words if len(w) > 1)}]"] if any(len(w) > 1 for w in words) else []
    if any(len(w) == 1 for w in words):
        follows.append(f"(?<=[{chars(w for w in words if len(w) == 1)}])")
    return re.compile(f"[{chars(w[0] for w in words)}](?={'|'.join(follows)})(?<=(?=({prefix_tree(words, {})})).)")


_verb_alt = _alt(STRONG_VERBS + WEAK_VERBS)
_adv_alt = _alt(ADVERBS)
_chain_alt = _alt(CHAINABLE)
# These patterns are plain alternations of literal words (as prefix trees, `prefix_tree`), compiled with the
# standard library's `re`: `regex` tries every word at every position (4-5 times slower here). Same
# leftmost, first-alternative semantics as `_alt`'s flat alternations.
# An action: adverbs, a verb, maybe more verbs ("引进建设", "完工通车"; any verb after 和/与/及/并/、).
# At most ADVERB_RUN adverbs before the verb: with `*`, every position of a long run of adverbs and no
# verb ("积极" × 2000) would scan the rest of the run (quadratic); real clauses have a few in a row.
ADVERB_RUN = 16
_verbs = prefix_tree(STRONG_VERBS + WEAK_VERBS)
ACTION = re.compile(rf"{_opening(ADVERBS, STRONG_VERBS, WEAK_VERBS)}(?:{prefix_tree(ADVERBS)}){{0,{ADVERB_RUN}}}(?:{_verbs})"
                    rf"(?:(?:{prefix_tree(CHAINABLE)})|[和与及并、](?:{_verbs}))*")
VERB = re.compile(rf"{_opening(STRONG_VERBS, WEAK_VERBS)}(?:{_verbs})")
ADVERB = re.compile(rf"{_opening(ADVERBS)}(?:{prefix_tree(ADVERBS)})+")
STRONG = frozenset(STRONG_VERBS)
COMPLETION = frozenset(COMPLETION_VERBS)

# Domain → keywords, in priority order (ties go to the earlier domain).
DOMAINS: dict[str, tuple[str, ...]] = {
    "交通": ("交通", "轨道", "地铁", "高铁", "高速", "快速路", "道路", "大道", "路网", "干道", "立交", "公交", "枢纽", "通车",
           "城际", "号线", "隧道", "通道", "停车", "车辆段", "机场", "港口", "航运", "铁路"),
    "教育": ("教育", "学校", "学位", "幼儿园", "教师", "办学", "校区", "名师", "课程", "学前", "义务教育",
           "职业教育", "中小学", "托育"),
    "医疗": ("医疗", "医院", "卫生", "健康", "中医药", "社康", "疾控", "病床", "医学", "慢性病", "诊疗",
           "医保", "国医堂", "公共卫生", "药品"),
    "文体": ("文化", "体育", "旅游", "文旅", "赛事", "图书馆", "博物馆", "纪念馆", "艺术", "足球", "网球",
           "文创", "文艺", "锦标赛", "公开赛", "剧院"),
    "民生保障": ("就业", "住房", "保障", "养老", "救助", "残疾人", "困难", "安居", "社保", "低保", "帮扶",
             "敬老院", "妇女", "儿童", "青少年", "托底", "收入", "扶贫", "脱贫", "退役军人"),
    "创新": ("创新", "科技", "研发", "人才", "实验室", "研究院", "孵化", "高新技术", "院士", "专利",
           "创业", "知识产权", "研究中心", "科研", "技术转移"),
    "产业": ("产业", "制造", "企业", "招商", "投资", "工业", "生物医药", "新能源", "集成电路", "5G",
           "产能", "技改", "服务业", "消费", "上市", "金融", "经济", "农业", "商贸"),
    "开放": ("开放", "外贸", "外资", "港澳", "大湾区", "国际", "出口", "海关", "通关", "保税", "跨境",
           "合作区", "对口", "一带一路", "自贸"),
    "城市规划": ("规划", "城市更新", "土地整备", "片区", "图则", "用地", "旧工业区", "城市设计", "导则",
             "整村统筹", "利益统筹", "空间", "更新", "棚改", "老旧小区"),
    "智慧城市": ("智慧", "大数据", "数据中心", "信息化", "云平台", "WiFi", "人工智能", "AI", "数字",
             "网络", "智能化", "政务云"),
    "社会治理": ("治理", "法治", "安全", "消防", "矫正", "扫黑", "稳定", "网格", "劳资", "纠纷", "食品",
             "应急", "地质灾害", "社区", "调解", "信访", "平安"),
    "生态环境": ("生态", "环保", "污染", "黑臭", "污水", "绿色", "节能", "低碳", "水源", "河", "公园",
             "大气", "碳", "环境", "水体", "垃圾", "绿化", "森林"),
    "改革": ("改革", "审批", "营商环境", "制度", "体制", "机制", "政务服务", "放管服", "简政", "秒批",
           "试点", "国企", "标准化"),
}
_domain_alt = {d: re.compile("|".join(re.escape(k) for k in kws)) for d, kws in DOMAINS.items()}
_domain_list = list(zip(_domain_alt, _domain_alt.values(), strict=True))
# Every keyword: one scan finds, at each offset, the longest keyword starting there (a lookahead, so
# keywords may overlap); the keywords it starts with start there too. A domain has a keyword in a
# clause exactly when one of these is its own, and only then is its pattern run to count them.
_keyword_domains: dict[str, frozenset[int]] = {}
for _i, _keywords in enumerate(DOMAINS.values()):
    for _k in _keywords:
        _keyword_domains[_k] = _keyword_domains.get(_k, frozenset()) | {_i}
_by_length = sorted(_keyword_domains, key=len, reverse=True)
_ANY_KEYWORD = keyword_finder(_by_length)
# for each keyword, the domains of it and of every keyword it starts with
_domains_at: dict[str, frozenset[int]] = {
    k: frozenset().union(*(d for other, d in _keyword_domains.items() if k.startswith(other))) for k in _by_length}


def domain_of(clause: str, group: str = "", block: str = "") -> str:
    """The domain whose keywords occur most in the clause, then its group title, then its section title."""
    scores, best, at = _context_scores(group, block)  # the same for every clause of a group
    found = _ANY_KEYWORD.findall(clause)
    if len(found) == 1:  # keywords start at one offset: each domain with one there finds it once (3 more)
        for i in _domains_at[found[0]]:
            score = scores[i] + 3
            if score > best or (score == best and i < at):  # the other domains keep their scores
                best, at = score, i
    elif found:
        totals = list(scores)
        for i, n in _counts(clause, found):
            totals[i] += 3 * n
        best = max(totals)
        at = totals.index(best)
    return _domain_list[at][0] if best > 0 else "综合"  # ties: the earlier domain


@lru_cache(maxsize=4096)
def _context_scores(group: str, block: str) -> tuple[tuple[int, ...], int, int]:
    """Per domain (in `DOMAINS` order), 2 × its keywords in the group title + those in the section title;
    the highest and the first domain that has it."""
    # the few domains a title has keywords of, added in place: zipping every domain's two counts cost more
    scores = [0] * len(_domain_list)
    for i, n in _title_counts(block):
        scores[i] = n
    for i, n in _title_counts(group):
        scores[i] += 2 * n
    best = max(scores)
    return tuple(scores), best, scores.index(best)


@lru_cache(maxsize=4096)
def _title_counts(title: str) -> tuple[tuple[int, int], ...]:
    """(domain position, its keywords in a title) of the domains that have some there (a section's title is
    asked again for each group under it)."""
    return _counts(title, _ANY_KEYWORD.findall(title))


def _counts(text: str, found: list[str]) -> tuple[tuple[int, int], ...]:
    """(domain position, its keywords in `text`) of the domains some keyword of which starts at an offset
    `found` lists (`_ANY_KEYWORD.findall(text)`: the longest keyword at each). A domain with keywords at one
    offset has one match there, so its pattern's scan is spared (6 in 10 domains of clauses with keywords)."""
    offsets: dict[int, int] = {}  # per domain, how many offsets some keyword of it starts at
    for k in found:
        for i in _domains_at[k]:
            offsets[i] = offsets.get(i, 0) + 1
    return tuple((i, len(_domain_list[i][1].findall(text)) if n > 1 else 1) for i, n in offsets.items())

