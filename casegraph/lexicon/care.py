"""Cue words of casegraph.extract.care's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Verbs before a hospital a case was cared at (``到X住院``, ``在X隔离治疗``).
CARE_AT_VERBS = ("到", "去", "至", "前往", "在", "于")
# Treatment words after such a hospital, tried first (``在X进行隔离治疗``).
CARE_AT_TREATMENTS = ("进行隔离治疗", "隔离治疗", "隔离诊疗", "住院治疗")
# Endings of a hospital named before the admission verb (``长春市传染病医院收治``).
ADMITTING_HOSPITAL_ENDINGS = ("医院", "卫生院", "病院")
# Admission verbs after a hospital's name (``收治``, ``收住``).
ADMISSION_VERBS = ("收治", "收住")
# Care verbs before the hospital they took place at (``就诊于X``, ``收住X``).
CARE_AFTER_VERBS = ("就诊", "就医", "住院", "入院", "收住", "收治", "治疗")
# Words that join a visit to the admission after it (``到X就诊后留观``, ``并``, ``当天``).
KEPT_AFTER_LEADS = ("后", "并", "即", "随即", "当天", "当日")
# Verbs of that admission (``留观``, ``收治``, ``住院``).
KEPT_AFTER_VERBS = ("留观", "留院观察", "隔离观察", "隔离治疗", "收治", "收住", "住院", "入院")
# A sample sent to a lab, which is no care of the case (``采样``, ``标本``).
SAMPLE_WORDS = ("采样", "样本", "标本", "样品")
# Adverbs before such a sample's sending (``已送``, ``均送``).
SAMPLE_SENT_ADVERBS = ("已", "均")
# Verbs of sending a sample, in the order tried (``送``, ``送至``).
SAMPLE_SENT_VERBS = ("送", "送至", "送往", "送达")
# Words of central quarantine (``集中隔离``, ``隔离点``).
ISOLATION_WORDS = ("集中隔离", "集中医学观察", "集中观察", "隔离点", "隔离观察点", "隔离医学观察点")
# Words that make a quarantine no central one (``居家``, ``解除``, ``隔离期满``).
NOT_ISOLATED_WORDS = ("居家", "解除", "隔离期满", "管理的", "人员", "临时隔离")
# Endings of a named place used as a quarantine site (``X酒店集中隔离点``).
NAMED_ISOLATION_ENDINGS = ("大厦", "宾馆", "酒店", "饭店", "公寓", "中心", "学校", "基地", "山庄")
# Words of a central quarantine site after its place (``X集中隔离点``).
CENTRAL_ISOLATION_SITE_WORDS = ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点")
# Verbs of sending a case to a quarantine site (``送至``, ``转运至``, ``入住``).
SENT_TO_SITE_VERBS = ("送至", "送往", "转运至", "转至", "转入", "进入", "入住")
# Words after such a verb that leave the site unnamed (``集中``, ``指定``, ``当地``).
UNNAMED_SITE_LEADS = ("集中", "指定", "当地", "本地", "临时", "附近", "县级", "市级", "相关", "专门")
# Endings of the site a case was sent to (``X隔离观察点``).
SENT_TO_SITE_ENDINGS = ("隔离观察点", "隔离医学观察点", "隔离点")
# Quarantine words before a bracketed site (``集中隔离点（X酒店）``).
BRACKETED_SITE_WORDS = ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点", "隔离医学观察点", "隔离观察点", "隔离点", "隔离酒店")
# Endings of the place in such a bracket (``宾馆``, ``酒店``).
BRACKETED_SITE_ENDINGS = ("宾馆", "酒店", "饭店", "公寓", "大厦", "中心", "山庄")
# Endings of a quarantine site's name (``集中隔离医学观察点``, ``隔离点``).
ISOLATION_SITE_ENDINGS = ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点", "隔离医学观察点", "隔离观察点", "隔离点")
# Verbs before a quarantine site, no part of its name (``转入``, ``送至``, ``被``).
SITE_LEAD_VERBS = ("转入", "转至", "转运至", "送至", "送往", "进入", "入住", "前往", "被", "到", "在", "于", "作为")
# Words before a hospital that name no part of it (``当地``, ``本市``, ``市``).
CARE_LEAD_WORDS = ("当地", "本市", "我市", "市", "省")
# Parts of a hospital after its name (``X医院东院区``, ``分院``, ``科``).
HOSPITAL_PART_WORDS = ("院区", "分院", "科")
# Care words after such a hospital (``在X接受治疗``, ``到X就诊``).
CARE_AT_CARE_WORDS = ("接受治疗", "治疗", "隔离留观", "留观", "住院", "救治", "诊治", "就诊", "就医", "看病", "问诊")
# More such endings, tried after those (``X度假村``, ``X招待所``, ``X县``).
NAMED_ISOLATION_ENDINGS_2 = ("度假村", "招待所", "会馆", "宾舍", "校区", "大楼", "县", "区", "市")
# Words of a quarantine site after its place (``X隔离观察点``).
ISOLATION_SITE_WORDS = ("隔离医学观察点", "隔离观察点", "隔离点")
# More such endings, tried after those (``度假村``, ``学校``).
BRACKETED_SITE_ENDINGS_2 = ("度假村", "招待所", "学校", "基地")
# Characters before 入 that make it no admission (``输入``, ``收入``, ``进入``, ``深入``).
NOT_ADMIT_BEFORE_RU = "输收进加投深介纳录"
# Characters after 入 that make it no admission: entering the country (``入关``, ``入境``).
NOT_ADMIT_AFTER_RU = "关境"
# Endings of a clinic's name, a place a case is cared at even without a hospital's ending (``X卫生站``, ``X门诊``).
CLINIC_NAME_ENDINGS = ("研究所", "研所", "卫生站", "保健所", "门诊")
# Observation words after a hospital that keep a case there (``在X医院隔离观察``, ``被X医院隔离观察``).
HOSPITAL_OBSERVATION_WORDS = ("隔离观察", "医学观察", "隔离留观")
# Words before such a hospital (``在``, ``被``, ``于``).
HOSPITAL_OBSERVATION_LEADS = ("在", "被", "于")
# Verbs of going inside a care phrase: the hospital is what follows the last one
# (``于6月9日独自骑车到辖区医院就诊``).
CARE_GOING_VERBS = ("前往", "到", "去")
# Parts of a hospital after its name that name no other facility (``X医院传染病科``, ``感染病区``).
HOSPITAL_DEPARTMENT_ENDINGS = ("科", "病区", "病房")
