"""HTML citation markers and support badges, built in Python: a big briefing has tens of thousands of them.

The output is exactly what the Jinja macros in macros.html.j2 used to produce; those macros now call these.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from briefing.render.view import View


def truncate_words(text: str, length: int = 100, end: str = "...", leeway: int = 5) -> str:
    """Jinja's `truncate` filter with its defaults: cut at a word boundary when over length + leeway."""
    if len(text) <= length + leeway:
        return text
    return text[: length - len(end)].rsplit(" ", 1)[0] + end


def cite_markers(v: View, item, link: str = "anchor", show_quotes: bool = True) -> Markup:
    """One marker per citing source: a link to the source list with a quote pop-up ("anchor"), a link to the
    article with the first quote as its title ("url"), or a plain label ("none", or "url" without a safe URL)."""
    marks = []
    for g in v.cites(item):
        s = v.by_id[g.id]
        gid, label = escape(g.id), escape(s.label)
        if link == "anchor":
            quotes = "".join(f'<span class="pop-q">“{escape(q)}”</span>' for q in g.quotes)
            date = f" · {escape(s.date)}" if s.date else ""
            marks.append(f'<a class="cite" id="{escape(g.anchor)}" href="#{escape(s.anchor)}" aria-label="Source '
                         f'{gid}: {label}">{gid}<span class="pop" role="tooltip">{quotes}<span class="pop-src">'
                         f'{gid} · {label}{date}</span></span></a>')
        elif link == "url" and s.url:
            quote = f": “{escape(truncate_words(g.quotes[0]))}”" if g.quotes and show_quotes else ""
            marks.append(f'<a class="cite" href="{escape(s.url)}" title="{label}{quote}">{gid}</a>')
        else:
            marks.append(f'<span class="cite" title="{label}">{gid}</span>')
    return Markup(" ".join(marks))


def support_badge(v: View, item) -> Markup:
    """`N sources`, or a visible ⚠ single-source (or no-source) mark."""
    n = v.support(item)
    if n == 1:
        return Markup('<span class="support single" title="Backed by one source only">⚠ single source</span>')
    if n == 0:
        return Markup('<span class="support single">no source</span>')
    return Markup(f'<span class="support" title="Backed by {n} independent sources">{n} sources</span>')


def cited(v: View, item, link: str = "anchor", show_quotes: bool = True) -> Markup:
    """Markers plus the support badge, wrapped for the end of a line or a table cell."""
    return Markup(f'<span class="cites">{cite_markers(v, item, link, show_quotes)} {support_badge(v, item)}</span>')


def text_refs(v: View, item) -> str:
    """Plain-text markers `[S1][S2]` and the support count, for the email's text part."""
    marks = "".join(f"[{g.id}]" for g in v.cites(item))
    n = v.support(item)
    return marks + (" (single source)" if n == 1 else f" ({n} sources)" if n > 1 else "")
