"""Cue words of casegraph.extract.tagger's rules (re-exported by casegraph.lexicon)."""
# One-character place endings that still make a sentence worth tagging (``X路``, ``X村``, ``X店``);
# the others (居, 里, 区, 院) stand in too many other words.
GATE_SHORT_ENDINGS = ("路", "街", "巷", "弄", "村", "庄", "屯", "苑", "园", "楼", "栋", "幢", "号", "店", "厂", "站", "馆")
# More words that tell a place's role when printed before or after it, beside the cue lists (``住``, ``集中隔离``, ``出发``).
TAGGER_ROLE_CUES = ("住", "居住", "隔离", "集中隔离", "医学观察", "入院", "住院", "返回", "自", "从", "由", "至",
                    "出发", "就餐", "购物", "上班", "工作")
