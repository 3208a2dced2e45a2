"""Cue words of casegraph.extract.residence's rules, each tuple in the order its regex tries them."""
# residence.EMPLOYEE_RE: words such as 为
EMPLOYEE_WORDS = ("为", "系", "是")
# residence.HOME_AND_WORK_RE: words such as 工作地址 (``工作地址和现住址：X``: one field for both.)
HOME_AND_WORK_WORDS = ("工作地址", "工作单位", "单位")
# residence.HOME_AND_WORK_RE: words such as 和 (``工作地址和现住址：X``: one field for both.)
HOME_AND_WORK_WORDS_2 = ("和", "及", "与")
# residence.HOME_AND_WORK_RE: words such as 住址 (``工作地址和现住址：X``: one field for both.)
HOME_AND_WORK_WORDS_3 = ("住址", "居住地址", "居住地")
# residence.WORK_AT_RE: words such as 均
WORK_AT_WORDS = ("均", "一直", "每天", "每日")
# residence.STUDENT_RE: words such as 学生 (``东城区分司厅小学四年级学生``: a pupil's school, a works_at place of kind school.)
STUDENT_WORDS = ("学生", "幼儿", "学童", "在读生")
# residence.HOME_AT_RE: words such as 回到 (``接至X村家中``, ``返回X小区家中``: the home the case was taken back to.)
HOME_AT_WORDS = ("回到", "返回", "回", "接至", "送至", "送回", "至", "到")
# residence.HOME_AT_RE: words such as 家中 (``接至X村家中``, ``返回X小区家中``: the home the case was taken back to.)
HOME_AT_WORDS_2 = ("家中", "老家")
