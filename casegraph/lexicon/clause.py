"""Cue words of casegraph.extract.clause's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Words without which a clause holds no place fact (``住``, ``离开``, ``隔离``, ``到``).
PLACE_FACT_CUES = ("住", "居", "至", "来", "离开", "工作", "单位", "员工", "职工", "人员", "隔离", "观察", "转", "送", "收治", "入", "院", "诊", "往", "到", "赴", "去", "抵", "达", "返", "回", "自", "从", "由", "经")
# More such words, characters of vehicles and places (``乘``, ``站``, ``店``, ``村``) and of a
# travel history (``有厦门旅行史``).
PLACE_FACT_CUES_2 = ("乘", "坐", "在", "于", "航", "次", "路", "车", "站", "场", "店", "馆", "楼", "区", "市", "省", "国", "门", "所", "点", "县", "镇", "乡", "村",
                     "史")
