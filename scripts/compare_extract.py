"""Byte-for-byte comparison of `eventledger extract` output, for changes that must not change behaviour.

    python scripts/compare_extract.py --save build/extract-before    # before the change
    python scripts/compare_extract.py --check build/extract-before   # after: exits 1 on any difference

Each corpus is run through the installed `eventledger extract` (a separate process each, two at a time);
its JSON output is saved whole and compared byte for byte. Corpora that are absent are reported and
skipped; a corpus present at --save time but missing at --check time is a failure.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = [sys.executable, "-m", "eventledger.cli", "extract", "--indent", "1"]


def corpora(data: Path, work: Path) -> dict[str, Path]:
    """The inputs compared: name -> a copy in `work` (the path is in the output: each document's `origin`)."""
    found = {
        "example": ROOT / "examples" / "camp-ashraf-2019-10-19.txt",
        "isaf-dev": data / "isaf" / "dev.jsonl",
        "gvc-train": data / "gvc" / "train.jsonl",
        "world-news-dev": data / "world-news" / "dev.jsonl",
        "gva-first-1000": data / "gva" / "docs.jsonl",
    }
    copies = {}
    for name, path in found.items():
        if not path.exists():
            print(f"absent {name}: {path}")
            continue
        copy = work / f"{name}{path.suffix}"
        with path.open(encoding="utf-8") as source, copy.open("w", encoding="utf-8") as sink:
            for number, line in enumerate(source):
                if name == "gva-first-1000" and number == 1000:
                    break
                sink.write(line)
        copies[name] = copy
    return copies


def run(path: Path) -> bytes:
    # the tree this script is in, whatever the virtual environment has installed
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([*EXTRACT, str(path)], capture_output=True, check=False, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise SystemExit(f"extract failed on {path}: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="directory to write the outputs to")
    mode.add_argument("--check", type=Path, help="directory of saved outputs to compare with")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    # A fixed place for the GVA slice: its path is in the output (each document's `origin`).
    work = Path(tempfile.gettempdir()) / "eventledger-compare"
    work.mkdir(exist_ok=True)
    inputs = corpora(args.data, work)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outputs = dict(zip(inputs, pool.map(run, inputs.values()), strict=True))
    target = args.save or args.check
    failed = False
    if args.save:
        target.mkdir(parents=True, exist_ok=True)
        for name, output in outputs.items():
            (target / f"{name}.json").write_bytes(output)
            print(f"saved {name}: {len(output):,} bytes, sha256 {hashlib.sha256(output).hexdigest()[:16]}")
        return 0
    for saved in sorted(target.glob("*.json")):
        name = saved.stem
        if name not in outputs:
            print(f"MISSING {name}: saved before, not produced now")
            failed = True
            continue
        before, after = saved.read_bytes(), outputs[name]
        if before == after:
            print(f"identical {name}: {len(after):,} bytes, sha256 {hashlib.sha256(after).hexdigest()[:16]}")
        else:
            lines_before, lines_after = before.splitlines(), after.splitlines()
            first = next((i for i, (a, b) in enumerate(zip(lines_before, lines_after, strict=False)) if a != b),
                         min(len(lines_before), len(lines_after)))
            print(f"DIFFERENT {name}: first difference at line {first + 1}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
