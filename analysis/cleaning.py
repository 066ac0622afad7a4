"""Cleaning of scraped article text into paragraphs, with every removal recorded.

Rules are data (``data/cleaning.yaml``): a rule matches a whole paragraph, so running text is never
cut mid-sentence; the one exception is a dateline ("LONDON (Reuters) - ") stripped from the start of
the first body paragraph, its place kept as metadata. Wire sign-offs, credits, bylines and date lines
are removed with their reason; the byline, the date and the dateline go to ``CleanText.meta``.
Besides the rules:

* paragraphs that repeat an earlier one (ignoring case, quote style and spacing) are removed --
  scraped pages often print the headline twice;
* a first paragraph that looks like a heading becomes the title (kept in the removals table);
* other short lines without final punctuation are kept as headings, never glued to the next
  sentence.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .paths import package_data

TERMINAL = tuple(".!?…:;\"”’')]»。！？」“«‘")  # CJK sentence ends; German closing quotes “ « ‘
# invisible characters and C0 controls other than tab and line ends (wire copy ends stories with \x03)
INVISIBLE_OR_CONTROL = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f]")
ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#[xX][0-9a-fA-F]{1,6});")
PART = re.compile(r"\{\{([A-Z_]+)\}\}")
MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
MAX_HEADING_WORDS = 20
TRANSLATE_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    action: str = "remove"
    field: str | None = None
    keep: str = "all"  # "all": values joined by " | "; "first": the first value wins
    parse: str | None = None  # "date": store an ISO date where the value names one
    own_line: bool = False  # such a line is a paragraph of its own even inside a block
    max_chars: int = 400  # longer paragraphs are running text, never this boilerplate
    anywhere: bool = False  # a body prefix stripped from any body paragraph, not just the first


@dataclass(frozen=True)
class Rules:
    leading: tuple[Rule, ...]
    paragraph: tuple[Rule, ...]
    body_prefix: tuple[Rule, ...] = ()

    @property
    def own_line(self) -> tuple[re.Pattern, ...]:
        """The lines that stand alone wherever they are (sign-offs, bylines, dates), as one
        pattern: a line is tried once, not once per rule."""
        return _any_of(tuple(rule.pattern for rule in self.paragraph if rule.own_line))

    @property
    def later_prefix(self) -> tuple[Rule, ...]:
        """Body prefixes that may open any body paragraph (a wire dateline in a digest)."""
        return tuple(rule for rule in self.body_prefix if rule.anywhere)

    @property
    def own_line_chars(self) -> int:
        """The longest line an own-line rule may match."""
        return max((rule.max_chars for rule in self.paragraph if rule.own_line), default=0)


def load_rules(path: str | Path | None = None) -> Rules:
    """Cleaning rules from YAML (the package's own by default)."""
    return _load_rules(str(path or package_data("cleaning.yaml")))


@lru_cache(maxsize=8)
def _load_rules(path: str) -> Rules:
    import yaml

    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    parts = {str(k): str(v) for k, v in (raw.get("parts") or {}).items()}

    def build(items) -> tuple[Rule, ...]:
        return tuple(
            Rule(it["name"], _compile(it["pattern"], parts, bool(it.get("case_sensitive"))),
                 it.get("action", "remove"), it.get("field"), it.get("keep", "all"),
                 it.get("parse"), bool(it.get("own_line")), int(it.get("max_chars", 400)),
                 bool(it.get("anywhere")))
            for it in items or []
        )

    return Rules(build(raw.get("leading")), build(raw.get("paragraph")),
                 build(raw.get("body_prefix")))


@lru_cache(maxsize=8)
def _any_of(patterns: tuple[re.Pattern, ...]) -> tuple[re.Pattern, ...]:
    if not patterns:
        return ()
    return (re.compile("|".join(
        f"(?:{p.pattern})" if p.flags & re.IGNORECASE == 0 else f"(?i:{p.pattern})" for p in patterns)),)


def _compile(pattern: str, parts: dict[str, str], case_sensitive: bool) -> re.Pattern:
    """A rule's regex with its {{PART}} placeholders filled in (parts may use other parts)."""
    for _ in range(5):
        pattern = PART.sub(lambda m: parts[m.group(1)], pattern)
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


@dataclass
class Paragraph:
    text: str
    kind: str  # "heading" or "body"


@dataclass
class CleanText:
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[tuple[int, str, str]] = field(default_factory=list)  # (block, text, reason)
    meta: dict[str, str] = field(default_factory=dict)


def normalise(text: str) -> str:
    """Unicode NFC, unified line ends, no invisible or control characters, no-break spaces as spaces,
    HTML entities left in plain text ("&lt;", "&#39;", as old wire archives store them) decoded."""
    if ENTITY.search(text):
        text = html.unescape(text)
    text = INVISIBLE_OR_CONTROL.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def comparable(text: str) -> str:
    """Key for spotting repeated paragraphs: case, quote style and spacing ignored."""
    return " ".join(text.translate(TRANSLATE_QUOTES).casefold().split())


def is_heading_like(text: str) -> bool:
    """Short line without final punctuation: a headline or subheading."""
    stripped = text.strip()
    words = stripped.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and not stripped.endswith(TERMINAL)
        and any(ch.isalpha() for ch in stripped)
    )


def split_blocks(text: str, own_line: tuple[re.Pattern, ...] = (), max_chars: int = 400) -> list[str]:
    """Paragraphs: blank-line separated blocks; inside a block, each line is its own paragraph
    unless the block is hard-wrapped prose (then its lines are joined). In wire copy a block may
    hold several paragraphs: a line indented deeper than the block after a finished sentence starts
    a new one, and a line matching one of ``own_line`` (a sign-off, a byline, a date) after a
    finished sentence stands alone."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        for piece in _pieces([ln for ln in block.split("\n") if ln.strip()], own_line, max_chars):
            lines = [ln.strip() for ln in piece]
            if len(lines) > 1 and _hard_wrapped(lines):
                out.append(" ".join(lines))
            else:
                out.extend(lines)
    return out


def _pieces(lines: list[str], own_line: tuple[re.Pattern, ...], max_chars: int) -> list[list[str]]:
    """The lines of one block cut where a new paragraph visibly starts."""
    if not lines:
        return []
    indent = min(len(ln) - len(ln.lstrip()) for ln in lines)
    pieces: list[list[str]] = [[]]
    previous_alone = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        after_sentence = not pieces[-1] or previous_alone or pieces[-1][-1].strip().endswith(TERMINAL)
        # a one-word last line ("Reuter") signs off even under a table line without a full stop
        signs_off = number == len(lines) and len(stripped.split()) == 1
        alone = ((after_sentence or signs_off) and len(stripped) <= max_chars
                 and any(p.match(stripped) for p in own_line))
        indented = len(line) - len(line.lstrip()) > indent
        if pieces[-1] and (alone or previous_alone or (indented and after_sentence)):
            pieces.append([])
        pieces[-1].append(line)
        previous_alone = alone
    return pieces


def _hard_wrapped(lines: list[str]) -> bool:
    """Most lines stop mid-sentence: long without a final stop, or followed by a lower-case word."""
    unfinished = sum(1 for line, after in zip(lines, lines[1:])
                     if not line.endswith(TERMINAL) and (len(line) >= 40 or after[:1].islower()))
    return unfinished > (len(lines) - 1) / 2


def clean_text(raw: str, rules: Rules | None = None) -> CleanText:
    """Paragraphs of an article's text, with every removal and the metadata found recorded."""
    rules = rules or load_rules()
    result = CleanText()
    blocks = split_blocks(normalise(raw), rules.own_line, rules.own_line_chars)
    if blocks:
        blocks[0] = _strip_leading(blocks[0], rules, result)
    seen: dict[str, int] = {}
    kept: list[tuple[int, str]] = []
    first_body = True
    for position, block in enumerate(blocks):
        if not block.strip() or _apply_rules(position, block, rules, result):
            continue
        if not is_heading_like(block):
            prefixes = rules.body_prefix if first_body else rules.later_prefix
            first_body = False
            block = _strip_prefix(position, block, prefixes, result)
            if not block:
                continue
        key = comparable(block)
        if key in seen:
            result.removed.append((position, block, f"duplicate of block {seen[key] + 1}"))
            continue
        seen[key] = position
        kept.append((position, block))
    if kept and is_heading_like(kept[0][1]):
        position, title = kept.pop(0)
        result.meta["title"] = title
        result.removed.append((position, title, "headline (moved to the title)"))
    result.removed.sort(key=lambda item: item[0])
    result.paragraphs = [Paragraph(p, "heading" if is_heading_like(p) else "body") for _, p in kept]
    return result


def _strip_leading(block: str, rules: Rules, result: CleanText) -> str:
    for rule in rules.leading:
        match = rule.pattern.match(block)
        if match:
            result.removed.append((0, match.group(0).strip(), rule.name))
            if rule.field and match.groups():
                _keep(result.meta, rule, match.group(1))
            block = block[match.end():]
    return block.strip()


def _strip_prefix(position: int, block: str, rules: tuple[Rule, ...], result: CleanText) -> str:
    """The first body paragraph without its dateline ("LONDON (Reuters) - "), the place kept."""
    for rule in rules:
        match = rule.pattern.match(block)
        if match and match.end() < len(block):
            result.removed.append((position, match.group(0).strip(), rule.name))
            place = next((g for g in match.groups() if g), None)
            if rule.field and place:
                _keep(result.meta, rule, place)
            return block[match.end():].strip()
    return block


def _apply_rules(position: int, block: str, rules: Rules, result: CleanText) -> bool:
    size = len(block)
    for rule in rules.paragraph:
        match = rule.pattern.match(block) if size <= rule.max_chars else None
        if not match:
            continue
        result.removed.append((position, block, rule.name))
        if rule.field:
            group = match.group(1) if rule.action == "metadata" and match.groups() else None
            _keep(result.meta, rule, group if group else block)
        return True
    return False


def _keep(meta: dict[str, str], rule: Rule, value: str) -> None:
    """Store a rule's value in its metadata field: the first, or every one joined by " | "."""
    value = value.strip()
    if rule.parse == "date":
        value = iso_date(value) or value
    previous = meta.get(rule.field)
    if not previous:
        meta[rule.field] = value
    elif rule.keep != "first" and value not in previous.split(" | "):
        meta[rule.field] = f"{previous} | {value}"


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})", re.I)


def iso_date(text: str) -> str | None:
    """The date a date line names, as YYYY-MM-DD; None when it names none unambiguously
    (03/04/2025 may be March or April)."""
    import datetime

    found = _ISO.search(text)
    if found:
        year, month, day = map(int, found.groups())
    elif (found := _MONTH_DAY_YEAR.search(text)) and found.group(1).lower() in MONTHS:
        month, day, year = MONTHS[found.group(1).lower()], int(found.group(2)), int(found.group(3))
    elif (found := _DAY_MONTH_YEAR.search(text)) and found.group(2).lower() in MONTHS:
        day, month, year = int(found.group(1)), MONTHS[found.group(2).lower()], int(found.group(3))
    else:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# --- re-reporting ---------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_outlets(path: str | None = None) -> tuple[str, ...]:
    import yaml

    with open(path or package_data("outlets.yaml"), encoding="utf-8") as handle:
        names = (yaml.safe_load(handle) or {}).get("outlets", [])
    return tuple(sorted({str(n) for n in names}, key=len, reverse=True))


@lru_cache(maxsize=4)
def _rereport_patterns(outlets: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    names = "|".join(re.escape(n) for n in outlets)
    caps = r"[A-Z][A-Z!&.]{2,}(?:\s[A-Z][A-Z!&.]+)*"  # PEOPLE, TMZ, E! NEWS
    outlet = rf"(?P<outlet>(?:{names})|{caps})"
    return (
        re.compile(rf"\b[Aa]ccording to (?:an? (?:report|article|interview|story) (?:by|in|from|with) )?(?:the )?{outlet}(?![\w-])"),
        re.compile(rf"\b(?:as )?(?:first |previously |exclusively )?reported (?:by|in) (?:the )?{outlet}(?![\w-])"),
        re.compile(rf"\b(?:told|confirmed to|said to) (?:the )?{outlet}(?![\w-])"),
        re.compile(rf"\b(?:via|per) (?:the )?{outlet}(?![\w-])"),
    )


# words each re-reporting pattern above cannot match without: most texts lack most of them,
# and a substring test is far cheaper than the search with its long list of outlet names
_REREPORT_WORDS = (("ccording to ",), ("reported by ", "reported in "), ("told ", "confirmed to ", "said to "),
                   ("via ", "per "))


def find_rereported_sources(text: str, outlets: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """Outlets an article openly re-reports: (outlet, matched phrase), in order of appearance."""
    hits = []
    for pattern, words in zip(_rereport_patterns(outlets or load_outlets()), _REREPORT_WORDS):
        if not any(word in text for word in words):
            continue
        for match in pattern.finditer(text):
            hits.append((match.start(), match.group("outlet"), match.group(0)))
    return [(outlet, phrase) for _, outlet, phrase in sorted(hits)]
