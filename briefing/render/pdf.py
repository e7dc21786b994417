"""PDF via WeasyPrint (imported only here, lazily): print stylesheet, bookmarks, metadata, no fetching."""
from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
from pathlib import Path
from typing import Optional

from briefing.model import SituationModel
from briefing.render import fewer_collections
from briefing.render.env import make_environment, read_asset
from briefing.render.html import page_context
from briefing.render.view import PDF_DISAGREEMENTS, PDF_MARKERS, PDF_ROWS, quotes_per_source

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


def page_css(paper: str) -> str:
    """The @page size rule for a paper name (A4 or Letter)."""
    size = PAPER_SIZES.get(str(paper).strip().lower())
    if not size:
        raise ValueError(f"paper must be A4 or Letter, not {paper!r}")
    return f"@page {{ size: {size}; }}\n"


def render_pdf_html(model: SituationModel, templates: Optional[Path] = None, paper: str = "A4",
                    pictures: bool = True) -> str:
    """The HTML WeasyPrint lays out: the page template plus the print stylesheet."""
    env = make_environment(templates)
    css = read_asset("briefing.css", templates) + read_asset("print.css", templates) + page_css(paper)
    # A big situation's PDF is a briefing, not a dump: capped sections, quotes and markers (view.PDF_ROWS, …).
    context = page_context(model, templates, css=css, pdf=True, pictures=pictures, rows=PDF_ROWS,
                           disagreement_rows=PDF_DISAGREEMENTS, most_quotes=quotes_per_source(len(model.sources)),
                           markers=PDF_MARKERS)
    return tame_long_words(env.get_template("briefing.html.j2").render(**context))


MARKUP = re.compile(r"(<style\b.*?</style>|<[^>]*>)", re.IGNORECASE | re.DOTALL)
LONG_WORD = re.compile(r"(?:&#?\w+;|[^\s<&]){161,}")
CHAR = re.compile(r"&#?\w+;|[^\s<&]")


def tame_long_words(html: str) -> str:
    """Shorten absurdly long words in text (not in tags or styles) and give them break points.

    WeasyPrint's line breaking is quadratic in an unbreakable word: a 100k-character token hangs the PDF.
    Such a word is shown as its first 120 and last 20 characters around "…", with a zero-width space every 40.
    """
    def shorten(m: re.Match) -> str:
        chars = CHAR.findall(m.group(0))
        head = ["".join(chars[i:i + 40]) for i in range(0, 120, 40)]
        return "\u200b".join(head) + "…" + "".join(chars[-20:])

    parts = MARKUP.split(html)
    for i in range(0, len(parts), 2):  # even parts are text between tags
        if len(parts[i]) > 160:  # shorter text cannot hold such a word
            parts[i] = LONG_WORD.sub(shorten, parts[i])
    return "".join(parts)


def refusing_fetcher():
    """A WeasyPrint URL fetcher that refuses every URL except inline data: URIs (no files, no network)."""
    from weasyprint.urls import URLFetcher

    class RefuseAll(URLFetcher):
        """Only data: URIs are resolved; article text can never make the PDF read files or the network."""

        def fetch(self, url, headers=None):
            """Fetch data: URIs; refuse anything else."""
            if not str(url).lower().startswith("data:"):
                raise ValueError(f"external resource refused: {str(url)[:80]}")
            return super().fetch(url, headers)

    return RefuseAll(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def import_weasyprint():
    """Import WeasyPrint; on Linux without the library search that runs ldconfig, gcc and ld ~50 times.

    WeasyPrint tries several names per C library, Windows ones first; for each name dlopen cannot load, cffi
    asks ctypes.util.find_library, which on Linux starts three programs to find a soname. The Linux sonames are
    in WeasyPrint's lists and dlopen loads those directly, so the search is skipped during the import; should
    that import fail, it is retried with the search.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint
        return weasyprint
    import ctypes.util

    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints its help before failing
            import weasyprint
        return weasyprint
    except OSError:
        pass
    finally:
        ctypes.util.find_library = find_library
    import weasyprint
    return weasyprint


def render_pdf(model: SituationModel, templates: Optional[Path] = None, paper: str = "A4",
               pdf_variant: Optional[str] = "pdf/ua-1", pictures: bool = True) -> bytes:
    """The briefing as PDF bytes; tries the accessible PDF/UA-1 variant and falls back to plain PDF."""
    html = render_pdf_html(model, templates, paper, pictures)
    # WeasyPrint logs every refused fetch and font detail as warnings; keep the CLI quiet meanwhile.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with fewer_collections():
            weasyprint = import_weasyprint()
            document = weasyprint.HTML(string=html, base_url=None, url_fetcher=refusing_fetcher())
            if pdf_variant:
                try:
                    return document.write_pdf(pdf_variant=pdf_variant, pdf_tags=True)
                except Exception:  # an unsupported variant must not cost the user their PDF
                    pass
            return document.write_pdf()
    finally:
        logger.setLevel(level)
