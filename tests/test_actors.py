"""Actors: listed or detected, and found in text by any of their names."""
from __future__ import annotations

import pytest

from analysis import actors, sentiment


ACTORS = {"Kim Kardashian": ["Kim Kardashian", "Kim", "Kardashian", "the reality star", "SKIMS founder"],
          "Gypsy Rose Blanchard": ["Gypsy Rose Blanchard", "Gypsy", "Blanchard"],
          "Dee Dee Blanchard": ["Dee Dee Blanchard", "Dee Dee"]}


@pytest.mark.parametrize("text, expected", [
    ("Kim’s coat impressed Gypsy.", [("Kim Kardashian", "Kim"), ("Gypsy Rose Blanchard", "Gypsy")]),
    ("Kardashian's team called.", [("Kim Kardashian", "Kardashian")]),
    ("She shared with The Reality Star her plans.", [("Kim Kardashian", "The Reality Star")]),
    ("She praised the SKIMS founder.", [("Kim Kardashian", "SKIMS founder")]),
    ("Dee Dee Blanchard was found dead.", [("Dee Dee Blanchard", "Dee Dee Blanchard")]),
    ("a gypsy caravan and Kimberly", []),  # names are case-sensitive and whole words
    ("Gypsy Rose Blanchard met Kim Kardashian.", [("Gypsy Rose Blanchard", "Gypsy Rose Blanchard"),
                                                  ("Kim Kardashian", "Kim Kardashian")]),
])
def test_alias_matching(text, expected):
    assert [(a, w) for a, w, _s, _e in actors.find_mentions(text, ACTORS)] == expected


def test_actor_mentions_on_the_seeds(seed_corpus):
    table = sentiment.sentence_sentiment(seed_corpus)
    people = actors.actors_for(seed_corpus)  # data/actors.yaml beside the corpus
    assert "the prison system" in people
    mentions = actors.actor_mentions(table, people)
    assert {"compound", "tone", "drivers", "voice"} <= set(mentions.columns)
    founder = mentions[mentions["as_written"].str.contains("SKIMS founder")]
    assert list(founder["article"]) == ["002_f538877ab797614e"] and list(founder["actor"]) == ["Kim Kardashian"]
    by_actor = sentiment.actor_sentiment(mentions, n_boot=200)
    kim = by_actor[by_actor["actor"] == "Kim Kardashian"]
    assert set(kim["label"]) == set(seed_corpus.labels.values())
    assert (kim["n_sentences"] > 5).all()


def test_detected_actors_when_none_listed(write_corpus):
    from analysis import load_corpus

    text = ("Maria Lopez met John Smith in Paris. Later Maria Lopez said the talks went well. "
            "John Smith did not comment.")
    corpus = load_corpus(write_corpus({"a.txt": text, "b.txt": text.replace("Paris", "Rome")}))
    people = actors.actors_for(corpus)
    assert people["Maria Lopez"] == ["Maria Lopez", "Lopez"]  # a first name alone is too ambiguous
    assert "John Smith" not in people and "Paris" not in people  # actors are people who speak
