"""Cleaning of scraped article text into paragraphs, with every removal recorded.

Rules are data (``data/cleaning.yaml``): a rule matches a whole paragraph, so running text is never
cut mid-sentence. Besides the rules:

* paragraphs that repeat an earlier one (ignoring case, quote style and spacing) are removed --
  scraped pages often print the headline twice;
* a first paragraph that looks like a heading becomes the title (kept in the removals table);
* other short lines without final punctuation are kept as headings, never glued to the next
  sentence.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .paths import package_data

TERMINAL = tuple(".!?…:;\"”’')]»。！？」“«‘")  # CJK sentence ends; German closing quotes “ « ‘
MAX_HEADING_WORDS = 20
TRANSLATE_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    action: str = "remove"
    field: str | None = None


@dataclass(frozen=True)
class Rules:
    leading: tuple[Rule, ...]
    paragraph: tuple[Rule, ...]


def load_rules(path: str | Path | None = None) -> Rules:
    """Cleaning rules from YAML (the package's own by default)."""
    return _load_rules(str(path or package_data("cleaning.yaml")))


@lru_cache(maxsize=8)
def _load_rules(path: str) -> Rules:
    import yaml

    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}

    def build(items) -> tuple[Rule, ...]:
        return tuple(
            Rule(it["name"], re.compile(it["pattern"], re.IGNORECASE), it.get("action", "remove"),
                 it.get("field"))
            for it in items or []
        )

    return Rules(build(raw.get("leading")), build(raw.get("paragraph")))


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
    """Unicode NFC, unified line ends, no invisible characters, no-break spaces as spaces."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
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


def split_blocks(text: str) -> list[str]:
    """Paragraphs: blank-line separated blocks; inside a block, each line is its own paragraph
    unless the block is hard-wrapped prose (then its lines are joined)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if len(lines) > 1 and _hard_wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    inner = lines[:-1]
    unfinished = sum(1 for ln in inner if not ln.endswith(TERMINAL) and len(ln) >= 40)
    return unfinished > len(inner) / 2


def clean_text(raw: str, rules: Rules | None = None) -> CleanText:
    rules = rules or load_rules()
    result = CleanText()
    blocks = split_blocks(normalise(raw))
    if blocks:
        blocks[0] = _strip_leading(blocks[0], rules, result)
    seen: dict[str, int] = {}
    kept: list[tuple[int, str]] = []
    for position, block in enumerate(blocks):
        if not block.strip() or _apply_rules(position, block, rules, result):
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
                result.meta.setdefault(rule.field, match.group(1))
            block = block[match.end():]
    return block.strip()


def _apply_rules(position: int, block: str, rules: Rules, result: CleanText) -> bool:
    for rule in rules.paragraph:
        match = rule.pattern.match(block)
        if not match:
            continue
        result.removed.append((position, block, rule.name))
        if rule.field:
            value = match.group(1).strip() if rule.action == "metadata" and match.groups() else block
            previous = result.meta.get(rule.field)
            result.meta[rule.field] = f"{previous} | {value}" if previous else value
        return True
    return False


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


def find_rereported_sources(text: str, outlets: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """Outlets an article openly re-reports: (outlet, matched phrase), in order of appearance."""
    hits = []
    for pattern in _rereport_patterns(outlets or load_outlets()):
        for match in pattern.finditer(text):
            hits.append((match.start(), match.group("outlet"), match.group(0)))
    return [(outlet, phrase) for _, outlet, phrase in sorted(hits)]
