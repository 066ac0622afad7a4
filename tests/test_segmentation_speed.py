"""The faster segmentation gives the same sentences and quotation shares as the plain way.

The oracle is the algorithm as it was before it was made faster: NLTK's Punkt as shipped (no
remembered decisions), quotation marks found by reading every character, and visible characters
counted one by one. Both run on the paragraphs of the seed articles, the events40 corpus, the
frame and speaker development sets, the benchmark generator's articles and hand-made paragraphs
with every kind of quotation mark.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis import segmentation
from analysis.cleaning import clean_text
from analysis.segmentation import (CLOSERS, OPEN_QUOTES, SINGLE_OPENERS, STRAIGHT, _cut_long, _merge_fragments,
                                   _opens_here, _split_cjk, load_abbreviations, segment_paragraph)

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "data", ROOT / "tests" / "data" / "events40", ROOT / "tests" / "data" / "frames_dev",
           ROOT / "tests" / "data" / "speakers_dev"]
HAND_MADE = [
    "„Wir schaffen das“, sagte sie. »Das ist gut«, antwortete er. Dann ging er.",
    "« C'est fini », a-t-il dit. Il est parti. ‹Oui›, dit-elle.",
    "He said: “It's over.” Then he left. ”Wrongly opened,” she said. \"Straight,\" he added.",
    "“An unclosed quote runs on. And on to the end of the paragraph",
    "She wrote ‚klein‘ and left » alone. Dr. J. Smith arrived at 5 p.m. on Jan. 3.",
    "会议在北京举行。代表们讨论了预算！结果如何？尚不清楚。",
    "A sentence with\u00a0no-break\u2003spaces and a tab\there. “Quote\u2009with thin space.”",
    " ".join(["word,"] * 400) + " end.",
]


def reference_quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotation spans as first written: every character read in turn."""
    spans, start, closers = [], None, ""
    for i, ch in enumerate(text):
        if start is None:
            if ch in OPEN_QUOTES or ch == STRAIGHT or ch in SINGLE_OPENERS or ch == "»" \
                    or (ch == "”" and _opens_here(text, i)):
                start, closers = i, CLOSERS.get(ch, CLOSERS["“"])
                if ch == "»" and "«" not in text[i + 1:]:
                    start = None
        elif ch in closers:
            spans.append((start, i + 1))
            start = None
        elif ch in OPEN_QUOTES:
            spans.append((start, i))
            start, closers = i, CLOSERS[ch]
    if start is not None:
        spans.append((start, len(text)))
    return spans


def reference_segments(text: str, punkt) -> list[tuple]:
    """(text, start, end, quote share, quote id, cut) of each sentence, computed the plain way."""
    spans = list(punkt.span_tokenize(text)) if text.strip() else []
    spans = [piece for span in _merge_fragments(text, spans) for piece in _split_cjk(text, span)]
    quotes = reference_quote_spans(text)
    out = []
    for span in spans:
        cut = _cut_long(text, span)
        for start, end in cut:
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
            out.append((text[start:end], start, end, round(min(share, 1.0), 4), best, len(cut) > 1))
    return out


def paragraphs() -> list[str]:
    found = list(HAND_MADE)
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            found += [p.text for p in clean_text(path.read_text(encoding="utf-8")).paragraphs]
    return found


@pytest.fixture(scope="module")
def plain_punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = load_abbreviations()
    return PunktSentenceTokenizer(params)


def test_same_sentences_and_quotes_on_real_and_hand_made_paragraphs(plain_punkt):
    texts = paragraphs()
    assert len(texts) > 300
    for text in texts:
        new = [(s.text, s.start, s.end, s.quote_share, s.quote_id, s.cut) for s in segment_paragraph(text)]
        assert new == reference_segments(text, plain_punkt), text[:80]
        assert segmentation.quote_spans(text) == reference_quote_spans(text), text[:80]


def test_same_sentences_on_generated_articles(plain_punkt, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generator import write_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = write_corpus(150, tmp_path / "generated")
    texts = [p.text for path in sorted(folder.glob("*.txt"))
             for p in clean_text(path.read_text(encoding="utf-8")).paragraphs]
    for text in texts:
        new = [(s.text, s.start, s.end, s.quote_share, s.quote_id, s.cut) for s in segment_paragraph(text)]
        assert new == reference_segments(text, plain_punkt), text[:80]
    # the remembered Punkt decisions were used, and agree with Punkt's own
    assert segmentation._tokenizer().text_contains_sentbreak.cache_info().hits > 0


def test_rereported_sources_same_with_the_word_check():
    # the substring check before each pattern only skips searches that cannot match
    from analysis.cleaning import _rereport_patterns, find_rereported_sources, load_outlets

    def every_pattern(text):
        hits = [(m.start(), m.group("outlet"), m.group(0)) for pattern in _rereport_patterns(load_outlets())
                for m in pattern.finditer(text)]
        return [(outlet, phrase) for _, outlet, phrase in sorted(hits)]

    texts = ["According to PEOPLE, she left. As first reported by TMZ, he stayed. She told E! NEWS so; "
             "he confirmed to the BBC and said to CNN, via Reuters, per AP.",
             "according to the Guardian and reported in The New York Times"]
    for folder in FOLDERS + [ROOT / "tests" / "data" / "reuse_dev"]:
        texts += [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.txt"))]
    found = [find_rereported_sources(text) for text in texts]
    assert found == [every_pattern(text) for text in texts]
    assert len(found[0]) >= 6 and sum(map(len, found)) > 10
