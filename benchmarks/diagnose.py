#!/usr/bin/env python3
"""Show which gold items the extractor misses and which extracted items match no gold, per facet.

Uses the matching rules of ../shared/tools/score.py so the lists agree with its numbers.
Usage: python benchmarks/diagnose.py SITUATION_DIR [--facet casualties]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "tools" / "score.py"


def load_scorer():
    """Import score.py as a module."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_model(folder: Path) -> dict:
    """Run `briefing extract` on a folder and return the model."""
    out = Path(tempfile.mkdtemp()) / "model.json"
    subprocess.run([str(Path(sys.executable).with_name("briefing")), "extract", str(folder), "-o", str(out),
                    "--quiet"], check=True)
    return json.loads(out.read_text())


def main() -> int:
    """Print misses and unmatched extractions for one situation folder."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--facet", action="append", help="casualties, events, diplomatic, reactions, actors")
    a = ap.parse_args()
    sc = load_scorer()
    gold = json.loads((a.folder / "gold.json").read_text())
    model = run_model(a.folder)
    facets = a.facet or ["actors", "casualties", "events", "diplomatic", "reactions"]
    gnames = [[g["name"], *g.get("aliases", [])] for g in gold["actors"]]

    def actor_is(gold_actor, extracted):
        cands = [gold_actor] + [n for gn in gnames if any(sc.names_match(gold_actor, g) for g in gn) for n in gn]
        return any(sc.names_match(c, extracted) for c in cands)

    if "actors" in facets:
        xnames = [[x["name"], *x.get("aliases", [])] for x in model["actors"]]
        print("== actors missed:", [gn[0] for gn in gnames if not any(sc.names_match(g, x) for g in gn for xn in xnames for x in xn)])
        print("== actors unmatched:", [xn[0] for xn in xnames if not any(sc.names_match(g, x) for x in xn for gn in gnames for g in gn)])
    if "casualties" in facets:
        def cm(g, x):
            return g["count"] in {x.get("count"), x.get("count_max")} - {None} and \
                sc.outcome_of(g.get("killed_or_injured")) == sc.outcome_of(x.get("outcome"))
        gc = [g for g in gold["casualties"] if g.get("count") is not None]
        for g in gc:
            if not any(cm(g, x) for x in model["casualties"]):
                print("== casualty missed:", g["figure"], g["killed_or_injured"], "|", g.get("who"), "|", g["sources"])
        for x in model["casualties"]:
            if not any(cm(g, x) for g in gc):
                print("== casualty unmatched:", x.get("figure"), x["outcome"], "|", x["citations"][0]["quote"][:150])
    if "events" in facets:
        for g in gold["events"]:
            hit = False
            for x in model["chronology"]:
                if str(x.get("date") or "")[:10] == g["date"]:
                    gw = sc.content(g["what"])
                    hit |= len(gw & sc.content(x["text"])) >= (1 if len(gw) <= 3 else 2)
            if not hit:
                print("== event missed:", g["date"], g["what"][:150], g["sources"])
        gd = {g["date"] for g in gold["events"]}
        for x in model["chronology"]:
            if x.get("date") and x["date"] not in gd:
                print("== event wrong date:", x["date"], x["text"][:150])
    if "diplomatic" in facets:
        for g in gold["diplomatic_moves"]:
            if not any(actor_is(g["actor"], x["actor"]) and sc.content(g["action"]) & sc.content(x["action"] + " " + x.get("text", ""))
                       for x in model["diplomatic_moves"]):
                print("== move missed:", g["actor"], "|", g["action"], "|", g["sources"])
        print("== moves extracted:", [(x["actor"], x["action"]) for x in model["diplomatic_moves"]])
    if "reactions" in facets:
        for g in gold["international_reactions"]:
            ok = [x for x in model["international_reactions"] if actor_is(g["actor"], x["actor"])]
            if not ok or all(x["stance"] != g["stance"] for x in ok):
                print("== reaction missed:", g["actor"], g["stance"], "| got:", [x["stance"] for x in ok], g["sources"])
        print("== reactions extracted:", [(x["actor"], x["stance"]) for x in model["international_reactions"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
