"""Cue words of casegraph.extract.travel's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Verbs a visited place follows (``前往X``, ``到访X``, ``在X``).
VISIT_VERBS = ("派往", "前往", "到访", "去往", "赴", "途经", "途径", "抵达", "到达", "来到", "到", "去", "进入", "返回", "回到", "回老家", "入境", "离开", "在")
# Visit verbs that end a visited place: the next one starts after them (``到湖南长沙转车到深圳``).
VISIT_PLACE_ENDERS = ("前往", "去往", "到达", "抵达", "返回", "回到")
# Adverbs of a lasting stay before 在 (``长期在武汉经商``).
LIVES_THERE_LEADS = ("长期", "一直", "常年")
# What a case does where it lives or works, no visit (``在武汉经商``, ``在深圳务工``).
LIVES_THERE_VERBS = ("工作", "经商", "经营", "务工", "打工", "生活", "居住", "上学", "读书", "做生意", "留学", "探亲", "旅居", "定居")
# Return verbs of someone else's route (``与途经武汉返乡人员龙某聚会``).
OTHERS_RETURN_VERBS = ("返乡", "返回", "归来", "回来", "来")
# The people such a route describes (``返乡人员``, ``回来患者``).
OTHERS_ROUTE_PEOPLE = ("人员", "患者", "病例")
# Characters after 自 that open no route (自驾, 自行, 自述, 自感发热, 自测体温).
NOT_ROUTE_AFTER_ZI = ("驾", "行", "述", "觉", "己", "费", "主", "我", "动", "愿", "身", "然", "感", "测", "诉",
                      "查", "治", "家")  # (自治区, 自治州, 自家小区)
# Characters after 从 that open no route (从事, 从未, 从而).
NOT_ROUTE_AFTER_CONG = ("事", "未", "不", "而", "此")
# Words after 由 that open no route (由于, 由社区), tried before 由120.
NOT_ROUTE_AFTER_YOU = ("于", "社区")
# More words after 由 that open no route, tried after 由120 (由单位, 由工作人员).
NOT_ROUTE_AFTER_YOU_2 = ("单位", "工作人员")
# Verbs that end a route's starting place (``自武汉出发``, ``从北京返回``, ``由上海飞``).
ROUTE_FROM_ENDERS = ("出发", "返回", "返", "回", "抵", "来", "到", "乘", "经", "转", "飞", "坐", "前往", "去", "至", "赴", "入境",
                     "上高速", "驶入", "途经", "途径", "搭乘", "搭")
# Verbs of a move to an area (``15日回绵阳``, ``赴北京``).
AREA_TO_VERBS = ("回到", "返回", "回", "来", "赴", "去")
# What a case moved to an area for, right after its name (``自驾回淄博探亲``).
AREA_TO_PURPOSES = ("探亲", "过年", "出差", "旅游", "旅行", "工作", "就诊", "务工", "治疗", "参加", "办事", "过春节", "度假")
# Verbs before a route's destination (``自武汉到达长沙``, ``从北京回``).
ROUTE_TO_VERBS = ("到达", "抵达", "返回", "回到", "前往", "去往", "到", "至", "回", "返", "抵", "来", "去")
# Characters and words after 经 that make no stop on a route (经过, 经常, 经营, 经济,
# 经闭环管理送至, 经核酸检测).
NOT_VIA_AFTER_JING = ("过", "常", "历", "营", "商", "济", "费", "理", "手", "闭环", "专人", "专车", "核酸", "检测", "流调", "排查", "调查")
# Verbs that end a stop on a route (``经武汉转机``, ``经上海入境``).
VIA_ENDERS = ("转机", "转乘", "中转", "转", "入境", "抵", "到", "返", "回", "至", "去", "前往")
# Parts of a day after the date of a dated route (``24日凌晨武汉回温州``).
DATED_ROUTE_DAY_PARTS = ("凌晨", "中午")
# Verbs between the two areas of a dated route (``1月24日武汉回温州``).
DATED_ROUTE_VERBS = ("返回", "回到", "回", "返", "到", "至", "赴", "去")
# Verbs before a city named by one character (``返淮``, ``抵萍``).
CITY_ABBREVIATION_VERBS = ("返回", "回到", "返", "回", "抵", "来")
# Characters that may follow such a name (``抵萍后``, ``返淮并``, ``回温探亲``).
CITY_ABBREVIATION_FOLLOWERS = ("后", "并", "途", "乘", "当", "就", "隔", "过", "探", "工", "务")
# Units after a flight, train or bus code (``CA1234航班``, ``G123次列车``, ``5路公交``).
VEHICLE_UNITS = ("航班", "次列车", "次航班", "次高铁", "次动车", "次火车", "次", "路公交车", "路公交")
# Vehicle words after a bus route's 路 and plate (``东1路公交车``).
BUS_UNITS_AFTER_ROUTE = ("公交车", "公交", "车")
# Vehicle words right after a bus route's number (``816公交车``).
BUS_UNITS = ("公交车", "公交")
# Verbs before a car named by its plate (``乘坐苏HX518A快车``).
PLATE_RIDE_VERBS = ("乘坐", "搭乘")
# Cars named by their plate (``苏HX518A快车``, ``出租车``).
PLATED_VEHICLES = ("快车", "出租车", "网约车", "专车", "大巴", "客车", "公交车")
# Order words at a clause's start before 至/到 (``后至X``, ``再到X``).
TIMED_TO_LEADS = ("先后", "再", "又", "后")
# Vehicles before 至/到 (``乘坐地铁5号线至X``).
TIMED_TO_VEHICLES = ("公交车", "号线", "航班", "列车")
# The 至/到 of a timed move (``7时39分至X``).
TIMED_TO_VERBS = ("至", "到")
# Verbs before a place followed by what the case did there (``到X学习``, ``在X就餐``).
FRAMED_VISIT_VERBS = ("派往", "前往", "去往", "来到", "到达", "抵达", "到", "去", "至", "在", "于")
# Verbs a framed place cannot hold (``到X到Y就餐`` frames Y only).
FRAMED_VISIT_ENDERS = ("到", "去", "至", "在", "于")
# Starts of a phrase after a visit verb that make it no visited place (``回家``, ``到单位``, ``到达``).
NOT_VISIT_STARTS = ("家", "单位", "公司", "医院", "社区", "当地", "本地", "岗", "达", "位", "院")
# Verbs of riding a vehicle (``乘坐``, ``搭乘``, ``驾驶``).
RIDE_VERBS = ("乘坐", "搭乘", "乘", "转乘", "驾驶", "坐")
# Words that make a number with 路 a bus route (``乘坐``, ``公交``).
BUS_CUE_WORDS = ("公交", "乘坐")
# Particles and verbs at the start of a visited phrase that are no part of the place (``了``, ``过``, ``至``).
VISIT_LEAD_PARTICLES = ("了", "过", "在", "于", "至", "往", "到", "去", "从", "自", "由", "经")
# Kinds of vehicle (``航班``, ``列车``, ``高铁``).
VEHICLE_KIND_WORDS = ("航班", "列车", "高铁", "动车", "公交")
# What may follow 车 at the end of a vehicle with no number (``救护车送``, ``车辆``).
VEHICLE_TAIL_WORDS = ("送", "辆")
# Units before 隔离 in a transfer to quarantine (``转运至花垣县隔离点``).
ISOLATION_SITE_UNITS = ("县", "区", "市")
# Measure words of a count of places (``两个服务区``, ``一家火锅店``).
PLACE_MEASURE_WORDS = ("个", "家", "处", "间", "座")
# Words of a list that follows (``以下场所``, ``如下点位``).
LIST_BELOW_WORDS = ("以下", "如下")
# Verbs that open a list of places (``涉及场所有``, ``包括``).
LIST_INTRO_VERBS = ("有", "包括", "为", "如下")
# A route's words before a published list (``行程轨迹公布如下：``).
TRAJECTORY_WORDS = ("轨迹", "行程")
# Verbs of publishing a list (``公布如下``, ``通报如下``).
PUBLISH_VERBS = ("公布", "发布", "通报")
# Words after a listed date (``1月5日以来``, ``期间``).
LIST_DATE_ENDINGS = ("期间", "以来", "前")
# Parts of a day before a clock time of a listed place (``上午8时``).
LIST_DAY_PARTS = ("上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚")
# Words of an approximate time (``8时左右``, ``12时许``).
ABOUT_WORDS = ("左右", "许")
# Position words before a listed place, no part of it (``樱花北园楼下的杨西街早市``).
LIST_LANDMARK_WORDS = ("楼下", "附近", "对面", "旁边", "周边")
# The provinces' characters that open a car's plate (``苏HX518A``, ``京A12345``).
PLATE_PROVINCE_CHARS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# Characters before a bus route's number (``东1路``, ``夜8路``, ``快3路``).
BUS_ROUTE_PREFIX_CHARS = "东西南北环夜快专"
# Place endings after an activity word that make it part of the place (滑雪 in ``万科滑雪场滑雪``).
PLACE_END_CHARS = "场馆店城室班厅院园楼中点"
# Last characters of a ride before 至/到 (``开车至``, ``下机到``, ``坐船至``, ``自驾至``).
RIDE_END_CHARS = "车机船铁驾"
# Pronouns that open a place named by a pronoun or left unnamed (``该院``, ``本村``, ``某乡镇``).
UNNAMED_PLACE_LEADS = ("该", "本", "某", "其", "此")
# People in a visit phrase besides kin and friends: whoever took the case, or the case itself (``送其``, ``本人``, ``自己``).
ESCORT_WORDS = ("送其", "带其", "接其", "陪其", "本人", "自己")

# Words before a station in a ride's bracket that are no part of its name
# (``前往台州(高铁宁波南站,D2281)`` gives 宁波南站).
STATION_LEADS = ("高铁", "火车", "动车", "城铁")
# Words that make a clause a ride, whose bracket may name a station and a train
# (``乘坐动车前往台州(…)``, ``返回宁波(G344)``).
RIDE_CLAUSE_CUES = ("乘坐", "搭乘", "动车", "高铁", "火车", "列车", "航班", "飞机", "前往", "返回", "抵达", "到达")

# Getting off or on at a station that opens a clause (``郑州东站下车后乘出租车回家``).
STATION_ALIGHT_WORDS = ("下车", "上车", "换乘", "出站", "进站")
# A stay somewhere told as a history (``有厦门旅居史``, ``有武汉旅行史``): the place was visited.
TRAVEL_HISTORY_WORDS = ("旅居史", "旅行史", "旅游史", "居住史", "出差史", "行程史")
# Words right before 有 of such a history that deny it (``无武汉旅居史``, ``否认有``, ``没有``).
NO_HISTORY_WORDS = ("无", "否认", "未", "没")
# Areas a travel history names no place by (``有境外旅居史``, ``外省``, ``疫区``).
VAGUE_AREAS = ("境外", "国外", "外省", "省外", "外地", "外市", "市外", "疫区", "中高风险地区", "高风险地区")
# Endings of a named nucleic-acid testing site a case went to (``虹桥核酸采样点``): a location of
# kind ``test_site`` (GUIDE's gold names them), where the words before name it.
TEST_SITE_ENDINGS = ("核酸采样点", "核酸采集点", "核酸检测点", "采样点", "采集点", "检测点")
# Words before such an ending that name no site (``社区核酸采样点``, ``临时``, ``附近``).
UNNAMED_TEST_SITE_LEADS = ("社区", "小区", "村", "临时", "附近", "当地", "就近", "各", "该", "某", "指定", "单位")
