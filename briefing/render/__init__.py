"""Render: situation model → Markdown, HTML, email, PDF and JSON files."""
from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Optional, Union

from briefing.atomic import write_bytes_atomic, write_text_atomic
from briefing.model import SituationModel

FORMATS = ("md", "html", "email", "pdf", "json")


def slugify(text: str, max_length: int = 60) -> str:
    """A safe file-name stem from untrusted text: ASCII letters, digits and hyphens only."""
    # Punctuation such as dashes becomes a separator before accents are stripped ("A–B" → "a-b").
    spaced = unicodedata.normalize("NFKD", re.sub(r"[\W_]+", " ", unicodedata.normalize("NFC", text)))
    ascii_text = spaced.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:  # cut at a word boundary when one is reasonably close
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2:] else slug[:max_length]
    slug = slug.strip("-")
    return slug or "briefing"


_collections_held = False


@contextlib.contextmanager
def fewer_collections():
    """Run Python's cycle collector less often while a briefing is rendered.

    Rendering allocates a great many small objects (WeasyPrint above all); every 700 of them the collector
    runs, and its full passes re-scan everything alive: modules, compiled patterns and the whole model. That was
    a quarter of the PDF time and a fifth of a big model's HTML. Objects alive beforehand are frozen (left out
    of collections) and collections are rarer until the end.
    """
    global _collections_held
    if _collections_held:  # nested (write_briefing → render_pdf): the outer call restores
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    _collections_held = True
    try:
        yield
    finally:
        _collections_held = False
        gc.set_threshold(*threshold)
        gc.unfreeze()


def write_briefing(model: SituationModel, out_dir: Path, formats: Iterable[str],
                   templates: Optional[Path] = None, *, paper: str = "A4",
                   citations: str = "footnotes", email_to: Union[str, Iterable[str], None] = None,
                   email_from: Optional[str] = None, email_subject: Optional[str] = None,
                   pictures: bool = True, timings: Optional[dict] = None) -> list[Path]:
    """Write each requested format into `out_dir` as `<slug of title>.<ext>`; returns the written paths.

    paper: "A4" or "Letter" (PDF). citations: "footnotes" or "inline" (Markdown).
    email_to/email_from/email_subject: .eml headers (Subject defaults to the title).
    pictures: include the SVG timeline and figures chart (HTML, PDF). timings: filled with seconds per format.
    """
    import time

    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    from briefing.render.markdown import CITATION_MODES
    from briefing.render.pdf import page_css

    page_css(paper)  # reject a bad paper name before any file is written
    if citations not in CITATION_MODES:
        raise ValueError(f"citations must be one of {', '.join(CITATION_MODES)}, not {citations!r}")
    templates = Path(templates) if templates else None
    out_dir, stem = Path(out_dir), slugify(model.title)
    written = []
    with fewer_collections():
        for fmt in formats:
            started = time.perf_counter()
            written += write_format(model, out_dir, stem, fmt, templates, paper=paper, citations=citations,
                                    email_to=email_to, email_from=email_from, email_subject=email_subject,
                                    pictures=pictures)
            if timings is not None:
                timings[fmt] = time.perf_counter() - started
    return written


def write_format(model: SituationModel, out_dir: Path, stem: str, fmt: str, templates: Optional[Path], *,
                 paper: str, citations: str, email_to, email_from: Optional[str], email_subject: Optional[str],
                 pictures: bool) -> list[Path]:
    """Write one format as `<stem>.<ext>` (two files for email); returns the written paths."""
    if fmt == "json":
        return [write_bytes_atomic(out_dir / f"{stem}.json", model.to_json_bytes())]
    if fmt == "md":
        from briefing.render.markdown import render_markdown
        return [write_text_atomic(out_dir / f"{stem}.md", render_markdown(model, templates, citations=citations))]
    if fmt == "html":
        from briefing.render.html import render_html
        return [write_text_atomic(out_dir / f"{stem}.html", render_html(model, templates, pictures=pictures))]
    if fmt == "email":
        from briefing.render.email import render_email
        html, eml = render_email(model, templates, subject=email_subject, sender=email_from, to=email_to)
        return [write_text_atomic(out_dir / f"{stem}.email.html", html),
                write_bytes_atomic(out_dir / f"{stem}.eml", eml)]
    from briefing.render.pdf import render_pdf
    return [write_bytes_atomic(out_dir / f"{stem}.pdf", render_pdf(model, templates, paper=paper, pictures=pictures))]
