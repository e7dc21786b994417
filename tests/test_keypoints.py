"""Key points: 3–5 cited statements; disagreements shown side by side; well-backed ledes first."""
from __future__ import annotations

from datetime import date

from briefing.keypoints import select_key_points
from briefing.model import (ChronologyEntry, Citation, Claim, DiplomaticMove, Discrepancy,
                            InternationalReaction, SituationModel)


def cite(source: str, start: int, quote: str) -> Citation:
    return Citation(source=source, quote=quote, start=start, end=start + len(quote))


def model() -> SituationModel:
    late = "Later the ministry said talks would follow."
    lede = "Northland shelled border posts of Southland on Monday."
    return SituationModel(
        title="t", generated_at="2026-01-01T00:00:00",
        chronology=[
            ChronologyEntry(date=date(2025, 3, 1), text=late, citations=[cite("S1", 400, late)]),
            ChronologyEntry(date=date(2025, 3, 2), text=lede, citations=[cite("S2", 0, lede)]),
        ],
        discrepancies=[Discrepancy(about="People killed", claims=[
            Claim(value="at least 12 killed", count=12, reported_by="Southland health ministry",
                  citations=[cite("S2", 60, "at least 12 people were killed")]),
            Claim(value="4 killed", count=4, reported_by="Northland army",
                  citations=[cite("S1", 10, "four soldiers died")]),
        ])],
        diplomatic_moves=[DiplomaticMove(actor="Southland", action="recalled ambassador", text="x",
                                         citations=[cite("S2", 120, "Southland recalled its ambassador")])],
        international_reactions=[
            InternationalReaction(actor="Eastland", stance="condemn", citations=[cite("S3", 5, "Eastland condemned")]),
            InternationalReaction(actor="Westland", stance="condemn", citations=[cite("S3", 50, "Westland too")]),
        ],
    )


def test_three_to_five_points_each_cited():
    points = select_key_points(model())
    assert 3 <= len(points) <= 5
    assert all(p.citations and p.text for p in points)


def test_lede_beats_a_later_sentence_when_equally_backed():
    assert select_key_points(model())[0].text.startswith("Northland shelled")


def test_disagreement_lists_each_value_with_who_reported_it():
    text = next(p.text for p in select_key_points(model()) if "disagree" in p.text)
    assert "at least 12 killed (Southland health ministry)" in text
    assert "4 killed (Northland army)" in text
    assert {c.source for p in select_key_points(model()) if "disagree" in p.text for c in p.citations} == {"S1", "S2"}


def test_reactions_grouped_by_stance():
    text = next(p.text for p in select_key_points(model()) if p.text.startswith("International"))
    assert "Eastland and Westland condemned" in text


def test_a_revised_toll_reads_as_a_change_not_a_disagreement():
    m = model()
    m.discrepancies = [Discrepancy(about="People killed, toll over time", kind="change", claims=[
        Claim(value="3 killed", count=3, reported_by="army", citations=[cite("S1", 0, "three died")]),
        Claim(value="20 killed", count=20, reported_by="army", citations=[cite("S2", 0, "20 died")]),
    ])]
    text = next(p.text for p in select_key_points(m) if "3 killed" in p.text)
    assert text.startswith("The figure changed over time") and "3 killed (army) → 20 killed (army)" in text


def test_summary_of_reactions_leaves_out_uncoded_ones_when_others_exist():
    m = model()
    m.international_reactions.append(
        InternationalReaction(actor="Farland", stance="other", citations=[cite("S3", 90, "Farland said")]))
    text = next(p.text for p in select_key_points(m) if p.text.startswith("International"))
    assert "Farland" not in text and "Eastland and Westland condemned" in text


def test_a_crowd_of_reacting_actors_is_named_by_its_best_cited_few_and_counted():
    crowd = model()
    crowd.international_reactions = [
        InternationalReaction(actor=f"Land {i:02d}", stance="condemn",
                              citations=[cite(f"S{j}", i, f"Land {i:02d} condemned") for j in range(1, 2 + (i == 7) * 3)])
        for i in range(40)]
    text = next(p.text for p in select_key_points(crowd) if p.text.startswith("International"))
    assert "Land 07" in text, "the best-corroborated reaction is named"
    assert "35 others condemned" in text and "Land 39" not in text
    point = next(p for p in select_key_points(crowd) if p.text.startswith("International"))
    assert len({c.quote for c in point.citations}) == 40, "every counted reaction stays cited"


def test_a_disagreement_with_many_values_names_a_few_and_counts_the_rest():
    many = model()
    many.discrepancies = [Discrepancy(about="People killed", claims=[
        Claim(value=f"{n} killed", count=n, reported_by=f"Outlet {n}", citations=[cite("S1", n, f"{n} died")])
        for n in range(10, 20)])]
    text = next(p.text for p in select_key_points(many) if "disagree" in p.text)
    assert "10 killed (Outlet 10)" in text and "5 other values" in text and "19 killed" not in text
