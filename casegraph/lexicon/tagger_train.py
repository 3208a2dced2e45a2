"""Cue words of casegraph.extract.tagger_train's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Words in a training sentence that give a gold place the role residence (``住``, ``居``).
TRAIN_RESIDENCE_CUES = ("住", "居")
# ... the role work (``工作``, ``单位``, ``员工``).
TRAIN_WORK_CUES = ("工作", "单位", "上班", "员工")
# ... the role quarantine (``隔离``, ``观察``).
TRAIN_QUARANTINE_CUES = ("隔离", "观察")
# ... the role care (``转``, ``收治``, ``住院``).
TRAIN_CARE_CUES = ("转", "送", "收治", "入院", "住院", "治疗")
# ... the role visit (``到``, ``去``, ``就诊``).
TRAIN_VISIT_CUES = ("到", "去", "往", "在", "赴", "经", "乘", "就诊")
