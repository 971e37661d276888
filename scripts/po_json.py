"""Untranslated strings out, translations in, as JSON (for many new strings at once).

    python scripts/po_json.py dump > todo.json     # {"msgid": "" or ["", ""] for plurals}
    python scripts/po_json.py load done.json       # {"msgid": "en" or ["en one", "en many"]}

`load` sets msgstr (or msgstr[0]/[1]) for each msgid and removes its fuzzy flag; a msgid that is
not in the catalogue is reported and makes the command fail.
"""

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "wijknet/locale/en/LC_MESSAGES/django.po"


def unquote(block: str, key: str) -> str | None:
    match = re.search(rf"^{re.escape(key)} ((?:\".*\"\n?)+)", block, re.M)
    if not match:
        return None
    return "".join(re.findall(r'"(.*)"', match.group(1)))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\\\", "\\")


def blocks():
    return PO.read_text(encoding="utf-8").split("\n\n")


def dump():
    todo = {}
    for block in blocks()[1:]:
        if block.lstrip().startswith("#~"):
            continue
        msgid = unquote(block, "msgid")
        if not msgid:
            continue
        fuzzy = re.search(r"^#,.*fuzzy", block, re.M)
        plural = unquote(block, "msgid_plural")
        if plural is not None:
            if fuzzy or not unquote(block, "msgstr[0]") or not unquote(block, "msgstr[1]"):
                todo[unescape(msgid)] = {"plural": unescape(plural), "en": ["", ""]}
        elif fuzzy or not unquote(block, "msgstr"):
            todo[unescape(msgid)] = ""
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)


def load(path):
    wanted = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for block in blocks():
        msgid = unquote(block, "msgid")
        key = unescape(msgid) if msgid else None
        if key and key in wanted:
            value = wanted.pop(key)
            lines = [ln for ln in block.splitlines() if not ln.startswith("#|")]
            lines = [ln.replace("#, fuzzy, ", "#, ").replace("#, fuzzy", "") for ln in lines]
            head = [ln for ln in lines if ln.startswith("#") and ln.strip() not in ("#", "#,")]
            body = [f"msgid {quote(key)}"]
            if unquote(block, "msgid_plural") is not None:
                if isinstance(value, dict):
                    value = value["en"]
                one, many = value
                body += [
                    f"msgid_plural {quote(unescape(unquote(block, 'msgid_plural')))}",
                    f"msgstr[0] {quote(one)}",
                    f"msgstr[1] {quote(many)}",
                ]
            else:
                body.append(f"msgstr {quote(value)}")
            block = "\n".join(head + body)
        out.append(block)
    PO.write_text("\n\n".join(out), encoding="utf-8")
    if wanted:
        sys.exit(f"not in the catalogue: {list(wanted)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"]:
        dump()
    elif sys.argv[1:2] == ["load"] and len(sys.argv) == 3:
        load(sys.argv[2])
    else:
        sys.exit(__doc__)
