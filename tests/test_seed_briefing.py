"""The README's promise: `briefing build seeds` writes every format, and the PDF reads right."""
from __future__ import annotations

import json

from pypdf import PdfReader

from briefing.cli import main
from conftest import SEEDS


def test_seed_build_writes_five_formats_and_a_readable_pdf(tmp_path):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "--title", "Seed situation", "-q"]) == 0
    suffixes = sorted(p.name.split(".", 1)[1] for p in tmp_path.iterdir())
    assert suffixes == ["email.html", "eml", "html", "json", "md", "pdf"]
    model = json.loads((tmp_path / "seed-situation.json").read_text())
    assert 3 <= len(model["key_points"]) <= 5
    reader = PdfReader(tmp_path / "seed-situation.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    text = " ".join(pages)
    assert pages[0].count("Page 1 of") == 1 and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    for point in model["key_points"]:
        assert " ".join(point["text"].split()[:6]) in text
    assert "Sources" in text and all(s["stem"] in text for s in model["sources"])


def seed_model():
    from briefing.pipeline import build_model
    return build_model([str(SEEDS)])


def test_seed_briefing_has_what_an_analyst_expects():
    """The seed situation: dated strikes, the actors, the figures, the moves, the reactions."""
    model = seed_model()
    dated = {(e.date.isoformat() if e.date else None) for e in model.chronology}
    assert {"2024-01-16", "2024-01-18"} <= dated
    early = [e for e in model.chronology if e.date and e.date.isoformat() == "2024-01-16"]
    assert any("Tehran" in e.text for e in early)
    actors = {a.name: a for a in model.actors}
    for name in ("Pakistan", "Iran", "China", "United States", "India", "Jaish al-Adl",
                 "Baloch Liberation Army", "Baloch Republican Front"):
        assert name in actors, name
    assert "Tehran" in actors["Iran"].aliases and "Islamabad" in actors["Pakistan"].aliases
    figures = {(c.count, c.outcome) for c in model.casualties}
    assert {(9, "killed"), (7, "killed"), (2, "killed")} <= figures
    assert any(c.count == 2 and "children" in c.victims for c in model.casualties)
    assert any({cl.count for cl in d.claims} >= {7, 9} for d in model.discrepancies)
    actions = " ".join(m.action for m in model.diplomatic_moves if m.actor == "Pakistan")
    for word in ("recalled", "expelled", "downgraded"):
        assert word in actions
    stances = {(r.actor, r.stance) for r in model.international_reactions}
    assert ("China", "mediate") in stances and ("United States", "condemn") in stances
    assert any(actor == "India" for actor, _ in stances)


def test_no_boilerplate_reaches_the_briefing(tmp_path):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "-f", "md,json", "-q"]) == 0
    for path in tmp_path.iterdir():
        assert "Advertisment" not in path.read_text()
