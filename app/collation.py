"""Chinese order: names sort by pinyin (沂南 after 桃园, before 白马 only in code point order), as a Chinese
reader expects, with the same order in every list, export and PDF.

Each name carries a sort key kept beside it (units.name_key, persons.name_key, written by the triggers every
program connection installs: app/db.py), so that the paged lists sort in SQL. A character's key is its most
common reading (pypinyin's dictionary, tone as a digit: 长 → chang2) followed by the character itself, so the
same reading groups by character; the readings of the place names and words where the common reading is wrong
(重庆, 厦门, 单县, 银行 …) are set in PHRASES.
"""

from __future__ import annotations

from functools import lru_cache

from .normalize import halfwidth

# Words whose characters are read otherwise than alone: counties, cities and words common in unit names.
PHRASES: dict[str, tuple[str, ...]] = {
    "重庆": ("chong2", "qing4"), "厦门": ("xia4", "men2"), "单县": ("shan4", "xian4"), "长清": ("chang2", "qing1"),
    "银行": ("yin2", "hang2"), "行业": ("hang2", "ye4"), "商行": ("shang1", "hang2"), "车行": ("che1", "hang2"),
    "重工": ("zhong4", "gong1"), "重型": ("zhong4", "xing2"), "乐山": ("le4", "shan1"), "乐陵": ("le4", "ling2"),
    "长沙": ("chang2", "sha1"), "长春": ("chang2", "chun1"), "长治": ("chang2", "zhi4"), "长兴": ("chang2", "xing1"),
    "长安": ("chang2", "an1"), "长城": ("chang2", "cheng2"), "长江": ("chang2", "jiang1"), "蚌埠": ("beng4", "bu4"),
    "东阿": ("dong1", "e1"), "阿胶": ("e1", "jiao1"), "朝阳": ("chao2", "yang2"), "曾都": ("zeng1", "du1"),
    "大厦": ("da4", "sha4"), "调度": ("diao4", "du4"), "调查": ("diao4", "cha2"), "调解": ("tiao2", "jie3"),
    "都市": ("du1", "shi4"), "首都": ("shou3", "du1"), "成都": ("cheng2", "du1"), "供销": ("gong1", "xiao1"),
}
LONGEST = max(len(p) for p in PHRASES)


@lru_cache(maxsize=65536)
def _reading(ch: str) -> str:
    """A character's most common reading with its tone as a digit (5: neutral), or the character itself."""
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    found = pinyin_dict.get(ord(ch))
    if not found:
        return ""
    tone3 = to_tone3(found.split(",")[0], neutral_tone_with_five=True)
    return tone3 if tone3[-1:].isdigit() else tone3 + "5"


@lru_cache(maxsize=200_000)
def name_key(text: str | None) -> str:
    """The sort key of a name: per character its reading and itself (a character without one: itself, lower
    case), joined by spaces, which sort before any reading."""
    if not text:
        return ""
    text = halfwidth(text).strip()
    parts: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(LONGEST, len(text) - i), 1, -1):
            readings = PHRASES.get(text[i:i + size])
            if readings:
                parts += [r + c for r, c in zip(readings, text[i:i + size], strict=True)]
                i += size
                break
        else:
            ch = text[i]
            reading = _reading(ch)
            parts.append(reading + ch if reading else ch.lower())
            i += 1
    return " ".join(parts)


KEYED = ("units", "persons")   # the tables whose names carry a key


def install(conn) -> None:
    """The key function and, where the tables have their key column, the triggers that keep it current, on one
    connection of the program (another tool writing the file leaves a key stale until the name is next saved)."""
    conn.create_function("name_key", 1, name_key, deterministic=True)
    for table in KEYED:
        columns = {r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")}
        if "name_key" not in columns:
            continue
        conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS key_{table}_insert AFTER INSERT ON main.{table}"
                     f" WHEN NEW.name_key IS NOT name_key(NEW.name) BEGIN"
                     f" UPDATE {table} SET name_key = name_key(NEW.name) WHERE id = NEW.id; END")
        conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS key_{table}_name AFTER UPDATE OF name ON main.{table}"
                     f" WHEN NEW.name_key IS NOT name_key(NEW.name) BEGIN"
                     f" UPDATE {table} SET name_key = name_key(NEW.name) WHERE id = NEW.id; END")
