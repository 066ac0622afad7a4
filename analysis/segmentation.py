"""Sentence splitting and quotation spans: the one place text becomes sentences.

Sentences come from NLTK's Punkt algorithm (Kiss & Strunk 2006) run with an abbreviation list
shipped as package data (``data/abbreviations.txt``), because Punkt's trained English model is a
download. Punkt keeps closing quotation marks with their sentence and does not break at dashes or
commas, so "Kim, 43, visited" and "case — including" stay whole.

Quotation spans are found per paragraph, so a quote that runs over several sentences is one span
and every sentence in it knows which quote it belongs to. News style leaves a quote open at the
end of a paragraph when the same speaker goes on in the next one: an unclosed quote runs to the
end of its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .paths import package_data

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
WORD_RE = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)


def load_abbreviations(path=None) -> set[str]:
    source = package_data("abbreviations.txt") if path is None else path
    with open(source, encoding="utf-8") as handle:
        return {ln.strip().lower() for ln in handle if ln.strip() and not ln.startswith("#")}


@lru_cache(maxsize=4)
def _tokenizer(abbrev_file: str | None = None):
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = load_abbreviations(abbrev_file)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph."""
    if not text.strip():
        return []
    spans = list(_tokenizer().span_tokenize(text))
    return _merge_fragments(text, spans)


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue back pieces Punkt cut off that cannot be sentences: a lone closing quote or bracket,
    or a piece that starts in lower case after an initial ("J. Fox")."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        if merged and (
            not any(ch.isalnum() for ch in piece)
            or (piece[:1].islower() and _ends_with_initial(text[merged[-1][0]:merged[-1][1]]))
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _ends_with_initial(piece: str) -> bool:
    return bool(re.search(r"(?:^|\s)[A-Z]\.$", piece))


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks (marks included), curly or straight.

    Single quotes are not followed: they are apostrophes far more often than quotes, and in news
    they mark quotes within quotes, which are inside a double-quoted span anyway.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate(text):
        if start is None:
            if ch in OPEN_QUOTES or ch == STRAIGHT or (ch in CLOSE_QUOTES and _opens_here(text, i)):
                start = i
        elif ch in CLOSE_QUOTES or ch == STRAIGHT:
            spans.append((start, i + 1))
            start = None
        elif ch in OPEN_QUOTES:  # a new quote opened before the last one closed: close the last
            spans.append((start, i))
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _opens_here(text: str, i: int) -> bool:
    """A right double quote used as an opening mark (a common typesetting slip)."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    quote_share: float
    quote_id: int  # index of the paragraph's quote span this sentence overlaps most, -1 if none


def segment_paragraph(text: str) -> list[Sentence]:
    """Sentences of one paragraph, each with the share of its characters inside quotation marks."""
    quotes = quote_spans(text)
    out = []
    for start, end in sentence_spans(text):
        visible = sum(1 for ch in text[start:end] if not ch.isspace())
        best, best_overlap, inside = -1, 0, 0
        for qi, (qs, qe) in enumerate(quotes):
            lo, hi = max(start, qs), min(end, qe)
            if hi > lo:
                overlap = sum(1 for ch in text[lo:hi] if not ch.isspace())
                inside += overlap
                if overlap > best_overlap:
                    best, best_overlap = qi, overlap
        share = inside / visible if visible else 0.0
        out.append(Sentence(text[start:end], start, end, round(min(share, 1.0), 4), best))
    return out


def count_words(text: str) -> int:
    return len(WORD_RE.findall(text))
