"""Cue words of casegraph.extract.dates's rules, each tuple in the order its regex tries them."""
# dates.DATE_RE: words such as 至 (2022年4月14日 | 4月13日 | 4月13号 | 13日 (never a bare number, never 14号楼). A span's second …)
DATE_WORDS = ("至", "到")
# dates.DATE_RE: words such as 凌晨 (2022年4月14日 | 4月13日 | 4月13号 | 13日 (never a bare number, never 14号楼). A span's second …)
DATE_WORDS_2 = ("凌晨", "早上", "晚上", "晚间", "早晨", "傍晚", "夜间", "深夜", "晚", "早", "夜")
# dates.DATE_RE: words such as 当日 (2022年4月14日 | 4月13日 | 4月13号 | 13日 (never a bare number, never 14号楼). A span's second …)
DATE_WORDS_3 = ("当日", "当天", "同日", "同一天", "次日", "翌日", "第二天")
# dates.DATE_RE: words such as 隔日 (2022年4月14日 | 4月13日 | 4月13号 | 13日 (never a bare number, never 14号楼). A span's second …)
DATE_WORDS_4 = ("隔日", "今日", "今天", "昨日", "昨天")
