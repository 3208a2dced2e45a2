"""Cue words of casegraph.extract.places's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Endings of an administrative unit in an address (``广东省``, ``西安市``, ``宁夏回族自治区``).
ADMIN_UNIT_ENDINGS = ("特别行政区", "自治区", "自治州", "省", "市", "新区", "区", "县", "旗", "盟")
# Road words before a street number at the start of an address (``长安大街3号院X``).
ROAD_PREFIX_WORDS = ("大街", "大道", "路", "街")
# Endings of a building, maybe with a tower or floor after them (``国贸大厦A座``, ``万达广场3层``).
BUILDING_ENDINGS = ("大厦", "广场", "中心", "座", "层", "宾馆", "酒店", "饭店", "公寓", "商场", "超市", "市场", "医院", "学校", "大学", "公司")
# A tower, floor or block after a building's name (``A座``, ``3层``, ``5楼``).
BUILDING_PART_WORDS = ("座", "层", "楼")
# Units after a number that make it part of an address (``5号楼``, ``2单元``, ``301室``).
NUMBER_UNITS = ("号楼", "号院", "号", "栋", "幢", "单元", "弄", "座", "层", "室", "区")
# Words before a relative whose home is the place (``其岳父家``, ``张村的奶奶家``).
RELATIVE_HOME_LEADS = ("其", "的")
# Home words after a relative (``岳父家``, ``朋友处``).
RELATIVE_HOME_WORDS = ("家", "处")
# Words after a home (``奶奶家中``, ``老家里``).
RELATIVE_HOME_TAILS = ("中", "里")
# Stores whose departments are no place of their own (``百货大楼鞋区``).
STORE_WORDS = ("大楼", "商场", "超市", "市场", "广场", "商城")
# Positions before a place, no part of its name (``小区内的X``, ``楼下X``).
POSITION_LEADS = ("小区内", "村内", "院内", "园区内", "楼下", "老家")
# Rooms after a number at a place's end (``8号包间``, ``3号桌``).
ROOM_WORDS = ("包间", "包厢", "房间", "号桌", "号房")
# District and road endings that ``的`` joins to a place on them (``碑林区的X社区``,
# ``鹤洞路的好又多早餐店``: the road then goes as an address does).
UNIT_OF_ENDINGS = ("区", "县", "路", "大街", "大道")
# Words a facility's name cannot hold, tried after 将 (``要``, ``的``, ``在``).
FACILITY_NOISE_WORDS = ("要", "的", "和", "在", "到", "至", "经", "性", "例", "者", "由", "了", "设有", "正规")
# Words of hospitals' names that hold 和, no conjunction (``武汉协和医院``, ``和平医院``).
HOSPITAL_NAME_WORDS_WITH_HE = ("协和", "和平", "仁和", "中和", "祥和", "永和", "太和", "和睦家")
# Units that make a code a vehicle rather than a place (``CA1234航班``, ``G123次列车``).
VEHICLE_NAME_UNITS = ("航班", "次列车", "次")
# Homes named without a relative (``娘家``, ``婆家``, ``老家``).
FAMILY_HOME_WORDS = ("娘家", "婆家", "老家")
# Words a facility's name cannot hold, tried before 将 (``后``, ``被``, ``送``).
FACILITY_NOISE_LEADS = ("后", "即", "被", "已", "均", "送", "转", "入", "对", "从")
# Characters stripped off a place's end (``X等处``, ``X附近``, ``X一带``, ``X内``).
PLACE_TRAILING_CHARS = "等处地附近周边内外一带的了"
# Words naming the bulletin's own area before a place in it (``到达我市阳朔县``): not part of its name.
OWN_AREA_LEADS = ("我市", "本市", "我县", "本县", "我区", "本区", "我省", "本省", "我州", "本州")
# Endings of a county-level unit after which 和 may open a place's name (``东城区和平里小区``).
COUNTY_UNIT_CHARS = ("区", "县", "市", "旗")
