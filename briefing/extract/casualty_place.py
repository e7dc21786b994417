"""Where a casualty figure happened: the place phrase nearest the figure in its sentence.

"in the border town of Eastport", "near Riverton", "on the Harbour Bridge": a preposition and a capitalised
name, optionally with a place type (town, district, province …). Weekday and month names, platform names
and places inside the claimant's own name ("the Freedonian Health Ministry") are not places.
"""
from __future__ import annotations

import re

LOCATION = re.compile(
    r"\b(?:in|near|at|on|outside|across|inside|around|off)\s+(?:the\s+)?(?P<place>(?:[A-Z][\w'’.-]*)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|of|al-[\w-]+))*(?:\s+(?:town|district|province|region|city|village|area|camp|"
    r"air\s+base|base|airport|bridge|border|strip))?)")
NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "twitter", "facebook", "telegram", "instagram", "x", "a", "an", "the"}


def figure_location(text: str, claimant: str, at: int = 0) -> str:
    """The place phrase nearest after offset `at` (else the last before it), outside the claimant."""
    places = []
    for m in LOCATION.finditer(text):
        place = m.group("place").rstrip(".")
        if place.split()[0].lower() in NOT_PLACES or (claimant and re.search(rf"\b{re.escape(place)}\b", claimant)):
            continue
        places.append((m.start() < at, m.start() if m.start() >= at else -m.start(), place))
    return min(places)[2] if places else ""
