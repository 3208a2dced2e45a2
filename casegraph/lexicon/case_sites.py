"""Cue words of casegraph.extract.case_sites's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Endings of a district that heads a list of cases' sites (``雁塔区新增``, ``新区``).
LISTING_DISTRICT_ENDINGS = ("新区", "区", "县")
# Words of a line that is no address of a list, tried before a date (``新增``, ``例``).
NOT_LISTED_LEADS = ("新增", "例")
# Residence cues of a listed address (``居住于X``, ``现住``).
LIST_RESIDENCE_CUES = ("居住于", "居住在", "现住", "住在", "现居")
# Numerals of a count of cases (``两例``, ``三人``).
COUNT_NUMERALS = ("一", "两", "二", "三", "四", "五", "六", "七", "八", "九", "十")
# Units of a count of cases (``2例``, ``3人``, ``病例``).
COUNT_UNITS = ("例", "人", "名", "病例")
# Words of all of the counted cases (``均``, ``都``).
ALL_WORDS = ("均", "都")
# Residence cues after a count of cases (``2例均居住于X``, ``在``).
COUNTED_SITE_CUES = ("居住于", "居住在", "住在", "现住", "在")
# Verbs after the place of counted cases (``在X工作``, ``居住``).
COUNTED_SITE_VERBS = ("工作", "居住")
# Cues of cases living at several places (``分别居住于``).
SPREAD_RESIDENCE_CUES = ("分别居住于", "分别居住在")
# Words of a line that is no address of a list, tried after a date (``通报``, ``信息``).
NOT_LISTED_WORDS_2 = ("通报", "信息")
