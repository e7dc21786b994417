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
