"""Diplomatic moves and international reactions: who did what to whom, with which stance, citing the sentence."""
from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest

from briefing.extract import diplomacy
from briefing.extract.actors import Mention
from briefing.extract.context import ArticleContext
from briefing.extract import extract_article
from briefing.extract.diplomacy import extract_moves, extract_reactions, side_evidence
from briefing.extract.diplomacy_merge import conflict_parties, merge_moves, merge_reactions
from briefing.extract.text import split_sentences
from briefing.model import Actor, Article, ArticleFindings, Citation, DiplomaticMove, InternationalReaction

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# A tiny stand-in for the actor finder, so these tests exercise only the diplomacy logic.
# Made-up countries show that nothing depends on knowing the situation.
FAKE_ACTORS = {
    "Ruritania": ("Ruritania", "state"), "Ruritanian": ("Ruritania", "state"),
    "Freedonia": ("Freedonia", "state"), "Freedonian": ("Freedonia", "state"),
    "United States": ("United States", "state"), "US": ("United States", "state"),
    "United Nations": ("United Nations", "organization"), "UN": ("United Nations", "organization"),
    "NATO": ("NATO", "organization"), "EU": ("European Union", "organization"),
    "France": ("France", "state"), "Germany": ("Germany", "state"), "Qatar": ("Qatar", "state"),
    "Latvia": ("Latvia", "state"), "Iraq": ("Iraq", "state"), "Iraqi": ("Iraq", "state"),
    "Kuwait": ("Kuwait", "state"), "Britain": ("United Kingdom", "state"),
    "John Smith": ("John Smith", "person"), "Jane Doe": ("Jane Doe", "person"),
    "Anna Berg": ("Anna Berg", "person"),
    "Italy": ("Italy", "state"), "French": ("France", "state"), "Arab League": ("Arab League", "organization"),
    "African Union": ("African Union", "organization"), "World Food Programme": ("World Food Programme", "organization"),
}
FAKE_RE = re.compile(r"\b(?:%s)(?:['’]s)?\b" % "|".join(sorted(map(re.escape, FAKE_ACTORS), key=len, reverse=True)))


def fake_mentions(text: str) -> list[Mention]:
    """Every listed surface form in `text`, as actor mentions."""
    out = []
    for m in FAKE_RE.finditer(text):
        key = re.sub(r"['’]s$", "", m.group(0))
        name, kind = FAKE_ACTORS[key]
        out.append(Mention(m.start(), m.end(), m.group(0), name, kind))
    return out


def context(text: str, key: str = "a1") -> ArticleContext:
    """An article context over `text` with the fake mentions."""
    article = Article(key=key, stem=key, text=text, published=date(2024, 5, 6))
    ctx = ArticleContext(article=article, sentences=split_sentences(text))
    ctx.mentions = fake_mentions(text)
    return ctx


def only_move(text: str) -> DiplomaticMove:
    moves = extract_moves(context(text))
    assert len(moves) >= 1, f"no move found in {text!r}"
    return moves[0]


@pytest.mark.parametrize("sentence, actor, words, target", [
    ("Ruritania recalled its ambassador to Freedonia on Monday.", "Ruritania", "recalled ambassador", "Freedonia"),
    ("Ruritania has \"called back\" its High Commissioner in Freedonia for consultations.", "Ruritania", "recalled", "Freedonia"),
    ("Ruritania expelled two Freedonian diplomats.", "Ruritania", "expelled", "Freedonia"),
    ("The Ruritanian Foreign Ministry summoned Freedonia's chargé d'affaires.", "Ruritanian Foreign Ministry (Ruritania)",
     "summoned", "Freedonia"),
    ("Freedonia downgraded diplomatic relations with Ruritania.", "Freedonia", "downgraded relations", "Ruritania"),
    ("Ruritania suspended trade with Freedonia.", "Ruritania", "suspended trade", "Freedonia"),
    ("Ruritania closed its border with Freedonia.", "Ruritania", "closed border", "Freedonia"),
    ("Ruritania has also withdrawn the most favoured nation (MFN) status it gave Freedonia.", "Ruritania",
     "most favoured nation", "Freedonia"),
    ("The United States announced new sanctions on Freedonia.", "United States", "sanctions", "Freedonia"),
    ("US Secretary of State John Smith spoke by phone with Ruritania's foreign minister.", "John Smith (United States)",
     "phone", "Ruritania"),
    ("Qatar offered to mediate between Ruritania and Freedonia.", "Qatar", "mediate", "Ruritania"),
    ("Ruritania lodged a strong protest with Freedonia.", "Ruritania", "protest", "Freedonia"),
    ("Freedonia warned Ruritania against further incursions.", "Freedonia", "warned", "Ruritania"),
    ("EU foreign ministers will meet on Friday for emergency talks on the crisis.", "EU foreign ministers (European Union)",
     "talks", ""),
    ("Qatar brokered a ceasefire between Ruritania and Freedonia.", "Qatar", "brokered ceasefire", "Ruritania"),
    ("The United States blocked a joint Security Council statement.", "United States", "blocked", ""),
    ("Germany suspended development aid to Freedonia.", "Germany", "suspended development aid", "Freedonia"),
    ("Freedonia shut its airspace to commercial flights.", "Freedonia", "closed airspace", ""),
])
def test_each_action_is_found_with_actor_and_target(sentence, actor, words, target):
    move = only_move(sentence)
    assert move.actor == actor
    assert words.lower() in move.action.lower()
    assert move.target == target
    assert move.text == sentence
    assert move.citations[0].quote == sentence


def test_a_trigger_in_a_leading_phrase_belongs_to_the_main_clause_subject():
    text = "After a phone call with Freedonia's president, Britain's Prime Minister Jane Doe condemned the strikes."
    move = only_move(text)
    assert move.actor == "Jane Doe (United Kingdom)"
    assert move.action == "phone call"


def test_coordinated_subjects_act_together_but_a_leading_phrase_does_not_join_them():
    assert {m.actor for m in extract_moves(context("France, Germany and Qatar offered to mediate."))} == {
        "France", "Germany", "Qatar"}
    moves = extract_moves(context("With tension mounting between Ruritania and Freedonia, Qatar offered to mediate."))
    assert {m.actor for m in moves} == {"Qatar"}


def test_participle_clauses_keep_the_main_subject():
    text = ("Following the attacks, Ruritania downgraded its diplomatic relations with Freedonia, recalling its "
            "ambassador from Freedonia and expelling the Freedonian envoy.")
    moves = {(m.actor, m.action, m.target) for m in extract_moves(context(text))}
    assert moves == {("Ruritania", "downgraded relations", "Freedonia"), ("Ruritania", "recalled ambassador", "Freedonia"),
                     ("Ruritania", "expelled diplomats", "Freedonia")}


def test_a_dateline_is_not_the_actor():
    found = reactions("Some introduction here. FREEDONIA CITY, Freedonia (AP) — The Gulf state Qatar on Sunday "
                      "offered to mediate and warned of a wider war.")
    assert ("Qatar", "mediate") in found and not any(actor == "Freedonia" for actor, _ in found)


def test_a_call_within_one_state_is_not_a_diplomatic_contact():
    assert extract_moves(context("Ruritania's president met Ruritania's army chief on Sunday.")) == []


def test_sentences_without_an_actor_give_no_move():
    assert extract_moves(context("New sanctions were unveiled on Wednesday.")) == []


def reactions(text: str) -> set[tuple[str, str]]:
    return {(r.actor, r.stance) for r in extract_reactions(context(text))}


@pytest.mark.parametrize("sentence, expected", [
    ("France condemned the attack on Tuesday.", ("France", "condemn")),
    ("Germany was deeply concerned about the fighting.", ("Germany", "concern")),
    ("The United Nations urged both sides to exercise restraint.", ("United Nations", "call_for_restraint")),
    ("Qatar offered to mediate between the two sides.", ("Qatar", "mediate")),
    ("The United States has backed Ruritania's right to defend itself.", ("United States", "support")),
    ("Latvia said its soldiers would be relocated to Kuwait.", ("Latvia", "other")),
    ("\"I condemn these attacks,\" said NATO chief Jane Doe.", ("NATO", "condemn")),
    ("Britain's Prime Minister Anna Berg said Ruritania should pursue \"urgent de-escalation\".",
     ("United Kingdom", "call_for_restraint")),
    ("Qatar said it was ready to mediate.", ("Qatar", "mediate")),
    ("UN chief Jane Doe called on all parties to show maximum restraint.", ("United Nations", "call_for_restraint")),
    ("Ruritania's foreign ministry said in a statement that it \"strongly condemns\" the strikes.", ("Ruritania", "condemn")),
    ("Germany said it was watching developments with deep concern.", ("Germany", "concern")),
    ("Germany urged all parties to resolve their differences peacefully.", ("Germany", "call_for_restraint")),
])
def test_each_stance_is_coded_for_the_speaker(sentence, expected):
    assert expected in reactions(sentence)


def test_negated_triggers_are_not_reported():
    assert reactions("Freedonia refused to condemn the attack.") == set()
    assert extract_moves(context("Ruritania did not recall its ambassador.")) == []


def test_escalation_is_a_stance_only_in_the_speakers_own_words():
    assert ("France", "concern") not in reactions("Amid an escalation of fighting, France held a cabinet meeting.")
    assert ("European Union", "concern") in reactions(
        "Jane Doe, the EU's foreign policy chief, said it was \"a dangerous escalation\".")


def test_compound_adjectives_are_not_stances():
    assert not any(actor == "Ruritania" for actor, _ in reactions("Ruritania-backed militias shelled the town."))


def test_nominal_condemnation_names_every_coordinated_actor():
    found = reactions("The UN called for an end to the fighting, after condemnation of the offensive by the EU, "
                      "France and Germany.")
    assert {("European Union", "condemn"), ("France", "condemn"), ("Germany", "condemn"),
            ("United Nations", "call_for_restraint")} <= found


def test_pronouns_resolve_to_the_official_and_their_body():
    text = "Jane Doe, the EU's foreign policy chief, spoke in Brussels. She said she was alarmed by the escalation."
    assert ("European Union", "concern") in reactions(text)


def test_reporter_of_a_statement_is_not_the_reacting_actor():
    found = reactions("After the attack, the United States has backed Ruritania's right to defend itself, "
                      "Ruritania's foreign ministry said.")
    assert ("United States", "support") in found
    assert not any(actor == "Ruritania" for actor, _ in found)


def finding(text: str, key: str) -> ArticleFindings:
    """Findings of one article carrying only its attack evidence (read with the fake mentions)."""
    return ArticleFindings(article=Article(key=key, stem=key, text=text), side_evidence=side_evidence(context(text, key)))


def test_conflict_parties_are_attackers_and_attacked_not_hosts_or_bystanders():
    findings = [
        finding("Ruritania launched missiles at Freedonian targets on Monday. Freedonia shelled Ruritanian positions "
                "near the border.", "a1"),
        finding("Missiles fired by Ruritania struck two Iraqi bases where Freedonian troops are stationed. "
                "Latvia said its soldiers would be relocated to Kuwait.", "a2"),
    ]
    actors = [Actor(name="Jane Doe", kind="person", affiliation="Freedonia", aliases=["Doe"]),
              Actor(name="Iraq", kind="state", aliases=["Iraqi"])]
    parties = conflict_parties(actors, findings)
    assert {"Ruritania", "Freedonia", "Jane Doe", "Doe"} <= parties
    assert not parties & {"Iraq", "Iraqi", "Latvia", "Kuwait"}


def test_attack_evidence_adds_up_across_articles_without_rereading_them():
    # One attack each, in different articles: the attacker who is also hit is a side;
    # an actor only ever hit, or seen attacking once and never hit, is not.
    one = finding("Ruritania shelled Freedonian positions near the border.", "a1")
    other = finding("Freedonia shelled Ruritanian positions. France said it was alarmed.", "a2")
    assert one.side_evidence["Ruritania"][0] == 1 and one.side_evidence["Freedonia"][1] == 1
    alone = conflict_parties([], [one])
    assert "Ruritania" not in alone and "Freedonia" not in alone
    # The merge reads only the recorded evidence, never the texts again.
    blanked = [f.model_copy(update={"article": f.article.model_copy(update={"text": ""})}) for f in (one, other)]
    assert {"Ruritania", "Freedonia"} <= conflict_parties([], blanked)
    assert "France" not in conflict_parties([], blanked)


def test_extracting_an_article_records_who_attacks_whom():
    found = extract_article(Article(key="k", stem="k", text="Russia launched missiles at Ukrainian cities on Monday."))
    assert found.side_evidence.get("Russia", [0, 0])[0] >= 1
    assert found.side_evidence.get("Ukraine", [0, 0])[1] >= 1


def cited(model_cls, source: str, start: int, **fields):
    quote = "x" * 5
    return model_cls(citations=[Citation(source=source, quote=quote, start=start, end=start + 5)], **fields)


def test_merge_reactions_drops_parties_and_unites_sources():
    items = [cited(InternationalReaction, "S1", 0, actor="France", stance="condemn"),
             cited(InternationalReaction, "S2", 10, actor="France", stance="condemn"),
             cited(InternationalReaction, "S1", 20, actor="Ruritania", stance="condemn"),
             cited(InternationalReaction, "S2", 30, actor="France", stance="call_for_restraint")]
    merged = merge_reactions(items, {"Ruritania"})
    assert [(r.actor, r.stance) for r in merged] == [("France", "call_for_restraint"), ("France", "condemn")]
    assert {c.source for c in merged[1].citations} == {"S1", "S2"}


def test_merge_moves_unites_the_same_move_and_orders_by_date():
    items = [cited(DiplomaticMove, "S2", 0, actor="Ruritania", action="recalled ambassador", target="Freedonia",
                   date=date(2024, 5, 2)),
             cited(DiplomaticMove, "S1", 0, actor="Jane Doe (Ruritania)", action="recalled ambassador", target=""),
             cited(DiplomaticMove, "S1", 40, actor="Freedonia", action="summoned ambassador", target="Ruritania",
                   date=date(2024, 5, 1))]
    merged = merge_moves(items)
    assert [m.action for m in merged] == ["summoned ambassador", "recalled ambassador"]
    recall = merged[1]
    assert recall.actor == "Jane Doe (Ruritania)" and recall.target == "Freedonia"
    assert {c.source for c in recall.citations} == {"S1", "S2"}
    assert merge_moves(list(reversed(items))) == merged


@pytest.mark.parametrize("sentence, actor, words", [
    ("NATO had earlier given the soldiers 15 days to return to their barracks.", "NATO", "ultimatum"),
    ("NATO gave the junta one week to reinstate the president.", "NATO", "ultimatum"),
    ("Three days after NATO threatened to use force, the standoff deepened.", "NATO", "threatened force"),
    ("Freedonia had cut the electricity it supplies to Ruritania.", "Freedonia", "cut electricity"),
    ("France signed a protocol with Germany on Monday.", "France", "signed"),
    ("Ruritania's president flew to Freedonia on Sunday to try to mediate.", "Ruritania", "visited"),
    ("John Smith, France's foreign minister, spoke by phone with his Ruritanian counterpart.", "France", "phone call"),
])
def test_pressure_contacts_and_agreements_are_moves(sentence, actor, words):
    moves = extract_moves(context(sentence))
    assert any(_entity(m.actor) == actor and words in m.action for m in moves), moves


def test_cutting_supplies_needs_a_government_subject_not_a_weapon():
    assert extract_moves(context("Ruritania said the barrage on Freedonia hit homes, cut power and water.")) == []


def test_officials_named_by_their_holder_act_for_it():
    moves = extract_moves(context("Defence chiefs from NATO member states begin a meeting in Freedonia on Wednesday "
                                  "to discuss the crisis."))
    assert [(m.actor, m.action) for m in moves] == [("Defence chiefs from NATO (NATO)", "held meeting")]
    text = "The heads of the security services of France and Germany signed a protocol on Monday."
    assert {_entity(m.actor) for m in extract_moves(context(text))} == {"France", "Germany"}


def _entity(label: str) -> str:
    return re.sub(r"^.*\((.*)\)$", r"\1", label)


TWO_SIDES = ("France accused Germany of an incursion. Germany denied it and blamed France. ")


def test_the_two_sides_are_the_articles_two_most_named_states():
    moves = extract_moves(context(TWO_SIDES + "Senior military officers from the two sides met at the site on "
                                  "Tuesday to defuse the situation."))
    assert {m.actor for m in moves if m.action == "held meeting"} == {
        "Senior French and German military officers (France)", "Senior French and German military officers (Germany)"}
    moves = extract_moves(context(TWO_SIDES + "The release followed several rounds of talks between major generals "
                                  "of the two armies."))
    assert {m.actor for m in moves if m.action == "held talks"} == {
        "major generals of the French and German armies (France)",
        "major generals of the French and German armies (Germany)"}


def test_the_two_ministers_are_the_two_sides_and_act_towards_each_other():
    moves = extract_moves(context(TWO_SIDES + "In a telephone call, the two ministers agreed to handle the situation "
                                  "responsibly."))
    assert {(m.actor, m.action, m.target) for m in moves if m.action == "phone call"} == {
        ("France", "phone call", "Germany"), ("Germany", "phone call", "France")}
    moves = extract_moves(context(TWO_SIDES + "The two sides agreed to hold further talks."))
    assert {m.actor for m in moves if m.action == "held talks"} == {"France", "Germany"}
    moves = extract_moves(context(TWO_SIDES + "Both sides signed a protocol on Monday."))
    assert {(m.actor, m.target) for m in moves if m.action == "signed agreement"} == {
        ("France", "Germany"), ("Germany", "France")}


def test_the_two_sides_stay_unresolved_when_three_states_are_equally_named():
    text = "France, Germany and Qatar spoke. France, Germany and Qatar met. Officers from the two sides met at the site to defuse it."
    assert not any(m.action == "held meeting" for m in extract_moves(context(text)))


def test_the_bloc_is_the_last_organisation_named():
    text = "NATO leaders gathered in Freedonia. The 30-nation alliance also imposed sanctions on Ruritania."
    assert ("NATO", "imposed sanctions") in {(_entity(m.actor), m.action) for m in extract_moves(context(text))}


@pytest.mark.parametrize("sentence, expected", [
    ("The State Department said the United States was closely monitoring the situation.", ("United States", "concern")),
    ("Germany said it was following events closely.", ("Germany", "concern")),
    ("A spokesman said Qatar hoped Ruritania and Freedonia would take steps to de-escalate.",
     ("Qatar", "call_for_restraint")),
    ("NATO had earlier given the soldiers 15 days to return to their barracks.", ("NATO", "other")),
    ("France said it would also organise a flight.", ("France", "other")),
    ("Jane Doe said the EU was also halting budget support and security cooperation.", ("European Union", "other")),
])
def test_monitoring_hopes_ultimatums_and_evacuations_are_coded(sentence, expected):
    assert expected in reactions(sentence)


def test_a_halted_budget_support_is_not_support():
    assert ("European Union", "support") not in reactions("Jane Doe said the EU was halting budget support.")


def test_a_title_misread_as_a_name_speaks_for_its_body():
    text = "The United Nations Secretary-General, Anna Berg, said she was deeply concerned."
    ctx = context(text)
    title = Mention(text.index("Nations"), text.index(","), "Nations Secretary-General", "Nations Secretary-General",
                    "person")
    ctx.mentions = [title] + [m for m in ctx.mentions if m.kind == "person"]
    assert ("United Nations", "concern") in {(r.actor, r.stance) for r in extract_reactions(ctx)}


def test_an_appositive_after_a_title_gives_the_officials_body():
    assert ("United Nations", "concern") in reactions(
        "The UN Secretary-General, Anna Berg, said she was deeply concerned.")


def test_merge_reactions_lets_officials_speak_for_their_state():
    items = [cited(InternationalReaction, "S1", 0, actor="Jane Doe", stance="concern"),
             cited(InternationalReaction, "S2", 0, actor="Anna Berg", stance="condemn")]
    actors = [Actor(name="Jane Doe", kind="person", affiliation="Qatar"),
              Actor(name="Anna Berg", kind="person", affiliation="Ruritania")]
    merged = merge_reactions(items, {"Ruritania"}, actors)
    assert [(r.actor, r.stance) for r in merged] == [("Qatar", "concern")]
    assert [(r.actor, r.stance) for r in merge_reactions(items, {"Ruritania"})] == [
        ("Anna Berg", "condemn"), ("Jane Doe", "concern")]


def test_a_name_deep_in_the_clause_is_an_object_not_the_subject():
    text = ("Regional leaders on Sunday gave the military junta in Freedonia one week to reinstate President "
            "John Smith, warning that they could use force.")
    assert not any(m.actor.startswith("John Smith") for m in extract_moves(context(text)))
    assert not any(actor == "John Smith" for actor, _ in reactions(text))
    # A reported clause starts afresh: its subject may sit late in the sentence.
    text = ("A readout issued by the foreign ministry on Saturday said that on Friday night US National Security "
            "Adviser John Smith had pledged to help.")
    assert any(m.actor == "John Smith (United States)" for m in extract_moves(context(text)))


def test_lexicons_are_documented():
    for name in ("diplomacy_moves.json", "diplomacy_stances.json", "diplomacy_roles.json"):
        assert diplomacy._load(name)["_doc"]


# ---------------------------------------------------------------- corpus floors

FLOORS = {"diplomatic": 0.90, "reactions": 0.85, "reactions_stance": 0.85}


def test_corpus_floors():
    corpus = SHARED / "corpus"
    scorer = SHARED / "tools" / "score.py"
    if not corpus.is_dir() or not scorer.exists():
        pytest.skip("../shared corpus or scorer not present")
    import json

    from briefing.merge import merge_findings
    from briefing.pipeline import analyze_inputs
    spec = importlib.util.spec_from_file_location("briefing_scorer", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    totals = {facet: [] for facet in FLOORS}
    for folder in sorted(p for p in corpus.iterdir() if (p / "gold.json").exists()):
        findings, _ = analyze_inputs([str(p) for p in sorted(folder.glob("*.txt"))])
        model = json.loads(merge_findings(findings).model_dump_json())
        result = score.score(json.loads((folder / "gold.json").read_text()), model, folder)
        for facet in FLOORS:
            hit, total = result[facet]
            if total:
                totals[facet].append(hit / total)
    for facet, floor in FLOORS.items():
        macro = sum(totals[facet]) / len(totals[facet])
        assert macro >= floor, f"{facet} macro {macro:.2f} below {floor}"


# ---------------------------------------------------------------- recall fallback: reactions without a stance trigger


@pytest.mark.parametrize("sentence, expected", [
    ("Germany said it was monitoring the situation and would consult its allies.", {("Germany", "concern")}),
    ("Italy said it was not involved in the fighting.", {("Italy", "other")}),
    ("France evacuated its embassy staff on Sunday.", {("France", "other")}),
    ("Germany and Italy also flew staff and citizens out.", {("Germany", "other"), ("Italy", "other")}),
    ("The leaders of France, Germany and Italy expressed solidarity with Freedonia.",
     {("France", "support"), ("Germany", "support"), ("Italy", "support")}),
    ("Britain, France, Germany and other countries evacuated their citizens.",
     {("United Kingdom", "other"), ("France", "other"), ("Germany", "other")}),
    ("The World Food Programme suspended operations after two of its workers were killed.",
     {("World Food Programme", "other")}),
    ("Qatar offered to send jets to help patrol the airspace.", {("Qatar", "other")}),
    ("The EU said the bloc stood with Freedonia.", {("European Union", "support")}),
])
def test_a_third_party_saying_or_doing_something_reacts_without_a_stance_word(sentence, expected):
    assert expected <= reactions(sentence)


def test_the_fallback_keeps_a_lexicon_stance_and_skips_private_people_and_quotes():
    # The lexicon's stance wins over the fallback's "other".
    assert reactions("France condemned the strike and said it would recall its envoy.") == {("France", "condemn")}
    # A bare name with no state or body behind it is no international reaction.
    assert reactions("John Smith said the shelling went on all night.") == set()
    # Words inside a quotation are the speaker's, not a statement by the actor named in them.
    assert ("Germany", "other") not in reactions('"Germany sent nothing," the minister said.')
    # "States" in a name is no verb.
    assert reactions("Troops of the United States arrived at the base.") == set()


def test_the_fallback_leaves_out_the_sides_of_the_fighting():
    text = ("Ruritanian troops shelled Freedonia on Monday. Ruritania said the operation would continue. "
            "Freedonia said it would defend itself. Italy said it was evacuating its citizens.")
    found = reactions(text)
    assert ("Italy", "other") in found
    assert not {a for a, _ in found} & {"Ruritania", "Freedonia"}


def test_merge_drops_other_next_to_a_stated_position_and_bodies_named_after_a_side():
    items = [cited(InternationalReaction, "S1", 0, actor="France", stance="condemn"),
             cited(InternationalReaction, "S1", 10, actor="France", stance="other"),
             cited(InternationalReaction, "S2", 20, actor="Italy", stance="other")]
    merged = merge_reactions(items, set())
    assert [(r.actor, r.stance) for r in merged] == [("France", "condemn"), ("Italy", "other")]


@pytest.mark.parametrize("sentence, actor, words", [
    ("The Arab League and the African Union held emergency meetings on the crisis.", "Arab League", "emergency meeting"),
    ("NATO ambassadors met in Brussels on Tuesday.", "NATO", "met"),
    ("The UN envoy briefed the Security Council on Friday.", "United Nations", "Security Council"),
    ("France evacuated its personnel by helicopter; embassy operations were suspended.", "France", "evacuated personnel"),
    ("Germany offered jets to help patrol the airspace.", "Germany", "offered jets"),
    ("Latvia requested consultations under Article 4 of the treaty.", "Latvia", "consultations"),
    ("Germany said there was no need to invoke the treaty article.", "Germany", "invoking"),
    ("The French foreign minister held a call with her counterparts.", "France", "phone call"),
    ("Qatar announced a deal under which the charges would be dropped.", "Qatar", "deal"),
    ("Italy sent humanitarian aid to Freedonia.", "Italy", "sent humanitarian aid"),
])
def test_broad_diplomatic_actions_are_moves_with_their_trigger_words(sentence, actor, words):
    moves = extract_moves(context(sentence))
    hits = [m for m in moves if _entity(m.actor) == actor and words.lower() in m.action.lower()]
    assert hits, [(m.actor, m.action) for m in moves]
    assert hits[0].citations[0].quote == sentence


def test_press_conferences_are_not_meetings():
    assert not [m for m in extract_moves(context("France held a news conference in Paris.")) if "meeting" in m.action]


def test_both_sides_of_a_clash_are_parties_but_a_mediator_is_not():
    findings = [finding("Twenty Ruritanian soldiers were killed in a clash with Freedonian troops. "
                        "Qatar said it was ready to host talks.", "a1")]
    parties = conflict_parties([], findings)
    assert {"Ruritania", "Freedonia"} <= parties
    assert "Qatar" not in parties


def test_a_firm_or_an_army_speaking_is_not_a_third_party_reaction():
    assert reactions("Germany's power company said it had cut exports.") == set()
    assert reactions("Italy's armed forces said they had moved two ships.") == set()
    assert ("Italy", "other") in reactions("Italy's foreign ministry said it had moved two ships.")


def test_an_announced_settlement_is_a_move_even_without_the_word_deal():
    moves = extract_moves(context("Ruritania announced that charges against the rebels would be dropped and that "
                                  "their leader would leave for Freedonia."))
    assert [m for m in moves if m.actor == "Ruritania" and "deal" in m.action]



def test_an_official_of_unknown_allegiance_is_left_to_the_lexicon():
    # Whose minister? Without an affiliation the fallback cannot tell a third party from a side.
    assert reactions("Foreign Minister Anna Berg said her government would send aid.") == set()


# ---------------------------------------------------------------- prefix-anchored scans (diplomacy_scan)

SCAN_TEXTS = [
    "Ruritania recalled its ambassador. \"We condemn this,\" the minister said, withdrawing staff.",
    # Characters IGNORECASE matches to ASCII letters although lower() does not: Kelvin sign, long s, dotless i.
    "\u212aILLED in strikes, \u017fAID the envoy; İstanbul talks ended; the ı-word WITHDREW envoys.",
    "Mid-word openings: rewithdrew, Xsaid, co-signed; STRUCK, Struck and struck at dawn. Said: \"held talks\".",
]


def test_article_scan_finds_exactly_what_the_regex_finds():
    from briefing.extract.diplomacy_fallback import ACTION, STATEMENT
    from briefing.extract.diplomacy_scan import ArticleScan, Scanned
    patterns = [*diplomacy.MOVE_PATTERNS.patterns, *diplomacy.STANCE_PATTERNS.patterns, *diplomacy.ATTACKS,
                *diplomacy.MUTUAL_ATTACKS, *diplomacy.CLAIMS, STATEMENT, ACTION]
    for text in SCAN_TEXTS:
        scan, sentences = ArticleScan(text), split_sentences(text)
        for pattern in patterns:
            scanned = Scanned(pattern)
            assert [m.span() for m in scan.finditer(scanned)] == [m.span() for m in pattern.finditer(text)]
            for sent in sentences:
                want = [m.span() for m in pattern.finditer(text, sent.start, sent.end)]
                assert [m.span() for m in scan.finditer(scanned, sent.start, sent.end)] == want
                assert [m.span() for m in scan.in_sentence(scanned, sentences, sent)] == want
                found = scan.search(scanned, sent.start, sent.end)
                assert (found and found.span()) == (want[0] if want else None)


def test_opening_literals_are_what_every_match_starts_with():
    from briefing.extract.diplomacy_scan import Scanned, opening_literals
    assert opening_literals(re.compile(r"\b(?:scrapp?(?:ed|s)?|h[eo]ld)\s+", re.I)) == {"scrap", "held", "hold"}
    assert opening_literals(re.compile(r"\b(?:(?:closely|anxiously)\s+)?(?:monitor|watch)", re.I)) == \
        {"closely", "anxiously", "monitor", "watch"}
    assert opening_literals(re.compile(r"\w+ said")) is None
    # A word-start pattern is tried at its leading words: "with" for "with grave concern".
    assert Scanned(re.compile(r"\bwith (?:grave )?concern\b", re.I)).openings == {"with"}


def test_the_shared_article_state_follows_the_context():
    first = context("Ruritania condemned the strike. Freedonia said it was concerned.")
    other = context("Qatar welcomed the truce and France said it would help.", key="a2")
    before = extract_reactions(first)
    assert extract_reactions(other) != before
    assert extract_reactions(first) == before
    assert extract_reactions(context(first.article.text)) == before


def test_a_forked_resolver_starts_with_nothing_remembered():
    from briefing.extract.diplomacy_speakers import Resolver
    ctx = context("The Ruritanian Foreign Ministry condemned the attack. The ministry said it would respond.")
    base = Resolver(ctx.article.text, ctx.mentions, ctx.sentences)
    used = base.fork()
    used.agent(used.every[0])
    assert not used.is_fresh() and used.bodies
    assert base.fork().is_fresh() and not base.fork().bodies
