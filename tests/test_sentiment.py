"""Sentiment: equal to vaderSentiment, explained word by word, per voice and actor."""
from __future__ import annotations

import math

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import AnalysisError, sentiment
from analysis.paths import package_data


PINNED = [
    # by hand: "not good" = 1.9 x -0.74 = -1.406; -1.406 / sqrt(1.406^2 + 15) = -0.3412;
    # neg = (1.406 + 1) / (2.406 + 4 neutral words) = 0.376
    ("The food was not good.", {"neg": 0.376, "neu": 0.624, "pos": 0.0, "compound": -0.3412}),
    # by hand: only "promising" (1.7) is in the lexicon: 1.7 / sqrt(1.7^2 + 15) = 0.4019;
    # pos = 2.7 / (2.7 + 11 neutral words) = 0.197
    ("Kim pledged her assistance, promising to introduce Gypsy to the right people.",
     {"neg": 0.0, "neu": 0.803, "pos": 0.197, "compound": 0.4019}),
    ("", {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}),
    ("El gobierno anunció nuevas medidas económicas.", {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}),
]


@pytest.mark.parametrize("text, expected", PINNED)
def test_pinned_scores_including_empty_and_non_english(text, expected):
    row = sentiment.score_sentences([text]).iloc[0].to_dict()
    assert row == expected


def test_equal_to_vadersentiment_on_every_seed_sentence(seed_corpus):
    texts = list(seed_corpus.body()["text"]) + [
        "I love this 😍!!", "  Not bad at all :) ", "It was kind of good, but the ending was AWFUL.",
        "No one was ever a guiding light for me.", "😡", "At least he tried."]
    ours = sentiment.score_sentences(texts)
    reference = SentimentIntensityAnalyzer()
    for i, text in enumerate(texts):
        assert ours.iloc[i].to_dict() == reference.polarity_scores(text), text


def vader_by_hand(valences, n_neutral, emphasis=0.0):
    """VADER's published arithmetic (Hutto & Gilbert 2014; vaderSentiment's README), done by hand:
    compound = x / sqrt(x^2 + 15) of the summed valences plus punctuation emphasis; each sentiment
    word adds |valence| + 1 to its side, each other word 1 to neutral; shares rounded to 3 places."""
    total = sum(valences) + emphasis
    pos = sum(v + 1 for v in valences if v > 0) + (emphasis if total > 0 else 0)
    neg = sum(-v + 1 for v in valences if v < 0) + (emphasis if total < 0 else 0)
    whole = pos + neg + n_neutral
    return {"neg": round(neg / whole, 3), "neu": round(n_neutral / whole, 3),
            "pos": round(pos / whole, 3), "compound": round(total / math.sqrt(total * total + 15), 4)}


# valences from VADER's lexicon (vader_lexicon.txt: good 1.9, awful -2.0); constants from the paper:
# negation scales by -0.74, an ALL-CAPS word among lower-case ones adds 0.733, each "!" adds 0.292
HAND = [
    ("The food was good.", vader_by_hand([1.9], n_neutral=3)),
    ("The food was not good.", vader_by_hand([1.9 * -0.74], n_neutral=4)),
    ("The food was GOOD!", vader_by_hand([1.9 + 0.733], n_neutral=3, emphasis=0.292)),
    ("The service was awful.", vader_by_hand([-2.0], n_neutral=3)),
]


@pytest.mark.parametrize("text, expected", HAND)
def test_our_scores_follow_vaders_published_arithmetic(text, expected):
    row = sentiment.score_sentences([text]).iloc[0].to_dict()
    assert row == pytest.approx(expected, abs=1e-9)


def test_drivers_explain_the_score():
    assert sentiment.explain("The food was not good.") == [("good", 1.9, -1.406)]
    assert sentiment.explain("The food was good.") == [("good", 1.9, 1.9)]
    assert sentiment.explain("") == [] and sentiment.explain("El gobierno anunció medidas.") == []
    assert sentiment.format_drivers([("good", 1.9, -1.406)]) == "good (-1.41)"


def test_sentence_table_of_the_seeds(seed_corpus):
    table = sentiment.sentence_sentiment(seed_corpus)
    assert len(table) == 114
    row = table[table["text"].str.startswith("This meeting occurred just three weeks")].iloc[0]
    assert row["drivers"] == "prison (-2.30); murder (-3.70)" and row["tone"] == "negative"
    assert set(table["voice"]) == {"narrative", "quotes"}
    assert table["position"].between(0, 1).all()


def test_article_table_has_intervals_and_shares(seed_corpus):
    articles = sentiment.article_sentiment(seed_corpus, n_boot=500)
    whole = articles[articles["voice"] == "all"]
    assert (whole["ci_low"] <= whole["mean_compound"]).all() and (whole["mean_compound"] <= whole["ci_high"]).all()
    shares = whole[["share_positive", "share_neutral", "share_negative"]].sum(axis=1)
    assert shares.round(10).eq(1.0).all()
    quotes_000 = articles.query("article == '000_9dac2022dfa1ae96' and voice == 'quotes'").iloc[0]
    assert quotes_000["n_sentences"] == 0 and math.isnan(quotes_000["mean_compound"])
    assert quotes_000["note"] == "no sentences"


def test_lexicon_caveats_and_additions(seed_corpus):
    table = sentiment.sentence_sentiment(seed_corpus)
    caveats = sentiment.lexicon_caveats(table)
    therapy = caveats[caveats["word"] == "therapy"]
    assert not therapy["in_lexicon"].any() and therapy["total_valence"].eq(0).all()
    prison = caveats[caveats["word"] == "prison"]
    assert (prison["vader_valence"] == -2.3).all()
    additions = sentiment.load_lexicon_additions(package_data("lexicon_additions_example.yaml"))
    assert additions["therapy"] == 1.0
    plain = sentiment.score_sentences(["She asked for therapy."]).loc[0, "compound"]
    added = sentiment.score_sentences(["She asked for therapy."], additions).loc[0, "compound"]
    assert plain == 0.0 and added > 0
    assert sentiment.score_sentences(["She asked for therapy."]).loc[0, "compound"] == 0.0  # off again


def test_bad_lexicon_additions_are_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("words:\n  great: 9\n")
    with pytest.raises(AnalysisError, match="valences must lie in -4..4"):
        sentiment.load_lexicon_additions(bad)


def test_cli_sentiment(tmp_path):
    from conftest import run_cli

    result = run_cli("sentiment", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("sentiment_sentences", "sentiment_articles", "sentiment_actors"):
        assert (tmp_path / f"{name}.csv").stat().st_size > 100


def test_the_but_rule_gives_vadersentiments_valences_on_long_texts():
    # oracle: vaderSentiment itself (its _but_check searches the list for each value); whole
    # articles have many "but"s and repeated valences, where the one-pass rule could go astray
    import random

    words = ["good", "bad", "but", "not", "very", "great", "terrible", "the", "and", "BUT", "happy",
             "sad", "kind", "of", "no", "love", "hate", "never", "so", "least"]
    reference = SentimentIntensityAnalyzer()
    rng = random.Random(14)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 400)))
        assert sentiment.score_sentences([text]).iloc[0].to_dict() == reference.polarity_scores(text), text
