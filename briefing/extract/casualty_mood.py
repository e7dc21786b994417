"""Mood of a casualty figure: hypothetical, future or threatened figures are not casualties.

"25,000 of his men were ready to die", "could kill thousands", "200 would be killed if the dam broke",
"threatened to kill 12 hostages", "children at risk of dying" report no deaths. A modal followed by
"have" ("may have been killed") or by a state ("50 may be dead", "could be trapped") is a hedged report
of what has happened and still counts. "feared dead",
"presumed dead" and "believed dead" are people unaccounted for, not confirmed deaths: they count as
missing (the wording stays in the citation).
"""
from __future__ import annotations

import re
from functools import lru_cache

# Between the number and its outcome ("N <victims> would be killed", "N men were ready to die").
HYPOTHETICAL_PREDICATE = re.compile(
    r"\b(?:would|could|might|may|will|shall|wo|ca)(?:n[’']t|\s+not|\s+never|\s+also|\s+all|\s+soon)?\s+"
    r"(?!have\b|be\s+(?:dead|missing|trapped|buried|among|held|in\s+custody)\b)"
    r"|\b(?:ready|willing|prepared|poised|expected|likely|set|going|about|bound|threaten\w*|vow\w*|plan\w*|"
    r"intend\w*|want\w*|wish\w*)\s+to\s+(?:\w+\s+)?"
    r"|\b(?:risk|danger|threat|fear)\s+of\s+|\bat\s+risk\b|\bin\s+danger\b", re.IGNORECASE)
# Just before an active verb ("could kill 12", "threatened to kill 12 hostages", "enough to kill thousands").
HYPOTHETICAL_VERB = re.compile(
    r"\b(?:(?:would|could|might|may|will|shall)(?:n[’']t|\s+not)?(?!\s+have\b)|wo\s*n[’']t|ca\s*n[’']t|"
    r"(?:threaten\w*|vow\w*|plann?\w*|intend\w*|want\w*|tr(?:y|ies|ied|ying)|attempt\w*|seek\w*|sought|"
    r"ready|willing|prepared|able|enough|aim\w*|pledg\w*|promis\w*|swore|swear\w*|order\w*|call\w*)\s+to|"
    r"capable\s+of)\s+(?:\w+\s+)?(?:\w+\s+)?$", re.IGNORECASE)
PRESUMED = re.compile(r"\b(?:feared|presumed|believed|thought)\s+(?:to\s+(?:be|have\s+been)\s+)?dead\b",
                      re.IGNORECASE)


@lru_cache(maxsize=4096)  # predicates repeat ("people were killed"): each is searched once
def hypothetical(predicate: str, before_verb: str = "") -> bool:
    """True when a figure's predicate (text from the number to its outcome word) or the words before its
    active verb make it a possibility, plan, threat or readiness rather than a reported casualty."""
    return bool(HYPOTHETICAL_PREDICATE.search(predicate) or (before_verb and HYPOTHETICAL_VERB.search(before_verb)))


def presumed_dead(predicate: str) -> bool:
    """True for "feared dead" / "presumed dead": unaccounted for, reported as missing."""
    return bool(PRESUMED.search(predicate))
