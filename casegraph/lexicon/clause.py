"""Cue words of casegraph.extract.clause's rules, each tuple in the order its regex tries them."""
# clause.CUE_GATE_RE: words such as 住 (A clause with none of these can hold no place fact.)
CUE_GATE_WORDS = ("住", "居", "至", "来", "离开", "工作", "单位", "员工", "职工", "人员", "隔离", "观察", "转", "送", "收治", "入", "院", "诊", "往", "到", "赴", "去", "抵", "达", "返", "回", "自", "从", "由", "经")
# clause.CUE_GATE_RE: words such as 乘 (A clause with none of these can hold no place fact.)
CUE_GATE_WORDS_2 = ("乘", "坐", "在", "于", "航", "次", "路", "车", "站", "场", "店", "馆", "楼", "区", "市", "省", "国", "门", "所", "点", "县", "镇", "乡", "村")
