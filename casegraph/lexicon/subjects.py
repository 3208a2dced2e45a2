"""Cue words of casegraph.extract.subjects's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Copulas: after a heading label (``病例3为…``), before a workplace and a job (``系X售货员``), between a heading and its first fact.
COPULAS = ("为", "系", "是")
# Words after a heading label that open a fact of the case (``病例3曾…``, ``于``, ``在``).
HEADING_FACT_LEADS = ("曾", "于", "自", "在")
# Pronouns and copulas after a label in apposition (``病例3，她…``, ``是``).
APPOSITION_FOLLOWERS = ("她", "他", "是", "系", "为")
# Units of a count of cases (``1例``, ``1名``).
CASE_COUNT_UNITS = ("例", "名")
# Case words of one new case announced (``发现1例…阳性感染者``, ``确诊病例``).
ANNOUNCED_CASE_WORDS = ("无症状感染者", "确诊病例", "感染者", "病例", "患者", "阳性者")
# Words joining more cases counted after the first (``1例确诊病例和1例无症状感染者``).
MORE_CASES_JOINERS = ("和", "及")
# Test words of one person found infected (``核酸检测结果为阳性``).
NUCLEIC_TEST_WORDS = ("核酸检测", "核酸")
# Kinds of a test (``复核``, ``复检``, ``初筛``).
TEST_KIND_WORDS = ("复核", "复检", "检测", "初筛")
# Verbs before a test's result (``呈阳性``, ``为``, ``显示``).
RESULT_COPULAS = ("呈", "为", "显示")
# Adverbs before a person's diagnosis (``被确诊``, ``已``).
ONE_PERSON_ADVERBS = ("被", "已")
# Verbs of a person's diagnosis (``确诊``, ``诊断``).
ONE_PERSON_DIAGNOSIS_VERBS = ("确诊", "诊断")
# Names of the illness (``新冠肺炎``, ``新型冠状病毒感染的肺炎``).
ILLNESS_NAMES = ("新冠肺炎", "新冠病毒", "新型冠状病毒肺炎", "新型冠状病毒感染的肺炎", "新型冠状病毒")
# Another case's events that time a clause (``第32例确诊后``, ``发病``).
OTHER_CASE_EVENTS = ("确诊", "发病", "住院", "检出阳性", "核酸阳性")
# Words after such an event (``确诊后``, ``以来``, ``当天``).
TEMPORAL_ENDINGS = ("后", "前", "以来", "时", "当天", "当日")
# Words at a line's start before its number (``另外``, ``此外``).
BULLET_WORDS = ("另外", "此外")
# Copulas between a label and the name of the same person (``病例28为闫某某``).
NAME_AFTER_LABEL_COPULAS = ("为", "是", "系")
# Label words between a label and a name (``病例28：患者闫某某``).
NAME_AFTER_LABEL_WORDS = ("患者", "病例")
# Words of a statement about the cases above (``以上3例``, ``上述病例``).
GROUP_STATEMENT_LEADS = ("以上", "上述")
# Demonstratives of a statement about a group (``这2例``, ``该3名``).
GROUP_STATEMENT_LEADS_2 = ("这", "该")
# Case words of such a group (``两人``, ``患者``, ``病例``).
GROUP_STATEMENT_CASE_WORDS = ("患者", "病例", "感染者")
# Words after a group that make it a statement about all (``均``, ``活动轨迹``, ``共同``).
GROUP_STATEMENT_FOLLOWERS = ("均", "都", "的", "活动", "行程", "轨迹", "共同")
# Case words of a counted group (``3例病例均…``).
COUNTED_GROUP_CASE_WORDS = ("病例", "感染者", "患者")
# Adverbs after a counted group (``均``, ``已``, ``目前``).
COUNTED_GROUP_ADVERBS = ("均", "已", "目前")
# Case words after 以上/上述 (``上述病例``, ``以上人员``).
ABOVE_CASES_WORDS = ("病例", "感染者", "患者", "人员")
# Endings of a district that reports new cases (``X区新增``).
DISTRICT_NEW_CASE_ENDINGS = ("区", "县", "市")
# Days of such a report (``今日``, ``当日``).
DISTRICT_NEW_CASE_DAYS = ("今日", "当日")
# Verbs of such a report (``新增``, ``报告``).
DISTRICT_NEW_CASE_VERBS = ("新增", "报告")
# Verbs of an official speaking (``介绍``, ``表示``, ``提醒``).
SPEAKER_VERBS = ("介绍", "表示", "指出", "提醒", "强调", "通报")
# Origins of new cases (``境外输入``, ``本土``).
NEW_CASE_ORIGINS = ("境外输入性", "境外输入", "输入性", "本土", "本地")
# The disease's short names (``新冠肺炎``, ``新冠病毒``).
COVID_WORDS = ("新冠肺炎", "新冠病毒")
# Statuses of new cases (``确诊病例``, ``无症状感染者``).
NEW_CASE_STATUSES = ("无症状感染者", "确诊病例")
# Case words after 该 (``该病例``, ``该对象``).
THAT_CASE_WORDS = ("无症状感染者", "确诊病例", "感染者", "病例", "患者", "对象")
# Endings of a sex word after 该 (``该男性``, ``该女子``).
THAT_CASE_SEX_ENDINGS = ("性", "子")
# Verbs of a count of new cases (``报告``, ``发现``, ``检出``).
NEW_COUNT_VERBS = ("报告", "发现", "检出")
# Case words of an unlabeled case (``患者，女，76岁``, ``病例``).
UNLABELED_CASE_WORDS = ("病例", "患者", "感染者")
# One person of a description (``一名62岁男性``, ``一位``).
ONE_PERSON_WORDS = ("一名", "一位")
# Sex words of a person named by 该 (``该男子``, ``该女性``).
THAT_PERSON_SEX_WORDS = ("男子", "女子", "男性", "女性")
# Words after such a person (``该男子的``, ``本人``).
THAT_PERSON_FOLLOWERS = ("的", "本人")
# Words of a trajectory's introduction (``活动轨迹如下``, ``行程``).
TRAJECTORY_INTRO_WORDS = ("活动", "行程", "行动")
# Endings of such an introduction (``如下``, ``为``).
TRAJECTORY_INTRO_ENDINGS = ("如下", "为")
# Units of a clock time (``10时``, ``8点``).
CLOCK_UNITS = ("时", "点")
# Pronouns and time words that go on with the case just told (``其``, ``患者``, ``随后``).
PRONOUN_STARTS = ("该", "其", "此", "患者", "病例", "他", "她", "随后", "之后", "期间", "当日", "当天")
# Words of a fact told of a described person (``男``, ``岁``, ``收治``, ``确诊``).
DESCRIBED_FACT_WORDS = ("男", "女", "岁", "转入", "转至", "收治", "住院", "入院", "隔离治疗", "型", "确诊")
# Words that name the cases a statement is about, no blanket one (``其``, ``该``, ``以上``).
REFERRING_WORDS = ("其", "该", "以上", "上述", "这些")
# Units of a count of new cases (``新增3例``, ``人``, ``名``).
NEW_CASE_UNITS = ("例", "人", "名")
# Adverbs of relatives infected too (``也``, ``均``, ``亦``).
RELATIVES_ALSO_WORDS = ("也", "均", "亦", "都")
# Adverbs of time before their diagnosis (``已``, ``先后``).
RELATIVES_ALREADY_WORDS = ("已", "先后")
# Verbs before their test's result (``检测结果呈阳性``, ``为``).
RELATIVES_RESULT_COPULAS = ("呈", "为")
# Endings of a sex word (``男子``, ``女性``, ``男童``).
SEXED_WORD_ENDINGS = ("子", "性", "童", "孩")
# Words of one case of a count told one by one (``一为46岁女性``, ``另一``).
ENUMERATED_CASE_LEADS = ("一", "另一", "其一", "另")
# Units of such a count (``2例``, ``名``).
ENUMERATED_CASE_UNITS = ("例", "名", "人")
# Origins in a section's header (``本土确诊病例详情如下``).
STATUS_SECTION_ORIGINS = ("本土", "境外输入")
# Statuses in a section's header (``确诊病例``, ``无症状感染者``).
STATUS_SECTION_STATUSES = ("确诊病例", "无症状感染者")
# Nouns of a section's header (``详情如下``, ``基本情况``).
STATUS_SECTION_NOUNS = ("详情", "情况", "基本情况", "信息")
# Verbs before where every counted case is (``均在瑞丽市``, ``来自``).
COUNT_DISTRICT_VERBS = ("在", "位于", "来自", "系", "为", "属")
# Words after such a district (``瑞丽市病例``, ``辖区``, ``境内``).
COUNT_DISTRICT_FOLLOWERS = ("病例", "辖区", "境内")
# Words after a heading label and a comma that describe the case (``病例3，现住…``, ``中国籍``, ``男性``).
HEADING_DESCRIPTION_WORDS = ("现住", "现居", "居住", "家住", "系", "为", "是", "中国籍", "外籍", "女性", "男性", "她", "他")
# More words that open a fact after a heading label (``通过``, ``近期``, ``乘坐``, ``因``).
HEADING_FACT_LEADS_2 = ("现住", "现居", "居住", "通过", "近期", "此前", "今日", "目前", "既往", "乘坐", "乘", "入关", "因")
# Case words after 以上/上述 (``以上病例``, ``上述人员``).
GROUP_STATEMENT_NOUNS = ("病例", "确诊病例", "感染者", "患者", "人员")
# Case words after 该 (``该患者``, ``该无症状感染者``).
THAT_PERSON_CASE_WORDS = ("对象", "患者", "病例", "感染者", "无症状感染者", "确诊病例")
# Days after the last told (``次日``, ``同日``).
NEXT_DAY_WORDS = ("次日", "同日")
# Parts of a day (``上午``, ``晚上``, ``凌晨``).
DAY_PART_WORDS = ("上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚", "夜间")
# Verbs of their diagnosis (``均确诊``, ``诊断为``).
RELATIVES_DIAGNOSIS_VERBS = ("确诊", "诊断为")

# Words for an infected person that, alone at a clause's start, are the bulletin's one case
# (``病例发病前曾到过以下场所``, ``患者自述…``).
BARE_CASE_WORDS = ("病例", "患者", "感染者")
# Case words after a numbered label, the same person (``第3例确诊患者为女性``, ``第5例病例，男``).
LABEL_APPOSITION_WORDS = ("确诊患者", "确诊病例", "无症状感染者", "感染者", "患者", "病例")
# An area's words before a heading label, the bulletin's own (``该市第3例确诊患者为女性``).
HEADING_AREA_LEADS = ("该市", "本市", "我市", "全市", "该省", "本省", "我省", "该县", "本县", "我县",
                      "该区", "本区", "我区")
# Words after 轨迹 in a section's heading line (``二、活动轨迹情况``).
TRAJECTORY_HEADING_TAILS = ("情况", "信息")
