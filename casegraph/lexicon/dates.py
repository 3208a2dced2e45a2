"""Cue words of casegraph.extract.dates's rules, each tuple in the order its regex tries them."""
# dates.DATE_RE: words such as 至 (2022年4月14日 | 4月13日 | 4月13号 | 13日 (never a bare number, never 14号楼). A span's second …)
DATE_WORDS = ("至", "到")
