"""Input expansion and reading: files, folders (recursive, sorted, loop-safe), standard input, decoding."""
from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from briefing.model import Skipped

MAX_BYTES = 50 * 1024 * 1024
# Files picked up when walking a folder; files named explicitly are read whatever their extension.
FOLDER_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl",
                   ".ndjson", ".xml", ".rss", ".atom"}
# Repository documentation that sits beside articles in a folder but is never one.
DOC_STEMS = {"readme", "license", "licence", "changelog", "changes", "contributing", "authors", "copying",
             "notice", "code_of_conduct", "security", "citation"}
MAGIC = [  # signatures of common binary formats, for a clearer reason than "binary file"
    (b"%PDF", "PDF document"), (b"PK\x03\x04", "ZIP archive or office document"), (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"), (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "executable"), (b"MZ", "executable"), (b"\xd0\xcf\x11\xe0", "legacy office document"),
    (b"RIFF", "media file"), (b"OggS", "media file"), (b"ID3", "audio file"), (b"SQLite format 3", "database"),
]


@dataclass(frozen=True)
class RawInput:
    """One readable input: its label (used as origin), name stem, extension and bytes."""

    label: str
    stem: str
    suffix: str
    data: bytes


@dataclass(frozen=True)
class FileToRead:
    """An input file found but not read yet: whichever process parses it reads it (`read_file`)."""

    path: str


def iter_inputs(paths: Iterable[str | Path], defer_reading: bool = False
                ) -> Iterator[RawInput | FileToRead | Skipped]:
    """Yield every input file's bytes, or a Skipped naming the problem; folders are walked in sorted order.

    With `defer_reading`, files are yielded as `FileToRead` (standard input is still read here).
    """
    for raw in paths:
        label = str(raw)
        if label == "-":
            yield read_stdin()
            continue
        try:
            info = os.stat(label)
        except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
            yield Skipped(input=printable(label), reason=os_reason(exc, label) if isinstance(exc, OSError)
                          else "invalid path")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walk_folder(label, defer_reading)
        else:
            yield FileToRead(label) if defer_reading else read_file(label, info)


def walk_folder(root: str, defer_reading: bool = False) -> Iterator[RawInput | FileToRead | Skipped]:
    """Every article-like file under `root` (hidden entries skipped, symlinked folders followed once)."""
    problems: list[Skipped] = []
    seen = {os.path.realpath(root)}
    files: list[str] = []

    def on_error(exc: OSError) -> None:
        problems.append(Skipped(input=printable(str(exc.filename or root)), reason=os_reason(exc)))

    for folder, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=True):
        kept = []
        for name in sorted(dirnames):
            real = os.path.realpath(os.path.join(folder, name))
            if not name.startswith(".") and real not in seen:  # a folder seen before: a link loop or alias
                seen.add(real)
                kept.append(name)
        dirnames[:] = kept
        files.extend(os.path.join(folder, name) for name in filenames
                     if not name.startswith(".") and Path(name).suffix.lower() in FOLDER_SUFFIXES)
    yield from problems
    if not files and not problems:
        yield Skipped(input=printable(root), reason="folder has no article files (.txt, .md, .html, .json, .jsonl, .xml …)")
    for path in sorted(files, key=lambda p: Path(p).parts):
        if Path(path).stem.lower() in DOC_STEMS:
            yield Skipped(input=printable(path), reason="documentation file (README, LICENSE …), not an article")
        else:
            yield FileToRead(path) if defer_reading else read_file(path)


def printable(path: str) -> str:
    """A path as valid Unicode: undecodable bytes of a file name (surrogate escapes) become U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode("utf-8", "replace").decode()


def read_file(real_path: str, info: os.stat_result | None = None) -> RawInput | Skipped:
    """Read one file (at most 50 MB) or say why it cannot be read."""
    path = printable(real_path)
    try:
        info = info or os.stat(real_path)
        if not stat.S_ISREG(info.st_mode):
            return Skipped(input=path, reason="not a regular file")
        if info.st_size > MAX_BYTES:
            return Skipped(input=path, reason="larger than the 50 MB limit")
        with open(real_path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Skipped(input=path, reason=os_reason(exc, real_path))
    return to_raw_input(path, Path(path).stem, Path(path).suffix.lower(), data)


def read_stdin() -> RawInput | Skipped:
    """Read standard input once (at most 50 MB)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return Skipped(input="-", reason="standard input is not available")
    try:
        data = stream.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        return Skipped(input="-", reason=f"cannot read standard input: {exc}")
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return to_raw_input("-", "stdin", "", data)


def to_raw_input(label: str, stem: str, suffix: str, data: bytes) -> RawInput | Skipped:
    """Apply the size and emptiness checks shared by files and standard input."""
    if len(data) > MAX_BYTES:
        return Skipped(input=label, reason="larger than the 50 MB limit")
    if not data.strip():
        return Skipped(input=label, reason="empty file" if label != "-" else "empty standard input")
    return RawInput(label=label, stem=stem or "article", suffix=suffix, data=data)


def os_reason(exc: OSError, path: str | None = None) -> str:
    """A short reason for an operating-system error."""
    if isinstance(exc, FileNotFoundError):
        if path and os.path.islink(path):
            return "broken symbolic link"
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == 40:  # ELOOP
        return "symbolic link loop"
    return f"cannot read: {exc.strerror or exc.__class__.__name__}".lower()


BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]


def decode(data: bytes) -> tuple[str | None, str]:
    """Decode text bytes (BOM, UTF-8, BOM-less UTF-16, then cp1252/latin-1); (None, reason) for binary data."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return check_text(data[len(bom):].decode(encoding, "replace"))
    for signature, kind in MAGIC:
        if data.startswith(signature):
            return None, f"binary file ({kind})"
    head = data[:8192]
    if head.count(0) > len(head) // 4 and len(head) >= 4:  # BOM-less UTF-16: every other byte is zero
        odd_zeros = head[1::2].count(0)
        encoding = "utf-16-le" if odd_zeros > head[0::2].count(0) else "utf-16-be"
        return check_text(data.decode(encoding, "replace"))
    if 0 in head:
        return None, "binary file (contains NUL bytes)"
    try:
        return check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(head)
    if declared:
        return check_text(data.decode(declared, "replace"))
    try:
        return check_text(data.decode("cp1252"))
    except UnicodeDecodeError:
        return check_text(data.decode("latin-1"))


DECLARED = re.compile(rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""",
                      re.IGNORECASE)


def declared_encoding(head: bytes) -> str | None:
    """The encoding an HTML <meta charset> or XML declaration names, when Python knows it."""
    m = DECLARED.search(head[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name in ("utf-8", "utf-16", "utf-32") else name


# Control characters other than line breaks and tabs; with U+FFFD and the non-ASCII categories below: "bad".
ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
BAD_CATEGORIES = ("Cc", "Co", "Cs", "Cn")


def check_text(text: str) -> tuple[str | None, str]:
    """Reject decoded text that is mostly control, private-use or replacement characters."""
    sample = text[:20000]
    if not sample.strip():
        return None, "empty file"
    bad = len(ASCII_CONTROL.findall(sample))
    if not sample.isascii():  # categories looked up once per distinct non-ASCII character
        counts = Counter(NON_ASCII.findall(sample))
        bad += sum(n for ch, n in counts.items() if ch == "\ufffd" or unicodedata.category(ch) in BAD_CATEGORIES)
    if bad > max(2, len(sample) // 10):
        return None, "binary file (not readable text)"
    return text, ""
