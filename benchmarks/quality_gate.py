#!/usr/bin/env python3
"""Extraction quality gate: score the corpora with ../shared/tools/score.py and fail below pinned floors.

Three sets are scored: ../shared/corpus (the development corpus), benchmarks/heldout (hand-written
reports used to check generalisation during development) and benchmarks/blind (measured, never tuned on). Floors live in benchmarks/quality_floors.json,
one table per set; a change may raise a floor, never lower it.
Skips (exit 0) when ../shared is absent, as on a user's fresh clone.
Usage: python benchmarks/quality_gate.py [--update]   (--update raises floors to the current scores)
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "benchmarks" / "quality_floors.json"


def briefing_command() -> str:
    """The installed `briefing` beside this interpreter, else the module."""
    exe = Path(sys.executable).with_name("briefing")
    return str(exe) if exe.exists() else f"{sys.executable} -m briefing"


EVAL_SETS = {"corpus": SHARED / "corpus", "heldout": ROOT / "benchmarks" / "heldout",
             "blind": ROOT / "benchmarks" / "blind"}


def current_scores(corpus: Path) -> tuple[dict[str, float], float]:
    """Macro scores over every situation folder of `corpus`, and the wall time the run took."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), str(corpus),
         "--run", f"{briefing_command()} extract {{dir}} -o {{json}} --quiet"],
        capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    print(out.stdout, end="")
    if out.stderr.strip():
        print(out.stderr, file=sys.stderr, end="")
    macro = out.stdout.strip().splitlines()[-1]
    scores = {}
    for pair in macro.split()[1:]:
        name, value = pair.split("=")
        if value != "-":
            scores[name] = float(value)
    return scores, elapsed


def main(argv: list[str]) -> int:
    """Compare the scores with the floors; with --update, raise floors that the scores exceed."""
    if not (SHARED / "tools" / "score.py").exists():
        print(f"quality gate skipped: {SHARED} not found")
        return 0
    all_floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    failures = []
    for name, corpus in EVAL_SETS.items():
        scores, elapsed = current_scores(corpus)
        print(f"{name} scored in {elapsed:.1f} s\n")
        floors = all_floors.get(name, {})
        if "--update" in argv:
            all_floors[name] = {k: max(floors.get(k, 0.0), v) for k, v in scores.items()}
        failures += [f"{name} {k}: {scores.get(k, 0.0):.2f} < floor {v:.2f}" for k, v in sorted(floors.items())
                     if scores.get(k, 0.0) + 1e-9 < v]
    if "--update" in argv:
        FLOORS.write_text(json.dumps(all_floors, indent=1, sort_keys=True) + "\n")
        print(f"floors written to {FLOORS}")
        return 0
    for line in failures:
        print(f"QUALITY REGRESSION {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
