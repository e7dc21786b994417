"""Render real models (the project's seeds and each ../shared/corpus situation) in every format; check what readers rely on."""
from __future__ import annotations

import shutil
import subprocess
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from pypdf import PdfReader

from briefing.render import write_briefing

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURE = Path(__file__).parent / "fixtures" / "render" / "model.json"


def situations() -> list[Path]:
    """The seeds folder plus every corpus situation that is present."""
    corpus = SHARED / "corpus"
    found = [ROOT / "seeds"] if (ROOT / "seeds").is_dir() else []
    if corpus.is_dir():
        found += sorted(p for p in corpus.iterdir() if p.is_dir())
    return found


@pytest.mark.parametrize("folder", situations(), ids=lambda p: p.name)
def test_real_model_renders_in_every_format(folder, tmp_path):
    from briefing.pipeline import build_model

    model = build_model([str(folder)])
    paths = {p.name.split(".", 1)[1]: p for p in write_briefing(model, tmp_path, ["md", "html", "email", "pdf", "json"])}
    assert set(paths) == {"md", "html", "email.html", "eml", "pdf", "json"}

    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(paths["md"].read_text())
    assert "[^" not in BeautifulSoup(md, "html.parser").get_text()

    soup = BeautifulSoup(paths["html"].read_text(), "html.parser")
    assert not soup.find_all("script")
    for a in soup.select("a[href^='#']"):
        assert soup.find(id=a["href"][1:]) is not None, a["href"]
    assert len(soup.select("#sources ol.sources > li")) == len(model.sources)

    msg = message_from_bytes(paths["eml"].read_bytes(), policy=policy.default)
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert len(paths["email.html"].read_bytes()) < 100_000
    assert all(a["href"].startswith(("http://", "https://"))
               for a in BeautifulSoup(paths["email.html"].read_text(), "html.parser").find_all("a", href=True))

    reader = PdfReader(paths["pdf"])
    assert reader.metadata.title == model.title and reader.outline
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Sources" in text and all((s.outlet or s.stem) in text for s in model.sources)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM, reason="no headless Chromium")
@pytest.mark.parametrize("width", [375, 1280])
def test_html_never_scrolls_sideways(width, tmp_path):
    from briefing.model import SituationModel

    model = SituationModel.model_validate_json(FIXTURE.read_text())
    (page,) = write_briefing(model, tmp_path, ["html"])
    # A throwaway wrapper measures the page in an iframe of the given width (the page itself has no script).
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<iframe id="f" src="{page.as_uri()}" style="width:{width}px;height:900px;border:0"></iframe><pre id="r">pending</pre>'
        '<script>document.getElementById("f").onload=function(){var d=this.contentDocument.documentElement;'
        'document.getElementById("r").textContent="W="+d.scrollWidth+"/"+d.clientWidth;};</script>')
    out = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120)
    result = BeautifulSoup(out.stdout, "html.parser").find(id="r")
    if result is None or result.get_text() == "pending":
        pytest.skip("Chromium could not measure the page here")
    scroll, client = map(int, result.get_text()[2:].split("/"))
    assert scroll <= client
