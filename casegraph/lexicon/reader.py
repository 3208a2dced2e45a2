"""Cue words of casegraph.extract.reader's rules, each tuple in the order its regex tries them."""
# reader.AFTER_HEADING_RE: words such as 为 (What may stand between a heading label and its first fact (``病例3，为…``).)
AFTER_HEADING_WORDS = ("为", "系", "是")
# reader.SEX_CHAR_RE: words such as 男
SEX_CHAR_WORDS = ("男", "女")
# reader.TRAJECTORY_HEADER_RE: words such as 轨迹 (``具体轨迹如下：``: the trajectory of the case just told, where the text has told only one.)
TRAJECTORY_HEADER_WORDS = ("轨迹", "行程", "活动情况")
