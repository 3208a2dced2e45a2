"""Cue words of casegraph.extract.clusters's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Words of a cluster after its place (``X聚集性疫情``).
CLUSTER_NOUNS = ("聚集性疫情", "聚集疫情")
# Words of being linked to a cluster (``X相关病例``, ``关联``).
LINKED_WORDS = ("相关", "关联")
# What is linked (``相关病例``, ``关联疫情``).
LINKED_NOUNS = ("病例", "疫情")
# Words after 相关 that make it no link to a cluster (``扬州市邗江区相关负责人透露``, ``相关部门``).
NOT_LINKED_FOLLOWERS = ("负责人", "部门", "人员", "工作", "单位", "规定", "要求", "情况", "信息", "专家", "措施", "领导",
                        "知识", "政策", "场所")
# Verbs of a cluster's running count (``已连续检出``, ``累计报告``, ``共``).
CLUSTER_COUNT_VERBS = ("已连续检出", "连续检出", "累计检出", "累计报告", "累计", "共计", "共", "已检出", "检出")
# What such a count counts (``阳性``, ``感染者``, ``病例``).
CLUSTER_COUNT_NOUNS = ("阳性", "感染者", "病例")
# Units of such a count (``12例``, ``12人``).
CLUSTER_COUNT_UNITS = ("例", "人", "名")
# Verbs of a count of cases found at a site (``X已连续检出12例``).
SITE_COUNT_VERBS = ("已连续检出", "连续检出", "累计检出", "已检出")
# Words without which (and no ``N例``) a text holds no cluster, site count or case count (``聚集``, ``检出``).
CLUSTER_GATE_WORDS = ("聚集", "相关", "关联", "检出", "累计", "共计", "始发", "源头", "发源")
# Words before a cluster's place, no part of it (``一起``, ``涉及``, ``本轮``).
CLUSTER_LEAD_WORDS = ("一起", "起", "涉及", "涉", "均为", "为", "与", "系", "的", "因", "在", "是", "此次", "本轮", "主要为", "主要", "转运")
# Words that make a cluster's name no place (``家庭``, ``聚餐``).
NOT_CLUSTER_WORDS = ("家庭", "聚餐", "病例", "疫情")

# Where an outbreak started, as a bulletin names it (``崖州中心渔港是此次疫情的始发输入地``):
# the place is the outbreak's cluster site.
OUTBREAK_SOURCE_NOUNS = ("始发输入地", "始发地", "源头", "发源地", "输入地")
# The words between the place and the source noun (``是此次疫情的``).
OUTBREAK_SOURCE_LINKS = ("是", "为", "系")
# Words for the outbreak whose source is named (``此次疫情``).
OUTBREAK_WORDS = ("此次疫情", "本轮疫情", "这次疫情", "本次疫情", "疫情")
