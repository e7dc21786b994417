"""Where a casualty figure happened: the place phrase nearest the figure in its sentence.

"in the border town of Eastport", "near Riverton", "on the Harbour Bridge": a preposition and a capitalised
name, optionally with a place type (town, district, province …). Weekday and month names, platform names
and places inside the claimant's own name ("the Freedonian Health Ministry") are not places.
"""
from __future__ import annotations

import re
from typing import Optional

from briefing.extract.scans import word_start_finditer

PLACE = (r"\s+(?:the\s+)?(?P<place>(?:[A-Z][\w'’.-]*)"
         r"(?:\s+(?:[A-Z][\w'’.-]*|of|al-[\w-]+))*(?:\s+(?:town|district|province|region|city|village|area|camp|"
         r"air\s+base|base|airport|bridge|border|strip))?)")
PREPOSITIONS = r"(?:in|near|at|on|outside|across|inside|around|off)"
# A place is `\b{PREPOSITIONS}{PLACE}`; scanned without the leading \b (see scans.word_start_finditer), the engine
# skips ahead to the letters a preposition starts with.
LOCATION_SCAN = re.compile(rf"{PREPOSITIONS}{PLACE}")
NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "twitter", "facebook", "telegram", "instagram", "x", "a", "an", "the"}


def places_in(text: str) -> list[tuple[int, str]]:
    """Every place phrase of a sentence that may be a figure's location: (offset, place), as `\\b{PREPOSITIONS}{PLACE}`
    finds them."""
    places = []
    for m in word_start_finditer(LOCATION_SCAN, text):
        place = m.group("place").rstrip(".")
        if place.split()[0].lower() not in NOT_PLACES:
            places.append((m.start(), place))
    return places


def figure_location(text: str, claimant: str, at: int = 0, places: Optional[list[tuple[int, str]]] = None) -> str:
    """The place phrase nearest after offset `at` (else the last before it), outside the claimant.
    `places`: `places_in(text)`, when the caller has it (a sentence with several figures)."""
    nearest = None
    for start, place in places_in(text) if places is None else places:
        if claimant and re.search(rf"\b{re.escape(place)}\b", claimant):
            continue
        key = (start < at, start if start >= at else -start, place)
        if nearest is None or key < nearest:
            nearest = key
    return nearest[2] if nearest else ""
