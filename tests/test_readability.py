"""Readability: equal to textstat value for value, edge cases defined, intervals correct."""
from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
import textstat

from analysis import readability
from analysis.stats import group_intervals

NEWS = [
    # real-world style news text with abbreviations, numbers, quotes, contractions, hyphens
    "WASHINGTON (AP) — The U.S. Senate voted 52-48 on Tuesday to confirm the nominee, "
    "ending a months-long fight. \u201cIt\u2019s a good day,\u201d Sen. Maria Lopez said. "
    "Critics weren't convinced; they'd argued the $1.2 billion plan wasn't paid for.",
    "Shares of Acme Corp. fell 7.5% in early trading after the company cut its full-year "
    "forecast, citing weaker demand in Europe and Asia. Analysts at Morgan Stanley said "
    "the guidance was \"disappointing but not surprising\". The stock has lost a third "
    "of its value this year.",
    "Residents of the flooded valley returned home on Sunday. Many found their houses "
    "destroyed. Emergency officials warned that more rain was expected later in the week "
    "and urged people to stay alert, keep emergency supplies ready and follow instructions.",
]
EDGE = ["Hello", "no end here at all", "123 456 789", "Yes.\u201d", "A. B. C.", "Dr. Who?!"]


def texts_to_check(seed_corpus):
    bodies = [seed_corpus.body_text(a) for a in seed_corpus.ids]
    return NEWS + bodies + list(seed_corpus.body()["text"]) + EDGE


def textstat_value(name, text):
    function = getattr(textstat, name)
    return function(text, float_output=True) if name == "text_standard" else function(text)


def test_scores_equal_textstat_on_real_text(seed_corpus):
    texts = texts_to_check(seed_corpus)
    table = readability.scores(texts)
    assert len(table) == len(texts)
    for i, text in enumerate(texts):
        for name in readability.FORMULAS + readability.COUNTS:
            assert table.loc[i, name] == textstat_value(name, text), (name, text[:60])


def test_columns_are_named_as_textstat():
    table = readability.scores(NEWS[0])
    for name in readability.FORMULAS + readability.COUNTS:
        assert hasattr(textstat, name) and name in table.columns


def test_empty_text_is_nan_with_a_note_not_zero():
    row = readability.scores([""]).iloc[0]
    assert math.isnan(row["flesch_reading_ease"]) and math.isnan(row["consensus_grade"])
    assert row["lexicon_count"] == 0 and row["note"] == "no words"


@pytest.mark.parametrize("text, note", [
    ("Hello", "no sentence-ending punctuation; SMOG on 1 sentence (defined for 30 or more)"),
    ("no end here at all", "no sentence-ending punctuation; SMOG on 1 sentence (defined for 30 or more)"),
    ("123 456 789", "no sentence-ending punctuation; no letters; SMOG on 1 sentence (defined for 30 or more)"),
])
def test_bad_text_is_defined(text, note):
    row = readability.scores([text]).iloc[0]
    assert all(np.isfinite(row[name]) for name in readability.FORMULAS)
    assert row["note"] == note


def textstat_consensus(text):
    """The oracle: the median of textstat's own five count-based grade formulas."""
    return statistics.median([textstat.flesch_kincaid_grade(text), textstat.gunning_fog(text),
                              textstat.smog_index(text), textstat.automated_readability_index(text),
                              textstat.coleman_liau_index(text)])


def test_consensus_is_the_median_of_textstats_five_grade_formulas(seed_corpus):
    texts = NEWS + [seed_corpus.body_text(a) for a in seed_corpus.ids]
    table = readability.scores(texts)
    for i, text in enumerate(texts):
        assert table.loc[i, "consensus_grade"] == pytest.approx(textstat_consensus(text), abs=1e-12)
        grades = [getattr(textstat, name)(text) for name in readability.CONSENSUS_FORMULAS]
        assert table.loc[i, "grade_spread"] == pytest.approx(max(grades) - min(grades), abs=1e-12)


def test_the_description_names_every_consensus_formula():
    names = {"flesch_kincaid_grade": "Flesch-Kincaid", "gunning_fog": "Gunning Fog", "smog_index": "SMOG",
             "automated_readability_index": "ARI", "coleman_liau_index": "Coleman-Liau"}
    assert set(readability.CONSENSUS_FORMULAS) == set(names)
    assert all(label in readability.CONSENSUS_DESCRIPTION for label in names.values())
    assert "five" in readability.CONSENSUS_DESCRIPTION and "Linsear" not in readability.CONSENSUS_DESCRIPTION


def test_formulas_by_hand_on_a_tiny_text():
    """Counted by hand: 11 words, 2 sentences, 12 syllables (CMU: sun-ny 2, all others 1), no word of
    3+ syllables, 33 non-space characters over 11 tokens, 31 letters."""
    row = readability.scores("The cat sat on the mat. It was a sunny day.").iloc[0]
    wps, spw = 11 / 2, 12 / 11
    expected = {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 0),
        "smog_index": 1.043 * math.sqrt(30 * 0 / 2) + 3.1291,
        "automated_readability_index": 4.71 * 33 / 11 + 0.5 * wps - 21.43,
        "coleman_liau_index": 0.058 * (100 * 31 / 11) - 0.296 * (100 * 2 / 11) - 15.8,
    }
    for name, value in expected.items():
        assert row[name] == pytest.approx(value, abs=1e-9), name
    assert (row["lexicon_count"], row["sentence_count"], row["syllable_count"]) == (11, 2, 12)
    # five grades: -0.57 (FK), 2.2 (Fog), 3.13 (SMOG), -4.55 (ARI), -4.84 (CLI): the median is FK
    assert row["consensus_grade"] == pytest.approx(0.39 * wps + 11.8 * spw - 15.59, abs=1e-9)


def test_pooled_counts_give_textstats_values():
    for text in NEWS:
        counts = readability.text_counts(text)
        pooled = readability.grades_from_counts({k: np.float64(counts[k]) for k in readability._BOOT_COUNTS})
        for name in readability.CONSENSUS_FORMULAS:
            assert pooled[name] == pytest.approx(getattr(textstat, name)(text), rel=1e-12), name
        assert pooled["consensus_grade"] == pytest.approx(textstat_consensus(text), rel=1e-12)


def test_consensus_of_replicates_is_the_median_of_each_column():
    values = {name: np.array([1.0, 9.0, np.nan]) + i for i, name in enumerate(readability.CONSENSUS_FORMULAS)}
    assert list(readability.consensus_grade(values)[:2]) == [3.0, 11.0]  # median of k, k+1, .., k+4
    assert math.isnan(readability.consensus_grade(values)[2])
    assert readability.consensus_grade({n: float(i) for i, n in enumerate(readability.CONSENSUS_FORMULAS)}) == 2.0


def test_article_table_parts_and_sentence_table(seed_corpus):
    articles = readability.article_scores(seed_corpus)
    assert list(articles["part"].unique()) == ["all", "narrative", "quotes"]
    row = articles.query("article == '000_9dac2022dfa1ae96' and part == 'quotes'").iloc[0]
    assert row["note"] == "no sentences in this part" and math.isnan(row["flesch_kincaid_grade"])
    whole = articles.query("article == '003_8692a33c98afade4' and part == 'all'").iloc[0]
    body = seed_corpus.body_text("003_8692a33c98afade4")
    assert whole["flesch_kincaid_grade"] == textstat.flesch_kincaid_grade(body)
    assert whole["consensus_grade"] == pytest.approx(textstat_consensus(body), abs=1e-12)
    sentences = readability.sentence_table(seed_corpus)
    assert len(sentences) == len(seed_corpus.body())
    assert set(sentences["voice"]) == {"narrative", "quotes"}


def test_smog_caveat_is_recorded_where_there_are_fewer_than_30_sentences(seed_corpus):
    articles = readability.article_scores(seed_corpus)
    whole = articles[articles["part"] == "all"].set_index("label")
    for label, row in whole.iterrows():
        body = seed_corpus.body_text(row["article"])
        short = textstat.sentence_count(body) < 30  # the oracle counts the sentences itself
        assert ("SMOG on" in row["note"]) == short, label
    sentences = readability.sentence_table(seed_corpus)
    assert sentences["note"].str.contains(r"SMOG on 1 sentence \(defined for 30 or more\)").all()
    long_text = " ".join(["The river rose again."] * 30)
    assert "SMOG" not in readability.scores(long_text).loc[0, "note"]


def test_one_consensus_in_tables_and_intervals(seed_corpus):
    """Same column name, same number: the bootstrap's estimate for a one-article outlet equals the
    article table's consensus grade, which equals the median of textstat's five formulas."""
    articles = readability.article_scores(seed_corpus)
    whole = articles[articles["part"] == "all"].set_index("label")
    table = readability.intervals(seed_corpus, measures=("consensus_grade",), n_boot=50)
    estimate = table[table["kind"] == "group"].set_index("group")["estimate"]
    for label, row in whole.iterrows():
        oracle = textstat_consensus(seed_corpus.body_text(row["article"]))
        assert row["consensus_grade"] == pytest.approx(oracle, abs=1e-9), label
        assert estimate[label] == pytest.approx(oracle, abs=1e-9), label


def test_sentence_counts_add_up_to_textstats_count_of_the_article(seed_corpus):
    sentences = readability.sentence_table(seed_corpus)
    for article, total in sentences.groupby("article")["n_sentences"].sum().items():
        assert total == textstat.sentence_count(seed_corpus.body_text(article)), article


def test_intervals_on_the_seeds(seed_corpus):
    table = readability.intervals(seed_corpus, n_boot=500)
    groups = table[table["kind"] == "group"]
    assert (groups["ci_low"] <= groups["estimate"]).all() and (groups["estimate"] <= groups["ci_high"]).all()
    assert len(table[table["kind"] == "difference"]) == 2 * 3  # two measures x three pairs
    again = readability.intervals(seed_corpus, n_boot=500)
    assert table.equals(again)  # seeded


def test_intervals_on_known_distributions():
    rng = np.random.default_rng(1)
    same_a, same_b = rng.normal(10, 2, 400), rng.normal(10, 2, 400)
    far = rng.normal(12, 2, 400)
    table = group_intervals({"a": same_a, "b": same_b, "c": far}, measure="mean", n_boot=2000, seed=3)
    group = table[table["kind"] == "group"].set_index("group")
    # the interval of a mean of 400 draws of N(10, 2) has half-width close to 1.96 * 2 / 20
    width = group.loc["a", "ci_high"] - group.loc["a", "ci_low"]
    assert width == pytest.approx(2 * 1.96 * 2 / 20, rel=0.15)
    assert group.loc["a", "ci_low"] < 10 < group.loc["a", "ci_high"]
    diff = table[table["kind"] == "difference"].set_index(["other", "group"])
    assert diff.loc[("a", "b"), "separable"] is False or not diff.loc[("a", "b"), "separable"]
    assert diff.loc[("a", "c"), "separable"] == True  # noqa: E712  (numpy/pandas bool)
    assert diff.loc[("a", "c"), "estimate"] == pytest.approx(far.mean() - same_a.mean())


def test_hardest_sentences(seed_corpus):
    sentences = readability.sentence_table(seed_corpus)
    hardest = readability.hardest_sentences(sentences, n=2)
    assert len(hardest) == 6
    top = hardest.groupby("label")["consensus_grade"].max()
    assert (top.values == sentences.groupby("label")["consensus_grade"].max().values).all()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["the", "Government", "DON'T", "don’t", "we'll", "co-operate", "U.S.", "Kardashian's", "3rd",
         "extraordinarily", "a", "I", "said", "\u201cYes,\u201d", "—", "(see", "notes)", "élan", "naïve",
         "$5,000.50", "it's", "O'Brien", "rock'n'roll", "e.g.", "well-being", "ASAP!", "why?", "...", "x"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS + [".", "!", "?", ",", ";", "\n\n"]), min_size=0, max_size=120))
def test_scores_equal_textstat_on_generated_text(words):
    text = " ".join(words)
    row = readability.scores([text]).iloc[0]
    for name in readability.FORMULAS + readability.COUNTS:
        value = row[name]
        if isinstance(value, float) and math.isnan(value):
            assert row["lexicon_count"] == 0  # NaN only where there is no word at all
            continue
        assert value == textstat_value(name, text), (name, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS + [".", "!", "?", ",", "'", "\u201d", "(AP)"]), min_size=0, max_size=30),
                min_size=1, max_size=8), st.booleans())
def test_article_counts_from_its_sentences_equal_the_counts_of_its_text(sentences, paragraph_break):
    # the article table sums each sentence's counts: the oracle counts the joined text itself
    texts = [" ".join(words) for words in sentences]
    joined = ("\n\n" if paragraph_break else " ").join(texts)
    parts = [readability._sentence_counts(t) for t in texts]
    assert readability.joined_counts(joined, parts) == readability.text_counts(joined)


def test_article_length_quantiles_are_those_of_pandas():
    # medians and 90th percentiles are computed for all parts of one size at once (40 articles:
    # many parts share a size): pandas on each part is the oracle
    from analysis import load_corpus
    from conftest import ROOT

    corpus = load_corpus(ROOT / "tests" / "data" / "events40")
    sentences = readability.sentence_table(corpus)
    table = readability.article_scores(corpus, sentences)
    assert table.groupby("n_corpus_sentences").size().max() > 1
    for row in table.itertuples(index=False):
        part = sentences[sentences["article"] == row.article]
        if row.part != "all":
            part = part[part["voice"] == row.part]
        lengths = part["lexicon_count"]
        if len(lengths) == 0:
            assert math.isnan(row.sentence_words_median) and math.isnan(row.sentence_words_p90)
            continue
        assert row.sentence_words_median == lengths.median()
        assert row.sentence_words_p90 == lengths.quantile(0.9)
