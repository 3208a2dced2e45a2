"""Cue words of casegraph.extract.case_sites's rules, each tuple in the order its regex tries them."""
# case_sites.LISTING_DISTRICT_RE: words such as 新区
LISTING_DISTRICT_WORDS = ("新区", "区", "县")
# case_sites.NOT_LISTED_RE: words such as 新增 (A line with these is no address of a list.)
NOT_LISTED_WORDS = ("新增", "例")
# case_sites.LIST_RESIDENCE_RE: words such as 居住于
LIST_RESIDENCE_WORDS = ("居住于", "居住在", "现住", "住在", "现居")
# case_sites.COUNTED_SITE_RE: words such as 一
COUNTED_SITE_WORDS = ("一", "两", "二", "三", "四", "五", "六", "七", "八", "九", "十")
# case_sites.COUNTED_SITE_RE: words such as 例
COUNTED_SITE_WORDS_2 = ("例", "人", "名", "病例")
# case_sites.COUNTED_SITE_RE: words such as 均
COUNTED_SITE_WORDS_3 = ("均", "都")
# case_sites.COUNTED_SITE_RE: words such as 居住于
COUNTED_SITE_WORDS_4 = ("居住于", "居住在", "住在", "现住", "在")
# case_sites.COUNTED_SITE_RE: words such as 工作
COUNTED_SITE_WORDS_5 = ("工作", "居住")
# case_sites.SPREAD_RESIDENCE_RE: words such as 分别居住于
SPREAD_RESIDENCE_WORDS = ("分别居住于", "分别居住在")
# case_sites.NOT_LISTED_RE: words such as 通报 (A line with these is no address of a list.)
NOT_LISTED_WORDS_2 = ("通报", "信息")
