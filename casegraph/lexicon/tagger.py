"""Cue words of casegraph.extract.tagger's rules."""
# One-character place endings that still make a sentence worth tagging (``X路``, ``X村``, ``X店``);
# the others (居, 里, 区, 院) stand in too many other words.
GATE_SHORT_ENDINGS = ("路", "街", "巷", "弄", "村", "庄", "屯", "苑", "园", "楼", "栋", "幢", "号", "店", "厂", "站", "馆")
