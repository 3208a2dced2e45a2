"""Domain knowledge of Chinese epidemic bulletins, in one place.

Every word list the extractor relies on lives here (or in the data files beside this
module), so that a reader can see and extend what casegraph knows without reading the
rules. The tables are plain data: tuples of strings, small dicts. Regular expressions are
compiled from them once, at import. The words of one extract module's rules live in a module of
the same name here (casegraph/lexicon/travel.py for casegraph/extract/travel.py), re-exported
from this package: ``from casegraph import lexicon as lx; lx.VISIT_VERBS``.
"""
from __future__ import annotations

import re

# --- case labels ---------------------------------------------------------------------------
# Words that, followed by a number, label one infected person: 感染者128, 本土确诊病例7.
LABEL_PREFIXES = ("本土", "本地", "境外输入性", "境外输入", "输入性", "输入", "新增", "外省")
LABEL_WORDS = ("确诊病例", "无症状感染者", "阳性感染者", "阳性人员", "感染者", "病例", "确诊患者", "患者", "无症状",
               "个案", "阳性病例")
# Words after a numbered 号 (8号病例, 确诊3号病例, 3号无症状感染者).
NUMBERED_LABEL_WORDS = ("确诊病例", "无症状感染者", "感染者", "病例", "患者")
NUMBERED_LABEL_LEADS = ("确诊", "无症状")
# Verbs that report new cases (``新增1例``, ``发现1例…阳性感染者``, ``报告1例``).
NEW_CASE_VERBS = ("新增报告", "新增", "发现", "报告", "检出", "确诊")
# Words that make a reported count something other than new cases (出院, 疑似).
NOT_NEW_CASE_WORDS = ("出院", "治愈", "死亡", "疑似", "密切", "密接", "排除", "解除", "重症", "危重")
# Words for an infected person without a number; before ``：`` at a line's start they head
# an unlabeled case (``境外输入确诊病例：中国籍，…``, ``确诊病例行程轨迹：…``).
CASE_CATEGORY_WORDS = ("确诊病例", "无症状感染者", "阳性感染者", "确诊患者", "感染者", "患者", "病例",
                       "核酸检测阳性者", "阳性者")
# What may follow such a word before the colon.
CASE_CATEGORY_TAILS = ("行程轨迹", "活动轨迹", "轨迹", "基本情况", "情况", "信息")
# Surnames that, followed by 某 or 某某, label a person (患者林某, 王某某).
SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阎"
    "乐练冼揭阚楚丘粟宿井庹冀郜晋蔺候鄢危谈戈")
# Characters that end a surname form rather than give its third character (李某于1月…,
# 于某日在…): function words, sex, time and measure words.
NOT_GIVEN_NAME_CHARS = "于在的是系为男女与及和同共自从乘等曾因均已到去回住家将被对经由向日月时天地处些种个位名年号人"
# Words a surname form may follow in running text (老太毛某宁, 其姐姐毛某亚, 与李某同住):
# people nouns; after any other Chinese character 王某 is no label (对应某…).
PERSON_NOUNS = ("患者", "病例", "感染者", "死者", "病人", "患儿", "老太", "老人", "老汉", "男子", "女子", "男孩", "女孩",
                "男童", "女童", "村民", "居民", "市民", "司机", "学生", "教师", "女士", "先生", "大爷",
                "大妈", "阿姨", "员工", "人员", "对象")
SURNAME_JOINERS = ("与", "和", "及", "同", "、", "是", "为", "系")
# "某男", "某女" stand before sex in Beijing 2021 bulletins.
SURNAME_MARK = "某"
NUMBER_CHARS = "0123456789０１２３４５６７８９"

# --- statuses and clinical types ----------------------------------------------------------
STATUS_WORDS = {"无症状感染者": "asymptomatic", "无症状": "asymptomatic",
                "确诊病例": "confirmed", "确诊": "confirmed"}
SEVERITY_WORDS = {"轻型": "mild", "轻症": "mild", "普通型": "moderate", "重型": "severe", "重症": "severe",
                  "危重型": "critical", "危重症": "critical"}

# --- administrative units -----------------------------------------------------------------
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏",
             "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南",
             "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
             "宁夏", "新疆", "香港", "澳门")
# Suffixes of county-level units (a case's `district`).
COUNTY_SUFFIXES = ("新区", "区", "县", "旗", "市")
# Development zones that bulletins treat as districts (西安高新区, 国际港务区, 曲江新区); real
# provinces, cities and counties come from the national table in casegraph.lexicon.gazetteer.
ZONE_SUFFIXES = ("新区", "高新区", "港务区", "生态区", "文旅区", "经开区", "航空港区", "综合试验区")
# Characters that, right after 市/区/县, show it was no admin unit (市场, 区域, 县城).
ADMIN_FALSE_FOLLOWERS = ("场", "民", "域", "政", "级", "内", "委", "属", "直", "城")
# Sub-county units that prefix an address and are stripped from a place's name.
SUBCOUNTY_SUFFIXES = ("街道办事处", "街道", "镇", "乡")
# The parts of a compound (幸福小区东区5号楼, 花园A区); the merge's place keys skip them too.
DIRECTION_DISTRICT_ENDINGS = ("东区", "西区", "南区", "北区")
COMPOUND_PART_ENDINGS = DIRECTION_DISTRICT_ENDINGS + (
    "A区", "B区", "C区", "D区", "一区", "二区", "三区", "四区", "五区", "六区", "七区", "八区", "九区")
# Words ending in 区 that are places, not districts.
NOT_DISTRICT_ENDINGS = ("社区", "小区", "园区", "校区", "街区", "景区", "厂区", "矿区", "营区",
                        "片区", "住宅区", "生活区", "家属区", "开发区", "院区", "服务区", "商业区",
                        "工业区", "保税区", "封控区", "管控区", "防范区", "风险区", "中风险区",
                        "高风险区", "老城区", "主城区", "中心城区", "辖区", "全区", "本区", "该区",
                        "市区", "郊区", "地区", "专区", "灾区", "疫区") + COMPOUND_PART_ENDINGS


def is_real_direction_district(unit: str) -> bool:
    """A real district that ends like the part of a compound (天津's 河东区 and 河西区, 西宁's
    城东区), unlike 幸福小区东区."""
    from casegraph.lexicon import gazetteer

    return unit.endswith(DIRECTION_DISTRICT_ENDINGS) and gazetteer.is_admin_unit(unit)

# --- places ---------------------------------------------------------------------------------
# Endings that make a string a place a case lives in, works at or visits.
PLACE_SUFFIXES = (
    "号楼", "号院", "号", "楼", "栋", "幢", "单元", "室", "层", "座", "弄", "院", "小区", "社区",
    "家园", "花园", "公寓", "苑", "园", "里", "村", "庄", "屯", "组", "大厦", "广场", "中心",
    "市场", "超市", "商场", "宾馆", "酒店", "饭店", "餐厅", "饭馆", "酒楼", "酒吧", "浴池", "店",
    "公司", "工厂", "厂", "学校", "小学", "中学", "大学", "学院", "幼儿园", "车站", "火车站",
    "高铁站", "站", "机场", "国际机场", "码头", "渔港", "渔市", "站点", "网点", "口岸", "海关", "寺", "寺院", "教堂", "大街", "街",
    "路", "道", "巷", "胡同", "城", "府", "湾", "邸", "居", "舍", "区", "基地", "分公司", "集团",
    "银行", "网吧", "影院", "电影院", "KTV", "健身房", "俱乐部", "会所", "球馆", "体育馆",
    "图书馆", "博物馆", "菜市场", "批发市场", "农贸市场", "商城", "购物中心", "医院", "诊所",
    "公馆", "华府", "名苑", "家属院", "宿舍", "新村", "山庄", "别墅", "冷库", "仓库", "物流园",
    "药房", "药店", "馆", "卖场", "商行", "商都", "补习班", "托管班", "培训班", "辅导班", "培训机构",
    "滑雪场", "浴场", "洗浴中心", "足浴城", "游泳馆", "公园", "集市", "菜场", "食堂", "茶室", "茶楼",
    "农场", "分场", "林场", "牧场", "渔场",
    "书店", "工地", "加油站", "物流园", "产业园", "菜店", "车行", "检疫点", "检查站", "服务区", "收费站",
)
# Kinds of place by ending, first match wins (a label users can filter on).
PLACE_KINDS = (
    ("号楼", "building"), ("栋", "building"), ("幢", "building"), ("单元", "building"),
    ("号院", "compound"), ("小区", "compound"), ("家园", "compound"), ("花园", "compound"),
    ("公寓", "compound"), ("苑", "compound"), ("社区", "community"), ("村", "village"),
    ("大厦", "office"), ("广场", "office"), ("公司", "office"), ("中心", "office"),
    ("市场", "market"), ("超市", "market"), ("商场", "mall"), ("商城", "mall"),
    ("宾馆", "hotel"), ("酒店", "hotel"), ("饭店", "restaurant"), ("餐厅", "restaurant"),
    ("酒吧", "bar"), ("学校", "school"), ("小学", "school"), ("中学", "school"),
    ("大学", "school"), ("幼儿园", "school"), ("机场", "airport"), ("火车站", "station"),
    ("高铁站", "station"), ("站", "station"), ("海关", "port"), ("口岸", "port"),
    ("码头", "port"), ("航班", "vehicle"), ("次列车", "vehicle"), ("路公交", "vehicle"),
    ("街道", "street"), ("街", "street"), ("路", "street"), ("弄", "street"),
    ("寺", "temple"), ("寺院", "temple"), ("医院", "hospital"), ("卫生院", "hospital"),
    ("诊所", "clinic"),
)
# How the merge keys a place within a city (casegraph.merge.place_key), beyond dropping
# administrative units:
# - endings that are one place under two spellings: 浦东国际机场 is 浦东机场;
PLACE_KEY_ENDINGS = (("国际机场", "机场"),)
# - endings of a residential compound or community. A compound printed before a street
#   address is dropped (世博家园大道站路94弄 is 大道站路94弄), and a district's short name
#   (海淀 for 海淀区) is taken as the district only before a name with one of these endings
#   (海淀友谊社区 is 友谊社区 in 海淀区; 长安国际酒店 keeps its name);
RESIDENTIAL_ENDINGS = ("小区", "社区", "家园", "花园", "公寓", "新村", "苑", "村", "号楼", "号院")
# - road words of a street address (a road, then a number: 大道站路94弄, 昌里路100号).
ROAD_WORDS = ("大道", "大街", "胡同", "路", "街", "巷")
# Place names that are countries, regions or cities rather than addresses.
COUNTRIES = (
    "中国", "美国", "英国", "法国", "德国", "意大利", "西班牙", "葡萄牙", "荷兰", "比利时", "瑞士",
    "奥地利", "瑞典", "挪威", "芬兰", "丹麦", "冰岛", "爱尔兰", "波兰", "捷克", "匈牙利", "希腊",
    "土耳其", "俄罗斯", "乌克兰", "白俄罗斯", "日本", "韩国", "朝鲜", "蒙古", "泰国", "越南", "老挝",
    "柬埔寨", "缅甸", "马来西亚", "新加坡", "印度尼西亚", "印尼", "菲律宾", "印度", "巴基斯坦",
    "孟加拉国", "尼泊尔", "斯里兰卡", "伊朗", "伊拉克", "沙特阿拉伯", "阿联酋", "卡塔尔", "以色列",
    "埃及", "南非", "尼日利亚", "埃塞俄比亚", "肯尼亚", "加拿大", "墨西哥", "巴西", "阿根廷",
    "智利", "秘鲁", "哥伦比亚", "澳大利亚", "新西兰", "哈萨克斯坦", "乌兹别克斯坦", "吉尔吉斯斯坦",
    "塔吉克斯坦", "黑山", "塞尔维亚", "罗马尼亚", "保加利亚", "克罗地亚", "斯洛伐克", "卢森堡",
    "摩洛哥", "阿尔及利亚", "安哥拉", "坦桑尼亚", "刚果", "加纳", "苏丹", "也门", "阿曼", "科威特",
    "约旦", "黎巴嫩", "叙利亚", "阿富汗", "文莱", "马尔代夫", "爱沙尼亚", "拉脱维亚", "立陶宛",
    "斯洛文尼亚", "格鲁吉亚", "亚美尼亚", "阿塞拜疆", "古巴", "巴拿马", "厄瓜多尔", "委内瑞拉",
)
REGIONS = ("香港", "澳门", "台湾", "外省", "外地", "境外", "国外", "欧洲", "北美", "东南亚", "中东",
           "非洲")
# Well-known cities that appear without 市 in travel histories.
CITIES = ("武汉", "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "成都",
          "西安", "长沙", "郑州", "济南", "青岛", "大连", "沈阳", "长春", "哈尔滨", "石家庄", "太原",
          "呼和浩特", "合肥", "福州", "厦门", "南昌", "南宁", "海口", "三亚", "贵阳", "昆明", "拉萨",
          "兰州", "西宁", "银川", "乌鲁木齐", "宁波", "温州", "无锡", "常州", "徐州", "淮安", "盐城",
          "扬州", "镇江", "南通", "连云港", "宿迁", "泰州", "孝感", "黄冈", "荆州", "宜昌", "襄阳",
          "十堰", "随州", "咸宁", "鄂州", "黄石", "荆门", "恩施", "仙桃", "天门", "潜江", "信阳",
          "东莞", "佛山", "珠海", "中山", "惠州", "汕头", "湛江", "白山", "吉林", "丽江", "曼谷",
          "伊斯坦布尔", "东京", "首尔", "伦敦", "巴黎", "纽约", "莫斯科", "迪拜", "米兰", "法兰克福",
          "阿姆斯特丹", "多伦多", "温哥华", "悉尼", "墨尔本", "新德里", "大阪", "吉隆坡", "雅加达",
          "马尼拉", "金边", "仰光", "河内", "胡志明市", "维也纳", "赫尔辛基", "苏黎世", "日内瓦")
# Short place names of the kind "返淮" (back to Huai'an) use; never a place by themselves.
TRAVEL_ENDPOINT_STOP = ("家", "京", "淮", "沪", "津", "渝", "穗", "深", "杭", "宁", "汉", "乡", "国",
                        "回", "本市", "当地", "家中", "住处", "住所", "单位", "公司", "车上", "车内")

# What a bracket after a place holds when it is a branch, part of the name (``X超市(岗厦店)``);
# any other bracket (an address, a position, a district) is left out of the name.
BRANCH_ENDINGS = ("店", "分店", "院区", "校区", "分院", "分部", "分公司", "门店", "旗舰店")
# Activities that say less of the place: the phrase before them must end like a place
# (``至X医院核酸检测``, never ``在例行核酸检测中``).
WEAK_ACTIVITY_VERBS = ("核酸检测", "核酸采样", "核酸采集")
# Words between a landmark and the place a case went to (``东昌花园附近的金鹰托管班``).
LANDMARK_WORDS = ("斜对面", "对面", "附近", "旁边", "隔壁", "楼下", "周边")
# Position words after a place, no part of its name (``世纪广场地下``).
POSITION_ENDINGS = ("地下一层", "地下", "负一层", "门口", "门前", "楼下", "院内", "一楼", "二楼", "里面")
# What a case did at a place (``到X学习``, ``在X就餐``): with one of these after it, a phrase
# after a visit verb is a place even without a place ending.
ACTIVITY_VERBS = ("就餐", "用餐", "吃饭", "聚餐", "购物", "买菜", "购买", "买", "学习", "上课", "补课",
                  "滑雪", "洗浴", "洗澡", "泡澡", "剪发", "理发", "美发", "打针", "输液", "取药", "拿药",
                  "唱歌", "健身", "游泳", "打球", "游玩", "参观", "消费", "办事", "办理", "喝茶", "聊天",
                  "打牌", "娱乐", "上网", "看电影", "做核酸", "接受核酸",
                  "住宿", "留宿", "过夜", "入住", "停留", "换乘", "中转", "乘坐", "乘", "搭乘", "逗留", "会餐", "聚会", "参加", "送货", "取货", "装货", "卸货",
                  "下车", "上车", "上高速", "下高速",
                  "吃早餐", "吃早饭", "吃早点", "吃午饭", "吃午餐", "吃晚饭", "吃晚餐", "吃夜宵", "用早餐", "买早餐")
# Words of a list of places a case (or a bulletin's cases) went to: ``活动轨迹涉及场所：A、B``,
# ``曾到过以下场所：A、B``, ``病例活动场所主要涉及以下点位``.
PLACE_LIST_HEADS = ("轨迹", "活动", "行程", "到过", "去过", "途经", "场所")
PLACE_LIST_NOUNS = ("区域和场所", "场所和区域", "场所", "点位", "地点", "区域", "地方")
# What a clause of such a list cannot hold: a clause with one ends the list.
# Words of a place's name that hold one of NOT_LISTED_PLACE's words (``X信息科技有限公司``).
LISTED_NAME_WORDS = ("股份有限公司", "有限责任公司", "有限公司")
NOT_LISTED_PLACE = ("的", "了", "是", "为", "在", "和", "及", "等", "将", "请", "已", "均", "未", "送", "带",
                    "开车", "驾车", "乘", "坐", "步行", "骑", "回家", "返回", "到", "去", "于", "其",
                    "无", "有", "正", "系", "住", "市民", "提醒", "发现", "报告", "当前", "目前", "期间",
                    "阴性", "阳性", "结果", "工作", "我们", "确保", "做好", "诊断")
# What a phrase between a visit verb and an activity cannot hold and be a place: a person, a
# means of travel, a step of the route (``由外公送其去X``, ``开车送到X``).
FRAMED_NOISE = ("其", "后", "再", "又", "并", "时", "了", "过", "被", "与", "跟", "送", "带", "接", "开车",
                "驾车", "乘", "坐", "步行", "骑", "回", "返", "从", "自", "由", "经", "到", "去", "在", "于")
# Characters of FRAMED_NOISE that also begin or sit inside names (``时代广场``, ``好又多超市``,
# ``回民街``): in a phrase that ends like a place they are part of its name.
NAME_SAFE_NOISE = ("时", "又", "回", "后", "再", "并")
# One-character names of cities in routes (``自武汉返淮``, ``1月21日武汉回温``): visited places
# named as printed with the city's name an alias, none where they name the bulletin's own
# city (the case is home).
CITY_ABBREVIATIONS = {"京": "北京", "沪": "上海", "津": "天津", "渝": "重庆", "穗": "广州", "深": "深圳",
                      "杭": "杭州", "甬": "宁波", "温": "温州", "淮": "淮安", "萍": "萍乡", "蓉": "成都",
                      "汉": "武汉", "锡": "无锡", "邕": "南宁", "昆": "昆明", "榕": "福州", "厦": "厦门",
                      "通": "南通", "银": "银川", "连": "连云港", "徐": "徐州", "扬": "扬州", "泰": "泰州",
                      "镇": "镇江", "宿": "宿迁", "盐": "盐城", "绍": "绍兴", "湖": "湖州", "嘉": "嘉兴",
                      "台": "台州", "衢": "衢州", "赣": "赣州", "筑": "贵阳", "并": "太原", "哈": "哈尔滨"}
# Two- or three-character words that are no area where a bare place name may stand (`X人`).
NOT_AREA_WORDS = ("家中", "本地", "当地", "外地", "本市", "我市", "该市", "男性", "女性", "老年", "中年",
                  "青年", "病例", "患者", "本人", "工人", "商人", "农民", "个体", "退休", "学生", "家人",
                  "亲人", "病人", "老人", "他人", "外国", "中国", "成年", "私营", "责任")
# Words that make a phrase something other than a place (a risk zone, a group of people).
NOT_PLACE_WORDS = ("人群", "风险", "病例", "感染者", "患者", "人员", "密接", "疫情", "症状", "核酸", "检测",
                   "隔离", "管控", "封控", "流调", "单位", "家属", "亲属", "朋友", "同事",
                   "当日", "当天", "次日", "同日", "当晚",  # ``于当日站内换乘``: a time, not a place
                   "某")  # ``杨涌村某公司``: a place the bulletin does not name is no node
# Words that open a place phrase pointing back at a place told before (``该公司宿舍``) or at
# the case's own home or workplace (``自家小区``, ``厂里食堂``): no node.
PLACE_PRONOUN_LEADS = ("该", "其", "此", "自家", "厂里", "单位里", "公司里", "店里", "家里")

# --- facilities (epidemic-control sites) ----------------------------------------------------
# Generic facilities get one canonical name per document.
GENERIC_FACILITIES = {
    "定点医院": ("定点医院", "定点医疗机构", "定点救治医院", "定点收治医院", "定点医疗救治医院"),
    "集中隔离点": ("集中隔离医学观察点", "集中隔离观察点", "集中隔离点", "集中隔离场所",
               "集中隔离酒店", "集中医学观察点", "集中隔离医学观察场所"),
    "方舱医院": ("方舱医院", "方舱"),
    "指定医疗机构": ("指定医疗机构", "指定医院"),
    "发热门诊": ("发热门诊",),
}
# Printed forms a generic facility's node is named by when the text uses them (GUIDE.md's
# alias table); any other form gets the canonical name.
GENERIC_PRINTED_NAMES = {"定点医院": ("定点医疗机构", "定点救治医院"),
                         "集中隔离点": ("集中隔离医学观察点", "集中隔离观察点", "集中隔离场所"),
                         "方舱医院": ("方舱",)}
FACILITY_KINDS = {"定点医院": "designated_hospital", "集中隔离点": "quarantine",
                  "方舱医院": "fangcang", "指定医疗机构": "hospital", "发热门诊": "fever_clinic"}
# Endings that make a named place an epidemic-control facility.
FACILITY_SUFFIXES = (
    ("集中隔离医学观察点", "quarantine"), ("集中隔离观察点", "quarantine"),
    ("隔离医学观察点", "quarantine"), ("集中隔离点", "quarantine"), ("隔离观察点", "quarantine"),
    ("隔离点", "quarantine"), ("方舱医院", "fangcang"), ("定点医院", "designated_hospital"),
    ("医院发热门诊", "fever_clinic"), ("发热门诊", "fever_clinic"), ("发热诊室", "fever_clinic"),
    ("卫生服务中心", "clinic"), ("卫生院", "clinic"), ("卫生室", "clinic"), ("诊所", "clinic"),
    ("医院", "hospital"), ("医学中心", "hospital"), ("医疗中心", "hospital"), ("救治中心", "hospital"),
    ("公共卫生临床中心", "hospital"), ("公共卫生中心", "hospital"),  # 上海市公共卫生临床中心
    ("门诊部", "clinic"),
    ("疾控中心", "lab"), ("疾病预防控制中心", "lab"), ("医疗机构", "hospital"),
)
# Unnamed generic places that give no node (GUIDE.md rulings).
UNNAMED_GENERIC = ("核酸采样点", "核酸采集点", "核酸检测点", "医疗机构", "本市医疗机构", "当地医院", "辖区医院", "就近医院",
                   "医院", "村卫生室", "村委会", "社区卫生服务中心", "卫生服务站", "诊所", "药店",
                   "当地医疗机构", "医疗卫生机构", "附近诊所", "该医院", "家附近", "发热门诊")

# A place printed with 某 (市南区某医院, 某小区) is unnamed: no node.
UNNAMED_MARK = "某"

# --- relation cues --------------------------------------------------------------------------
RESIDENCE_CUES = ("现居住地为", "现居住地址", "现居住地", "长期居住于", "长期居住在", "长期居住",
                  "长期生活在", "常住于", "常住在", "现住址为", "现住址位于", "现住址", "居住地址为", "居住地为", "居住地址", "居住地",
                  "现居住于", "现居住在", "现居于", "现居住", "现居", "现住于", "现住在", "现住",
                  "居住于", "居住在", "家住", "住址为", "住址", "住在", "常住", "暂住于", "暂住在", "暂住",
                  "长居于", "长居", "久居于", "久居", "定居于", "定居在", "定居")
# Endings of a field's label (``现住址：``, ``工作单位：``, ``职业：``): a colon after one joins the
# label to its value in one clause.
FIELD_LABEL_ENDINGS = ("住址", "地址", "居住地", "现住", "现居", "单位", "职业", "工作地点", "学校", "日期", "时间")
# ``为X员工``, ``系X售货员``: the job words after a workplace.
WORKER_WORDS = ("个体批发商", "批发商", "个体户", "采购人员", "采购员", "装卸工", "搬运工", "驾驶员", "员工", "职工", "工作人员", "保洁人员", "保洁员", "保安", "医生", "护士", "医护人员",
                "教师", "老师", "学生", "服务员", "厨师", "司机", "店员", "营业员", "收银员", "售货员",
                "销售员", "快递员", "配送员", "外卖员", "保育员", "工人")
WORK_CUES = ("工作地点为", "工作地点位于", "工作地点在", "工作地点", "工作单位位于", "工作单位为",
             "工作单位在", "工作单位", "工作地址为", "工作地址", "就职于", "任职于", "供职于", "工作于",
             "务工于", "单位：", "单位:", "职业：", "职业:")
# Cues of a student's school, a ``works_at`` place of kind ``school``.
SCHOOL_CUES = ("学校地址为", "学校地址", "就读学校为", "就读于", "学校：", "学校:")
# Endings of an employer's name (``X有限公司装载车驾驶员``: the post follows it).
EMPLOYER_ENDINGS = ("有限公司", "公司", "集团", "工厂", "厂", "医院", "学校", "超市", "市场", "酒店", "宾馆",
                    "银行", "物流园", "产业园", "码头", "中心", "商场", "门店", "小学", "中学", "大学", "学院",
                    "幼儿园")
# Endings of a school's name.
SCHOOL_ENDINGS = ("小学", "中学", "大学", "学院", "学校", "幼儿园", "职高", "技校")
# Verbs after ``在X`` that make X a workplace (``在石板镇物流园工作``).
WORK_VERBS = ("工作", "上班", "务工", "打工", "从业", "任职", "就职", "担任", "从事", "做保洁", "当保安")
VISIT_CUES = ("前往", "到访", "去往", "赴", "途经", "抵达", "到达", "进入", "乘坐", "乘", "搭乘",
              "转乘", "经", "在", "到", "去", "来到", "游玩", "逛")
ADMIT_CUES = ("转运至", "转运到", "转至", "转到", "转入", "送至", "送往", "送到", "收治于", "收治入",
              "收入", "收住", "住进", "住院于", "被收治", "收治", "转送至", "转送到", "送入", "转诊至",
              "转诊到", "送")
CLINIC_VISIT_CUES = ("就诊", "就医", "看病", "问诊", "求诊")
#: Care words told after a hospital's name (``到X医院隔离治疗``), cut off its end one after the
#: other in this order
CARE_SUFFIXES = ("隔离治疗", "隔离留观", "住院治疗", "治疗", "隔离", "留观", "就诊", "救治", "医学观察",
                 "观察", "医学")
CONTACT_PHRASES = ("密切接触者", "密接者", "密接")
ONSET_CUES = ("出现", "发病", "发热", "咳嗽", "症状", "不适", "乏力", "咽痛", "头痛", "畏寒", "腹泻",
              "肌肉酸痛", "嗅觉", "流涕")
POSITIVE_CUES = ("阳性",)
DIAGNOSIS_CUES = ("诊断为", "确诊为", "确认为", "确诊", "诊断", "确定为", "订正为", "转为确诊")
# Verbs and function words that end a place phrase ("天德隆宾馆办理入住" -> 天德隆宾馆).
PLACE_STOPWORDS = (
    "办理", "入住", "就诊", "就医", "购物", "就餐", "用餐", "聚餐", "吃饭", "旅游", "旅行", "游玩",
    "探亲", "参加", "出差", "工作", "务工", "打工", "上班", "居住", "生活", "隔离", "治疗", "休息",
    "返回", "返", "回到", "回", "出发", "转机", "转乘", "转车", "搭乘", "旅居", "继续", "乘坐", "乘", "入境", "抵达", "到达", "期间",
    "上高速", "下高速", "上车", "下车",
    "后", "时", "等地", "等处", "等", "附近", "周边", "并", "且", "的", "与", "和", "及", "被",
    "进行", "开展", "采样", "检测", "送检", "报告", "发现", "途中", "过程", "活动", "祈福", "拜访",
    "看望", "访友", "会友", "接受", "留观", "观察", "经", "至", "到", "前往", "自驾", "驾车",
    "开车", "步行", "骑行", "住院", "探亲", "务工", "经商", "上学", "读书", "就读", "游览", "逗留", "停留", "出游", "度假", "过年", "过春节", "春节", "家中", "已",
    "曾", "于", "在", "为", "系", "是", "做", "办", "患", "就", "一起", "共同", "同", "多次",
    "途经", "途径",
)
HOUSEHOLD_WORDS = ("同一家庭成员", "家庭成员", "同住人", "同住", "共同居住")
FAMILY_WORDS = ("丈夫", "妻子", "女儿", "儿子", "母亲", "父亲", "爷爷", "奶奶", "外公", "外婆",
                "姥姥", "姥爷", "孙子", "孙女", "外孙", "外孙女", "儿媳", "女婿", "哥哥", "姐姐",
                "弟弟", "妹妹", "亲属", "家属", "家人", "婆婆", "公公", "岳母", "岳父", "侄子", "侄女",
                "爱人", "配偶", "老伴", "亲戚", "小姨", "姨妈", "舅舅", "舅妈", "叔叔", "婶婶", "姑姑", "丈母娘",
                "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟", "堂妹", "嫂子", "弟媳", "姐夫",
                "妹夫", "外甥", "外甥女", "孙媳", "公婆", "儿女", "子女", "父母")
# Words for a person that fix the sex: people nouns and pronouns (``64岁的老太``, ``70岁的她``)
# and kinship words (``病例2是病例1的妻子``: 病例2 is a woman).
SEXED_PERSON_WORDS = {
    "M": ("男子", "老汉", "男孩", "男童", "男性", "先生", "大爷", "他"),
    "F": ("女子", "老太", "女孩", "女童", "女性", "女士", "大妈", "阿姨", "她"),
}
SEXED_KIN_WORDS = {
    "M": ("丈夫", "儿子", "父亲", "爷爷", "外公", "姥爷", "孙子", "外孙", "女婿", "哥哥", "弟弟",
          "公公", "岳父", "侄子", "舅舅", "叔叔", "表哥", "表弟", "堂哥", "堂弟", "姐夫", "妹夫", "外甥"),
    "F": ("妻子", "女儿", "母亲", "奶奶", "外婆", "姥姥", "孙女", "外孙女", "儿媳", "姐姐", "妹妹",
          "婆婆", "岳母", "侄女", "小姨", "姨妈", "舅妈", "婶婶", "姑姑", "丈母娘", "表姐", "表妹",
          "堂姐", "堂妹", "嫂子", "弟媳", "外甥女", "孙媳"),
}
# Other people a case is said to be to another (``病例99朋友``).
SOCIAL_WORDS = ("朋友", "同学", "室友", "邻居", "同乡", "老乡", "男友", "女友", "同事", "工友")
COLLEAGUE_WORDS = ("同事", "工友", "同一单位")
BUILDING_WORDS = ("同楼", "同一楼", "同单元", "同一单元", "同小区", "同一小区", "邻居")
# A statement about every patient to date (``累计…均在定点医院``, ``所有患者均…``), not about
# the cases a bulletin reports: it gives no case an edge.
BLANKET_WORDS = ("累计", "现有", "所有", "全部", "全体", "在治", "在院")
# Verbs that report today's cases as a count (``新增5例``, ``报告3例``, ``发现29人``).
NEW_CASE_VERBS = ("新增", "报告", "发现", "检出")
# A part of a count (``其中5例境外输入…``) named by a word its cases' labels carry.
PART_LABEL_WORDS = {"境外输入": "输入", "输入": "输入", "本土": "本土", "无症状": "无症状"}
CLUSTER_CUES = ("聚集性疫情", "聚集疫情", "相关病例", "相关")
NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
            "九": 9, "十": 10}


# --- web text (extract/normalize.py) --------------------------------------------------------
# A page's own fields (``来源：环球网``, ``责任编辑：北风``): the field and its value are dropped.
WEB_FIELD_WORDS = ("来源", "责任编辑", "责编", "编辑", "作者", "浏览", "栏目", "评论")
# Endings of a site's name pasted into a sentence (``某某资讯网``).
WEB_SITE_ENDINGS = ("资讯网", "新闻网", "门户网")
# ASCII punctuation the rules read in full-width form; ``,`` and ``:`` between digits stay.
FULL_WIDTH_PUNCTUATION = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
# A traditional-script text is converted to simplified when at least this share of its
# characters change (a simplified text keeps a few t2s changes, such as 乾 in place names).
TRADITIONAL_SHARE = 0.02
# ... and in a mostly simplified text, a line where this many characters (and this share) change.
TRADITIONAL_LINE_CHANGES = 3
TRADITIONAL_LINE_SHARE = 0.1
# Traditional characters so frequent in bulletins that a text in that script holds some: a text
# with none is not converted at all.
TRADITIONAL_MARKS = "們與確診這從區醫離觸無發後東廣門時為個來國會對過開關點進還長見樣現當號該綜據報變員縣鎮檢測陽狀輕療轉運觀"


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``words``, longest first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True))


def in_order(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``words`` in their order, for the lists where a shorter word
    comes before a longer one it begins (``乘|乘坐``) and so wins where both fit."""
    return "|".join(re.escape(w) for w in dict.fromkeys(words))


# What the date of a close-contact sentence is the date of (casegraph.extract.contacts):
# the contact's quarantine, or the exposure itself.
CONTACT_QUARANTINE_CUES = ("隔离", "管控", "转运", "留观")
EXPOSURE_CUES = ("聚餐", "就餐", "同住", "同乘", "共同", "见面", "探望", "聚会", "有过接触", "有接触", "同桌", "打牌")

# --- the cue words of each extract module's rules ---------------------------------------------
# casegraph/lexicon/<module>.py holds the words casegraph/extract/<module>.py's regexes are built
# from (one tuple a list, with what it signals and an example), re-exported here as lx.NAME.
from casegraph.lexicon.travel import *  # noqa: E402,F401,F403
from casegraph.lexicon.places import *  # noqa: E402,F401,F403
from casegraph.lexicon.subjects import *  # noqa: E402,F401,F403
from casegraph.lexicon.care import *  # noqa: E402,F401,F403
from casegraph.lexicon.residence import *  # noqa: E402,F401,F403
from casegraph.lexicon.contacts import *  # noqa: E402,F401,F403
from casegraph.lexicon.attributes import *  # noqa: E402,F401,F403
from casegraph.lexicon.case_sites import *  # noqa: E402,F401,F403
from casegraph.lexicon.reader import *  # noqa: E402,F401,F403
from casegraph.lexicon.counts import *  # noqa: E402,F401,F403
from casegraph.lexicon.learned import *  # noqa: E402,F401,F403
from casegraph.lexicon.dates import *  # noqa: E402,F401,F403
from casegraph.lexicon.clusters import *  # noqa: E402,F401,F403
from casegraph.lexicon.labels import *  # noqa: E402,F401,F403
from casegraph.lexicon.segmenter import *  # noqa: E402,F401,F403
from casegraph.lexicon.clause import *  # noqa: E402,F401,F403
from casegraph.lexicon.tagger_train import *  # noqa: E402,F401,F403
from casegraph.lexicon.tagger import *  # noqa: E402,F401,F403

# Kinds of facility whose fever clinic is the facility itself (GUIDE.md: a hospital's fever
# clinic is its hospital: ``荔湾中心医院发热门诊`` is 荔湾中心医院).
CLINIC_PARENT_KINDS = ("hospital", "clinic")
# The words of a fever clinic after the name of its hospital (``X医院发热门诊``).
FEVER_CLINIC_WORDS = ("发热门诊", "发热诊室")
