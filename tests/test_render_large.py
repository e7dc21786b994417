"""Render a very big situation: the PDF and email stay briefings (capped, saying what they leave out), the HTML stays
complete, the timeline groups its marks; small briefings show none of this."""
from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.model import SituationModel
from briefing.render.charts import MAX_EVENT_DOTS, timeline
from briefing.render.email import MAX_HTML_BYTES, render_email
from briefing.render.html import render_html
from briefing.render.pdf import render_pdf_html
from briefing.render.view import PDF_DISAGREEMENTS, PDF_MARKERS, PDF_ROWS, View, quotes_per_source

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "render" / "model.json"
COPIES = 25  # 125 sources, 150 chronology entries: past every PDF cap, well past the email limit
NOT_SHOWN = re.compile(r"(\d+) more ([\w ,]+?) not shown")


def small_model() -> SituationModel:
    """The hand-made situation: every section filled."""
    return SituationModel.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def big_model(copies: int = COPIES) -> SituationModel:
    """The small situation repeated `copies` times, each copy citing its own sources; key points cite them all."""
    small = small_model()
    ids = [s.id for s in small.sources]

    def moved(item, k: int, text_field: str = ""):
        """A copy of `item` citing copy k's sources, its text marked with k."""
        cites = [c.model_copy(update={"source": f"S{k * len(ids) + ids.index(c.source) + 1}"})
                 for c in item.citations if c.source in ids]
        update = {"citations": cites}
        if text_field:
            update[text_field] = f"{getattr(item, text_field)} (copy {k})"
        return item.model_copy(update=update)

    sources = [s.model_copy(update={"id": f"S{k * len(ids) + i + 1}", "title": f"{s.title} (copy {k})"})
               for k in range(copies) for i, s in enumerate(small.sources)]
    copied = {name: [moved(item, k, text) for k in range(copies) for item in getattr(small, name)]
              for name, text in (("chronology", "text"), ("casualties", "victims"), ("actors", "name"))}
    # Moves and reactions come from the first two copies only: the later copies' sources are then cited
    # only by entries the PDF leaves out, and so not listed there.
    for name, text in (("diplomatic_moves", "action"), ("international_reactions", "actor")):
        copied[name] = [moved(item, k, text) for k in range(2) for item in getattr(small, name)]
    discrepancies = [d.model_copy(update={"about": f"{d.about} (copy {k})",
                                          "claims": [moved(cl, k) for cl in d.claims]})
                     for k in range(copies) for d in small.discrepancies]
    key_points = [kp.model_copy(update={"citations": [c for k in range(copies) for c in moved(kp, k).citations]})
                  for kp in small.key_points]
    return small.model_copy(update={"sources": sources, "discrepancies": discrepancies, "key_points": key_points,
                                    **copied})


@pytest.fixture(scope="module")
def big() -> SituationModel:
    """The big situation, built once."""
    return big_model()


@pytest.fixture(scope="module")
def pdf_page(big) -> BeautifulSoup:
    """The HTML the PDF is laid out from, parsed."""
    return BeautifulSoup(render_pdf_html(big), "html.parser")


def not_shown(soup: BeautifulSoup) -> dict[str, int]:
    """What each "K more … not shown" line says is left out: kind → K."""
    return {m.group(2): int(m.group(1))
            for p in soup.select("p.not-shown") for m in [NOT_SHOWN.search(p.get_text(" ", strip=True))] if m}


def test_pdf_caps_long_sections_and_says_how_many_are_left_out(big, pdf_page):
    lines = not_shown(pdf_page)
    chron_rows = pdf_page.select("section#chronology table.chron tbody tr")
    assert len(chron_rows) == PDF_ROWS
    assert lines["chronology entries"] == len(big.chronology) - PDF_ROWS
    assert len(pdf_page.select("section#casualties tbody tr")) == PDF_ROWS
    assert lines["reported figures"] == len(big.casualties) - PDF_ROWS
    assert len(pdf_page.select("section#actors tbody tr")) == PDF_ROWS
    assert lines["actors"] == len(big.actors) - PDF_ROWS
    assert len(pdf_page.select("section#disagreements div.disagreement")) == PDF_DISAGREEMENTS
    assert lines["disagreements"] == len(big.discrepancies) - PDF_DISAGREEMENTS
    # The shown entries keep the full list's numbers, in order.
    numbers = [int(row.select_one("span.num").get_text()) for row in chron_rows]
    assert numbers == sorted(numbers) and len(set(numbers)) == PDF_ROWS and numbers[-1] <= len(big.chronology)


def test_pdf_caps_quotes_markers_and_sources_without_breaking_links(big, pdf_page):
    listed = pdf_page.select("ol.sources > li")
    assert 0 < len(listed) < len(big.sources)
    assert not_shown(pdf_page)["sources, cited only in entries this document leaves out,"] == \
        len(big.sources) - len(listed)
    for li in listed:
        assert len(li.select("ul.quotes > li:not(.not-shown)")) <= quotes_per_source(len(big.sources))
    assert any("more quoted passage" in li.get_text() for li in pdf_page.select("li.not-shown"))
    anchors = {li["id"] for li in listed}
    for a in pdf_page.select("a.cite"):  # every marker on the page points at a listed source
        assert a["href"].lstrip("#") in anchors
    key_points = pdf_page.select("section#key-points li")
    cited_by_all = max(key_points, key=lambda li: len(li.select("a.cite")))
    assert len(cited_by_all.select("a.cite")) == PDF_MARKERS
    assert re.search(r"\+\d+ more sources", cited_by_all.get_text())


def test_pdf_of_a_big_situation_prints_the_cut_lines(big):
    import io

    from pypdf import PdfReader

    from briefing.render.pdf import render_pdf

    reader = PdfReader(io.BytesIO(render_pdf(big, pictures=False)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    left_out = len(big.chronology) - PDF_ROWS
    assert f"{left_out} more chronology entries not shown (full list in the HTML/JSON briefing)" in text
    assert "more quoted passage" in text and re.search(r"\+\d+ more sources", text)


def test_full_html_stays_complete(big):
    page = BeautifulSoup(render_html(big), "html.parser")
    assert not page.select("p.not-shown") and "+" not in "".join(a.get_text() for a in page.select(".cite"))
    assert len(page.select("section#chronology table.chron tbody tr")) == len(big.chronology)
    assert len(page.select("ol.sources > li")) == len(big.sources)
    assert len(page.select("section#disagreements div.disagreement")) == len(big.discrepancies)


def test_email_of_a_big_situation_fits_and_says_what_it_leaves_out(big):
    html, eml = render_email(big)
    assert len(html.encode("utf-8")) < MAX_HTML_BYTES and len(eml) < MAX_HTML_BYTES
    body = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
    assert body.count("more not shown here. Full list in the HTML/JSON briefing.") >= 2  # disagreements, sources
    sources = BeautifulSoup(html, "html.parser").find("h2", string="Sources").find_next("ol")
    assert len(sources.find_all("li")) < len(big.sources)
    text = message_from_bytes(eml, policy=policy.default).get_body(("plain",)).get_content()
    assert "Full list in the HTML/JSON briefing." in text and "more]" in text


def test_timeline_groups_many_events_into_counted_marks(big):
    picture = timeline(View(big))
    dated = [e for e in big.chronology if e.date and e.date_precision in ("day", "approximate")]
    assert len(dated) > MAX_EVENT_DOTS and picture.grouped
    assert sum(d.number for d in picture.dots) == len(dated) == picture.events
    assert len(picture.dots) == len({e.date for e in dated})  # a short period: one mark per day
    svg = BeautifulSoup(render_html(big), "html.parser").select_one("figure.timeline svg")
    assert len(svg.select("circle")) == len(picture.dots)
    assert "counted per day" in svg.title.get_text()


def test_small_briefings_show_no_cut():
    from briefing.pipeline import build_model

    models = [small_model()] + ([build_model([str(ROOT / "seeds")])] if (ROOT / "seeds").is_dir() else [])
    for model in models:
        page = render_pdf_html(model)
        html, eml = render_email(model)
        assert "not-shown" not in page and "HTML/JSON briefing" not in page and "more source" not in page
        assert "more not shown" not in html and b"more not shown" not in eml and b"more]" not in eml
        picture = timeline(View(model))
        assert picture is None or not picture.grouped
