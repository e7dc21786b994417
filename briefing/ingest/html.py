"""Saved web pages: main text via trafilatura (imported lazily), metadata from meta tags as a fallback."""
from __future__ import annotations

import logging

from briefing.ingest.builder import make_article
from briefing.model import Article, Skipped

# (meta attribute, value) pairs in order of preference for each field.
META_FIELDS = {
    "title": ["og:title", "twitter:title", "dc.title", "headline", "title"],
    "outlet": ["og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site"],
    "date": ["article:published_time", "og:article:published_time", "datepublished", "publishdate", "pubdate",
             "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
             "parsely-pub-date", "article.published", "published_time", "og:published_time"],
    "author": ["author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"],
    "url": ["og:url", "twitter:url"],
}


def page_meta(html_text: str) -> dict[str, str]:
    """Title, site name, date, author and address from <title>, meta tags, <time> and the canonical link."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html_text)
    except Exception:  # empty or hostile markup
        return {}
    tags: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            tags.setdefault(name, content)
    found = {field: next((tags[k] for k in keys if k in tags), "") for field, keys in META_FIELDS.items()}
    for field, value in json_ld_meta(root).items():
        found[field] = found[field] or value
    if not found["title"]:
        title = root.find(".//title")
        found["title"] = (title.text_content() if title is not None else "").strip()
    if not found["date"]:
        stamp = root.xpath("//time[@datetime][1]/@datetime")
        found["date"] = str(stamp[0]) if stamp else ""
    if not found["url"]:
        canonical = root.xpath("//link[@rel='canonical'][1]/@href")
        found["url"] = str(canonical[0]) if canonical else ""
    return {k: v for k, v in found.items() if v}


def json_ld_meta(root) -> dict[str, str]:
    """Headline, date, author and publisher from schema.org JSON-LD blocks (the first article-like one)."""
    import json

    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and (item.get("datePublished") or item.get("headline")):
                return {"title": name_of(item.get("headline")), "date": name_of(item.get("datePublished")),
                        "author": name_of(item.get("author")), "outlet": name_of(item.get("publisher")),
                        "url": name_of(item.get("url"))}
    return {}


def name_of(value: object) -> str:
    """A JSON-LD value as text: strings as they are, objects by their name, lists joined."""
    if isinstance(value, dict):
        return name_of(value.get("name"))
    if isinstance(value, list):
        return ", ".join(filter(None, map(name_of, value)))
    return value.strip() if isinstance(value, str) else ""


def extract_main_text(html_text: str) -> dict[str, str]:
    """Main text and metadata by trafilatura: precise first, then recall-oriented if nothing was found."""
    import trafilatura  # slow import: only when an HTML input is present

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    for options in ({"favor_precision": True}, {"favor_recall": True}):
        doc = trafilatura.bare_extraction(
            html_text, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            include_links=False, include_formatting=False, deduplicate=False, **options)
        if doc is None:
            continue
        values = doc if isinstance(doc, dict) else doc.as_dict()
        if (values.get("text") or "").strip():
            return {"text": values["text"], "title": values.get("title") or "", "outlet": values.get("sitename") or "",
                    "date": values.get("date") or "", "author": values.get("author") or "",
                    "url": values.get("url") or ""}
    return {}


def parse_html(html_text: str, label: str, stem: str) -> Article | Skipped:
    """One saved page → one article; pages without main text are skipped."""
    meta = page_meta(html_text)
    extracted = extract_main_text(html_text)
    if not extracted:
        return Skipped(input=label, reason="no main text found in HTML page")
    merged = {field: extracted.get(field) or meta.get(field, "") for field in ("title", "outlet", "author", "url")}
    merged["date"] = meta.get("date") or extracted.get("date", "")  # explicit page metadata beats a guess
    return make_article(label, stem, merged, extracted["text"])
