"""Cue words of casegraph.extract.attributes's rules, each tuple in the order its regex tries them."""
# attributes.SEX_RE: words such as 患者
SEX_WORDS = ("患者", "病例")
# attributes.SEX_RE: words such as 男
SEX_WORDS_2 = ("男", "女")
# attributes.SEX_RE: words such as 性
SEX_WORDS_3 = ("性", "子", "童", "孩")
# attributes.KIN_OF_RE: words such as 是 (``是病例1的妻子``: the subject is the kin of another, which fixes the subject's sex.)
KIN_OF_WORDS = ("是", "系", "为")
# attributes.SEVERITY_RE: words such as 为 (A clinical type said of the subject (``（轻型）``, ``为普通型``, ``属重症病例``), not a tally …)
SEVERITY_WORDS_2 = ("为", "属")
# attributes.SEVERITY_RE: words such as 新冠肺炎 (A clinical type said of the subject (``（轻型）``, ``为普通型``, ``属重症病例``), not a tally …)
SEVERITY_WORDS_3 = ("新冠肺炎", "新型冠状病毒肺炎")
# attributes.SEVERITY_RE: words such as 病例 (A clinical type said of the subject (``（轻型）``, ``为普通型``, ``属重症病例``), not a tally …)
SEVERITY_WORDS_4 = ("病例", "患者")
# attributes.CONFIRMED_RE: words such as 诊断为
CONFIRMED_WORDS = ("诊断为", "确诊为", "确认为", "订正为", "转为", "判定为")
# attributes.CONFIRMED_RE: words such as 确诊病例
CONFIRMED_WORDS_2 = ("确诊病例", "确诊")
# attributes.CONFIRMED_RE: words such as 诊断为
CONFIRMED_WORDS_3 = ("诊断为", "确诊为", "确认为", "确定为")
# attributes.CONFIRMED_RE: words such as 新型冠状病毒
CONFIRMED_WORDS_4 = ("新型冠状病毒", "新冠病毒")
# attributes.CONFIRMED_RE: words such as 诊断为
CONFIRMED_WORDS_5 = ("诊断为", "确诊为")
# attributes.CONFIRMED_RE: words such as 轻症
CONFIRMED_WORDS_6 = ("轻症", "轻型", "普通型", "重症", "重型", "危重型")
# attributes.CONFIRMED_RE: words such as 是
CONFIRMED_WORDS_7 = ("是", "为", "系")
# attributes.ASYMPTOMATIC_RE: words such as 诊断为
ASYMPTOMATIC_WORDS = ("诊断为", "判定为", "确认为", "为")
# attributes.DIAGNOSIS_RE: words such as 诊断为
DIAGNOSIS_WORDS = ("诊断为", "确诊为", "确认为", "订正为", "判定为", "诊断", "确诊")
# attributes.DIAGNOSIS_RE: not followed by: words such as 病例的
DIAGNOSIS_NOT_NEXT = ("病例的", "患者的", "病例密切")
# attributes.NOT_OWN_DIAGNOSIS_RE: words such as 确诊病例的
NOT_OWN_DIAGNOSIS_WORDS = ("确诊病例的", "确诊患者的", "与确诊", "接触")
# attributes.OTHER_DIAGNOSED_RE: words such as 被 (``因外孙被确诊``: someone else's diagnosis.)
OTHER_DIAGNOSED_WORDS = ("被", "已", "也")
# attributes.OTHER_DIAGNOSED_RE: words such as 确诊 (``因外孙被确诊``: someone else's diagnosis.)
OTHER_DIAGNOSED_WORDS_2 = ("确诊", "诊断")
# attributes.ONSET_RE: words such as 出现
ONSET_WORDS = ("出现", "发病", "发热", "咳嗽", "症状", "不适", "乏力", "咽痛", "咽干", "头痛", "畏寒", "腹泻", "肌肉酸痛", "流涕", "嗅觉")
# attributes.NO_ONSET_RE: words such as 无不适
NO_ONSET_WORDS = ("无不适", "未发热", "体温正常")
# attributes.ATTRIBUTE_GATE_RE: words such as 男 (A clause with none of these says nothing of the case itself.)
ATTRIBUTE_GATE_WORDS = ("男", "女", "岁", "的", "型", "重症", "诊", "确", "阳", "症", "热", "咳", "痛", "咽", "出现", "发病", "不适", "乏力", "无症状", "畏寒", "腹泻", "流涕", "嗅觉", "味觉")
# attributes.CONFIRMED_RE: words such as 午
CONFIRMED_WORDS_8 = ("午", "晚", "当日", "当天", "次日", "被", "已")
# attributes.NO_ONSET_RE: words such as 无症状
NO_ONSET_WORDS_2 = ("无症状", "未出现", "无发热", "未见")
