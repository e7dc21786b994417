"""Scale: parallel and sharded runs give exactly the single-run model; the CLI starts without heavy imports."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.findings_io import read_findings_jsonl
from briefing.ingest import load_articles
from briefing.model import ArticleFindings
from briefing.parallel import extract_all
from conftest import CORPUS, ROOT, SEEDS

HEAVY_MODULES = ("weasyprint", "trafilatura", "dateparser", "feedparser", "lxml", "css_inline")


def article_files(tmp_path: Path) -> list[Path]:
    """At least 24 distinct article files: the corpus and seeds when present, plus varied seed copies."""
    files = sorted(CORPUS.glob("*/*.txt")) if CORPUS.is_dir() else []
    files += sorted(SEEDS.glob("*.txt"))
    extra = tmp_path / "varied"
    extra.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(max(0, 24 - len(files))):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        # A distinct body (so a distinct article), still a realistic one.
        path = extra / f"v{i:02d}.txt"
        path.write_text(text.rstrip() + f"\n\nOfficials said {i + 3} more people were hurt on Friday.\n", encoding="utf-8")
        files.append(path)
    return files


def model_without_timestamp(path: Path) -> dict:
    """A model JSON file as a dict, minus the only field that legitimately differs between runs."""
    model = json.loads(path.read_text(encoding="utf-8"))
    model.pop("generated_at")
    return model


def test_parallel_extraction_equals_in_process_and_reports_progress(tmp_path):
    articles, _ = load_articles([str(p) for p in article_files(tmp_path)])
    assert len(articles) >= 16, "too few articles to exercise the process pool"
    calls: list[tuple[int, int]] = []
    parallel = extract_all(articles, jobs=2, progress=lambda done, total: calls.append((done, total)))
    serial = extract_all(articles, jobs=1)
    assert [f.model_dump() for f in parallel] == [f.model_dump() for f in serial]
    assert [f.article.key for f in parallel] == [a.key for a in articles]
    assert calls and calls[-1] == (len(articles), len(articles))
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)



def mixed_inputs(tmp_path: Path) -> list[str]:
    """Articles in every format, copies of one another across files, and inputs that are skipped."""
    files = article_files(tmp_path)
    extra = tmp_path / "mixed"
    extra.mkdir()
    for fixture in sorted((ROOT / "tests" / "fixtures" / "ingest").iterdir()):
        shutil.copy(fixture, extra / fixture.name)
    shutil.copy(files[0], extra / "syndicated.txt")  # an exact copy
    (extra / "updated.txt").write_text(files[1].read_text(encoding="utf-8") + "\nUpdated at noon.\n",
                                       encoding="utf-8")  # a near copy
    (extra / "empty.txt").write_text("\n", encoding="utf-8")
    (extra / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    return [str(p) for p in files] + [str(extra), str(tmp_path / "missing.txt")]


def test_ingest_in_workers_equals_load_articles(tmp_path, monkeypatch):
    from briefing.parallel import ingest_all, worker_pool

    inputs = mixed_inputs(tmp_path)
    monkeypatch.setattr("briefing.parallel.FILES_PER_CHUNK", 3)  # many reading tasks, even for a few files
    single = load_articles(inputs)
    with worker_pool(2) as workers:
        parallel = ingest_all(inputs, workers)
        assert workers.executor is not None, "the files were not read by workers"
    assert [a.model_dump() for a in parallel[0]] == [a.model_dump() for a in single[0]]
    assert parallel[1] == single[1] and single[1]
    assert any(len(a.origins) > 1 for a in single[0])


def test_analyze_with_jobs_writes_the_same_lines_as_one_process(tmp_path, monkeypatch):
    inputs = mixed_inputs(tmp_path)
    monkeypatch.setattr("briefing.parallel.FILES_PER_CHUNK", 4)
    assert main(["analyze", *inputs, "--jsonl", str(tmp_path / "j1.jsonl"), "-q", "-j", "1"]) == 0
    assert main(["analyze", *inputs, "--jsonl", str(tmp_path / "j2.jsonl"), "-q", "-j", "2"]) == 0
    lines = (tmp_path / "j1.jsonl").read_text(encoding="utf-8")
    assert (tmp_path / "j2.jsonl").read_text(encoding="utf-8") == lines
    assert lines.count('{"skipped"') >= 3


def test_ordered_results_keep_submission_order_whatever_finishes_first():
    from briefing.parallel import ordered_results, worker_pool

    with worker_pool(2) as workers:
        chunks = [[0.3, 1], [0.0, 2], [0.2, 3], [0.0, 4]]  # (delay, value): later chunks finish first
        pool = workers.pool(100)
        assert [r for result in ordered_results(pool, delayed_values, chunks) for r in result] == [1, 2, 3, 4]


def test_workers_start_only_for_enough_articles():
    from briefing.parallel import worker_pool

    with worker_pool(4) as workers:
        assert workers.pool(15) is None and workers.executor is None  # one worker would do
        assert workers.pool(24) is not None and workers.jobs == 3  # no more workers than 8 articles each
        assert workers.pool(5) is workers.executor  # once started, the pool serves every later task


@pytest.mark.parametrize("n, jobs", [(1, 2), (20, 2), (4552, 2), (1000, 3)])
def test_chunks_cover_the_articles_in_order_and_shrink_towards_the_end(n, jobs):
    from briefing.parallel import MAX_CHUNK, guided_chunks

    sizes = [len(c) for c in guided_chunks(range(n), jobs)]
    assert [i for c in guided_chunks(range(n), jobs) for i in c] == list(range(n))
    assert sizes == sorted(sizes, reverse=True) and max(sizes) <= MAX_CHUNK
    assert sizes[-1] == 1  # the last task is one article: no worker waits on a long final chunk
    if n >= 1000:
        assert max(sizes) == MAX_CHUNK and sum(s == MAX_CHUNK for s in sizes) * MAX_CHUNK > n // 2


def delayed_values(chunk: list) -> list:
    """Worker task for the order test: sleep, then return the value."""
    import time

    time.sleep(chunk[0])
    return [chunk[1]]


def test_jobs_2_gives_the_same_model_as_jobs_1(tmp_path):
    inputs = [str(p) for p in article_files(tmp_path)]
    assert main(["extract", *inputs, "-o", str(tmp_path / "j1.json"), "-q", "--jobs", "1"]) == 0
    assert main(["extract", *inputs, "-o", str(tmp_path / "j2.json"), "-q", "-j", "2"]) == 0
    assert model_without_timestamp(tmp_path / "j1.json") == model_without_timestamp(tmp_path / "j2.json")


def test_sharded_analyze_and_merge_equals_single_extract(tmp_path):
    files = article_files(tmp_path)
    # A syndicated copy in another shard: the same article must come out once, with both origins.
    copy = tmp_path / "copy" / "syndicated.txt"
    copy.parent.mkdir()
    shutil.copy(files[0], copy)
    # Two copies of one story whose metadata complete each other: the united article has both.
    seed_text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    body = re.sub(r"^\s*date\s+\S+\s+", "", seed_text)
    half_a, half_b = tmp_path / "copy" / "a_undated.txt", tmp_path / "copy" / "b_dated.txt"
    half_a.write_text("title: Strikes across the border\nsource: Wire A\n\n" + body, encoding="utf-8")
    half_b.write_text("source: Wire B\ndate: 2024-01-18\n\n" + body, encoding="utf-8")
    shards = [files[i::3] for i in range(3)]
    shards[1] += [copy, half_a]  # files[0] is in shard 0
    shards[2].append(half_b)
    ordered = [f for shard in shards for f in shard]
    assert main(["extract", *map(str, ordered), "-o", str(tmp_path / "single.json"), "-q"]) == 0
    jsonls = []
    for i, shard in enumerate(shards):
        jsonls.append(tmp_path / f"shard{i}.jsonl")
        assert main(["analyze", *map(str, shard), "--jsonl", str(jsonls[-1]), "-q", "-j", str(1 + i % 2)]) == 0
    assert main(["merge", *map(str, jsonls), "-o", str(tmp_path / "merged.json")]) == 0
    single = model_without_timestamp(tmp_path / "single.json")
    assert model_without_timestamp(tmp_path / "merged.json") == single
    # Shards joined into one file (`cat`) still share articles: they are united all the same.
    joined = tmp_path / "joined.jsonl"
    joined.write_text("".join(p.read_text(encoding="utf-8") for p in jsonls), encoding="utf-8")
    assert main(["merge", str(joined), "-o", str(tmp_path / "joined.json")]) == 0
    assert model_without_timestamp(tmp_path / "joined.json") == single
    united = [s for s in single["sources"] if str(copy) in s["origins"]]
    assert len(united) == 1 and str(files[0]) in united[0]["origins"]
    halves = [s for s in single["sources"] if str(half_a) in s["origins"]]
    assert len(halves) == 1 and str(half_b) in halves[0]["origins"]
    assert halves[0]["published"] == "2024-01-18" and halves[0]["title"] == "Strikes across the border"


def test_analyze_writes_one_findings_line_per_article_and_merge_reads_them(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    out = tmp_path / "f.jsonl"
    assert main(["analyze", str(SEEDS), str(empty), "--jsonl", str(out)]) == 0
    assert "empty.txt" in capsys.readouterr().err
    lines = out.read_text(encoding="utf-8").splitlines()
    findings, skipped = read_findings_jsonl(out)
    # One line per article, one per skipped input, and the trailer counting the (already united) articles.
    assert len(findings) == len(list(SEEDS.glob("*.txt"))) == len(lines) - 2
    assert json.loads(lines[-1]) == {"united": {"articles": len(findings)}}
    for line in lines[:len(findings)]:
        ArticleFindings.model_validate_json(line)
    assert [s.input for s in skipped] == [str(empty)]
    assert not list(tmp_path.glob(".f.jsonl*")), "temporary file left behind"
    assert main(["merge", str(out), "-o", str(tmp_path / "m.json"), "--title", "Shard test"]) == 0
    model = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert model["title"] == "Shard test"
    assert {s["stem"] for s in model["sources"]} == {p.stem for p in SEEDS.glob("*.txt")}
    assert [s["input"] for s in model["skipped"]] == [str(empty)]


def test_merge_skips_duplicate_detection_only_for_one_file_ingest_already_united(tmp_path, monkeypatch):
    import briefing.findings_io as findings_io

    out = tmp_path / "f.jsonl"
    assert main(["analyze", str(SEEDS), "--jsonl", str(out), "-q"]) == 0
    calls = []
    real = findings_io.unite_duplicates
    monkeypatch.setattr(findings_io, "unite_duplicates", lambda f: calls.append(1) or real(f))
    findings_io.load_findings([out])
    assert calls == []
    cut = tmp_path / "cut.jsonl"  # a line removed: the trailer no longer counts the file's articles
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    cut.write_text("".join(lines[1:]), encoding="utf-8")
    findings_io.load_findings([cut])
    findings_io.load_findings([out, out])
    assert calls == [1, 1]


def test_merge_rejects_a_malformed_findings_file_with_its_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": {"key": "x"}}\n', encoding="utf-8")
    assert main(["merge", str(bad), "-o", str(tmp_path / "m.json")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and "Traceback" not in err
    assert not (tmp_path / "m.json").exists()


def imported_after(code: str) -> set[str]:
    """Top-level module names imported by running `code` in a fresh interpreter."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_help_does_not_import_heavy_modules():
    loaded = imported_after("from briefing.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not loaded & set(HEAVY_MODULES), sorted(loaded & set(HEAVY_MODULES))
    assert "briefing" in loaded


def test_build_without_pdf_does_not_import_heavy_modules(tmp_path):
    code = (f"from briefing.cli import main\n"
            f"assert main(['build', {str(SEEDS)!r}, '-o', {str(tmp_path)!r}, '-q', '-f', 'md,html,email,json']) == 0")
    loaded = imported_after(code)
    heavy = {"weasyprint", "trafilatura", "dateparser", "feedparser"}
    assert not loaded & heavy, sorted(loaded & heavy)
    assert any(tmp_path.iterdir()), "build wrote nothing"


@pytest.mark.parametrize("jobs", ["0", "3"])
def test_jobs_option_accepts_auto_and_more_workers_than_articles(tmp_path, jobs):
    assert main(["extract", str(SEEDS), "-o", str(tmp_path / "m.json"), "-q", "-j", jobs]) == 0
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))["sources"]
