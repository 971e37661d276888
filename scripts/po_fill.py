"""Fill or fix English translations in the catalogue: `python scripts/po_fill.py 'nl=en' ...`.

Removes the fuzzy flag of every entry it sets. Used after `make messages` for new strings.
"""

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "wijknet/locale/en/LC_MESSAGES/django.po"


def unquote(block: str, key: str) -> str | None:
    match = re.search(rf'^{key} ((?:".*"\n?)+)', block, re.M)
    if not match:
        return None
    return "".join(re.findall(r'"(.*)"', match.group(1)))


def main(pairs):
    wanted = dict(pair.split("=", 1) for pair in pairs)
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    out = []
    for block in blocks:
        msgid = unquote(block, "msgid")
        if msgid in wanted and "msgid_plural" not in block:
            lines = [ln for ln in block.splitlines() if not ln.startswith("#|")]
            lines = [ln.replace("#, fuzzy, ", "#, ").replace("#, fuzzy", "") for ln in lines]
            head = [ln for ln in lines if ln.startswith("#") and ln.strip() != "#"]
            block = "\n".join(head + [f'msgid "{msgid}"', f'msgstr "{wanted.pop(msgid)}"'])
        out.append(block)
    PO.write_text("\n\n".join(out), encoding="utf-8")
    if wanted:
        sys.exit(f"not found: {list(wanted)}")


if __name__ == "__main__":
    main(sys.argv[1:])
