"""PDF render: pages, metadata, bookmarks, internal citation links, paper sizes, and no file or network access."""
from __future__ import annotations

import base64
import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.model import SituationModel
from briefing.render import write_briefing
from briefing.render.pdf import refusing_fetcher, render_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "render" / "model.json"


@pytest.fixture(scope="module")
def model() -> SituationModel:
    """The hand-made situation with hostile article text."""
    return SituationModel.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reader(model) -> PdfReader:
    """The fixture rendered once as an A4 PDF."""
    return PdfReader(io.BytesIO(render_pdf(model)))


def outline_titles(outline) -> list[str]:
    """Every bookmark title, depth first."""
    titles = []
    for node in outline:
        titles += outline_titles(node) if isinstance(node, list) else [node.title]
    return titles


def test_pdf_metadata_and_text(model, reader):
    assert len(reader.pages) >= 2
    meta = reader.metadata
    assert meta.title == model.title and meta.creator == "briefing"
    assert "Arvania" in meta["/Keywords"] and meta["/Subject"].startswith(model.key_points[0].text[:30])
    assert meta["/CreationDate"].startswith("D:20310506")
    # accessible variant: tagged, with a language and the PDF/UA identification
    assert reader.trailer["/Root"]["/Lang"] == "en" and "/StructTreeRoot" in reader.trailer["/Root"]
    assert b"pdfuaid:part" in reader.xmp_metadata.stream.get_data()
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for kp in model.key_points:
        assert " ".join(kp.text.split()[:6]) in text
    for src in model.sources:
        assert src.outlet in text
    assert "Page 1 of" in text  # running footer
    assert text.index("Key points") < text.index("Chronology") < text.index("Sources")


def test_pdf_bookmarks_follow_sections(reader):
    titles = outline_titles(reader.outline)
    top = [n.title for n in reader.outline if not isinstance(n, list)]
    assert top == ["Key points", "Chronology", "Casualties", "Actors", "Diplomatic moves",
                   "International reactions", "Where sources disagree", "Sources"]
    assert "Called for restraint" in titles  # h3 nested under its section


def test_pdf_citations_link_inside_the_document(reader):
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) or []
             if a.get_object().get("/Subtype") == "/Link"]
    internal = [a for a in links if "/Dest" in a]
    assert sum(str(a["/Dest"]).startswith("src-") for a in internal) >= 10
    names = set(reader.named_destinations)
    assert {str(a["/Dest"]) for a in internal} <= names


def test_letter_paper(model, tmp_path):
    (path,) = write_briefing(model, tmp_path, ["pdf"], paper="Letter")
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_fetcher_refuses_files_and_network_but_reads_data_uris():
    fetcher = refusing_fetcher()
    for url in ("file:///etc/passwd", "http://127.0.0.1/x.png", "https://example.org/a.css", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64," + base64.b64encode(b"hi").decode()).read() == b"hi"


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def test_local_files_never_reach_the_pdf(model, tmp_path):
    (tmp_path / "pixel.png").write_bytes(PNG)
    data_uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.html.j2").write_text(
        '{% extends "default:briefing.html.j2" %}{% block footer %}'
        f'<img src="file://{tmp_path}/pixel.png"><img src="{tmp_path}/pixel.png">{{% endblock %}}')
    pdf = render_pdf(model, tmp_path / "templates")
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf
    (tmp_path / "templates" / "briefing.html.j2").write_text(
        '{% extends "default:briefing.html.j2" %}{% block footer %}' f'<img src="{data_uri}">{{% endblock %}}')
    assert b"/Image" in render_pdf(model, tmp_path / "templates")  # the check above can fail


def test_weasyprint_is_imported_only_for_pdf(tmp_path):
    code = ("import sys; from briefing.model import SituationModel; from briefing.render import write_briefing;"
            f"m = SituationModel.model_validate_json(open({str(FIXTURE)!r}).read());"
            f"write_briefing(m, {str(tmp_path)!r}, ['md', 'html', 'email', 'json']);"
            "print('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_absurdly_long_words_are_shortened_in_text_only():
    from briefing.render.pdf import tame_long_words

    token = "x" * 100_000
    html = f'<p title="{token}">short words stay &amp; so do tags</p><p>{token}</p>'
    tamed = tame_long_words(html)
    assert tamed.startswith(f'<p title="{token}">short words stay &amp; so do tags</p><p>')
    shown = tamed.split("<p>")[-1].removesuffix("</p>")
    head, tail = shown.split("…")
    assert tail == "x" * 20 and len(shown) < 200
    assert head.split("\u200b")[0] == "x" * 40  # break points for the line breaker


def test_pdf_leaves_out_the_hidden_citation_popups(model):
    from briefing.render.pdf import render_pdf_html

    html = render_pdf_html(model)
    assert 'class="cite"' in html and 'class="pop"' not in html


def test_pdf_restores_the_garbage_collector(model):
    import gc

    before = gc.get_threshold()
    render_pdf(model)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
