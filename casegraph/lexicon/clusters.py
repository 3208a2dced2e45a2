"""Cue words of casegraph.extract.clusters's rules, each tuple in the order its regex tries them."""
# clusters.CLUSTER_RE: words such as 聚集性疫情
CLUSTER_WORDS = ("聚集性疫情", "聚集疫情")
# clusters.LINKED_RE: words such as 相关
LINKED_WORDS = ("相关", "关联")
# clusters.LINKED_RE: words such as 病例
LINKED_WORDS_2 = ("病例", "疫情")
# clusters.CLUSTER_COUNT_RE: words such as 已连续检出
CLUSTER_COUNT_WORDS = ("已连续检出", "连续检出", "累计检出", "累计报告", "累计", "共计", "共", "已检出", "检出")
# clusters.CLUSTER_COUNT_RE: words such as 阳性
CLUSTER_COUNT_WORDS_2 = ("阳性", "感染者", "病例")
# clusters.CLUSTER_COUNT_RE: words such as 例
CLUSTER_COUNT_WORDS_3 = ("例", "人", "名")
# clusters.SITE_COUNT_RE: words such as 已连续检出
SITE_COUNT_WORDS = ("已连续检出", "连续检出", "累计检出", "已检出")
# clusters.GATE_WORDS_RE: words such as 聚集 (Text with none of these words and no ``N例`` holds no cluster, site count or case count; …)
GATE_WORDS_WORDS = ("聚集", "相关", "关联", "检出", "累计", "共计")
# clusters.CLUSTER_LEAD_RE: words such as 一起
CLUSTER_LEAD_WORDS = ("一起", "起", "涉及", "涉", "均为", "为", "与", "系", "的", "因", "在", "是", "此次", "本轮", "主要为", "主要", "转运")
# clusters.NOT_CLUSTER_RE: words such as 家庭
NOT_CLUSTER_WORDS = ("家庭", "聚餐", "病例", "疫情")
