"""Deterministic corpus scaler: N realistic articles derived from ../shared/corpus and the seeds.

Each generated article keeps the lede and part of a real article, weaves in paragraphs from sibling
articles of the same situation, and varies people's names, places, numbers and dates with a seeded
RNG (same arguments → byte-identical files). About 2% are syndicated copies (same body,
another outlet) so de-duplication is exercised too. Files go to OUT/part-NNN/ in groups of 500, ready
to be sharded by folder.

    python benchmarks/scale_corpus.py 5000 benchmarks/results/corpora/n5000 [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PART_SIZE = 500

# General world knowledge for substitution pools (benchmark data only; never used by extraction).
CITIES = [
    "Kyiv", "Lviv", "Kharkiv", "Odesa", "Moscow", "Tehran", "Baghdad", "Erbil", "Islamabad", "New Delhi",
    "Srinagar", "Karachi", "Lahore", "Baku", "Yerevan", "Stepanakert", "Ankara", "Istanbul", "Beirut",
    "Damascus", "Amman", "Cairo", "Riyadh", "Doha", "Dubai", "Kabul", "Tbilisi", "Minsk", "Warsaw",
    "Berlin", "Paris", "London", "Brussels", "Geneva", "Vienna", "Washington", "New York", "Beijing",
    "Tokyo", "Seoul", "Nairobi", "Addis Ababa", "Khartoum", "Tripoli", "Tunis", "Algiers", "Rabat",
    "Caracas", "Bogota", "Lima", "Jakarta", "Manila", "Hanoi", "Bangkok", "Dhaka", "Colombo",
]
FIRST_SYLLABLES = ["al", "an", "bo", "da", "el", "fa", "ga", "ha", "i", "ja", "ka", "le", "ma", "na",
                   "o", "pa", "ra", "sa", "ta", "va", "ya", "za", "mi", "ro", "lu", "se", "di", "ke"]
LAST_SYLLABLES = ["ov", "ski", "ian", "ani", "ez", "son", "berg", "ev", "ko", "ar", "ini", "ur", "ell",
                  "ada", "uk", "enko", "oglu", "adze", "ić", "ley", "ton", "man", "vic", "ra"]
# Capitalised words that start institutions, titles or places rather than people's names.
NOT_NAMES = set("""
The A An In On At Of For And But Or By From To With As After Before During Since Under Over Into
President Prime Minister Ministry Foreign Defence Defense Office Secretary General Council Security
United States Nations Union European National Army Air Force Navy Guard Guards Revolutionary Islamic
Republic Kingdom Federation Government State Department House White High Commissioner Commission
Ambassador Embassy Spokesman Spokeswoman Chief Commander Supreme Leader Deputy Vice Senior Police
Central Reserve North South East West Northern Southern Eastern Western New Saint St Mount Lake River
Sea Gulf Bridge Line Control International Committee Red Cross Crescent Agency News Press Times Post
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Middle Kremlin Pentagon Parliament Assembly Iranian
Indian Pakistani Russian Ukrainian American Iraqi Armenian Azerbaijani Turkish British French German
Chinese Israeli Kashmir Crimea Crimean Baluch Baloch Twitter Telegram Reuters Associated
""".split())
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NAME_PAIR = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z][a-z]{2,})\b")
MONTH_ABBR = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# Integers, but not parts of times, decimals, ISO dates or a day written before its month.
NUMBER = re.compile(r"(?<![\d.,:/-])\b(\d{1,3}(?:,\d{3})+|\d+)\b(?![.,:/-]?\d)(?!\s+(?:" + MONTH_ABBR + r"))")
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b")
HEADER_DATE = re.compile(r"^(date:\s*|\s*date\s+)(\d{4})-(\d{2})-(\d{2})", re.MULTILINE)


def base_articles(shared: Path = SHARED) -> list[tuple[str, str, str]]:
    """(situation, stem, raw text) of every base article: corpus .txt files and the seeds."""
    found = []
    for f in sorted((shared / "corpus").glob("*/*.txt")):
        found.append((f.parent.name, f.stem, f.read_text(encoding="utf-8")))
    for f in sorted((shared / "seeds").glob("*.txt")):
        found.append(("seeds", f.stem, f.read_text(encoding="utf-8")))
    if not found:
        raise SystemExit(f"no base articles under {shared}/corpus or {shared}/seeds")
    return found


def made_up_name(rng: random.Random, syllables: list[str], parts: int) -> str:
    """A pronounceable, capitalised name from syllables."""
    return "".join(rng.choice(syllables) for _ in range(parts)).capitalize()


class Variation:
    """One article's consistent substitutions: the same name or place is replaced the same way throughout."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: dict[str, str] = {}
        self.places = dict(zip(CITIES, rng.sample(CITIES, len(CITIES))))
        self.year_shift = rng.randint(-6, 6)
        self.day_shift = rng.randint(-20, 20)

    def _name(self, word: str, first: bool) -> str:
        if word not in self.names:
            syl = FIRST_SYLLABLES if first else FIRST_SYLLABLES[:10]
            self.names[word] = made_up_name(self.rng, syl, self.rng.randint(2, 3)) + (
                "" if first else self.rng.choice(LAST_SYLLABLES))
        return self.names[word]

    def _number(self, m: re.Match) -> str:
        raw = m.group(1)
        n = int(raw.replace(",", ""))
        if 1900 <= n <= 2100 and "," not in raw:
            return str(n + self.year_shift)
        if n <= 1:
            return raw
        new = self.rng.randint(max(2, n // 2), n * 2 + 1)
        return f"{new:,}" if "," in raw else str(new)

    def _month_day(self, m: re.Match) -> str:
        month, day = MONTHS.index(m.group(1)) + 1, int(m.group(2))
        try:
            shifted = date(2001, month, day) + timedelta(days=self.day_shift)
        except ValueError:
            return m.group(0)
        return f"{MONTHS[shifted.month - 1]} {shifted.day}"

    def _header_date(self, m: re.Match) -> str:
        y, mo, d = int(m.group(2)), int(m.group(3)), int(m.group(4))
        shifted = date(y + self.year_shift, mo, min(d, 28)) + timedelta(days=self.day_shift)
        return f"{m.group(1)}{shifted.isoformat()}"

    def apply(self, text: str) -> str:
        """Vary people, places, dates and numbers in `text`."""
        for first, last in NAME_PAIR.findall(text):
            if first not in NOT_NAMES and last not in NOT_NAMES and f"{first} {last}" not in CITIES:
                self._name(first, True), self._name(last, False)
        if self.names:
            text = re.sub(r"\b(" + "|".join(map(re.escape, sorted(self.names, key=len, reverse=True))) + r")\b",
                          lambda m: self.names[m.group(1)], text)
        text = re.sub(r"\b(" + "|".join(map(re.escape, sorted(CITIES, key=len, reverse=True))) + r")\b",
                      lambda m: self.places[m.group(1)], text)
        text = HEADER_DATE.sub(self._header_date, text)
        text = MONTH_DAY.sub(self._month_day, text)
        head, sep, body = text.partition("\n\n") if text.startswith("title:") else ("", "", text)
        return head + sep + NUMBER.sub(self._number, body)


def split_header(raw: str) -> tuple[str, str]:
    """(header block including the blank line, body); the header is empty for seed-format articles."""
    if raw.startswith("title:"):
        head, _, body = raw.partition("\n\n")
        return head + "\n\n", body
    return "", raw


def make_article(index: int, bases: list[tuple[str, str, str]], rng: random.Random) -> tuple[str, str]:
    """(file stem, text) of generated article `index`."""
    situation, stem, raw = bases[rng.randrange(len(bases))]
    header, body = split_header(raw)
    lede, *rest = body.strip().split("\n\n")
    # Keep the lede and a random part of the rest, then weave in sibling paragraphs: articles built
    # from one base differ as much as real reports of one event do (not near copies of each other).
    paragraphs = [lede] + [p for p in rest if rng.random() < 0.6]
    siblings = [b for b in bases if b[0] == situation and b[1] != stem]
    target = rng.randint(1200, 4000)
    while siblings and sum(map(len, paragraphs)) < target:
        extra = split_header(rng.choice(siblings)[2])[1].strip().split("\n\n")
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(extra))
    if header:
        header = re.sub(r"^url:\s*(\S+)", lambda m: f"url: {m.group(1)}?v={index}", header, flags=re.MULTILINE)
    text = Variation(rng).apply(header + "\n\n".join(paragraphs) + "\n")
    return f"{index:05d}_{situation}_{stem.split('_', 1)[-1]}", text


def generate(n: int, out: Path, seed: int = 0, shared: Path = SHARED) -> list[Path]:
    """Write `n` articles under `out` (replacing it); returns the part folders."""
    bases = base_articles(shared)
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    written: list[tuple[str, str]] = []
    for i in range(n):
        if written and rng.random() < 0.02:
            stem, text = written[rng.randrange(len(written))]
            text = re.sub(r"^source:\s*(.*)$", lambda m: f"source: {m.group(1)} (syndicated)", text,
                          count=1, flags=re.MULTILINE)
            stem = f"{i:05d}_copy_of_{stem[:5]}"
        else:
            stem, text = make_article(i, bases, rng)
        written.append((stem, text))
        part = out / f"part-{i // PART_SIZE:03d}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"{stem}.txt").write_text(text, encoding="utf-8")
    return sorted(p for p in out.iterdir() if p.is_dir())


def ensure_corpus(n: int, out: Path, seed: int = 0) -> list[Path]:
    """Generate the corpus unless an identical one (same n and seed) is already there."""
    stamp = out / ".stamp"
    want = f"n={n} seed={seed} v=2"
    if not (stamp.exists() and stamp.read_text() == want):
        generate(n, out, seed)
        stamp.write_text(want)
    return sorted(p for p in out.iterdir() if p.is_dir())


def main() -> None:
    """Command line: generate N articles into OUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed (default 0)")
    args = parser.parse_args()
    parts = generate(args.n, args.out, args.seed)
    size = sum(f.stat().st_size for p in parts for f in p.iterdir())
    print(f"{args.n} articles, {size / 1e6:.1f} MB in {len(parts)} parts under {args.out}")


if __name__ == "__main__":
    main()
