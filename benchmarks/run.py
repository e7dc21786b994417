"""Speed and scale benchmark: seed briefing end to end, then per-stage figures on scaled corpora.

    .venv/bin/python benchmarks/run.py                      # seeds + 1k, 2k, 5k, 10k articles
    .venv/bin/python benchmarks/run.py --sizes 1000 --repeat 3
    .venv/bin/python benchmarks/run.py --profile-merge 10000  # where merge time goes
    .venv/bin/python benchmarks/run.py --commit HEAD          # measure a committed snapshot, not the work tree

Prints markdown tables; writes JSON to benchmarks/results/ (git-ignored). Each corpus size is
measured in a fresh child process so peak memory (ru_maxrss) belongs to that size alone.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("BRIEFING_BENCH_RESULTS") or ROOT / "benchmarks" / "results")
SEEDS = ROOT / "seeds"
BRIEFING = [sys.executable, "-m", "briefing"]
FAST_FORMATS = ["md", "html", "email", "json"]
ALL_FORMATS = FAST_FORMATS + ["pdf"]
TARGETS = {"seed_fast_s": 0.8, "seed_pdf_s": 2.0, "cli_5000_s": 30.0, "cli_5000_mb": 1024.0,
           "extract_vs_tokenize": 25.0}

sys.path.insert(0, str(ROOT / "benchmarks"))


def run_child(cmd: list[str], timeout: float = 1800) -> tuple[float, float, int]:
    """Run a command; (wall seconds, peak RSS MB of it or its largest waited-for descendant, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    err_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            print(f"  ! {' '.join(cmd[2:5])}… killed after {timeout:.0f} s", file=sys.stderr)
        time.sleep(0.01)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    err = b"".join(err_chunks).decode(errors="replace")
    if proc.returncode:
        print(f"  ! {' '.join(cmd[2:5])}… exited {proc.returncode}: {err.strip()[-300:]}", file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def median_run(cmd: list[str], repeat: int) -> dict:
    """Median wall time and max peak memory of `repeat` runs of a command."""
    runs = [run_child(cmd) for _ in range(repeat)]
    return {"median_s": statistics.median(r[0] for r in runs), "min_s": min(r[0] for r in runs),
            "peak_mb": max(r[1] for r in runs), "ok": all(r[2] == 0 for r in runs)}


def bench_seeds(repeat: int) -> dict:
    """The seed briefing as a user runs it, interpreter start included."""
    out = Path(tempfile.mkdtemp(prefix="bench-seeds-"))
    try:
        result = {
            "help": median_run(BRIEFING + ["--help"], repeat),
            "fast": median_run(BRIEFING + ["build", str(SEEDS), "-o", str(out), "-q", "-f", ",".join(FAST_FORMATS)], repeat),
            "pdf": median_run(BRIEFING + ["build", str(SEEDS), "-o", str(out), "-q", "-f", ",".join(ALL_FORMATS)], repeat),
        }
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return result


EXTRACT_STEPS = ("split_sentences", "find_actor_mentions", "find_dates", "extract_actors", "extract_events",
                 "extract_casualties", "extract_moves", "extract_reactions")
MERGE_STEPS = ("merge_actors", "merge_chronology", "merge_casualties", "merge_moves", "conflict_parties",
               "merge_reactions", "select_key_points")


class StepTimers:
    """CPU seconds spent in named functions of a module, by wrapping them where the pipeline looks them up."""

    def __init__(self, module, names):
        self.module, self.seconds = module, {}
        self.saved = {n: getattr(module, n) for n in names if hasattr(module, n)}

    def __enter__(self):
        for name, fn in self.saved.items():
            setattr(self.module, name, self._wrap(name, fn))
        return self

    def _wrap(self, name, fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - start
        return wrapper

    def __exit__(self, *exc):
        for name, fn in self.saved.items():
            setattr(self.module, name, fn)


def timed_cpu(fn) -> float:
    """CPU seconds of one call."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def timed(fn, *args, **kwargs):
    """(result, seconds) of one call."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def measure_stages(inputs: list[str], jobs: int, formats: list[str], merge_repeat: int) -> dict:
    """In-process stage timings for one corpus (called in a fresh child process)."""
    import resource

    from briefing.ingest import load_articles
    from briefing.merge import merge_findings
    from briefing.parallel import extract_all

    stats: dict = {}
    articles, skipped = timed(load_articles, inputs)[0]
    _, stats["ingest_s"] = timed(load_articles, inputs)
    texts = [a.text for a in articles]
    stats["articles"], stats["skipped"] = len(articles), len(skipped)
    stats["text_mb"] = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    word = re.compile(r"\w+")
    stats["tokenize_s"] = min(timed_cpu(lambda: [word.findall(t) for t in texts]) for _ in range(3))
    import briefing.extract
    import briefing.merge

    if jobs > 1:
        # What `analyze -j N` does, first, while this process holds only the articles as `analyze` does: the workers'
        # findings arrive as JSON lines, not validated into objects. (Forked later, from a process holding every
        # finding of the runs below, the workers would start with a far bigger heap than a user's.)
        lines, stats[f"extract_j{jobs}_json_s"] = timed(extract_json_lines, articles, jobs)
    cpu = time.process_time()
    with StepTimers(briefing.extract, EXTRACT_STEPS) as steps:
        findings, stats["extract_j1_s"] = timed(extract_all, articles, jobs=1)
    stats["extract_j1_cpu_s"] = time.process_time() - cpu
    stats["extract_steps_cpu_s"] = steps.seconds
    if jobs > 1:
        parallel, stats[f"extract_j{jobs}_s"] = timed(extract_all, articles, jobs=jobs)
        stats["parallel_identical"] = [f.model_dump() for f in parallel] == [f.model_dump() for f in findings]
        stats["parallel_json_identical"] = lines == [f.model_dump_json().encode() for f in findings]
    # CPU time against CPU time: robust when other processes share the machine.
    stats["extract_vs_tokenize"] = stats["extract_j1_cpu_s"] / max(stats["tokenize_s"], 1e-9)
    if jobs > 1:  # what a user waits for with `analyze --jobs`, against the same single-process tokenization pass
        stats[f"extract_j{jobs}_vs_tokenize"] = stats[f"extract_j{jobs}_json_s"] / max(stats["tokenize_s"], 1e-9)
    stats["findings"] = {facet: sum(len(getattr(f, facet)) for f in findings) for facet in
                         ("actors", "chronology", "casualties", "diplomatic_moves", "international_reactions")}
    cpu = time.process_time()
    with StepTimers(briefing.merge, MERGE_STEPS) as steps:
        merges = [timed(merge_findings, findings)]
    stats["merge_cpu_s"] = time.process_time() - cpu
    stats["merge_steps_cpu_s"] = steps.seconds
    while len(merges) < merge_repeat and merges[0][1] < 10:  # a slow merge is measured once
        merges.append(timed(merge_findings, findings))
    model = merges[0][0]
    stats["merge_s"] = statistics.median(m[1] for m in merges)
    stats["model"] = {facet: len(getattr(model, facet)) for facet in
                      ("sources", "actors", "chronology", "casualties", "discrepancies")}
    stats["render_s"] = {}
    out = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        from briefing.render import write_briefing
        for fmt in formats:
            try:
                written, seconds = timed(write_briefing, model, out, [fmt])
                stats["render_s"][fmt] = seconds if written else None
            except Exception as exc:  # a renderer still being built must not stop the benchmark
                stats["render_s"][fmt] = None
                stats.setdefault("render_errors", {})[fmt] = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        shutil.rmtree(out, ignore_errors=True)
    stats["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats["peak_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return stats


def extract_json_lines(articles: list, jobs: int) -> list[bytes]:
    """Findings of every article as the JSON lines `briefing analyze -j N` writes (pool start included)."""
    from briefing.parallel import extract_stream, worker_pool

    with worker_pool(jobs) as workers:
        return list(extract_stream(articles, workers, as_json=True))


def bench_cli_sharded(parts: list[Path], jobs: int, timeout: float) -> dict:
    """`briefing analyze … -j N` then `briefing merge`, as a user would run a large corpus."""
    work = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    try:
        findings = work / "findings.jsonl"
        analyze = run_child(BRIEFING + ["analyze", *map(str, parts), "--jsonl", str(findings), "-j", str(jobs), "-q"], timeout)
        merge = run_child(BRIEFING + ["merge", str(findings), "-o", str(work / "model.json")], timeout)
        return {"analyze_s": analyze[0], "merge_s": merge[0], "total_s": analyze[0] + merge[0],
                "peak_mb": max(analyze[1], merge[1]), "ok": analyze[2] == 0 and merge[2] == 0,
                "findings_mb": findings.stat().st_size / 1e6 if findings.exists() else None}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_digest(parts: list[Path], jobs: int, timeout: float) -> dict:
    """`briefing digest … -j N`: group a mixed pile into situations and build every briefing and the digest."""
    work = Path(tempfile.mkdtemp(prefix="bench-digest-"))
    try:
        wall, peak, code = run_child(BRIEFING + ["digest", *map(str, parts), "-o", str(work / "out"), "-j", str(jobs),
                                                 "-q"], timeout)
        situations = sum(1 for d in (work / "out").iterdir() if d.is_dir()) if (work / "out").exists() else 0
        return {"wall_s": wall, "peak_mb": peak, "ok": code == 0, "situations": situations}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def corpus_parts(size: int, seed: int) -> list[Path]:
    """Folders of a generated corpus of `size` articles (cached under results/corpora)."""
    from scale_corpus import ensure_corpus
    return ensure_corpus(size, RESULTS / "corpora" / f"n{size}-s{seed}", seed)


def one_size(args) -> None:
    """Child-process mode: measure one corpus and print its JSON."""
    inputs = [str(SEEDS)] if args.one == "seeds" else [str(p) for p in corpus_parts(int(args.one), args.seed)]
    formats = [f for f in args.formats.split(",") if f != "pdf" or args.one == "seeds" or int(args.one) <= args.pdf_max]
    print(json.dumps(measure_stages(inputs, args.jobs, formats, args.merge_repeat)))


def profile_merge(size: int, seed: int, top: int = 25) -> None:
    """cProfile of merge_findings on `size` articles, top functions by cumulative and own time."""
    import cProfile
    import pstats

    from briefing.ingest import load_articles
    from briefing.merge import merge_findings
    from briefing.parallel import extract_all

    articles, _ = load_articles([str(p) for p in corpus_parts(size, seed)])
    findings = extract_all(articles, jobs=2)
    profiler = cProfile.Profile()
    profiler.runcall(merge_findings, findings)
    for key in ("cumulative", "tottime"):
        print(f"\n### merge_findings on {size} articles, by {key}\n```")
        pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats(key).print_stats(top)
        print("```")


def fmt_s(value) -> str:
    """Seconds for a table cell."""
    return "–" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"


def print_tables(report: dict, jobs: int) -> None:
    """The markdown report on stdout."""
    seeds = report.get("seeds")
    if seeds:
        print("### Seed briefing, end to end (interpreter start included, median)\n")
        print("| command | median s | min s | peak MB | target |\n|---|---|---|---|---|")
        print(f"| `briefing --help` | {fmt_s(seeds['help']['median_s'])} | {fmt_s(seeds['help']['min_s'])} | {seeds['help']['peak_mb']:.0f} | |")
        for key, label, target in (("fast", "md,html,email,json", "seed_fast_s"), ("pdf", "md,html,email,json,pdf", "seed_pdf_s")):
            r = seeds[key]
            verdict = ("ok" if r["median_s"] <= TARGETS[target] else "OVER") if r["ok"] else "FAILED"
            print(f"| `briefing build seeds -f {label}` | {fmt_s(r['median_s'])} | {fmt_s(r['min_s'])} | {r['peak_mb']:.0f} | < {TARGETS[target]} s {verdict} |")
        print()
    rows = report.get("stages", {})
    if rows:
        formats = sorted({f for r in rows.values() for f in r.get("render_s", {})}, key=ALL_FORMATS.index)
        print(f"### Stages (in-process; extract at -j1 and -j{jobs}; render of the merged model)\n")
        head = ["articles", "MB", "ingest s", "tokenize s", "extract j1 s", "art/s j1", "MB/s j1",
                f"extract j{jobs} s", f"analyze j{jobs} s", "× tokenize (j1 CPU)", f"× tokenize (analyze j{jobs} wall)", "merge s"] + [f"render {f} s" for f in formats] + ["peak MB", "worker MB"]
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
        for name, r in rows.items():
            if "timeout_s" in r:
                print(f"| {name} | timed out after {r['timeout_s']:.0f} s |" + " |" * (len(head) - 2))
                continue
            ex = r["extract_j1_s"]
            cells = [f"{r['articles']}" + (" (seeds)" if name == "seeds" else ""), f"{r['text_mb']:.2f}", fmt_s(r["ingest_s"]),
                     fmt_s(r["tokenize_s"]), fmt_s(ex), f"{r['articles'] / ex:.0f}", f"{r['text_mb'] / ex:.2f}",
                     fmt_s(r.get(f"extract_j{jobs}_s")), fmt_s(r.get(f"extract_j{jobs}_json_s")), f"{r['extract_vs_tokenize']:.1f}",
                     f"{r[f'extract_j{jobs}_vs_tokenize']:.1f}" if f"extract_j{jobs}_vs_tokenize" in r else "–",
                     fmt_s(r["merge_s"])]
            cells += [fmt_s(r.get("render_s", {}).get(f)) for f in formats]
            cells += [f"{r['peak_mb']:.0f}", f"{r['peak_worker_mb']:.0f}"]
            print("| " + " | ".join(cells) + " |")
        print()
        measured = {k: v for k, v in rows.items() if "timeout_s" not in v}
        print("### Where extraction time goes (CPU ms per article, -j1) and merge time (CPU s)\n")
        head = ["articles"] + [f"x:{n}" for n in EXTRACT_STEPS] + [f"m:{n}" for n in MERGE_STEPS]
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
        for name, r in measured.items():
            x, m = r.get("extract_steps_cpu_s", {}), r.get("merge_steps_cpu_s", {})
            cells = [f"{r['articles']}"] + [f"{1000 * x[n] / r['articles']:.1f}" if n in x else "–" for n in EXTRACT_STEPS]
            cells += [fmt_s(m.get(n)) for n in MERGE_STEPS]
            print("| " + " | ".join(cells) + " |")
        print()
        sizes = [(int(k), v) for k, v in measured.items() if k != "seeds"]
        if len(sizes) > 1:
            print("### Merge scaling (CPU time ratio ÷ size ratio; about 1 is linear, 2 is quadratic)\n")
            print("| from → to | merge CPU s | ratio | normalised | worst step (normalised) |\n|---|---|---|---|---|")
            for (_, a), (_, b) in zip(sizes, sizes[1:]):
                n1, n2 = a["articles"], b["articles"]
                ratio = b.get("merge_cpu_s", b["merge_s"]) / max(a.get("merge_cpu_s", a["merge_s"]), 1e-9)
                steps = {k: b["merge_steps_cpu_s"][k] / max(v, 1e-9) / (n2 / n1)
                         for k, v in a.get("merge_steps_cpu_s", {}).items()
                         if k in b.get("merge_steps_cpu_s", {}) and v > 0.05 * a.get("merge_cpu_s", 0)}
                worst = max(steps.items(), key=lambda kv: kv[1], default=None)
                print(f"| {n1} → {n2} | {fmt_s(a.get('merge_cpu_s'))} → {fmt_s(b.get('merge_cpu_s'))} | {ratio:.2f} | {ratio / (n2 / n1):.2f} | "
                      + (f"{worst[0]} {worst[1]:.2f}" if worst else "–") + " |")
            print()
    cli = report.get("cli", {})
    if cli:
        print(f"### `briefing analyze -j{jobs}` + `briefing merge` (separate processes)\n")
        print("| articles | analyze s | merge s | total s | peak MB | findings MB | target |\n|---|---|---|---|---|---|---|")
        for size, r in cli.items():
            target = ""
            if int(size) == 5000:
                good = r["ok"] and r["total_s"] < TARGETS["cli_5000_s"] and r["peak_mb"] < TARGETS["cli_5000_mb"]
                target = f"< 30 s, < 1 GB {'ok' if good else 'MISSED'}"
            print(f"| {size} | {fmt_s(r['analyze_s'])} | {fmt_s(r['merge_s'])} | {fmt_s(r['total_s'])} | "
                  f"{r['peak_mb']:.0f} | {r['findings_mb'] or 0:.1f} | {target} |")
        print()


def print_digest_table(report: dict, jobs: int) -> None:
    """The digest rows of the markdown report, when digests were timed."""
    digest = report.get("digest", {})
    if digest:
        print(f"### `briefing digest -j{jobs}` (a mixed pile grouped into situations, every briefing and the digest)\n")
        print("| articles | wall s | peak MB | situations |\n|---|---|---|---|")
        for size, r in digest.items():
            cells = [fmt_s(r["wall_s"]), f"{r['peak_mb']:.0f}", str(r["situations"])] if r["ok"] else ["FAILED", "", ""]
            print(f"| {size} | " + " | ".join(cells) + " |")
        print()


def run_snapshot(rev: str, argv: list[str]) -> int:
    """Re-run this benchmark on `git archive REV` (others' uncommitted edits do not disturb it)."""
    commit = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    base = Path(tempfile.gettempdir()) / f"briefing-bench-{commit}"
    tree = base / ROOT.name
    if not tree.exists():
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        shutil.copytree(tree / "templates", tree / "briefing" / "templates", dirs_exist_ok=True)
    if not (base / "shared").exists() and (ROOT.parent / "shared").exists():
        (base / "shared").symlink_to(ROOT.parent / "shared")
    env = {**os.environ, "PYTHONPATH": str(tree), "BRIEFING_BENCH_RESULTS": str(RESULTS)}
    print(f"… measuring commit {commit} from {tree}", file=sys.stderr)
    return subprocess.run([sys.executable, str(tree / "benchmarks" / "run.py"), *argv], env=env, cwd=tree).returncode


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000", help="comma-separated corpus sizes ('' for none)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel runs (default 2)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each seed command (median reported)")
    parser.add_argument("--merge-repeat", type=int, default=3, help="merge runs per size (median reported)")
    parser.add_argument("--formats", default=",".join(ALL_FORMATS), help="formats rendered per size")
    parser.add_argument("--pdf-max", type=int, default=200, help="render PDF only for corpora up to this size")
    parser.add_argument("--seed", type=int, default=0, help="corpus scaler seed")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed per corpus size and per CLI run")
    parser.add_argument("--no-seeds", action="store_true", help="skip the end-to-end seed runs")
    parser.add_argument("--no-cli", action="store_true", help="skip the analyze+merge CLI runs")
    parser.add_argument("--digest", default="", metavar="SIZES",
                        help="also time `briefing digest -jN` on these corpus sizes (comma-separated; slow)")
    parser.add_argument("--profile-merge", type=int, metavar="N", help="only profile merge on N articles")
    parser.add_argument("--commit", metavar="REV", help="measure a snapshot of this commit instead of the work tree")
    parser.add_argument("--tables", type=Path, metavar="JSON", help="only print the tables of a saved report")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.commit:
        argv = sys.argv[1:]
        i = argv.index("--commit")
        sys.exit(run_snapshot(args.commit, argv[:i] + argv[i + 2:]))
    if args.one:
        return one_size(args)
    if args.tables:
        report = json.loads(args.tables.read_text())
        print_tables(report, report.get("jobs", args.jobs))
        return print_digest_table(report, report.get("jobs", args.jobs))
    if args.profile_merge:
        return profile_merge(args.profile_merge, args.seed)
    # Byte-compiled as an installed package is: a stale or missing .pyc (PYTHONDONTWRITEBYTECODE, edits since the
    # last run) would add the compile time of every changed module to each timed start-up.
    compileall.compile_dir(ROOT / "briefing", quiet=1)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    report: dict = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "jobs": args.jobs,
                    "cpus": os.cpu_count(), "python": sys.version.split()[0], "stages": {}, "cli": {},
                    "load_average_start": os.getloadavg()}
    try:
        report["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                          text=True).stdout.strip()
    except OSError:
        pass
    if not args.no_seeds:
        report["seeds"] = bench_seeds(args.repeat)
    for name in ["seeds"] + [str(n) for n in sizes]:
        if name != "seeds":
            corpus_parts(int(name), args.seed)  # generate outside the measured child
        print(f"… measuring {name}", file=sys.stderr)
        try:
            child = subprocess.run([sys.executable, __file__, "--one", name, "--jobs", str(args.jobs),
                                    "--seed", str(args.seed), "--formats", args.formats, "--pdf-max", str(args.pdf_max),
                                    "--merge-repeat", str(args.merge_repeat)],
                                   capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"  ! stage run for {name} exceeded {args.timeout} s; larger sizes skipped", file=sys.stderr)
            report["stages"][name] = {"timeout_s": args.timeout}
            break
        if child.returncode:
            print(f"  ! stage run for {name} failed: {child.stderr.strip()[-500:]}", file=sys.stderr)
            continue
        report["stages"][name] = json.loads(child.stdout.strip().splitlines()[-1])
        if name != "seeds" and not args.no_cli:
            report["cli"][name] = bench_cli_sharded(corpus_parts(int(name), args.seed), args.jobs, args.timeout)
        save_report(report, partial=True)
    for size in [int(n) for n in args.digest.split(",") if n.strip()]:
        print(f"… digest of {size}", file=sys.stderr)
        report.setdefault("digest", {})[str(size)] = bench_digest(corpus_parts(size, args.seed), args.jobs, args.timeout)
        save_report(report, partial=True)
    report["load_average_end"] = os.getloadavg()
    print_tables(report, args.jobs)
    print_digest_table(report, args.jobs)
    print(f"Load average at start {report['load_average_start'][0]:.1f}, at end {report['load_average_end'][0]:.1f} "
          f"({report['cpus']} CPUs): wall times are inflated when other work shares the machine; "
          "'× tokenize' and the step table use CPU time.")
    save_report(report)
    print(f"JSON: {RESULTS / 'latest.json'}", file=sys.stderr)


def save_report(report: dict, partial: bool = False) -> None:
    """Write the report JSON (also after each size, so an interrupted run keeps what it measured)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = report["started"].replace(":", "").replace("-", "")[:15]
    names = [RESULTS / f"bench-{stamp}.json"] + ([] if partial else [RESULTS / "latest.json"])
    for path in names:
        path.write_text(json.dumps({**report, "partial": partial}, indent=1) + "\n")


if __name__ == "__main__":
    main()
