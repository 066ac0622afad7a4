"""Outlet comparisons: intervals checked against scipy's bootstrap and against known truths."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from analysis.stats import (CLUSTER_LEVEL, REST, SENTENCE_LEVEL, compare_outlets, holm, mean_columns,
                            ratio_of_sums)

MEAN = {"mean": ratio_of_sums(0, 1)}
EVENTS40 = __import__("pathlib").Path(__file__).resolve().parent / "data" / "events40"


def sentences(values, outlets, articles, stories=None) -> pd.DataFrame:
    counts = mean_columns(np.asarray(values, dtype=float))
    return pd.DataFrame({"label": outlets, "article": articles, "story": stories if stories is not None else "",
                         "value": counts[:, 0], "count": counts[:, 1]})


def nested(rng, n_articles, per_article, *, mean=0.0, article_sd=1.0, sentence_sd=1.0, outlet="A", prefix="a"):
    """Sentences whose article means vary (the reason sentences are not independent)."""
    effects = rng.normal(mean, article_sd, n_articles)
    values = np.concatenate([rng.normal(e, sentence_sd, per_article) for e in effects])
    articles = np.repeat([f"{prefix}{i}" for i in range(n_articles)], per_article)
    return values, [outlet] * len(values), articles


def test_sentence_level_interval_matches_scipy_bootstrap():
    rng = np.random.default_rng(0)
    values = rng.gamma(2.0, 1.5, 300)
    table = sentences(values, ["A"] * 300, ["one"] * 300)  # one article: the sentence-level view
    row = compare_outlets(table, ["value", "count"], MEAN, n_boot=4000, seed=1).iloc[0]
    oracle = sps.bootstrap((values,), np.mean, method="percentile", n_resamples=4000, random_state=2)
    width = oracle.confidence_interval.high - oracle.confidence_interval.low
    assert row["resampled"] == SENTENCE_LEVEL
    assert row["estimate"] == pytest.approx(values.mean())
    assert row["ci_low"] == pytest.approx(oracle.confidence_interval.low, abs=0.06 * width)
    assert row["ci_high"] == pytest.approx(oracle.confidence_interval.high, abs=0.06 * width)


def test_cluster_bootstrap_covers_the_true_mean_and_pooled_sentences_do_not():
    rng = np.random.default_rng(1)
    covered_cluster = covered_sentences = 0
    trials = 150
    for _ in range(trials):
        values, outlets, articles = nested(rng, 20, 15, mean=3.0, article_sd=1.0, sentence_sd=1.0)
        table = sentences(values, outlets, articles)
        cluster = compare_outlets(table, ["value", "count"], MEAN, n_boot=400, seed=int(rng.integers(1e9))).iloc[0]
        pooled = compare_outlets(table, ["value", "count"], MEAN, n_boot=400, min_articles=10**6,
                                 seed=int(rng.integers(1e9))).iloc[0]
        assert cluster["resampled"] == CLUSTER_LEVEL and pooled["resampled"] == SENTENCE_LEVEL
        covered_cluster += cluster["ci_low"] <= 3.0 <= cluster["ci_high"]
        covered_sentences += pooled["ci_low"] <= 3.0 <= pooled["ci_high"]
    # nominal 95%; a percentile bootstrap over 20 clusters runs a little narrow
    assert covered_cluster / trials >= 0.88
    # pooled sentences ignore that articles differ: far too narrow
    assert covered_sentences / trials < 0.75


def test_outlets_that_do_not_differ_are_rarely_reported_as_different():
    # 40 corpora whose articles are dealt to six outlets at random: Holm's correction keeps the
    # chance of any false "separable" pair in a family of 15 comparisons near 5% (the bootstrap
    # runs a little liberal), at both levels. Measured over 120 other seeds: 4% corpus-wide, 2.5%
    # within stories (11% before paired differences used Student's t below 30 shared stories).
    trials, false = 40, {"difference": 0, "paired_difference": 0}
    for seed in range(trials):
        rng = np.random.default_rng(seed)
        values, _, articles = nested(rng, 300, 12, mean=0.0, article_sd=1.0, sentence_sd=1.0)
        article_ids = np.unique(articles)
        outlet_of = dict(zip(article_ids, rng.choice(list("ABCDEF"), size=len(article_ids))))  # dealt at random
        story_of = dict(zip(article_ids, [f"s{i // 6}" for i in range(len(article_ids))]))
        # events drive the measure (stories in a fixed order: a set's order changes with the process)
        story_shift = {s: rng.normal(0, 2) for s in sorted(set(story_of.values()))}
        values = values + np.array([story_shift[story_of[a]] for a in articles])
        table = sentences(values, [outlet_of[a] for a in articles], articles, [story_of[a] for a in articles])
        result = compare_outlets(table, ["value", "count"], MEAN, n_boot=1000, seed=seed)
        assert (result["kind"] == "difference").sum() == 15 and (result["kind"] == "paired_difference").any()
        for kind in false:
            false[kind] += bool(result.loc[result["kind"] == kind, "separable"].astype(bool).any())
    assert false["difference"] / trials <= 0.125 and false["paired_difference"] / trials <= 0.075, false


def test_a_real_difference_is_found_at_both_levels():
    rng = np.random.default_rng(8)
    parts = [nested(rng, 40, 10, mean=m, outlet=o, prefix=o) for o, m in (("A", 0.0), ("B", 1.5))]
    values = np.concatenate([p[0] for p in parts])
    outlets = sum((p[1] for p in parts), [])
    articles = np.concatenate([p[2] for p in parts])
    stories = [f"s{int(a[1:]) % 20}" for a in articles]
    result = compare_outlets(sentences(values, outlets, articles, stories), ["value", "count"], MEAN, n_boot=1000)
    for kind in ("difference", "paired_difference"):
        (row,) = result[result["kind"] == kind].itertuples()
        assert row.group == "B" and row.other == "A" and row.separable and row.ci_low > 0.5


def test_many_outlets_are_compared_with_the_rest_not_in_pairs():
    rng = np.random.default_rng(9)
    frames = []
    for o in range(30):
        values, outlets, articles = nested(rng, 3, 5, outlet=f"o{o}", prefix=f"o{o}-")
        frames.append(sentences(values, outlets, articles))
    single = sentences(rng.normal(size=50), [f"x{i}" for i in range(50)], [f"x{i}" for i in range(50)])
    result = compare_outlets(pd.concat(frames + [single]), ["value", "count"], MEAN, n_boot=300)
    diffs = result[result["kind"] == "difference"]
    assert len(result[result["kind"] == "group"]) == 80
    assert len(diffs) == 30 and (diffs["other"] == REST).all()  # single-article labels are not outlets
    assert not diffs["separable"].astype(bool).any()


def test_holm_against_hand_computed_values():
    p = np.array([0.01, 0.04, 0.03, np.nan, 0.005])
    # sorted 0.005, 0.01, 0.03, 0.04 -> x4, x3, x2, x1 = 0.02, 0.03, 0.06, 0.04 -> monotone 0.02 0.03 0.06 0.06
    assert np.allclose(holm(p), [0.03, 0.06, 0.06, np.nan, 0.02], equal_nan=True)


@pytest.mark.parametrize("seed", [11, 12])
def test_real_text_dealt_to_outlets_at_random_shows_no_difference(tmp_path, seed):
    # 152 articles of real prose (events40 and its retellings), outlets drawn at random: readability
    # and tone intervals must not separate any two "outlets", corpus-wide or within stories
    import csv
    import sys
    from pathlib import Path

    from analysis import load_corpus, readability, sentiment
    from analysis.stories import with_stories

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from derived_corpus import derived_rows

    rng = np.random.default_rng(seed)
    rows = derived_rows(day_shift=20)
    for row in rows:
        row["outlet"] = str(rng.choice(["North", "South", "East", "West"]))
    path = tmp_path / "dealt.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "date", "title", "story", "text"])
        writer.writeheader()
        writer.writerows(rows)
    corpus = with_stories(load_corpus(path))
    grade = readability.intervals(corpus, n_boot=1000)
    tone = sentiment.intervals(corpus, sentiment.sentence_sentiment(corpus), n_boot=1000)
    for table in (grade, tone):
        diffs = table[table["kind"] != "group"]
        assert (table.loc[table["kind"] == "group", "resampled"] == CLUSTER_LEVEL).all()
        assert len(diffs) and not diffs["separable"].astype(bool).any(), diffs[diffs["separable"].astype(bool)]


# --- actor sentiment: the same two levels, each actor and outlet with its own random stream ---------

def mentions_table(values, articles, actor="X", label="A") -> pd.DataFrame:
    values = np.asarray(values, dtype=float)
    return pd.DataFrame({"actor": actor, "label": label, "article": articles, "compound": values,
                         "tone": np.where(values >= 0.05, "positive", np.where(values <= -0.05, "negative", "neutral"))})


def test_actor_interval_over_articles_matches_scipy_bootstrap_of_article_totals():
    from analysis.sentiment import actor_sentiment

    rng = np.random.default_rng(21)
    m = 60
    sizes = rng.integers(1, 12, m)
    article_values = rng.normal(0.0, 0.4, m)
    # every sentence of an article scores alike, so resampling sentences within an article changes
    # nothing and the two-level bootstrap reduces to resampling articles: scipy's paired bootstrap of
    # (article sum, article count) with the mean as sum over count is the reference
    values = np.repeat(article_values, sizes)
    articles = np.repeat([f"a{i:03d}" for i in range(m)], sizes)
    row = actor_sentiment(mentions_table(values, articles), n_boot=8000, seed=5).iloc[0]
    sums, counts = article_values * sizes, sizes.astype(float)
    oracle = sps.bootstrap((sums, counts), lambda s, c, axis=-1: s.sum(axis=axis) / c.sum(axis=axis),
                           paired=True, vectorized=True, method="percentile", n_resamples=8000,
                           random_state=6).confidence_interval
    centre = sums.sum() / counts.sum()
    widen = np.sqrt(m / (m - 1))  # the small-sample widening compare_outlets applies too
    low, high = centre + (oracle.low - centre) * widen, centre + (oracle.high - centre) * widen
    assert row["resampled"] == CLUSTER_LEVEL and row["n_articles"] == m
    assert row["mean_compound"] == pytest.approx(values.mean())
    assert row["ci_low"] == pytest.approx(low, abs=0.06 * (high - low))
    assert row["ci_high"] == pytest.approx(high, abs=0.06 * (high - low))


def test_actor_interval_over_sentences_when_two_articles_matches_scipy_bootstrap():
    from analysis.sentiment import actor_sentiment

    rng = np.random.default_rng(22)
    values = np.clip(rng.normal(-0.2, 0.5, 150), -1, 1)
    articles = ["a"] * 90 + ["b"] * 60
    row = actor_sentiment(mentions_table(values, articles), n_boot=8000, seed=7).iloc[0]
    oracle = sps.bootstrap((values,), np.mean, method="percentile", n_resamples=8000,
                           random_state=8).confidence_interval
    width = oracle.high - oracle.low
    assert row["resampled"] == SENTENCE_LEVEL and row["n_articles"] == 2 and "lower bound" in row["note"]
    assert row["ci_low"] == pytest.approx(oracle.low, abs=0.06 * width)
    assert row["ci_high"] == pytest.approx(oracle.high, abs=0.06 * width)


def test_actor_intervals_over_articles_cover_a_known_mean_and_over_sentences_do_not():
    from analysis.sentiment import actor_sentiment

    rng = np.random.default_rng(23)
    trials, truth = 150, 0.1
    covered_articles = covered_sentences = 0
    for trial in range(trials):
        values, _, articles = nested(rng, 20, 8, mean=truth, article_sd=0.3, sentence_sd=0.3)
        table = mentions_table(values, articles)
        by_article = actor_sentiment(table, n_boot=400, seed=trial).iloc[0]
        by_sentence = actor_sentiment(table, n_boot=400, seed=trial, min_articles=10**6).iloc[0]
        assert by_article["resampled"] == CLUSTER_LEVEL and by_sentence["resampled"] == SENTENCE_LEVEL
        covered_articles += by_article["ci_low"] <= truth <= by_article["ci_high"]
        covered_sentences += by_sentence["ci_low"] <= truth <= by_sentence["ci_high"]
    assert covered_articles / trials >= 0.88  # nominal 95%
    assert covered_sentences / trials < 0.75  # sentences of one article share its offset


def test_an_actor_interval_does_not_depend_on_other_actors_or_the_order_of_rows():
    from analysis.sentiment import actor_sentiment

    rng = np.random.default_rng(24)
    values, _, articles = nested(rng, 6, 5, article_sd=0.3, sentence_sd=0.3)
    alone = actor_sentiment(mentions_table(values, articles), n_boot=300)
    other = mentions_table(rng.normal(size=12), [f"z{i % 4}" for i in range(12)], actor="Another")
    crowded = actor_sentiment(pd.concat([other, mentions_table(values, articles)]).iloc[::-1], n_boot=300)
    mine = crowded[crowded["actor"] == "X"].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, mine)


def test_an_article_interval_does_not_depend_on_the_other_articles(tmp_path):
    from analysis import load_corpus
    from analysis.sentiment import article_sentiment

    texts = {f"n{i}": " ".join(f"Story {i} went {w} on day {d}." for d, w in
                               enumerate(["well", "badly", "fine", "terribly", "wonderfully", "poorly"]))
             for i in range(4)}

    def intervals(ids):
        path = tmp_path / f"{'-'.join(ids)}.csv"
        pd.DataFrame({"id": ids, "outlet": "A", "text": [texts[i] for i in ids]}).to_csv(path, index=False)
        table = article_sentiment(load_corpus(path), n_boot=300)
        return table.set_index(["article", "voice"])[["ci_low", "ci_high"]]

    few, more = intervals(["n1", "n2"]), intervals(["n3", "n2", "n0", "n1"])
    assert np.isfinite(few.xs("all", level="voice").to_numpy()).all()  # no quotes: NaN there
    pd.testing.assert_frame_equal(few, more.loc[few.index])


def test_an_outlet_interval_does_not_depend_on_the_other_outlets_or_the_order_of_rows():
    rng = np.random.default_rng(25)
    parts = {o: nested(rng, n, 6, outlet=o, prefix=o) for o, n in (("A", 5), ("B", 4), ("C", 2))}

    def table(names):
        values = np.concatenate([parts[o][0] for o in names])
        outlets = sum((parts[o][1] for o in names), [])
        return sentences(values, outlets, np.concatenate([parts[o][2] for o in names]))

    def groups(frame):
        result = compare_outlets(frame, ["value", "count"], MEAN, n_boot=500, story=None)
        return result[result["kind"] == "group"].set_index("group")[["estimate", "ci_low", "ci_high", "resampled"]]

    before = groups(table(["A", "B", "C"]))
    parts["B"] = nested(rng, 7, 6, mean=2.0, outlet="B", prefix="B")  # B gains articles
    parts["D"] = nested(rng, 3, 6, outlet="D", prefix="D")  # and a new outlet arrives
    after = groups(table(["D", "C", "B", "A"]).sample(frac=1.0, random_state=3))  # rows shuffled
    assert before.loc["A", "resampled"] == CLUSTER_LEVEL and before.loc["C", "resampled"] == SENTENCE_LEVEL
    pd.testing.assert_frame_equal(before.loc[["A", "C"]], after.loc[["A", "C"]])


# --- outlet means of per-article values (frame shares): articles resampled, nothing below three ----

def test_article_level_interval_matches_scipy_bootstrap_of_article_values():
    from analysis.stats import outlet_article_means

    rng = np.random.default_rng(31)
    m = 150
    values = rng.binomial(4, 0.3, m) / 4  # a frame's share of four questions answered yes, per article
    row = outlet_article_means(values[:, None], ["A"] * m, [f"a{i:03d}" for i in range(m)], ["share"],
                               n_boot=8000, seed=3).iloc[0]
    oracle = sps.bootstrap((values,), np.mean, method="percentile", n_resamples=8000,
                           random_state=4).confidence_interval
    centre, widen = values.mean(), np.sqrt(m / (m - 1))  # the small-sample widening of compare_outlets
    low, high = centre + (oracle.low - centre) * widen, centre + (oracle.high - centre) * widen
    assert row["resampled"] == "articles" and row["estimate"] == pytest.approx(centre)  # 30+ articles: bootstrap
    assert row["ci_low"] == pytest.approx(low, abs=0.06 * (high - low))
    assert row["ci_high"] == pytest.approx(high, abs=0.06 * (high - low))


def test_article_level_intervals_cover_a_known_share_and_separate_only_real_differences():
    from analysis.stats import NO_INTERVAL, outlet_article_means

    rng = np.random.default_rng(32)
    trials, covered, false, found = 150, 0, 0, 0
    for trial in range(trials):
        # outlets A, B, C with 15 articles each: A and B share a true rate of 0.3, C has 0.6
        rates = {"A": 0.3, "B": 0.3, "C": 0.6}
        outlets = np.repeat(list(rates), 15)
        values = rng.binomial(4, [rates[o] for o in outlets]) / 4
        ids = [f"{o}{i}" for i, o in enumerate(outlets)]
        table = outlet_article_means(values[:, None], outlets, ids, ["share"], n_boot=1000, seed=trial)
        a = table[(table["kind"] == "group") & (table["group"] == "A")].iloc[0]
        covered += a["ci_low"] <= 0.3 <= a["ci_high"]
        diffs = table[table["kind"] == "difference"].set_index(["group", "other"])
        false += bool(diffs.loc[("B", "A"), "separable"])
        found += bool(diffs.loc[("C", "A"), "separable"]) and bool(diffs.loc[("C", "B"), "separable"])
    assert 0.88 <= covered / trials <= 0.99  # nominal 95% (measured 0.94)
    assert false / trials <= 0.08  # no true difference: rarely called separable (measured 0.027)
    # a difference of 0.3 in the rate over 15 articles each, both C pairs after Holm: measured 0.70
    assert found / trials >= 0.6
    # below 30 articles: Student's t for an outlet, Welch's t for a difference (scipy as the oracle)
    xa, xb = values[outlets == "A"], values[outlets == "C"]
    a, diff = table[table["group"] == "A"].iloc[0], table[(table["group"] == "C") & (table["other"] == "A")].iloc[0]
    oracle = sps.ttest_1samp(xa, 0.0).confidence_interval(0.95)
    assert a["resampled"] == "articles (t)"
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((oracle.low, oracle.high), abs=0.05 * (oracle.high - oracle.low))
    oracle = sps.ttest_ind(xb, xa, equal_var=False).confidence_interval(0.95)
    assert (diff["ci_low"], diff["ci_high"]) == pytest.approx((oracle.low, oracle.high),
                                                              abs=0.05 * (oracle.high - oracle.low))
    few = outlet_article_means(np.array([[0.5], [0.25]]), ["A", "A"], ["x", "y"], ["share"])
    assert few.iloc[0]["resampled"] == NO_INTERVAL and np.isnan(few.iloc[0]["ci_low"])
    assert few.iloc[0]["estimate"] == pytest.approx(0.375)


# --- a paired difference within articles (own voice minus quotes) ----------------------------------

def voices_table(rng, n_articles, *, gap, outlet="A", article_sd=0.3, gap_sd=0.2, per_side=(6, 4)):
    """Sentences of both voices: each article has its own tone and its own narrative-quote gap."""
    rows = []
    for i in range(n_articles):
        tone, d = rng.normal(0, article_sd), rng.normal(gap, gap_sd)
        for voice, n, shift in (("narrative", per_side[0], d / 2), ("quotes", per_side[1], -d / 2)):
            for value in rng.normal(tone + shift, 0.3, n):
                rows.append({"label": outlet, "article": f"{outlet}{i:03d}", "voice": voice, "compound": value})
    return pd.DataFrame(rows)


def article_gaps(table):
    """The oracle's per-article differences, computed without the package."""
    means = table.groupby(["article", "voice"])["compound"].mean().unstack()
    return (means["narrative"] - means["quotes"]).dropna().to_numpy()


def paired(table, **kwargs):
    from analysis.stats import within_article_differences

    return within_article_differences(table, value="compound", side="voice", first="narrative", second="quotes",
                                      measure="narrative_minus_quotes", **kwargs)


def test_within_article_difference_below_30_articles_is_the_paired_t_interval():
    from analysis.stats import ARTICLE_T_LEVEL

    table = voices_table(np.random.default_rng(41), 12, gap=0.1)
    row = paired(table, n_boot=4000).iloc[0]
    d = article_gaps(table)
    oracle = sps.ttest_1samp(d, 0.0).confidence_interval(0.95)
    width = oracle.high - oracle.low
    assert row["resampled"] == ARTICLE_T_LEVEL and row["n_articles"] == 12
    assert row["estimate"] == pytest.approx(d.mean())
    assert row["ci_low"] == pytest.approx(oracle.low, abs=0.04 * width)
    assert row["ci_high"] == pytest.approx(oracle.high, abs=0.04 * width)
    assert row["p_value"] == pytest.approx(sps.ttest_1samp(d, 0.0).pvalue, abs=0.02)


def test_within_article_difference_from_30_articles_matches_scipy_bootstrap():
    from analysis.stats import ARTICLE_PAIRED_LEVEL

    table = voices_table(np.random.default_rng(42), 60, gap=-0.05)
    row = paired(table, n_boot=8000).iloc[0]
    d = article_gaps(table)
    oracle = sps.bootstrap((d,), np.mean, method="percentile", n_resamples=8000, random_state=1).confidence_interval
    width = oracle.high - oracle.low
    assert row["resampled"] == ARTICLE_PAIRED_LEVEL and row["estimate"] == pytest.approx(d.mean())
    assert row["ci_low"] == pytest.approx(oracle.low, abs=0.06 * width)
    assert row["ci_high"] == pytest.approx(oracle.high, abs=0.06 * width)


def test_within_article_intervals_cover_the_true_gap_and_find_a_real_one():
    from analysis.stats import ALL_OUTLETS

    rng = np.random.default_rng(43)
    trials, covered, found, false = 150, 0, 0, 0
    for trial in range(trials):
        table = pd.concat([voices_table(rng, 10, gap=0.4, outlet="A"), voices_table(rng, 10, gap=0.0, outlet="B")])
        result = paired(table, n_boot=400, seed=trial).set_index("group")
        covered += result.loc["A", "ci_low"] <= 0.4 <= result.loc["A", "ci_high"]
        found += bool(result.loc["A", "separable"])
        false += bool(result.loc["B", "separable"])
        assert result.loc[ALL_OUTLETS, "n_articles"] == 20
    assert 0.9 <= covered / trials <= 0.99  # nominal 95% (Student's t over 10 articles)
    assert false / trials <= 0.06  # no gap in B: rarely called separable
    # a gap of 0.4 against a spread of the articles' gaps of about 0.28: mostly found
    assert found / trials >= 0.8


def test_within_article_difference_skips_articles_without_both_voices_and_resamples_sentences_below_three():
    rng = np.random.default_rng(44)
    table = voices_table(rng, 2, gap=0.2)
    lonely = pd.DataFrame({"label": "A", "article": "only-narrative", "voice": "narrative", "compound": [0.9, 0.8]})
    rows = paired(pd.concat([table, lonely]), n_boot=2000)
    row = rows.iloc[0]
    assert row["n_articles"] == 2 and row["resampled"] == SENTENCE_LEVEL and "lower bound" in row["note"]
    assert row["estimate"] == pytest.approx(article_gaps(table).mean())
    assert row["ci_low"] < row["estimate"] < row["ci_high"]


def test_frame_shares_of_real_articles_dealt_at_random_are_rarely_separable():
    # events40's 38 articles dealt to four outlets at random, 80 times: per frame, the chance that any
    # of the 6 pairs is called separable stays near the nominal 5% (Holm). Measured over 200 dealings:
    # 0-3% per frame with Student's / Welch's t below 30 articles, 11-13% with a percentile bootstrap.
    from analysis import framing, load_corpus
    from analysis.stats import outlet_article_means

    scores = framing.frame_scores(framing.code_frames(load_corpus(EVENTS40)))
    frames = list(dict.fromkeys(scores["frame"]))
    wide = scores.pivot_table(index="article", columns="frame", values="frame_present").reindex(columns=frames)
    trials, false = 80, np.zeros(len(frames))
    for seed in range(trials):
        outlets = np.random.default_rng(500 + seed).choice(["N", "S", "E", "W"], size=len(wide))
        table = outlet_article_means(wide.to_numpy(float), outlets, wide.index, frames, n_boot=500, seed=seed)
        diffs = table[table["kind"] == "difference"]
        assert len(diffs) == 6 * len(frames)
        false += [diffs.loc[diffs["measure"] == f, "separable"].astype(bool).any() for f in frames]
    assert (false / trials <= 0.075).all(), dict(zip(frames, false / trials))


def _share_rows(per_outlet: dict[str, list[list[float]]]) -> pd.DataFrame:
    """One row per sentence (0/1 unique) for outlets given as articles of sentence values."""
    return pd.DataFrame([{"label": label, "article": f"{label}{a}", "story": "", "unique": v, "count": 1.0}
                         for label, articles in per_outlet.items()
                         for a, values in enumerate(articles) for v in values])


def test_a_share_with_no_spread_gets_clopper_pearson_not_zero_width():
    # an outlet none of whose 5 articles has a unique sentence: a bootstrap of articles gives [0, 0];
    # the oracle is scipy's exact binomial interval for 0 of 5 articles (and 5 of 5 for "all")
    from analysis.stats import compare_outlet_shares

    table = _share_rows({"A": [[0, 0, 0]] * 5, "B": [[1, 1]] * 5, "C": [[0, 1, 1], [1, 0], [0, 0, 1], [1], [0, 1]]})
    got = compare_outlet_shares(table, "unique", "count", "unique_content", n_boot=300)
    groups = got[got["kind"] == "group"].set_index("group")
    exact = sps.binomtest(0, 5).proportion_ci(0.95, method="exact")
    assert groups.loc["A", ["ci_low", "ci_high"]].tolist() == pytest.approx([0.0, exact.high])
    assert groups.loc["B", ["ci_low", "ci_high"]].tolist() == pytest.approx([1 - exact.high, 1.0])
    assert "Clopper-Pearson" in groups.loc["A", "note"] and groups.loc["C", "note"] == ""
    assert groups.loc["C", "ci_low"] < groups.loc["C", "estimate"] < groups.loc["C", "ci_high"]


def test_share_differences_with_an_outlet_without_spread_are_tested_exactly():
    # 0 of 3 articles against 3 of 3 (every sentence unique): the bootstrap sees no spread on either
    # side and calls the difference certain; the oracle is Fisher's exact test on the articles (p = 0.1)
    from analysis.stats import compare_outlet_shares

    table = _share_rows({"A": [[0, 0]] * 3, "B": [[1, 1, 1]] * 3})
    got = compare_outlet_shares(table, "unique", "count", "unique_content", n_boot=300)
    diff = got[got["kind"] == "difference"].iloc[0]
    assert diff["p_value"] == pytest.approx(sps.fisher_exact([[0, 3], [3, 0]]).pvalue)
    assert not bool(diff["separable"]) and diff["ci_low"] < 0 < diff["ci_high"]
    plain = compare_outlets(table, ["unique", "count"], {"unique_content": lambda s: s[:, 0] / s[:, 1]}, n_boot=300)
    assert bool(plain[plain["kind"] == "difference"].iloc[0]["separable"])  # what the fix prevents


def test_share_of_one_article_outlets_is_bounded_by_its_sentences():
    # with one article per outlet the sentences are resampled, so they are the units of the bound
    from analysis.stats import compare_outlet_shares

    table = _share_rows({"A": [[0] * 12], "B": [[1, 0, 1, 0, 1, 1]]})
    got = compare_outlet_shares(table, "unique", "count", "unique_content", n_boot=300)
    a = got[(got["kind"] == "group") & (got["group"] == "A")].iloc[0]
    assert a["resampled"] == SENTENCE_LEVEL
    assert a["ci_high"] == pytest.approx(sps.binomtest(0, 12).proportion_ci(0.95, method="exact").high)
    assert "12 sentences" in a["note"]


def test_share_differences_without_spread_agree_with_their_intervals_and_notes():
    # 0 of 5 articles against 5 of 5: the permutation test separates them (p = 2/252 before Holm),
    # and the square-and-add interval of the two Clopper-Pearson intervals then excludes 0 too
    from analysis.stats import compare_outlet_shares

    table = _share_rows({"A": [[0, 0]] * 5, "B": [[1, 1]] * 5, "C": [[0, 1], [1, 1], [0, 0], [1, 0], [0, 1]]})
    got = compare_outlet_shares(table, "unique", "count", "unique_content", n_boot=300)
    diffs = got[got["kind"] == "difference"].set_index(["group", "other"])
    ba = diffs.loc[("B", "A")]
    assert ba["p_value"] == pytest.approx(sps.fisher_exact([[0, 5], [5, 0]]).pvalue)
    assert bool(ba["separable"]) and 0 < ba["ci_low"] < 1 == ba["ci_high"]
    for _, row in diffs.iterrows():  # no note contradicts the verdict after Holm is applied again
        if row["separable"] is True or row["separable"] == True:  # noqa: E712
            assert row["note"] == "" or "permutation test" in row["note"], row["note"]
        else:
            assert row["note"] != "", row.to_dict()


def test_a_one_sentence_outlet_without_spread_is_not_tested_rather_than_crashing():
    # one article of one sentence: no permutation test has two units on that side
    from analysis.stats import compare_outlet_shares

    table = _share_rows({"A": [[0]], "B": [[1, 0, 1, 1]]})
    got = compare_outlet_shares(table, "unique", "count", "unique_content", n_boot=300)
    diff = got[got["kind"] == "difference"].iloc[0]
    assert np.isnan(diff["p_value"]) and "not tested" in diff["note"] and diff["separable"] is pd.NA


def test_an_outlet_without_spread_against_the_rest_of_the_corpus_is_tested_by_permutation():
    # twelve outlets (each compared with the rest): one with no unique sentence in 3 articles, the
    # others with some in half their articles; the bootstrap called it apart from the rest
    from analysis.stats import compare_outlet_shares

    outlets = {"A": [[0, 0]] * 3}
    outlets.update({f"O{k}": [[1, 1], [0, 0]] * 2 for k in range(11)})
    table = _share_rows(outlets)
    got = compare_outlet_shares(table, "unique", "count", "unique_content", n_boot=300)
    a = got[(got["kind"] == "difference") & (got["group"] == "A")].iloc[0]
    assert a["other"] == REST and "permutation test" in a["note"]
    # the oracle: the two-sided permutation p of 0 of 3 against 22 of 44 articles with unique
    # content, twice the hypergeometric chance that 3 of the 47 articles drawn hold none of the 22
    assert a["p_value"] == pytest.approx(2 * sps.hypergeom.cdf(0, 47, 22, 3), abs=0.02)
    assert not bool(a["separable"])
    plain = compare_outlets(table, ["unique", "count"], {"unique_content": lambda s: s[:, 0] / s[:, 1]}, n_boot=2000)
    assert bool(plain[(plain["kind"] == "difference") & (plain["group"] == "A")].iloc[0]["separable"])


def test_a_within_story_difference_that_is_the_same_in_every_story_gets_a_sign_test():
    # 0 against 1 in each of 4 shared stories: the paired t sees no spread and called it certain;
    # the oracle is the exact two-sided sign test (binomial, 4 of 4): p = 0.125, not separable
    from analysis.stats import compare_outlets

    rows = [{"label": label, "article": f"{label}{s}", "story": f"s{s}", "x": v, "n": 1.0}
            for s in range(4) for label, v in (("A", 0.0), ("B", 1.0)) for _ in range(3)]
    got = compare_outlets(pd.DataFrame(rows), ["x", "n"], {"share": lambda t: t[:, 0] / t[:, 1]}, n_boot=300)
    paired = got[got["kind"] == "paired_difference"].iloc[0]
    assert paired["p_value"] == pytest.approx(sps.binomtest(4, 4, 0.5).pvalue)
    assert not bool(paired["separable"]) and np.isnan(paired["ci_low"]) and "sign test" in paired["note"]


def test_a_separable_difference_without_interval_reads_as_a_sign_test_in_the_findings():
    # 0 against 1 in each of 7 shared stories: sign test p = 2/128, separable, and no interval
    from analysis.summary import separable_pairs

    rows = [{"label": label, "article": f"{label}{s}", "story": f"s{s}", "x": v, "n": 1.0}
            for s in range(7) for label, v in (("A", 0.0), ("B", 1.0)) for _ in range(3)]
    got = compare_outlets(pd.DataFrame(rows), ["x", "n"], {"share": lambda t: t[:, 0] / t[:, 1]}, n_boot=300)
    paired = got[got["kind"] == "paired_difference"].iloc[0]
    assert paired["p_value"] == pytest.approx(sps.binomtest(7, 7, 0.5).pvalue) and bool(paired["separable"])
    text = separable_pairs(got, "share", kind="paired_difference")
    assert text == ["B vs A: +1.00 (the same in every shared story; sign test)"]
