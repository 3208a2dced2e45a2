"""Dates with a meaning: an edge's date is the date of its event, and says which event."""
import casegraph


def edges(text: str, date: str = "2022-04-14") -> dict:
    G = casegraph.extract(text, city="某市", date=date)
    return {(G.nodes[u]["name"], G.nodes[v]["name"], k): (d.get("date"), d.get("date_kind"))
            for u, v, k, d in G.edges(keys=True, data=True)}


def test_each_relation_dates_its_own_event():
    found = edges("感染者2：现住东城区青松园8号楼。4月4日作为感染者1的密切接触者进行集中隔离。"
                  "4月6日到星光超市购物。4月8日转至定点医院。")
    assert found["感染者1", "感染者2", "close_contact"] == ("2022-04-04", "quarantine")
    assert found["感染者2", "集中隔离点", "isolated_at"] == ("2022-04-04", "quarantine")
    assert found["感染者2", "星光超市", "visited"] == ("2022-04-06", "visit")
    assert found["感染者2", "定点医院", "admitted_to"] == ("2022-04-08", "admission")
    assert found["感染者2", "青松园8号楼", "resides_at"] == (None, None)  # no date, no kind


def test_an_exposure_dated_as_such():
    found = edges("病例3：男，40岁。4月2日与病例1有过接触。")
    assert found["病例1", "病例3", "close_contact"] == ("2022-04-02", "exposure")


def test_the_day_in_a_reference_to_an_earlier_list_belongs_to_its_name():
    found = edges("本土确诊病例30：女，30岁，系12月25日发布的本土确诊病例126的密切接触者。",
                  date="2021-12-28")
    assert found["12月25日本土确诊病例126", "本土确诊病例30", "close_contact"] == (None, None)
