"""Markdown (GitHub-flavoured) rendering: footnote or inline citations, escaped article text."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from briefing.model import SituationModel
from briefing.render.env import MdSafe, make_environment, md_escape, md_url
from briefing.render.view import View

CITATION_MODES = ("footnotes", "inline")


class MarkdownHelpers:
    """Citation markers and support badges for one Markdown rendering."""

    def __init__(self, view: View, citations: str):
        if citations not in CITATION_MODES:
            raise ValueError(f"citations must be one of {', '.join(CITATION_MODES)}, not {citations!r}")
        self.view, self.mode = view, citations

    def refs(self, item) -> MdSafe:
        """Citation markers of `item`: `[^S1][^S2]`, or `[\\[S1\\]](url)` in inline mode."""
        marks = []
        for group in self.view.cites(item):
            sid = md_escape(group.id)
            if self.mode == "footnotes":
                marks.append(f"[^{sid}]")
            else:
                url = md_url(self.view.by_id[group.id].url)
                marks.append(f"[\\[{sid}\\]](<{url}>)" if url else f"\\[{sid}\\]")
        return MdSafe(("" if self.mode == "footnotes" else " ").join(marks))

    def support(self, item) -> MdSafe:
        """`2 sources`, or a visible ⚠ single-source mark."""
        n = self.view.support(item)
        if n == 0:
            return MdSafe("*no source*")
        return MdSafe("⚠ *single source*" if n == 1 else f"*{n} sources*")

    def cited(self, item) -> MdSafe:
        """Markers plus the support badge, for the end of a line or a table cell."""
        return MdSafe(f"{self.refs(item)} {self.support(item)}".strip())


def render_markdown(model: SituationModel, templates: Optional[Path] = None,
                    citations: str = "footnotes", template: str = "briefing.md.j2") -> str:
    """The briefing as GitHub-flavoured Markdown."""
    view = View(model)
    helpers = MarkdownHelpers(view, citations)
    env = make_environment(templates, markdown=True)
    return env.get_template(template).render(
        model=model, v=view, refs=helpers.refs, support=helpers.support, cited=helpers.cited,
        citations=citations, md_url=md_url)
