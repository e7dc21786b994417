"""Render: situation model → Markdown, HTML, email, PDF and JSON files."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from briefing.atomic import write_text_atomic
from briefing.model import SituationModel


def slugify(text: str, max_length: int = 60) -> str:
    """A safe file-name stem from untrusted text: ASCII letters, digits and hyphens only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    return slug or "briefing"


def write_briefing(model: SituationModel, out_dir: Path, formats: Iterable[str],
                   templates: Optional[Path] = None) -> list[Path]:
    """Write each requested format into `out_dir`; returns the written paths."""
    stem = slugify(model.title)
    written = []
    for fmt in formats:
        if fmt == "json":
            written.append(write_text_atomic(Path(out_dir) / f"{stem}.json", model.model_dump_json(indent=1) + "\n"))
    return written
