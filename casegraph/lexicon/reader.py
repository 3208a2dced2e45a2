"""Cue words of casegraph.extract.reader's rules, each tuple in the order its regex tries them."""
# Copulas between a heading label and its first fact (``病例3，为…``).
AFTER_HEADING_COPULAS = ("为", "系", "是")
# The characters of a sex (``男``, ``女``).
SEX_CHARS = ("男", "女")
# Words of a trajectory header of the case just told (``具体轨迹如下：``, ``行程``).
TRAJECTORY_HEADER_WORDS = ("轨迹", "行程", "活动情况")
