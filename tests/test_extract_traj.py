"""Trajectories and labelled fields, on short texts written for these tests (never corpus text)."""
from __future__ import annotations

import networkx as nx
import pytest

import casegraph
from casegraph.extract.sentences import Sentence, clauses


def _graph(text: str) -> nx.MultiDiGraph:
    return casegraph.extract(text, city="某市", date="2022-03-10", doc_id="traj")


def _edges(G: nx.MultiDiGraph, relation: str) -> dict[tuple[str, str], str | None]:
    names = {n: d.get("name") for n, d in G.nodes(data=True)}
    return {(names[s], names[t]): d.get("date") for s, t, d in G.edges(data=True) if d["relation"] == relation}


def test_clock_times_and_field_labels_stay_in_their_clause():
    parts = [c for _, c in clauses(Sentence(0, 0, "病例1：现住址：东城区桃源小区，3月1日8:30-9:30到甲乙书店"))]
    assert parts == ["病例1", "现住址：东城区桃源小区", "3月1日8:30-9:30到甲乙书店"]


def test_labelled_fields():
    G = _graph("病例1：男，30岁，现住址：东城区桃源小区，工作单位：西城区明日科技公司。\n"
               "病例2：女，8岁，住朝阳区柳荫花园，学校地址：朝阳区向阳小学。\n"
               "病例3：男，40岁，工作地址和现住址：丰台区丰收家园。\n"
               "病例4：女，50岁，在丰台区石桥镇物流园工作，暂住青松里姑姑家。\n")
    homes, works = _edges(G, "resides_at"), _edges(G, "works_at")
    assert ("病例1", "桃源小区") in homes and ("病例1", "明日科技公司") in works
    assert ("病例2", "柳荫花园") in homes and ("病例2", "向阳小学") in works
    assert ("病例3", "丰收家园") in homes and ("病例3", "丰收家园") in works
    assert ("病例4", "石桥镇物流园") in works and ("病例4", "青松里") in homes
    assert G.nodes[next(n for n, d in G.nodes(data=True) if d["name"] == "病例1")]["district"] == "东城区"


def test_street_before_a_compound_is_dropped():
    G = _graph("病例1：现住址：东城区长河街青杨小区。\n")
    assert ("病例1", "青杨小区") in _edges(G, "resides_at")


def test_visit_framed_by_an_activity():
    G = _graph("病例1：男，9岁，现住东城区桃源小区。3月1日8:30-10:30到蓝天补习班(人民广场对面)学习，"
               "中午在和平饺子馆(东街店)就餐，下午至北山滑雪场滑雪，晚上去龙湖花园附近的星光理发店剪发，"
               "后在两个服务区休息。3月2日由外公送其去云海度假酒店洗浴。\n")
    visits = _edges(G, "visited")
    assert visits[("病例1", "蓝天补习班")] == "2022-03-01"
    assert ("病例1", "和平饺子馆（东街店）") in visits
    assert ("病例1", "北山滑雪场") in visits and ("病例1", "星光理发店") in visits
    assert visits[("病例1", "云海度假酒店")] == "2022-03-02"
    assert not {t for _, t in visits} & {"两个服务区", "外公送其", "人民广场对面", "龙湖花园"}


def test_clinic_visit_kept_for_observation_is_an_admission():
    G = _graph("病例1：男，30岁。3月1日前往东城区第一人民医院就诊并被留观。\n")
    assert ("病例1", "东城区第一人民医院") in _edges(G, "admitted_to")


def test_list_of_places_after_a_cue():
    G = _graph("病例1：男，30岁，现住东城区桃源小区。\n"
               "其活动轨迹涉及场所：3月1日，星河商行、外婆菜馆(城南店)、青山小区。3月2日，红枫门；云谷超市。\n"
               "当前，请市民关注官方发布。\n")
    visits = _edges(G, "visited")
    assert visits[("病例1", "星河商行")] == "2022-03-01"
    assert ("病例1", "外婆菜馆（城南店）") in visits and ("病例1", "青山小区") in visits
    assert visits[("病例1", "红枫门")] == "2022-03-02" and visits[("病例1", "云谷超市")] == "2022-03-02"
    assert len(visits) == 5


def test_list_of_places_for_no_case_gives_case_sites():
    G = _graph("某市新增本土确诊病例2例。病例活动场所主要涉及以下点位：星河商行、青山小区。\n")
    sites = {d["name"] for _, d in G.nodes(data=True) if d.get("case_site")}
    assert {"星河商行", "青山小区"} <= sites


def test_buses_with_plates_lines_and_stops_after_a_ride():
    G = _graph("病例1：男，40岁，现住东城区桃源小区。3月1日7时30分，先后乘坐606公交车(京AB1234)、"
               "西2路公交车(京CD5678)至南湖公园站，9时10分至“老张烧饼”，后乘坐地铁5号线至东单站。\n")
    visits = _edges(G, "visited")
    for name in ("606公交车（京AB1234）", "西2路公交车（京CD5678）", "南湖公园站", "老张烧饼", "地铁5号线", "东单站"):
        assert visits[("病例1", name)] == "2022-03-01", name
    assert not {t for _, t in visits} & {"AB1234", "2路", "CD5678"}


def test_a_span_of_clock_times_is_no_place():
    G = _graph("病例1：男，40岁，现住东城区桃源小区。3月1日16时至22时在家，4时到达东城区长途汽车站。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "长途汽车站") in visits or ("病例1", "东城区长途汽车站") in visits
    assert all(not t.startswith("达") for _, t in visits)


def test_an_area_printed_without_units_is_visited():
    G = _graph("病例1：男，40岁，现住东城区桃源小区。1月11日前往湖北黄冈，25日经江西九江返回。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "湖北黄冈") in visits and ("病例1", "江西九江") in visits


def test_a_dated_route_between_two_areas():
    G = _graph("病例1：男，25岁，现住东城区桃源小区，1月24日武汉回温州。\n病例2：女，30岁，1月21日武汉回温。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "武汉") in visits and ("病例1", "温州") in visits
    assert ("病例2", "武汉") in visits and ("病例2", "温") in visits  # 温: printed as is


def test_a_visit_after_a_date_and_at():
    G = _graph("病例1：女，43岁，现住东城区桃源小区，于1月16日在星光百货购物。\n")
    assert _edges(G, "visited")[("病例1", "星光百货")] == "2022-01-16"


def test_pupil_school_and_living_in_a_city():
    G = _graph("病例1：男，9岁，东城区育英小学四年级学生，在武汉生活。\n")
    assert ("病例1", "育英小学") in _edges(G, "works_at")
    assert ("病例1", "武汉") not in _edges(G, "visited")


def test_each_case_of_a_group_gets_the_route():
    G = _graph("病例1、病例2均为中国籍，病例1在香港就学，病例1、病例2自香港出发，于3月1日抵达东城区机场。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "香港") in visits and ("病例2", "香港") in visits


def test_one_route_after_another_in_a_clause():
    G = _graph("病例1：男，20岁，现住东城区桃源小区。1月23日到湖南长沙转车到深圳，2月1日入境珠海。\n")
    visits = _edges(G, "visited")
    assert {("病例1", "湖南长沙"), ("病例1", "深圳"), ("病例1", "珠海")} <= set(visits)


def test_no_visit_from_someone_elses_route_or_a_pronoun_place():
    G = _graph("病例1：女，35岁，现住东城区桃源小区。1月22日接触从武汉来京的父母，1月26日到该院就诊，"
               "在北海经营米粉店。\n")
    assert not _edges(G, "visited")


def test_relatives_home_unnamed_places_and_airline_codes():
    G = _graph("病例1：男，47岁，现住东城区桃源小区。1月21日从武汉驾车回丰台区某乡镇过年，"
               "1月23日到丰台区长辛店镇李家村其岳母家探亲，1月24日乘3U8252次航班至重庆。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "李家村") in visits and ("病例1", "3U8252次航班") in visits
    assert not any("某" in t or "其" in t for _, t in visits)


def test_home_named_before_jiazhong_and_employers_without_a_verb():
    G = _graph("病例1：男，35岁，丰台区长辛店镇物流园个体批发商，4月1日由父亲接至丰台区李家村家中。\n"
               "病例2：男，40岁，系东城区明日矿石有限公司装载车驾驶员，系4月1日从保定安国市返回丰台区学生。\n")
    assert ("病例1", "李家村") in _edges(G, "resides_at")
    works = _edges(G, "works_at")
    assert ("病例1", "长辛店镇物流园") in works and ("病例2", "明日矿石有限公司") in works
    visits = _edges(G, "visited")
    assert ("病例2", "保定安国市") in visits and ("病例2", "学生") not in visits


def test_day_headers_date_the_lines_under_them():
    G = _graph("病例1：女，33岁，现住东城区桃源小区。\n经核查，具体轨迹如下：\n3月8日\n"
               "10:48乘G2193高铁自上海虹桥站至怀化南站\n18:32乘G688高铁至吉首东站\n"
               "21:00专车将其转运至花垣县隔离点集中隔离\n3月9日\n隔离点未外出\n")
    visits = _edges(G, "visited")
    for name in ("G2193", "上海虹桥站", "怀化南站", "G688", "吉首东站"):
        assert visits[("病例1", name)] == "2022-03-08", name
    assert ("病例1", "花垣县隔离点") in _edges(G, "isolated_at")
    assert ("病例1", "花垣县") not in visits


def test_trajectory_header_after_a_paragraph_break_keeps_the_only_case():
    G = _graph("某市发现1例确诊病例。\n龙某某，女，33岁，系3月7日上海返京人员。\n"
               "目前相关部门已全面排查其活动轨迹。\n具体轨迹如下：\n3月8日，10时到星光超市购物。\n")
    assert ("龙某某", "星光超市") in _edges(G, "visited")


def test_positions_rooms_generic_and_unnamed_places():
    G = _graph("病例1：女，40岁，现住东城区桃源小区。\n3月1日\n10时28分，至大场镇星光超市，"
               "12时在小区内丁山卤肉天目店购物，13时到村内小超市购物，18时在云海酒店666包间就餐，"
               "20时从十堰高铁站乘大巴车，21时至东城区第二中医医院核酸检测，"
               "22时到市南区某医院就诊，当晚转送至东城区某定点医院进行隔离治疗。\n")
    visits = _edges(G, "visited")
    for name in ("星光超市", "丁山卤肉天目店", "云海酒店", "十堰高铁站", "东城区第二中医医院"):
        assert visits[("病例1", name)] == "2022-03-01", name
    assert not {t for _, t in visits} & {"小超市", "村内小超市", "市南区某医院", "南区某医院"}
    assert ("病例1", "定点医院") in _edges(G, "admitted_to")


def test_a_home_named_after_its_district_needs_no_place_ending():
    G = _graph("病例1：男，30岁，居住于东湖高新区保利时代天悦。\n病例2：女，40岁，现住丰台区长辛店镇明塘村胡家屋场。\n"
               "病例3：男，50岁，居住于外省。\n")
    homes = _edges(G, "resides_at")
    assert ("病例1", "保利时代天悦") in homes and ("病例2", "明塘村胡家屋场") in homes
    assert not [h for h in homes if h[0] == "病例3"]


def test_an_employer_before_a_post_needs_no_place_ending():
    G = _graph("病例1：男，59岁，现居住于河东区，为天津动车客车段员工。\n病例2：女，30岁，为该店员工。\n")
    works = _edges(G, "works_at")
    assert ("病例1", "天津动车客车段") in works and not [w for w in works if w[0] == "病例2"]


def test_moves_to_areas_and_home_is_no_visit():
    text = ("病例1：男，19岁，现住东城区桃源小区，1月13日从武汉到成都，15日回绵阳，1月23日从云南丽江赴泸沽湖景区游玩，"
            "1月25日来兰州，24日到达康定高速检疫点，1月26日从南京回淮安。\n")
    G = casegraph.extract(text, city="淮安", date="2020-02-07", doc_id="traj")
    visits = _edges(G, "visited")
    for name in ("武汉", "成都", "绵阳", "云南丽江", "泸沽湖景区", "兰州", "康定高速检疫点", "南京"):
        assert ("病例1", name) in visits, name
    assert ("病例1", "淮安") not in visits


def test_clinics_seen_and_clinic_visits_after_a_city():
    G = _graph("病例1：男，9岁，现住东城区桃源小区。3月19日8时30分乘车到首都儿研所就诊，3月20日到社区卫生站就诊，"
               "3月21日自驾至合肥就诊于中科大一附院。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "首都儿研所") in visits and ("病例1", "合肥") in visits
    assert ("病例1", "社区卫生站") not in visits
    assert not _edges(G, "works_at")


def test_a_quarantine_site_named_in_brackets():
    G = _graph("病例1：男，30岁，现住东城区桃源小区，3月5日转运至集中隔离点(尚客优品酒店)。\n")
    assert _edges(G, "isolated_at")[("病例1", "尚客优品酒店")] == "2022-03-05"


def test_a_county_made_a_district_is_a_district():
    G = _graph("病例1：女，31岁，常住即墨区。\n")
    case = next(d for _, d in G.nodes(data=True) if d.get("name") == "病例1")
    assert case.get("district") == "即墨区" and not _edges(G, "resides_at")


def test_routes_of_people_met_and_store_departments():
    G = _graph("病例1：男，33岁，现住东城区桃源小区。1月26日与途经武汉返乡人员龙某在太白路天萱茶楼聚会，"
               "1月27日曾去过百货大楼鞋区（病例9工作区）购物，1月28日自驾到湖北赤壁过春节。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "武汉") not in visits
    assert {("病例1", "百货大楼"), ("病例1", "湖北赤壁")} <= set(visits)


def test_list_ends_with_its_paragraph_and_vehicle_or_advice_is_no_place():
    G = _graph("病例1：男，30岁，现住东城区桃源小区。曾到过以下场所：星河商行、青山小区。\n"
               "东城区政府呼吁：请市民配合。\n"
               "病例2：女，40岁，2月1日由沙土镇卫生院救护车送至东城区人民医院，后转运至省将军山医院。"
               "请前往设有发热门诊的正规医疗机构就诊。\n")
    visits = _edges(G, "visited")
    assert ("病例1", "星河商行") in visits and not [v for v in visits if "呼吁" in v[1]]
    assert not [v for v in visits if v[0] == "病例2" and ("车" in v[1] or "设有" in v[1])]
    assert {("病例2", "省将军山医院"), ("病例2", "将军山医院")} & set(_edges(G, "admitted_to"))


def test_relatives_places_hometowns_and_changes_of_stations():
    G = _graph("病例1：女，49岁，现住东城区桃源小区，1月20日自驾到湖北省仙桃市娘家，1月21日中途在武汉站换乘，"
               "1月22日于汉口火车站乘C50次火车，1月23日回老家潜山市。\n")
    visits = _edges(G, "visited")
    for name in ("湖北省仙桃市", "武汉站", "汉口火车站", "C50次火车", "潜山市"):
        assert ("病例1", name) in visits, name


def test_a_quarantine_site_named_after_a_transfer():
    G = _graph("病例1：女，37岁，现住东城区桃源小区，2月2日被送至浮龙湖隔离点。\n病例2：男，40岁，2月2日被送至本市隔离点。\n")
    isolated = _edges(G, "isolated_at")
    assert ("病例1", "浮龙湖隔离点") in isolated and ("病例2", "集中隔离点") in isolated


def test_leaving_a_city_and_lettered_metro_lines():
    G = _graph("病例1：男，34岁，现住东城区桃源小区，1月20日离开武汉，1月25日14时乘坐地铁S1号线至南湖站。\n")
    visits = _edges(G, "visited")
    assert {("病例1", "武汉"), ("病例1", "地铁S1号线"), ("病例1", "南湖站")} <= set(visits)
    assert ("病例1", "S1") not in visits


def test_a_city_by_its_one_character_name():
    text = "病例1：男，30岁，1月21日武汉回温，23日抵深。\n病例2：女，40岁，1月19日自武汉返淮。\n"
    G = casegraph.extract(text, city="淮安", date="2020-02-07", doc_id="traj")
    visits = _edges(G, "visited")
    assert {("病例1", "武汉"), ("病例1", "温"), ("病例1", "深"), ("病例2", "武汉")} <= set(visits)
    assert ("病例2", "淮") not in visits  # home: the bulletin's own city
    aliases = {d["name"]: d.get("aliases") for _, d in G.nodes(data=True)}
    assert aliases["温"] == ["温州"] and aliases["深"] == ["深圳"]  # printed, the city an alias


def test_a_stay_abroad_is_covered_by_the_route():
    G = _graph("病例8为法国籍，在法国探亲，3月18日自法国巴黎出发，于3月19日抵达东城区机场。\n")
    visits = _edges(G, "visited")
    assert ("病例8", "法国巴黎") in visits and ("病例8", "法国") not in visits


def test_plates_inline_and_a_hometown_home():
    G = _graph("病例1：男，49岁。1月22日17时从法院东门乘坐60路苏H3333D公交车到星光商场，19时乘坐苏HX518A快车，"
               "1月23日8时驾车回丰台区红桥村老家。\n")
    visits = _edges(G, "visited")
    assert {("病例1", "60路苏H3333D公交车"), ("病例1", "苏HX518A快车"), ("病例1", "星光商场")} <= set(visits)
    assert not {t for _, t in visits} & {"H3333", "HX518"}
    assert ("病例1", "红桥村") in _edges(G, "resides_at")


def test_a_trajectory_published_for_counted_cases_lists_case_sites():
    text = ("4月16日0时至24时，某市新增4例无症状感染者，均在集中隔离点例行核酸检测中发现。\n"
            "现将4例无症状感染者在集中隔离前的行程轨迹公布如下：\n"
            "4月11日8时左右，樱花北园楼下的杨西街早市；12时15分至12时28分左右，金普新区龙王庙市场。\n"
            "4月13日\n17:30-17:45，鑫嘉兴超市。\n"
            "当晚学校通知放假。\n请广大市民做好个人防护。\n")
    G = casegraph.extract(text, city="某市", date="2022-04-16")
    sites = {d["name"] for _n, d in G.nodes(data=True) if d.get("case_site")}
    assert sites == {"杨西街早市", "龙王庙市场", "鑫嘉兴超市"}  # a line not opening with a day ends it
    assert not [n for n, d in G.nodes(data=True) if d.get("type") == "case"]


def test_a_list_of_places_for_two_cases_goes_on_over_sentences_for_both():
    text = ("病例1：张某某，居住于幸福小区。\n病例2：李某某，居住于幸福小区。\n"
            "两人活动轨迹涉及场所：9月18日，星光超市、外婆小厨餐厅。9月19日，杞园商行、金石加油站。\n")
    G = casegraph.extract(text, city="某市", date="2022-09-21")
    visits = _edges(G, "visited")
    for case in ("病例1", "病例2"):
        assert visits[(case, "星光超市")] == "2022-09-18"
        assert visits[(case, "金石加油站")] == "2022-09-19"


def test_a_listed_company_is_a_place_although_its_name_holds_a_verb():
    text = ("病例1：男，20岁，现住东城区桃源小区。\n其活动轨迹如下：\n"
            "4月7日，星光书院、宁波海鸥信息科技有限公司（科技孵化园）。\n")
    visits = _edges(casegraph.extract(text, city="某市", date="2022-04-13"), "visited")
    assert visits[("病例1", "宁波海鸥信息科技有限公司")] == "2022-04-07"
    assert visits[("病例1", "星光书院")] == "2022-04-07"


def test_a_bracket_after_a_ride_names_its_station_and_train():
    text = ("病例1：男，20岁，现住东城区桃源小区。4月8日，上午乘坐动车前往台州(高铁宁波南站,D2281)，"
            "下午从台州返回宁波(G344)。\n")
    visits = _edges(casegraph.extract(text, city="某市", date="2022-04-13"), "visited")
    for place in ("宁波南站", "D2281", "G344", "台州"):
        assert visits[("病例1", place)] == "2022-04-08", place
    G = casegraph.extract("病例2：女，30岁，现住东城区幸福小区(A区)。", city="某市", date="2022-04-13")
    assert not _edges(G, "visited")  # a bracket after a home is no ride


def test_getting_on_or_off_ends_a_place_and_frames_a_visit():
    text = ("病例1：男，40岁，现住东城区桃源小区。3月15日11时乘坐私家车从上海浦卫公路上高速，"
            "22时30分在长沙市树木岭下车，在车上下车。\n")
    visits = _edges(casegraph.extract(text, city="某市", date="2022-03-17"), "visited")
    assert {"上海浦卫公路", "树木岭"} <= {t for _c, t in visits}
    assert not {t for _c, t in visits} & {"上海浦卫公路上高速", "车上"}


def test_a_place_the_bulletin_does_not_name_or_points_back_at_is_no_node():
    text = "病例1：男，40岁，在杨涌村某公司工作，住该公司宿舍。"
    G = casegraph.extract(text, city="某市", date="2022-02-28")
    assert not [n for n, d in G.nodes(data=True) if d["type"] in ("location", "facility")]


def test_a_hospitals_fever_clinic_is_its_hospital():
    from casegraph.extract.places import facility_of

    assert facility_of("荔湾中心医院发热门诊") == ("荔湾中心医院", "hospital")
    assert facility_of("医院发热门诊")[1] == "fever_clinic"  # no hospital named: the clinic


def test_common_field_and_visit_forms_of_other_cities():
    G = casegraph.extract("病例1，女，35岁，住址：雁塔区电子城街道丈八北路85号枫叶新都市3栋。",
                          city="某市", date="2022-04-14")
    assert list(_edges(G, "resides_at")) == [("病例1", "丈八北路85号枫叶新都市3栋")]  # not 址：…
    G = casegraph.extract("无症状感染者3：男，28岁，系外卖骑手，工作地点为美团外卖城西站点。",
                          city="某市", date="2022-04-14")
    assert ("无症状感染者3", "美团外卖城西站点") in _edges(G, "works_at")
    G = casegraph.extract("病例2：女，60岁。3月6日到市第一人民医院发热门诊就诊，12:00在老街饭店就餐。",
                          city="某市", date="2022-04-14")
    visited = sorted(t for _c, t in _edges(G, "visited"))
    assert visited == ["第一人民医院", "老街饭店"]  # one node for the hospital; 老街饭店 whole


def test_an_address_a_compound_and_a_treatment_centre_kept_whole():
    def edges(text):
        G = casegraph.extract(text, city="某市", date="2022-05-11")
        return {(G.nodes[v]["name"], k) for _u, v, k in G.edges(keys=True)}

    assert ("和平村3组", "resides_at") in edges("病例5：女，45岁，居住于城关镇和平村3组。")  # not 平村3组
    assert ("万达广场小区", "resides_at") in edges("病例3：女，38岁，现住南坪街道万达广场小区。")
    assert ("公共卫生医疗救治中心", "admitted_to") in edges("病例2：男，52岁，当日转至市公共卫生医疗救治中心。")
    from casegraph.extract.places import split_places
    assert split_places("A小区和B小区") == ["A小区", "B小区"]


def test_a_pupils_school_without_the_grade_and_no_counted_places():
    G = casegraph.extract("无症状感染者11：女，9岁，学生，就读于和平区第一小学三年级。", city="某市", date="2022-05-11")
    assert [(G.nodes[v]["name"], G.nodes[v].get("kind")) for _u, v, k in G.edges(keys=True)
            if k == "works_at"] == [("第一小学", "school")]
    G = casegraph.extract("病例12：男，36岁，现住白云区。4月1日至4月3日，每日在白云区多个小区送外卖。",
                          city="某市", date="2022-05-11")
    assert not _edges(G, "visited")  # 多个小区 names no place


def test_a_station_got_off_at_is_visited():
    text = "病例1：男，30岁。1月25日乘坐G1234次高铁从武汉返回郑州，郑州东站下车后乘出租车回家。"
    visits = _edges(casegraph.extract(text, city="某市", date="2020-02-05"), "visited")
    assert visits[("病例1", "郑州东站")] == "2020-01-25"


def test_place_names_holding_a_conjunction_or_the_bulletins_own_area_stay_whole():
    G = _graph("病例1：男，40岁。3月2日与妻子和女儿乘坐MU1234航班从陕西省西安市返回呼和浩特市。\n"
               "病例2：女，33岁。3月3日自驾到达我市永和县，3月4日收入永和县人民医院隔离治疗。\n")
    visited = {place for case, place in _edges(G, "visited") if case == "病例1"}
    assert "呼和浩特市" in visited and not {"浩特市", "呼"} & visited
    assert ("病例2", "永和县") in _edges(G, "visited")
    assert not any(name.startswith("我市") for _, name in G.nodes(data="name"))


def test_a_time_word_or_a_feeling_is_no_place():
    G = _graph("病例1：男，23岁。3月1日乘火车到南平站，于当日站内换乘D3100次列车。"
               "3月4日自感乏力到市中心医院发热门诊就诊。\n")
    names = {name for _, name in G.nodes(data="name")}
    assert "南平站" in names and "当日站" not in names
    assert not any("乏力" in name for name in names)


def test_a_villager_or_resident_of_a_place_lives_there():
    G = casegraph.extract("第5例：赵某，女，36岁，系北辰区双口镇前丁庄村村民，3月9日出现发热。\n"
                          "病例6：钱某，男，41岁，为河西区友谊路街道紫金花园居民。\n"
                          "病例7：孙某，男，50岁，台湾地区居民，3月8日入境。\n",
                          city="天津", date="2022-03-10", doc_id="traj", tagger=False)
    homes = _edges(G, "resides_at")
    assert ("第5例", "前丁庄村") in homes and ("病例6", "紫金花园") in homes
    assert not any(case == "病例7" for case, _ in homes)
    assert G.nodes["case:第5例"]["district"] == "北辰区"


def test_a_public_health_clinical_centre_is_a_hospital_a_case_is_admitted_to():
    G = casegraph.extract("患者刘某某，男，28岁，3月25日核酸检测阳性，已转运至南州市公共卫生临床中心隔离观察。\n",
                          city="南州", date="2022-03-26", doc_id="traj", tagger=False)
    assert ("刘某某", "南州市公共卫生临床中心") in _edges(G, "admitted_to")


def test_a_place_after_a_time_of_day_and_a_branch_after_a_plain_name():
    G = _graph("病例12的活动轨迹如下：\n"
               "3月8日 12:30-13:30 老街火锅就餐；15:00 好邻居便利店（滨河店）购物；\n"
               "3月9日 18:00 在肯德基（解放碑店）就餐。\n")
    visits = _edges(G, "visited")
    assert visits[("病例12", "老街火锅")] == "2022-03-08"
    assert visits[("病例12", "好邻居便利店（滨河店）")] == "2022-03-08"
    assert visits[("病例12", "肯德基（解放碑店）")] == "2022-03-09"


def test_a_label_heads_its_own_account_after_de():
    G = _graph("感染者7的基本情况：女，30岁，现住幸福里小区。\n病例8的行程轨迹：3月8日到星光超市购物。\n")
    assert ("感染者7", "幸福里小区") in _edges(G, "resides_at")
    assert ("病例8", "星光超市") in _edges(G, "visited")


def test_hospital_names_that_hold_a_list_word_or_a_lead_word_stay_whole():
    G = _graph("病例1：女，57岁。3月1日到武汉协和医院就诊，3月2日由南湖医科大学总医院转至自治区第四人民医院治疗，"
               "3月3日在市立医院北院区隔离治疗。\n病例2：男，60岁，3月4日先后就诊于甲区中医医院、甲区人民医院。\n")
    facilities = {name for _, name in G.nodes(data="name")}
    assert {"武汉协和医院", "南湖医科大学总医院", "自治区第四人民医院", "市立医院北院区",
            "甲区中医医院", "甲区人民医院"} <= facilities
    assert not {"治区第四人民医院", "立医院北院区"} & facilities


@pytest.mark.parametrize("text, district, home", [
    ("病例1：戴某某，男，31岁，居住岳塘区，2月3日确诊。", "岳塘区", None),
    ("患者冯某某，35岁，男性，在东昌府区居住，1月25日发热。", "东昌府区", None),
    ("病例3：男，40岁，发病前在朝阳区幸福小区居住。", "朝阳区", "幸福小区"),
    ("病例4：女，30岁，长居于海淀区明光小区。", "海淀区", "明光小区"),
    ("铁岭市病例1，男，30岁，1月20日发热。", "铁岭市", None),
    ("南康区患者杨某某，女，39岁，有武汉旅居史。", "南康区", None),
    ("患者22，女，37岁，渭南市临渭区，系确诊患者7的女儿。", "临渭区", None),
])
def test_more_ways_to_say_where_a_case_lives(text, district, home):
    G = casegraph.extract(text, date="2020-02-06", doc_id="traj", tagger=False)
    (case,) = [d for _, d in G.nodes(data=True) if d["type"] == "case" and "确诊患者7" not in d["name"]]
    assert case["district"] == district
    homes = {name for (_, name) in _edges(G, "resides_at")}
    assert homes == ({home} if home else set())


def test_a_stay_abroad_is_no_home():
    G = _graph("病例5为中国籍，在美国生活，3月18日自美国纽约出发，3月19日抵达上海浦东国际机场。\n")
    assert not _edges(G, "resides_at")


def test_a_travel_history_is_visits_and_a_denied_or_vague_one_none():
    G = _graph("病例1：男，65岁，3月1日-5日有南平旅居史。\n病例2：女，40岁，近期有湖北武汉、孝感旅行史。\n"
               "病例3：男，30岁，无武汉旅居史，有境外旅居史。\n")
    visits = _edges(G, "visited")
    assert visits[("病例1", "南平")] == "2022-03-01"
    assert {("病例2", "湖北武汉"), ("病例2", "孝感")} <= set(visits)
    assert not any(case == "病例3" for case, _ in visits)


def test_a_post_held_at_a_place_makes_it_the_workplace():
    G = _graph("病例1：女，38岁，在南郊机场担任保洁人员司机。\n病例2：男，45岁，就职于星光科技有限公司。\n")
    works = _edges(G, "works_at")
    assert ("病例1", "南郊机场") in works and ("病例2", "星光科技有限公司") in works


def test_names_that_hold_an_adverb_or_sit_on_a_road_and_a_trajectory_section_heading():
    G = _graph("一、病例基本情况\n病例1：女，75岁，3月1日出现发热。\n二、活动轨迹\n"
               "3月1日 上午在鹤洞路的好又多早餐店吃早餐；下午到时代广场购物，晚上到回民街就餐。\n")
    visits = {place for _, place in _edges(G, "visited")}
    assert {"时代广场", "回民街"} <= visits
    assert any(place.endswith("好又多早餐店") for place in visits) and "鹤洞路" not in visits


def test_route_forms_arrows_via_to_and_own_home():
    G = _graph("病例1：女，64岁。3月1日从宜昌经西安至天水麦积区，3月2日从南平搭乘私家车返回建阳区。\n"
               "病例2：男，30岁。3月3日到武汉天河机场→大同云冈机场→云冈区新胜街道自家小区。\n"
               "病例3：男，40岁，3月4日从香港到达首都机场，经闭环管理送至集中隔离酒店。\n")
    visits = {(case, place) for case, place in _edges(G, "visited")}
    assert {("病例1", "宜昌"), ("病例1", "西安"), ("病例1", "天水麦积区"), ("病例1", "南平")} <= visits
    assert {("病例2", "武汉天河机场"), ("病例2", "大同云冈机场")} <= visits
    names = {name for _, name in G.nodes(data="name")}
    assert not {"西安至天水麦积区", "南平搭", "自家小区", "闭环管理送"} & names


def test_a_hospital_that_keeps_a_case_under_observation_admits_it():
    G = _graph("病例1：女，57岁。3月6日被南州市第五医院隔离观察。\n病例2：男，40岁。3月7日到北州市人民医院就诊后被隔离观察。\n"
               "病例3：女，30岁。3月8日在如家酒店隔离观察。\n")
    admitted = _edges(G, "admitted_to")
    assert admitted[("病例1", "南州市第五医院")] == "2022-03-06"
    assert ("病例2", "北州市人民医院") in admitted
    assert not any(case == "病例3" for case, _ in admitted)


def test_the_hospital_is_what_follows_the_last_going_verb_of_a_care_phrase():
    G = _graph("病例1：男，25岁，于3月9日独自骑车到北郊医院发热门诊就诊。\n病例2：女，30岁，于3月9日步行到辖区医院就诊。\n"
               "病例3：男，40岁，于3月9日独自骑车到辖区医院发热门诊就诊。\n")
    names = {name for _, name in G.nodes(data="name")}
    assert ("病例1", "北郊医院") in _edges(G, "visited")
    assert not any("骑车" in name or "辖区" in name for name in names)


def test_a_named_testing_site_is_a_visited_place_an_unnamed_one_none():
    G = _graph("病例4：现住址：北州市延河小区。\n3月3日，曾到春晓小区核酸采集点接受核酸采集。\n"
               "3月4日，曾到虹桥核酸采样点接受核酸采集。\n病例5：女，30岁，3月5日到社区核酸采样点做核酸，3月6日到核酸采集点采样。\n")
    visits = _edges(G, "visited")
    assert visits[("病例4", "春晓小区核酸采集点")] == "2022-03-03"
    assert visits[("病例4", "虹桥核酸采样点")] == "2022-03-04"
    assert not any(case == "病例5" for case, _ in visits)
    kinds = {d["name"]: d.get("kind") for _, d in G.nodes(data=True)}
    assert kinds["虹桥核酸采样点"] == "test_site"


def test_a_farm_is_a_home_and_isolated_diagnosis_and_treatment_an_admission():
    G = _graph("病例1：男，49岁，现住白湖农场二分场。3月6日在南州市第四人民医院隔离诊疗。\n")
    assert ("病例1", "白湖农场二分场") in _edges(G, "resides_at")
    assert ("病例1", "南州市第四人民医院") in _edges(G, "admitted_to")


def test_one_facility_under_its_full_name_whatever_part_or_prefix_is_printed():
    G = _graph("病例1：女，8岁。3月2日由外公带其去儿童医院就诊，3月5日转至长春市儿童医院隔离治疗。\n"
               "病例2：男，58岁。3月3日收治县人民医院传染病科。\n")
    facilities = {d["name"]: d.get("aliases") for _, d in G.nodes(data=True) if d["type"] == "facility"}
    assert facilities["长春市儿童医院"] == ["儿童医院"] and "儿童医院" not in facilities
    assert "县人民医院" in facilities and "县人民医院传染病科" not in facilities


def test_a_dated_shift_at_a_place_makes_it_the_workplace():
    G = _graph("病例7：女，30岁，3月1日至3日每日8时至17时在北湖区人民医院上班。3月4日在星光超市购物。\n")
    assert ("病例7", "北湖区人民医院") in _edges(G, "works_at")
    assert ("病例7", "星光超市") in _edges(G, "visited")


def test_a_fever_clinic_visit_is_no_onset_and_the_factory_no_place():
    G = _graph("病例5：女，41岁，在白云区某服装厂工作。\n3月1日：中午在厂里食堂就餐。\n3月2日：全天在厂里工作。\n"
               "3月3日：到北湖区人民医院发热门诊就诊，核酸阳性。\n")
    case = G.nodes["case:病例5"]
    assert "onset_date" not in case and case["positive_date"] == "2022-03-03"
    assert not any(name.startswith("厂里") for _, name in G.nodes(data="name"))
