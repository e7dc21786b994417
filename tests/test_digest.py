"""Digest: a mixed pile grouped into the right situations, order-independent, with 'new since last time'."""
from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import subprocess
from collections import Counter
from datetime import date, datetime, timezone
from email import message_from_bytes, policy
from math import comb
from pathlib import Path

import pytest

from briefing.delivery import run_digest, watch
from briefing.grouping import date_factor, group_articles
from briefing.ingest import load_articles
from briefing.model import Casualty, Citation, ChronologyEntry, SituationModel, Source
from briefing.state import SituationState, diff_models, load_state, save_state

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def adjusted_rand_index(labels_true: list, labels_pred: list) -> float:
    """ARI (Hubert & Arabie): 1.0 for identical partitions, about 0 for chance agreement."""
    n = len(labels_true)
    pairs = Counter(zip(labels_true, labels_pred))
    sum_cells = sum(comb(v, 2) for v in pairs.values())
    sum_true = sum(comb(v, 2) for v in Counter(labels_true).values())
    sum_pred = sum(comb(v, 2) for v in Counter(labels_pred).values())
    expected = sum_true * sum_pred / comb(n, 2)
    maximum = (sum_true + sum_pred) / 2
    return 1.0 if maximum == expected else (sum_cells - expected) / (maximum - expected)


def test_adjusted_rand_index_sanity():
    assert adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) < 0.1


@pytest.fixture
def situation_files() -> dict[str, list[Path]]:
    """Every corpus folder's .txt files plus the seeds, keyed by situation; skips without ../shared."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir() or not (SHARED / "seeds").is_dir():
        pytest.skip("../shared corpus/seeds not present")
    folders = sorted(p for p in corpus.iterdir() if p.is_dir()) + [SHARED / "seeds"]
    return {f.name: sorted(f.glob("*.txt")) for f in folders}


def mix_into(folder: Path, situation_files: dict[str, list[Path]], skip: set[Path] = frozenset()) -> dict[str, str]:
    """Copy all articles into one flat folder under content-hash names (no folder names leak); name → situation."""
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for situation, files in situation_files.items():
        for f in files:
            if f in skip:
                continue
            name = hashlib.sha1(f.read_bytes()).hexdigest()[:12] + ".txt"
            shutil.copy(f, folder / name)
            truth[name] = situation
    return truth


def test_mixed_pile_splits_into_the_true_situations(tmp_path, situation_files):
    truth = mix_into(tmp_path / "pile", situation_files)
    articles, _ = load_articles([tmp_path / "pile"])
    groups = group_articles(articles)
    predicted = {Path(o).name: gi for gi, g in enumerate(groups) for a in g for o in a.origins}
    names = sorted(truth)
    assert len(groups) == len(situation_files)
    assert adjusted_rand_index([truth[n] for n in names], [predicted[n] for n in names]) == 1.0


def test_each_situation_alone_stays_one_group(situation_files):
    for situation, files in situation_files.items():
        articles, _ = load_articles(files)
        assert len(group_articles(articles)) == 1, situation


def test_grouping_ignores_input_order(tmp_path, situation_files):
    mix_into(tmp_path / "pile", situation_files)
    articles, _ = load_articles([tmp_path / "pile"])
    reference = [[a.key for a in g] for g in group_articles(articles)]
    for seed in range(5):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert [[a.key for a in g] for g in group_articles(shuffled)] == reference


def test_shuffled_inputs_and_worker_processes_give_identical_files(tmp_path, situation_files):
    mix_into(tmp_path / "pile", situation_files)
    files = sorted(str(p) for p in (tmp_path / "pile").iterdir())
    outputs = []
    for seed in (1, 2):
        random.Random(seed).shuffle(files)
        run_digest(list(files), tmp_path / f"out{seed}", now=NOW, jobs=seed)  # the second run in 2 processes
        outputs.append({p.relative_to(tmp_path / f"out{seed}").as_posix(): p.read_bytes()
                        for p in sorted((tmp_path / f"out{seed}").rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert {"digest.html", "digest.md", "digest.email.html", "digest.eml"} <= set(outputs[0])


def test_far_apart_dates_damp_similarity():
    assert date_factor(date(2020, 1, 1), date(2020, 1, 15)) == 1.0
    assert date_factor(date(2019, 2, 14), date(2024, 1, 18)) < 0.001
    assert date_factor(None, date(2024, 1, 18)) == 1.0


def test_digest_files_and_email_constraints(tmp_path, situation_files):
    mix_into(tmp_path / "pile", situation_files)
    digest, _ = run_digest([str(tmp_path / "pile")], tmp_path / "out", now=NOW)
    out = tmp_path / "out"
    page = (out / "digest.html").read_text()
    assert "<style>" in page and "<link" not in page and "<script" not in page  # self-contained
    assert "&#34;" not in page.split("</style>")[0]  # the stylesheet is not HTML-escaped
    for section in digest.sections:
        assert section.link and (out / section.link).is_file()  # full briefing beside the digest
        assert f'href="{section.link}"' in page
    scores = [s.importance for s in digest.sections]
    assert scores == sorted(scores, reverse=True)
    email_html = (out / "digest.email.html").read_text()
    assert len(email_html.encode()) < 100_000
    assert "<table" in email_html and 'style="' in email_html and "<style" not in email_html
    assert 'class="preheader"' in email_html
    message = message_from_bytes((out / "digest.eml").read_bytes(), policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert digest.sections[0].headline in message.get_body(("plain",)).get_content()
    assert len((out / "digest.eml").read_bytes()) < 100_000


def test_new_article_shows_up_and_only_what_it_adds(tmp_path, situation_files):
    situation = sorted(situation_files)[0]
    held_out = situation_files[situation][-1]
    mix_into(tmp_path / "pile", situation_files, skip={held_out})
    state = tmp_path / "state"
    first, _ = run_digest([str(tmp_path / "pile")], tmp_path / "out", state_dir=state, now=NOW)
    assert all(s.changes.new_situation for s in first.sections)
    before = load_state(state)

    mix_into(tmp_path / "pile", {situation: [held_out]})
    second, _ = run_digest([str(tmp_path / "pile")], tmp_path / "out", state_dir=state, now=NOW)
    assert {s.id for s in second.sections} == {s.id for s in first.sections}  # same situations, same ids
    changed = [s for s in second.sections if not s.changes.empty]
    assert len(changed) == 1
    section = changed[0]
    model = load_state(state)[section.id].model
    new_ids = section.changes.new_sources
    assert [next(s for s in model.sources if s.id == i).stem for i in new_ids] == [
        hashlib.sha1(held_out.read_bytes()).hexdigest()[:12]]
    old_model = before[section.id].model
    old_events = {(e.date, e.text) for e in old_model.chronology}
    for item in section.changes.events + section.changes.reactions + section.changes.moves:
        assert set(item.sources) <= set(new_ids)
    for event in section.changes.events:
        assert (event.date, event.text) not in old_events
    for figure in section.changes.figures:
        assert figure.old != figure.new
    markdown = (tmp_path / "out" / "digest.md").read_text()
    assert markdown.count("New since last time") == 1

    third, _ = run_digest([str(tmp_path / "pile")], tmp_path / "out", state_dir=state, now=NOW)
    assert all(s.changes.empty for s in third.sections)  # nothing new the second time round


def test_next_day_pile_without_old_articles_continues_the_same_situations(tmp_path, situation_files):
    day_one = {k: files[: (len(files) + 1) // 2] for k, files in situation_files.items()}
    day_two = {k: files[(len(files) + 1) // 2:] for k, files in situation_files.items()}
    state = tmp_path / "state"
    mix_into(tmp_path / "one", day_one)
    mix_into(tmp_path / "two", day_two)
    first, _ = run_digest([str(tmp_path / "one")], tmp_path / "out1", state_dir=state, now=NOW)
    second, _ = run_digest([str(tmp_path / "two")], tmp_path / "out1", state_dir=state, now=NOW)
    assert len(second.sections) == len(situation_files)
    assert {s.id for s in second.sections} <= {s.id for s in first.sections}  # matched by names, not articles
    assert not any(s.changes.new_situation for s in second.sections)
    for s in second.sections:
        assert len(s.changes.new_sources) == s.source_count  # every article today is new
        assert [p.name for p in (tmp_path / "out1" / s.slug).glob("*.html")] == [Path(s.link).name]


def tiny_model(count: int, stem: str) -> SituationModel:
    """A one-source model with one killed figure."""
    quote = f"{count} people were killed"
    cite = Citation(source="S1", quote=quote, start=0, end=len(quote))
    return SituationModel(
        title="T", generated_at=NOW.isoformat(), sources=[Source(id="S1", stem=stem)],
        chronology=[ChronologyEntry(date=date(2030, 1, 1), text=quote, citations=[cite])],
        casualties=[Casualty(count=count, outcome="killed", figure=str(count), citations=[cite])])


def test_changed_figures_show_old_and_new_with_sources():
    old = SituationState(id="s1", slug="t", article_keys=["a"], source_keys={"S1": "a"}, model=tiny_model(7, "a"))
    new = tiny_model(7, "a")
    quote = "9 people were killed"
    cite = Citation(source="S2", quote=quote, start=0, end=len(quote))
    new.sources.append(Source(id="S2", stem="b"))
    new.casualties.append(Casualty(count=9, outcome="killed", figure="9", citations=[cite]))
    changes = diff_models(old, new, {"S1": "a", "S2": "b"})
    assert changes.new_sources == ["S2"]
    assert [(f.outcome, f.old, f.new, f.sources) for f in changes.figures] == [("killed", "7", "7; 9", ["S2"])]
    assert changes.events == []  # the only event is already known
    # An article an earlier run filed under another situation is not news here either.
    assert diff_models(old, new, {"S1": "a", "S2": "b"}, frozenset({"b"})).new_sources == []


def test_interrupted_state_write_keeps_previous_state(tmp_path, monkeypatch):
    states = {f"s{i}": SituationState(id=f"s{i}", slug=f"t{i}", article_keys=[str(i)], model=tiny_model(i, str(i)))
              for i in range(3)}
    save_state(tmp_path, states)
    updated = {k: v.model_copy(update={"article_keys": v.article_keys + ["x"]}) for k, v in states.items()}
    import briefing.state as state_module
    calls = {"n": 0}
    real = state_module.write_text_atomic

    def failing(path, text):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(path, text)
    monkeypatch.setattr(state_module, "write_text_atomic", failing)
    with pytest.raises(KeyboardInterrupt):
        save_state(tmp_path, updated)
    assert {k: v.article_keys for k, v in load_state(tmp_path).items()} == {k: v.article_keys for k, v in states.items()}


def test_old_situation_is_not_continued_by_a_similar_story_years_later(tmp_path, situation_files):
    seeds = situation_files["seeds"]
    state = tmp_path / "state"
    mix_into(tmp_path / "then", {"seeds": seeds[:1]})
    later = tmp_path / "later"
    later.mkdir()
    text = seeds[1].read_text(encoding="utf-8")
    (later / "later.txt").write_text(re.sub(r"\d{4}-\d{2}-\d{2}", "2031-06-01", text, count=1), encoding="utf-8")
    first, _ = run_digest([str(tmp_path / "then")], tmp_path / "out", state_dir=state, now=NOW)
    same_time, _ = run_digest([str(tmp_path / "then"), str(seeds[1])], tmp_path / "out2", now=NOW)
    assert len(same_time.sections) == 1  # published together, the two reports are one story
    second, _ = run_digest([str(later)], tmp_path / "out", state_dir=state, now=NOW)
    assert second.sections[0].changes.new_situation


def test_state_forgets_situations_unseen_for_a_month(tmp_path, situation_files):
    names = sorted(situation_files)
    mix_into(tmp_path / "a", {names[0]: situation_files[names[0]]})
    mix_into(tmp_path / "b", {names[1]: situation_files[names[1]]})
    state = tmp_path / "state"
    run_digest([str(tmp_path / "a")], tmp_path / "out", state_dir=state, now=NOW)
    run_digest([str(tmp_path / "b")], tmp_path / "out", state_dir=state, now=NOW.replace(day=20))
    assert len(load_state(state)) == 2  # the first story is still remembered after 19 days
    run_digest([str(tmp_path / "b")], tmp_path / "out", state_dir=state, now=NOW.replace(month=3))
    assert len(load_state(state)) == 1


def test_damaged_state_is_a_one_line_error(tmp_path, situation_files, capsys):
    from briefing.cli import main

    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "index.json").write_text("{not json")
    code = main(["digest", str(situation_files["seeds"][0]), "-o", str(tmp_path / "out"), "--state", str(tmp_path / "state")])
    assert code == 2 and "unreadable digest state" in capsys.readouterr().err


def test_watch_rebuilds_only_when_articles_arrive(tmp_path, situation_files):
    situation = sorted(situation_files)[-1]
    pile = tmp_path / "pile"
    mix_into(pile, {situation: situation_files[situation][:1]})
    options = dict(out_dir=tmp_path / "out", state_dir=tmp_path / "state", now=NOW)
    assert watch(pile, 1, once=True, **options) == 1
    assert watch(pile, 1, once=True, **options) == 0
    mix_into(pile, {situation: situation_files[situation][1:]})
    assert watch(pile, 1, once=True, **options) == 1
    assert json.loads((tmp_path / "state" / "index.json").read_text())["situations"]


CHROMIUM = Path("/usr/bin/chromium")
# Headless Chromium will not open a window narrower than 500 px, so the page goes in a 375 px iframe.
FRAME = """<html><body style="margin:0"><iframe id="f" src="%s" style="width:375px;height:800px;border:0"></iframe>
<script>document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument.documentElement;
  var w = this.contentWindow.innerWidth;
  document.body.setAttribute('data-measure', d.scrollWidth + 'x' + d.clientWidth + 'x' + w);
});</script></body></html>"""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_email_has_no_horizontal_scroll_at_375px(tmp_path, situation_files):
    mix_into(tmp_path / "pile", situation_files)
    run_digest([str(tmp_path / "pile")], tmp_path / "out", now=NOW)
    for name in ("digest.email.html", "digest.html"):
        frame = tmp_path / "out" / f"frame-{name}"
        frame.write_text(FRAME % name)
        result = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
             "--window-size=800,900", "--virtual-time-budget=3000", "--dump-dom", frame.as_uri()],
            capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-500:]
        assert 'data-measure="' in result.stdout, f"{name} did not load"
        measured = result.stdout.split('data-measure="', 1)[1].split('"', 1)[0]
        scroll_width, client_width, viewport = map(int, measured.split("x"))
        assert viewport == 375
        assert scroll_width <= client_width, f"{name} scrolls sideways at 375 px: {scroll_width}px"
