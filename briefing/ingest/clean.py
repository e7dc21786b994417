"""Body cleaning: boilerplate lines out, control characters out, whitespace normalised, words untouched."""
from __future__ import annotations

import html
import re

# Lines that are page furniture rather than reporting (matched against a whole, whitespace-collapsed line).
BOILERPLATE_LINE = re.compile(
    r"^[\W_]*(?:"
    r"advertis(?:e)?ments?|ads?|sponsored(?: content)?|promoted(?: content)?|paid content"
    r"|story continues below(?: (?:this )?advertis(?:e)?ment)?|scroll to continue(?: with content)?"
    r"|(?:continue|keep) reading\b.*|read (?:more|also|next|the full story)\b.*|also read\b.*|must read\b.*"
    r"|(?:related|recommended|see also|more on this|trending)(?: (?:articles?|stories|news|coverage|reading))?\s*(?:[:|>»-].*)?"
    r"|share (?:this|on|via|the|article|story)\b.*|share|shares?\s*:.*|tweet this\b.*|email this\b.*"
    r"|click here\b.*|tap here\b.*|subscribe\b.*|sign up\b.*|log ?in to\b.*|skip to (?:the )?(?:main )?content"
    r"|©.*|copyright (?:©|\(c\)|\d{4}).*|all rights reserved|print|e-?mail|comments?|close|menu"
    r"|the post .{1,200} appeared first on .{1,100}|this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published) (?:on|in|at) .{1,100}"
    r"|follow us\b.*|follow (?:\S+ ){0,6}on (?:twitter|x|facebook|instagram|telegram|whatsapp|linkedin|youtube|tiktok|google news)\b.*"
    r"|join (?:us|our \S+(?: \S+)?) on\b.*|download (?:our|the) app\b.*|get the (?:latest|app)\b.*newsletter.*"
    r"|listen to this article\b.*|loading\W*|watch(?: video| live)?\s*[:|].*|(?:photo|image|picture|video) ?(?:credit|source|caption)?\s*:.{0,80}"
    r")[\W_]*$",
    re.IGNORECASE,
)
BOILERPLATE_MAX_CHARS = 200  # longer lines are real paragraphs even if they start like a prompt

# Bidi embeddings/overrides/isolates and the byte-order mark: invisible, and a spoofing risk.
INVISIBLE = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")  # lone surrogates cannot be written
# Both in one pass (a regex that finds nothing is much faster than str.translate with a table).
UNWANTED = re.compile("[" + CONTROL.pattern[1:-1] + "".join(map(chr, INVISIBLE)) + "]")
SPACE_RUN = re.compile(r"[^\S\n]+")
OTHER_SPACE = re.compile(r"[^\S \n]")  # whitespace other than a space or a line break
ASCII_OTHER_SPACE = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"  # the same, for ASCII text
SENTENCE_FINAL = tuple(".!?:;\"'”’»)]…")
LIST_ITEM = re.compile(r"^(?:[-*+•–]|\d{1,3}[.)])\s")


def strip_invisible(text: str) -> str:
    """Remove control characters and bidi overrides; every other whitespace becomes a space or a newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x0c", "\n\n").replace("\x0b", "\n")
    text = UNWANTED.sub("", text)
    if "  " not in text and not has_other_space(text):  # nothing to collapse (a simple scan is much faster)
        return text
    return SPACE_RUN.sub(" ", text)


def has_other_space(text: str) -> bool:
    """Whether the text holds whitespace other than spaces and line breaks."""
    if text.isascii():
        return any(ch in text for ch in ASCII_OTHER_SPACE)
    return OTHER_SPACE.search(text) is not None


def clean_line(value: object) -> str:
    """A one-line metadata value: invisible characters removed, whitespace collapsed."""
    if value is None:
        return ""
    return " ".join(strip_invisible(str(value)).split())


def is_boilerplate(line: str) -> bool:
    """True for a short line that is an ad marker, a share/subscribe prompt or a related-links teaser."""
    return len(line) <= BOILERPLATE_MAX_CHARS and bool(BOILERPLATE_LINE.match(line))


def clean_body(raw: str, markdown: bool = False) -> str:
    """Drop boilerplate lines and normalise whitespace; paragraphs are separated by one blank line."""
    lines = [line.strip() for line in strip_invisible(raw).split("\n")]
    if markdown:
        lines = strip_markdown(lines)
    paragraphs: list[str] = []
    block: list[str] = []
    for line in lines + [""]:
        if line and is_boilerplate(line):
            continue
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(join_wrapped(block))
            block = []
    return "\n\n".join(paragraphs)


def join_wrapped(block: list[str]) -> list[str]:
    """Split a block of consecutive lines into paragraphs, re-joining lines that were hard-wrapped."""
    if len(block) == 1:
        return block
    longest = max(map(len, block))
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(block):
        current.append(line)
        nxt = block[i + 1] if i + 1 < len(block) else None
        wrapped = (nxt is not None and longest >= 40 and len(line) >= 0.6 * longest
                   and not line.endswith(SENTENCE_FINAL) and not LIST_ITEM.match(nxt))
        if not wrapped:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


# --- Markdown -------------------------------------------------------------------------------

MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
MD_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")
MD_BLOCKQUOTE = re.compile(r"^(?:>\s?)+")
MD_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
MD_REF_DEF = re.compile(r"^\[[^\]]+\]:\s*\S+")
MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
# Spans are bounded ({1,500}) so hostile lines full of unmatched markers stay linear, not quadratic.
MD_INLINE = [
    (re.compile(r"!\[[^\[\]]{0,500}\]\([^()\n]{0,1000}\)"), ""),              # images
    (re.compile(r"\[([^\[\]]{1,500})\]\([^()\n]{0,1000}\)"), r"\1"),          # links
    (re.compile(r"\[([^\[\]]{1,500})\]\[[^\[\]]{0,100}\]"), r"\1"),          # reference links
    (re.compile(r"<(https?://[^>\s]{1,1000})>"), r"\1"),                      # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,500})?/?>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]{1,500})`"), r"\1"),                                 # code spans
    (re.compile(r"(\*\*|__)(?=\S)([^\n]{1,500}?)(?<=\S)\1"), r"\2"),          # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]{1,500}?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<![\w_])_(?=\S)([^_]{1,500}?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)([^\n]{1,500}?)(?<=\S)~~"), r"\1"),                  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])"), r"\1"),                       # backslash escapes
]


def strip_markdown(lines: list[str]) -> list[str]:
    """Turn Markdown lines into plain text lines: markup removed, code blocks dropped, words kept."""
    out: list[str] = []
    in_fence = False
    for line in lines:
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or MD_REF_DEF.match(line) or MD_TABLE_RULE.match(line):
            continue
        if MD_RULE.match(line):
            out.append("")
            continue
        line = MD_BLOCKQUOTE.sub("", line)
        heading = MD_HEADING.match(line)
        if heading:
            out.extend(["", heading[1], ""])  # a heading is always its own paragraph
            continue
        line = MD_BULLET.sub("", line)
        for pattern, repl in MD_INLINE:
            line = pattern.sub(repl, line)
        if "&" in line:
            line = html.unescape(line)
        out.append(line.strip(" |").strip())
    return out


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed or JSON content), one paragraph per block element."""
    fragment = UNWANTED.sub("", fragment)  # lxml refuses control characters
    if "<" not in fragment:
        return html.unescape(fragment) if "&" in fragment else fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for bad in root.xpath(".//script|.//style|.//noscript|.//iframe|.//figure|.//figcaption"):
            bad.drop_tree()
        for block in root.xpath(".//p|.//div|.//br|.//li|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//blockquote|.//tr"):
            block.tail = "\n\n" + (block.tail or "")
            if block.tag != "br":
                block.text = "\n\n" + (block.text or "")
        return root.text_content()
    except Exception:  # lxml raises several types on hostile markup: fall back to dropping the tags
        return html.unescape(re.sub(r"<[^>]*>", "\n\n", fragment))
