"""Render: situation model → Markdown, HTML, email, PDF and JSON files."""
from __future__ import annotations

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
    for fmt in formats:
        started = time.perf_counter()
        if fmt == "json":
            written.append(write_text_atomic(out_dir / f"{stem}.json", model.model_dump_json(indent=1) + "\n"))
        elif fmt == "md":
            from briefing.render.markdown import render_markdown
            written.append(write_text_atomic(out_dir / f"{stem}.md",
                                             render_markdown(model, templates, citations=citations)))
        elif fmt == "html":
            from briefing.render.html import render_html
            written.append(write_text_atomic(out_dir / f"{stem}.html", render_html(model, templates, pictures=pictures)))
        elif fmt == "email":
            from briefing.render.email import render_email
            html, eml = render_email(model, templates, subject=email_subject, sender=email_from, to=email_to)
            written.append(write_text_atomic(out_dir / f"{stem}.email.html", html))
            written.append(write_bytes_atomic(out_dir / f"{stem}.eml", eml))
        elif fmt == "pdf":
            from briefing.render.pdf import render_pdf
            written.append(write_bytes_atomic(out_dir / f"{stem}.pdf",
                                              render_pdf(model, templates, paper=paper, pictures=pictures)))
        if timings is not None:
            timings[fmt] = time.perf_counter() - started
    return written
