"""Cue words of casegraph.extract.residence's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Labels of a workplace joined to a home (``工作单位和住址均为X``).
WORK_ADDRESS_WORDS = ("工作地址", "工作单位", "单位")
# Conjunctions joining two labels (``和``, ``及``, ``与``).
AND_WORDS = ("和", "及", "与")
# Labels of a home joined to a workplace (``住址``, ``居住地``).
HOME_ADDRESS_WORDS = ("住址", "居住地址", "居住地")
# Adverbs before 在 of a workplace (``一直在X工作``, ``每天``).
WORK_AT_ADVERBS = ("均", "一直", "每天", "每日")
# People whose place of study is a school (``学生``, ``幼儿``).
STUDENT_WORDS = ("学生", "幼儿", "学童", "在读生")
# Verbs of going home (``回到X家中``, ``送回``).
HOME_RETURN_VERBS = ("回到", "返回", "回", "接至", "送至", "送回", "至", "到")
# Words of a home after its place (``X家中``, ``老家``).
HOME_WORDS = ("家中", "老家")
# People of a place who live there (``辛庄村村民``, ``东方小区居民``), after the place.
RESIDENT_WORDS = ("村民", "居民", "住户")
# Function words that, with the verbs of PLACE_STOPWORDS, make a phrase no name (``X的``, ``在``, ``和``).
NAME_BREAK_WORDS = ("的", "在", "于", "和", "与")

# Words that say a case's home or workplace is another case's (``住址同病例7``,
# ``居住地与病例6相同``).
SAME_AS_WORDS = ("同", "与")
# Verbs after ``在X`` that make X the case's home (``在东昌府区居住``, ``在武汉生活``).
LIVES_IN_VERBS = ("居住", "生活", "定居", "常住", "长住")
