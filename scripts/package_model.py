"""Copy a trained spaCy pipeline into the package (src/eventledger/data/model), with a provenance note.

Usage: python scripts/package_model.py build/parser/model-best
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "model"


def main(source: Path) -> int:
    if not (source / "config.cfg").exists():
        print(f"{source} is not a trained spaCy pipeline (no config.cfg)", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(source, TARGET)
    meta = json.loads((TARGET / "meta.json").read_text(encoding="utf-8"))
    meta["name"] = "eventledger_ewt"
    meta["description"] = ("Tagger, UPOS morphologizer and dependency parser trained by `make model` on UD English EWT "
                           "(CC BY-SA 4.0) from training/parser.cfg; see NOTICE.")
    meta["sources"] = [{"name": "UD English EWT", "url": "https://universaldependencies.org/treebanks/en_ewt/",
                        "license": "CC BY-SA 4.0"}]
    (TARGET / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"packaged {source} into {TARGET} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/parser/model-best")))
