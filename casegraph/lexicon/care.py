"""Cue words of casegraph.extract.care's rules, each tuple in the order its regex tries them."""
# care.CARE_AT_RE: words such as 到 (``在X隔离治疗`` / ``到X住院`` (admitted) and ``到X就诊`` (a visit); ``就诊于X``, ``收住X``.)
CARE_AT_WORDS = ("到", "去", "至", "前往", "在", "于")
# care.CARE_AT_RE: words such as 进行隔离治疗 (``在X隔离治疗`` / ``到X住院`` (admitted) and ``到X就诊`` (a visit); ``就诊于X``, ``收住X``.)
CARE_AT_WORDS_2 = ("进行隔离治疗", "隔离治疗", "住院治疗")
# care.ADMITTED_BY_RE: words such as 医院 (``长春市传染病医院收治``: the hospital named before the admission verb.)
ADMITTED_BY_WORDS = ("医院", "卫生院", "病院")
# care.ADMITTED_BY_RE: words such as 收治 (``长春市传染病医院收治``: the hospital named before the admission verb.)
ADMITTED_BY_WORDS_2 = ("收治", "收住")
# care.CARE_AFTER_RE: words such as 就诊
CARE_AFTER_WORDS = ("就诊", "就医", "住院", "入院", "收住", "收治", "治疗")
# care.KEPT_AFTER_RE: words such as 后 (``到X就诊并被留观``: the visit ended in admission.)
KEPT_AFTER_WORDS = ("后", "并", "即", "随即", "当天", "当日")
# care.KEPT_AFTER_RE: words such as 留观 (``到X就诊并被留观``: the visit ended in admission.)
KEPT_AFTER_WORDS_2 = ("留观", "留院观察", "收治", "收住", "住院", "入院")
# care.SAMPLE_SENT_RE: words such as 采样
SAMPLE_SENT_WORDS = ("采样", "样本", "标本", "样品")
# care.SAMPLE_SENT_RE: words such as 已
SAMPLE_SENT_WORDS_2 = ("已", "均")
# care.SAMPLE_SENT_RE: words such as 送
SAMPLE_SENT_WORDS_3 = ("送", "送至", "送往", "送达")
# care.ISOLATION_RE: words such as 集中隔离
ISOLATION_WORDS = ("集中隔离", "集中医学观察", "集中观察", "隔离点", "隔离观察点", "隔离医学观察点")
# care.NOT_ISOLATED_RE: words such as 居家
NOT_ISOLATED_WORDS = ("居家", "解除", "隔离期满", "管理的", "人员", "临时隔离")
# care.NAMED_ISOLATION_RE: words such as 大厦
NAMED_ISOLATION_WORDS = ("大厦", "宾馆", "酒店", "饭店", "公寓", "中心", "学校", "基地", "山庄")
# care.NAMED_ISOLATION_RE: words such as 集中隔离医学观察点
NAMED_ISOLATION_WORDS_2 = ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点")
# care.SENT_TO_SITE_RE: words such as 送至 (``送至浮龙湖隔离点``: after a transfer, the words before 隔离点 name the site.)
SENT_TO_SITE_WORDS = ("送至", "送往", "转运至", "转至", "转入", "进入", "入住")
# care.SENT_TO_SITE_RE: not followed by: words such as 集中 (``送至浮龙湖隔离点``: after a transfer, the words before 隔离点 name the site.)
SENT_TO_SITE_NOT_NEXT = ("集中", "指定", "当地", "本地", "临时", "附近", "县级", "市级", "相关", "专门")
# care.SENT_TO_SITE_RE: words such as 隔离观察点 (``送至浮龙湖隔离点``: after a transfer, the words before 隔离点 name the site.)
SENT_TO_SITE_WORDS_2 = ("隔离观察点", "隔离医学观察点", "隔离点")
# care.BRACKETED_SITE_RE: words such as 集中隔离医学观察点 (``集中隔离点(尚客优品酒店)``: the bracket holds the site's real name.)
BRACKETED_SITE_WORDS = ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点", "隔离医学观察点", "隔离观察点", "隔离点", "隔离酒店")
# care.BRACKETED_SITE_RE: words such as 宾馆 (``集中隔离点(尚客优品酒店)``: the bracket holds the site's real name.)
BRACKETED_SITE_WORDS_2 = ("宾馆", "酒店", "饭店", "公寓", "大厦", "中心", "山庄")
# care.ISOLATION_SITE_END_RE: words such as 集中隔离医学观察点
ISOLATION_SITE_END_WORDS = ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点", "隔离医学观察点", "隔离观察点", "隔离点")
# care.LEAD_VERB_RE: words such as 转入
LEAD_VERB_WORDS = ("转入", "转至", "转运至", "送至", "送往", "进入", "入住", "前往", "被", "到", "在", "于", "作为")
# care.CARE_LEAD_RE: words such as 当地
CARE_LEAD_WORDS = ("当地", "本市", "我市", "市", "省")
# care.HOSPITAL_ABBREVIATION_RE: words such as 院区
HOSPITAL_ABBREVIATION_WORDS = ("院区", "分院", "科")
# care.CARE_AT_RE: words such as 接受治疗 (``在X隔离治疗`` / ``到X住院`` (admitted) and ``到X就诊`` (a visit); ``就诊于X``, ``收住X``.)
CARE_AT_WORDS_3 = ("接受治疗", "治疗", "隔离留观", "留观", "住院", "救治", "诊治", "就诊", "就医", "看病", "问诊")
# care.NAMED_ISOLATION_RE: words such as 度假村
NAMED_ISOLATION_WORDS_3 = ("度假村", "招待所", "会馆", "宾舍", "校区", "大楼", "县", "区", "市")
# care.NAMED_ISOLATION_RE: words such as 隔离医学观察点
NAMED_ISOLATION_WORDS_4 = ("隔离医学观察点", "隔离观察点", "隔离点")
# care.BRACKETED_SITE_RE: words such as 度假村 (``集中隔离点(尚客优品酒店)``: the bracket holds the site's real name.)
BRACKETED_SITE_WORDS_3 = ("度假村", "招待所", "学校", "基地")
