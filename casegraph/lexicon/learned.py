"""Cue words of casegraph.extract.learned's rules (re-exported by casegraph.lexicon). A regex reads a
tuple with lx.alternation, longest word first, or with lx.in_order, in the tuple's order."""
# Words of no place a tagger may still mark: pronoun places, a person's home (``家中``, ``本地``, ``该``).
NOT_TAGGED_PLACE_WORDS = ("家中", "住处", "住所", "家里", "老家", "本地", "当地", "外地", "本市", "我市", "该市", "其", "该", "同一", "附近", "病例", "感染者")
# Characters that end an admin unit, at the head of a tagged place or before its town (``西安市``, ``雁塔区``, ``旗``).
ADMIN_UNIT_CHARS = "市省县区旗"
# What a bracket after a tagged place holds when it stays in the name (``X超市(岗厦店)``, ``分院``).
TAGGED_BRANCH_ENDINGS = ("店", "分店", "院区", "分院", "校区", "分公司")
# Characters near a place of each role (``现住``, ``居住``, ``家住``, ``户籍``, ``X人``, ``村民``, ``住址``,
# and ``在武汉工作``, ``武汉某公司职员``, which the tagger reads as homes): a window of text without
# one holds no place of that role, and is not tagged for it.
RESIDENCE_WINDOW_CUES = ("住", "居", "家", "户", "籍", "人", "民", "址", "工", "职")
