"""Header and metadata dates: ISO, RFC 2822, month-name and unambiguous numeric forms; never a guess."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_tz

MONTHS = {
    name: i for i, names in enumerate([
        (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ]) for name in names
}
UNKNOWN = {"", "unknown", "none", "null", "n/a", "na", "nan", "-", "?", "undated", "no date"}
ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T|$)")
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?[\s-]+(?:of\s+)?([a-z]{3,9})\.?,?[\s-]+(\d{4})\b")
MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")
HAS_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
MIN_YEAR, MAX_YEAR = 1800, 2199
# Languages tried by the dateparser fallback; trying every locale takes seconds on a single odd string.
FALLBACK_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "tr", "ar", "pl", "sv", "id"]


def make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts are impossible (31 April, 30 February …) or out of range."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """Parse a header or metadata date; None when missing, unknown, impossible or ambiguous."""
    if isinstance(value, (date, datetime)):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return from_timestamp(value)
    text = " ".join(str(value).split()).strip().lower()
    if text in UNKNOWN or len(text) > 200:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", text):
        return from_timestamp(float(text))
    for pattern in (ISO, COMPACT):
        m = pattern.match(text)
        if m:  # the literal calendar date as written, whatever the time zone
            return make_date(int(m[1]), int(m[2]), int(m[3]))
    m = NUMERIC.match(text)
    if m:
        return numeric_date(int(m[1]), m[2], int(m[3]), int(m[4]))
    for m in DAY_MONTH.finditer(text):
        if m[2] in MONTHS:
            return make_date(int(m[3]), MONTHS[m[2]], int(m[1]))
    for m in MONTH_DAY.finditer(text):
        if m[1] in MONTHS:
            return make_date(int(m[3]), MONTHS[m[1]], int(m[2]))
    parts = parsedate_tz(str(value))
    if parts and parts[0]:
        return make_date(parts[0], parts[1], parts[2])
    return parse_with_dateparser(str(value)) if HAS_YEAR.search(text) and len(text) <= 80 else None


def numeric_date(first: int, sep: str, second: int, year: int) -> date | None:
    """D/M/Y or M/D/Y when only one reading is possible; dotted dates are day-first by convention."""
    if sep == "." or first > 12:
        return make_date(year, second, first)
    if second > 12:
        return make_date(year, first, second)
    return make_date(year, first, first) if first == second else None


def from_timestamp(value: float) -> date | None:
    """A Unix timestamp (seconds, or milliseconds when very large) as a UTC calendar date."""
    if value > 1e11:
        value /= 1000
    if not 0 < value < 7e9:
        return None
    return datetime.fromtimestamp(value, tz=timezone.utc).date()


def parse_with_dateparser(text: str) -> date | None:
    """Last resort for other languages and odd layouts: absolute dates only, all parts required."""
    try:
        import dateparser  # slow to import: only reached for unusual header dates
    except ImportError:
        return None
    settings = {"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True}
    try:
        parsed = dateparser.parse(text, settings=settings, languages=FALLBACK_LANGUAGES)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    return make_date(parsed.year, parsed.month, parsed.day) if parsed else None
