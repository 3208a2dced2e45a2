"""Cue words of casegraph.extract.counts's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Words without which a sentence tells of no care, isolation or contacts (``转``, ``收治``, ``密接``).
CARE_GATE_WORDS = ("转", "送", "收治", "住院", "入院", "治疗", "隔离", "密切接触", "密接")
