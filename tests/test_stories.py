"""Stories: articles about the same event together, unrelated articles apart (precision first)."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.cluster import pair_confusion_matrix

from analysis import load_corpus
from analysis.stories import STORY_COLUMNS, find_stories, with_stories

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import run_cli  # noqa: E402
from synthetic_news import generate, write_csv  # noqa: E402

EVENTS40 = Path(__file__).resolve().parent / "data" / "events40"


def pairwise_precision_recall(truth, found) -> tuple[float, float]:
    """Of the pairs put in one story, the share that truly are (precision), and the converse."""
    (_, fp), (fn, tp) = pair_confusion_matrix(list(truth), list(found))
    return tp / (tp + fp), tp / (tp + fn)


@pytest.fixture(scope="module")
def events40_found():
    corpus = load_corpus(EVENTS40)
    assert corpus.articles["story"].eq("").all()  # the manifest has no story column: found, not given
    table = find_stories(corpus)
    truth = pd.read_csv(EVENTS40 / "truth.csv").set_index("id")["story"]
    return table.assign(truth=table["article"].map(truth))


def test_events40_stories_recovered(events40_found):
    table = events40_found
    precision, recall = pairwise_precision_recall(table["truth"], table["story"])
    assert precision == 1.0  # no two events merged
    assert recall >= 0.9
    assert adjusted_rand_score(table["truth"], table["story"]) >= 0.9
    singletons = {"port-dredging-grant", "bakery-centenary", "library-sunday-hours", "utility-fine",
                  "chess-champion", "food-truck-rules"}
    assert (table.loc[table["truth"].isin(singletons), "story_size"] == 1).all()


def test_evidence_is_a_link_inside_the_story(events40_found):
    table = events40_found
    assert list(table.columns[:len(STORY_COLUMNS)]) == STORY_COLUMNS
    story_of = dict(zip(table["article"], table["story"]))
    linked = table[table["story_size"] > 1]
    assert (linked["linked_to"].map(story_of) == linked["story"]).all()
    assert (linked["similarity"] > 0).all() and linked["shared_terms"].str.len().gt(0).all()
    factory = table[table["truth"] == "factory-closure"]
    assert factory["shared_terms"].str.contains("millbrook").all()


def test_same_topic_different_events_stay_apart(write_corpus):
    flood = ("The {river} River crested at {feet} feet in {town} on Saturday after a storm, forcing {n} people "
             "from their homes. Fire Chief {chief} said crews rescued {r} residents by boat. \"The water came "
             "up fast,\" {chief} said. Shelters opened at the {town} high school and the bridge was closed.")
    root = write_corpus({
        "a.txt": flood.format(river="Wren", feet="21.7", town="Esker Falls", n=420, chief="Lena Voss", r=27),
        "b.txt": flood.format(river="Wren", feet="21.7", town="Esker Falls", n=420, chief="Lena Voss", r=27)
                 .replace("Saturday", "Sat.").replace("forcing", "driving") + " Power was out for 3,100.",
        "c.txt": flood.format(river="Tamar", feet="14.2", town="Holloway", n=95, chief="Omar Diaz", r=6),
        "d.txt": flood.format(river="Ouse", feet="18.9", town="Kingsbridge", n=230, chief="Mei Tan", r=11),
    })
    table = find_stories(load_corpus(root)).set_index("article")
    assert table.loc["a", "story"] == table.loc["b", "story"]
    assert table["story"].nunique() == 3


def test_far_apart_dates_are_different_stories(tmp_path):
    text = ("Voters in Ashford approved the Millpond school bond of $41.5 million, clerk Dana Roe said. "
            "The Ashford bond passed with 61 percent. Roe said turnout was 38 percent.")
    rows = [{"id": "x", "outlet": "A", "date": "2024-03-01", "text": text},
            {"id": "y", "outlet": "B", "date": "2024-03-02", "text": text + " More later."},
            {"id": "z", "outlet": "C", "date": "2024-11-20", "text": text + " A year on."}]
    path = tmp_path / "t.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    table = find_stories(load_corpus(path)).set_index("article")
    assert table.loc["x", "story"] == table.loc["y", "story"] != table.loc["z", "story"]


def test_a_given_story_column_is_used_as_given(tmp_path):
    rows = [{"id": "p", "outlet": "A", "story": "budget", "text": "The council passed the budget. It was close."},
            {"id": "q", "outlet": "B", "story": "weather", "text": "The council passed the budget. It was close!"},
            {"id": "r", "outlet": "B", "story": "", "text": "Snow closed the Larch Hill roads. Ploughs were out."}]
    path = tmp_path / "t.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    corpus = load_corpus(path)
    table = find_stories(corpus).set_index("article")
    assert table.loc["p", "story"] == "budget" and table.loc["q", "story"] == "weather"
    assert table.loc["p", "found_by"] == "manifest" and table.loc["r", "found_by"] == "similarity"
    filled = with_stories(corpus)
    assert filled.articles["story"].ne("").all() and corpus.articles.loc[2, "story"] == ""  # input untouched


def test_generated_corpus_of_many_same_type_stories(tmp_path):
    rows = generate(2000, n_outlets=12, seed=7)
    corpus = load_corpus(write_csv(rows, tmp_path / "gen.csv"))
    table = find_stories(corpus)
    truth = {r["id"]: r["story"] for r in rows}
    precision, recall = pairwise_precision_recall(table["article"].map(truth), table["story"])
    assert precision >= 0.95 and recall >= 0.95


def test_stories_command_writes_stories_csv(tmp_path):
    result = run_cli("stories", str(EVENTS40), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "stories.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 38 and len({r["story"] for r in rows}) == 14


@pytest.mark.parametrize("day_shift", [0, 20])
def test_derived_corpus_same_prose_other_events(tmp_path, day_shift):
    # events40 retold as new events (names and figures replaced): the copies share everything but
    # their facts, on the same days (shift 0) or weeks apart; see tests/derived_corpus.py
    from derived_corpus import write_derived

    path, truth = write_derived(tmp_path / "derived.csv", day_shift=day_shift)
    table = find_stories(load_corpus(path))
    assert len(table) == 152 and table["outlet"].nunique() == 5
    precision, recall = pairwise_precision_recall(table["article"].map(truth), table["story"])
    assert precision >= 0.98 and recall >= 0.95


def test_the_three_seed_articles_are_one_story(seed_corpus):
    # one event told by three outlets, in a corpus too small for word weights: the shared facts link them
    table = find_stories(seed_corpus)
    assert table["story"].nunique() == 1 and (table["story_size"] == 3).all()
    assert table["shared_terms"].str.contains("gypsy").all()


@pytest.mark.parametrize("texts", [["It is what it is. And so it was."],
                                   ["It is what it is.", "It was. So it is."],
                                   ["one thing here.", "one thing here, too."]])
def test_texts_without_names_or_content_words_stay_apart(tmp_path, texts):
    path = tmp_path / "t.csv"
    pd.DataFrame({"id": [f"x{i}" for i in range(len(texts))], "text": texts}).to_csv(path, index=False)
    table = find_stories(load_corpus(path))
    assert (table["story_size"] == 1).all() and table["story"].is_unique
