"""Cue words of casegraph.extract.travel's rules, each tuple in the order its regex tries them."""
# travel.VISIT_RE: words such as 派往 (A place runs to the next visit verb (``到湖南长沙转车到深圳`` visits both).)
VISIT_WORDS_2 = ("派往", "前往", "到访", "去往", "赴", "途经", "途径", "抵达", "到达", "来到", "到", "去", "进入", "返回", "回到", "回老家", "入境", "离开", "在")
# travel.VISIT_RE: not followed by: words such as 前往 (A place runs to the next visit verb (``到湖南长沙转车到深圳`` visits both).)
VISIT_NOT_NEXT_2 = ("前往", "去往", "到达", "抵达", "返回", "回到")
# travel.LIVES_THERE_RE: words such as 长期 (``在武汉经商``: where a case lives or works, no visit (GUIDE.md: a route covers the place).)
LIVES_THERE_WORDS_3 = ("长期", "一直", "常年")
# travel.LIVES_THERE_RE: words such as 工作 (``在武汉经商``: where a case lives or works, no visit (GUIDE.md: a route covers the place).)
LIVES_THERE_WORDS_4 = ("工作", "经商", "经营", "务工", "打工", "生活", "居住", "上学", "读书", "做生意", "留学", "探亲", "旅居", "定居")
# travel.OTHERS_ROUTE_RE: words such as 返乡 (``与途经武汉返乡人员龙某聚会``: a route of the people the case met.)
OTHERS_ROUTE_WORDS_3 = ("返乡", "返回", "归来", "回来", "来")
# travel.OTHERS_ROUTE_RE: words such as 人员 (``与途经武汉返乡人员龙某聚会``: a route of the people the case met.)
OTHERS_ROUTE_WORDS_4 = ("人员", "患者", "病例")
# travel._ROUTE_FROM: not followed by: words such as 驾 (``自``/``从``/``由`` open a route (never 自驾, 自行, 由于); ROUTE_TO_RE finds where it ends.)
ROUTE_FROM_NOT_NEXT_4 = ("驾", "行", "述", "觉", "己", "费", "主", "我", "动", "愿", "身", "然")
# travel._ROUTE_FROM: not followed by: words such as 事 (``自``/``从``/``由`` open a route (never 自驾, 自行, 由于); ROUTE_TO_RE finds where it ends.)
ROUTE_FROM_NOT_NEXT_5 = ("事", "未", "不", "而", "此")
# travel._ROUTE_FROM: not followed by: words such as 于 (``自``/``从``/``由`` open a route (never 自驾, 自行, 由于); ROUTE_TO_RE finds where it ends.)
ROUTE_FROM_NOT_NEXT_6 = ("于", "社区")
# travel._ROUTE_FROM: words such as 单位 (``自``/``从``/``由`` open a route (never 自驾, 自行, 由于); ROUTE_TO_RE finds where it ends.)
ROUTE_FROM_WORDS_2 = ("单位", "工作人员")
# travel.FROM_RE: words such as 出发
FROM_WORDS_2 = ("出发", "返回", "返", "回", "抵", "来", "到", "乘", "经", "转", "飞", "坐", "前往", "去", "至", "赴", "入境")
# travel.AREA_TO_RE: words such as 回到 (``15日回绵阳``, ``自驾回淄博探亲``: a move to an area, read only where it names one.)
AREA_TO_WORDS_3 = ("回到", "返回", "回", "来", "赴", "去")
# travel.AREA_TO_RE: words such as 探亲 (``15日回绵阳``, ``自驾回淄博探亲``: a move to an area, read only where it names one.)
AREA_TO_WORDS_4 = ("探亲", "过年", "出差", "旅游", "旅行", "工作", "就诊", "务工", "治疗", "参加", "办事", "过春节", "度假")
# travel.ROUTE_TO_RE: words such as 到达
ROUTE_TO_WORDS_2 = ("到达", "抵达", "返回", "回到", "前往", "去往", "到", "至", "回", "返", "抵", "来", "去")
# travel.VIA_RE: not followed by: words such as 过
VIA_NOT_NEXT_2 = ("过", "常", "历", "营", "商", "济", "费", "理", "手")
# travel.VIA_RE: words such as 转机
VIA_WORDS_2 = ("转机", "转乘", "中转", "转", "入境", "抵", "到", "返", "回")
# travel.DATED_ROUTE_RE: words such as 凌晨 (``1月24日武汉回温州``: a dated route with no 自/从, between two areas.)
DATED_ROUTE_WORDS_3 = ("凌晨", "中午")
# travel.DATED_ROUTE_RE: words such as 返回 (``1月24日武汉回温州``: a dated route with no 自/从, between two areas.)
DATED_ROUTE_WORDS_4 = ("返回", "回到", "回", "返", "到", "至", "赴", "去")
# travel.ABBREVIATED_CITY_RE: words such as 返回 (``返淮``, ``武汉回温，``, ``抵萍后``: a city by its one-character name, at a route's end.)
ABBREVIATED_CITY_WORDS_3 = ("返回", "回到", "返", "回", "抵", "来")
# travel.ABBREVIATED_CITY_RE: words such as 后 (``返淮``, ``武汉回温，``, ``抵萍后``: a city by its one-character name, at a route's end.)
ABBREVIATED_CITY_WORDS_4 = ("后", "并", "途", "乘", "当", "就", "隔", "过", "探", "工", "务")
# travel.VEHICLE_RE: words such as 航班
VEHICLE_WORDS_2 = ("航班", "次列车", "次航班", "次高铁", "次动车", "次火车", "次", "路公交车", "路公交")
# travel.BUS_RE: words such as 公交车
BUS_WORDS_4 = ("公交车", "公交", "车")
# travel.BUS_RE: words such as 公交车
BUS_WORDS_5 = ("公交车", "公交")
# travel.BUS_RE: only after: words such as 乘坐
BUS_AFTER_2 = ("乘坐", "搭乘")
# travel.BUS_RE: words such as 快车
BUS_WORDS_6 = ("快车", "出租车", "网约车", "专车", "大巴", "客车", "公交车")
# travel.TIMED_TO_RE: words such as 先后 (``7时39分至X``, ``13:30左右至X``, ``乘坐地铁5号线至X``: after a clock time or a vehicle, 至 goes to a …)
TIMED_TO_WORDS_4 = ("先后", "再", "又", "后")
# travel.TIMED_TO_RE: words such as 公交车 (``7时39分至X``, ``13:30左右至X``, ``乘坐地铁5号线至X``: after a clock time or a vehicle, 至 goes to a …)
TIMED_TO_WORDS_5 = ("公交车", "号线", "航班", "列车")
# travel.TIMED_TO_RE: words such as 至 (``7时39分至X``, ``13:30左右至X``, ``乘坐地铁5号线至X``: after a clock time or a vehicle, 至 goes to a …)
TIMED_TO_WORDS_6 = ("至", "到")
# travel.FRAMED_VISIT_RE: words such as 派往 (``到X学习``, ``在X就餐``: a visit verb, a place, then what the case did there. (滑雪 in 万科滑雪场滑雪 …)
FRAMED_VISIT_WORDS_2 = ("派往", "前往", "去往", "来到", "到达", "抵达", "到", "去", "至", "在", "于")
# travel.FRAMED_VISIT_RE: not followed by: words such as 到 (``到X学习``, ``在X就餐``: a visit verb, a place, then what the case did there. (滑雪 in 万科滑雪场滑雪 …)
FRAMED_VISIT_NOT_NEXT_2 = ("到", "去", "至", "在", "于")
# travel.NOT_VISIT_RE: words such as 家
NOT_VISIT_WORDS_2 = ("家", "单位", "公司", "医院", "社区", "当地", "本地", "岗", "达", "位", "院")
# travel.RIDE_RE: words such as 乘坐
RIDE_WORDS_2 = ("乘坐", "搭乘", "乘", "转乘", "驾驶", "坐")
# travel.BUS_WORD_RE: words such as 公交
BUS_WORD_WORDS_2 = ("公交", "乘坐")
# travel.VISIT_LEAD_RE: words such as 了
VISIT_LEAD_WORDS_2 = ("了", "过", "在", "于", "至", "往", "到", "去", "从", "自", "由", "经")
# travel.VEHICLE_WORD_RE: words such as 航班
VEHICLE_WORD_WORDS_2 = ("航班", "列车", "高铁", "动车", "公交")
# travel.VEHICLE_IN_RE: words such as 送 (``救护车``, ``卫生院救护车送``: a vehicle with no number is no place (a 汽车站 is one).)
VEHICLE_IN_WORDS_2 = ("送", "辆")
# travel.ISOLATION_SITE_RE: words such as 县 (``转运至花垣县隔离点``: a transfer to quarantine is care's, no visit to the county.)
ISOLATION_SITE_WORDS_2 = ("县", "区", "市")
# travel.COUNTED_RE: words such as 个 (``两个服务区``, ``一家火锅店``: a count of places names none.)
COUNTED_WORDS_2 = ("个", "家", "处", "间", "座")
# travel.PLACE_LIST_RE: words such as 以下
PLACE_LIST_WORDS_5 = ("以下", "如下")
# travel.PLACE_LIST_RE: words such as 有
PLACE_LIST_WORDS_6 = ("有", "包括", "为", "如下")
# travel.PLACE_LIST_RE: words such as 轨迹
PLACE_LIST_WORDS_7 = ("轨迹", "行程")
# travel.PLACE_LIST_RE: words such as 公布
PLACE_LIST_WORDS_8 = ("公布", "发布", "通报")
# travel.LIST_DATE_RE: words such as 期间
LIST_DATE_WORDS_2 = ("期间", "以来", "前")
# travel._CLOCK: words such as 上午 (A time of day before a listed place (``8时左右``, ``12时15分至12时28分左右``, ``12:46-15:05``).)
CLOCK_WORDS_2 = ("上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚")
# travel.LIST_TIME_RE: words such as 左右
LIST_TIME_WORDS_3 = ("左右", "许")
# travel.LIST_LANDMARK_RE: words such as 楼下 (``樱花北园楼下的杨西街早市``: a position before a listed place is no part of it.)
LIST_LANDMARK_WORDS_2 = ("楼下", "附近", "对面", "旁边", "周边")
