"""Cue words of casegraph.extract.dates's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Words joining a date span's two days (``4月13日至15日``).
DATE_SPAN_WORDS = ("至", "到")
# Parts of a day after a date (``13日凌晨``, ``晚上``).
DATE_DAY_PARTS = ("凌晨", "早上", "晚上", "晚间", "早晨", "傍晚", "夜间", "深夜", "晚", "早", "夜")
# Days named relative to another (``当日``, ``次日``, ``第二天``), before 第2天.
RELATIVE_DAYS = ("当日", "当天", "同日", "同一天", "次日", "翌日", "第二天")
# More such days, after 第2天 (``隔日``, ``今天``, ``昨日``).
RELATIVE_DAYS_2 = ("隔日", "今日", "今天", "昨日", "昨天")
# Days named after the day last told, and how many days after it they are (``次日``: 1).
NEXT_DAY_OFFSETS = {"次日": 1, "翌日": 1, "第二天": 1, "第2天": 1, "隔日": 1}
