"""Cue words of casegraph.extract.labels's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Units after a number that make it no label's (``3例``, ``5岁``, ``8号``).
NOT_LABEL_NUMBER_UNITS = ("例", "人", "名", "岁", "月", "日", "号", "个")
# Label words before a surname form (``患者林某``, ``病例``).
SURNAME_LABEL_LEADS = ("患者", "病例")
# Words after an ordinal label that keep it a label (``病例一为``, ``患者二男``).
ORDINAL_LABEL_FOLLOWERS = ("为", "系", "是", "男", "女")
# Label words after 第N例 (``第3例病例``, ``第5例确诊病例``).
NTH_CASE_LABEL_WORDS = ("患者", "病例", "确诊病例")
# Verbs of publishing after an earlier bulletin's date (``1月5日通报的病例3``).
EARLIER_BULLETIN_VERBS = ("发布", "公布", "通报", "报告")
# Words that join labels of one group (``病例1和病例2``, ``感染者238至245``).
LABEL_JOINERS = ("和", "及", "与", "至", "到")
# Units after a number that end such a group (``3例``, ``5岁``).
NOT_JOINED_UNITS = ("例", "人", "名", "岁", "月", "日", "号")
# Characters that end a surname form with no given name after it (``王某是``, ``李某男``, ``张某与``).
SURNAME_FORM_END_CHARS = "男女是系为的与和及等"
# What joins two numbers of a range of labels (``感染者238至245``, ``病例1—24``).
LABEL_RANGE_WORDS = ("至", "到", "—", "–", "-", "~", "～")
