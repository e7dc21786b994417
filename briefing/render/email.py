"""Email: table-based HTML body with inlined CSS, a plain-text alternative, and a ready-to-send .eml."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Iterable, Optional, Union

from briefing.model import SituationModel
from briefing.render.env import make_environment
from briefing.render.html import description, page_context

MAX_HTML_BYTES = 100_000
# Each step shows fewer rows per section until the body fits (Gmail clips bodies over ~102 KB).
LIMITS = (10_000, 40, 15, 6, 3)
# How many bytes more rows could ever save: a shortened section only adds its "… and N more not shown" line
# (about 250 bytes in the HTML and the text part, at most 3× that quoted-printable) and there are at most 13
# such sections; with ample margin, a message this far over the limit at the fewest rows cannot fit at more.
SHORTENING_SLACK = 25_000


def inline_css(html: str) -> str:
    """Move <style> rules into style="" attributes; never fetch remote stylesheets."""
    import css_inline

    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False,
                                   minify_css=True)
    return inliner.inline(html)


def render_email_html(model: SituationModel, templates: Optional[Path] = None, limit: int = LIMITS[0],
                      show_quotes: bool = True) -> tuple[str, dict]:
    """(HTML body with inlined CSS, the template context) showing at most `limit` rows per section."""
    env = make_environment(templates)
    context = page_context(model, templates, preheader=description(model, 140), limit=limit,
                           show_quotes=show_quotes, link="url", pictures=False)
    return inline_css(env.get_template("email.html.j2").render(**context)), context


def render_email_parts(model: SituationModel, templates: Optional[Path] = None, limit: int = LIMITS[0],
                       show_quotes: bool = True) -> tuple[str, str]:
    """(HTML body with inlined CSS, plain text) showing at most `limit` rows per section."""
    html, context = render_email_html(model, templates, limit, show_quotes)
    return html, make_environment(templates).get_template("email.txt.j2").render(**context)


def one_line(value: str) -> str:
    """Header-safe text: no CR/LF (header injection), collapsed whitespace."""
    return re.sub(r"\s+", " ", value or "").strip()


def message_date(model: SituationModel) -> datetime:
    """The Date header: when the model was generated (deterministic), else now."""
    try:
        moment = datetime.fromisoformat(model.generated_at)
    except (TypeError, ValueError):
        moment = datetime.now(timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def build_message(model: SituationModel, html: str, text: str, subject: Optional[str] = None,
                  sender: Optional[str] = None, to: Union[str, Iterable[str], None] = None) -> EmailMessage:
    """A multipart/alternative message (text/plain + text/html) with Subject, Date, From/To when given."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = one_line(subject or model.title) or "Situation briefing"
    msg["Date"] = format_datetime(message_date(model))
    if sender:
        msg["From"] = one_line(sender)
    if to:
        msg["To"] = one_line(to if isinstance(to, str) else ", ".join(to))
    digest = hashlib.sha256((html + text).encode("utf-8")).hexdigest()
    domain = one_line(sender).rsplit("@", 1)[-1].strip("> ") if sender and "@" in sender else "briefing.invalid"
    msg["Message-ID"] = f"<{digest[:32]}@{domain}>"
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    # A content-derived boundary keeps the .eml byte-identical across runs.
    msg.set_boundary(f"=_briefing_{digest[32:56]}")
    return msg


def render_email(model: SituationModel, templates: Optional[Path] = None, subject: Optional[str] = None,
                 sender: Optional[str] = None, to: Union[str, Iterable[str], None] = None,
                 max_bytes: int = MAX_HTML_BYTES) -> tuple[str, bytes]:
    """(HTML body, .eml bytes with CRLF line ends); long sections are shortened, never cut mid-item,
    until both the HTML body and the whole message are under `max_bytes`."""
    def message(html: str, text: str) -> bytes:
        return build_message(model, html, text, subject=subject, sender=sender, to=to).as_bytes(policy=policy.SMTP)

    def fits(html: str, eml: bytes = b"", slack: int = 0) -> bool:
        return len(html.encode("utf-8")) < max_bytes + slack and len(eml) < max_bytes + slack

    def shortest() -> tuple[str, bytes]:
        html, text = render_email_parts(model, templates, LIMITS[-1], show_quotes=len(LIMITS) == 1)
        return html, message(html, text)

    # A big situation (each row takes about 1 KB) tries the shortest form first: when even that is far too
    # big, no longer form can fit, and their full renders are skipped. The order never changes the result.
    rows = sum(map(len, (model.chronology, model.casualties, model.actors, model.diplomatic_moves,
                         model.international_reactions, model.discrepancies, model.sources)))
    fallback = shortest() if rows * 500 > max_bytes else None
    if fallback and not fits(*fallback, slack=SHORTENING_SLACK):
        return fallback
    for step, limit in enumerate(LIMITS[:-1]):
        html, context = render_email_html(model, templates, limit, show_quotes=step == 0)
        if not fits(html):  # the .eml holds the HTML: no need to build it
            continue
        text = make_environment(templates).get_template("email.txt.j2").render(**context)
        eml = message(html, text)
        if fits(html, eml):
            return html, eml
    return fallback or shortest()
