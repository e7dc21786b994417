"""Ingest: every input format, cleaning that keeps offsets valid, duplicates, and broken or hostile input."""
from __future__ import annotations

import io
import json
import os
import random
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest import load_articles
from briefing.ingest import dedupe, sources
from briefing.ingest.clean import clean_body
from briefing.ingest.dates import parse_date
from briefing.ingest.dedupe import merge_duplicates
from briefing.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def one(path: Path | str) -> Article:
    """The single article read from one input, failing loudly if anything was skipped."""
    articles, skipped = load_articles([str(path)])
    assert not skipped, skipped
    assert len(articles) == 1, articles
    return articles[0]


def reasons(paths) -> dict[str, str]:
    """Skipped inputs by name → reason."""
    return {s.input: s.reason for s in load_articles([str(p) for p in paths])[1]}


def normalised(text: str) -> str:
    return " ".join(text.split())


def assert_paragraphs_in_original(article: Article, original: str) -> None:
    """Every paragraph of the cleaned text is an exact substring of the original, whitespace normalised."""
    flat = normalised(original)
    for paragraph in article.text.split("\n\n"):
        assert paragraph == normalised(paragraph), "paragraph has uncollapsed whitespace"
        assert paragraph in flat, paragraph


# --- formats ------------------------------------------------------------------------------


def test_seed_format_takes_the_date_and_drops_ad_lines_but_keeps_curly_quotes():
    article = one(FIXTURES / "seed_article.txt")
    assert article.published == date(2031, 5, 14)
    assert article.stem == "seed_article"
    assert article.text.startswith("Flooding along the Varna river")
    assert "Advertisment" not in article.text
    assert "“faster than at any time in forty years”" in article.text and "town’s" in article.text
    assert "\n\nRescue Efforts Continue\n\n" in article.text


def test_header_block_gives_metadata_and_boilerplate_lines_are_dropped():
    article = one(FIXTURES / "header_article.txt")
    assert (article.title, article.outlet, article.author) == (
        "Ferry operators suspend crossings after storm warning", "Coastal Herald (via Harbour Wire)", "Mira Talvik")
    assert article.url == "https://example.org/news/ferry-crossings-suspended"
    assert article.published == date(2031, 5, 14)  # "14 May 2031"
    assert "Read more" not in article.text and "Share this" not in article.text
    assert article.text.count("\n\n") == 2 and not article.text.startswith("title:")


def test_markdown_front_matter_is_metadata_and_markup_is_stripped():
    article = one(FIXTURES / "front_matter.md")
    assert article.title == "Council approves new bridge over the Elsen"
    assert (article.outlet, article.author) == ("Valley Times", "Jon Arvid, Lena Pohl")
    assert article.url == "https://example.org/valley/bridge-approved"
    assert article.published == date(2031, 6, 2)
    for markup in ("**", "](", "# ", "_finance", "> ", "- Work"):
        assert markup not in article.text
    # hard-wrapped lines are one paragraph again; the repeated headline is not part of the body
    assert "over the Elsen, ending a debate" in article.text
    assert not article.text.startswith("Council approves")
    assert "about €85 million, the council's finance committee said." in article.text


def test_html_page_main_text_and_metadata():
    article = one(FIXTURES / "page.html")
    assert article.title == "Wildfire near Pinecrest forces evacuations"
    assert article.outlet == "Mountain Ledger"
    assert article.published == date(2031, 7, 21)
    assert article.author == "Sam Okafor"
    assert article.url == "https://example.org/ledger/pinecrest-fire"
    assert "“The wind is our biggest enemy tonight,”" in article.text
    assert "Sport" not in article.text and "All rights reserved" not in article.text
    assert article.text.endswith("The cause of the fire is under investigation.")


def test_html_page_with_json_ld_metadata_and_ads_between_paragraphs():
    article = one(FIXTURES / "page_jsonld.html")
    assert (article.title, article.outlet, article.author) == ("Quake strikes coastal region", "Daily Globe", "Kei Aro")
    assert article.published == date(2031, 3, 9)  # JSON-LD datePublished, as written (not shifted to UTC)
    assert article.text.startswith("A magnitude 6.8 earthquake struck")
    for furniture in ("Advertisement", "Read more", "cookies", "Related stories", "Markets fall", "Follow us"):
        assert furniture not in article.text
    assert '"We ask residents to stay away from damaged buildings," a spokesman said.' in article.text


def test_json_array_records_use_id_or_numbered_stem():
    articles, skipped = load_articles([str(FIXTURES / "records.json")])
    assert not skipped
    by_stem = {a.stem: a for a in articles}
    assert set(by_stem) == {"wire-0193", "records-2"}
    wire = by_stem["wire-0193"]
    assert wire.outlet == "Northern Wire" and wire.url == "https://example.org/wire/0193"
    assert wire.origins == [f"{FIXTURES / 'records.json'}#1"]
    schools = by_stem["records-2"]
    assert schools.published == date(2031, 8, 5) and schools.outlet == "Halden Post"
    assert schools.text == "Schools in Halden reopened on Monday, two days after the tremor.\n\nAttendance was normal, the education office said."


def test_json_lines_skips_a_bad_line_and_keeps_the_others():
    path = FIXTURES / "records.jsonl"
    articles, skipped = load_articles([str(path)])
    assert [a.stem for a in articles] == ["a1", "a2"]
    assert [(s.input, s.reason) for s in skipped] == [(f"{path}#3", "invalid JSON")]


def test_single_json_object_and_list_under_articles_key(tmp_path):
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"headline": "Bridge reopens", "publishedAt": "2031-01-02T10:00:00Z",
                                  "content": "The bridge reopened on Friday."}), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": [{"body": "Trains ran again on Saturday."}]}), encoding="utf-8")
    articles, skipped = load_articles([str(single), str(wrapped)])
    assert not skipped
    got = {a.stem: a for a in articles}
    assert got["single"].title == "Bridge reopens" and got["single"].published == date(2031, 1, 2)
    assert got["single"].origins == [str(single)]
    assert got["wrapped-1"].origins == [f"{wrapped}#1"]


def test_rss_and_atom_entries_become_articles():
    articles, skipped = load_articles([str(FIXTURES / "feed.rss"), str(FIXTURES / "feed.atom")])
    assert not skipped
    titles = {a.title: a for a in articles}
    ferry = titles["Ferry service restored to Skerra"]
    assert ferry.outlet == "Island Gazette" and ferry.published == date(2031, 9, 16)
    assert ferry.text == ("Ferry service to Skerra resumed on Monday after a three-day suspension caused by high winds."
                          "\n\nThe operator said extra sailings would run on Wednesday.")
    assert titles["Harbour wall repairs approved"].origins == [f"{FIXTURES / 'feed.rss'}#2"]
    bridge = titles["Bridge closed for inspection"]
    assert bridge.author == "Ada Lind" and bridge.published == date(2031, 10, 2) and "<p>" not in bridge.text


def test_feed_teaser_endings_and_blog_footers_are_removed(tmp_path):
    path = tmp_path / "blog.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><item><title>Budget</title>'
        "<description><![CDATA[<p>The council approved the budget on Monday after a long debate [&#8230;]</p>"
        '<p>The post <a href="/b">Budget</a> appeared first on <a href="/">Blog</a>.</p>]]></description></item>'
        "<item><title>Power</title><description>Crews restored power on Tuesday. Continue reading &#8594;"
        "</description></item></channel></rss>", encoding="utf-8")
    articles, skipped = load_articles([str(path)])
    assert not skipped
    assert sorted(a.text for a in articles) == ["Crews restored power on Tuesday.",
                                                "The council approved the budget on Monday after a long debate"]


def test_plain_text_is_the_whole_body_without_a_date():
    article = one(FIXTURES / "plain_article.txt")
    assert article.published is None and article.title == ""
    assert article.text.startswith("Power was restored") and article.text.endswith("until Wednesday.")


def test_source_given_as_an_address_becomes_url_and_site_name(tmp_path):
    path = tmp_path / "sourced.txt"
    path.write_text("source: https://www.example.org/world/1\ndate: 2031-02-03\n\nThe port reopened.\n", encoding="utf-8")
    article = one(path)
    assert (article.outlet, article.url) == ("example.org", "https://www.example.org/world/1")


def test_leading_byline_and_timestamp_lines_become_metadata(tmp_path):
    path = tmp_path / "byline.txt"
    path.write_text("By Jane Doe and John Roe\nUpdated: 18 January 2031, 10:45 GMT\n\n"
                    "By the end of the day the bridge was closed, officials said.\n", encoding="utf-8")
    article = one(path)
    assert (article.author, article.published) == ("Jane Doe and John Roe", date(2031, 1, 18))
    assert article.text == "By the end of the day the bridge was closed, officials said."


def test_dateline_with_a_colon_is_body_not_a_header(tmp_path):
    path = tmp_path / "dateline.txt"
    path.write_text("KYIV: Officials said on Monday that power was back.\nMore text followed.\n", encoding="utf-8")
    assert one(path).text.startswith("KYIV: Officials said")


def test_folder_is_read_recursively_in_a_stable_order():
    articles, skipped = load_articles([str(FIXTURES)])
    origins = [o for a in articles for o in a.origins]
    assert len(articles) == 13 and len(set(origins)) == 13
    assert [s.input for s in skipped] == [f"{FIXTURES / 'records.jsonl'}#3"]


def test_standard_input_is_read_with_dash(monkeypatch):
    data = (FIXTURES / "header_article.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    article = one("-")
    assert article.title == "Ferry operators suspend crossings after storm warning"
    assert article.stem == "stdin"


# --- cleaning and offsets -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed_article.txt", "header_article.txt", "plain_article.txt"])
def test_cleaned_paragraphs_are_substrings_of_the_original(name):
    path = FIXTURES / name
    assert_paragraphs_in_original(one(path), path.read_text(encoding="utf-8"))


def test_corpus_paragraphs_are_substrings_of_the_original():
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    files = sorted((shared / "corpus").glob("*/*.txt")) + sorted((shared / "seeds").glob("*.txt"))
    if not files:
        pytest.skip("shared corpus not present")
    articles, skipped = load_articles([str(f) for f in files])
    assert not skipped and len(articles) == len(files)
    for article in articles:
        assert_paragraphs_in_original(article, Path(article.origins[0]).read_text(encoding="utf-8"))


def test_control_characters_and_bidi_overrides_are_removed_whitespace_normalised():
    raw = "First\u202e line\x00 with\ttabs  and\u00a0spaces.\r\n\r\n\r\nSecond\x07 para\u2066graph.\n\n\n"
    assert clean_body(raw) == "First line with tabs and spaces.\n\nSecond paragraph."


def test_boilerplate_variants_are_dropped_and_real_sentences_kept():
    raw = "\n\n".join([
        "ADVERTISEMENT", "Also Read: Ten things to know", "Click here to watch", "Subscribe to our newsletter",
        "Follow us on Twitter", "Follow Reuters on Facebook", "Share on WhatsApp", "— Advertisement —",
        "© 2031 Example Media. All rights reserved.", "Skip to main content", "Print",
        "Advertising revenue fell in the quarter.",
        "Subscribers to the service were not affected, the company said.",
        "Officials read more than 40 statements at the hearing.",
    ])
    assert clean_body(raw) == ("Advertising revenue fell in the quarter.\n\n"
                               "Subscribers to the service were not affected, the company said.\n\n"
                               "Officials read more than 40 statements at the hearing.")


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("2024-01-18", date(2024, 1, 18)), ("2024-01-18T23:30:00-05:00", date(2024, 1, 18)),
    ("18 January 2024", date(2024, 1, 18)), ("January 18, 2024", date(2024, 1, 18)),
    ("Thu, 18 Jan 2024 10:00:00 GMT", date(2024, 1, 18)), ("Jan. 18th, 2024", date(2024, 1, 18)),
    ("18/01/2024", date(2024, 1, 18)), ("01/18/2024", date(2024, 1, 18)), ("18.01.2024", date(2024, 1, 18)),
    ("03/04/2024", None), ("unknown", None), ("", None), ("2024-02-30", None), ("31 April 2024", None),
    (1705536000, date(2024, 1, 18)),
])
def test_header_dates(text, expected):
    assert parse_date(text) == expected


def test_impossible_header_date_keeps_the_article_undated(tmp_path):
    path = tmp_path / "bad_date.txt"
    path.write_text("title: A story\ndate: 2024-02-30\n\nSomething happened on Monday.\n", encoding="utf-8")
    article = one(path)
    assert article.published is None and article.title == "A story"
    seed = tmp_path / "seed_bad.txt"
    seed.write_text("date 2024-13-01 Something happened on Monday.\n", encoding="utf-8")
    assert one(seed).published is None


# --- duplicates and order ------------------------------------------------------------------


def test_syndicated_copy_is_kept_once_with_both_origins(tmp_path):
    original = FIXTURES / "header_article.txt"
    body = original.read_text(encoding="utf-8").split("\n\n", 1)[1]
    copy = tmp_path / "copy.txt"
    copy.write_text("title: Storm halts ferries\nsource: Daily Courier\ndate: unknown\n\n"
                    + body.replace(". ", ".  ") + "\nAdvertisement\n", encoding="utf-8")
    articles, skipped = load_articles([str(copy), str(original)])
    assert not skipped and len(articles) == 1
    assert sorted(articles[0].origins) == sorted([str(copy), str(original)])
    assert articles[0].published == date(2031, 5, 14)  # the dated copy is the one kept


def test_near_copy_is_merged_but_a_changed_figure_is_not():
    base = ("Rescue teams searched the collapsed market building through the night while relatives waited "
            "outside the cordon for news of the missing. The roof gave way shortly after the morning rush, when "
            "traders were setting up their stalls, witnesses said. Engineers from the city council arrived before "
            "noon and ordered the neighbouring shops to close while they checked the walls for cracks. Heavy rain "
            "over the previous week had soaked the old timber frame, a council spokesperson said, adding that an "
            "inspection had been planned for next month. Volunteers brought food and blankets to the families "
            "gathered near the cordon. At least 12 people were killed, police said.")
    articles = [Article(key=f"k{i}", stem=f"s{i}", text=t, origins=[f"o{i}"]) for i, t in enumerate([
        base, base + " The mayor visited the site in the afternoon.", base.replace("12", "15"),
        "Updated 10:45 GMT. " + base])]
    merged = merge_duplicates(articles)
    assert sorted(sorted(a.origins) for a in merged) == [["o0", "o1", "o3"], ["o2"]]
    kept = next(a for a in merged if len(a.origins) == 3)
    assert kept.text.endswith("The mayor visited the site in the afternoon.")  # the copy with most words


def test_cut_down_syndicated_copy_is_merged_but_a_short_quote_is_not():
    sentences = [
        "Envoys from both governments met in the lakeside town on Tuesday for the first talks since the border closed.",
        "The mediators said the meeting lasted late into the evening and ended without a joint statement.",
        "A spokesperson for the foreign ministry described the atmosphere as constructive but cautious.",
        "Traders on both sides of the frontier have lost business since the crossing was shut in the spring.",
        "Local officials said trucks carrying fruit and grain had been stuck at the checkpoint for weeks.",
        "Opposition politicians accused the government of moving too slowly to reopen the road.",
        "The next round of talks is expected after the national holiday, according to diplomats.",
        "Neither delegation would say whether prisoner exchanges had been discussed during the session.",
    ]
    story = " ".join(sentences)
    cut = " ".join(sentences[:5])  # a site that ran only the first part
    quote = sentences[2]
    articles = [Article(key=k, stem=k, text=t, origins=[k]) for k, t in
                [("full", story), ("cut", cut), ("quote", quote)]]
    merged = merge_duplicates(articles)
    assert sorted(sorted(a.origins) for a in merged) == [["cut", "full"], ["quote"]]
    assert next(a for a in merged if len(a.origins) == 2).text == story


def test_order_of_inputs_does_not_change_the_result(tmp_path):
    copy = tmp_path / "syndicated.txt"
    copy.write_bytes((FIXTURES / "seed_article.txt").read_bytes())
    inputs = [str(p) for p in sorted(FIXTURES.iterdir())] + [str(copy)]
    first = load_articles(inputs)
    for seed in range(3):
        shuffled = inputs[:]
        random.Random(seed).shuffle(shuffled)
        again = load_articles(shuffled)
        assert [a.model_dump() for a in again[0]] == [a.model_dump() for a in first[0]]
        assert again[1] == first[1]


def test_many_articles_dedupe_quickly():
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november".split()
    rng = random.Random(7)
    texts = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(1500)]
    articles = [Article(key=str(i), stem=str(i), text=t, origins=[str(i)]) for i, t in enumerate(texts)]
    articles.append(articles[10].model_copy(update={"origins": ["copy"]}))
    merged = merge_duplicates(articles)
    assert len(merged) == 1500
    assert any(sorted(a.origins) == ["10", "copy"] for a in merged)



def rewrites(seed: int, n: int) -> list[str]:
    """Texts that share much of their wording, the way rewrites of one wire story do (few are copies)."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(60)] + ["killed", "12", "15", "three", "élan", "naïve"]
    base = [rng.choice(vocabulary) for _ in range(120)]
    texts = []
    for _ in range(n):
        words = base[:]
        for _ in range(rng.choice([0, 1, 3, 10, 40])):  # replace, drop or insert a word
            k = rng.randrange(len(words))
            edit = rng.random()
            if edit < 0.4:
                words[k] = rng.choice(vocabulary)
            elif edit < 0.7:
                del words[k]
            else:
                words.insert(k, rng.choice(vocabulary))
        cut = rng.choice([len(words), len(words), 70, 40])  # some sites run only the first part
        texts.append(" ".join(words[:cut]))
    return texts


def test_shingles_hash_every_word_5_gram_as_utf8_text():
    words = "the naïve envoy met élan officials 12 times on tuesday".split()
    expected = {zlib.crc32(" ".join(words[i:i + 5]).encode()) for i in range(len(words) - 4)}
    assert dedupe.shingles(words) == expected
    assert dedupe.shingles(words[:3]) == {zlib.crc32(" ".join(words[:3]).encode())}
    assert dedupe.shingles([]) == frozenset()


@pytest.mark.parametrize("seed", range(4))
def test_probe_pre_check_only_turns_away_pairs_that_are_no_copies(seed):
    texts = [dedupe.Shingled(" ".join(dedupe.words_of(t))) for t in rewrites(seed, 40)]
    copies = rejected = 0
    for a in texts:
        for b in texts:
            shorter, longer = (a, b) if len(a.shingles) <= len(b.shingles) else (b, a)
            copy = dedupe.is_copy(a.shingles, b.shingles)
            copies += copy
            if not shorter.within(longer):
                rejected += 1
                assert not copy
    assert copies and rejected  # both kinds of pair were exercised



@pytest.mark.parametrize("n_words", [50, 120, 400])
def test_probe_passes_a_copy_that_misses_exactly_its_smallest_shingles(n_words):
    shorter = dedupe.Shingled(" ".join(f"w{i}" for i in range(n_words)))
    missing = len(shorter.shingles) // 10  # the most a contained copy may miss, all in the probe
    longer = dedupe.Shingled(" ".join(f"x{i}" for i in range(3 * n_words)))
    longer.shingles = frozenset(sorted(shorter.shingles)[missing:]) | longer.shingles
    assert dedupe.is_copy(shorter.shingles, longer.shingles)
    assert shorter.within(longer)
    longer.shingles -= set(sorted(longer.shingles & shorter.shingles)[:2])  # beyond the one-miss margin
    assert not dedupe.is_copy(shorter.shingles, longer.shingles) and not shorter.within(longer)

@pytest.mark.parametrize("seed", range(3))
def test_duplicate_groups_are_those_of_testing_every_candidate_pair(seed):
    texts = rewrites(seed, 60)
    articles = [Article(key=f"k{i}", stem=f"s{i:02d}", text=t, origins=[f"o{i:02d}"]) for i, t in enumerate(texts)]
    united = dedupe.unite_articles(articles)
    # The plain definition: distinct texts (in sorted order) that share a sketch value are tested, the
    # figures in the direction the pair is first met; copies are united transitively.
    fingerprints = sorted({" ".join(dedupe.words_of(t)) for t in texts})
    words = [fp.split() for fp in fingerprints]
    sets = [dedupe.shingles(w) for w in words]
    sketches = [set(sorted(s)[:dedupe.SKETCH_SIZE]) for s in sets]
    parent = list(range(len(fingerprints)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(fingerprints)):
        for j in range(i + 1, len(fingerprints)):
            if sketches[i] & sets[j] or sketches[j] & sets[i]:
                first, second = (i, j) if sketches[i] & sets[j] else (j, i)
                if dedupe.is_copy(sets[i], sets[j]) and dedupe.same_figures(words[first], words[second]):
                    parent[root(j)] = root(i)
    expected = {}
    for i, text in enumerate(texts):
        expected.setdefault(root(fingerprints.index(" ".join(dedupe.words_of(text)))), set()).add(i)
    assert sorted(map(sorted, expected.values())) == sorted(sorted(members) for _, members in united)
    assert any(len(members) > 1 for _, members in united)
    features = [dedupe.copy_features(a) for a in articles]
    assert dedupe.unite_articles(articles, features) == united  # prepared elsewhere (a worker): same result


def check_text_by_character(text: str):
    """The definition of `sources.check_text`: one category lookup per character."""
    import unicodedata

    sample = text[:20000]
    if not sample.strip():
        return None, "empty file"
    bad = sum(1 for ch in sample if (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"))
              and ch not in "\n\r\t\f\v")
    if bad > max(2, len(sample) // 10):
        return None, "binary file (not readable text)"
    return text, ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\r\x0b\x0c\x00\x1b\x1f\x7f\x85\x9f\ufffd\ue000\u0378"
                                           "\ud800\U000f0001éж\u202e")), max_size=60))
def test_check_text_gives_the_per_character_verdict(text):
    assert sources.check_text(text) == check_text_by_character(text)



def strip_invisible_by_definition(text: str) -> str:
    """The definition of `clean.strip_invisible`: line breaks unified, invisibles dropped, space runs collapsed."""
    import re

    for old, new in [("\r\n", "\n"), ("\r", "\n"), ("\x85", "\n"), ("\u2028", "\n"), ("\u2029", "\n\n"),
                     ("\x0c", "\n\n"), ("\x0b", "\n")]:
        text = text.replace(old, new)
    text = re.sub(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufeff]", "", text)
    return re.sub(r"[^\S\n]+", " ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  \n\t\r\x0b\x0c\x00\x1c\x1f\x85\xa0\u2003\u2028\u2029\u202e"
                                           "\u2066\ufeff\ud800\u3000é")), max_size=60))
def test_strip_invisible_matches_its_definition(text):
    from briefing.ingest.clean import strip_invisible

    assert strip_invisible(text) == strip_invisible_by_definition(text)

def test_check_text_rejects_mostly_control_text_beyond_the_sample_size():
    assert sources.check_text("word " * 5000)[0] is not None
    assert sources.check_text("\x01\x02\x03" * 9000)[0] is None
    assert sources.check_text("ok " * 7000 + "\x01" * 9000)[0] is not None  # only the first 20,000 characters count


# --- broken input ---------------------------------------------------------------------------


def test_broken_inputs_are_skipped_with_a_reason_and_good_ones_still_read(tmp_path):
    good = FIXTURES / "plain_article.txt"
    cases = {
        "empty.txt": b"", "blank.txt": b" \n\t\n", "image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "nul.txt": b"abc\x00\x01\x02def" * 50, "truncated.json": b'[{"text": "cut off',
        "nothing.html": b"<html><head><title>x</title></head><body><div></div></body></html>",
        "empty.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        "no_text.json": b'{"title": "only a title"}',
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    inputs = [good, tmp_path / "missing.txt", *(tmp_path / n for n in cases)]
    articles, skipped = load_articles([str(p) for p in inputs])
    assert [a.origins for a in articles] == [[str(good)]]
    got = {Path(s.input).name: s.reason for s in skipped}
    assert got["missing.txt"] == "no such file or folder"
    assert got["empty.txt"] == got["blank.txt"] == "empty file"
    assert got["image.png"].startswith("binary file") and got["nul.txt"].startswith("binary file")
    assert got["truncated.json"].startswith("invalid JSON")
    assert got["nothing.html"] == "no main text found in HTML page"
    assert got["empty.rss"].startswith("feed has no entries")
    assert "no article records" in got["no_text.json"]
    assert all("\n" not in reason for reason in got.values())


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")])
def test_other_encodings_are_decoded(tmp_path, encoding, bom):
    text = "title: Café reopens\n\nThe café on Rue Hélène reopened on Monday – “finally”, its owner said.\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(bom + text.encode(encoding))
    article = one(path)
    assert article.title == "Café reopens"
    assert article.text == "The café on Rue Hélène reopened on Monday – “finally”, its owner said."


def test_declared_charset_of_a_legacy_page_is_honoured(tmp_path):
    paragraph = "Министерство заявило в понедельник, что движение поездов восстановлено после ремонта моста."
    page = (f'<html><head><meta charset="windows-1251"><title>Мост открыт</title></head>'
            f'<body><article><p>{paragraph}</p><p>{paragraph} Ремонт занял три недели.</p></article></body></html>')
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1251"))
    article = one(path)
    assert article.title == "Мост открыт" and article.text.startswith(paragraph)


def test_news_api_style_records(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": [{
        "source": {"id": None, "name": "Harbour Wire"}, "author": "R. Vale", "title": "Strike ends",
        "description": "Dock workers ended their strike.", "publishedAt": "2031-04-05T06:07:08Z",
        "content": "Dock workers ended their strike on Friday after a pay deal was agreed, the union said… [+1843 chars]"}]}),
        encoding="utf-8")
    article = one(path)
    assert (article.outlet, article.author, article.published) == ("Harbour Wire", "R. Vale", date(2031, 4, 5))
    assert article.text == "Dock workers ended their strike on Friday after a pay deal was agreed, the union said"


def test_json_text_given_as_a_list_of_paragraphs(tmp_path):
    path = tmp_path / "paragraphs.json"
    path.write_text(json.dumps({"title": "Talks resume", "text": ["Talks resumed on Monday.", "", "Both sides attended."]}),
                    encoding="utf-8")
    assert one(path).text == "Talks resumed on Monday.\n\nBoth sides attended."


def test_latin1_bytes_undefined_in_cp1252_do_not_crash(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Grüße aus Köln.".encode("latin-1") + b"\x81\x8d more text here.")
    assert one(path).text.startswith("Grüße aus Köln.")


def test_file_over_the_size_limit_is_skipped_without_reading(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(sources.MAX_BYTES + 1)  # sparse: costs no disk
    assert reasons([big]) == {str(big): "larger than the 50 MB limit"}


def test_folder_without_articles_is_skipped(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert reasons([tmp_path])[str(tmp_path)].startswith("folder has no article files")


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("Hidden text.", encoding="utf-8")

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(sources, "open", refuse, raising=False)
    assert reasons([secret]) == {str(secret): "permission denied"}


def test_symlink_loops_are_not_followed(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.txt").write_text("Crews repaired the line on Monday.", encoding="utf-8")
    os.symlink(folder, folder / "sub" / "back_to_top")
    os.symlink(tmp_path / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", tmp_path / "b.txt")
    articles, skipped = load_articles([str(folder)])
    assert [a.origins for a in articles] == [[str(folder / "sub" / "story.txt")]]
    assert {Path(s.input).name: s.reason for s in skipped} == {"a.txt": "symbolic link loop"}


def test_undecodable_file_names_and_lone_surrogates_stay_writable(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.json"), "wb") as handle:
        handle.write(b'{"title": "T\\ud800", "text": "Crews \\udc00worked overnight."}')
    articles, skipped = load_articles([str(tmp_path)])
    assert not skipped and articles[0].text == "Crews worked overnight." and articles[0].title == "T"
    assert "\ufffd" in articles[0].origins[0] and articles[0].model_dump_json()


def test_special_file_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert reasons([fifo]) == {str(fifo): "not a regular file"}


SUFFIXES = ["", ".txt", ".md", ".json", ".jsonl", ".html", ".xml", ".rss"]
FIXTURE_BYTES = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]


@st.composite
def damaged_fixture(draw) -> bytes:
    """A fixture cut short and with a few bytes overwritten (NUL, bidi override, quotes, brackets …)."""
    data = bytearray(draw(st.sampled_from(FIXTURE_BYTES)))
    data = data[:draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from([b"\x00", b"\xe2\x80\xae", b"<", b"{", b'"', b"\n\n", b"\xff", b"---\n"]))
    return bytes(data)


HOSTILE = st.one_of(
    damaged_fixture(),
    st.binary(max_size=600),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b'{"text": 5}', b'{"text": "a \\ud800 b", "title": "\\udfff"}', b"[1, 2, {}]", b"[" * 5000,
                     b"<rss><channel><item></item>", b"**a " * 2000, b"[" * 5000 + b"](x)",
                     b"---\ntitle: x\n---\n", b"date 2024-02-30 ", b"\xff\xfe\x00", b"<html><body><p>\x00</p>",
                     b'{"articles": [{"content": "<p>hi</p>", "date": "9999-99-99"}]}']),
)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(HOSTILE, st.sampled_from(SUFFIXES)), min_size=1, max_size=3))
def test_arbitrary_bytes_never_raise_and_every_input_is_accounted_for(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    paths = []
    for i, (payload, suffix) in enumerate(data):
        path = folder / f"input{i}{suffix}"
        path.write_bytes(payload)
        paths.append(str(path))
    articles, skipped = load_articles(paths)
    used = {o.split("#")[0] for a in articles for o in a.origins} | {s.input.split("#")[0] for s in skipped}
    assert set(paths) <= used
    for article in articles:
        assert article.text.strip() and article.text == article.text.strip()
        article.model_dump_json()  # writable: no lone surrogates from JSON escapes or file names
    for item in skipped:
        assert "\n" not in item.reason and item.model_dump_json()
