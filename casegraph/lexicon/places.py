"""Cue words of casegraph.extract.places's rules, each tuple in the order its regex tries them."""
# places.ADMIN_RE: words such as 特别行政区
ADMIN_WORDS = ("特别行政区", "自治区", "自治州", "省", "市", "新区", "区", "县", "旗", "盟")
# places.ROAD_PREFIX_RE: words such as 大街
ROAD_PREFIX_WORDS = ("大街", "大道", "路", "街")
# places.BUILDING_END_RE: words such as 大厦
BUILDING_END_WORDS = ("大厦", "广场", "中心", "座", "层", "宾馆", "酒店", "饭店", "公寓", "商场", "超市", "市场", "医院", "学校", "大学", "公司")
# places.BUILDING_END_RE: words such as 座
BUILDING_END_WORDS_2 = ("座", "层", "楼")
# places.NUMBER_UNIT_RE: words such as 号楼
NUMBER_UNIT_WORDS = ("号楼", "号院", "号", "栋", "幢", "单元", "弄", "座", "层", "室", "区")
# places.RELATIVE_HOME_RE: words such as 其 (``张村岳父家``, ``中京城奶奶家``: a relative's home at a place is the place.)
RELATIVE_HOME_WORDS = ("其", "的")
# places.RELATIVE_HOME_RE: words such as 家 (``张村岳父家``, ``中京城奶奶家``: a relative's home at a place is the place.)
RELATIVE_HOME_WORDS_2 = ("家", "处")
# places.RELATIVE_HOME_RE: words such as 中 (``张村岳父家``, ``中京城奶奶家``: a relative's home at a place is the place.)
RELATIVE_HOME_WORDS_3 = ("中", "里")
# places.DEPARTMENT_RE: only after: words such as 大楼 (``百货大楼鞋区``: a department of a store is the store.)
DEPARTMENT_AFTER = ("大楼", "商场", "超市", "市场", "广场", "商城")
# places.POSITION_LEAD_RE: words such as 小区内
POSITION_LEAD_WORDS = ("小区内", "村内", "院内", "园区内", "楼下", "老家")
# places.POSITION_END_RE: words such as 包间
POSITION_END_WORDS = ("包间", "包厢", "房间", "号桌", "号房")
# places.UNIT_OF_RE: words such as 区 (``龙津街道的锦龙社区``: ``的`` after an admin unit joins it to the place in it.)
UNIT_OF_WORDS = ("区", "县")
# places.FACILITY_NOISE_RE: words such as 要
FACILITY_NOISE_WORDS = ("要", "的", "和", "在", "到", "至", "经", "性", "例", "者", "由", "了", "设有", "正规")
# places.VEHICLE_NAME_RE: words such as 航班
VEHICLE_NAME_WORDS = ("航班", "次列车", "次")
# places.RELATIVE_HOME_RE: words such as 娘家 (``张村岳父家``, ``中京城奶奶家``: a relative's home at a place is the place.)
RELATIVE_HOME_WORDS_4 = ("娘家", "婆家", "老家")
# places.FACILITY_NOISE_RE: words such as 后
FACILITY_NOISE_WORDS_2 = ("后", "即", "被", "已", "均", "送", "转", "入", "对", "从")
