"""Casualty figures: numbers, hedges, ranges, breakdowns, zero claims, outcomes, merging and discrepancies."""
from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from briefing.extract.actors import find_actor_mentions
from briefing.extract.casualties import extract_casualties
from briefing.extract.casualty_merge import merge_casualties
from briefing.extract.context import ArticleContext
from briefing.extract.dates import find_dates
from briefing.extract.quantities import find_figures, weapon_discrepancies
from briefing.extract.text import split_sentences
from briefing.model import Article, ArticleFindings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def article(text: str, outlet: str = "Daily Example", key: str = "k1", published=date(2024, 3, 5)) -> Article:
    return Article(key=key, stem=key, outlet=outlet, text=text, published=published)


def casualties(text: str, **kw):
    art = article(text, **kw)
    ctx = ArticleContext(article=art, sentences=split_sentences(text))
    ctx.mentions = find_actor_mentions(text)
    ctx.dates = find_dates(text, art.published)
    return extract_casualties(ctx)


def figures(text: str) -> list[tuple]:
    return sorted((c.count, c.count_max, c.outcome) for c in casualties(text))


@pytest.mark.parametrize("text, expected", [
    ("Twenty-seven soldiers were killed in the ambush.", (27, None, "killed")),
    ("More than 1,200 people were injured in the quake.", (1200, None, "injured")),
    ("A dozen civilians died when the shell hit the market.", (12, None, "killed")),
    ("Nine fishermen are still missing after the storm.", (9, None, "missing")),
    ("Police arrested 14 protesters outside parliament.", (14, None, "captured")),
    ("Two soldiers were taken prisoner near the border.", (2, None, "captured")),
    ("Five volunteers were martyred in the raid, the group said.", (5, None, "killed")),
    ("Fifteen people were hurt in the stampede.", (15, None, "injured")),
    ("The attack killed at least 68 refugees.", (68, None, "killed")),
    ("The bombing left 44 policemen dead.", (44, None, "killed")),
    ("The strike resulted in the deaths of nine individuals.", (9, None, "killed")),
    ("Iran claimed 80 casualties.", (80, None, "killed")),
    ("The blast claimed 12 lives.", (12, None, "killed")),
    ("Gunmen took 20 foreign hostages.", (20, None, "captured")),
    ("Two journalists were among the dead.", (2, None, "killed")),
])
def test_numbers_in_words_and_digits_and_outcome_words(text, expected):
    assert figures(text) == [expected]


@pytest.mark.parametrize("text, qualifier, count, count_max", [
    ("At least 40 people were killed.", "at least", 40, None),
    ("Nearly 300 people were wounded.", "nearly", 300, None),
    ("Close to 100 people had died.", "close to", 100, None),
    ("Up to 50 migrants are missing.", "up to", 50, 50),
    ("Between 20 and 30 people were killed.", "", 20, 30),
    ("20-30 villagers were wounded.", "", 20, 30),
    ("Some 200 workers were detained.", "some", 200, None),
])
def test_hedges_and_ranges(text, qualifier, count, count_max):
    [item] = casualties(text)
    assert (item.qualifier, item.count, item.count_max) == (qualifier, count, count_max)


def test_breakdown_is_one_figure_with_parts():
    [item] = casualties("Three women and four children were killed in the strike.")
    assert (item.count, item.parts, item.outcome) == (7, [3, 4], "killed")


def test_groups_of_different_sides_stay_separate_figures():
    items = casualties("The attack killed two soldiers and three civilians.")
    assert sorted((c.count, c.victims) for c in items) == [(2, "soldiers"), (3, "civilians")]


def test_increment_is_a_figure_marked_more_and_the_new_total_is_another():
    items = casualties("Two more people were killed, bringing the death toll to 30.")
    assert sorted((c.count, c.qualifier, c.outcome) for c in items) == [(2, "more", "killed"), (30, "", "killed")]


def test_including_aside_is_part_of_the_main_figure():
    [item] = casualties("At least 20 Palestinians, including nine children, were killed overnight.")
    assert item.count == 20 and "nine children" in item.victims
    [item] = casualties("At least 20 people, nine of them children, were killed.")
    assert item.count == 20


def test_bare_objects_of_two_verbs():
    assert figures("Gunmen killed 12 and wounded 30 in the attack.") == [(12, None, "killed"), (30, None, "injured")]


def test_two_outcomes_in_one_sentence_share_victims():
    items = casualties("Twenty jawans lost their lives and 40 others were wounded on Thursday.")
    assert sorted((c.count, c.outcome) for c in items) == [(20, "killed"), (40, "injured")]
    assert all(c.victims == "jawans" for c in items)


@pytest.mark.parametrize("text, expected", [
    ("No one was killed in the blast.", [(0, None, "killed")]),
    ("Officials said there had been no casualties.", [(0, None, "killed")]),
    ("No Danish soldiers were injured or killed.", [(0, None, "injured"), (0, None, "killed")]),
    ("None of its troops had been hurt in the attack.", [(0, None, "injured")]),
    ("No American or Iraqi lives were lost.", [(0, None, "killed")]),
    ("The ministry gave no details of any casualties.", []),
    ("No one came forward to claim the attack.", []),
])
def test_explicit_zero(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "Iran fired 12 missiles at two bases on Jan. 8, 2020.",
    "The 2019 attack on a 55-seater bus used 350 kg of explosives.",
    "Two F-16 jets and a Mirage-2000 flew for two days.",
    "Prices rose 30 percent and the fund lost $5 million in 2023.",
    "The two countries fought in 1971 and a ceasefire began at 13:00 on 20 September.",
    "Six of its soldiers would be relocated to Kuwait.",
    "About 130 soldiers serve in the contingent.",
    "Hundreds were injured and dozens died.",
    "About 10 percent of the 500 soldiers were wounded.",
    "Two of the injured are in critical condition.",
    "A man aged 25 was killed.",
    "Rescuers pulled 12 more bodies from the rubble.",
])
def test_no_false_figures(text):
    assert casualties(text) == []


def test_rising_toll_supersedes_earlier_figure():
    for text in ("The death toll rose to nine, up from seven.", "The death toll climbed from seven to nine."):
        [item] = casualties(text)
        assert (item.count, item.supersedes, item.outcome) == (9, 7, "killed")


def test_figure_fields_cite_exact_sentence_and_claimant():
    text = "The city was calm. According to the health ministry, 12 people were killed in Gaza on Monday."
    [item] = casualties(text)
    [cit] = item.citations
    assert text[cit.start:cit.end] == cit.quote and "12 people" in cit.quote
    assert item.reported_by == "health ministry"
    assert item.location == "Gaza"
    assert item.date == date(2024, 3, 4)


def test_unattributed_figure_is_reported_by_the_outlet():
    [item] = casualties("Five people died in the fire.", outlet="Example Times")
    assert item.reported_by == "Example Times"


def test_find_figures_values():
    values = [(f.count, f.count_max) for f in find_figures("twenty-seven, 1,200, half a dozen, one or two")]
    assert values == [(27, None), (1200, None), (6, None), (1, 2)]


# --- breakdowns with "a/an", increments, releases, treatment, gapping, totals ---------------------

def test_article_counted_part_of_a_breakdown_counts_one():
    [item] = casualties("A captain and three soldiers died in the ambush on Friday.")
    assert (item.count, item.parts, item.outcome) == (4, [1, 3], "killed")
    [item] = casualties("The shelling killed a woman and three children.")
    assert (item.count, item.parts) == (4, [1, 3])


def test_article_part_of_a_different_side_is_not_a_figure_of_its_own():
    assert figures("A soldier and two civilians were killed in the raid.") == [(2, None, "killed")]
    assert figures("A man and a woman were killed.") == []
    assert figures("Police arrested a suspect and two others were hurt.") == [(2, None, "injured")]
    assert figures("Officials said an officer and two soldiers were hurt.") == [(3, None, "injured")]


def test_more_after_a_different_outcome_is_a_figure_not_an_increment():
    text = "The toll rose to 31, the agency said. Another 95 people were wounded, the agency said."
    items = casualties(text)
    wounded = [c for c in items if c.outcome == "injured"]
    assert [(c.count, c.qualifier) for c in wounded] == [(95, "")]


def test_deaths_among_the_wounded_are_additional_deaths_with_the_new_total():
    text = ("Two soldiers died on Monday. Later, 5 more soldiers who had been badly injured in the fighting "
            "had died of their wounds, taking the total to 7.")
    items = casualties(text)
    assert sorted((c.count, c.qualifier, c.outcome) for c in items) == [
        (2, "", "killed"), (5, "more", "killed"), (7, "", "killed")]
    assert [c.victims for c in items if c.count == 5] == ["soldiers"]


@pytest.mark.parametrize("text, expected", [
    ("Five more people succumbed to their injuries overnight.", [(5, None, "killed")]),
    ("Two patients who were wounded in the blast later died.", [(2, None, "killed")]),
    ("Four people who were injured in the crash were released from hospital.", [(4, None, "injured")]),
    ("He said 12 people, who had been wounded in the blast, died in hospital.", [(12, None, "killed")]),
])
def test_outcome_of_the_main_clause_wins_over_a_relative_clause(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rebels freed ten soldiers on Thursday.", [(10, None, "captured")]),
    ("Twelve hostages were released after talks.", [(12, None, "captured")]),
    ("Six fishermen were set free by the coast guard.", [(6, None, "captured")]),
    ("Three people were released from hospital.", []),
    ("Five soldiers released a video on Monday.", []),
    ("The militia released 12 bodies to the families.", []),
])
def test_a_release_reports_people_who_had_been_held(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Twelve people are being treated in hospital.", [(12, None, "injured")]),
    ("Eight workers were admitted to a local hospital.", [(8, None, "injured")]),
    ("Nine villagers were treated for shrapnel wounds.", [(9, None, "injured")]),
    ("Two prisoners were treated humanely.", []),
    ("About 30 people were treated for smoke inhalation.", [(30, None, "injured")]),
    ("Seven people, including two children, were treated at the scene.", [(7, None, "injured")]),
    ("Eleven migrants were rescued and six remain in hospital.", [(6, None, "injured")]),
    ("Three people in hospital said they saw the blast.", []),
])
def test_treatment_and_hospital_wording_counts_injured(text, expected):
    assert figures(text) == expected


def test_gapped_predicate_is_shared_with_the_figure_before():
    assert figures("Nine are being treated at a hospital in the capital and four in other hospitals.") == [
        (4, None, "injured"), (9, None, "injured")]
    assert figures("Six people were killed in the north and three in the south.") == [
        (3, None, "killed"), (6, None, "killed")]
    assert figures("Five people were killed and 20 in the region fled their homes.") == [(5, None, "killed")]
    assert figures("Five people were killed and 20 in critical condition.") == [(5, None, "killed")]


def test_running_total_takes_the_outcome_of_the_figure_before_it():
    assert figures("Four more people were injured, bringing the total to 31.") == [
        (4, None, "injured"), (31, None, "injured")]
    assert figures("The total reached 31 at noon.") == []
    assert figures("The strike brought the total number of deaths to 45.") == [(45, None, "killed")]


@pytest.mark.parametrize("text", ["There were no reports of deaths after the vote.",
                                  "There were no immediate reports of casualties."])
def test_no_reports_of_deaths_is_an_explicit_zero(text):
    assert figures(text) == [(0, None, "killed")]


def test_breakdown_sentence_keeps_the_claimant_and_victims_of_the_sentence_before():
    items = casualties("Police sources said 40 people were injured. Of these, 9 are being treated in hospital.",
                       outlet="Example Times")
    assert [(c.count, c.reported_by, c.victims) for c in items] == [
        (40, "Police sources", "people"), (9, "Police sources", "people")]


# --- merging -----------------------------------------------------------------------------------

def findings(text: str, key: str, outlet: str, published=date(2024, 3, 5)):
    return casualties(text, key=key, outlet=outlet, published=published)


def test_same_figure_from_two_sources_is_one_item():
    items = (findings("At least 11 people died as missiles hit the city.", "a", "Wire A")
             + findings("Monday's missile strikes left at least 11 people dead.", "b", "Paper B"))
    merged, discrepancies = merge_casualties(items)
    assert len(merged) == 1 and not discrepancies
    assert {c.source for c in merged[0].citations} == {"a", "b"}
    assert "Wire A" in merged[0].reported_by and "Paper B" in merged[0].reported_by


def test_one_article_repeating_a_value_is_one_figure():
    text = ("State TV said at least 80 American soldiers had died in the missile strikes. "
            "Later, a reporter said Iran was retreating from its initial claim of 80 casualties.")
    merged, _ = merge_casualties(findings(text, "a", "Wire A"))
    assert [(c.count, len(c.citations)) for c in merged] == [(80, 2)]


def test_differing_figures_for_one_incident_are_a_discrepancy_not_an_average():
    items = (findings("Officials said at least 10 people had died in the missile strikes.", "a", "Wire A")
             + findings("At least 11 people died as missiles slammed into the capital.", "b", "Paper B"))
    merged, [d] = merge_casualties(items)
    assert sorted(c.count for c in d.claims) == [10, 11]
    assert {c.count for c in merged} == {10, 11}
    assert [c.reported_by for c in sorted(d.claims, key=lambda c: c.count)] == ["Officials", "Paper B"]
    assert all(c.citations for c in d.claims)


def test_different_incidents_are_not_a_discrepancy():
    items = (findings("The bridge explosion killed three people.", "a", "Wire A", date(2024, 3, 1))
             + findings("Missile strikes killed 11 people across the country.", "b", "Paper B", date(2024, 3, 6)))
    assert merge_casualties(items)[1] == []


def test_rising_toll_is_a_change_over_time_not_a_contradiction():
    items = (findings("Seven people were killed in the blast.", "a", "Wire A", date(2024, 3, 4))
             + findings("The death toll from the blast rose to nine, up from seven.", "b", "Wire A"))
    merged, discrepancies = merge_casualties(items)
    assert any(c.supersedes == 7 for c in merged)
    assert [(d.kind, [c.count for c in d.claims]) for d in discrepancies] == [("change", [7, 9])]


def test_one_report_of_a_rise_is_a_change_with_the_earlier_figure_first():
    _, [d] = merge_casualties(findings("The death toll rose to nine, up from seven, police said.", "a", "Wire A"))
    assert d.kind == "change" and [c.count for c in d.claims] == [7, 9]
    assert all(c.citations and c.reported_by == "police" for c in d.claims)


def test_toll_reported_higher_on_later_days_is_one_change_in_time_order():
    items = (findings("At least 24 people were killed in the fighting on the border, the health ministry said.",
                      "a", "Wire A", date(2024, 3, 1))
             + findings("The number of people killed in the border fighting has risen to 46, the health ministry said.",
                        "b", "Paper B", date(2024, 3, 3))
             + findings("The health ministry said 59 people had now been killed in the border fighting.",
                        "c", "Outlet C", date(2024, 3, 4)))
    _, discrepancies = merge_casualties(items)
    assert [(d.kind, [c.count for c in d.claims]) for d in discrepancies] == [("change", [24, 46, 59])]
    d = discrepancies[0]
    assert [c.citations[0].source for c in d.claims] == ["a", "b", "c"]
    assert "over time" in d.about


def test_earlier_figure_in_one_article_is_a_change():
    text = ("The army had earlier said an officer and two soldiers were killed. "
            "Late on Tuesday the army said 20 soldiers were killed in the clash.")
    _, [d] = merge_casualties(findings(text, "a", "Wire A"))
    assert d.kind == "change" and [c.count for c in d.claims] == [3, 20]


def test_rival_claimants_on_different_days_stay_a_conflict():
    items = (findings("The health ministry said 27 people were killed in the offensive.", "a", "Wire A",
                      date(2024, 3, 1))
             + findings("A former rebel commander said close to 100 people were killed in the offensive.", "b",
                        "Paper B", date(2024, 3, 2)))
    _, [d] = merge_casualties(items)
    assert d.kind == "conflict"


def test_falling_figure_is_a_conflict_not_a_change():
    items = (findings("Officials said 30 people were killed in the blast.", "a", "Wire A", date(2024, 3, 1))
             + findings("Officials said 12 people were killed in the blast.", "b", "Paper B", date(2024, 3, 2)))
    _, [d] = merge_casualties(items)
    assert d.kind == "conflict" and sorted(c.count for c in d.claims) == [12, 30]


def test_exact_value_within_hedged_range_agrees():
    items = (findings("The attacks left 64 people wounded.", "a", "Wire A")
             + findings("More than 60 others were wounded in the attacks.", "b", "Paper B"))
    assert merge_casualties(items)[1] == []


def test_victims_of_different_nations_are_different_figures():
    items = (findings("No Danish soldiers were killed in the missile attack.", "a", "Wire A")
             + findings("Iran said 80 American soldiers were killed in the missile attack.", "b", "Paper B"))
    merged, discrepancies = merge_casualties(items)
    assert len(merged) == 2 and discrepancies == []


def test_groups_of_different_people_are_not_chained_into_one_discrepancy():
    items = (findings("Two Israelis were killed by rockets, medics said.", "a", "Wire A")
             + findings("The army said it had killed 15 militants.", "b", "Paper B")
             + findings("The death toll in Gaza rose to 28, the health ministry said.", "c", "Outlet C")
             + findings("Israel's army said 16 militants had been killed.", "d", "Outlet D"))
    _, discrepancies = merge_casualties(items)
    assert [sorted(c.count for c in d.claims) for d in discrepancies] == [[15, 16]]


def test_correction_in_one_article_is_a_discrepancy():
    text = ("Major Smith said the army had arrested two pilots. "
            "In a later clarification, however, he said the army had detained only one pilot.")
    merged, [d] = merge_casualties(findings(text, "a", "Wire A"))
    assert sorted(c.count for c in d.claims) == [1, 2]
    assert all(c.reported_by == "Major Smith" for c in d.claims)


def test_increment_is_not_a_rival_of_the_totals():
    text = "Two soldiers died on Monday, the army said. It said 5 more soldiers had died, taking the total to 7."
    merged, discrepancies = merge_casualties(findings(text, "a", "Wire A"))
    assert {c.count for c in merged} == {2, 5, 7}
    assert all(5 not in {c.count for c in d.claims} for d in discrepancies)


def test_none_missing_against_people_held_is_a_discrepancy():
    items = (findings("The army said no Malian soldiers were missing.", "a", "Wire A")
             + findings("Officials said rebels freed six Malian soldiers.", "b", "Paper B"))
    _, [d] = merge_casualties(items)
    assert sorted(c.count for c in d.claims) == [0, 6]
    other = (findings("The army said no Malian soldiers were missing.", "a", "Wire A")
             + findings("Officials said rebels freed six Chadian soldiers.", "b", "Paper B"))
    assert merge_casualties(other)[1] == []


def test_weapon_counts_that_disagree_are_a_discrepancy():
    docs = [ArticleFindings(article=article("The Pentagon said Iran fired more than a dozen missiles.", key="a")),
            ArticleFindings(article=article("Iran fired approximately 35 missiles at the bases.", key="b"))]
    [d] = weapon_discrepancies(docs)
    assert sorted(c.count for c in d.claims) == [12, 35]
    assert "missiles" in d.about


def test_running_weapon_totals_are_not_compared_with_single_salvos():
    docs = [ArticleFindings(article=article("Militants fired 130 rockets at the city.", key="a")),
            ArticleFindings(article=article("Militants have fired more than 1,000 rockets since Monday.", key="b"))]
    assert weapon_discrepancies(docs) == []


# --- corpus floors -----------------------------------------------------------------------------

def test_corpus_floors():
    if not (SHARED / "corpus").is_dir() or not (SHARED / "tools" / "score.py").exists():
        pytest.skip("../shared corpus or scorer absent")
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    from briefing.merge import assign_sources, order_findings, relabel
    from briefing.pipeline import analyze_inputs, merge_findings
    totals = {"casualties": [], "casualties_precision": [], "conflicts": []}
    for folder in sorted(p for p in (SHARED / "corpus").iterdir() if (p / "gold.json").exists()):
        found, skipped = analyze_inputs([str(p) for p in sorted(folder.glob("*.txt"))])
        model = merge_findings(found, skipped=skipped)
        abouts = {d.about for d in model.discrepancies}
        _, ids = assign_sources(order_findings(found))
        # Weapon counts reach the model through merge once the lead wires weapon_discrepancies in.
        model.discrepancies += [d for d in relabel(weapon_discrepancies(order_findings(found)), ids)
                                if d.about not in abouts]
        result = score.score(json.loads((folder / "gold.json").read_text()), json.loads(model.model_dump_json()),
                             folder)
        for facet in totals:
            hit, total = result[facet]
            if total:
                totals[facet].append(hit / total)
    macro = {k: sum(v) / len(v) for k, v in totals.items()}
    assert macro["casualties"] >= 0.85
    assert macro["casualties_precision"] >= 0.80
    assert macro["conflicts"] >= 0.75


@pytest.mark.parametrize("text, expected", [
    ("Three employees of the World Food Programme (WFP) were killed in the attack.", (3, "killed")),
    ("Two aid workers were wounded on Tuesday.", (2, "injured")),
    ("Four UN staff members were abducted near the camp.", (4, "captured")),
    ("Five journalists, two medics and a driver died.", None),
    ("Seven crew members are missing after the ship sank.", (7, "missing")),
    ("Two guards were shot dead at the gate.", (2, "killed")),
    ("Three peacekeepers were gunned down on patrol.", (3, "killed")),
    ("Nine contractors were kidnapped by gunmen.", (9, "captured")),
    ("Two prisoners were beaten to death in custody.", (2, "killed")),
    ("Five villagers were burned to death in their homes.", (5, "killed")),
])
def test_occupational_victims_and_violent_death_wordings(text, expected):
    found = [(c.count, c.outcome) for c in casualties(text)]
    if expected:
        assert found == [expected]
    else:
        assert found and found[0][1] == "killed"


def test_a_member_of_a_group_counts_one_but_a_bare_soldier_does_not():
    assert figures("The ministry said a member of its embassy staff had been shot dead.") == [(1, None, "killed")]
    assert figures("One of its diplomats was killed in the attack.") == [(1, None, "killed")]
    assert figures("A soldier was killed in the attack.") == []
    assert figures("A member of the family said 5 people were killed.") == [(5, None, "killed")]


@pytest.mark.parametrize("text", [
    "He said 25,000 of his men were ready to die for the cause.",
    "The missiles could kill thousands of people.",
    "Officials warned that 200 people would be killed if the dam broke.",
    "The group threatened to kill 12 hostages.",
    "About 3,000 children are at risk of dying from hunger.",
    "Experts said 400 people will be killed each year without new rules.",
])
def test_hypothetical_or_future_figures_are_not_casualties(text):
    assert figures(text) == []


def test_hedged_past_figures_still_count_and_feared_dead_is_missing():
    assert figures("Officials said 20 people may have been killed.") == [(20, None, "killed")]
    assert figures("Twenty people are feared dead after the landslide.") == [(20, None, "missing")]


def test_daily_figures_in_one_article_are_not_a_change():
    text = ("On Monday three people were killed in shelling, officials said. "
            "On Wednesday ten people were killed in shelling, officials said.")
    _, discrepancies = merge_casualties(findings(text, "a", "Wire A"))
    assert all(d.kind != "change" for d in discrepancies)


def test_hedged_present_state_still_counts():
    assert figures("At least 50 people may be dead under the rubble.") == [(50, None, "killed")]


@pytest.mark.parametrize("text, expected", [
    ("The toll is expected to rise to 50.", []),
    ("Officials fear the death toll could climb to 200.", []),
    ("Officials said the toll, which may rise, stood at 12.", [(12, None, "killed")]),
    ("Russian forces may have killed 50 civilians in the town.", [(50, None, "killed")]),
    ("The army said it had killed 30 militants and would kill more.", [(30, None, "killed")]),
])
def test_projected_tolls_are_not_figures_but_hedged_past_ones_are(text, expected):
    assert figures(text) == expected


def test_staff_victims_are_a_part_of_a_toll_not_a_rival_figure():
    items = (findings("Three employees of the aid agency were killed in the shelling.", "a", "Wire A")
             + findings("Twelve people were killed in the shelling.", "b", "Paper B"))
    assert merge_casualties(items)[1] == []


def test_a_higher_figure_framed_as_a_claim_stays_a_conflict():
    items = (findings("At least 27 people have lost their lives since the offensive began.", "a", "Wire A",
                      date(2024, 3, 1))
             + findings("It coincided with a claim by a former official that close to 100 people had died in the "
                        "offensive.", "b", "Paper B", date(2024, 3, 2)))
    _, [d] = merge_casualties(items)
    assert d.kind == "conflict" and sorted(c.count for c in d.claims) == [27, 100]


def test_unattributed_tolls_on_later_days_make_one_change():
    items = (findings("At least 56 people were killed in the earthquake.", "a", "Wire A", date(2024, 2, 6))
             + findings("The death toll from the earthquake rose to 185.", "b", "Paper B", date(2024, 2, 7))
             + findings("The earthquake has killed 427 people.", "c", "Outlet C", date(2024, 2, 8))
             + findings("Rescuers said 550 people had died in the earthquake.", "d", "Outlet D", date(2024, 2, 9)))
    _, [d] = merge_casualties(items)
    assert d.kind == "change" and [c.count for c in d.claims] == [56, 185, 427, 550]


def test_merged_figure_keeps_each_sources_voice_and_wording():
    """An unattributed copy of a figure is not credited to the source that attributes it."""
    from briefing.extract.casualty_merge import merge_casualties
    from briefing.model import Casualty, Citation

    def item(source, victims, reported_by):
        quote = f"seven {victims} were killed"
        return Casualty(count=7, outcome="killed", victims=victims, reported_by=reported_by, figure="seven",
                        citations=[Citation(source=source, quote=quote, start=0, end=len(quote))])

    merged, _ = merge_casualties([item("S1", "people", ""), item("S2", "foreigners", "the foreign ministry")])
    assert len(merged) == 1
    assert merged[0].reported_by == "unattributed in S1; the foreign ministry"
    assert "people" in merged[0].victims and "foreigners" in merged[0].victims


@pytest.mark.parametrize("text", [
    "At least 20 people were killed and between 30 and 40 wounded.",
    "Half a dozen soldiers and a score of rebels died.",
    "No fewer than twenty-five civilians, “about 12” officials, and oneor two guards were hurt.",
    "Some ſix hundred people fled; 1,200 homes in 2019 — F-16 jets, $5 and 12.5 km.", "Seventy TWENTY-one", "",
])
def test_figure_scan_at_numbers_finds_what_a_full_scan_finds(text):
    from briefing.extract.quantities import FIGURE, _figure_matches
    from briefing.extract.words import lowered, words_of

    folded = lowered(text)
    anchored = _figure_matches(text, folded, words_of(folded))
    assert [m.span() for m in anchored] == [m.span() for m in FIGURE.finditer(text)]


@pytest.mark.parametrize("text", ["Gunmen killed ", "the toll rose from 12 to ", "they shot and killed all “ ",
                                  "claimed the lives of\n  ", "killed\tsome ", "x " * 200 + "killed  ", "nothing here"])
def test_tail_search_finds_what_a_full_search_finds(text):
    from briefing.extract.casualty_patterns import LEFT_FAST, RISE, TOLL_END
    from briefing.extract.words import tail_search

    for pattern, chunks in ((LEFT_FAST, 8), (RISE, 5), (TOLL_END, 1)):
        full, tail = pattern.search(text), tail_search(pattern, text, chunks)
        assert (full and full.span()) == (tail and tail.span())


def test_sentences_without_any_casualty_cue_are_skipped_and_others_kept():
    from briefing.extract.casualties import _sentence_figures
    from briefing.extract.casualty_patterns import CUE_WORDS
    from briefing.extract.words import lowered, words_of

    quiet = "The 12 ministers met for 3 hours in 2 rooms."
    assert not CUE_WORDS.any_in(words_of(lowered(quiet))) and _sentence_figures(quiet) == []
    assert CUE_WORDS.any_in(words_of(lowered("Twelve soldiers were KILLED.")))


def test_trie_patterns_match_what_the_word_list_patterns_match():
    """RIGHT/LEFT/ZERO_SUBJECT are kept as word lists (the literal gates read them); the *_FAST tries that run
    instead must give the same matches, groups included, or a lexicon edit could silently change findings."""
    import random

    import re

    from briefing.extract import casualty_patterns as C
    from briefing.extract.casualty_patterns import AUX, LEFT_FAST, OBJECT_VERBS, OUTCOMES, RIGHT_FAST, ZERO_SUBJECT_FAST

    RIGHT, LEFT, ZERO_SUBJECT = (re.compile(source.pattern, source.flags)
                                 for source in (C.RIGHT, C.LEFT, C.ZERO_SUBJECT))

    words = (sorted(OUTCOMES) + sorted(OBJECT_VERBS) + AUX[3:-1].split("|")
             + ["12", "at least 40", "people", "civilians", "no one", "None of the", "soldiers", "nobody", "or", "and",
                ",", "(including two children)", "in hospital", "were", "a total of", "others", "Killed", "WOUNDED"])
    rng = random.Random(29)
    hits = 0
    for _ in range(4000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
        for slow, fast in ((RIGHT, RIGHT_FAST), (ZERO_SUBJECT, ZERO_SUBJECT_FAST)):
            expected = [(m.span(), m.groupdict()) for m in slow.finditer(" " + text)]
            hits += len(expected)
            assert [(m.span(), m.groupdict()) for m in fast.finditer(" " + text)] == expected, text
        tail = text + " 25"
        slow_left, fast_left = LEFT.search(tail), LEFT_FAST.search(tail)
        hits += bool(slow_left)
        assert (fast_left and (fast_left.span(), fast_left.groupdict())) == \
            (slow_left and (slow_left.span(), slow_left.groupdict())), tail
    assert hits > 1000


def test_places_scanned_without_the_word_boundary_equal_the_bounded_pattern():
    """places_in checks the \\b before a preposition by hand; it must find what `\\b{PREPOSITIONS}{PLACE}` finds."""
    import random
    import re

    from briefing.extract.casualty_place import NOT_PLACES, PLACE, PREPOSITIONS, places_in

    bounded = re.compile(rf"\b{PREPOSITIONS}{PLACE}")
    words = ["in", "near", "at", "on", "rain", "Kabul", "the", "Gaza", "Strip", "district", "of", "al-Bayda", "sat",
             "Monday", "outside", "Kherson", "region", "x", "province", ",", ".", "turn", "Akhmat"]
    rng = random.Random(31)
    found = 0
    for _ in range(4000):
        text = rng.choice(["", " "]).join(rng.choice(words) + rng.choice([" ", "  ", "", "\n"])
                                          for _ in range(rng.randint(1, 10)))
        expected = [(m.start(), m.group("place").rstrip(".")) for m in bounded.finditer(text)]
        expected = [(at, place) for at, place in expected if place.split()[0].lower() not in NOT_PLACES]
        found += len(expected)
        assert places_in(text) == expected, text
    assert found > 300
