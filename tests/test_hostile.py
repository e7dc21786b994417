"""Hostile and broken input end to end: payloads in titles, bodies, outlets and URLs come out inert in every
format; broken files are named and skipped while the good ones still make the briefing."""
from __future__ import annotations

import email
import http.server
import json
import re
import subprocess
import threading
import unicodedata
from email import policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from pypdf import PdfReader

import briefing.render.pdf as pdf_module
from briefing.cli import main
from briefing.ingest import load_articles
from briefing.model import SituationModel

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LONG = "A" * 100_000
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORMATS = "md,html,email,pdf,json"

# (id, payload, what a reader must still see as text — None when the payload is meant to vanish)
PAYLOADS = [
    ("img-onerror", "<img src=x onerror=alert(1)>", "onerror=alert(1)"),
    ("script", "<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("iframe", '<iframe src="javascript:alert(1)"></iframe>', "<iframe"),
    ("svg-onload", "<svg/onload=alert(1)>", "<svg/onload=alert(1)>"),
    ("attr-breakout", '"><b onmouseover=alert(1)>x</b>', "onmouseover=alert(1)"),
    ("js-link", '<a href="javascript:alert(1)">click</a>', "javascript:alert(1)"),
    ("jinja-expr", "{{ 7*7 }} and {{ 7*1337 }}", "{{ 7*7 }}"),
    ("jinja-stmt", "{% for x in range(3) %}X{% endfor %}", "{% for x in range(3) %}"),
    ("jinja-config", "{{ config }} {{ self.__init__.__globals__ }}", "{{ config }}"),
    ("md-pipes", "a | b || c |", "a | b || c |"),
    ("md-link", "[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("md-image", "![x](file:///etc/passwd)", "![x](file:///etc/passwd)"),
    ("md-autolink", "<javascript:alert(1)> <http://127.0.0.1:{port}/auto>", "javascript:alert(1)"),
    ("md-footnote", "[^S1]: fake source [^x]", "fake source"),
    ("md-html-comment", "<!-- x --> **bold** _it_ `code` # heading", "**bold**"),
    ("css-link", "<link rel=stylesheet href=http://127.0.0.1:{port}/x.css>", "rel=stylesheet"),
    ("css-url", "<div style=\"background:url(http://127.0.0.1:{port}/bg.png)\">url(file:///etc/passwd)</div>",
     "url(file:///etc/passwd)"),
    ("css-import", "<style>@import 'http://127.0.0.1:{port}/i.css';</style>", "@import"),
    ("controls", "ctrl\x00\x01\x07\x08\x1b[31m\x7f\x9b end", None),
    ("bidi", "gnp.exe\u202ecod.txt \u2066isolate\u2069", None),
    ("path-title", "../../etc/passwd", "../../etc/passwd"),
    ("abs-path", "/tmp/x", "/tmp/x"),
    ("long-token", LONG, "AAAAAAAAAAAAAAAAAAAA"),
]

# Hostile addresses for the `url` field: none may become a link.
BAD_URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd", "vbscript:msgbox(1)", "https://example.org/a\"onmouseover=\"alert(1)",
            "//127.0.0.1:{port}/proto-relative", "http://"]


class Recorder(http.server.BaseHTTPRequestHandler):
    """Loopback server that records every request (a PDF fetch would land here)."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server naming
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body{color:red}")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A loopback HTTP server on a free port; yields the port and stops itself."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the fetcher for during the test."""
    urls: list[str] = []
    original = pdf_module.refusing_fetcher

    def spying_fetcher():
        fetcher = original()
        fetch = fetcher.fetch

        def spy(url, *args, **kwargs):
            urls.append(str(url))
            return fetch(url, *args, **kwargs)
        fetcher.fetch = spy
        return fetcher
    monkeypatch.setattr(pdf_module, "refusing_fetcher", spying_fetcher)
    return urls


def hostile_records(payload: str, url: str = "") -> list[dict]:
    """Two reports that disagree on a toll, with the payload in headline, outlet and sentences."""
    texts = [
        f"At least 12 people were killed on 14 May 2031 when floods hit the town of Varna {payload}, officials said. "
        f"The interior ministry said 40 others were injured. {payload}\n\n"
        f"On 15 May 2031 the government of Norland recalled its ambassador {payload} from Sudmark.",
        f"At least 15 people were killed on 14 May 2031 in Varna, the Red Cross said {payload}. "
        f"The United Nations expressed concern {payload} on 16 May 2031.",
    ]
    return [{"title": f"{payload} Flood kills {n} in Varna", "source": f"{payload} Herald {n}",
             "url": url or f"https://example.org/news/{n}", "date": "2031-05-14", "text": text}
            for n, text in zip((12, 15), texts)]


def build(tmp_path: Path, records: list[dict], *extra: str, formats: str = FORMATS) -> tuple[Path, int]:
    """Write the records as a JSON input and run `briefing build` in-process; (out dir, exit code)."""
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "articles.json").write_text(json.dumps(records), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(src), "-o", str(out), "-f", formats, "-q", *extra])
    return out, code


def outputs(out: Path) -> dict[str, Path]:
    """The written files by kind."""
    found = {}
    for path in out.iterdir():
        for kind in ("email.html", "eml", "html", "md", "pdf", "json"):
            if path.name.endswith("." + kind):
                found.setdefault(kind, path)
                break
    return found


def source_urls(out: Path) -> set[str]:
    """The http(s) source links the model allows to appear as links."""
    model = SituationModel.model_validate_json(outputs(out)["json"].read_text(encoding="utf-8"))
    return {s.url for s in model.sources if re.match(r"https?://[^/\s]", s.url)}


# --- checks -------------------------------------------------------------------------------------

DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "link", "base", "form", "frame", "frameset", "applet",
                  "img", "video", "audio", "source", "input")


def assert_inert_html(html: str, allowed: set[str], label: str) -> BeautifulSoup:
    """No active markup, handlers or addresses other than in-page anchors and the source links."""
    soup = BeautifulSoup(html, "html.parser")
    for selector in DANGEROUS_TAGS:
        assert not soup.select(selector), f"{label}: <{selector}> in output"
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):  # only our own Content-Security-Policy
        assert meta["http-equiv"].lower() == "content-security-policy", f"{label}: {meta}"
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            assert not attr.lower().startswith("on"), f"{label}: {attr}= on <{tag.name}>"
            if attr.lower() in ("href", "src", "xlink:href", "action", "formaction", "background", "poster",
                                "srcset", "data"):
                assert value.startswith("#") or value in allowed, f"{label}: {attr}={value[:80]!r}"
            if attr.lower() == "style":
                assert "url(" not in value.lower() and "@import" not in value.lower(), f"{label}: {value[:80]}"
    for style in soup.find_all("style"):
        css = style.get_text().lower()
        assert "@import" not in css and "127.0.0.1" not in css and "file:" not in css, f"{label}: fetch in CSS"
        assert all(u.strip(" '\"").startswith("data:") or u.strip(" '\"").startswith("#")
                   for u in re.findall(r"url\(([^)]*)\)", css)), f"{label}: url() in CSS"
    return soup


def markdown_parser() -> MarkdownIt:
    """GitHub-like Markdown: CommonMark (raw HTML allowed, as GitHub partly does) + tables + footnotes."""
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def walk(tokens):
    """Every token, children included."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def unescaped_pipes(line: str) -> int:
    """Column separators in a table row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def assert_inert_markdown(md: str, allowed: set[str], label: str) -> str:
    """No raw HTML, images or links other than footnotes and source links; tables keep their columns."""
    parser = markdown_parser()
    tokens = parser.parse(md)
    lines = md.split("\n")
    for token in walk(tokens):
        assert token.type not in ("html_inline", "html_block", "image"), f"{label}: {token.type} {token.content[:80]!r}"
        if token.type == "link_open":
            href = token.attrGet("href") or ""
            assert href.startswith("#") or href in allowed, f"{label}: link to {href[:80]!r}"
        if token.type == "table_open":
            start, end = token.map
            header = unescaped_pipes(lines[start])
            for row in lines[start:end]:
                assert unescaped_pipes(row) == header, f"{label}: table row {row[:120]!r}"
    footnotes = [t for t in walk(tokens) if t.type == "footnote_ref"]
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", md, re.M))
    assert {t.meta["label"] for t in footnotes} <= defined, f"{label}: footnote without definition"
    assert len(defined) == len(re.findall(r"^\[\^([^\]]+)\]:", md, re.M)), f"{label}: injected footnote definition"
    html = parser.render(md)
    assert_inert_html(html, allowed, label + " (md→html)")
    return BeautifulSoup(html, "html.parser").get_text(" ")


def flat(text: str) -> str:
    """Whitespace removed, for comparing text that layout may wrap."""
    return re.sub(r"\s+", "", text)


def assert_clean_text(text: str, label: str) -> None:
    """No control characters (other than line and page breaks and tabs) and no bidi overrides reach a reader."""
    bad = [ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f") or ch in BIDI]
    assert not bad, f"{label}: {len(bad)} control/bidi characters, first {bad[0]!r}"


def pdf_text(path: Path) -> str:
    """The PDF's text (pdftotext when installed, else pypdf)."""
    try:
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                              timeout=120).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def assert_no_evaluation(text: str, label: str) -> None:
    """Template syntax in article text is never evaluated."""
    assert "9359" not in text, f"{label}: {{{{ 7*1337 }}}} was evaluated"
    assert "XXX" not in text, f"{label}: a {{% for %}} loop ran"
    assert "<Config" not in text and "__builtins__" not in text, f"{label}: template globals leaked"


# --- payloads in every field, every format --------------------------------------------------------

@pytest.mark.parametrize("name,payload,visible", PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_payload_in_title_body_and_outlet_comes_out_inert(tmp_path, server, fetched, name, payload, visible):
    payload = payload.replace("{port}", str(server))
    hits_before = len(Recorder.hits)
    out, code = build(tmp_path, hostile_records(payload))
    assert code == 0
    files = outputs(out)
    assert set(files) == {"md", "html", "email.html", "eml", "pdf", "json"}
    # File names come from a slug, never from raw text: every file sits directly in the out dir.
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.parent != tmp_path / "in":
            assert path.parent == out and re.fullmatch(r"[a-z0-9-]+(\.email)?\.(md|html|eml|pdf|json)", path.name)
    allowed = source_urls(out)
    assert allowed == {"https://example.org/news/12", "https://example.org/news/15"}

    html = files["html"].read_text(encoding="utf-8")
    soups = [assert_inert_html(html, allowed, "html"),
             assert_inert_html(files["email.html"].read_text(encoding="utf-8"), allowed, "email.html")]
    message = email.message_from_bytes(files["eml"].read_bytes(), policy=policy.default)
    assert message["Bcc"] is None and "\n" not in str(message["Subject"])
    eml_html = message.get_body(("html",)).get_content()
    soups.append(assert_inert_html(eml_html, allowed, "eml"))
    md_text = assert_inert_markdown(files["md"].read_text(encoding="utf-8"), allowed, "md")
    pdf = pdf_text(files["pdf"])

    texts = {"html": soups[0].get_text(" "), "email": soups[1].get_text(" "), "eml": soups[2].get_text(" "),
             "eml-text": message.get_body(("plain",)).get_content(), "md": md_text, "pdf": pdf}
    for label, text in texts.items():
        assert_no_evaluation(text, label)
        assert_clean_text(text, label)
        if visible and label not in ("email", "eml", "eml-text"):  # email may shorten long sections
            assert flat(visible) in flat(text), f"{label}: payload text {visible[:40]!r} not shown"
    # The PDF never asked for anything but inline data, and nothing reached the loopback server.
    assert all(u.startswith("data:") for u in fetched), fetched
    assert len(Recorder.hits) == hits_before, Recorder.hits


@pytest.mark.parametrize("url", BAD_URLS)
def test_hostile_source_address_never_becomes_a_link(tmp_path, server, fetched, url):
    url = url.replace("{port}", str(server))
    out, code = build(tmp_path, hostile_records("plain words", url=url), formats="md,html,email,pdf,json")
    assert code == 0
    files = outputs(out)
    for kind in ("html", "email.html"):
        assert_inert_html(files[kind].read_text(encoding="utf-8"), set(), kind)
    assert_inert_markdown(files["md"].read_text(encoding="utf-8"), set(), "md")
    assert all(u.startswith("data:") for u in fetched), fetched
    assert not Recorder.hits


def test_loopback_source_link_is_a_link_but_never_fetched(tmp_path, server, fetched):
    url = f"http://127.0.0.1:{server}/story"
    out, code = build(tmp_path, hostile_records("plain words", url=url))
    assert code == 0
    files = outputs(out)
    soup = assert_inert_html(files["html"].read_text(encoding="utf-8"), {url}, "html")
    assert soup.find("a", href=url) is not None  # the reader can still follow the source
    assert all(u.startswith("data:") for u in fetched) and not Recorder.hits


@pytest.mark.parametrize("title", ["../../etc/passwd", "/tmp/x", "..", "CON", "a/../../b\x00c", "\u202eexe.txt",
                                   "{{ 7*1337 }}", "<script>alert(1)</script>", "x\r\nBcc: victim@example.org"])
def test_title_option_never_chooses_the_path_or_runs(tmp_path, title):
    out, code = build(tmp_path, hostile_records("plain words"), "--title", title)
    assert code == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.parent != tmp_path / "in"]
    assert written and all(p.parent == out for p in written)
    assert all(re.fullmatch(r"[a-z0-9-]+(\.email)?\.(md|html|eml|pdf|json)", p.name) for p in written)
    files = outputs(out)
    message = email.message_from_bytes(files["eml"].read_bytes(), policy=policy.default)
    assert message["Bcc"] is None
    assert_inert_html(files["html"].read_text(encoding="utf-8"), source_urls(out), "html")
    assert_inert_markdown(files["md"].read_text(encoding="utf-8"), source_urls(out), "md")
    for kind in ("html", "md"):
        assert "9359" not in files[kind].read_text(encoding="utf-8")


# --- a folder of good and broken files ----------------------------------------------------------

GOOD = [
    ("flood.txt", "title: Floods hit Varna\nsource: Valley Times\ndate: 2031-05-14\n\n"
                  "At least 12 people were killed when floods hit the town of Varna on Tuesday, officials said."),
    ("storm.md", "---\ntitle: Storm closes ports\noutlet: Coastal Herald\ndate: 2031-05-15\n---\n\n"
                 "Storms closed three ports on the northern coast on Wednesday and 4 fishermen are missing."),
    ("wire.json", json.dumps({"title": "Aid arrives in Varna", "source": "Harbour Wire", "date": "2031-05-16",
                              "text": "The Red Cross said aid convoys reached Varna on Thursday. Twenty people "
                                      "were injured in the floods, the agency said."})),
    ("page.html", "<html><head><title>Army deployed</title></head><body><article><h1>Army deployed</h1>"
                  "<p>The army deployed 300 soldiers to Varna on Friday to help evacuate residents from the "
                  "flooded districts along the river, the defence ministry said.</p></article></body></html>"),
]
BROKEN = {  # name → what the skip reason must mention
    "empty.txt": "empty",
    "binary.json": "binary",
    "truncated.json": "json",
    "garbage.txt": "binary",
    "blank.html": "text",
    "huge.txt": "50 mb",
}


def make_mixed_folder(folder: Path) -> None:
    """Five good articles (four made up, one seed) and six broken files."""
    folder.mkdir()
    for name, text in GOOD:
        (folder / name).write_text(text, encoding="utf-8")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.json").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "truncated.json").write_text('{"title": "Cut short", "text": "The floods', encoding="utf-8")
    (folder / "garbage.txt").write_bytes(bytes((i * 7919) % 256 for i in range(4000)).replace(b"\x00", b"\x81"))
    (folder / "blank.html").write_text("<html><head><title></title><script>var x=1;</script></head>"
                                       "<body><div><img src=x.png></div></body></html>", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(51 * 1024 * 1024)


@pytest.fixture
def mixed(tmp_path) -> Path:
    folder = tmp_path / "mixed"
    make_mixed_folder(folder)
    return folder


def test_broken_files_are_named_and_the_good_ones_make_the_briefing(mixed, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["build", str(mixed), "-o", str(out), "-f", "md,json"])
    err = capsys.readouterr().err
    assert code == 0, err
    model = SituationModel.model_validate_json(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert len(model.sources) == 5
    used = {Path(o).name for s in model.sources for o in s.origins}
    assert used == {name for name, _ in GOOD} | {sorted(SEEDS.glob("*.txt"))[0].name}
    skipped_lines = [line for line in err.splitlines() if line.startswith("briefing: skipped ")]
    assert len(skipped_lines) == len(BROKEN), err
    for name, word in BROKEN.items():
        line = next((line for line in skipped_lines if f"{name}:" in line), None)
        assert line is not None, f"{name} not reported: {err}"
        assert word in line.lower(), line
    assert "Traceback" not in err
    assert {s.input.rsplit("/", 1)[-1] for s in model.skipped} == set(BROKEN)


def strict_supported() -> bool:
    """Whether `briefing build` has the --strict flag yet."""
    from typer.main import get_command

    from briefing.cli import app
    return any("--strict" in p.opts for p in get_command(app).commands["build"].params)


def test_strict_build_fails_when_an_input_is_broken(mixed, tmp_path, capsys):
    if not strict_supported():
        pytest.skip("`briefing build --strict` not implemented yet (the lead is adding it)")
    code = main(["build", str(mixed), "-o", str(tmp_path / "out"), "-f", "md", "--strict"])
    err = capsys.readouterr().err
    assert code != 0 and "huge.txt" in err and "Traceback" not in err


def test_only_broken_files_is_one_line_error(tmp_path, capsys):
    folder = tmp_path / "broken"
    make_mixed_folder(folder)
    for name, _ in GOOD:
        (folder / name).unlink()
    next(folder.glob("0*.txt")).unlink()
    code = main(["build", str(folder), "-o", str(tmp_path / "out"), "-f", "md"])
    err = capsys.readouterr().err
    assert code == 2 and "no readable articles" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- properties ---------------------------------------------------------------------------------

FIELD_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from([p[1] for p in PAYLOADS if p[0] != "long-token"]).map(lambda p: p.replace("{port}", "9")),
    st.lists(st.sampled_from(list("<>{}[]()|*_`#!&;:/\\\"'%\n\r\t\x00\u202e\u2028 aZ9.") + ["{{", "}}", "{%"]),
             max_size=100).map("".join),
)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(records=st.lists(st.fixed_dictionaries({"title": FIELD_TEXT, "source": FIELD_TEXT, "text": FIELD_TEXT}),
                        min_size=1, max_size=3))
def test_any_text_builds_without_raising_and_every_article_is_accounted_for(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("prop")
    paths = []
    for i, record in enumerate(records):
        path = folder / f"a{i}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(str(path))
    out = folder / "out"
    code = main(["build", *paths, "-o", str(out), "-f", "md,html,json", "-q"])
    if code == 2:  # nothing readable: a one-line input error, and every input really was skipped
        assert all(not load_articles([p])[0] for p in paths)
        return
    assert code == 0
    model = SituationModel.model_validate_json(next(out.glob("*.json")).read_text(encoding="utf-8"))
    origins = {o.split("#")[0] for s in model.sources for o in s.origins} | {s.input.split("#")[0]
                                                                            for s in model.skipped}
    assert set(paths) <= origins
    allowed = {s.url for s in model.sources}
    assert_inert_html(next(out.glob("*.html")).read_text(encoding="utf-8"), allowed, "html")
    assert_inert_markdown(next(out.glob("*.md")).read_text(encoding="utf-8"), allowed, "md")


@settings(max_examples=40, deadline=None, derandomize=True)
@given(title=st.text(max_size=200), outlet=st.text(max_size=100), url=st.text(max_size=100))
def test_any_metadata_renders_inert_without_raising(title, outlet, url):
    from briefing.render.html import render_html
    from briefing.render.markdown import render_markdown

    model = SituationModel.model_validate_json((ROOT / "tests" / "fixtures" / "render" / "model.json")
                                               .read_text(encoding="utf-8"))
    model.title = title
    model.sources[0].outlet, model.sources[0].url, model.sources[0].title = outlet, url, title
    allowed = {s.url for s in model.sources if re.match(r"https?://[^/\s]", s.url)}
    assert_inert_html(render_html(model), allowed, "html")
    assert_inert_markdown(render_markdown(model), allowed, "md")


def test_absurd_figures_in_a_model_file_still_render(tmp_path):
    model = SituationModel.model_validate_json((ROOT / "tests" / "fixtures" / "render" / "model.json")
                                               .read_text(encoding="utf-8"))
    numeric = [c for c in model.casualties if c.count]
    assert len(numeric) >= 2
    numeric[0].count, numeric[0].count_max = 10 ** 400, 10 ** 401
    path = tmp_path / "model.json"
    path.write_text(model.model_dump_json(), encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "out"), "-f", "md,html,pdf", "-q"]) == 0
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "1" + "0" * 100 in html  # the figure is shown as reported, not rounded or dropped
