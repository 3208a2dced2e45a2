"""Cue rules: read one bulletin sentence by sentence and write its facts onto the graph.

The reader keeps a *subject* (the case or cases the text is talking about): a case label
that heads a passage (``感染者128：``, ``病例3，男，``) makes it current; pronouns (``该病例``,
``其``) need nothing, they simply leave it in place. Every clause is then checked for the
cues of :mod:`casegraph.lexicon` (residence, work, travel, isolation, admission, contact,
dates) and its facts hang on the subject, dated by the last date printed before the cue in
the same sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from casegraph import lexicon as lx
from casegraph.extract.builder import GraphBuilder
from casegraph.extract.dates import DateMention, DateResolver
from casegraph.extract.labels import LabelGroup, find_groups
from casegraph.extract.places import (STOP_RE, Place, bare_area, cut_place, facility_of, looks_like_place,
                                      place_kind, split_places, strip_admin, strip_road)
from casegraph.extract.sentences import Sentence, clauses, split_sentences

_alt = lx.alternation
RESIDENCE_RE = re.compile(rf"(?:{_alt(lx.RESIDENCE_CUES)})[：:]?")
WORK_RE = re.compile(rf"(?:{_alt(lx.WORK_CUES)})[：:]?")
EMPLOYEE_RE = re.compile(r"^(?:为|系|是)(?P<place>[^，,。；]{2,30}?)(?:的)?(?:员工|职工|工作人员|保洁人员|保洁员|保安|"
                         r"医生|护士|医护人员|教师|老师|学生|服务员|厨师|司机|店员|营业员|收银员)")
VISIT_RE = re.compile(r"(?:派往|前往|到访|去往|赴|途经|抵达|到达|来到|到|去|进入|返回|回到|在)(?P<place>[^，,。；：:]+)")
# ``自``/``从``/``由`` open a route (never 自驾, 自行, 由于); ROUTE_TO_RE finds where it ends.
_ROUTE_FROM = r"(?:自(?!驾|行|述|觉|己|费|主|我|动|愿|身|然)|从|由(?!于|社区|120))"
FROM_RE = re.compile(_ROUTE_FROM + r"(?P<place>[^，,。；：:]{2,30}?)(?:出发|返回|返|回|抵|来|到|乘|经|转|飞|坐|前往|去|至|入境)")
ROUTE_TO_RE = re.compile(_ROUTE_FROM + r"[^，,。；：:]{2,30}?(?:到达|抵达|返回|回到|前往|去往|到|至|回|返|抵|来|去)"
                         r"(?P<place>[\u4e00-\u9fff]{2,12})")
VIA_RE = re.compile(r"经(?P<place>[^，,。；：:]{2,20}?)(?:转机|转乘|中转|转|入境|抵|到)")
VEHICLE_RE = re.compile(r"(?P<airline>[\u4e00-\u9fff]{1,2}航空|[\u4e00-\u9fff]航)?(?P<code>[A-Z]{1,3}[0-9]{1,5}|[0-9]{1,4}路)(?P<unit>航班|次列车|次航班|次高铁|次动车|次火车|次|路公交车|路公交)?")
ADMIT_RE = re.compile(rf"(?:{_alt(lx.ADMIT_CUES)}|(?<![输收进加投深介纳录])入)(?P<place>[^，,。；：:]+)")
# ``在X隔离治疗`` / ``到X住院`` (admitted) and ``到X就诊`` (a visit); ``就诊于X``, ``收住X``.
CARE_AT_RE = re.compile(r"(?:到|去|至|前往|在|于)(?P<place>[^，,。；：:]{2,30}?)(?P<verb>进行隔离治疗|隔离治疗|住院治疗|"
                        r"接受治疗|治疗|隔离留观|留观|住院|救治|诊治|就诊|就医|看病|问诊)")
# ``长春市传染病医院收治``: the hospital named before the admission verb.
ADMITTED_BY_RE = re.compile(r"(?P<place>[\u4e00-\u9fff0-9]{2,20}?(?:医院|卫生院|病院))(?P<verb>收治|收住)")
# ``境外（西班牙）输入``: the country an imported case came from.
IMPORTED_FROM_RE = re.compile(r"境外[（(](?P<place>[\u4e00-\u9fff]{2,10})[）)]输入")
CARE_AFTER_RE = re.compile(r"(?P<verb>就诊|就医|住院|入院|收住|收治|治疗)于(?P<place>[^，,。；：:]{2,30})")
VISIT_VERBS = ("就诊", "就医", "看病", "问诊")
ISOLATION_RE = re.compile(r"集中隔离|集中医学观察|集中观察|隔离点|隔离观察点|隔离医学观察点")
NAMED_ISOLATION_RE = re.compile(r"(?P<name>[\u4e00-\u9fff0-9A-Za-z]{1,12}(?:大厦|宾馆|酒店|饭店|公寓|中心|学校|基地|山庄|"
                                r"度假村|招待所|会馆|宾舍|校区|大楼)(?:集中隔离医学观察点|集中隔离观察点|集中隔离点|"
                                r"隔离医学观察点|隔离观察点|隔离点))")
CONTACT_OF_RE = re.compile(r"(?:作为|系|为|是|属)(?P<ref>[^，,。；]{0,40}?)的(?:密切接触者|密接|次密切接触者|"
                           r"同一家庭成员|家庭成员|同住人|同事|(?:" + _alt(lx.FAMILY_WORDS) + r"))")
CONTACT_COUNT_RE = re.compile(r"(?:密切接触者|密接者|密接)(?:人员)?(?:共|合计|累计)?(?P<n1>[0-9]+)(?:人|名|位)"
                              r"|(?P<n2>[0-9]+)(?:人|名|位)?(?:密切接触者|密接)")
CONTACT_PLAIN_RE = re.compile(r"(?:其|该病例|该患者|患者)的?(?:密切接触者|密接)")
SEX_RE = re.compile(r"^(?:性别[：:]?)?某?(?P<sex>男|女)(?:性|子|童|孩)?$")
AGE_RE = re.compile(r"^(?:年龄[：:]?)?(?P<age>[0-9]{1,3})(?:周)?岁(?:半)?$")
AGE_SEX_RE = re.compile(r"(?P<age>[0-9]{1,3})岁(?:的)?(?P<sex>男|女)(?:性|子|童|孩)?")
SEX_AGE_RE = re.compile(r"(?P<sex>男|女)(?:性)?[，,、\s]*(?P<age>[0-9]{1,3})岁")
# A clinical type said of the subject (``（轻型）``, ``为普通型``, ``属重症病例``), not a tally (``重型15例``).
SEVERITY_RE = re.compile(rf"(?:^|为|属|分型[为：:]?|[（(])(?P<type>{_alt(list(lx.SEVERITY_WORDS))})"
                         r"(?:病例|患者)?(?:$|[）)，,。；])")
DIAGNOSIS_RE = re.compile(r"(?:诊断为|确诊为|确认为|订正为|判定为|诊断|确诊)(?!病例的|患者的|病例密切)")
ONSET_RE = re.compile(r"出现|发病|发热|咳嗽|症状|不适|乏力|咽痛|咽干|头痛|畏寒|腹泻|肌肉酸痛|流涕|嗅觉")
NO_ONSET_RE = re.compile(r"无症状|未出现|无发热|未见|无明显|无不适|未发热|体温正常")
POSITIVE_RE = re.compile(r"阳性")
CLUSTER_RE = re.compile(r"(?P<place>[\u4e00-\u9fff0-9A-Za-z]{2,20}?)(?:相关)?(?:聚集性疫情|聚集疫情)")
LINKED_RE = re.compile(r"(?P<place>[\u4e00-\u9fff0-9A-Za-z]{2,20}?)(?:相关|关联)(?:病例|疫情)?")
CLUSTER_COUNT_RE = re.compile(r"(?:已连续检出|连续检出|累计检出|累计报告|累计|共计|共|已检出|检出)(?:阳性|感染者|病例)?(?P<n>[0-9]+)(?:例|人|名)")
DISTRICT_NEW_CASE_RE = re.compile(r"(?:^|[，,：:。日时\s])(?P<district>[\u4e00-\u9fff]{1,6}?(?:区|县|市))(?:今日|当日)?(?:新增|报告)(?:1|一)例")
SPEAKER_RE = re.compile(r"(?:^|[，,。\s])[\u4e00-\u9fff]{2,12}(?:介绍|表示|指出|提醒|强调|通报)[，,：:]")
LIST_RESIDENCE_RE = re.compile(r"^[，,]\s*(?:均)?(?:居住于|居住在|现住|住在|现居)(?P<place>[^，,。；]{2,12})(?=[，,。；]|$)")
SPREAD_RESIDENCE_RE = re.compile(r"分别居住于|分别居住在|居住于[：:]|居住在[：:]")
HEADING_FOLLOW_RE = re.compile(r"\s*(?:[：:]|[，,]\s*(?:某?[男女]|[0-9]{1,3}岁|现住|现居|居住|家住|系|为|中国籍|外籍|女性|男性)"
                               r"|为|系|（|\(|曾|于|自|在|[0-9]{1,2}月|现住|现居|居住|通过|近期|此前|今日|目前|既往)")
BULLET_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．]|其中[：:，,]?|另外|此外)?\s*")
GROUP_STATEMENT_RE = re.compile(r"^(?:以上|上述)(?:[0-9一二三四五六七八九十两]+例|[0-9]+名|病例|确诊病例|感染者|患者|人员|[0-9]+人)"
                                r"|^(?:这|该)(?:[0-9二三四五六七八九十两]+例|[0-9]+名)")
LEAD_VERB_RE = re.compile(r"^.*(?:转入|转至|转运至|送至|送往|进入|入住|前往|被|到|在|于|作为)")
COUNTED_SITE_RE = re.compile(r"(?:(?P<district>[\u4e00-\u9fff]{1,4}(?:新区|区|县))(?:新增)?)?(?P<n>[0-9]+|一|两|二|三|四|五|六|七|八|九|十)(?:例|人|名|病例)"
                             r"(?:[\u4e00-\u9fff]{0,4}?病例)?[，,]?(?:均|都)?(?:居住于|居住在|住在|现住|在)(?P<place>[^，,。；;]{2,30}?)(?:工作|居住|，|,|。|；|$)")
SITE_COUNT_RE = re.compile(r"(?P<place>[\u4e00-\u9fff0-9]{2,15}?)(?:已连续检出|连续检出|累计检出|已检出)(?:阳性|感染者|病例)?"
                           r"(?P<n>[0-9]+)(?:例|人|名)")
# A clause with none of these can hold no place fact: _places_of is skipped for it.
CUE_GATE_RE = re.compile(r"住|居|工作|单位|员工|职工|人员|隔离|观察|转|送|收治|入|院|诊|往|到|赴|去|抵|达|返|回|自|从|由|经|"
                         r"乘|坐|在|于|航|次|路|车|站|场|店|馆|楼|区|市|省|国|门|所|点|县|镇|乡|村|人$")
# Cheap character tests that tell whether a clause or sentence can hold what the slower
# patterns look for; most text of a long bulletin holds none of it.
LABEL_GATE_RE = re.compile(r"病例|患者|感染者|某|第[0-9一二三四五六七八九十]+例")
CLUSTER_GATE_RE = re.compile(r"聚集|相关|关联|检出|累计|共计|[0-9]+例")
ATTRIBUTE_GATE_RE = re.compile(r"男|女|岁|型|重症|诊|确|阳|症|热|咳|痛|咽|出现|发病|不适|乏力|无症状|畏寒|腹泻|流涕|嗅觉|味觉")
COUNTED_GROUP_RE = re.compile(r"^(?:新增)?[0-9]+例[\u4e00-\u9fff]{0,8}?(?:病例|感染者|患者)(?:均|已|目前)")
UNLABELED_RE = re.compile(r"^(?P<word>患者|病例)?(?:为|系)?[，,：:]?\s*(?:(?P<sex1>男|女)性?[，,]\s*(?P<age1>[0-9]{1,3})岁"
                          r"|(?P<age2>[0-9]{1,3})岁[，,]?\s*(?P<sex2>男|女)性?)")
PRONOUN_START_RE = re.compile(r"^(?:该|其|此|患者|病例|他|她|随后|之后|期间|当日|当天|次日|同日|[0-9]{1,2}月|[0-9]{1,2}日)")
NAME_AFTER_LABEL_RE = re.compile(r"\s*(?:[：:，,]|为|是|系)?\s*(?:患者|病例)?")
# ``淮安区人``, ``安康市汉阴县人``: where a case is from, read as its residence.
NATIVE_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,16}?)(?:籍)?人$")
# What follows a label named in passing when its case met the subject.
RELATIVE_AFTER_RE = re.compile(rf"^的?(?P<word>{_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS)})")
CONTACT_WITH_RE = re.compile(r"^(?:有|曾有|存在)?(?:过)?(?:密切)?接触")
# ``因外孙被确诊``: someone else's diagnosis.
OTHER_DIAGNOSED_RE = re.compile(rf"(?:{_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS)})(?:被|已|也)?(?:确诊|诊断)")
# One case of a count singled out by a description, and the facts that make it worth a node.
DESCRIBED_CASE_RE = re.compile(r"(?:^|[，,。：:])[^，,。；0-9]{0,12}?(?<![0-9])(?:1|一)例(?:[^，,。；]{0,40}?[，,]?)?为"
                               r"(?P<desc>[^，,。；（(]{2,20}?(?:病例|患者|感染者))(?=[，,。；]|$)")
DESCRIBED_FACT_RE = re.compile(r"男|女|岁|转入|转至|收治|住院|入院|隔离治疗|型|确诊")
DATE_LEAD_RE = re.compile(r"^(?:[0-9]{1,2}月)?[0-9]{1,2}日")
# A count of several new cases: the sentence is about none of them in particular.
NEW_COUNT_RE = re.compile(r"新增[\u4e00-\u9fff]{0,8}?(?<![0-9])(?:[02-9]|[1-9][0-9]+|两|[二三四五六七八九十])例")
# ``死亡病例病情介绍：`` before an unlabeled case's sex and age.
HEADED_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}[：:]\s*")
STATUS_LABEL_WORDS = (("无症状", "asymptomatic"), ("确诊", "confirmed"))
KIND_WORDS = ((lx.HOUSEHOLD_WORDS, "household"), (lx.FAMILY_WORDS, "family"),
              (lx.COLLEAGUE_WORDS, "colleague"), (lx.BUILDING_WORDS, "same_building"))


class BulletinReader:
    """Reads one bulletin into a graph (see the module docstring)."""

    def __init__(self, doc: str, text: str, city: str | None, doc_date: date | None,
                 date_source: str):
        self.text = text
        self.builder = GraphBuilder(doc, city=city,
                                    date=doc_date.isoformat() if doc_date else None,
                                    date_source=date_source)
        self.dates = DateResolver(doc_date)
        self.subjects: list[str] = []
        self.cases: list[str] = []
        self._case_set: set[str] = set()  # self.cases, for membership tests
        self.section: list[str] = []  # cases since the last group statement (以上…)
        self.last_group: list[str] = []  # the cases the last group statement spoke of
        self.listing_district: str | None = None
        self.reset_after = False
        self.site_counts: dict[str, int] = {}
        self.cluster_nodes: set[str] = set()

    # --- the walk ----------------------------------------------------------------------------
    def read(self):
        for sentence in split_sentences(self.text):
            self._sentence(sentence)
        return self.builder.graph()

    def _sentence(self, sentence: Sentence) -> None:
        span = (sentence.start, sentence.end)
        if self._listing_item(sentence, span):
            return
        mentions = self.dates.find(sentence.text)
        groups = find_groups(sentence.text)
        consumed = self._list_residences(sentence, groups, span)
        headings = [g for g in groups if g not in consumed and self._is_heading(sentence.text, g)]
        headings = self._merge_name_headings(sentence.text, headings, span)
        if not headings:
            self._continue_subject(sentence, span)
        cuts = sorted({0, *(g.start for g in headings)})
        by_start = {g.start: g for g in headings}
        parts = clauses(sentence)
        for i, cut in enumerate(cuts):
            heading = by_start.get(cut)
            if heading is not None:
                self.subjects = self._heading_cases(heading, sentence, span)
            end = cuts[i + 1] if i + 1 < len(cuts) else len(sentence.text)
            skip = heading.end if heading is not None else cut
            self._facts(sentence, parts, span, cut, end, mentions, skip)
        if self.reset_after:
            self.subjects, self.reset_after = [], False

    def _is_heading(self, text: str, group: LabelGroup) -> bool:
        if group.dated:
            return False
        after = text[group.end:]
        lead = BULLET_RE.match(text).end()
        if group.start <= lead and not after.startswith(("的", "相关", "关联")):
            return True
        if after.startswith(("的", "、", "和", "与", "及", "等", "均", "属", "相关", "关联")):
            return False
        before = text[:group.start].rstrip()
        return bool(HEADING_FOLLOW_RE.match(after)) and (
            before.endswith(("：", ":", "，", ",", "。", "、")) or re.search(r"(?:患者|病例)$", before) is not None)

    def _merge_name_headings(self, text: str, headings: list[LabelGroup], span) -> list[LabelGroup]:
        """``病例28：闫某某，男``: a name right after a label is the same person, an alias."""
        kept: list[LabelGroup] = []
        for group in headings:
            prev = kept[-1] if kept else None
            if prev and group.surname and len(prev.names) == 1 and NAME_AFTER_LABEL_RE.fullmatch(text[prev.end:group.start]):
                nid = self._case(prev.names[0], span)
                aliases = self.builder.nodes[nid].setdefault("aliases", [])
                if group.names[0] not in aliases:
                    aliases.append(group.names[0])
                prev.end = group.end
                continue
            kept.append(group)
        return kept

    def _continue_subject(self, sentence: Sentence, span) -> None:
        """Decide who a sentence without a heading label is about."""
        text = sentence.text
        if (m := DISTRICT_NEW_CASE_RE.search(text)) and not find_groups(text):
            district = m.group("district")
            same = [c for c in self.cases if district in self._districts_of(c)]
            self.subjects = same[:1] if len(same) == 1 else []
            for nid in self.subjects:
                self.builder.set(nid, "district", district, span)
            return
        if SPEAKER_RE.search(text):
            self.subjects = []
        if GROUP_STATEMENT_RE.match(text) or COUNTED_GROUP_RE.match(text) or re.search(r"(?:以上|上述)(?:[0-9一二三四五六七八九十两]+例|[0-9]+名)?(?:确诊)?(?:病例|感染者|患者|人员)", text):
            self.subjects = list(self.section or self.last_group or self.cases)
            self.last_group, self.section = list(self.subjects), []
            self.reset_after = True
            return
        if self._described_case(text, span):
            return
        if NEW_COUNT_RE.search(text):
            self.subjects = []
        if (m := UNLABELED_RE.match(HEADED_RE.sub("", BULLET_RE.sub("", text, count=1), count=1))):
            sex = m.group("sex1") or m.group("sex2")
            age = int(m.group("age1") or m.group("age2"))
            name = f"{age}岁{'男' if sex == '男' else '女'}性患者"
            nid = self._case(name, span, unlabeled=True)
            if "无症状" not in text:
                self.builder.set(nid, "status", "confirmed")
            self.builder.set(nid, "sex", "M" if sex == "男" else "F")
            self.builder.set(nid, "age", age)
            self.subjects = [nid]
            return
        for m in COUNTED_SITE_RE.finditer(text):
            place = strip_admin(cut_place(m.group("place")))
            if place.is_admin_only or not looks_like_place(place.name) or facility_of(place.name):
                continue
            district = m.group("district") or place.district
            self.builder.node("location", place.name, span, case_site=True, cases=_number(m.group("n")),
                              district=district, kind=place_kind(place.name))
        starts_paragraph = sentence.start == 0 or self.text[sentence.start - 1] in "\n\r"
        if starts_paragraph and not PRONOUN_START_RE.match(text):
            self.subjects = []

    def _described_case(self, text: str, span) -> bool:
        """``其中，1例为松原市老年男性病例，已于…转入…``: one case of a count, told by a description.

        Only a description that the sentence goes on to give facts about makes a case (a case
        only reported as discharged is none).
        """
        m = DESCRIBED_CASE_RE.search(text)
        if not m or not DESCRIBED_FACT_RE.search(m.group("desc") + text[m.end():]):
            return False
        desc = DATE_LEAD_RE.sub("", m.group("desc"))
        nid = self._case(desc, span, unlabeled=True)
        self.builder.set(nid, "status", "asymptomatic" if "无症状" in desc else "confirmed")
        if (sex := re.search(r"男|女", desc)):
            self.builder.set(nid, "sex", "M" if sex.group() == "男" else "F")
        place = strip_admin(desc)
        self.builder.set(nid, "district", place.district)
        self.subjects = [nid]
        return True

    def _districts_of(self, case: str) -> set[str]:
        """The case's district and the districts of the places it is tied to."""
        nodes = self.builder.nodes
        found = {nodes[case].get("district")}
        found |= {nodes[t].get("district") for t in self.builder.successors(case)}
        return found - {None}

    # --- cases -------------------------------------------------------------------------------
    def _case(self, name: str, span, unlabeled: bool = False) -> str:
        nid = self.builder.node("case", name, span, unlabeled=True if unlabeled else None)
        for word, status in STATUS_LABEL_WORDS:
            if word in name and "月" not in name:
                self.builder.set(nid, "status", status)
                break
        if nid not in self._case_set:
            self._case_set.add(nid)
            self.cases.append(nid)
            self.section.append(nid)
        return nid

    def _heading_cases(self, group: LabelGroup, sentence: Sentence, span) -> list[str]:
        self.dates.reset_day()
        return [self._case(name, span) for name in group.names]

    def _list_residences(self, sentence: Sentence, groups: list[LabelGroup], span) -> list[LabelGroup]:
        """``病例1—病例4，居住于浦东新区，病例5，居住于黄浦区``: counted cases, case-site districts."""
        listed = []
        for group in groups:
            m = LIST_RESIDENCE_RE.match(sentence.text[group.end:])
            if not m:
                continue
            place = strip_admin(m.group("place"))
            if not place.is_admin_only:
                continue
            listed.append((group, place))
        if not listed or not (len(listed) >= 2 or listed[0][0].is_range or len(listed[0][0].names) > 1):
            return []
        for group, place in listed:
            district = place.district or place.name
            self.builder.node("location", district, span, case_site=True, district=district, kind="district")
        return [g for g, _ in listed]

    def _listing_item(self, sentence: Sentence, span) -> bool:
        """Lines of a ``分别居住于：`` list of addresses (Shanghai 2022): case sites."""
        text = sentence.text
        if SPREAD_RESIDENCE_RE.search(text):
            m = re.search(r"(?P<d>[\u4e00-\u9fff]{1,5}?(?:新区|区|县))(?:新增|[0-9]{1,2}月)", text) or \
                re.search(r"(?P<d>[\u4e00-\u9fff]{1,5}?(?:新区|区|县))", text)
            self.listing_district = m.group("d") if m else None
            tail = SPREAD_RESIDENCE_RE.split(text, maxsplit=1)[1]
            self._listing_places(tail, span)
            return True
        if self.listing_district is None:
            return False
        item = text.rstrip("，,。；;、 ")
        if not item or len(item) > 40 or find_groups(item) or re.search(r"新增|例|[0-9]{1,2}月[0-9]{1,2}日|通报|信息|疫情", item):
            self.listing_district = None
            return False
        self._listing_places(item, span)
        if text.endswith(("。", "；", ";")):
            self.listing_district = None
        return True

    def _listing_places(self, text: str, span) -> None:
        for raw in re.split(r"[，,、；;。]", text):
            raw = raw.strip(" ：:")
            if len(raw) < 2 or "已对" in raw or "消毒" in raw:
                continue
            place = strip_admin(raw)
            name = place.name if not place.is_admin_only else raw
            self.builder.node("location", name, span, case_site=True,
                              district=place.district or self.listing_district, kind=place_kind(name))

    # --- facts in one stretch of a sentence --------------------------------------------------
    def _facts(self, sentence: Sentence, parts: list[tuple[int, str]], span, start: int, end: int,
               mentions: list[DateMention], skip: int) -> None:
        subjects = list(self.subjects)
        starts = [m.start for m in mentions]
        for i in range(max(bisect_right(parts, (start, "\uffff")) - 1, 0), len(parts)):
            offset, clause = parts[i]
            if offset >= end:
                break
            if offset + len(clause) <= start:
                continue
            if offset < skip:
                clause, offset = clause[skip - offset:], skip
                clause = re.sub(r"^(?:均)?(?:为|系|是)?", "", clause)
                if not clause:
                    continue
            when = _date_before(mentions, starts, offset + len(clause))
            self._clause(clause, offset, sentence, span, subjects, when, mentions)
        self._clusters(sentence.text[start:end], span, subjects)

    def _clause(self, clause: str, offset: int, sentence: Sentence, span, subjects: list[str],
                when, mentions) -> None:
        b = self.builder
        contact_handled = self._contacts(clause, span, subjects, when)
        if not subjects:
            return
        self._attributes(clause, span, subjects, when)
        if contact_handled:
            for nid in subjects:
                self._isolation(clause, span, nid, when)
            return
        if not CUE_GATE_RE.search(clause):
            return
        first, others = subjects[0], subjects[1:]
        if not others:
            self._places_of(clause, span, first, when, many=False)
            return
        # Read the clause once, for the first subject, then give the others the same facts.
        before_edges = {(t, key) for t, key, _ in b.out_edges(first)}
        before_attrs = dict(b.nodes[first])
        self._places_of(clause, span, first, when, many=True)
        new_attrs = {k: v for k, v in b.nodes[first].items() if k not in before_attrs}
        new_edges = [(t, key, data) for t, key, data in b.out_edges(first) if (t, key) not in before_edges]
        for nid in others:
            for key, value in new_attrs.items():
                b.set(nid, key, value)
            for target, key, data in new_edges:
                b.edge(nid, target, key, span, date=data.get("date"), kind=data.get("kind"))

    def _attributes(self, clause: str, span, subjects: list[str], when) -> None:
        b = self.builder
        c = clause.strip()
        sex = age = None
        if not ATTRIBUTE_GATE_RE.search(c):
            return
        if (m := SEX_RE.match(c)):
            sex = m.group("sex")
        elif (m := AGE_RE.match(c)):
            age = int(m.group("age"))
        elif (m := AGE_SEX_RE.search(c) or SEX_AGE_RE.search(c)):
            sex, age = m.group("sex"), int(m.group("age"))
        for nid in subjects:
            if sex:
                b.set(nid, "sex", "M" if sex == "男" else "F", span)
            if age is not None and age <= 120:
                b.set(nid, "age", age, span)
        if (m := SEVERITY_RE.search(c)):
            for nid in subjects:
                b.set(nid, "severity", lx.SEVERITY_WORDS[m.group("type")], span)
        if re.search(r"(?:诊断为|确诊为|确认为|订正为|转为|判定为)(?:新冠肺炎)?(?:确诊病例|确诊)|诊断为[^，,。]*?确诊病例", c):
            for nid in subjects:
                b.set(nid, "status", "confirmed", span, overwrite=True)
        elif re.search(r"(?:诊断为|判定为|确认为|为)(?:新冠病毒)?无症状感染者", c):
            for nid in subjects:
                b.set(nid, "status", "asymptomatic", span)
        if when is None:
            return
        if POSITIVE_RE.search(c) and "阴性" not in c.split("阳性")[0][-6:]:
            for nid in subjects:
                b.set(nid, "positive_date", when, span)
        if DIAGNOSIS_RE.search(c) and not re.search(r"确诊病例的|确诊患者的|与确诊|接触", c) \
                and not OTHER_DIAGNOSED_RE.search(c):
            for nid in subjects:
                b.set(nid, "diagnosis_date", when, span)
        if ONSET_RE.search(c) and not NO_ONSET_RE.search(c) and "阳性" not in c and "检测" not in c:
            for nid in subjects:
                b.set(nid, "onset_date", when, span)

    def _contacts(self, clause: str, span, subjects: list[str], when) -> bool:
        """Close-contact links and counted contacts; True when the clause was about contacts."""
        b = self.builder
        handled = False
        if (m := CONTACT_OF_RE.search(clause)) and subjects:
            ref = m.group("ref")
            kind = _contact_kind(clause)
            for group in find_groups(ref):
                for name in group.names:
                    source = self._reference(name, span)
                    for nid in subjects:
                        b.edge(source, nid, "close_contact", span, date=when, kind=kind)
            handled = True
        elif subjects:
            handled = self._named_partners(clause, span, subjects, when)
        if (m := CONTACT_COUNT_RE.search(clause)):
            count = int(m.group("n1") or m.group("n2"))
            owners = subjects or []
            if owners:
                label = b.nodes[owners[0]]["name"] if len(owners) == 1 else f"{len(owners)}例病例"
                cid = b.node("contact", f"{label}的密接", span, count=count)
                for nid in owners:
                    b.edge(nid, cid, "has_contacts", span)
            return True
        if CONTACT_PLAIN_RE.search(clause) and subjects and len(subjects) == 1:
            label = b.nodes[subjects[0]]["name"]
            cid = b.node("contact", f"{label}的密接", span)
            b.edge(subjects[0], cid, "has_contacts", span)
            return True
        return handled

    def _named_partners(self, clause: str, span, subjects: list[str], when) -> bool:
        """``（病例89女儿）``, ``与1月29日确诊患者8有接触史``: a labelled case the subject met."""
        found = False
        if not LABEL_GATE_RE.search(clause):
            return found
        for group in find_groups(clause):
            after = clause[group.end:]
            relative = RELATIVE_AFTER_RE.match(after)
            met = CONTACT_WITH_RE.match(after) and clause[:group.start].endswith(("与", "和", "同"))
            if not (relative or met):
                continue
            kind = "family" if relative and relative.group("word") in lx.FAMILY_WORDS else "other"
            for name in group.names:
                source = self._reference(name, span)
                if source in subjects:
                    continue
                for nid in subjects:
                    self.builder.edge(source, nid, "close_contact", span, date=when, kind=kind)
                found = True
        return found

    def _reference(self, name: str, span) -> str:
        """A case named in passing (``感染者96``): a node without facts of its own."""
        nid = self.builder.node("case", name, span)
        return nid

    # --- places ------------------------------------------------------------------------------
    def _places_of(self, clause: str, span, nid: str, when, many: bool) -> None:
        if (m := NATIVE_RE.match(clause.strip())):
            self._residence(m.group("place"), span, nid, spread=False, many=many)
            return
        if (m := RESIDENCE_RE.search(clause)):
            self._residence(clause[m.end():], span, nid, spread="分别" in clause, many=many)
            return
        if (m := WORK_RE.search(clause)):
            raw = clause[m.end():].lstrip("为在于是：:")
            self._link(raw, span, nid, "works_at", None, strip_roads=True)
            return
        if (m := EMPLOYEE_RE.match(clause.strip())):
            self._link(m.group("place"), span, nid, "works_at", None, strip_roads=True)
            return
        self._isolation(clause, span, nid, when)
        for m in ADMIT_RE.finditer(clause):
            self._care(m.group("place"), span, nid, when, admit=True)
        for regex in (CARE_AT_RE, CARE_AFTER_RE, ADMITTED_BY_RE):
            for m in regex.finditer(clause):
                self._care(m.group("place"), span, nid, when, admit=m.group("verb") not in VISIT_VERBS)
        self._travel(clause, span, nid, when)

    def _isolation(self, clause: str, span, nid: str, when) -> None:
        """``进行集中隔离`` / ``转入X集中隔离观察点``: an isolated_at edge (never 居家隔离)."""
        if not ISOLATION_RE.search(clause) or re.search(r"居家|解除|隔离期满|管理的|人员", clause):
            return
        named = NAMED_ISOLATION_RE.search(clause)
        name = LEAD_VERB_RE.sub("", named.group("name")) if named else "集中隔离点"
        fac = facility_of(name) or ("集中隔离点", "quarantine")
        fid = self.builder.node("facility", fac[0], span, kind=fac[1])
        self.builder.edge(nid, fid, "isolated_at", span, date=when)

    def _residence(self, raw: str, span, nid: str, spread: bool, many: bool) -> None:
        raw = raw.lstrip("为在于是：:")
        if raw.startswith(("与", "同", "相同")):
            return
        items = split_places(cut_place(raw))
        for item in items:
            place = strip_admin(item)
            if place.district:
                self.builder.set(nid, "district", place.district)
            if place.is_admin_only or not looks_like_place(place.name):
                if not place.district:
                    self.builder.set(nid, "district", bare_area(place.name))
                continue
            district = place.district or self.builder.nodes[nid].get("district")
            lid = self.builder.node("location", place.name, span, district=district, kind=place_kind(place.name))
            if spread and (many or len(items) > 1):
                self.builder.set(lid, "case_site", True)
            else:
                self.builder.edge(nid, lid, "resides_at", span)

    def _link(self, raw: str, span, nid: str, relation: str, when, strip_roads=False) -> None:
        for item in split_places(cut_place(raw)):
            place = strip_admin(item)
            if place.is_admin_only and relation != "visited":
                continue
            name = place.name if not place.is_admin_only else item
            fac = facility_of(item) if relation != "visited" or not place.is_admin_only else None
            if fac:
                fid = self.builder.node("facility", fac[0], span, kind=fac[1], district=place.district)
                self.builder.edge(nid, fid, relation, span, date=when)
                continue
            if strip_roads:
                name = strip_road(name)
            if not looks_like_place(name):
                continue
            lid = self.builder.node("location", name, span, district=place.district, kind=place_kind(name))
            self.builder.edge(nid, lid, relation, span, date=when)

    def _care(self, raw: str, span, nid: str, when, admit: bool) -> None:
        raw = re.sub(r"^(?:.*[0-9]日)?(?:当地|本市|我市|市|省)?", "", raw)
        name = cut_place(raw)
        for suffix in ("隔离治疗", "隔离留观", "住院治疗", "治疗", "隔离", "留观", "就诊", "救治", "观察"):
            name = name.removesuffix(suffix)
        fac = facility_of(name) or _hospital_abbreviation(name)
        if not fac:
            if not admit:
                return
            place = strip_admin(name)
            if looks_like_place(place.name) and place_kind(place.name) in ("hotel",):
                lid = self.builder.node("location", place.name, span, district=place.district, kind="hotel")
                self.builder.edge(nid, lid, "visited", span, date=when)
            return
        if fac[0] in lx.UNNAMED_GENERIC:
            return
        fid = self._facility(fac, name, span)
        if not admit and self.builder.has_edge(nid, fid, "admitted_to"):
            return
        self.builder.edge(nid, fid, "admitted_to" if admit else "visited", span, date=when)

    def _facility(self, fac: tuple[str, str], printed: str, span, **attrs) -> str:
        """A facility node; a generic one is one node per document, named as first printed."""
        canon, kind = fac
        name = canon
        if canon in lx.GENERIC_FACILITIES:
            name = next((v for v in lx.GENERIC_PRINTED_NAMES.get(canon, ()) if printed.endswith(v)), canon)
        aliases = [canon] if name != canon else None
        return self.builder.node("facility", name, span, key=canon, kind=kind, aliases=aliases, **attrs)

    def _travel(self, clause: str, span, nid: str, when) -> None:
        found: list[str] = []
        for regex in (FROM_RE, VIA_RE, ROUTE_TO_RE, IMPORTED_FROM_RE):
            for m in regex.finditer(clause):
                for item in split_places(cut_place(m.group("place"))):
                    self._visit(item, span, nid, when, strong=True)
        for m in VISIT_RE.finditer(clause):
            raw = m.group("place")
            if re.match(r"^(?:家|单位|公司|医院|社区|当地|本地|岗|达|位|院)", raw):
                continue
            found.append(raw)
        for raw in found:
            for item in split_places(cut_place(raw)):
                self._visit(item, span, nid, when)
        for m in VEHICLE_RE.finditer(clause):
            if m.group("unit") or re.search(r"乘坐|搭乘|乘|转乘", clause[:m.start()]):
                name = (m.group("airline") or "") + m.group("code") + (m.group("unit") or "")
                if re.fullmatch(r"[0-9]{1,4}路", name) and not re.search(r"公交|乘坐", clause):
                    continue
                lid = self.builder.node("location", name, span, kind="vehicle")
                self.builder.edge(nid, lid, "visited", span, date=when)

    def _visit(self, item: str, span, nid: str, when, strong: bool = False) -> None:
        item = re.sub(r"^(?:了|过|在|于|至|往|到|去|从|自|由|经)", "", item)
        if VEHICLE_RE.fullmatch(item) or re.search(r"航班|列车|高铁|动车|公交", item):
            return
        fac = facility_of(item)
        if fac:
            if fac[0] in lx.UNNAMED_GENERIC or fac[0] in lx.GENERIC_FACILITIES:
                if fac[0] != "方舱医院":
                    return
            fid = self.builder.node("facility", fac[0], span, kind=fac[1])
            if not self.builder.has_edge(nid, fid, "admitted_to"):
                self.builder.edge(nid, fid, "visited", span, date=when)
            return
        place = strip_admin(item)
        name = item if place.is_admin_only else place.name
        if not looks_like_place(name) and not (strong and _plausible_name(name)):
            return
        if not place.is_admin_only:
            name = strip_road(name)
        kind = place_kind(name) or ("district" if place.is_admin_only else None)
        lid = self.builder.node("location", name, span, kind=kind, district=place.district)
        self.builder.edge(nid, lid, "visited", span, date=when)

    def _clusters(self, text: str, span, subjects: list[str]) -> None:
        """Cluster sites (``X、Y等聚集性疫情``, ``X相关``) and the cases counted at them."""
        if not CLUSTER_GATE_RE.search(text):
            return
        for regex in (CLUSTER_RE, LINKED_RE):
            for m in regex.finditer(text):
                head = text[:m.start("place")]
                lead = re.split(r"[。；;：:]", head)[-1]
                items = re.split(r"[、，,及和]", lead + m.group("place"))
                if regex is LINKED_RE:
                    items = items[-1:]
                for raw in items:
                    name = _clean_cluster_name(raw.removesuffix("等"))
                    if not name:
                        continue
                    place = strip_admin(raw.removesuffix("等"))
                    lid = self.builder.node("location", name, span, cluster=True, kind=place_kind(name),
                                            district=place.district)
                    self.cluster_nodes.add(lid)
                    for nid in subjects:
                        self.builder.edge(nid, lid, "linked_to", span)
        for m in SITE_COUNT_RE.finditer(text):
            self.site_counts.setdefault(strip_admin(m.group("place")).name, int(m.group("n")))
        nodes = self.builder.nodes
        for nid, data in [(n, nodes[n]) for n in sorted(self.cluster_nodes)]:
            if data.get("cluster") and "cases" not in data and data["name"] in self.site_counts:
                self.builder.set(nid, "cases", self.site_counts[data["name"]])
            if data.get("cluster") and data["name"] in text and "cases" not in data:
                tail = text[text.index(data["name"]) + len(data["name"]):]
                if (count := CLUSTER_COUNT_RE.match(tail)) or (count := CLUSTER_COUNT_RE.search(tail[:12])):
                    self.builder.set(nid, "cases", int(count.group("n")), span)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else lx.NUMERALS.get(text, 1)


def _hospital_abbreviation(name: str) -> tuple[str, str] | None:
    """After a care cue, ``市二院``, ``中科大一附院``, ``陕西省传染病院`` name hospitals."""
    if re.search(r"(?:附院|[一二三四五六七八九]院|病院|医院[^，,。]{0,8}(?:院区|分院|科))$", name) and len(name) <= 24:
        return name, "hospital"
    return None


def _plausible_name(name: str) -> bool:
    """A short run of Chinese characters with no function word: a place after a strong cue."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,10}", name)) and not STOP_RE.search(name) \
        and name not in lx.TRAVEL_ENDPOINT_STOP and not any(w in name for w in lx.NOT_PLACE_WORDS)


def _tail_name(raw: str) -> str:
    """The name at the end of ``raw``, after its last verb or function word."""
    cut = 0
    for stop in STOP_RE.finditer(raw):
        cut = stop.end()
    return strip_admin(raw[cut:]).name if cut < len(raw) else raw


def _clean_cluster_name(raw: str) -> str | None:
    raw = re.sub(r"^.*(?:一起|起|涉及|涉|均为|为|与|系|的|因|在|是|此次|本轮|主要为|主要|转运)", "", raw)
    name = strip_admin(raw).name
    if len(name) < 2 or not looks_like_place(name) or re.search(r"家庭|聚餐|病例|疫情", name):
        return None
    return name


def _contact_kind(clause: str) -> str:
    for words, kind in KIND_WORDS:
        if any(w in clause for w in words):
            return kind
    return "other"


def _date_before(mentions: list[DateMention], starts: list[int], end: int) -> str | None:
    """The day of the last date printed before ``end`` (``starts``: where each mention starts)."""
    index = bisect_left(starts, end)
    return mentions[index - 1].iso if index else None
