"""Date phrases: found where they are, resolved against the publication date, and nothing else taken for a date."""
from __future__ import annotations

from datetime import date

import pytest

from briefing.extract.dates import find_dates, reference_date

WED = date(2024, 3, 13)  # a Wednesday

# (text, published, phrase as found, expected date, expected precision)
CASES = [
    # absolute
    ("The blast happened on January 16, 2024 near the port.", WED, "on January 16, 2024", date(2024, 1, 16), "day"),
    ("Talks opened 16 January 2024 in Geneva.", WED, "16 January 2024", date(2024, 1, 16), "day"),
    ("Talks opened on the 4th of March in Geneva.", WED, "on the 4th of March", date(2024, 3, 4), "day"),
    ("The ceasefire of Jan. 16 collapsed.", WED, "Jan. 16", date(2024, 1, 16), "day"),
    ("The deal was signed on Sept. 9.", WED, "on Sept. 9", date(2023, 9, 9), "day"),
    ("Records dated 2023-11-05 were seized.", WED, "2023-11-05", date(2023, 11, 5), "day"),
    ("Prices rose in January 2022 and again later.", WED, "in January 2022", date(2022, 1, 1), "month"),
    ("The group was founded in 2019 by exiles.", WED, "in 2019", date(2019, 1, 1), "year"),
    ("Veterans of the 1971 war gathered.", WED, "the 1971", date(1971, 1, 1), "year"),
    # year rollover: a day/month without a year is not put months after publication
    ("Clashes began on 28 December and went on.", date(2024, 1, 5), "on 28 December", date(2023, 12, 28), "day"),
    ("Clashes began on Dec. 28 and went on.", date(2024, 1, 5), "on Dec. 28", date(2023, 12, 28), "day"),
    ("On Oct 30 last year, troops killed a commander.", WED, "On Oct 30 last year", date(2023, 10, 30), "day"),
    # weekdays: latest on or before publication, same day included
    ("Rebels attacked the town on Tuesday.", WED, "on Tuesday", date(2024, 3, 12), "day"),
    ("Rebels attacked the town on Wednesday.", WED, "on Wednesday", date(2024, 3, 13), "day"),
    ("Rebels attacked the town on Thursday.", WED, "on Thursday", date(2024, 3, 7), "day"),
    ("Shelling resumed Tuesday night.", WED, "Tuesday night", date(2024, 3, 12), "day"),
    ("Shelling resumed early Sunday, officials said.", WED, "early Sunday", date(2024, 3, 10), "day"),
    ("Shelling resumed late on Saturday.", WED, "late on Saturday", date(2024, 3, 9), "day"),
    ("Missiles hit the base on Monday local time.", WED, "on Monday local time", date(2024, 3, 11), "day"),
    ("He condemned Monday's raid.", WED, "Monday", date(2024, 3, 11), "day"),
    ("Forces accepted on Tuesday (March 12) a truce.", WED, "on Tuesday (March 12)", date(2024, 3, 12), "day"),
    ("Ministers are due to meet on Friday in Brussels.", WED, "on Friday", date(2024, 3, 15), "day"),
    ("Ministers met last Wednesday in Brussels.", WED, "last Wednesday", date(2024, 3, 6), "day"),
    # relative words
    ("The toll rose today, officials said.", WED, "today", WED, "day"),
    ("A bomb went off yesterday in the market.", WED, "yesterday", date(2024, 3, 12), "day"),
    ("Sirens sounded last night across the city.", WED, "last night", date(2024, 3, 12), "day"),
    ("A convoy left this morning for the border.", WED, "this morning", WED, "day"),
    ("Protests broke out three days ago in the capital.", WED, "three days ago", date(2024, 3, 10), "day"),
    ("Protests broke out a week ago in the capital.", WED, "a week ago", date(2024, 3, 6), "approximate"),
    ("The envoy was recalled last week.", WED, "last week", date(2024, 3, 6), "approximate"),
    ("Exports fell last month.", WED, "last month", date(2024, 2, 1), "month"),
]


@pytest.mark.parametrize("text,published,phrase,expected,precision", CASES)
def test_phrase_resolves(text, published, phrase, expected, precision):
    found = {m.text: m for m in find_dates(text, published)}
    assert phrase in found, f"{phrase!r} not found in {list(found)}"
    assert found[phrase].date == expected
    assert found[phrase].precision == precision


def test_chained_relatives_count_from_the_last_date():
    text = "Troops crossed the river on 3 March. Three days later they took the bridge. The previous day, talks failed."
    found = {m.text: m.date for m in find_dates(text, WED)}
    assert found["Three days later"] == date(2024, 3, 6)
    assert found["The previous day"] == date(2024, 3, 5)


def test_that_morning_takes_the_date_just_given():
    text = "The ministry said on Monday the envoy had left the capital that morning."
    found = {m.text: m.date for m in find_dates(text, WED)}
    assert found["that morning"] == date(2024, 3, 11)


def test_days_after_anchor_with_a_dated_main_clause():
    text = "Rebels on Wednesday accepted a truce, a day after the army launched an offensive."
    offset = next(m for m in find_dates(text, WED) if m.text == "a day after")
    assert offset.date == date(2024, 3, 13)
    assert offset.anchor == date(2024, 3, 12)


def test_days_after_anchor_counts_from_publication_when_the_main_event_is_undated():
    text = "This operation comes two days after Tehran claimed it attacked bases inside the country."
    offset = next(m for m in find_dates(text, date(2024, 1, 18)) if m.text == "two days after")
    assert offset.anchor == date(2024, 1, 16)


def test_dateline_is_the_reference_for_relative_dates():
    text = "Lahore, Feb 27: The army said it shot down two jets today and on Wednesday closed the airspace."
    published = date(2019, 2, 28)
    assert reference_date(text, published) == date(2019, 2, 27)
    found = {m.text: m.date for m in find_dates(text, published)}
    assert found["today"] == date(2019, 2, 27)
    assert found["on Wednesday"] == date(2019, 2, 27)


@pytest.mark.parametrize("text", [
    "Article 370 was revoked by parliament.",
    "An F-16 was shot down over the border.",
    "The meeting started at 10:30 and ended at 13:00.",
    "Some 2019 people were displaced and 1,500 houses burned.",
    "Mirage-2000 jets carried 1,000 pound bombs.",
    "The commander, 45, said he may return.",
    "Soldiers march toward the hills.",
])
def test_no_false_dates(text):
    assert [(m.text, m.date) for m in find_dates(text, WED)] == []


def test_unknown_publication_leaves_relative_dates_unresolved():
    found = find_dates("Missiles struck the capital on Monday.", None)
    assert [(m.text, m.date) for m in found] == [("on Monday", None)]


def test_mentions_are_sorted_and_do_not_overlap():
    text = "On Tuesday (March 12) and on 12 March 2024, then yesterday and last week, troops moved in 2023."
    found = find_dates(text, WED)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(text[m.start:m.end] == m.text for m in found)


def test_weekday_followed_by_explicit_date_takes_that_date():
    found = find_dates("Troops crossed on Sunday, Oct. 9, 2022, at dawn.", date(2022, 10, 30))
    assert found[0].date == date(2022, 10, 9)


def test_named_days_are_not_dates():
    text = "Marchers remembered Bloody Sunday, the Sunday Times reported."
    assert [m.text for m in find_dates(text, WED)] == []


def test_future_marker_only_within_the_clause():
    text = "The envoy, who will travel to Paris, said on Monday that talks failed."
    assert find_dates(text, WED)[0].date == date(2024, 3, 11)


@pytest.mark.parametrize("text,phrase,expected", [
    ("Talks failed on Tuesday last week.", "on Tuesday last week", date(2024, 3, 5)),
    ("Troops arrived on 10 March. The previous night, shelling hit the port.", "The previous night", date(2024, 3, 9)),
    ("Troops arrived on 10 March. Later in the day, the mayor fled.", "Later in the day", date(2024, 3, 10)),
])
def test_more_relative_phrases(text, phrase, expected):
    found = {m.text: m.date for m in find_dates(text, WED)}
    assert found[phrase] == expected


def test_days_after_with_the_main_date_later_in_the_sentence():
    text = "Two days after the bombing, the government on Saturday recalled its envoy."
    offset = next(m for m in find_dates(text, WED) if m.text == "Two days after")
    assert offset.date == date(2024, 3, 9)
    assert offset.anchor == date(2024, 3, 7)


@pytest.mark.parametrize("text,published,phrase,expected", [
    ("The May 9 parade went ahead under heavy guard.", date(2024, 1, 10), "May 9", date(2023, 5, 9)),
    ("Protests began in March and spread.", date(2024, 1, 10), "in March", date(2023, 3, 1)),
    ("Elections will be held in March.", date(2024, 1, 10), "in March", date(2024, 3, 1)),
    ("Voting starts on Jan. 3, officials said.", date(2023, 12, 28), "on Jan. 3", date(2024, 1, 3)),
])
def test_year_is_chosen_looking_back_first(text, published, phrase, expected):
    found = {m.text: m.date for m in find_dates(text, published)}
    assert found[phrase] == expected


def test_dateline_with_year_dates_an_undated_article():
    text = "Kyiv, Oct. 10, 2022 — Missiles struck the capital on Monday morning."
    assert reference_date(text, None) == date(2022, 10, 10)
    assert [m.date for m in find_dates(text, None) if m.text == "on Monday morning"] == [date(2022, 10, 10)]


def test_past_verb_after_a_future_marker_keeps_the_weekday_in_the_past():
    text = "Talks will resume after they broke down on Monday."
    assert find_dates(text, WED)[0].date == date(2024, 3, 11)
    assert find_dates("Ministers will meet on Monday.", WED)[0].date == date(2024, 3, 18)


def test_would_after_said_points_ahead():
    assert find_dates("The operator said extra ferries would run on Monday.", WED)[0].date == date(2024, 3, 18)


def test_hours_earlier_takes_the_date_just_given_but_minutes_before_an_event_is_no_date():
    text = ("Leaders met on Sunday in the capital. Hours earlier, crowds gathered. "
            "Minutes before the vote, the speaker resigned.")
    found = {d.text: d for d in find_dates(text, date(2024, 3, 13))}
    assert found["Hours earlier"].date == date(2024, 3, 10) and found["Hours earlier"].precision == "day"
    assert "Minutes before" not in found
    assert all(d.date is None for d in find_dates("Hours later, the fire was out.", date(2024, 3, 13)))


TRICKY = ["on the 4th of March", "mid-January 2024", "inMarch", "lastMay", "early on Monday",
          "this past Sunday (Oct. 9)",
          "a few days ago", "just a few days after the vote", "Two weeks later", "the day before yesterday",
          "Earlier in the day", "on the eve of the summit", "Hours before the strike", "in 2019 and 2020-01-05",
          "weeK ago, ſeveral days ago", "İn March", "x2019", "the 1971 war", "throughout December", "Sept. 9",
          "MarchMonday's raid", "over the weekend", "this past weekend", "later that night", "the following day",
          "ON THE EVE OF", "Dec. 5, 2024 last year", "the 5th\nof\tJune"]


@pytest.mark.parametrize("text", [a + sep + b for a in TRICKY for b in TRICKY[::7] for sep in (" ", "", ". ")]
                         + [text for text, *_ in CASES])
def test_anchored_scan_finds_what_a_full_scan_finds(text):
    from briefing.extract.date_anchors import anchored_matches
    from briefing.extract.date_patterns import PATTERNS

    full = [(kind, m.span()) for kind, rx in PATTERNS for m in rx.finditer(text)]
    assert [(kind, m.span()) for kind, m in anchored_matches(text, PATTERNS)] == full
