"""Geometry for the SVG pictures (timeline of the chronology, reported figures by source); templates draw them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date, timedelta

from briefing.render.view import MONTHS, View, figure_text, format_date

WIDTH = 480
# Beyond this many dated events the timeline draws one mark per day (or per few days) with a count, not a dot
# per event: our real situations have at most ~35; a 1,000-article one has thousands.
MAX_EVENT_DOTS = 80
MARK_SPACING = 24  # pixels between neighbouring grouped marks at least (a mark is 22 px wide)
OUTCOME_COLOURS = {"killed": "#b42318", "injured": "#b54708", "missing": "#5b4fc4", "captured": "#475467"}


def shorten(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a word boundary, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut) + "…"


@dataclass
class Dot:
    """One chronology entry on the timeline."""

    x: float
    y: float
    number: int
    single: bool
    tip: str


@dataclass
class More:
    """How many entries on one date did not fit in the stack of dots."""

    x: float
    y: float
    count: int


@dataclass
class Tick:
    """A labelled date on the timeline axis."""

    x: float
    label: str


@dataclass
class Timeline:
    """The timeline picture: axis, date ticks and one dot per dated entry."""

    width: int
    height: int
    axis_y: float
    x0: float
    x1: float
    dots: list[Dot] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    undated: int = 0
    more: list[More] = field(default_factory=list)
    grouped: bool = False  # one mark per day (or `days` days) whose number is how many events it holds
    days: int = 1
    events: int = 0


def grouped_timeline(view: View, entries: list, first: Date, last: Date, x0: float, x1: float,
                     axis_y: float) -> Timeline:
    """One mark per day (per `days` days when the period is long) with its event count; hollow when every
    event in it is single-source."""
    span = max((last - first).days, 1)
    days = max(1, -(-(span + 1) * MARK_SPACING // int(x1 - x0)))
    buckets: dict[int, list] = {}
    for _, e in entries:
        buckets.setdefault((e.date - first).days // days, []).append(e)
    dots = []
    for bucket, events in sorted(buckets.items()):
        start = first + timedelta(days=bucket * days)
        end = min(start + timedelta(days=days - 1), last)
        x = x0 + (x1 - x0) * min((bucket * days + (days - 1) / 2) / span, 1.0)
        single = sum(1 for e in events if view.support(e) <= 1)
        when = format_date(start) if start >= end else f"{format_date(start)} – {format_date(end)}"
        tip = (f"{when}: {len(events)} event{'s' if len(events) > 1 else ''}"
               + (f", {single} single-source" if single else "") + f"; first: {shorten(events[0].text, 120)}")
        dots.append(Dot(round(x, 1), axis_y + 18, len(events), single == len(events), tip))
    return Timeline(WIDTH, int(axis_y + 18 + 14 + 8), axis_y, x0, x1, dots, date_ticks(first, last, x0, x1),
                    undated=len(view.model.chronology) - len(entries), grouped=True, days=days,
                    events=len(entries))


def timeline(view: View, max_stack: int = 6) -> Timeline | None:
    """Lay out dated chronology entries along a date axis; None when fewer than two are dated."""
    entries = [(i, e) for i, e in enumerate(view.model.chronology, 1) if e.date and e.date_precision in ("day", "approximate")]
    if len(entries) < 2:
        return None
    first, last = min(e.date for _, e in entries), max(e.date for _, e in entries)
    span = max((last - first).days, 1)
    x0, x1, axis_y, step = 24.0, WIDTH - 24.0, 30.0, 20.0
    if len(entries) > MAX_EVENT_DOTS:
        return grouped_timeline(view, entries, first, last, x0, x1, axis_y)
    stacks: dict[Date, int] = {}
    dots = []
    for number, e in entries:
        level = stacks.get(e.date, 0)
        stacks[e.date] = level + 1
        if level >= max_stack:
            continue
        x = x0 + (x1 - x0) * (e.date - first).days / span
        tip = f"{view.chron_date(e)}: {shorten(e.text, 160)}"
        dots.append(Dot(round(x, 1), axis_y + 14 + level * step, number, view.support(e) <= 1, tip))
    more = [More(round(x0 + (x1 - x0) * (day - first).days / span, 1), axis_y + 18 + max_stack * step, n - max_stack)
            for day, n in stacks.items() if n > max_stack]
    rows = max(min(v, max_stack) for v in stacks.values()) + (1 if more else 0)
    height = int(axis_y + 14 + rows * step + 8)
    return Timeline(WIDTH, height, axis_y, x0, x1, dots, date_ticks(first, last, x0, x1),
                    undated=len(view.model.chronology) - len(entries), more=more)


def date_ticks(first: Date, last: Date, x0: float, x1: float, most: int = 5) -> list[Tick]:
    """Evenly spaced whole-day ticks (at most `most`), always including both ends."""
    span = max((last - first).days, 1)
    every = max(1, -(-span // (most - 1)))
    days = list(range(0, span + 1, every))
    if days[-1] != span:
        if span - days[-1] <= every / 2 and len(days) > 1:
            days[-1] = span
        else:
            days.append(span)
    ticks = []
    for d in days:
        day = first + timedelta(days=d)
        label = f"{day.day} {MONTHS[day.month - 1]}" if first.year == last.year else format_date(day)
        ticks.append(Tick(round(x0 + (x1 - x0) * d / span, 1), label))
    return ticks


@dataclass
class Bar:
    """One reported figure: its bar (and range extension) with labels."""

    y: float
    width: float
    range_width: float
    colour: str
    label: str
    value: str
    tip: str
    outcome: str


@dataclass
class BarChart:
    """Reported figures by source, one bar per figure, longest scale = largest figure."""

    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar] = field(default_factory=list)


def figures_chart(view: View, most: int = 12) -> BarChart | None:
    """Bars for numeric casualty figures, grouped by outcome, each labelled with who reported it and the sources."""
    items = [c for c in view.model.casualties if c.count is not None and (c.count or c.count_max)]
    if len(items) < 2:
        return None
    order = list(OUTCOME_COLOURS)
    items = sorted(items, key=lambda c: (order.index(c.outcome), -(c.count or 0)))[:most]
    top = max(max(c.count or 0, c.count_max or 0) for c in items) or 1
    # Label line above each bar, so labels get the full width on narrow screens.
    label_width, bar_height, gap, right = 0, 12, 26, 90
    span = WIDTH - right

    def length(n: int) -> float:
        """Bar length for figure n; int/int division, so absurdly large figures cannot overflow a float."""
        return span * (n / top)
    bars = []
    for i, c in enumerate(items):
        ids = ", ".join(sorted({x.source for x in c.citations if x.source in view.by_id},
                               key=lambda s: view.by_id[s].number))
        who = c.reported_by or "unattributed"
        label = shorten(f"{c.outcome} · {view.incident(c)} · {who}", 60) + (f" ({ids})" if ids else "")
        extra = length(c.count_max - c.count) if c.count_max and c.count_max > c.count else 0.0
        tip = f"{figure_text(c)} {c.outcome}: {view.incident(c)}; reported by {who}" + (f" [{ids}]" if ids else "")
        bars.append(Bar(22 + i * (bar_height + gap), round(max(length(c.count), 1.5), 1), round(extra, 1),
                        OUTCOME_COLOURS[c.outcome], label, figure_text(c) if len(figure_text(c)) <= 16 else
                        (f"{c.count}–{c.count_max}" if c.count_max else str(c.count)), shorten(tip, 200), c.outcome))
    return BarChart(WIDTH, 22 + len(bars) * (bar_height + gap) - gap + bar_height + 8, label_width, bar_height, bars)
