"""Jinja environments: user templates first, then the built-in ones (also reachable as `default:NAME`)."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from jinja2 import (BaseLoader, ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader,
                    PrefixLoader, StrictUndefined, TemplateNotFound)

from briefing.render import charts, cites
from briefing.render.view import (KIND_LABELS, figure_text, format_date, format_generated,
                                  format_period, safe_url)

HTML_SUFFIXES = (".html.j2", ".svg.j2", ".xml.j2", ".htm.j2")


class PackageTemplates(BaseLoader):
    """Templates shipped in the `briefing.templates` package, read with importlib.resources."""

    def get_source(self, environment, template):
        """Return (source, filename, uptodate) for a built-in template."""
        if "/" in template or "\\" in template or template.startswith("."):
            raise TemplateNotFound(template)
        res = resources.files("briefing.templates").joinpath(template)
        if not res.is_file():
            raise TemplateNotFound(template)
        return res.read_text(encoding="utf-8"), str(res), lambda: True

    def list_templates(self):
        """Names of the built-in templates."""
        return sorted(p.name for p in resources.files("briefing.templates").iterdir()
                      if p.name.endswith((".j2", ".css", ".svg")))


def read_asset(name: str, templates: Optional[Path] = None) -> str:
    """A stylesheet or other asset: the user's copy when present, else the built-in one."""
    if templates and (Path(templates) / name).is_file():
        return (Path(templates) / name).read_text(encoding="utf-8")
    return resources.files("briefing.templates").joinpath(name).read_text(encoding="utf-8")


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs, keyed by template source (an edit recompiles); a cache file
    that cannot be read or written is ignored, never an error."""

    def load_bytecode(self, bucket):
        """Fill the bucket from its cache file, or leave it empty."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or corrupt: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket):
        """Write the bucket's cache file when the folder allows it."""
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=2)
def template_cache(markdown: bool) -> Optional[QuietBytecodeCache]:
    """Jinja's private per-user cache folder (in the temp dir); None when it cannot be made safely.

    Compiling the templates costs about 0.1 s of every run, a third of rendering a small briefing. Jinja keys
    a file by template name and source; the same source compiles differently by environment kind (escaping,
    finalize) and by the settings below, so the kind and a digest of this module name the files too.
    """
    settings = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    try:
        return QuietBytecodeCache(pattern=f"__briefing_{'md' if markdown else 'html'}_{settings}_%s.cache")
    except (OSError, RuntimeError):
        return None


class MdSafe(str):
    """Markdown that is already escaped or built by us; the Markdown environment prints it as is."""


MD_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|&(?=#?\w+;))")
MD_SPECIAL_CHAR = re.compile(r"[\\`*\[\]<>|~&]")
MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
MD_LINE_START = re.compile(r"^(\s*\d*)([#+=.)-])", re.M)


def md_escape(value) -> MdSafe:
    """Escape untrusted text for inline Markdown: no links, HTML, code, emphasis, table breaks or blocks."""
    if isinstance(value, MdSafe):
        return value
    text = str(value)
    # Each substitution runs only when its characters occur: most text needs none of them.
    if "\n" in text or "\r" in text:
        text = MD_NEWLINES.sub(" ", text)
    text = text.strip()
    if MD_SPECIAL_CHAR.search(text):
        text = MD_SPECIAL.sub(r"\\\1", text)
    if "_" in text:
        text = MD_UNDERSCORE.sub(r"\\_", text)
    text = MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return MdSafe(text)


def md_finalize(value):
    """Every `{{ }}` in a Markdown template is escaped unless it is MdSafe (or a number/None)."""
    if value is None:
        return ""
    if isinstance(value, (MdSafe, int, float)):
        return value
    return md_escape(value)


def md_raw(value) -> MdSafe:
    """Mark template-built Markdown (e.g. a macro's output) as safe."""
    return MdSafe(value)


def md_url(url: str) -> MdSafe:
    """An http(s) URL as an autolink-safe destination in `<…>`, or empty when unsafe."""
    url = safe_url(url)
    return MdSafe(url.replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")) if url else MdSafe("")


def truncate_middle(text: str, limit: int = 80) -> str:
    """Shorten very long strings (URLs) for display, keeping both ends."""
    text = str(text)
    return text if len(text) <= limit else text[: limit * 2 // 3] + "…" + text[-(limit // 3 - 1):]


def is_html_template(name: Optional[str]) -> bool:
    """Autoescape HTML, SVG and XML templates (also `default:` names)."""
    return bool(name) and name.endswith(HTML_SUFFIXES)


def make_environment(templates: Optional[Path] = None, markdown: bool = False) -> Environment:
    """A Jinja environment: user folder, then built-ins; `default:` reaches the built-ins directly.

    Shared per (folder, kind) so compiled templates are reused; edited user templates are reloaded.
    """
    return cached_environment(str(Path(templates).resolve()) if templates else "", markdown)


@lru_cache(maxsize=16)
def cached_environment(templates: str, markdown: bool) -> Environment:
    """Build the environment for one template folder ("" for built-ins only)."""
    builtin = PackageTemplates()
    loaders = []
    if templates:
        loaders.append(FileSystemLoader(str(templates)))
    loaders += [PrefixLoader({"default": builtin}, delimiter=":"), builtin]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False if markdown else is_html_template,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=md_finalize if markdown else None,
        bytecode_cache=template_cache(markdown),
    )
    env.filters.update(
        md=md_escape, raw=md_raw, md_url=md_url, safe_url=safe_url, date=format_date,
        figure=figure_text, kind=lambda k: KIND_LABELS.get(k, k), truncate_middle=truncate_middle,
        period=format_period, generated=format_generated,
    )
    env.globals.update(charts=charts, cites=cites)
    return env
