"""HTML citation markers and support badges, built in Python: a big briefing has tens of thousands of them.

The output is exactly what the Jinja macros in macros.html.j2 used to produce; those macros now call these.
"""
from __future__ import annotations

from typing import Optional

from markupsafe import Markup

from briefing.render.view import View


def truncate_words(text: str, length: int = 100, end: str = "...", leeway: int = 5) -> str:
    """Jinja's `truncate` filter with its defaults: cut at a word boundary when over length + leeway."""
    if len(text) <= length + leeway:
        return text
    return text[: length - len(end)].rsplit(" ", 1)[0] + end


def html_text(value) -> str:
    """Text escaped for HTML exactly as Jinja's autoescape (markupsafe) does it, without building Markup."""
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def source_pieces(v: View, source_id: str) -> dict[str, str]:
    """The escaped, per-source parts of a marker, built once per view (a source is cited thousands of times)."""
    pieces = v.memo.get(("cite", source_id))
    if pieces is None:
        s = v.by_id[source_id]
        sid, label = html_text(s.id), html_text(s.label)
        date = f" · {html_text(s.date)}" if s.date else ""
        pieces = v.memo[("cite", source_id)] = {
            "anchor_head": f'" href="#{html_text(s.anchor)}" aria-label="Source {sid}: {label}">{sid}'
                           '<span class="pop" role="tooltip">',
            "anchor_tail": f'<span class="pop-src">{sid} · {label}{date}</span></span></a>',
            "anchor_plain": f'" href="#{html_text(s.anchor)}" aria-label="Source {sid}: {label}">{sid}</a>',
            "url": html_text(s.url), "label": label, "id": sid}
    return pieces


def more_sources(hidden: int) -> str:
    """The mark after the first markers of an item cited by many sources: `+12 more sources`."""
    return f'<span class="cite more" title="Full list in the HTML/JSON briefing">+{hidden} more source' \
           f'{"" if hidden == 1 else "s"}</span>'


def cite_markers(v: View, item, link: str = "anchor", show_quotes: bool = True, popups: bool = True,
                 most: Optional[int] = None) -> Markup:
    """One marker per citing source: a link to the source list with a quote pop-up ("anchor"), a link to the
    article with the first quote as its title ("url"), or a plain label ("none", or "url" without a safe URL).

    popups=False leaves the pop-ups out (the PDF hides them; a big briefing has megabytes of them).
    most: at most this many markers, then `+K more sources` (PDF and shortened email; None = all).
    """
    marks = []
    groups = v.cites(item)
    hidden = len(groups) - most if most is not None and len(groups) > most else 0
    for g in groups[:len(groups) - hidden]:
        v.marked.add(g.id)
        p = source_pieces(v, g.id)
        if link == "anchor" and not popups:
            marks.append(f'<a class="cite" id="{g.anchor}{p["anchor_plain"]}')
        elif link == "anchor":  # g.anchor is ours ("c12"): nothing to escape
            quotes = "".join(f'<span class="pop-q">“{html_text(q)}”</span>' for q in g.quotes)
            marks.append(f'<a class="cite" id="{g.anchor}{p["anchor_head"]}{quotes}{p["anchor_tail"]}')
        elif link == "url" and p["url"]:
            quote = f": “{html_text(truncate_words(g.quotes[0]))}”" if g.quotes and show_quotes else ""
            marks.append(f'<a class="cite" href="{p["url"]}" title="{p["label"]}{quote}">{p["id"]}</a>')
        else:
            marks.append(f'<span class="cite" title="{p["label"]}">{p["id"]}</span>')
    if hidden:
        marks.append(more_sources(hidden))
    return Markup(" ".join(marks))


def support_badge(v: View, item) -> Markup:
    """`N sources`, or a visible ⚠ single-source (or no-source) mark."""
    n = v.support(item)
    if n == 1:
        return Markup('<span class="support single" title="Backed by one source only">⚠ single source</span>')
    if n == 0:
        return Markup('<span class="support single">no source</span>')
    return Markup(f'<span class="support" title="Backed by {n} independent sources">{n} sources</span>')


def cited(v: View, item, link: str = "anchor", show_quotes: bool = True, popups: bool = True,
          most: Optional[int] = None) -> Markup:
    """Markers (at most `most`, see cite_markers) plus the support badge, for the end of a line or a table cell."""
    return Markup(f'<span class="cites">{cite_markers(v, item, link, show_quotes, popups, most)} '
                  f'{support_badge(v, item)}</span>')


def text_refs(v: View, item, most: Optional[int] = None) -> str:
    """Plain-text markers `[S1][S2]` (at most `most`, then `[+K more]`) and the support count, for the email's
    text part."""
    groups = v.cites(item)
    hidden = len(groups) - most if most is not None and len(groups) > most else 0
    marks = "".join(f"[{g.id}]" for g in groups[:len(groups) - hidden]) + (f"[+{hidden} more]" if hidden else "")
    n = v.support(item)
    return marks + (" (single source)" if n == 1 else f" ({n} sources)" if n > 1 else "")
