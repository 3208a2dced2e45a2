"""Cue words of casegraph.extract.counts's rules, each tuple in the order its regex tries them."""
# counts.CARE_GATE_RE: words such as 转 (A sentence with none of these tells of no care, isolation or contacts.)
CARE_GATE_WORDS = ("转", "送", "收治", "住院", "入院", "治疗", "隔离", "密切接触", "密接")
