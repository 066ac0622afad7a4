"""Actors: listed or detected, and found in text by any of their names."""
from __future__ import annotations

import re
from pathlib import Path

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


# --- speakers on text the project did not write: accuracy against hand annotations -------------

DATA = Path(__file__).resolve().parent / "data"


def same_speaker(found: str, truth: str) -> bool:
    """The extractor's speaker names the annotated one: the same surname (last word) for a person,
    or one name containing the other for a body ("Interior Ministry" / "Interior Ministry source")."""
    found, truth = str(found).lower(), str(truth).lower()
    if not found or found == "unknown":
        return False
    if truth in found or (found in truth and len(found) > 3):
        return True
    return re.findall(r"[\w'’.-]+", truth)[-1] in re.findall(r"[\w'’.-]+", found)


def speaker_accuracy(texts: Path, truth_csv: Path) -> tuple[float, int]:
    """Share of annotated quotes whose speaker the extractor gets right (a quote it misses is wrong).
    Quotes of articles the loader skips (byte-identical copies) and one-word quotes, which the
    extractor leaves out by design, are not counted."""
    import pandas as pd

    from analysis import framing, load_corpus

    corpus = load_corpus(texts)
    quotes = framing.extract_quotes(corpus, actors.actors_for(corpus))
    truth = pd.read_csv(truth_csv)
    truth = truth[truth["id"].isin(set(corpus.labels)) & (truth["quote_start"].str.split().str.len() > 1)]
    right = 0
    for row in truth.itertuples(index=False):
        mine = quotes[quotes["article"] == row.id]
        hit = mine[mine["quote"].str.startswith(row.quote_start.strip())]
        right += bool(len(hit)) and same_speaker(hit.iloc[0]["speaker"], row.speaker)
    return right / len(truth), len(truth)


@pytest.mark.parametrize("texts, truth, minimum", [
    # 114 quotes in 30 Wikinews articles: developed on (in-sample); 34% before this work
    ("frames_dev/texts", "speakers_dev/quotes_truth.csv", 0.95),
    # 67 quotes in 22 more, annotated before their first run (10% before this work, 73% at the first
    # runs, blind; the fixes those runs motivated bring it to 93%)
    ("frames_heldout/texts", "speakers_heldout/quotes_truth.csv", 0.9),
    # the fictional events40 corpus, without an actors file (40% before)
    ("events40", "events40/quotes_truth.csv", 0.9),
])
def test_speaker_accuracy_on_annotated_quotes(texts, truth, minimum):
    accuracy, n = speaker_accuracy(DATA / texts, DATA / truth)
    assert n > 30 and accuracy >= minimum, f"{accuracy:.3f} of {n}"


def test_the_speaker_errors_seen_on_a_new_corpus(write_corpus):
    from analysis import framing, load_corpus

    text = ("Library hours cut at Central Branch\n\n"
            "The county will close Central Branch on Sundays, Riverside City Council decided on Tuesday.\n\n"
            "Mayor Helen Ortiz defended the cut. \"We had no choice this year,\" she said.\n\n"
            "Librarian Tom Reyes spoke at Central Branch after the vote. \"We were told to keep quiet,\" he said.\n\n"
            "Volunteers gathered at the river Port Amsel annex. \"You are not alone,\" one of them told visitors.\n\n"
            "Council member Dana Whitfield said the vote was rushed. Her colleague Mark Lutz disagreed. "
            "\"It was fully debated,\" he claimed.\n")
    corpus = load_corpus(write_corpus({"a.txt": text, "b.txt": text.replace("Tuesday", "Monday")}))
    people = actors.actors_for(corpus)
    # actors are people and organisations that speak: not the library, the town or the silent council
    assert set(people) == {"Dana Whitfield", "Tom Reyes"}
    quotes = framing.extract_quotes(corpus, people)
    speakers = dict(zip(quotes.loc[quotes["article"] == "a", "quote"], quotes.loc[quotes["article"] == "a", "speaker"]))
    assert speakers == {"We had no choice this year": "Helen Ortiz",  # "she": the mayor, not the council
                        "We were told to keep quiet": "Tom Reyes",
                        "You are not alone": "one of them",  # unnamed, not the last person named
                        "It was fully debated": "Mark Lutz"}  # "he": not Dana Whitfield ("Her colleague")
    labels = framing.actor_labels(corpus, people)
    assert not labels["label"].str.contains("river").any()


@pytest.mark.parametrize("sentence, expected", [
    ("Deputy Emergency Situations Minister Alexander Chupriyan told TASS on Wednesday.",
     [("Alexander Chupriyan", "person"), ("TASS", "organisation")]),
    ("NATO Secretary-General Jens Stoltenberg wrote a letter.", [("Jens Stoltenberg", "person")]),
    ("The Alachua Sheriff's Office tweeted the response.", [("Alachua Sheriff's Office", "organisation")]),
    ("Later Maria Lopez said the talks went well in Port Amsel.", [("Maria Lopez", "person"), ("Port Amsel", "place")]),
    ("Cedar Grove teacher Amir Haddad is worried.", [("Cedar Grove", "organisation"), ("Amir Haddad", "person")]),
    ("Health Minister Łukasz Szumowski said so on Monday.", [("Łukasz Szumowski", "person")]),
])
def test_names_in_running_text(sentence, expected):
    assert [(n.text, n.kind) for n in actors.names_in(sentence)] == expected


def test_gender_comes_from_the_text_itself():
    found = actors.genders(["Mendez's wife Jonna Mendez said it was incredible.",
                            "Carrie Lam delivered her annual speech.",
                            "Smith said he was sure.", "Alex Kim arrived."])
    assert found["Jonna Mendez"] == "f" and found["Carrie Lam"] == "f" and found["Smith"] == "m"
    assert "Alex Kim" not in found  # no evidence: compatible with either pronoun
