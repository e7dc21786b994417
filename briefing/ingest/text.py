"""Text article formats: seed (`date YYYY-MM-DD body`), `key: value` header block, front matter, plain."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from briefing.ingest.clean import MD_HEADING
from briefing.ingest.dates import parse_date

SEED = re.compile(r"^\s*date\s+(\d{4}-\d{1,2}-\d{1,2}|unknown)\b[ \t]*", re.IGNORECASE)
HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _.-]{0,29}?)\s*:\s*(.*)$")
FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$", re.MULTILINE)
# Header keys → Article fields (case-insensitive; spaces, dashes and dots read as underscores).
FIELD_OF_KEY = {
    "title": "title", "headline": "title",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "publication": "outlet", "site": "outlet",
    "site_name": "outlet", "sitename": "outlet", "newspaper": "outlet", "agency": "outlet",
    "url": "url", "link": "url", "source_url": "url", "canonical": "url", "canonical_url": "url", "permalink": "url",
    "date": "date", "published": "date", "published_at": "date", "publication_date": "date", "pubdate": "date",
    "date_published": "date", "datepublished": "date", "published_date": "date", "created": "date",
    "author": "author", "authors": "author", "byline": "author", "by": "author", "writer": "author",
}


@lru_cache(maxsize=4096)
def field_of(key: str) -> str | None:
    """The Article field a header or record key stands for, if any."""
    snake = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", key.strip())  # camelCase: publishedAt → published_at
    return FIELD_OF_KEY.get(re.sub(r"[\s.-]+", "_", snake.lower()))


def parse_text(text: str, markdown: bool) -> tuple[dict[str, str], str, bool]:
    """Split a text file into (metadata by field, body, body is Markdown)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    seed = SEED.match(text)
    if seed:
        return {"date": seed[1]}, text[seed.end():], markdown
    if re.match(r"^---[ \t]*\r?\n", text):
        closing = FRONT_MATTER_END.search(text, text.index("\n") + 1)
        if closing:
            meta = parse_front_matter(text[text.index("\n") + 1:closing.start()])
            return meta, text[closing.end():], True
    meta, body = parse_header_block(text)
    if markdown and "title" not in meta:
        meta, body = take_markdown_title(meta, body)
    return take_leading_lines(meta, body), body_after_leading_lines(body), markdown


BYLINE = re.compile(r"^(?:By|BY|by)\s+([A-Z][\w'’.-]*(?:[ ,]+(?:and\s+)?[A-Z][\w'’.-]*){0,7})\s*$")
STAMP = re.compile(r"^(?:published|updated|last updated|posted|first published)(?:\s+on)?\s*:?\s+(.{6,60})$",
                   re.IGNORECASE)
LEADING_LINES = 3


def leading_lines(body: str) -> list[tuple[str, re.Match]]:
    """The byline and timestamp lines that open a body (at most the first three non-empty lines)."""
    found = []
    for line in islice((ln.strip() for ln in body.split("\n", 50) if ln.strip()), LEADING_LINES):
        m = BYLINE.match(line) or STAMP.match(line)
        if not m:
            break
        found.append((line, m))
    return found


def take_leading_lines(meta: dict[str, str], body: str) -> dict[str, str]:
    """Author from a leading `By …` line and date from a `Published/Updated …` line, when the header lacks them."""
    meta = dict(meta)
    for line, m in leading_lines(body):
        field = "author" if m.re is BYLINE else "date"
        if not meta.get(field) or (field == "date" and parse_date(meta["date"]) is None):  # e.g. `date: unknown`
            meta[field] = m[1].strip()
    return meta


def body_after_leading_lines(body: str) -> str:
    """The body without its leading byline and timestamp lines (page furniture, not reporting)."""
    for line, _ in leading_lines(body):
        body = body.replace(line, "", 1)
    return body


def parse_header_block(text: str) -> tuple[dict[str, str], str]:
    """Read leading `key: value` lines holding at least one known field; else no metadata."""
    lines = text.split("\n")
    keyed = []
    for line in lines:
        m = HEADER_LINE.match(line.strip())
        if not m or (field_of(m[1]) is None and len(m[2]) > 120):
            break
        keyed.append((field_of(m[1]), m[2].strip()))
    if not (len(keyed) == len(lines) or not lines[len(keyed)].strip()):
        # no blank line after the block: keep only the leading known keys (a dateline "KYIV: …" is body)
        known_run = next((i for i, (field, _) in enumerate(keyed) if field is None), len(keyed))
        keyed = keyed[:known_run]
    meta: dict[str, str] = {}
    for field, value in keyed:
        if field:
            meta.setdefault(field, value)
    if not meta:
        return {}, text
    return meta, "\n".join(lines[len(keyed):])


def parse_front_matter(block: str) -> dict[str, str]:
    """YAML-style front matter: scalar `key: value` lines and simple `- item` lists (joined by commas)."""
    meta: dict[str, str] = {}
    current: str | None = None
    for line in block.split("\n"):
        item = re.match(r"^\s+-\s+(.*)$|^-\s+(.*)$", line)
        if item and current:
            value = unquote(item[1] or item[2] or "")
            meta[current] = f"{meta[current]}, {value}" if meta.get(current) else value
            continue
        m = HEADER_LINE.match(line.rstrip())
        if not m or line[:1].isspace():
            continue
        current = field_of(m[1])
        if current and current not in meta:
            value = m[2].strip()
            if value.startswith("[") and value.endswith("]"):
                value = ", ".join(unquote(v) for v in value[1:-1].split(",") if v.strip())
            meta[current] = unquote(value)
        elif current in meta:
            current = None
    return {k: v for k, v in meta.items() if v}


def unquote(value: str) -> str:
    """Strip YAML quotes and `|`/`>` block markers from a scalar."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return "" if value in ("|", ">", "|-", ">-", "~", "null") else value


def take_markdown_title(meta: dict[str, str], body: str) -> tuple[dict[str, str], str]:
    """Use a leading `# Heading` as the title of a Markdown article and remove it from the body."""
    stripped = body.lstrip()
    first, _, rest = stripped.partition("\n")
    m = MD_HEADING.match(first.strip())
    if m and first.startswith("# "):
        return {**meta, "title": m[1]}, rest
    return meta, body
