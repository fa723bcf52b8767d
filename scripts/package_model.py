"""Copy a trained spaCy pipeline into the package, with a provenance note.

Usage: python scripts/package_model.py build/parser/model-best          (tagger and parser: data/model)
       python scripts/package_model.py --ner build/ner-model/model-best (entity recogniser: data/ner)
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data"
PARSER = {
    "name": "eventledger_ewt",
    "description": ("Tagger, UPOS morphologizer and dependency parser trained by `make model` on UD English EWT "
                    "(CC BY-SA 4.0) from training/parser.cfg; see NOTICE."),
    "sources": [{"name": "UD English EWT", "url": "https://universaldependencies.org/treebanks/en_ewt/",
                 "license": "CC BY-SA 4.0"}],
}
NER = {
    "name": "eventledger_ner",
    "description": ("Entity recogniser (PER, ORG, LOC) trained by `make model` from training/ner.cfg on GUM's openly "
                    "licensed genres, CrossNER politics, UNER English-EWT dev and half of re3d; see NOTICE."),
    "sources": [
        {"name": "GUM (news, interview, bio, voyage, academic, court)", "url": "https://gucorpling.org/gum/",
         "license": "CC BY 4.0 annotations; CC BY / CC BY-SA texts"},
        {"name": "CrossNER politics", "url": "https://github.com/zliucr/CrossNER", "license": "MIT"},
        {"name": "UNER English-EWT", "url": "https://github.com/UniversalNER/UNER_English-EWT",
         "license": "CC BY-SA 4.0"},
        {"name": "re3d", "url": "https://github.com/dstl/re3d",
         "license": "per folder: CC BY 3.0 AU, OGL v3, public domain, CC BY-SA 3.0"},
    ],
}


def main(args: list[str]) -> int:
    ner = "--ner" in args
    rest = [a for a in args if a != "--ner"]
    source = Path(rest[0] if rest else ("build/ner-model/model-best" if ner else "build/parser/model-best"))
    target = DATA / ("ner" if ner else "model")
    if not (source / "config.cfg").exists():
        print(f"{source} is not a trained spaCy pipeline (no config.cfg)", file=sys.stderr)
        return 1
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta.update(NER if ner else PARSER)
    (target / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"packaged {source} into {target} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
