"""Cue words of casegraph.extract.attributes's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Endings of a sex word (``男性``, ``女子``, ``男童``, ``女孩``).
SEX_WORD_ENDINGS = ("性", "子", "童", "孩")
# Copulas before the kin of another (``是病例1的妻子``, ``系``).
KIN_OF_COPULAS = ("是", "系", "为")
# Copulas before a clinical type (``为普通型``, ``属重症``).
SEVERITY_COPULAS = ("为", "属")
# The disease's name before a clinical type (``新冠肺炎普通型``).
COVID_PNEUMONIA_WORDS = ("新冠肺炎", "新型冠状病毒肺炎")
# Case words after a clinical type (``重症病例``, ``患者``).
SEVERITY_CASE_WORDS = ("病例", "患者")
# Verbs of a diagnosis as a confirmed case (``诊断为确诊病例``, ``订正为``).
CONFIRMED_VERBS = ("诊断为", "确诊为", "确认为", "订正为", "转为", "判定为", "属于", "属")
# What such a diagnosis makes the case (``确诊病例``, ``确诊``).
CONFIRMED_NOUNS = ("确诊病例", "确诊")
# Verbs of a 2020 diagnosis of the pneumonia (``确定为新型冠状病毒感染的肺炎``).
PNEUMONIA_DIAGNOSIS_VERBS = ("诊断为", "确诊为", "确认为", "确定为")
# The virus's name in such a diagnosis (``新型冠状病毒``, ``新冠病毒``).
CORONAVIRUS_WORDS = ("新型冠状病毒", "新冠病毒")
# Verbs of a diagnosis with a clinical type (``诊断为轻型病例``).
TYPED_DIAGNOSIS_VERBS = ("诊断为", "确诊为")
# Clinical types of such a diagnosis (``轻型``, ``普通型``, ``危重型``).
CONFIRMED_TYPES = ("轻症", "轻型", "普通型", "重症", "重型", "危重型")
# Copulas before the bulletin's Nth confirmed case (``是扬州报告的第二例确诊病例``).
NTH_CONFIRMED_COPULAS = ("是", "为", "系")
# Verbs of a diagnosis as asymptomatic (``诊断为无症状感染者``, ``判定为``).
ASYMPTOMATIC_VERBS = ("诊断为", "判定为", "确认为", "为")
# Verbs of a diagnosis (``诊断为``, ``确诊``).
DIAGNOSIS_VERBS = ("诊断为", "确诊为", "确认为", "订正为", "判定为", "诊断", "确诊")
# A case's category, no event of diagnosis (``属确诊病例``): it gives the status, not a date.
CATEGORY_COPULAS = ("属于", "属")
# Words after such a verb that make it someone else's diagnosis (``确诊病例的``).
NOT_DIAGNOSIS_FOLLOWERS = ("病例的", "患者的", "病例密切")
# Words of another's diagnosis (``确诊病例的``, ``与确诊``, ``接触``).
NOT_OWN_DIAGNOSIS_WORDS = ("确诊病例的", "确诊患者的", "与确诊", "接触")
# Adverbs between a relative and a diagnosis (``因外孙被确诊``, ``已``).
OTHER_DIAGNOSED_ADVERBS = ("被", "已", "也")
# Verbs of a relative's diagnosis (``确诊``, ``诊断``).
OTHER_DIAGNOSED_VERBS = ("确诊", "诊断")
# Symptoms and words of an onset (``出现``, ``发热``, ``咳嗽``).
ONSET_WORDS = ("出现", "发病", "发热", "咳嗽", "症状", "不适", "乏力", "咽痛", "咽干", "头痛", "畏寒", "腹泻", "肌肉酸痛", "流涕", "嗅觉")
# Names that hold an onset word and tell no symptom (``发热门诊``, a clinic visited).
NOT_ONSET_NAMES = ("发热门诊", "发热诊室", "发热哨点")
# More words of no symptoms, tried after 无明显 (``无不适``, ``体温正常``).
NO_SYMPTOM_WORDS_2 = ("无不适", "未发热", "体温正常")
# Words without which a clause says nothing of the case itself (``男``, ``岁``, ``确``, ``发病``).
ATTRIBUTE_GATE_WORDS = ("男", "女", "岁", "的", "型", "重症", "诊", "确", "阳", "症", "热", "咳", "痛", "咽", "出现", "发病", "不适", "乏力", "无症状", "畏寒", "腹泻", "流涕", "嗅觉", "味觉")
# Times and adverbs before a clause-final 确诊 (``下午确诊``, ``被确诊``, ``当日``).
CONFIRMED_TIME_WORDS = ("午", "晚", "当日", "当天", "次日", "被", "已")
# Words of no symptoms, tried before 无明显 (``无症状``, ``未出现``).
NO_SYMPTOM_WORDS = ("无症状", "未出现", "无发热", "未见")
