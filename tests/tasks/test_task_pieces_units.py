"""Where a commitment starts and which unit leads it: the rules of branch fix-tasks5 (real sentences).

Paragraphs of a block before the numbered list appended to it, verbs and adverbs the lexicon lacked,
a time word or a preposition before a piece's action, a target figure of a piece's own subject, two
short sentences in one paragraph; an adverb of the action names no field, and rows for veterans,
medical insurance, poverty relief, rural roads and the like.
"""

from __future__ import annotations

from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import extract_tasks

from .helpers import data

EXAMPLES = data("fix-tasks5-examples.json")


def _items(name: str, kind: str = "task") -> list:
    return [t for t in extract_tasks(EXAMPLES[name]["text"], name, quantities=[]) if t.kind == kind]


def _quotes(name: str) -> list[str]:
    return ["".join(t.quote.split()) for t in _items(name)]


def _unit(name: str, start: str, level: str = "province") -> str:
    task = next(t for t in _items(name) if "".join(t.quote.split()).startswith(start))
    return suggest_unit(task, generic=True, level=level)


def test_paragraphs_before_a_numbered_list_of_their_block_are_read() -> None:
    # （九） holds three paragraphs of tasks, then the year's list "1.医疗卫生方面。…" appended to it: only the list was read
    quotes = _quotes("zhejiang_security_block")
    assert any(q.startswith("健全地方金融风险防控“天罗地网”工作体系") for q in quotes)
    assert "加强退役军人服务保障" in quotes and "强化海防建设" in quotes
    assert any(q.startswith("提高城乡居民基本养老保险缴费补贴标准") for q in quotes)  # the list is still read


def test_verbs_and_adverbs_the_lexicon_lacked_open_their_pieces() -> None:
    farm = _quotes("national_2014_farm")
    for quote in ("坚守耕地红线", "提高耕地质量", "扶持牛羊肉生产", "赋予农民更多财产权利", "保持农村土地承包关系长久不变",
                  "继续执行玉米、油菜籽、食糖临时收储政策", "慎重稳妥进行农村土地制度改革试点",
                  "国家集中力量建设一批重大水利工程"):
        assert quote in farm, quote
    assert any(q.startswith("抓紧土地承包经营权") for q in farm)
    assert "高度重视农村留守儿童、妇女、老人和“空心村”问题" in farm  # no verb of the lexicon: no task at all
    assert "破除以药补医" in _quotes("national_2014_health")
    assert _quotes("chongqing_order")[:2] == ["常态化开展扫黑除恶", "坚决打击各类违法犯罪，增强社会治安整体防控能力"]
    security = _quotes("zhejiang_security_block")
    assert "严厉打击非法金融活动" in security and "坚决遏制新增隐性债务" in security
    assert "稳妥有序化解中小金融机构风险" in security


def test_a_verb_that_qualifies_a_noun_is_none() -> None:
    # 人民赋予的权力: 赋予 before 的 is no action, so the statement is not cut at it
    items = [t for t in extract_tasks(EXAMPLES["national_2008_power"]["text"], "p", quantities=[])]
    assert not any("".join(t.quote.split()).startswith("执政为民") for t in items)


def test_a_time_word_before_a_pieces_verb_is_its_own() -> None:
    assert "今年启动1亿亩试点" in _quotes("national_2014_farm")  # …促进作用，今年启动1亿亩试点
    water = _quotes("national_2015_water")
    assert water[0] == "突出加强水和路的建设" and water[1] == "今年再解决6000万农村人口饮水安全问题"


def test_a_preposition_leads_a_pieces_action() -> None:
    delta = _quotes("shanghai_2020_delta")
    assert "加快打造虹桥国际开放枢纽" in delta
    assert any(q.startswith("在科技创新、基础设施") for q in delta)
    security = _quotes("zhejiang_security_block")
    assert "打好安全生产治本攻坚三年行动收官战" in security  # …收官战，聚焦…重点领域常态化开展隐患排查整治
    assert any(q.startswith("聚焦高层建筑、道路交通") for q in security)
    # "以" right before a verb is a purpose, not a lead-in: it stays with the task it serves
    assert _quotes("national_2022_incentives")[0].startswith("要落实好各类创新激励政策，以促进企业加大研发投入")


def test_a_target_of_a_pieces_own_subject_is_a_commitment() -> None:
    investment = _quotes("zhejiang_investment")
    assert "产业项目数占比达到58%" in investment
    assert "安排首批“千项万亿”重大项目1678个、年度投资1.1万亿元" in investment
    health = _quotes("national_2014_health")
    assert "城乡居民基本医保财政补助标准提高到人均320元" in health
    assert "人均基本公共服务经费补助标准增加到35元" in health
    assert "普惠托位占比提高到68%" in _quotes("beijing_childcare")


def test_two_short_sentences_are_two_commitments() -> None:
    assert "完善集体林权制度改革" in _quotes("national_2014_farm")  # …改革。加快国有农牧林场改革。
    assert _quotes("national_2009_pairs") == ["加快乡镇机构改革", "积极稳妥化解乡村债务"]


def test_an_adverb_of_the_action_names_no_field() -> None:
    # 高质量 holds 质量 (market regulation): how a task is done is not what it is about
    assert _unit("zhejiang_rule_of_law", "高质量做好地方性法规起草") == "司法行政部门"
    assert _unit("fujian_county_health", "高质量建设紧密型县域医共体") == "卫生健康部门"


def test_units_of_veterans_insurance_poverty_relief_and_rural_roads() -> None:
    security = "zhejiang_security_block"
    assert _unit(security, "加强退役军人服务保障") == "退役军人事务部门"
    assert _unit(security, "扎实做好新时代双拥工作") == "退役军人事务部门"
    assert _unit("chongqing_veterans", "做好双拥工作") == "退役军人事务部门"
    assert _unit(security, "依法严厉打击电信网络诈骗") == "公安机关"
    assert _unit("national_2014_health", "在全国推行城乡居民大病保险", "national") == "医疗保障部门"
    assert _unit("hubei_insurance", "推进基本医疗保险省级统筹") == "医疗保障部门"
    assert _unit("national_2014_health", "构建和谐医患关系", "national") == "卫生健康部门"
    assert _unit("national_2014_farm", "地方要优化整合扶贫资源", "national") == "农业农村部门"
    assert _unit("national_2014_farm", "统筹整合涉农资金", "national") == "农业农村部门"
    assert _unit("national_2014_farm", "提高耕地质量", "national") == "农业农村部门"
    assert _unit("national_2014_farm", "改建农村公路20万公里", "national") == "交通运输部门"
    assert _unit("national_2015_roads", "新建改建农村公路20万公里", "national") == "交通运输部门"
    # 依法规范 holds 法规 by accident: no law-drafting task
    assert _unit("national_2021_platforms", "同时要依法规范发展", "national") != "司法行政部门"


def test_stabilising_is_an_action_and_a_target_follows_a_run() -> None:
    # 稳定 + object is a commitment; before a target of its own subject it is a member of a run, not a purpose
    employment = _quotes("fujian_employment_targets")
    assert "构建就业友好型发展方式" in employment
    assert "稳定高校毕业生、农民工、退役军人等重点群体就业" in employment
    assert "失业人员实现再就业10万人" in employment
    assert _unit("fujian_employment_targets", "稳定高校毕业生") == "人力资源和社会保障部门"  # 重点群体就业, not veterans
    assert _quotes("national_2012_grain") == ["继续开展粮食稳定增产行动", "稳定粮食种植面积", "着力提高单产"]
