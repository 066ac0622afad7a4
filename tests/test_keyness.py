"""Keyness: log-odds with an informative Dirichlet prior (Monroe et al. 2008), per outlet."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.keyness import keyness, log_odds_dirichlet
from conftest import run_cli


def _table_corpus(tmp_path, rows):
    path = tmp_path / "t.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return load_corpus(path)


def test_formula_against_a_hand_computation():
    import numpy as np

    counts = np.array([[10.0, 90.0], [30.0, 170.0]])  # two outlets, two words
    prior = counts.sum(axis=0)  # a_w = corpus counts: 40, 260; a0 = 300
    delta, z = log_odds_dirichlet(counts, prior)
    y_i, y_j, a, n_i, n_j, a0 = 10, 30, 40, 100, 200, 300
    expected = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
    assert delta[0, 0] == pytest.approx(expected)
    assert z[0, 0] == pytest.approx(expected / math.sqrt(1 / (y_i + a) + 1 / (y_j + a)))
    assert delta[1, 0] == pytest.approx(-expected)  # B against the rest is A's mirror image


def test_distinctive_words_with_examples(tmp_path):
    fire = "Crews fought the blaze near the ridge on Monday. The blaze spread fast. Residents left."
    fire_b = "Crews fought the fire near the ridge on Monday. The fire spread fast. Residents left."
    rows = ([{"id": f"a{i}", "outlet": "Alpha", "text": fire + f" Note {i}."} for i in range(6)]
            + [{"id": f"b{i}", "outlet": "Beta", "text": fire_b + f" Item {i}."} for i in range(6)])
    table = keyness(_table_corpus(tmp_path, rows), top=3, min_count=2)
    alpha = table[table["label"] == "Alpha"].set_index("term")
    beta = table[table["label"] == "Beta"].set_index("term")
    assert alpha.index[0] == "blaze" and beta.index[0] == "fire"
    assert alpha.loc["blaze", "count"] == 12 and alpha.loc["blaze", "count_rest"] == 0
    assert alpha.loc["blaze", "n_articles"] == 6
    assert "blaze" in alpha.loc["blaze", "example"] and alpha.loc["blaze", "example_article"].startswith("a")
    assert "ridge" not in set(table["term"])  # used alike by both: not distinctive


def test_prior_shrinks_a_rare_word_below_a_frequent_one(tmp_path):
    rows = ([{"id": f"a{i}", "outlet": "Alpha", "text": "The levy passed. The levy was large. " + ("Zephyr. " if i == 0 else "") + "Officials met."}
             for i in range(5)]
            + [{"id": f"b{i}", "outlet": "Beta", "text": "The budget passed. Officials met twice. The budget grew."} for i in range(5)])
    table = keyness(_table_corpus(tmp_path, rows), top=5, min_count=1)
    alpha = table[table["label"] == "Alpha"].set_index("term")
    assert alpha.loc["levy", "z"] > alpha.loc["zephyr", "z"]


def test_one_outlet_gives_an_empty_table(tmp_path):
    table = keyness(_table_corpus(tmp_path, [{"id": "x", "outlet": "A", "text": "One sentence. Two sentences."}]))
    assert table.empty and "term" in table.columns


def test_keyness_command(tmp_path):
    result = run_cli("keyness", "tests/data/events40", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(tmp_path / "keyness.csv")
    assert set(table["label"]) == {"Northline Wire", "Harbor Gazette", "City Pulse", "Metro Minute", "The Civic Ledger"}
    assert (table.groupby("label")["rank"].max() <= 20).all() and (table["z"] > 0).all()


def test_stop_words_are_nltks_english_list():
    from analysis.keyness import stop_words

    words = stop_words()
    assert len(words) == 198  # nltk.corpus.stopwords.words("english") in current NLTK Data
    assert {"the", "it", "it's", "we're", "wouldn't", "ourselves"} <= words
    assert not {"said", "says", "fire", "police", "bill"} & words  # news words are not stop words


def test_the_summary_words_skip_function_words_the_table_keeps_them(tmp_path):
    from analysis.keyness import top_terms

    # Alpha writes "the" and "it" far more often than Beta; its content word is "levy"
    rows = ([{"id": f"a{i}", "outlet": "Alpha",
              "text": "The levy on the port is the issue. It is the levy. It is the talk of the town."}
             for i in range(6)]
            + [{"id": f"b{i}", "outlet": "Beta", "text": "Budget talks resumed. Officials met. Budget cuts loom."}
               for i in range(6)])
    table = keyness(_table_corpus(tmp_path, rows), top=5, min_count=2)
    alpha = table[table["label"] == "Alpha"].set_index("term")
    assert {"the", "it"} <= set(alpha.index) and alpha.loc["the", "stopword"] and not alpha.loc["levy", "stopword"]
    assert alpha.loc["the", "rank"] < alpha.loc["levy", "rank"]  # "the" does distinguish Alpha
    summary = top_terms(table, 2)
    assert summary["Alpha"].split(", ")[0] == "levy" and "the" not in summary["Alpha"].split(", ")
    content = keyness(_table_corpus(tmp_path, rows), top=3, min_count=2, skip_stopwords=True)
    assert not content["stopword"].any() and "levy" in set(content["term"])
