"""Cue words of casegraph.extract.tagger_train's rules, each tuple in the order its regex tries them."""
# tagger_train._CUE_ROLE: words such as 单位
CUE_ROLE_WORDS = ("单位", "上班")
# tagger_train._CUE_ROLE: words such as 送
CUE_ROLE_WORDS_2 = ("送", "收治", "入院", "住院")
# tagger_train._CUE_ROLE: words such as 去
CUE_ROLE_WORDS_3 = ("去", "往", "在", "赴", "经", "乘")
