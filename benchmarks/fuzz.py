"""Fuzz the pipeline: mutated and generated inputs through ingest, extract and merge (and render for a sample).

Inputs start from the seeds, ../shared/corpus and the ingest test fixtures, then are mutated (bit flips,
truncation, splicing, byte insertion, re-encoding, hostile payloads) or wrapped in random JSON / JSON Lines /
HTML / RSS / Atom / front-matter structures. Each case is 1–4 files in a scratch folder, run in-process.

Reported:
  crashes  an exception escaping the pipeline (or a render) — traceback and inputs saved under
           benchmarks/results/fuzz-crashes/<case>/
  lost     an input that is neither among any source's origins nor skipped (inputs saved the same way)
  broken   invariant failures: a citation quote that is not `text[start:end]`, active markup in HTML/Markdown
  hangs    a case over --case-timeout seconds

  .venv/bin/python benchmarks/fuzz.py --count 10000 --seconds 300 [--seed 0] [--jobs 2] [--render-every 20]

Deterministic: case N is the same for a given --seed whatever --jobs (the time bound can only stop it earlier). Exit code 1 when
anything was found.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

from briefing.extract import extract_article  # noqa: E402
from briefing.ingest import load_articles  # noqa: E402
from briefing.merge import merge_findings  # noqa: E402

SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".html", ".htm", ".xml", ".rss", ".atom", "", ".csv", ".TXT"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1",
             "shift_jis", "koi8-r", "gb18030", "mac_roman", "cp437"]
PAYLOADS = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(1)", "{{ 7*7 }}", "{% for x in range(9) %}X{% endfor %}", "{{ config }}", "a | b | c",
    "[x](javascript:alert(1))", "![x](file:///etc/passwd)", "<link rel=stylesheet href=http://127.0.0.1:9/x.css>",
    "url(file:///etc/passwd)", "\u202e\u2066", "\x00\x01\x1b[31m", "\ud800", "\r\n\r\nBcc: x@example.org",
    "A" * 20000, "../../etc/passwd", "]]>", "<![CDATA[", "<!--", "&#0;&#xD800;&#1114112;", "\\u0000",
    "---\n", "title: x\n", "date 9999-99-99 ", '"}]', "\u2028\u2029\x85", "٣٤ قتيلا", "𝟙𝟚 killed",
    "1" * 400 + " killed", "killed " * 300, "(" * 3000, "at least " * 200 + "9 killed",
]


def load_seeds() -> list[bytes]:
    """Seed material: the project's seeds, the shared corpus and the ingest fixtures."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "ingest").iterdir())
    if (SHARED / "corpus").is_dir():
        paths += sorted(p for p in (SHARED / "corpus").glob("*/*.txt"))
    return [p.read_bytes() for p in paths if p.is_file()]


# --- mutators -----------------------------------------------------------------------------------

def bit_flips(rng: random.Random, data: bytes) -> bytes:
    """Flip a few random bits."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def truncate(rng: random.Random, data: bytes) -> bytes:
    """Cut at a random byte (possibly mid-character, mid-tag, mid-string)."""
    return data[:rng.randint(0, len(data))]


def splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """Head of one input glued to the tail of another."""
    return data[:rng.randint(0, len(data))] + other[rng.randint(0, len(other)):]


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    """Random bytes or a payload dropped at random places."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(buf))
        chunk = (bytes(rng.randrange(256) for _ in range(rng.randint(1, 12))) if rng.random() < 0.4
                 else rng.choice(PAYLOADS).encode("utf-8", "surrogatepass"))
        buf[at:at] = chunk
    return bytes(buf)


def reencode(rng: random.Random, data: bytes) -> bytes:
    """The text in another encoding (what it cannot represent becomes ? or is dropped)."""
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(ENCODINGS), rng.choice(["replace", "ignore"]))


def hostile(rng: random.Random, data: bytes) -> bytes:
    """Payloads inserted at sentence or line boundaries, where extraction will quote them."""
    text = data.decode("utf-8", "replace")
    cuts = [m.end() for m in re.finditer(r"[.\n] ", text)] or [len(text)]
    for _ in range(rng.randint(1, 4)):
        at = rng.choice(cuts)
        text = text[:at] + rng.choice(PAYLOADS) + " " + text[at:]
    return text.encode("utf-8", "surrogatepass")


def as_text(data: bytes) -> str:
    """Bytes as text for structured wrappers."""
    return data.decode("utf-8", "replace")


def random_value(rng: random.Random, depth: int = 0):
    """A random JSON value (for metadata fields and junk records)."""
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False, 0, -1, 1e308, 2**70, float("nan") if rng.random() < 0.1 else 1.5])
    if kind in (2, 3, 4):
        return rng.choice(PAYLOADS + ["", "2031-05-14", "yesterday", "Mon, 14 May 2031 10:00:00 GMT", "Herald"])
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["name", "title", "text", "body", "url", "x"]): random_value(rng, depth + 1)
            for _ in range(rng.randint(0, 3))}


def json_record(rng: random.Random, body: str) -> dict:
    """One article-like JSON record with random metadata (sometimes hostile, sometimes wrong types)."""
    keys = ["title", "source", "url", "date", "author", "publishedAt", "outlet", "id", "summary", "content"]
    record = {rng.choice(["text", "body", "content", "article", "description", "Text"]): body}
    for key in rng.sample(keys, rng.randint(0, len(keys))):
        record[key] = random_value(rng) if rng.random() < 0.5 else rng.choice(PAYLOADS)
    if rng.random() < 0.2:
        record[rng.choice(["text", "body"])] = random_value(rng)
    return record


def wrap_json(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """A JSON object, list or `{"articles": [...]}` envelope around one or two bodies."""
    records = [json_record(rng, as_text(data)), json_record(rng, as_text(other))][:rng.randint(1, 2)]
    shape = rng.randrange(4)
    doc = records[0] if shape == 0 else records if shape == 1 else {
        rng.choice(["articles", "items", "data", "results"]): records + [random_value(rng)] * (shape == 3)}
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5, allow_nan=True).encode("utf-8", "surrogatepass")


def wrap_jsonl(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """JSON Lines, with the occasional broken or non-object line."""
    lines = [json.dumps(json_record(rng, as_text(d))) for d in (data, other)]
    if rng.random() < 0.5:
        lines.insert(rng.randint(0, len(lines)), rng.choice(['{"text": "cut', "[]", "null", "{}", "  "]))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def escape_markup(text: str) -> str:
    """Text escaped for HTML/XML (sometimes deliberately not)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap_html(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """A web page: paragraphs in <article> or bare divs, with scripts, styles and navigation around."""
    text = as_text(data)
    paras = "".join(f"<p>{escape_markup(p) if rng.random() < 0.8 else p}</p>" for p in text.split("\n\n") if p)
    head = rng.choice(["", '<meta charset="koi8-r">', "<title>" + rng.choice(PAYLOADS) + "</title>",
                       '<meta property="og:site_name" content="' + rng.choice(PAYLOADS) + '">',
                       '<script type="application/ld+json">' + json.dumps({"@type": "NewsArticle",
                        "headline": rng.choice(PAYLOADS), "datePublished": str(random_value(rng))}) + "</script>"])
    body = rng.choice([f"<article>{paras}</article>", f"<div>{paras}</div>", paras,
                       f"<nav>{paras}</nav><script>{text[:200]}</script>"])
    page = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    return page.encode("utf-8", "surrogatepass")


def wrap_feed(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """An RSS or Atom feed with one or two entries (content escaped, in CDATA, or raw)."""
    def content(d: bytes) -> str:
        t = as_text(d)
        return rng.choice([escape_markup(t), f"<![CDATA[{t}]]>", t])
    if rng.random() < 0.5:
        items = "".join(f"<item><title>{escape_markup(rng.choice(PAYLOADS))}</title><link>{rng.choice(PAYLOADS)}"
                        f"</link><pubDate>{random_value(rng)}</pubDate><description>{content(d)}</description></item>"
                        for d in (data, other)[:rng.randint(1, 2)])
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode("utf-8", "surrogatepass")
    entries = "".join(f"<entry><title>{escape_markup(rng.choice(PAYLOADS))}</title><content type='html'>"
                      f"{content(d)}</content></entry>" for d in (data, other)[:rng.randint(1, 2)])
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{entries}</feed>'.encode("utf-8", "surrogatepass")


def wrap_header(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """A `key: value` header block or Markdown front matter with hostile values."""
    fields = "".join(f"{k}: {rng.choice(PAYLOADS + ['2031-05-14', 'Herald'])}\n"
                     for k in rng.sample(["title", "source", "url", "date", "author"], rng.randint(1, 5)))
    fields = fields.replace("\n\n", "\n")
    framed = f"---\n{fields}---\n\n" if rng.random() < 0.5 else f"{fields}\n"
    return framed.encode("utf-8", "surrogatepass") + data


MUTATORS = [bit_flips, truncate, insert_bytes, reencode, hostile]
WRAPPERS = [wrap_json, wrap_jsonl, wrap_html, wrap_feed, wrap_header]


def make_input(rng: random.Random, seeds: list[bytes]) -> tuple[bytes, str]:
    """One fuzzed input and its file suffix."""
    data = rng.choice(seeds)
    if rng.random() < 0.3:
        data = data[:rng.randint(200, 4000)]  # small inputs keep cases fast
    if rng.random() < 0.25:
        data = splice(rng, data, rng.choice(seeds))
    if rng.random() < 0.45:
        data = rng.choice(WRAPPERS)(rng, data, rng.choice(seeds))
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        data = rng.choice(MUTATORS)(rng, data)
    if rng.random() < 0.03:
        data = rng.choice([b"", b"\x00" * 100, bytes(rng.randrange(256) for _ in range(300)), b"[" * 10000,
                           b"{" * 5000, b"<a>" * 5000, b"\xef\xbb\xbf", b"\xff\xfe"])
    suffix = rng.choice(SUFFIXES)
    return data, suffix


# --- checks -------------------------------------------------------------------------------------

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "link", "img", "base", "form", "frame", "meta"}
URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "srcset", "background", "poster", "data"}


class ActiveMarkup(HTMLParser):
    """Collects active markup: dangerous tags, on* handlers, links that are not in-page or http(s)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        """Check one start tag and its attributes."""
        attrs = dict(attrs)
        if tag in ACTIVE_TAGS and not (tag == "meta" and (attrs.get("http-equiv") or "").lower()
                                       in ("", "content-security-policy")):
            self.found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in URL_ATTRS and value and not (value.startswith("#") or re.match(r"https?://", value)):
                self.found.append(f"{name}={value[:60]!r}")


def active_markup(html: str) -> list[str]:
    """Active markup in an HTML page (empty when inert)."""
    parser = ActiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def check_case(paths: list[str], render: bool, stats: dict) -> list[tuple[str, str]]:
    """Run one case; a list of (kind, detail) problems (exceptions propagate to the caller)."""
    problems = []
    articles, skipped = load_articles(paths)
    stats["articles"] += len(articles)
    stats["skipped"] += len(skipped)
    accounted = {o.split("#")[0] for a in articles for o in a.origins} | {s.input.split("#")[0] for s in skipped}
    for path in paths:
        if path not in accounted:
            problems.append(("lost", f"{Path(path).name}: neither an article origin nor skipped"))
    if not articles:
        return problems
    findings = [extract_article(a) for a in articles]
    texts = {a.key: a.text for a in articles}
    for f in findings:
        for facet in ("actors", "chronology", "casualties", "diplomatic_moves", "international_reactions"):
            for item in getattr(f, facet):
                for c in item.citations:
                    if texts[f.article.key][c.start:c.end] != c.quote:
                        problems.append(("broken", f"{facet}: quote {c.quote[:60]!r} is not text[{c.start}:{c.end}]"))
    model = merge_findings(findings, skipped=skipped)
    sourced = {o.split("#")[0] for s in model.sources for o in s.origins} | {s.input.split("#")[0]
                                                                           for s in model.skipped}
    for path in paths:
        if path in accounted and path not in sourced:
            problems.append(("lost", f"{Path(path).name}: read but not among the model's sources or skipped"))
    model.model_dump_json()
    if render:
        from briefing.render.html import render_html
        from briefing.render.markdown import render_markdown
        found = active_markup(render_html(model))
        if found:
            problems.append(("broken", f"html: active markup {found[:5]}"))
        md = render_markdown(model)
        if re.search(r"(?<!\\)<(?:script|img|iframe)\b|(?<![\\\]])\]\((?!<?https?://)", md, re.IGNORECASE):
            problems.append(("broken", "markdown: raw HTML or a non-http link"))
    return problems


class Hang(Exception):
    """A case ran longer than the per-case limit."""


def on_alarm(signum, frame):
    raise Hang()


def save_case(folder: Path, paths: list[str], detail: str) -> Path:
    """Copy a failing case's inputs and the traceback or problem into `folder`."""
    digest = hashlib.sha1(b"".join(Path(p).read_bytes() for p in paths)).hexdigest()[:12]
    target = folder / digest
    target.mkdir(parents=True, exist_ok=True)
    for p in paths:
        shutil.copyfile(p, target / Path(p).name)
    (target / "problem.txt").write_text(detail, encoding="utf-8")
    return target


def run_case(job: tuple) -> dict:
    """Generate and check one case in a scratch folder; a dict of counts, problems and timing."""
    case, args = job
    rng = random.Random(f"{args.seed}-{case}")  # per case, so --jobs does not change the cases
    stats = {"articles": 0, "skipped": 0}
    folder = Path(tempfile.mkdtemp(prefix=f"briefing-fuzz-{case}-"))
    try:
        paths = []
        for i in range(rng.choice([1, 1, 2, 3, 4])):
            data, suffix = make_input(rng, SEEDS)
            path = folder / f"in{i}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        render = args.render_every > 0 and case % args.render_every == 0
        t0 = time.monotonic()
        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(args.case_timeout)
        try:
            problems = check_case(paths, render, stats)
        except Hang:
            problems = [("hangs", f"over {args.case_timeout}s")]
        except Exception:  # noqa: BLE001 - any exception is a finding
            problems = [("crashes", traceback.format_exc())]
        finally:
            signal.alarm(0)
        elapsed = time.monotonic() - t0
        found = []
        for kind, detail in problems:
            where = save_case(args.crashes, paths, f"{kind}\n{detail}")
            found.append((kind, f"case {case}: {kind}: {detail.strip().splitlines()[-1][:200]} -> {where}"))
        return dict(case=case, inputs=len(paths), rendered=int(render), seconds=elapsed, found=found, **stats)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


SEEDS: list[bytes] = []


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; returns 1 if anything was found."""
    import multiprocessing

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="Cases to run (each 1-4 inputs).")
    parser.add_argument("--seconds", type=float, default=300, help="Stop starting new cases after this many seconds.")
    parser.add_argument("--seed", type=int, default=0, help="Random seed (same seed, same cases).")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="Worker processes (cases do not depend on it).")
    parser.add_argument("--render-every", type=int, default=20, help="Also render md/html for every Nth case.")
    parser.add_argument("--case-timeout", type=int, default=30, help="Seconds before a case counts as a hang.")
    parser.add_argument("--crashes", type=Path, default=RESULTS / "fuzz-crashes", help="Where failing cases go.")
    args = parser.parse_args(argv)

    SEEDS[:] = load_seeds()
    counts = {"cases": 0, "inputs": 0, "articles": 0, "skipped": 0, "crashes": 0, "lost": 0, "broken": 0,
              "hangs": 0, "rendered": 0}
    found: list[str] = []
    started = time.monotonic()
    slowest = (0.0, -1)

    def jobs():
        for case in range(args.count):
            if time.monotonic() - started > args.seconds:
                return
            yield case, args

    if args.jobs > 1:
        pool = multiprocessing.get_context("fork").Pool(args.jobs)
        results = pool.imap_unordered(run_case, jobs(), chunksize=4)
    else:
        pool, results = None, map(run_case, jobs())
    try:
        for result in results:
            counts["cases"] += 1
            for key in ("inputs", "articles", "skipped", "rendered"):
                counts[key] += result[key]
            slowest = max(slowest, (result["seconds"], result["case"]))
            for kind, line in result["found"]:
                counts[kind] += 1
                found.append(line)
                print(line, flush=True)
    finally:
        if pool:
            pool.close()
            pool.join()
    counts["seconds"] = round(time.monotonic() - started, 1)
    counts["slowest_case_seconds"] = round(slowest[0], 2)
    counts["slowest_case"] = slowest[1]
    print(json.dumps(counts))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "fuzz-latest.json").write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                                          **counts, "found": sorted(found)}, indent=1) + "\n")
    return 1 if counts["crashes"] or counts["lost"] or counts["broken"] or counts["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
