"""Render: Markdown and HTML outputs parse, cite resolvable sources, and never let article text act as markup."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from briefing.model import SituationModel
from briefing.render import slugify, write_briefing
from briefing.render.html import render_html
from briefing.render.markdown import render_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "render" / "model.json"
HOSTILE = ("<script>alert(1)</script>", "{{ 7*7 }}", "| table | break |", "[link](javascript:alert(1))")


@pytest.fixture
def model() -> SituationModel:
    """The hand-made situation with every section filled and hostile article text."""
    return SituationModel.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def md_to_html(text: str) -> str:
    """GitHub-like Markdown rendering: CommonMark + tables + footnotes, raw HTML allowed (as GitHub does)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin).render(text)


def single_source_items(model: SituationModel) -> int:
    """How many cited findings rest on exactly one source."""
    items = [*model.key_points, *model.chronology, *model.casualties, *model.actors, *model.diplomatic_moves,
             *model.international_reactions, *(cl for d in model.discrepancies for cl in d.claims)]
    return sum(1 for i in items if len({c.source for c in i.citations}) == 1)


# ---------- file names and write_briefing ----------

@given(st.text(max_size=200))
def test_slug_is_always_a_safe_file_stem(title):
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 60


def test_slug_separates_words_joined_by_dashes_and_keeps_accented_letters():
    assert slugify("Arvania–Belmora: café ../../etc") == "arvania-belmora-cafe-etc"


def test_write_briefing_writes_every_format_named_after_the_title(model, tmp_path):
    timings = {}
    paths = write_briefing(model, tmp_path, ["md", "html", "email", "json"], timings=timings)
    stem = slugify(model.title)
    assert sorted(p.name for p in paths) == sorted(f"{stem}.{ext}" for ext in ("md", "html", "email.html", "eml", "json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)  # no leftover temp files
    assert set(timings) == {"md", "html", "email", "json"}
    assert SituationModel.model_validate_json((tmp_path / f"{stem}.json").read_text()) == model


@pytest.mark.parametrize("options", [{"paper": "A3"}, {"citations": "endnotes"}])
def test_bad_options_fail_before_anything_is_written(model, tmp_path, options):
    with pytest.raises(ValueError):
        write_briefing(model, tmp_path / "out", ["md", "html"], **options)
    assert not (tmp_path / "out").exists()


def test_unknown_format_is_rejected(model, tmp_path):
    with pytest.raises(ValueError):
        write_briefing(model, tmp_path, ["docx"])


def test_rendering_is_deterministic(model, tmp_path):
    a = write_briefing(model, tmp_path / "a", ["md", "html", "email"])
    b = write_briefing(model, tmp_path / "b", ["md", "html", "email"])
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


# ---------- Markdown ----------

def test_markdown_footnotes_resolve_and_tables_parse(model):
    text = render_markdown(model)
    refs = set(re.findall(r"\[\^(S\d+)\](?!:)", text))
    defs = set(re.findall(r"^\[\^(S\d+)\]:", text, re.M))
    assert refs and refs <= defs
    html = md_to_html(text)
    soup = BeautifulSoup(html, "html.parser")
    assert "[^" not in soup.get_text()  # every reference became a footnote link
    for link in soup.select("sup.footnote-ref a"):
        assert soup.find(id=link["href"][1:]) is not None
    tables = soup.find_all("table")
    # chronology, casualties, actors, one per disagreement: every row kept its columns
    assert len(tables) == 3 + len(model.discrepancies)
    rows = {len(t.find("thead").find_all("th")): len(t.find("tbody").find_all("tr")) for t in tables[:3]}
    assert rows == {3: len(model.chronology), 5: len(model.casualties), 4: len(model.actors)}
    for t in tables:
        width = len(t.find("thead").find_all("th"))
        assert all(len(tr.find_all("td")) == width for tr in t.find("tbody").find_all("tr"))


def test_markdown_article_text_cannot_inject_markup(model):
    html = md_to_html(render_markdown(model))
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "b"])
    assert all(a["href"].startswith(("http://", "https://", "#")) for a in soup.find_all("a"))
    text = soup.get_text()
    for hostile in HOSTILE:
        assert hostile in text  # shown literally, as data
    assert "49" not in text  # template syntax in data is never evaluated


def test_markdown_marks_single_source_items_and_counts_support(model):
    text = render_markdown(model)
    assert text.count("⚠ *single source*") == single_source_items(model)
    assert "*3 sources*" in text


def test_markdown_sections_in_reading_order(model):
    text = render_markdown(model)
    heads = re.findall(r"^## (.+)$", text, re.M)
    assert heads == ["Key points", "Chronology", "Casualties", "Actors", "Diplomatic moves",
                     "International reactions", "Where sources disagree", "Sources"]
    assert "1–5 May 2031" in text and "Sources:** 5" in text


def test_markdown_inline_citations_link_only_to_web_sources(model):
    text = render_markdown(model, citations="inline")
    assert "[^" not in text
    soup = BeautifulSoup(md_to_html(text), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.find_all("a") if a.get_text().startswith("[S")}
    assert links["[S1]"] == model.sources[0].url
    assert "[S3]" not in links and "[S3]" in soup.get_text()  # the javascript: source stays plain text


def test_empty_model_says_none_reported():
    empty = SituationModel(title="Quiet week", generated_at="2031-01-01T00:00:00+00:00")
    text = render_markdown(empty)
    assert "None reported." in text and "not established" in text
    assert BeautifulSoup(render_html(empty), "html.parser").find("h1").get_text() == "Quiet week"


# ---------- HTML ----------

def test_html_is_self_contained_and_scriptless(model):
    soup = BeautifulSoup(render_html(model), "html.parser")
    assert not soup.find_all("script") and not soup.find_all("link")
    assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
    assert not [t for t in soup.find_all(src=True) if not t["src"].startswith("data:")]
    assert "font-family" in soup.find("style").get_text()
    assert '"' in soup.find("style").get_text()  # CSS is not HTML-escaped


def test_html_citations_resolve_and_carry_the_quote(model):
    soup = BeautifulSoup(render_html(model), "html.parser")
    cites = soup.select("a.cite")
    assert cites
    for a in cites:
        target = soup.find(id=a["href"][1:])
        assert target is not None and target.name == "li"
        assert a.select_one(".pop-q").get_text().startswith("“")
    for a in soup.find_all("a", href=True):
        assert a["href"].startswith("#") and soup.find(id=a["href"][1:]) or a["href"].startswith(("http://", "https://"))
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_html_shows_hostile_text_as_text(model):
    page = render_html(model)
    soup = BeautifulSoup(page, "html.parser")
    text = soup.get_text()
    for hostile in HOSTILE:
        assert hostile in text
    assert "javascript:" not in " ".join(a["href"] for a in soup.find_all("a", href=True))


def test_html_has_every_section_and_single_source_marks(model):
    soup = BeautifulSoup(render_html(model), "html.parser")
    assert [h.get_text() for h in soup.select("main h2")] == [
        "Key points", "Chronology", "Casualties", "Actors", "Diplomatic moves", "International reactions",
        "Where sources disagree", "Sources"]
    assert len(soup.select("#key-points li")) == len(model.key_points)
    assert len(soup.select("main .support.single")) == single_source_items(model)
    assert len(soup.select("#sources ol.sources > li")) == len(model.sources)
    # the toll dispute is called out next to the casualty table, claims side by side further down
    assert soup.select("#casualties .callout") and soup.select("#casualties tr.disputed")
    assert len(soup.select("#disagreements .claim")) == sum(len(d.claims) for d in model.discrepancies)
    stances = [h.get_text() for h in soup.select("#reactions h3")]
    assert stances[0] == "Condemned" and len(stances) == len({r.stance for r in model.international_reactions})


def test_html_pictures_are_inline_svg(model):
    soup = BeautifulSoup(render_html(model), "html.parser")
    svgs = soup.find_all("svg")
    assert len(svgs) == 2
    bars = soup.select("figure.bars rect")
    numeric = [c for c in model.casualties if c.count]
    assert len(bars) == len(numeric) + sum(1 for c in numeric if c.count_max)
    assert not BeautifulSoup(render_html(model, pictures=False), "html.parser").find_all("svg")


def test_user_templates_extend_the_defaults(model, tmp_path):
    (tmp_path / "briefing.html.j2").write_text(
        '{% extends "default:briefing.html.j2" %}{% block footer %}<footer id="mine">Desk copy</footer>{% endblock %}')
    (tmp_path / "briefing.md.j2").write_text(
        '{% extends "default:briefing.md.j2" %}{% block header %}# Desk: {{ model.title }}\n{% endblock %}')
    soup = BeautifulSoup(render_html(model, tmp_path), "html.parser")
    assert soup.find(id="mine").get_text() == "Desk copy" and soup.select("#sources li")
    text = render_markdown(model, tmp_path)
    assert text.startswith("# Desk: Tarn river crossing clashes: Arvania–Belmora \\<crisis\\> \\| May 2031")


def test_template_mistakes_fail_loudly(model, tmp_path):
    from jinja2 import UndefinedError

    (tmp_path / "briefing.html.j2").write_text("{{ model.no_such_field }}")
    with pytest.raises(UndefinedError):
        render_html(model, tmp_path)


def test_json_output_is_the_model(model, tmp_path):
    (path,) = write_briefing(model, tmp_path, ["json"])
    assert json.loads(path.read_text())["title"] == model.title


MD_TRICKY = st.sampled_from(list("ab1. -+#*_[]()<>|`~!&;\\:/=\n\t\"'{}") + ["javascript:", "&amp;", "http://x.y", "<b>", "1)"])


@given(st.lists(MD_TRICKY, max_size=30).map("".join))
def test_escaped_text_renders_as_exactly_that_text_in_paragraphs_and_cells(text):
    from briefing.render.env import md_escape

    para = BeautifulSoup(md_to_html(md_escape(text)), "html.parser")
    assert {t.name for t in para.find_all(True)} <= {"p"}
    assert " ".join(para.get_text().split()) == " ".join(text.split())
    if text.strip():
        table = BeautifulSoup(md_to_html(f"| h |\n|---|\n| {md_escape(text)} |"), "html.parser")
        (cell,) = table.find_all("td")
        assert not cell.find_all(True) and " ".join(cell.get_text().split()) == " ".join(text.split())


def test_role_column_only_when_some_actor_has_a_role(model):
    bare = model.model_copy(update={"actors": [a.model_copy(update={"role": ""}) for a in model.actors]})
    for m, has_role in ((model, True), (bare, False)):
        soup = BeautifulSoup(render_html(m), "html.parser")
        assert ("Role" in [th.get_text() for th in soup.select("#actors th")]) is has_role
        table = BeautifulSoup(md_to_html(render_markdown(m)), "html.parser").find_all("table")[2]
        assert ("Role" in [th.get_text() for th in table.find_all("th")]) is has_role
        assert all(len(tr.find_all("td")) == (4 if has_role else 3) for tr in table.find("tbody").find_all("tr"))


def test_user_stylesheet_replaces_the_built_in_one(model, tmp_path):
    (tmp_path / "briefing.css").write_text("body { color: #123456; }")
    style = BeautifulSoup(render_html(model, tmp_path), "html.parser").find("style").get_text()
    assert "#123456" in style and "prefers-color-scheme" not in style


HOSTILE_TEXT = st.lists(st.sampled_from(["<script>", "</td>", "<img src=x onerror=alert(1)>", '"', "'", "|", "[x](javascript:y)",
                                         "{{ 7*7 }}", "{% raw %}", "&lt;b&gt;", "\n", "*", "_", "`", "word"]),
                        min_size=1, max_size=12).map("".join)


@settings(deadline=None, max_examples=25)
@given(HOSTILE_TEXT)
def test_any_article_text_stays_text_in_every_html_format(text):
    from briefing.render.email import render_email

    base = SituationModel.model_validate_json(FIXTURE.read_text(encoding="utf-8"))
    hostile = base.model_copy(update={
        "title": text,
        "key_points": [kp.model_copy(update={"text": text}) for kp in base.key_points],
        "actors": [a.model_copy(update={"name": text, "role": text}) for a in base.actors],
        "sources": [s.model_copy(update={"title": text, "outlet": text, "url": text}) for s in base.sources],
    })
    pages = [render_html(hostile), render_email(hostile)[0], md_to_html(render_markdown(hostile))]
    for page in pages:
        soup = BeautifulSoup(page, "html.parser")
        assert not soup.find_all(["script", "img"])
        assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
        assert "javascript:" not in " ".join(t.get("href", "") for t in soup.find_all(href=True))
    for table in BeautifulSoup(pages[2], "html.parser").find_all("table"):  # no cell spills into another
        width = len(table.find("thead").find_all("th"))
        assert all(len(tr.find_all("td")) == width for tr in table.find("tbody").find_all("tr"))


def test_reports_from_one_outlet_count_as_one_independent_source(model):
    from briefing.render.view import View

    same = model.model_copy(deep=True)
    same.sources[1].outlet = "Harbor Wire (via Metro Ledger)"  # S2 becomes a copy of S1's outlet
    view = View(same)
    kp = same.key_points[2]  # cited by S2 and S5
    assert view.support(kp) == 2
    both = kp.model_copy(update={"citations": [c.model_copy(update={"source": s}) for c, s in zip(kp.citations, ["S1", "S2"])]})
    assert len(view.cites(both)) == 2 and view.support(both) == 1
    same.sources[0].outlet, same.sources[1].outlet = "Daily Post (Wire Agency)", "Wire Agency"
    assert View(same).support(both) == 1  # a wire story run by a paper is still the wire's report


# ---------- figures that changed over time ----------

def test_a_toll_that_changed_over_time_reads_as_a_change_not_a_disagreement(model):
    from briefing.render.email import render_email_parts
    d = model.discrepancies[0]
    changed = d.model_copy(update={"kind": "change", "about": "People killed, toll over time"})
    for n, claim in enumerate(changed.claims):
        claim.value = f"{(n + 1) * 7} killed"
    values = [cl.value for cl in changed.claims]
    only_change = model.model_copy(update={"discrepancies": [changed]})
    html = BeautifulSoup(render_html(only_change, pictures=False), "html.parser").get_text(" ")
    md = render_markdown(only_change)
    email_html, email_text = render_email_parts(only_change)
    email_html = BeautifulSoup(email_html, "html.parser").get_text(" ")
    for text in (html, md, email_html):
        text = re.sub(r"\s+", " ", text)
        assert "Figure changed over time" in text and " → ".join(values) in text
        assert "Sources disagree on People killed" not in text
    assert "Figure changed over time" in email_text and " -> ".join(values) in email_text
    kept = model.model_copy(update={"discrepancies": [d]})
    assert "Figure changed over time" not in render_markdown(kept)


def test_citation_macros_match_the_python_helpers(model, tmp_path):
    """User templates may still call the macros; they print what the built-in templates print."""
    from briefing.render.html import render_html

    (tmp_path / "page.html.j2").write_text(
        '{% import "default:macros.html.j2" as m with context %}'
        "{% for kp in model.key_points %}{{ m.cited(v, kp, link) }}|{{ m.cite(v, kp, 'url') }}|"
        "{{ m.support(v, kp) }}\n{% endfor %}", encoding="utf-8")
    (tmp_path / "direct.html.j2").write_text(
        "{% for kp in model.key_points %}{{ cites.cited(v, kp, link, show_quotes) }}|"
        "{{ cites.cite_markers(v, kp, 'url', show_quotes) }}|{{ cites.support_badge(v, kp) }}\n{% endfor %}",
        encoding="utf-8")
    via_macros = render_html(model, tmp_path, template="page.html.j2")
    assert via_macros == render_html(model, tmp_path, template="direct.html.j2")
    assert 'class="pop-q"' in via_macros and "sources" in via_macros
