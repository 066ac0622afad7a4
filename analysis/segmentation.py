"""Sentence splitting and quotation spans: the one place text becomes sentences.

Sentences come from NLTK's Punkt algorithm (Kiss & Strunk 2006) run with an abbreviation list
shipped as package data (``data/abbreviations.txt``), because Punkt's trained English model is a
download. Punkt keeps closing quotation marks with their sentence and does not break at dashes or
commas, so "Kim, 43, visited" and "case — including" stay whole.

Punkt knows only ``. ? !``; Chinese and Japanese end sentences with ``。！？`` and put no space
after them, so pieces are cut there too. A "sentence" longer than ``MAX_SENTENCE_CHARS`` (a page
with no full stops) is cut at its last clause break (``; : ,``) or space before the limit: no
scorer is meant for it, and VADER's time grows with the square of a sentence's length.

Quotation spans are found per paragraph, so a quote that runs over several sentences is one span
and every sentence in it knows which quote it belongs to. News style leaves a quote open at the
end of a paragraph when the same speaker goes on in the next one: an unclosed quote runs to the
end of its paragraph. Each opening mark has its own closing marks: English “…”, German „…“ (the
low-9 opens, the high-6 closes) and »…«, French and Swiss «…», Polish „…”, and the single
guillemets ‹…› and German ‚…‘.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .paths import package_data

# opening mark -> the marks that close it
CLOSERS = {
    "“": "”\"",
    "„": "“”\"",
    "«": "»”\"",
    "\"": "\"”",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‚": "‘",
}
OPEN_QUOTES = "“«„"  # double marks that open a quote wherever they stand
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
SINGLE_OPENERS = "‹‚"  # single marks that only open a quote when none is open
MAX_SENTENCE_CHARS = 1000
CJK_SENTENCE_END = re.compile(r"[。！？]+[」』”’）)]*")
CLAUSE_BREAK = re.compile(r"[;:,，、；：]\s|\s")
QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(set("".join(CLOSERS) + "".join(CLOSERS.values()))))) + "]")
WORD_RE = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*", re.UNICODE)


def load_abbreviations(path=None) -> set[str]:
    source = package_data("abbreviations.txt") if path is None else path
    with open(source, encoding="utf-8") as handle:
        return {ln.strip().lower() for ln in handle if ln.strip() and not ln.startswith("#")}


@lru_cache(maxsize=4)
def _tokenizer(abbrev_file: str | None = None):
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class RememberingPunkt(PunktSentenceTokenizer):
        """Punkt deciding each candidate break from its context ("word. Next") once: the
        decision is a function of that short text alone (the parameters are fixed), and the same
        contexts ("said. The") recur all through a corpus."""

        @lru_cache(maxsize=1 << 17)
        def text_contains_sentbreak(self, text: str) -> bool:
            return super().text_contains_sentbreak(text)

    params = PunktParameters()
    params.abbrev_types = load_abbreviations(abbrev_file)
    return RememberingPunkt(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph."""
    if not text.strip():
        return []
    return [(start, end) for start, end, _ in _sentence_pieces(text)]


def _sentence_pieces(text: str) -> list[tuple[int, int, bool]]:
    """Sentence spans, each with whether it is a piece of an over-long sentence that was cut."""
    if not text.strip():
        return []
    spans = list(_tokenizer().span_tokenize(text))
    spans = [piece for span in _merge_fragments(text, spans) for piece in _split_cjk(text, span)]
    pieces = []
    for span in spans:
        cut = _cut_long(text, span)
        pieces.extend((start, end, len(cut) > 1) for start, end in cut)
    return pieces


def _split_cjk(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` cut after each Chinese/Japanese sentence end (。！？, with closing quotes)."""
    start, end = span
    pieces = []
    for match in CJK_SENTENCE_END.finditer(text, start, end):
        if match.end() < end and text[match.end():end].strip():
            pieces.append((start, match.end()))
            start = match.end()
            while start < end and text[start].isspace():
                start += 1
    pieces.append((start, end))
    return pieces


def _cut_long(text: str, span: tuple[int, int], limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``span`` in pieces of at most ``limit`` characters, cut at the last clause break or space
    in the second half of each window (a hard cut only when there is none)."""
    start, end = span
    pieces = []
    while end - start > limit:
        window = text[start + limit // 2:start + limit]
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(window)]
        cut = start + limit // 2 + breaks[-1] if breaks else start + limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


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
    """Spans inside quotation marks (marks included): each opening mark is closed by its own
    closing marks (:data:`CLOSERS`), so German „…“ and »…« and French «…» pair correctly.

    English single quotes are not followed: ’ is an apostrophe far more often than a quote, and
    in news single quotes mark quotes within quotes, inside a double-quoted span anyway. The
    unambiguous single marks ‹ and ‚ open a quote when none is open.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    closers = ""
    for mark in QUOTE_MARK.finditer(text):  # only the marks matter: skip the letters between them
        i, ch = mark.start(), mark.group()
        if start is None:
            if ch in OPEN_QUOTES or ch == STRAIGHT or ch in SINGLE_OPENERS or ch == "»" \
                    or (ch == "”" and _opens_here(text, i)):
                start, closers = i, CLOSERS.get(ch, CLOSERS["“"])
                if ch == "»" and "«" not in text[i + 1:]:  # a stray French closing mark, not German »…«
                    start = None
        elif ch in closers:
            spans.append((start, i + 1))
            start = None
        elif ch in OPEN_QUOTES:  # a new quote opened before the last one closed: close the last
            spans.append((start, i))
            start, closers = i, CLOSERS[ch]
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
    cut: bool = False  # a piece of an over-long sentence cut at MAX_SENTENCE_CHARS


def segment_paragraph(text: str) -> list[Sentence]:
    """Sentences of one paragraph, each with the share of its characters inside quotation marks."""
    quotes = quote_spans(text)
    out = []
    for start, end, cut in _sentence_pieces(text):
        visible = _visible(text[start:end])
        best, best_overlap, inside = -1, 0, 0
        for qi, (qs, qe) in enumerate(quotes):
            lo, hi = max(start, qs), min(end, qe)
            if hi > lo:
                overlap = _visible(text[lo:hi])
                inside += overlap
                if overlap > best_overlap:
                    best, best_overlap = qi, overlap
        share = inside / visible if visible else 0.0
        out.append(Sentence(text[start:end], start, end, round(min(share, 1.0), 4), best,
                            cut=cut))
    return out


def _visible(text: str) -> int:
    """Characters that are not white space (``str.split`` splits at exactly the characters
    ``str.isspace`` calls space)."""
    return len("".join(text.split()))


def count_words(text: str) -> int:
    return len(WORD_RE.findall(text))
