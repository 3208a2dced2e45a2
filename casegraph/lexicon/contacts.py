"""Cue words of casegraph.extract.contacts's rules, each tuple in the order its regex tries them."""
# contacts.CONTACT_OF_RE: words such as 作为
CONTACT_OF_WORDS = ("作为", "系", "为", "是", "属")
# contacts.CONTACT_OF_RE: words such as 密切接触者
CONTACT_OF_WORDS_2 = ("密切接触者", "密接", "次密切接触者")
# contacts.CONTACT_OF_NO_DE_RE: words such as 密切接触者
CONTACT_OF_NO_DE_WORDS = ("密切接触者", "密接")
# contacts.CONTACT_COUNT_RE: words such as 密切接触者
CONTACT_COUNT_WORDS = ("密切接触者", "密接者", "密接")
# contacts.CONTACT_COUNT_RE: words such as 是
CONTACT_COUNT_WORDS_2 = ("是", "为", "有")
# contacts.CONTACT_COUNT_RE: words such as 共
CONTACT_COUNT_WORDS_3 = ("共", "合计", "累计")
# contacts.CONTACT_COUNT_RE: words such as 人
CONTACT_COUNT_WORDS_4 = ("人", "名", "位")
# contacts.CONTACT_PLAIN_RE: words such as 其
CONTACT_PLAIN_WORDS = ("其", "该病例", "该患者")
# contacts.CONTACT_PLAIN_RE: words such as 追踪到
CONTACT_PLAIN_WORDS_2 = ("追踪到", "排查出", "排查到")
# contacts.TALLY_LEAD_RE: words such as 目前 (``目前追踪到密切接触者224人，已解除医学观察37人``: a tally of the city's contacts, no one's own.)
TALLY_LEAD_WORDS = ("目前", "截至", "截止", "累计", "全市", "全省", "全区", "共")
# contacts.CONTACT_WITH_RE: words such as 有
CONTACT_WITH_WORDS = ("有", "曾有", "存在")
# contacts.CONTACT_OF_RE: words such as 同一家庭成员
CONTACT_OF_WORDS_3 = ("同一家庭成员", "家庭成员", "同住人", "同事")
# contacts.PARTNER_GATE_RE: words such as 病例 (Clauses without these name no partner the way _partners reads them.)
PARTNER_GATE_WORDS = ("病例", "患者", "感染者", "某")
