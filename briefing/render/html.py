"""Self-contained HTML page: inline CSS, no scripts, CSS-only citation pop-ups."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from briefing.model import SituationModel
from briefing.render.env import make_environment, read_asset
from briefing.render.view import View


def description(model: SituationModel, limit: int = 300) -> str:
    """A one-paragraph summary (meta description, email preheader): the key points joined."""
    text = " ".join(kp.text for kp in model.key_points) or (
        f"{len(model.sources)} sources, {len(model.chronology)} dated events, "
        f"{len(model.casualties)} reported figures.")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def page_context(model: SituationModel, templates: Optional[Path] = None, **extra) -> dict:
    """Everything the HTML-family templates read: model, view helpers, stylesheet, options."""
    view = View(model)
    context = dict(model=model, v=view, css=read_asset("briefing.css", templates), lang="en",
                   description=description(model), keywords=view.keywords(), link="anchor",
                   pictures=True, show_quotes=True, pdf=False,
                   rows=None, disagreement_rows=None, most_quotes=None, markers=None)  # caps: None = complete (see view.PDF_ROWS)
    context.update(extra)
    return context


def render_html(model: SituationModel, templates: Optional[Path] = None, pictures: bool = True,
                template: str = "briefing.html.j2", **extra) -> str:
    """The briefing as one self-contained HTML page."""
    env = make_environment(templates)
    return env.get_template(template).render(**page_context(model, templates, pictures=pictures, **extra))
