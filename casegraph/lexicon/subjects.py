"""Cue words of casegraph.extract.subjects's rules, each tuple in the order its regex tries them."""
# subjects.HEADING_FOLLOW_RE: words such as 为
HEADING_FOLLOW_WORDS = ("为", "系", "是")
# subjects.HEADING_FOLLOW_RE: words such as 曾
HEADING_FOLLOW_WORDS_2 = ("曾", "于", "自", "在")
# subjects.APPOSITION_FOLLOW_RE: words such as 她
APPOSITION_FOLLOW_WORDS = ("她", "他", "是", "系", "为")
# subjects.ANNOUNCE_RE: words such as 例 (``宁波市鄞州区在集中隔离点发现1例新冠病毒初筛阳性感染者``: one new case announced.)
ANNOUNCE_WORDS = ("例", "名")
# subjects.ANNOUNCE_RE: words such as 无症状感染者 (``宁波市鄞州区在集中隔离点发现1例新冠病毒初筛阳性感染者``: one new case announced.)
ANNOUNCE_WORDS_2 = ("无症状感染者", "确诊病例", "感染者", "病例", "患者", "阳性者")
# subjects.MORE_CASES_RE: words such as 和 (``新增1例确诊病例和1例无症状感染者``: more cases counted right after the first.)
MORE_CASES_WORDS = ("和", "及")
# subjects.ONE_PERSON_RE: words such as 核酸检测 (``我市一名出租车司机核酸检测结果为阳性``: one person found infected, told by description.)
ONE_PERSON_WORDS = ("核酸检测", "核酸")
# subjects.ONE_PERSON_RE: words such as 复核 (``我市一名出租车司机核酸检测结果为阳性``: one person found infected, told by description.)
ONE_PERSON_WORDS_2 = ("复核", "复检", "检测", "初筛")
# subjects.ONE_PERSON_RE: words such as 呈 (``我市一名出租车司机核酸检测结果为阳性``: one person found infected, told by description.)
ONE_PERSON_WORDS_3 = ("呈", "为", "显示")
# subjects.ONE_PERSON_RE: words such as 被 (``我市一名出租车司机核酸检测结果为阳性``: one person found infected, told by description.)
ONE_PERSON_WORDS_4 = ("被", "已")
# subjects.ONE_PERSON_RE: words such as 确诊 (``我市一名出租车司机核酸检测结果为阳性``: one person found infected, told by description.)
ONE_PERSON_WORDS_5 = ("确诊", "诊断")
# subjects.DESC_SEX_RE: words such as 男
DESC_SEX_WORDS = ("男", "女")
# subjects.DESC_SEX_RE: words such as 性
DESC_SEX_WORDS_2 = ("性", "子", "童", "孩")
# subjects.ILLNESS_NAME_RE: words such as 新冠肺炎
ILLNESS_NAME_WORDS = ("新冠肺炎", "新冠病毒", "新型冠状病毒肺炎", "新型冠状病毒感染的肺炎", "新型冠状病毒")
# subjects.TEMPORAL_CLAUSE_RE: words such as 确诊 (``第32例确诊后，患者于…``: a time told by another case's event, not a heading.)
TEMPORAL_CLAUSE_WORDS = ("确诊", "发病", "住院", "检出阳性", "核酸阳性")
# subjects.TEMPORAL_CLAUSE_RE: words such as 后 (``第32例确诊后，患者于…``: a time told by another case's event, not a heading.)
TEMPORAL_CLAUSE_WORDS_2 = ("后", "前", "以来", "时", "当天", "当日")
# subjects.BULLET_RE: words such as 另外 (A line's number (一、 (3) 4. 其中：), or a bare number before the sex (``4，男，32岁``).)
BULLET_WORDS = ("另外", "此外")
# subjects.NAME_AFTER_LABEL_RE: words such as 为 (``病例28：闫某某``: what may stand between a label and the name of the same person.)
NAME_AFTER_LABEL_WORDS = ("为", "是", "系")
# subjects.NAME_AFTER_LABEL_RE: words such as 患者 (``病例28：闫某某``: what may stand between a label and the name of the same person.)
NAME_AFTER_LABEL_WORDS_2 = ("患者", "病例")
# subjects.GROUP_STATEMENT_RE: words such as 以上
GROUP_STATEMENT_WORDS = ("以上", "上述")
# subjects.GROUP_STATEMENT_RE: words such as 这
GROUP_STATEMENT_WORDS_2 = ("这", "该")
# subjects.GROUP_STATEMENT_RE: words such as 患者
GROUP_STATEMENT_WORDS_3 = ("患者", "病例", "感染者")
# subjects.GROUP_STATEMENT_RE: words such as 均
GROUP_STATEMENT_WORDS_4 = ("均", "都", "的", "活动", "行程", "轨迹", "共同")
# subjects.COUNTED_GROUP_RE: words such as 病例
COUNTED_GROUP_WORDS = ("病例", "感染者", "患者")
# subjects.COUNTED_GROUP_RE: words such as 均
COUNTED_GROUP_WORDS_2 = ("均", "已", "目前")
# subjects.ABOVE_CASES_RE: words such as 病例
ABOVE_CASES_WORDS = ("病例", "感染者", "患者", "人员")
# subjects.DISTRICT_NEW_CASE_RE: words such as 区
DISTRICT_NEW_CASE_WORDS = ("区", "县", "市")
# subjects.DISTRICT_NEW_CASE_RE: words such as 今日
DISTRICT_NEW_CASE_WORDS_2 = ("今日", "当日")
# subjects.DISTRICT_NEW_CASE_RE: words such as 新增
DISTRICT_NEW_CASE_WORDS_3 = ("新增", "报告")
# subjects.SPEAKER_VERB_RE: words such as 介绍
SPEAKER_VERB_WORDS = ("介绍", "表示", "指出", "提醒", "强调", "通报")
# subjects.SINGLE_NEW_RE: words such as 境外输入性 (A count of several new cases: the sentence is about none of them in particular.)
SINGLE_NEW_WORDS = ("境外输入性", "境外输入", "输入性", "本土", "本地")
# subjects.SINGLE_NEW_RE: words such as 新冠肺炎 (A count of several new cases: the sentence is about none of them in particular.)
SINGLE_NEW_WORDS_2 = ("新冠肺炎", "新冠病毒")
# subjects.SINGLE_NEW_RE: words such as 无症状感染者 (A count of several new cases: the sentence is about none of them in particular.)
SINGLE_NEW_WORDS_3 = ("无症状感染者", "确诊病例")
# subjects.THAT_CASE_RE: words such as 无症状感染者
THAT_CASE_WORDS = ("无症状感染者", "确诊病例", "感染者", "病例", "患者", "对象")
# subjects.THAT_CASE_RE: words such as 性
THAT_CASE_WORDS_2 = ("性", "子")
# subjects.NEW_COUNT_RE: words such as 报告
NEW_COUNT_WORDS = ("报告", "发现", "检出")
# subjects.UNLABELED_RE: words such as 病例 (``患者，女，76岁``, ``输入病例为43岁女性患者``, ``该市首例患者是一名62岁男性``)
UNLABELED_WORDS = ("病例", "患者", "感染者")
# subjects.UNLABELED_RE: words such as 一名 (``患者，女，76岁``, ``输入病例为43岁女性患者``, ``该市首例患者是一名62岁男性``)
UNLABELED_WORDS_2 = ("一名", "一位")
# subjects.THAT_PERSON_RE: words such as 男子
THAT_PERSON_WORDS = ("男子", "女子", "男性", "女性")
# subjects.THAT_PERSON_RE: words such as 的
THAT_PERSON_WORDS_2 = ("的", "本人")
# subjects.TRAJECTORY_INTRO_RE: words such as 活动
TRAJECTORY_INTRO_WORDS = ("活动", "行程", "行动")
# subjects.TRAJECTORY_INTRO_RE: words such as 如下
TRAJECTORY_INTRO_WORDS_2 = ("如下", "为")
# subjects.PRONOUN_START_RE: words such as 时 ((a clock time or a part of the day goes on a trajectory: ``10:48乘G2193…``, ``上午…``))
PRONOUN_START_WORDS = ("时", "点")
# subjects.PRONOUN_START_RE: words such as 该 ((a clock time or a part of the day goes on a trajectory: ``10:48乘G2193…``, ``上午…``))
PRONOUN_START_WORDS_2 = ("该", "其", "此", "患者", "病例", "他", "她", "随后", "之后", "期间", "当日", "当天")
# subjects.DESCRIBED_FACT_RE: words such as 男
DESCRIBED_FACT_WORDS = ("男", "女", "岁", "转入", "转至", "收治", "住院", "入院", "隔离治疗", "型", "确诊")
# subjects.REFERRING_RE: words such as 其 (``其``/``该``/``以上`` name the cases a statement is about: it is no blanket one.)
REFERRING_WORDS = ("其", "该", "以上", "上述", "这些")
# subjects.NEW_CASES_RE: words such as 例
NEW_CASES_WORDS = ("例", "人", "名")
# subjects.RELATIVES_INFECTED_RE: words such as 也 (``该女子及其丈夫、女儿均确诊为…确诊病例``: relatives of the subject found infected too.)
RELATIVES_INFECTED_WORDS = ("也", "均", "亦", "都")
# subjects.RELATIVES_INFECTED_RE: words such as 已 (``该女子及其丈夫、女儿均确诊为…确诊病例``: relatives of the subject found infected too.)
RELATIVES_INFECTED_WORDS_2 = ("已", "先后")
# subjects.RELATIVES_INFECTED_RE: words such as 呈 (``该女子及其丈夫、女儿均确诊为…确诊病例``: relatives of the subject found infected too.)
RELATIVES_INFECTED_WORDS_3 = ("呈", "为")
# subjects.SEXED_PRONOUN_RE: words such as 子
SEXED_PRONOUN_WORDS = ("子", "性", "童", "孩")
# subjects.ENUMERATED_CASE_RE: words such as 一 (``2例新增确诊患者，一为46岁女性，…；另一为52岁男性，…``: cases of a count told one by one.)
ENUMERATED_CASE_WORDS = ("一", "另一", "其一", "另")
# subjects.ENUMERATED_CASE_RE: words such as 例 (``2例新增确诊患者，一为46岁女性，…；另一为52岁男性，…``: cases of a count told one by one.)
ENUMERATED_CASE_WORDS_2 = ("例", "名", "人")
# subjects.STATUS_SECTION_RE: words such as 本土 (``确诊病例详情如下``, ``新增无症状感染者情况如下：``: a section of cases of one status.)
STATUS_SECTION_WORDS = ("本土", "境外输入")
# subjects.STATUS_SECTION_RE: words such as 确诊病例 (``确诊病例详情如下``, ``新增无症状感染者情况如下：``: a section of cases of one status.)
STATUS_SECTION_WORDS_2 = ("确诊病例", "无症状感染者")
# subjects.STATUS_SECTION_RE: words such as 详情 (``确诊病例详情如下``, ``新增无症状感染者情况如下：``: a section of cases of one status.)
STATUS_SECTION_WORDS_3 = ("详情", "情况", "基本情况", "信息")
# subjects.COUNT_DISTRICT_RE: words such as 在 (``新增确诊病例6例，新增无症状感染者23例，均在瑞丽市``: where every counted case is.)
COUNT_DISTRICT_WORDS = ("在", "位于", "来自", "系", "为", "属")
# subjects.COUNT_DISTRICT_RE: words such as 病例 (``新增确诊病例6例，新增无症状感染者23例，均在瑞丽市``: where every counted case is.)
COUNT_DISTRICT_WORDS_2 = ("病例", "辖区", "境内")
# subjects.HEADING_FOLLOW_RE: words such as 现住
HEADING_FOLLOW_WORDS_3 = ("现住", "现居", "居住", "家住", "系", "为", "是", "中国籍", "外籍", "女性", "男性", "她", "他")
# subjects.HEADING_FOLLOW_RE: words such as 现住
HEADING_FOLLOW_WORDS_4 = ("现住", "现居", "居住", "通过", "近期", "此前", "今日", "目前", "既往", "乘坐", "乘", "入关", "因")
# subjects.GROUP_STATEMENT_RE: words such as 病例
GROUP_STATEMENT_WORDS_5 = ("病例", "确诊病例", "感染者", "患者", "人员")
# subjects.THAT_PERSON_RE: words such as 对象
THAT_PERSON_WORDS_3 = ("对象", "患者", "病例", "感染者", "无症状感染者", "确诊病例")
# subjects.PRONOUN_START_RE: words such as 次日 ((a clock time or a part of the day goes on a trajectory: ``10:48乘G2193…``, ``上午…``))
PRONOUN_START_WORDS_3 = ("次日", "同日")
# subjects.PRONOUN_START_RE: words such as 上午 ((a clock time or a part of the day goes on a trajectory: ``10:48乘G2193…``, ``上午…``))
PRONOUN_START_WORDS_4 = ("上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚", "夜间")
# subjects.RELATIVES_INFECTED_RE: words such as 确诊 (``该女子及其丈夫、女儿均确诊为…确诊病例``: relatives of the subject found infected too.)
RELATIVES_INFECTED_WORDS_4 = ("确诊", "诊断为")
