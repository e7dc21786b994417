"""End to end: every citation is an exact span of its source; input order never changes the model."""
from __future__ import annotations

import random


from briefing.pipeline import analyze_inputs
from briefing.merge import merge_findings
from conftest import SEEDS

FIXED_NOW = __import__("datetime").datetime(2026, 1, 1)


def all_citations(model):
    """Every citation in the model, including those inside discrepancy claims."""
    for field in ("key_points", "chronology", "actors", "casualties", "diplomatic_moves",
                  "international_reactions"):
        for item in getattr(model, field):
            yield field, item.citations
    for d in model.discrepancies:
        for claim in d.claims:
            yield "discrepancies", claim.citations


def check_exact_spans(inputs):
    findings, _ = analyze_inputs(inputs)
    model = merge_findings(findings, now=FIXED_NOW)
    texts = {}
    for src in model.sources:
        art = next(f.article for f in findings if f.article.stem == src.stem)
        texts[src.id] = art.text
    count = 0
    for field, cits in all_citations(model):
        assert cits, f"an item in {field} has no citation"
        for c in cits:
            assert c.source in texts, f"{field}: unknown source {c.source}"
            assert texts[c.source][c.start:c.end] == c.quote, f"{field}: quote is not the span it claims"
            count += 1
    return model, count


def test_seed_citations_are_exact_spans():
    check_exact_spans([str(SEEDS)])


def test_corpus_citations_are_exact_spans(corpus_dirs):
    for folder in corpus_dirs:
        check_exact_spans([str(folder)])


def test_input_order_does_not_change_the_model(tmp_path, corpus_dirs):
    files = sorted(p for d in corpus_dirs[:1] for p in d.glob("*.txt"))
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    a = merge_findings(analyze_inputs([str(p) for p in files])[0], now=FIXED_NOW)
    b = merge_findings(analyze_inputs([str(p) for p in shuffled])[0], now=FIXED_NOW)
    assert a.model_dump() == b.model_dump()
