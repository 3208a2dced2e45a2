"""Cue words of casegraph.extract.contacts's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Copulas before a case's contact label (``系病例3的密切接触者``, ``作为``).
CONTACT_OF_COPULAS = ("作为", "系", "为", "是", "属")
# Contact words after a case's label, in the order tried (``病例3的密切接触者``, ``次密切接触者``).
CONTACT_OF_NOUNS = ("密切接触者", "密接", "次密切接触者")
# Contact words right after a case's label, with no 的 (``病例3密接``).
CONTACT_OF_NO_DE_NOUNS = ("密切接触者", "密接")
# Verbs before such a count (``密切接触者为12人``, ``有``).
CONTACT_COUNT_VERBS = ("是", "为", "有")
# Total words before such a count (``共12人``, ``累计``).
CONTACT_COUNT_TOTALS = ("共", "合计", "累计")
# Units of such a count (``12人``, ``12名``).
CONTACT_COUNT_UNITS = ("人", "名", "位")
# Who the contacts belong to (``其密切接触者``, ``该病例``).
CONTACT_PLAIN_SUBJECTS = ("其", "该病例", "该患者")
# Verbs of tracing contacts (``追踪到密切接触者12人``, ``排查出``).
CONTACT_TRACED_VERBS = ("追踪到", "排查出", "排查到")
# Words of a tally of a city's contacts, no one's own (``目前追踪到密切接触者224人``, ``全市``).
TALLY_LEADS = ("目前", "截至", "截止", "累计", "全市", "全省", "全区", "共")
# Verbs before 接触 of a contact with someone (``与病例3有接触``, ``存在密切接触``).
CONTACT_WITH_VERBS = ("有", "曾有", "存在")
# Household and work words after a case's label (``病例3的家庭成员``, ``同事``).
CONTACT_OF_HOUSEHOLD_WORDS = ("同一家庭成员", "家庭成员", "同住人", "同事")
# Words without which a clause names no partner (``病例``, ``患者``, ``王某``).
PARTNER_GATE_WORDS = ("病例", "患者", "感染者", "某")

# Words of a relation between two people (``与病例13为夫妻关系``, ``其与第32例为亲戚关系``);
# with ``密切接触`` in the same sentence, the two are close contacts (GUIDE.md).
RELATION_KIN_WORDS = ("夫妻", "母子", "母女", "父子", "父女", "兄弟", "姐妹", "兄妹", "姐弟", "祖孙",
                      "婆媳", "翁婿", "亲戚", "亲属", "夫妇")
# Relations other than kinship, read as for RELATION_KIN_WORDS (``与病例3为同事关系``).
RELATION_OTHER_WORDS = ("同事", "同学", "朋友", "邻居", "室友")
