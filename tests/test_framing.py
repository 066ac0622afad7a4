"""Framing: the coder per question, quotes and speakers on the seeds, agreement, labels, sourcing."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import AnalysisError, framing, load_corpus
from analysis.actors import actors_for

from conftest import ARTICLE

PRESENT = {
    "R1": "The government could help families pay for childcare.",
    "R2": "Critics blame the federal government for the failure of the program.",
    "R3": "The council proposed a reform to solve the housing shortage.",
    "R4": "He pleaded guilty to fraud last year.",
    "R5": "Officials said urgent action is needed before it is too late.",
    "H1": "Maria Lopez, 34, lost her job in March.",
    "H2": "It was a heartbreaking, emotional day and she cried.",
    "H3": "Thousands of families were affected by the flooding and struggled to cope.",
    "H4": "Her husband and daughter stayed at home during the storm.",
    "C1": "The two parties disagree sharply over the controversial bill.",
    "C2": "The senator accused the governor and criticized his plan.",
    "C3": "Supporters praised the plan while critics said it would fail.",
    "C4": "The winners and losers of the new rules are already clear.",
    "M1": "Everyone deserves a second chance, she said.",
    "M2": "They prayed to God in the old church.",
    "M3": "If you need support, please reach out to a counselor.",
    "E1": "The company reported a profit of $5 million this quarter.",
    "E2": "The repairs will cost $2 million and the budget is tight.",
    "E3": "The plant closure will cost jobs and hurt the local economy.",
}
NEUTRAL = "The meeting took place on Tuesday in a small room."


def coded(text):
    return {row["item"]: row for row in framing.code_sentences([(0, text)])}


def test_codebook_has_the_twenty_questions_in_the_papers_order():
    book = framing.load_codebook()
    assert [i.id for i in book.items] == ["R1", "R2", "R3", "R4", "R5", "H1", "H2", "H3", "H4", "H5",
                                          "C1", "C2", "C3", "C4", "M1", "M2", "M3", "E1", "E2", "E3"]
    assert book.frames == ["responsibility", "human_interest", "conflict", "morality", "economic"]
    r2 = next(i for i in book.items if i.id == "R2")
    assert r2.question == "Does the story suggest that some level of government is responsible for the issue/problem?"


@pytest.mark.parametrize("item", sorted(PRESENT))
def test_each_question_is_present_on_its_sentence_and_absent_on_a_neutral_one(item):
    row = coded(PRESENT[item])[item]
    assert row["present"] == 1 and 0.5 <= row["score"] < 1
    assert "[[" in row["evidence"] and row["evidence"].startswith("#0: ")
    absent = coded(NEUTRAL)[item]
    assert absent["present"] == 0 and absent["score"] == 0 and absent["evidence"] == "none"


def test_visual_question_is_not_coded_from_text():
    row = coded(PRESENT["H2"])["H5"]
    assert row["present"] is pd.NA and math.isnan(row["score"]) and row["evidence"].startswith("none (not coded")


def test_weak_cues_need_two_distinct_words():
    one = coded("She cried.")["H2"]
    assert one["present"] == 0 and one["score"] == pytest.approx(1 - 0.5 ** 0.5, abs=1e-4)
    repeated = coded("She cried and cried and cried.")["H2"]
    assert repeated["present"] == 0  # the same word again is not more framing
    two = coded("She cried; it was tragic.")["H2"]
    assert two["present"] == 1


def test_a_corpus_without_cues_or_quotes_gives_zeros_and_none(write_corpus):
    corpus = load_corpus(write_corpus({"a.txt": NEUTRAL}))
    frames = framing.code_frames(corpus)
    coded_rows = frames.dropna(subset=["score"])
    assert (coded_rows["present"] == 0).all() and (coded_rows["evidence"] == "none").all()
    quotes = framing.extract_quotes(corpus, {"Someone": ["Someone"]})
    assert quotes.empty and list(quotes.columns)[:6] == ["article", "label", "paragraph", "sentence_index",
                                                         "quote", "speaker"]
    assert framing.frame_scores(frames)["frame_present"].eq(0).all()


SPEAKERS_002 = ["Kim Kardashian", "Kim Kardashian", "Gypsy Rose Blanchard", "Kim Kardashian"]
SPEAKERS_003 = (["Kim Kardashian"] * 4 + ["Gypsy Rose Blanchard"] * 7 + ["Kim Kardashian"] * 2
                + ["Gypsy Rose Blanchard"] * 4 + ["Kim Kardashian"])


def test_every_quote_and_speaker_of_the_seeds(seed_corpus):
    quotes = framing.extract_quotes(seed_corpus, actors_for(seed_corpus))
    by_article = quotes.groupby("article")["speaker"].apply(list).to_dict()
    assert "000_9dac2022dfa1ae96" not in by_article  # 000 paraphrases; its only quotes are none
    assert by_article["002_f538877ab797614e"] == SPEAKERS_002
    assert by_article["003_8692a33c98afade4"] == SPEAKERS_003
    q = quotes.set_index("quote")
    cameras = q.loc["I know it is a controversial subject when people want to help people that were involved in something so violent"]
    assert cameras["speaker"] == "Kim Kardashian" and cameras["verb"] == "told" and "pronoun" in cameras["attribution"]
    reentry = quotes[quotes["quote"].str.startswith("Reentry has been a whirlwind")].iloc[0]
    assert reentry["speaker"] == "Gypsy Rose Blanchard" and reentry["verb"] == "continued"  # colon-introduced
    split = quotes[quotes["quote"].str.startswith("She really wants to get involved")].iloc[0]
    assert split["attribution"] == "continues the previous quote"  # split by "Kim noted"
    claimed = quotes[quotes["quote"].str.startswith("I didn’t because")].iloc[0]
    assert (claimed["verb"], claimed["verb_kind"]) == ("claimed", "loaded")
    assert "Dee Dee" not in set(quotes["quote"])  # a nickname is not a quote


def test_quote_shares(seed_corpus):
    quotes = framing.extract_quotes(seed_corpus, actors_for(seed_corpus))
    shares = framing.quote_shares(quotes, seed_corpus).set_index(["article", "speaker"])
    gypsy = shares.loc[("003_8692a33c98afade4", "Gypsy Rose Blanchard")]
    kim = shares.loc[("003_8692a33c98afade4", "Kim Kardashian")]
    assert gypsy["quoted_words"] > kim["quoted_words"] and 0 < gypsy["share_of_article"] < 1


def test_attribution_verbs_include_indirect_speech(seed_corpus):
    verbs = framing.attribution_verbs(seed_corpus, actors_for(seed_corpus))
    of_000 = verbs[verbs["article"] == "000_9dac2022dfa1ae96"]
    assert {"admitted", "revealed", "acknowledged"} <= set(of_000["verb"])
    assert set(of_000.loc[of_000["verb"] == "admitted", "subject"]) == {"Gypsy Rose Blanchard"}
    told = verbs[(verbs["verb"] == "told") & (verbs["article"] == "003_8692a33c98afade4")].iloc[0]
    assert told["subject"] == "Kim Kardashian" and told["as_written"] == "she"


def test_actor_labels(seed_corpus):
    labels = framing.actor_labels(seed_corpus, actors_for(seed_corpus))
    found = set(zip(labels["article"].str[:3], labels["actor"], labels["label"]))
    assert ("002", "Kim Kardashian", "reality TV star") in found
    assert ("002", "Kim Kardashian", "the SKIMS founder") in found
    assert ("002", "Nick Godejohn", "her then-boyfriend") in found
    assert ("002", "Gypsy Rose Blanchard", "Ex-convict Gypsy Rose Blanchard") in found
    assert ("003", "Kim Kardashian", "age 43") in found
    assert ("003", "Ken Urker", "boyfriend") in found
    assert ("003", "Gypsy Rose Blanchard", "who was released from prison in December 2023") in found
    assert not any(label.lower().startswith(("introduce", "features", "considered")) for label in labels["label"])


def test_sources(seed_corpus):
    table = framing.sources(seed_corpus)
    rows = set(zip(table["article"].str[:3], table["kind"], table["source"]))
    assert ("002", "re-reports an outlet", "PEOPLE") in rows
    assert ("000", "source line", "Hulu") in rows
    assert ("002", "content warning", "") in rows and ("002", "disclaimer", "") in rows
    assert ("003", "according to", "Gypsy") in rows
    assert not any(k == "according to" and s == "PEOPLE" for _a, k, s in rows)


def test_agreement_on_a_known_example():
    a = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1]
    codes = pd.DataFrame([{"article": f"a{i}", "item": "R1", "coder": coder, "value": v}
                          for coder, values in (("A", a), ("B", b)) for i, v in enumerate(values)])
    table = framing.agreement(codes)
    item = table[table["level"] == "item"].iloc[0]
    assert item["percent_agreement"] == pytest.approx(0.8)
    assert item["cohen_kappa"] == pytest.approx(0.6)  # (0.8 - 0.5) / (1 - 0.5)
    assert item["krippendorff_alpha"] == pytest.approx(0.62)  # 1 - (4/20) / (200/380)
    assert item["reading"] == "unreliable (< .667)"
    frame = table[table["level"] == "frame"].iloc[0]
    assert frame["frame"] == "responsibility" and frame["units"] == 10


def test_agreement_with_the_automated_coder_and_perfect_agreement(seed_corpus):
    frames = framing.code_frames(seed_corpus)
    human = frames.dropna(subset=["score"])[["article", "item", "present"]].rename(columns={"present": "value"})
    codes = human.assign(coder="human")
    table = framing.agreement(codes, frames)
    items = table[table["level"] == "item"]
    assert (items["percent_agreement"] == 1.0).all() and (items["coders"] == 2).all()
    assert table["reading"].isin(["reliable (>= .80)", "undefined"]).all()


def test_human_codes_file_errors(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("article,item,coder\na,R1,x\n")
    with pytest.raises(AnalysisError, match="missing: value"):
        framing.load_human_codes(path)
    path.write_text("article,item,coder,value\na,R1,x,yes\n")
    with pytest.raises(AnalysisError, match="line 2 is not a number"):
        framing.load_human_codes(path)


def test_own_codebook(tmp_path, write_corpus):
    book = tmp_path / "book.yaml"
    book.write_text("name: tiny\nframes:\n  weather:\n    W1:\n      question: Is it about rain?\n"
                    "      cues:\n        - pattern: '\\brain\\w*'\n          weight: 1.0\n", encoding="utf-8")
    corpus = load_corpus(write_corpus({"a.txt": "It rained all day. " + ARTICLE}))
    frames = framing.code_frames(corpus, book)
    assert list(frames["item"]) == ["W1"] and frames.loc[0, "present"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames:\n  x:\n    X1:\n      question: q\n      cues:\n        - pattern: '(unclosed'\n")
    with pytest.raises(AnalysisError, match="not a valid regular expression"):
        framing.load_codebook(bad)
