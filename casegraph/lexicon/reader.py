"""Cue words of casegraph.extract.reader's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# The characters of a sex (男, 女): 患者男, 32岁女性.
SEX_CHARS = ("男", "女")
# Words of a trajectory header of the case just told (``具体轨迹如下：``, ``行程``).
TRAJECTORY_HEADER_WORDS = ("轨迹", "行程", "活动情况")
# The status a label's word gives its case, first match wins (``无症状感染者3``: asymptomatic).
STATUS_LABEL_WORDS = (("无症状", "asymptomatic"), ("确诊", "confirmed"))
