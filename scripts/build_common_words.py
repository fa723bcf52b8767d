"""Build src/eventledger/data/lowercase-words.txt: words English text usually writes in lower case.

Usage: python scripts/build_common_words.py [../shared/data/ud-english-ewt]

A word is listed when UD English EWT's training text (CC BY-SA 4.0) writes it in lower case at least twice and at
least four times as often as capitalised inside a sentence (`date`, `more`, `free`, `mission`; not `Houston`,
`Davis`, `Jordan`). The place finder uses it to tell a capitalised ordinary word (`Date:`, `More`, a title-case
headline) from a town named like it. Only the word list is shipped, no text.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "lowercase-words.txt"


def main(source: Path) -> int:
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for line in (source / "en_ewt-ud-train.conllu").read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if line.startswith("#") or len(columns) < 2 or not columns[0].isdigit():
            continue
        word = columns[1]
        if not word.isalpha():
            continue
        if word.islower():
            lower[word] += 1
        elif word[0].isupper() and not word.isupper() and columns[0] != "1":
            capitalised[word.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= 2 and n >= 4 * capitalised[w])
    OUT.write_text("# Words English usually writes in lower case, from UD English EWT train (CC BY-SA 4.0).\n"
                   "# Rebuild: make dictionaries\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ud-english-ewt")))
