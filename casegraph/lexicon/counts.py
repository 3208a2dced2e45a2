"""Cue words of casegraph.extract.counts's rules, each tuple in the order its regex tries them."""
# Words without which a sentence tells of no care, isolation or contacts (``转``, ``收治``, ``密接``).
CARE_GATE_WORDS = ("转", "送", "收治", "住院", "入院", "治疗", "隔离", "密切接触", "密接")
