"""View model: the situation model reshaped for templates (citations grouped, sections ordered, labels)."""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date as Date, datetime
from typing import Optional
from urllib.parse import urlsplit

from briefing.model import Casualty, Discrepancy, SituationModel, Source

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

STANCE_LABELS = OrderedDict([
    ("condemn", "Condemned"),
    ("concern", "Expressed concern"),
    ("call_for_restraint", "Called for restraint"),
    ("mediate", "Offered mediation"),
    ("support", "Expressed support"),
    ("other", "Other reactions"),
])

# Caps for the bounded formats. The HTML, Markdown and JSON briefings stay complete (they are the reference);
# the PDF shows at most PDF_ROWS rows per section (the best-supported, in their original order; PDF_DISAGREEMENTS
# disagreements), PDF_QUOTES quoted passages per source (fewer when there are many sources: PDF_QUOTE_BUDGET in
# all, at least one each), PDF_MARKERS source markers per item, and beyond PDF_ROWS sources only the sources it
# cites; each cut says how much is not shown. Our real situations (≤ ~20 articles) stay far below every cap:
# ≤ 36 rows, ≤ 2 disagreements, ≤ 15 quotes per source, ≤ 3 markers.
PDF_ROWS = 100
PDF_DISAGREEMENTS = 25
PDF_QUOTES = 20
PDF_QUOTE_BUDGET = 300
PDF_MARKERS = 6


def quotes_per_source(sources: int) -> int:
    """How many quoted passages the PDF lists under each source, given how many sources there are."""
    return max(1, min(PDF_QUOTES, PDF_QUOTE_BUDGET // max(sources, 1)))

KIND_LABELS = {"state": "State", "armed_group": "Armed group", "organization": "Organisation",
               "person": "Person", "media": "Media", "other": "Other"}


def safe_url(url: str) -> str:
    """The URL when it is an absolute http(s) address with a host, else "" (never a javascript: link)."""
    url = (url or "").strip()
    if any(ch in url for ch in "\x00\r\n\t \"'<>`"):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def format_date(value: Optional[Date], precision: str = "day") -> str:
    """`14 Feb 2019`, `Feb 2019` or `2019` by precision; "" when unknown."""
    if value is None or precision == "unknown":
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"c. {text}" if precision == "approximate" else text


def format_period(start: Optional[Date], end: Optional[Date]) -> str:
    """A compact range: `14–27 Feb 2019`, `28 Feb – 2 Mar 2019`, or one date."""
    if not start and not end:
        return ""
    start, end = start or end, end or start
    if start == end:
        return format_date(start)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{format_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def format_generated(stamp: str) -> str:
    """`2031-05-06T09:30:00+00:00` → `6 May 2031, 09:30 UTC`; the raw text when unparsable."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    zone = "UTC" if moment.utcoffset() is not None and not moment.utcoffset() else (moment.strftime("%z") or "")
    return f"{format_date(moment.date())}, {moment:%H:%M} {zone}".strip()


def figure_text(item: Casualty) -> str:
    """The casualty figure as a reader sees it: wording plus the number when they differ."""
    if item.count is not None and item.count_max is not None:
        number = f"{item.count}–{item.count_max}"
    elif item.count is not None:
        number = str(item.count)
    else:
        number = ""
    wording = item.figure.strip()
    if wording and number and number not in wording:
        return f"{wording} ({number})"
    return wording or number or item.qualifier or "unspecified"


def independence_key(sv: "SourceView") -> str:
    """What makes two sources independent: a different originating outlet, else web host, else source.

    Syndicated copies name their origin: "X (via Y)" is X's story, "Y (X)" is X's story run by Y.
    """
    outlet = sv.source.outlet.strip()
    via = re.fullmatch(r"(.+?)\s*\(via [^()]*\)", outlet, flags=re.I)
    wire = re.fullmatch(r"[^()]+\(([^()]+)\)", outlet)
    outlet = (via.group(1) if via else wire.group(1) if wire else outlet).strip().lower()
    if outlet:
        return "outlet:" + outlet
    host = urlsplit(sv.url).netloc.lower().removeprefix("www.") if sv.url else ""
    return "host:" + host if host else "id:" + sv.source.id


@dataclass
class CiteGroup:
    """All citations of one finding from one source: one marker, its quotes in the pop-up."""

    source: Source
    quotes: list[str]
    number: int
    anchor: str

    @property
    def id(self) -> str:
        """The source id (`S1`)."""
        return self.source.id


@dataclass
class SourceView:
    """A source in the numbered list at the end."""

    source: Source
    number: int
    anchor: str
    url: str
    date: str
    quotes: list[str] = field(default_factory=list)
    independence: str = ""

    @property
    def id(self) -> str:
        """The source id (`S1`)."""
        return self.source.id

    @property
    def label(self) -> str:
        """Outlet, else the host of the link, else the file stem."""
        return self.source.outlet or (urlsplit(self.url).netloc if self.url else "") or self.source.stem


class View:
    """Template helpers bound to one model: citation groups, support counts, grouped sections."""

    def __init__(self, model: SituationModel):
        self.model = model
        self.sources: list[SourceView] = []
        self.by_id: dict[str, SourceView] = {}
        for number, src in enumerate(model.sources, 1):
            sv = SourceView(src, number, f"src-{src.id.lower()}", safe_url(src.url),
                            format_date(src.published))
            sv.independence = independence_key(sv)
            self.sources.append(sv)
            self.by_id[src.id] = sv
        self._marker = 0
        # Quotes already listed per source: a set beside each list keeps `cites` linear in citations.
        self._quoted: dict[str, set[str]] = {sid: set() for sid in self.by_id}
        self._claims_by_span: Optional[dict[tuple, list]] = None
        self.memo: dict = {}  # per-rendering cache for the render helpers (e.g. escaped source labels)
        self._quote_totals: Optional[dict[str, int]] = None
        self.marked: set[str] = set()  # sources with a marker on the page (cites.cite_markers adds them)

    def cites(self, item) -> list[CiteGroup]:
        """Citations of `item` grouped by source, in source order; unknown source ids are dropped."""
        by_id = self.by_id
        grouped: dict[str, dict[str, None]] = {}  # source → its quotes, first seen first, each once
        for c in getattr(item, "citations", []) or []:
            if c.source in by_id:
                quotes = grouped.setdefault(c.source, {})
                if c.quote:
                    quotes[c.quote] = None
                    quoted = self._quoted[c.source]
                    if c.quote not in quoted:
                        quoted.add(c.quote)
                        by_id[c.source].quotes.append(c.quote)
        groups = []
        for sid in sorted(grouped, key=lambda s: by_id[s].number):
            self._marker += 1
            groups.append(CiteGroup(by_id[sid].source, list(grouped[sid]), self._marker, f"c{self._marker}"))
        return groups

    def support(self, item) -> int:
        """How many independent sources back `item`: reports from the same outlet count once."""
        by_id = self.by_id
        return len({by_id[c.source].independence
                    for c in getattr(item, "citations", []) or [] if c.source in by_id})

    def reactions_by_stance(self) -> list[tuple[str, str, list]]:
        """International reactions grouped by stance, in a fixed reading order: (stance, label, items)."""
        groups = []
        for stance, label in STANCE_LABELS.items():
            items = [r for r in self.model.international_reactions if r.stance == stance]
            if items:
                groups.append((stance, label, items))
        return groups

    def casualty_discrepancies(self) -> list[Discrepancy]:
        """Discrepancies about reported figures: those whose claims share evidence or numbers with casualties."""
        spans = {(c.source, c.start, c.end) for item in self.model.casualties for c in item.citations}
        counts = {item.count for item in self.model.casualties if item.count is not None}
        found = []
        for d in self.model.discrepancies:
            claim_spans = {(c.source, c.start, c.end) for cl in d.claims for c in cl.citations}
            numeric = [cl.count for cl in d.claims if cl.count is not None]
            if claim_spans & spans or (numeric and set(numeric) <= counts):
                found.append(d)
        return found

    def disputed(self, item: Casualty) -> bool:
        """Whether a casualty figure takes part in a discrepancy: a claim citing one of its spans,
        with no number or the figure's own."""
        if self._claims_by_span is None:  # span → counts of the claims citing it, built once per view
            self._claims_by_span = {}
            for d in self.model.discrepancies:
                for cl in d.claims:
                    for c in cl.citations:
                        self._claims_by_span.setdefault((c.source, c.start, c.end), []).append(cl.count)
        for c in item.citations:
            for count in self._claims_by_span.get((c.source, c.start, c.end), ()):
                if count is None or count in (item.count, item.count_max):
                    return True
        return False

    def incident(self, item: Casualty) -> str:
        """Victims, place and date of a casualty figure in one line."""
        parts = [item.victims.strip(" .,;:") or "people"]
        if item.location.strip(" .,;:"):
            parts.append(item.location.strip(" .,;:"))
        if item.date:
            parts.append(format_date(item.date))
        return " · ".join(parts)

    def chron_date(self, entry) -> str:
        """The display date of a chronology entry, falling back to the date as written."""
        return format_date(entry.date, entry.date_precision) or entry.date_text or "Undated"

    def date_as_written(self, entry) -> str:
        """The date phrase as written, when it tells the reader more than the resolved date."""
        written = " ".join(entry.date_text.split())
        shown = self.chron_date(entry)
        return "" if not written or written.lower() in shown.lower() or written == entry.text else written

    def capped(self, items, most: Optional[int] = None) -> tuple[list[tuple[int, object]], int]:
        """(number, item) pairs to show, numbered from 1 in the model's order, and how many are left out.

        All of them when `most` is None or enough; else the `most` best-supported (ties: earlier first), still
        in the model's order, so a capped chronology stays a chronology and keeps the full list's numbers.
        """
        numbered = list(enumerate(items, 1))
        if most is None or len(numbered) <= most:
            return numbered, 0
        best = sorted(numbered, key=lambda pair: (-self.support(pair[1]), pair[0]))[:most]
        return sorted(best, key=lambda pair: pair[0]), len(numbered) - most

    def quote_total(self, source: SourceView) -> int:
        """How many distinct passages of `source` the whole model quotes (what the complete HTML lists)."""
        if self._quote_totals is None:
            model = self.model
            quoted: dict[str, set[str]] = {sid: set() for sid in self.by_id}
            items = [*model.key_points, *model.chronology, *model.casualties, *model.actors,
                     *model.diplomatic_moves, *model.international_reactions,
                     *(cl for d in model.discrepancies for cl in d.claims)]
            for item in items:
                for c in getattr(item, "citations", []) or []:
                    if c.quote and c.source in quoted:
                        quoted[c.source].add(c.quote)
            self._quote_totals = {sid: len(q) for sid, q in quoted.items()}
        return self._quote_totals[source.id]

    def listed_sources(self, most: Optional[int] = None) -> tuple[list[SourceView], int]:
        """The sources to list and how many are left out: all of them when `most` is None or enough, else
        those a marker on the page points to (call it after the sections)."""
        if most is None or len(self.sources) <= most:
            return self.sources, 0
        listed = [s for s in self.sources if s.id in self.marked]
        return listed, len(self.sources) - len(listed)

    def keywords(self) -> list[str]:
        """PDF/HTML keywords: the most mentioned actors."""
        ranked = sorted(self.model.actors, key=lambda a: (-a.mentions, a.name))
        return [a.name for a in ranked[:8]]
