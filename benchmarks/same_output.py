"""Does a speed-up change what briefing finds? Snapshot every model and every article's findings, then compare.

    .venv/bin/python benchmarks/same_output.py save /tmp/before            # before the change
    .venv/bin/python benchmarks/same_output.py check /tmp/before           # after it: exit 1 on any difference
    .venv/bin/python benchmarks/same_output.py check /tmp/before --scaled 1000 -j 2

Covers the seeds, every folder of ../shared/corpus, benchmarks/heldout and benchmarks/blind (a situation model
each, `generated_at` fixed), plus a scaled corpus (`scale_corpus.py`, default 500 articles): its findings per
article (so a difference names the article) and its merged model. A refactoring meant to be output-neutral
must pass `check`; a deliberate change in findings shows here first, article by article.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ROOT / "benchmarks" / "results" / "corpora"


def situation_dirs() -> list[Path]:
    """Every evaluation folder that exists here: seeds, shared corpus, heldout and blind sets."""
    dirs = [ROOT / "seeds"]
    for parent in (SHARED / "corpus", ROOT / "benchmarks" / "heldout", ROOT / "benchmarks" / "blind"):
        if parent.is_dir():
            dirs += sorted(p for p in parent.iterdir() if p.is_dir())
    return dirs


def scaled_corpus(size: int) -> Path:
    """The cached scaled corpus of `size` articles (built by scale_corpus.py when missing)."""
    path = CORPORA / f"n{size}-s0"
    if not path.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale_corpus.py"), str(size), str(path),
                        "--seed", "0"], check=True)
    return path


def _model_json(model) -> str:
    data = json.loads(model.model_dump_json())
    data.pop("generated_at", None)
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)


def snapshot(scaled: int, jobs: int) -> dict[str, str]:
    """Name → canonical JSON text of everything compared."""
    from briefing.merge import merge_findings
    from briefing.pipeline import analyze_inputs, build_model

    out: dict[str, str] = {}
    for folder in situation_dirs():
        out[f"model/{folder.parent.name}/{folder.name}"] = _model_json(build_model([str(folder)], jobs=1))
    if scaled:
        started = time.perf_counter()
        findings, skipped = analyze_inputs([str(scaled_corpus(scaled))], jobs=jobs)
        for f in findings:
            text = json.dumps(json.loads(f.model_dump_json()), indent=1, sort_keys=True, ensure_ascii=False)
            out[f"findings/{f.article.key}"] = text
        out[f"model/scaled-{scaled}"] = _model_json(merge_findings(findings, skipped=skipped))
        print(f"scaled corpus: {len(findings)} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    """Save or check a snapshot; exit 1 when `check` finds a difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("folder", type=Path, help="where the snapshot is (or goes)")
    parser.add_argument("--scaled", type=int, default=500, help="scaled corpus size (0: none)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    current = snapshot(args.scaled, args.jobs)
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        (args.folder / "snapshot.json").write_text(json.dumps(current, sort_keys=True), encoding="utf-8")
        print(f"saved {len(current)} items to {args.folder / 'snapshot.json'}")
        return 0
    saved = json.loads((args.folder / "snapshot.json").read_text(encoding="utf-8"))
    differ = sorted(k for k in saved.keys() & current.keys() if saved[k] != current[k])
    missing, extra = sorted(saved.keys() - current.keys()), sorted(current.keys() - saved.keys())
    for name in differ[:20]:
        print(f"DIFFERS {name}")
        import difflib
        diff = difflib.unified_diff(saved[name].splitlines(), current[name].splitlines(), lineterm="", n=1)
        print("\n".join(list(diff)[2:40]))
    for name in missing[:10]:
        print(f"MISSING {name}")
    for name in extra[:10]:
        print(f"EXTRA {name}")
    same = not (differ or missing or extra)
    digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:12]
    print(f"{'same' if same else 'DIFFERENT'}: {len(current)} items, {len(differ)} differ, "
          f"{len(missing)} missing, {len(extra)} extra (digest {digest})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
