"""Actor extraction: mentions (states, metonyms, acronyms, officials, media), per-article actors, merging."""
from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.extract.actor_merge import merge_actors
from briefing.extract.actors import extract_actors, find_actor_mentions
from briefing.extract.context import ArticleContext
from briefing.extract.text import split_sentences
from briefing.model import Actor, Article, Citation

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def names(text: str) -> list[tuple[str, str]]:
    """(surface, canonical name) of every mention."""
    return [(m.surface, m.name) for m in find_actor_mentions(text)]


def actors_of(text: str, outlet: str = "") -> dict[str, Actor]:
    """The per-article actors of a made-up article, by name."""
    article = Article(key="k1", stem="a", text=text, outlet=outlet)
    ctx = ArticleContext(article=article, sentences=split_sentences(text))
    ctx.mentions = find_actor_mentions(text)
    return {a.name: a for a in extract_actors(ctx)}


def test_demonyms_and_possessives_map_to_the_state():
    found = names("Azerbaijani troops advanced while Kenya's government and Pakistani officials met.")
    assert ("Azerbaijani", "Azerbaijan") in found
    assert ("Kenya's", "Kenya") in found
    assert ("Pakistani", "Pakistan") in found


def test_capital_is_the_state_only_when_it_acts():
    found = names("Moscow said it would respond. The Washington Post reported talks in Ottawa. "
                  "A Moscow-based analyst disagreed.")
    assert found.count(("Moscow", "Russia")) == 1
    assert ("The Washington Post", "The Washington Post") in found
    assert not any(name == "Canada" or name == "United States" for _, name in found)


def test_a_country_named_only_as_a_place_is_no_actor():
    actors = actors_of("Chile said its envoys would travel to Peru and Bolivia next week.")
    assert "Chile" in actors
    assert "Peru" not in actors and "Bolivia" not in actors
    assert "Peru" not in actors_of("Peruvian journalist Ana Ruiz said the road was closed.")


def test_coordinated_demonyms_and_asides_keep_states_acting():
    actors = actors_of("Drones were downed with help from Chilean, Peruvian and Bolivian forces. "
                       "Ecuador, which hosted the talks, called for calm. Aid reached Uruguay.")
    assert {"Chile", "Peru", "Bolivia", "Ecuador"} <= set(actors)
    assert "Uruguay" not in actors


def test_state_after_an_office_of_is_acting_but_not_after_a_place_noun():
    assert "Peru" in actors_of("The Government of Peru said it would help.")
    assert "Chile" in actors_of("Foreign Minister Ana Ruiz of Chile said talks would resume.")
    assert "Peru" not in actors_of("Floods hit the capital of Peru.")


def test_states_after_leadership_nouns_with_of_are_actors():
    actors = actors_of("The leaders of Chile, Peru and Bolivia expressed solidarity. "
                       "The presidents of Ghana, South Sudan and Togo will travel to Lima. "
                       "The military governments of Mali and Niger warned against it.")
    assert {"Chile", "Peru", "Bolivia", "Ghana", "South Sudan", "Togo", "Mali", "Niger"} <= set(actors)
    more = actors_of("The defence chiefs of Kenya and Uganda agreed. The Ghanaian and Togolese presidents met.")
    assert {"Kenya", "Uganda", "Ghana", "Togo"} <= set(more)
    # A place noun before 'of' keeps the states places.
    places = actors_of("Residents of Kenya and Uganda fled. Floods hit the capital of Peru and Chile.")
    assert not {"Kenya", "Uganda", "Peru", "Chile"} & set(places)


def test_states_that_open_a_sentence_before_a_verb_act():
    actors = actors_of("Britain, France, Germany and other countries also flew staff out on Sunday. "
                       "Aid later arrived after Nigeria halted supplies.")
    assert {"United Kingdom", "France", "Germany", "Nigeria"} <= set(actors)
    assert not {"Kenya", "Uganda"} & set(actors_of("Floods in Kenya and Uganda killed 12 people."))


def test_officials_with_an_organisation_or_state_title_prefix():
    actors = actors_of("European Council President Lena Morales called for calm. "
                       "NATO Secretary General Tomas Berg said the alliance was watching. "
                       "UN envoy Omar Haddad urged restraint. Irish Foreign Minister Aidan O'Hara agreed. "
                       "The head of Chile's security service, Ana Ruiz, said troops were ready.")
    assert actors["Lena Morales"].role == "European Council President"
    assert actors["Tomas Berg"].affiliation == "NATO"
    assert actors["Omar Haddad"].affiliation == "United Nations"
    assert actors["Aidan O'Hara"].affiliation == "Ireland"
    assert "head of Chile's security service" in actors["Ana Ruiz"].role
    assert "European Council" in actors and "United Nations" in actors and "NATO" in actors
    turk = actors_of("UN human rights chief Ana Vidal said she was appalled.")["Ana Vidal"]
    assert turk.role == "UN human rights chief" and turk.affiliation == "United Nations"


def test_an_organisation_before_a_title_is_no_part_of_a_name():
    actors = actors_of("The United Nations Secretary-General, Lena Morales, said she was concerned. "
                       "UN Secretary-General Tomas Berg urged calm.")
    assert {"Lena Morales", "Tomas Berg", "United Nations"} <= set(actors)
    assert not any("Secretary" in name for name in actors)


def test_titles_with_of_are_not_names_or_bodies():
    actors = actors_of("Chief of Staff Ron Klain said the meeting was useful. Staff at the embassy left.")
    assert "Ron Klain" in actors and actors["Ron Klain"].role == "Chief of Staff"
    assert not any("Staff" in name for name in actors)
    actors = actors_of("Chief of the General Staff Ana Vidal said. Chile's General Staff said troops were ready.")
    assert actors["Ana Vidal"].role == "Chief of the General Staff"
    assert actors["Chilean General Staff"].affiliation == "Chile"
    assert not any(name.startswith("Chief") for name in actors)


def test_state_bodies_units_and_companies():
    actors = actors_of("Chile's national security committee met on Wednesday. Lima prosecutors opened a case. "
                       "Russia's Southern Military District said drills began. Soldiers from the presidential "
                       "guard detained him. Troops of the 12 Andes regiment were ambushed. "
                       "Peru's power company, Electroandes, said supplies were cut.")
    assert actors["Chilean national security committee"].affiliation == "Chile"
    assert "Lima prosecutors" in actors
    assert actors["Russian Southern Military District"].affiliation == "Russia"
    assert "Presidential guard" in actors and "12 Andes regiment" in actors
    assert actors["Electroandes"].kind == "organization" and actors["Electroandes"].affiliation == "Peru"
    assert actors["Electroandes"].role == "power company"
    gas = actors_of("Andigas, Chile's state gas company, said flows would stop.")["Andigas"]
    assert gas.affiliation == "Chile" and gas.role == "state gas company"
    # A sentence adverb before 'the company said' is no company; without a state modifier a body stays generic.
    assert not actors_of("Separately, the company said it would appeal. Overall, a utility said more.")
    assert not actors_of("The committee said it would meet again. The security service declined to comment.")


def test_body_names_drop_leading_modifiers_and_places_are_not_bodies():
    actors = actors_of("On Monday the International Committee of the Red Cross got through. "
                       "The Moscow-led Andean Security Organization said it was ready. "
                       "Morales's Andean Party for Democracy said it was worried. "
                       "The People's Liberation Army said it was ready. "
                       "Troops clashed along the Line of Mountain Control (LMC) on Monday.")
    assert {"International Committee of the Red Cross", "Andean Security Organization",
            "Andean Party for Democracy", "People's Liberation Army"} <= set(actors)
    assert not any("Control" in name or name.startswith(("the ", "Moscow", "Morales")) for name in actors)


def test_roles_from_owner_possessives_and_listed_appositions():
    actors = actors_of("The European Union's foreign policy chief, Ana Vidal, said the EU was alarmed. "
                       "Soldiers detained the oil minister, Tomas Berg, and the mines minister, Lena Cruz.")
    assert actors["Ana Vidal"].affiliation == "European Union"
    assert actors["Tomas Berg"].role == "oil minister" and actors["Lena Cruz"].role == "mines minister"
    assert "Andean Treaty Organization" in actors_of("The Lima-led Andean Treaty Organization (ATO) offered help.")


def test_hyphenated_ranks_are_not_names():
    actors = actors_of("Colonel-Major Tomas Berg said the borders were closed.")
    assert "Tomas Berg" in actors and actors["Tomas Berg"].role == "Colonel-Major"


def test_a_state_acts_through_its_bodies_and_office_holders():
    actors = actors_of("Chilean Foreign Ministry spokeswoman Lena Morales urged calm. "
                       "Peruvian journalist Ana Ruiz said the road was closed.")
    assert "Chile" in actors and actors["Chile"].role == "" and actors["Chile"].kind == "state"
    assert "Peru" not in actors  # a journalist does not speak for her state
    assert "Peru" not in actors_of("Ruiz's Peruvian Party for Democracy (PPD) said it was worried.")


def test_capitals_joined_to_an_acting_capital_and_officials_from_states_act():
    actors = actors_of("Lima and Santiago condemned the attack. Officials from Ghana and Togo, which mediated, spoke.")
    assert {"Peru", "Chile", "Ghana", "Togo"} <= set(actors)
    assert not {"Peru", "Chile", "Ghana"} & set(actors_of("Talks in Lima and Santiago failed. He flew from Ghana."))
    assert "Togo" not in actors_of("The army evacuated diplomats and officials from Togo.")


def test_acronym_defined_in_text_maps_later_mentions():
    text = "The Northern Valley Liberation Front (NVLF) claimed the raid. Officials said NVLF fighters fled."
    found = find_actor_mentions(text)
    nvlf = [m for m in found if m.surface == "NVLF"]
    assert len(nvlf) == 2 and all(m.name == "Northern Valley Liberation Front" for m in nvlf)
    assert all(m.kind == "armed_group" for m in nvlf)
    # A definition in the text beats a listed acronym spelled the same (PTI is also a news agency).
    found = find_actor_mentions("The People's Trust Initiative (PTI) said the vote was rigged. PTI members marched.")
    assert {m.name for m in found if m.surface == "PTI"} == {"People's Trust Initiative"}


def test_title_and_name_give_role_and_affiliation():
    actors = actors_of("Chilean Foreign Minister Ana Gutierrez said talks would resume. "
                       "Tomas Berg, Norway's defence minister, said he agreed. Gutierrez added that all was calm.")
    ana = actors["Ana Gutierrez"]
    assert ana.kind == "person" and ana.affiliation == "Chile" and "Foreign Minister" in ana.role
    assert ana.mentions == 2  # the surname alone links back to the full name
    assert actors["Tomas Berg"].affiliation == "Norway"
    assert "defence minister" in actors["Tomas Berg"].role


def test_people_in_a_list_with_a_speaker_and_after_killing_of():
    actors = actors_of("Ana Ruiz, Tomas Berg and Lena Morales said the talks failed. "
                       "The killing of Omar Haddad drew protests.")
    assert {"Ana Ruiz", "Tomas Berg", "Lena Morales", "Omar Haddad"} <= set(actors)


def test_bodies_take_a_role_from_a_description_around_them():
    actors = actors_of("According to Chilean media outlet Diario Sur, the dam held. "
                       "The Northern Valley Liberation Front, a separatist group, denied it.")
    assert actors["Northern Valley Liberation Front"].role == "separatist group"
    assert actors["Diario Sur"].kind == "media" and actors["Diario Sur"].role == "Chilean media outlet"


def test_no_role_is_invented():
    actors = actors_of("Lena Morales said the convoy was hit. Morales said more was to come.")
    assert actors["Lena Morales"].role == ""


def test_state_media_and_outlets():
    actors = actors_of("According to Chilean state television, the dam held. The Daily Monitor said nothing.",
                       outlet="Reuters")
    assert actors["Chilean state media"].kind == "media"
    assert actors["Chilean state media"].affiliation == "Chile"


def test_own_outlet_and_relaying_agency_are_not_actors():
    actors = actors_of("According to Reuters, Chilean officials said the dam held. CNN was told more.",
                       outlet="CNN (via KTVZ)")
    assert "Reuters" not in actors and "CNN" not in actors
    assert "Chile" in actors


def test_citation_is_an_exact_span_of_the_text():
    text = "Peru's president spoke. Later the Kremlin said it disagreed."
    actors = actors_of(text)
    for actor in actors.values():
        for c in actor.citations:
            assert text[c.start:c.end] == c.quote
    assert actors["Russia"].citations[0].quote == "Later the Kremlin said it disagreed."


def test_place_names_and_title_words_are_not_people():
    actors = actors_of("Hong Kong said it was watching. Maj. Gen. Tomas Berg said troops were ready.")
    assert "Hong Kong" not in actors
    assert "Tomas Berg" in actors and "Gen" not in actors


def test_names_end_before_words_that_cannot_belong_to_them():
    actors = actors_of("President Lena Morales Cabinet ministers said they would act. "
                       "Driver Adam Pike alias Rook, who fled, was caught. Rook later spoke.")
    assert "Lena Morales" in actors
    assert actors["Adam Pike"].mentions == 3 and "Rook" in actors["Adam Pike"].aliases


def test_a_first_name_that_is_also_a_country_after_a_title():
    actors = actors_of("Defence Minister Israel Katz said the army would respond. Katz added more.")
    assert actors["Israel Katz"].mentions == 2


def test_separatist_forces_juntas_and_named_forces_are_armed_groups():
    actors = actors_of("Chad's junta closed the border. Later the junta said talks failed. "
                       "Separatist ethnic Chadian forces and Tibesti fighters were not consulted.")
    assert actors["Chadian junta"].kind == "armed_group" and actors["Chadian junta"].mentions == 2
    assert actors["Tibesti fighters"].kind == "armed_group"


def test_known_as_alias_and_arabic_article_surnames():
    actors = actors_of("Commander Mohamed Ali al-Tahir, known as Tito, said the city fell. "
                       "Tito later fled and Tahir was not seen again.")
    assert actors["Mohamed Ali al-Tahir"].mentions == 4  # full name, Tito twice, Tahir
    assert {"Tito", "Tahir"} <= set(actors["Mohamed Ali al-Tahir"].aliases)


def test_mentions_are_exact_sorted_non_overlapping_spans_on_word_soup():
    rng = random.Random(7)
    words = ["Chile", "said", "the", "Foreign", "Minister", "Ana", "Ruiz", "US", "President", "of", "(NVLF)", "Lima",
             "in", "Kremlin", "Santiago's", "junta", "state", "TV", "Hamas", "forces", "separatist", "who", "known",
             "as", "Gen.", "Maj.", ",", ".", "and", "Front", "Liberation", "Council", "Reuters", "according", "to"]
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        found = find_actor_mentions(text)
        assert all(text[m.start:m.end] == m.surface and m.name for m in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def _actor(name, kind, source, start=0, aliases=(), mentions=1, affiliation=""):
    """An extracted actor as merge_actors receives it."""
    cite = Citation(source=source, quote="x", start=start, end=start + 1)
    return Actor(name=name, kind=kind, aliases=list(aliases), mentions=mentions, citations=[cite],
                 affiliation=affiliation)


def test_merge_unites_variants_across_articles():
    merged = merge_actors([
        _actor("Qassem Sulaimani", "person", "S1", mentions=3),
        _actor("Qasem Sulaimani", "person", "S2", aliases=["Sulaimani"]),
        _actor("Sulaimani", "person", "S3"),
        _actor("Sulaimany", "person", "S4"),
        _actor("Northern Valley Liberation Front", "armed_group", "S1", mentions=2),
        _actor("NVLF", "armed_group", "S2"),
        _actor("Chile", "state", "S1", aliases=["Chilean"]),
        _actor("Chile", "state", "S1", aliases=["Santiago"]),  # same citation twice: kept once
    ])
    by_name = {a.name: a for a in merged}
    assert set(by_name) == {"Qassem Sulaimani", "Northern Valley Liberation Front", "Chile"}
    assert by_name["Qassem Sulaimani"].mentions == 6
    assert "Qasem Sulaimani" in by_name["Qassem Sulaimani"].aliases
    assert "NVLF" in by_name["Northern Valley Liberation Front"].aliases
    assert len(by_name["Chile"].citations) == 1 and set(by_name["Chile"].aliases) == {"Chilean", "Santiago"}
    assert merged[0].name == "Qassem Sulaimani"  # most mentioned first


def test_merge_keeps_bodies_of_different_states_apart():
    merged = merge_actors([
        _actor("Chilean Foreign Ministry", "organization", "S1", aliases=["Foreign Ministry"], affiliation="Chile"),
        _actor("Peruvian Foreign Ministry", "organization", "S2", aliases=["Foreign Ministry"], affiliation="Peru"),
    ])
    assert len(merged) == 2


def test_merge_is_order_independent():
    items = [_actor("Chile", "state", "S1"), _actor("Ana Ruiz", "person", "S2"), _actor("Ruiz", "person", "S3"),
             _actor("UN", "organization", "S1"), _actor("United Nations", "organization", "S2", aliases=["UN"])]
    one = [a.model_dump() for a in merge_actors([a.model_copy(deep=True) for a in items])]
    two = [a.model_dump() for a in merge_actors([a.model_copy(deep=True) for a in reversed(items)])]
    assert [a["name"] for a in one] == [a["name"] for a in two]
    assert [sorted(a["aliases"]) for a in one] == [sorted(a["aliases"]) for a in two]


def test_repeated_actor_keeps_every_articles_citations_in_article_order():
    """Identical records from many articles are linked once but keep each article's evidence in input order."""
    items = []
    for n in range(1, 6):
        items += [_actor("Ana Ruiz", "person", f"S{n}", start=n, aliases=[f"Minister Ruiz {n}"]),
                  _actor("Coastal Guard", "organization", f"S{n}", start=n, affiliation="Chile"),
                  _actor("Coastal Guard", "organization", f"S{n}", start=n + 50, affiliation="Peru")]
    items.append(_actor("Ruiz", "person", "S6"))
    merged = {(a.name, a.affiliation): a for a in merge_actors(items)}
    assert set(merged) == {("Ana Ruiz", ""), ("Coastal Guard", "Chile"), ("Coastal Guard", "Peru")}
    ruiz = merged["Ana Ruiz", ""]
    assert [c.source for c in ruiz.citations] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert ruiz.mentions == 6 and {f"Minister Ruiz {n}" for n in range(1, 6)} | {"Ruiz"} == set(ruiz.aliases)
    assert [c.start for c in merged["Coastal Guard", "Peru"].citations] == [51, 52, 53, 54, 55]


def test_an_unaffiliated_body_joins_only_a_single_fitting_cluster():
    """'Army' with no state stays apart while two states' armies both fit it, in every article it is in."""
    two_states = [_actor("Army", "armed_group", "S1", affiliation="Chile"),
                  _actor("Army", "armed_group", "S2", affiliation="Peru"),
                  _actor("Army", "armed_group", "S3"),
                  _actor("Army", "armed_group", "S4")]
    assert len(merge_actors(two_states)) == 3
    one_state = [a for a in two_states if a.affiliation != "Peru"]
    assert len(merge_actors(one_state)) == 1


def _load_scorer():
    """The shared scorer, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("briefing_score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_actor_recall_and_precision(tmp_path):
    corpus = SHARED / "corpus"
    if not (corpus / "README.md").exists():
        pytest.skip("shared corpus not available")
    scorer = _load_scorer()
    recall, precision = [], []
    for folder in sorted(p for p in corpus.iterdir() if (p / "gold.json").exists()):
        out = tmp_path / f"{folder.name}.json"
        subprocess.run([sys.executable, "-m", "briefing", "extract", str(folder), "-o", str(out)],
                       check=True, capture_output=True)
        model = json.loads(out.read_text())
        gold = json.loads((folder / "gold.json").read_text())
        gnames = [[a["name"], *a.get("aliases", [])] for a in gold["actors"]]
        xnames = [[a["name"], *a["aliases"]] for a in model["actors"]]
        hit = sum(any(scorer.names_match(g, x) for g in gn for xn in xnames for x in xn) for gn in gnames)
        good = sum(any(scorer.names_match(g, x) for x in xn for gn in gnames for g in gn) for xn in xnames)
        recall.append(hit / len(gnames))
        precision.append(good / max(1, len(xnames)))
    assert sum(recall) / len(recall) >= 0.93
    assert sum(precision) / len(precision) >= 0.90


# ---------------------------------------------------------------- fast scans equal the plain regex scans

def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


def test_alternation_finditer_equals_one_alternation():
    import re

    from briefing.extract.scans import alternation_finditer

    first, second = re.compile(r"ab+|x"), re.compile(r"b+c|abbb")
    combined = re.compile(r"(?:ab+|x)|(?:b+c|abbb)")
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice("abcx ") for _ in range(rng.randint(0, 30)))
        assert [m.span() for m in alternation_finditer(text, (first, second))] == \
            [m.span() for m in combined.finditer(text)], text


def test_state_bodies_scanned_from_their_heads_equal_the_full_scan():
    from briefing.extract.actor_shapes import LOWER_INSTITUTION, LOWER_INSTITUTION_LEADS, STATE_BODY_LOWER
    from briefing.extract.actor_patterns import lower_body_starts
    from briefing.extract.scans import anchored_finditer, occurrences

    words = ["national", "security", "committee", "the", "court", "-x", "state", "service", "health", "ministry",
             "foreign", "office", "peacekeepers", "prosecutor's office", "Polish", "of", ",", "\n", "  "]
    rng = random.Random(11)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 14)))
        assert _spans(anchored_finditer(STATE_BODY_LOWER, text, lower_body_starts(text))) == \
            _spans(STATE_BODY_LOWER.finditer(text)), text
        assert _spans(anchored_finditer(LOWER_INSTITUTION, text, occurrences(text, LOWER_INSTITUTION_LEADS))) == \
            _spans(LOWER_INSTITUTION.finditer(text)), text


def test_whole_word_starts_equal_a_bounded_regex():
    import re

    from briefing.extract.scans import whole_word_starts

    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("ab- _.é") for _ in range(rng.randint(0, 20)))
        word = "".join(rng.choice("ab-") for _ in range(rng.randint(1, 3)))
        expected = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
        assert whole_word_starts(text, word) == expected, (text, word)


def test_word_before_skips_spaces_and_quotes():
    from briefing.extract.actor_lexicon import word_before

    def before(text: str, name: str) -> str:
        return word_before(text, text.index(name))

    assert before('the envoy of "Iran', "Iran") == "of"
    assert before("officials from  Qatar", "Qatar") == "from"
    assert before("Qatar", "Qatar") == ""
    assert before("ex-President’s  X", "X") == "ex-president’s"


def test_acronym_phrases_scanned_from_the_bracket_equal_the_full_scan():
    from briefing.extract.actor_shapes import ACRONYM_PHRASE
    from briefing.extract.actor_patterns import acronym_phrase_starts
    from briefing.extract.scans import anchored_finditer

    words = ["Kurdistan", "Workers'", "Party", "(PKK)", "of", "the", "Rapid", "Support", "Forces", "(RSF)", "O’Neil",
             "x-Ray", "-", "and", "said", "(", ")", "\n", "(UN)", "Line"]
    rng = random.Random(5)
    for _ in range(3000):
        text = rng.choice(["", " ", "’"]).join(rng.choice(words) for _ in range(rng.randint(1, 16)))
        assert _spans(anchored_finditer(ACRONYM_PHRASE, text, acronym_phrase_starts(text))) == \
            _spans(ACRONYM_PHRASE.finditer(text)), text


@pytest.mark.parametrize("text", ["Middle   East", "US   President Do",
                                  "Talks in the Middle   East resumed, US   President Joe Biden said."])
def test_runs_of_spaces_inside_a_name_do_not_crash_the_person_scan(text):
    """A capitalised run holding only spaces once it is stripped of titles used to raise IndexError."""
    mentions = find_actor_mentions(text)
    assert all(text[m.start:m.end] == m.surface for m in mentions)


SHAPE_WORDS = ["Republic", "of", "Self-Proclaimed", "People's", "Democratic", "Breakaway", "Congo", "the", "presidential",
               "national", "guard", "junta", "military", "Separatist", "separatist", "ethnic", "Ethnic", "Kurdish", "forces",
               "fighters", "militias", "rebels", "State", "state", "state-run", "media", "TV", "news", "agency", "newspaper",
               "Telegram", "channel", "The", "New", "York", "Times", "Post", "Washington", "daily", "Al", "x-Ray", "’", "'",
               "-", ",", "\n", "  ", "outlet", "Daily", "Mail", "O’Times", "(", "Herald", "tabloid", "Bild", "Ministry",
               "Defence", "Foreign", "Air", "Force", "Armed", "Brigades", "Islamic", "for", "Human", "Rights", "Council",
               "Office", "General", "Staff", "and", "Party", "de", "on", "said", "Guards",
               # whole phrases, so that every pattern matches often and every key is needed
               "national guard", "royal guard", "presidential guard", "republican guard", "military junta",
               "People's Republic of", "Self-Proclaimed Republic of", "state-run news agency", "State television",
               "Ethnic Kurdish forces", "separatist fighters", "Breakaway rebels", "Kurdish forces", "Telegram channel",
               "news outlet", "The New York Times", "Washington Post", "Ministry of Defence", "Islamic State"]


def test_shape_patterns_tried_at_their_anchors_equal_the_full_scans():
    """The start offsets actor_patterns derives from each pattern's literals must never hide a match: if a
    pattern in actor_lexicon changes and its keys do not, this fails."""
    from briefing.extract import actor_shapes as L
    from briefing.extract import actor_patterns as P
    from briefing.extract.scans import alternation_finditer, anchored_finditer

    anchored = [(L.REPUBLIC_RE, lambda t: P._starts_before(t, P.REPUBLIC_KEYS)),
                (L.GUARD, lambda t: P._starts_before(t, P.GUARD_KEYS)),
                (L.JUNTA, lambda t: P._starts_before(t, P.JUNTA_KEYS)),
                (L.ARMED_LOWER, lambda t: P._starts_before(t, P.ARMED_LOWER_KEYS)),
                (L.STATE_MEDIA, lambda t: P._starts_before(t, P.STATE_MEDIA_KEYS)),
                (L.MEDIA_NAMED_AFTER, lambda t: P._starts_before(t, P.OUTLET_KEYS)),
                (L.NAMED_FORCES, P.named_forces_starts), (L.MEDIA_TITLE, P.paper_title_starts),
                (L.ORG_NAMED, P.org_named_starts)]
    rng = random.Random(17)
    hits = 0
    for _ in range(6000):
        text = rng.choice(["", " ", "’", "-", "  "]).join(rng.choice(SHAPE_WORDS) for _ in range(rng.randint(1, 14)))
        for pattern, starts in anchored:
            full = _spans(pattern.finditer(text))
            hits += len(full)
            assert _spans(anchored_finditer(pattern, text, starts(text))) == full, (pattern.pattern[:40], text)
        assert [(m.span(), m.re.pattern) for m in P._media_matches(text)] == \
            [(m.span(), m.re.pattern) for m in alternation_finditer(text, L.MEDIA_RES)], text
    assert hits > 4000  # the random texts do exercise the patterns


def test_listed_names_scanned_by_first_letter_equal_one_regex_of_all_names():
    """listed_matches and name_at split the name list by first letter; they must find what one regex of all does."""
    from briefing.extract.actor_lexicon import lexicon, listed_matches, name_at, names_pattern

    lex = lexicon()
    everything = names_pattern(lex.surfaces)
    names = sorted(lex.surfaces)
    rng = random.Random(23)
    glue = ["", " ", "  ", "-", "’s ", "'s ", ", ", "\n", " the ", " al-", "x", " and "]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(names)[:rng.choice([99, 99, 99, 3, 6])] + rng.choice(glue)
                       for _ in range(rng.randint(1, 8)))
        full = [(m.span(), m[1]) for m in everything.finditer(text)]
        found += len(full)
        assert [(m.span(), m[1]) for m in listed_matches(text, lex)] == full, text
        for start in {0, *(i + 1 for i, ch in enumerate(text) if ch == " ")}:
            at, whole = name_at(text[start:], lex), everything.match(text[start:])
            assert (at and (at.span(), at[1])) == (whole and (whole.span(), whole[1])), text[start:]
    assert found > 3000
