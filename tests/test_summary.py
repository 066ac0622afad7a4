"""The at-a-glance table: one row per outlet, every key measure, nothing invented."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.actors import actors_for
from analysis.summary import SUMMARY_COLUMNS, summary_tables
from conftest import run_cli

EVENTS40 = Path(__file__).resolve().parent / "data" / "events40"


def test_summary_table_of_the_seeds(seed_corpus):
    tables = summary_tables(seed_corpus, actors_for(seed_corpus), n_boot=300)
    summary = tables["summary"].set_index("outlet")
    assert ["outlet"] + list(summary.columns) == SUMMARY_COLUMNS
    assert summary.loc["002", "re_reports"] == "PEOPLE"
    assert summary.loc["000", "re_reports"] == "none stated"
    assert summary.loc["000", "direct_quotation"] == 0.0
    assert summary.loc["000", "most_quoted"] == "nobody"
    assert summary.loc["003", "most_quoted"].startswith("Gypsy Rose Blanchard")
    assert summary["sentences"].sum() == 114
    assert (summary["interval_level"] == "sentences").all()  # one article per label: sentence level
    for measure in ("grade_level", "mean_sentiment"):  # numbers, as the interval tables give them
        assert (summary[f"{measure}_low"] < summary[measure]).all() and (summary[measure] < summary[f"{measure}_high"]).all()
    grade = tables["grade"].set_index(["kind", "group"]).loc[("group", "003")]
    assert (summary.loc["003", "grade_level"], summary.loc["003", "grade_level_low"]) == (grade["estimate"], grade["ci_low"])
    assert summary["unique_content"].between(0, 1).all() and summary["direct_quotation"].between(0, 1).all()
    for share in ("direct_quotation", "unique_content"):  # each share with its interval, as numbers
        assert (summary[f"{share}_low"] <= summary[share]).all() and (summary[share] <= summary[f"{share}_high"]).all()
    assert summary.loc["003", "direct_quotation_low"] > 0.3  # 003 is mostly quotation, even at its lower bound


def test_summary_of_a_multi_outlet_corpus():
    corpus = load_corpus(EVENTS40)
    summary = summary_tables(corpus, n_boot=200)["summary"].set_index("outlet")
    assert summary["articles"].sum() == 38
    assert len(summary) == 5
    assert (summary["interval_level"] == "articles, then sentences").all()
    assert (summary["stories"] <= summary["articles"]).all() and (summary["stories"] >= 6).all()


def test_summary_command_writes_one_row_per_outlet(tmp_path):
    result = run_cli("summary", str(EVENTS40), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "summary.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["outlet"] for r in rows] == ["Northline Wire", "Harbor Gazette", "City Pulse", "Metro Minute",
                                          "The Civic Ledger"]
    assert list(rows[0]) == SUMMARY_COLUMNS


def test_summary_csv_is_numbers_the_page_is_text(tmp_path):
    import pandas as pd

    from analysis.outputs import write_tables
    from analysis.summary import readable_summary

    summary = pd.DataFrame([{"outlet": "A", "articles": 3, "stories": 2, "sentences": 40, "grade_level": 9.25,
                             "grade_level_low": 8.5, "grade_level_high": 10.04, "mean_sentiment": -0.02,
                             "mean_sentiment_low": -0.051, "mean_sentiment_high": 0.013,
                             "interval_level": "articles, then sentences", "dominant_frames": "conflict",
                             "direct_quotation": 0.123, "direct_quotation_low": 0.081,
                             "direct_quotation_high": 0.152, "most_quoted": "nobody", "unique_content": 0.4,
                             "unique_content_low": 0.2, "unique_content_high": 0.61,
                             "re_reports": "none stated", "distinctive_words": "levy, port"}], columns=SUMMARY_COLUMNS)
    write_tables({"summary": summary}, tmp_path)
    with open(tmp_path / "summary.csv", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    # a negative number is written as a number: no formula-neutralising quote in front of it
    assert float(row["mean_sentiment"]) == -0.02 and float(row["mean_sentiment_low"]) == -0.051
    assert float(row["grade_level_high"]) == 10.04 and float(row["direct_quotation"]) == 0.123
    page = readable_summary(summary).iloc[0]
    assert page["grade_level"] == "9.2 [8.5, 10.0]" and page["mean_sentiment"] == "-0.02 [-0.05, 0.01]"
    assert page["direct_quotation"] == "12% [8%, 15%]" and page["unique_content"] == "40% [20%, 61%]"
    assert "grade_level_low" not in page.index and "unique_content_high" not in page.index


# --- intervals for the shares, checked against independent counts on real text --------------------

def test_share_intervals_on_events40_agree_with_independent_counts():
    import numpy as np

    from analysis import framing, overlap
    from analysis.stats import CLUSTER_LEVEL
    from analysis.stories import with_stories

    corpus = with_stories(load_corpus(EVENTS40))
    labels = corpus.labels
    frames = framing.code_frames(corpus)
    shares = framing.frame_share_intervals(framing.frame_scores(frames), n_boot=300)
    # the oracle: questions coded yes per article and frame (pandas on the coder's rows), averaged
    coded = frames.dropna(subset=["score"]).assign(yes=lambda t: t["present"].astype(float))
    expected = coded.groupby(["label", "article", "frame"])["yes"].mean().groupby(["label", "frame"]).mean()
    groups = shares[shares["kind"] == "group"].set_index(["group", "measure"])
    assert np.allclose(groups["estimate"].reindex(expected.index), expected)
    assert (groups["resampled"] == "articles (t)").all() and (groups["ci_low"] <= groups["estimate"] + 1e-12).all()
    assert groups["ci_low"].between(0, 1).all() and groups["ci_high"].between(0, 1).all()

    # an outlet whose articles all lack a frame: not [0, 0] but the exact binomial interval for
    # none of n (the oracle: scipy's Clopper-Pearson)
    from scipy.stats import binomtest

    none = groups[(groups["estimate"] == 0) & (groups["n_articles"] >= 3)]
    assert len(none), "events40 has outlets without some frame"
    for (_, _), row in none.iterrows():
        exact = binomtest(0, int(row["n_articles"])).proportion_ci(0.95, method="exact")
        assert row["ci_low"] == 0 and row["ci_high"] == pytest.approx(exact.high) and "alike" in row["note"]

    quotes = framing.extract_quotes(corpus, actors_for(corpus))
    quotation = framing.quotation_intervals(corpus, quotes, n_boot=300)
    body = corpus.body().assign(label=lambda b: b["article"].map(labels))
    expected = quotes.groupby("label")["n_words"].sum() / body.groupby("label")["n_words"].sum()
    got = quotation[quotation["kind"] == "group"].set_index("group")
    assert np.allclose(got["estimate"].reindex(expected.index), expected)
    assert (got["resampled"] == CLUSTER_LEVEL).all()
    assert ((got["ci_low"] <= got["estimate"]) & (got["estimate"] <= got["ci_high"])).all()

    unique = overlap.unique_sentences(corpus, overlap.sentence_matches(corpus))
    unique_ci = overlap.unique_content_intervals(corpus, unique, n_boot=300)
    expected = unique["label"].value_counts() / body["label"].value_counts()
    got = unique_ci[unique_ci["kind"] == "group"].set_index("group")
    assert np.allclose(got["estimate"].reindex(expected.index), expected)
    assert set(unique_ci["kind"]) == {"group", "difference", "paired_difference"}


def test_voice_differences_on_events40_pair_each_article_with_itself():
    import numpy as np

    from analysis import sentiment
    from analysis.stats import ALL_OUTLETS

    corpus = load_corpus(EVENTS40)
    sentences = sentiment.sentence_sentiment(corpus)
    table = sentiment.voice_differences(corpus, sentences, n_boot=300).set_index("group")
    # the oracle: per article, narrative mean minus quotes mean, then the mean over an outlet's articles
    means = sentences.groupby(["article", "voice"])["compound"].mean().unstack()
    gaps = (means["narrative"] - means["quotes"]).dropna()
    per_outlet = gaps.groupby(gaps.index.map(corpus.labels)).agg(["mean", "size"])
    assert np.allclose(table["estimate"].reindex(per_outlet.index), per_outlet["mean"])
    assert (table["n_articles"].reindex(per_outlet.index) == per_outlet["size"]).all()
    assert table.loc[ALL_OUTLETS, "estimate"] == __import__("pytest").approx(gaps.mean())
    assert table.loc[ALL_OUTLETS, "n_articles"] == len(gaps)


# --- the findings: outlets that cannot be told apart are not ranked ----------------------------------

def dealt_corpus(tmp_path, seed, planted=None):
    """events40 and its retellings (152 articles of real prose) dealt to four outlets at random;
    with ``planted``, every paragraph of that outlet's articles gains a grim sentence."""
    import sys

    import numpy as np

    from analysis.stories import with_stories

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from derived_corpus import derived_rows

    rng = np.random.default_rng(seed)
    rows = derived_rows(day_shift=20)
    grim = "Neighbours called it a terrible, painful and frightening loss, and many were angry and afraid."
    for row in rows:
        row["outlet"] = str(rng.choice(["North", "South", "East", "West"]))
        if row["outlet"] == planted:
            row["text"] = "\n\n".join(f"{p} {grim}" for p in row["text"].split("\n\n"))
    path = tmp_path / f"dealt-{seed}-{planted}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "date", "title", "story", "text"])
        writer.writeheader()
        writer.writerows(rows)
    return with_stories(load_corpus(path))


def test_outlets_dealt_at_random_are_said_to_be_indistinguishable_and_none_is_ranked(tmp_path):
    # frame shares are checked on events40 dealt at random in tests/test_stats.py: the retellings here
    # copy each article's cues three times, so its articles are not independent draws of frames
    from analysis import readability, sentiment
    from analysis.summary import difference_finding

    corpus = dealt_corpus(tmp_path, 11)
    grade = readability.intervals(corpus, n_boot=1000)
    tone = sentiment.intervals(corpus, sentiment.sentence_sentiment(corpus), n_boot=1000)
    texts = [difference_finding(grade, "consensus_grade", "Grade", digits=1),
             difference_finding(tone, "mean_compound_all", "Tone")]
    for text in texts:
        assert "cannot be told apart on this corpus" in text, text
        assert "no outlet can be called higher or lower" in text
        for outlet in ("North", "South", "East", "West"):  # no outlet is named, so none is ranked
            assert outlet not in text, text
        assert "most" not in text.lower() and "least" not in text.lower()


def test_a_planted_difference_names_the_pairs_it_separates(tmp_path):
    from analysis import sentiment
    from analysis.summary import difference_finding

    corpus = dealt_corpus(tmp_path, 11, planted="North")
    tone = sentiment.intervals(corpus, sentiment.sentence_sentiment(corpus), n_boot=1000)
    text = difference_finding(tone, "mean_compound_all", "Tone")
    assert "cannot be told apart on this corpus" not in text and "some outlets can be told apart" in text
    for other in ("South", "East", "West"):  # North is darker than each other outlet, at both levels
        assert f"North vs {other}: -" in text or f"{other} vs North: +" in text, text
    # only the pairs with North are separable: the other three outlets stay indistinguishable
    separable = tone[(tone["measure"] == "mean_compound_all") & (tone["separable"] == True)]  # noqa: E712
    assert len(separable) and ((separable["group"] == "North") | (separable["other"] == "North")).all()


def test_frame_differences_with_an_outlet_whose_articles_are_all_alike_are_tested_exactly():
    # 0 of 3 articles against 3 of 3: Welch's t sees no spread and would call it certain ([1, 1]);
    # the oracle is Fisher's exact test on the 2x2 table of articles (p = 0.1): not separable
    import pandas as pd
    from scipy.stats import fisher_exact

    from analysis import framing

    rows = [{"article": f"{label}{i}", "label": label, "frame": "conflict", "frame_present": v}
            for label, values in (("A", [0, 0, 0]), ("B", [1, 1, 1]), ("C", [1, 1, 2 / 3]))
            for i, v in enumerate(values)]
    table = framing.frame_share_intervals(pd.DataFrame(rows), n_boot=300)
    diffs = table[table["kind"] == "difference"].set_index(["group", "other"])
    assert diffs.loc[("B", "A"), "p_value"] == pytest.approx(fisher_exact([[0, 3], [3, 0]]).pvalue)
    assert not diffs["separable"].astype(bool).any()
    assert diffs["ci_low"].between(-1, 1).all() and diffs["ci_high"].between(-1, 1).all()
    assert (diffs["ci_low"] < 0).all()  # the group intervals overlap, so a difference of 0 stays possible


def test_frames_are_told_apart_with_one_correction_over_every_frame_and_pair():
    # five frames, each with one pair at p = 0.02: separable frame by frame (Holm within a frame),
    # but a finding read across the five frames has five chances: 5 x 0.02 = 0.1, none apart
    import pandas as pd

    from analysis.summary import frames_apart, frames_finding

    frames = ["responsibility", "human_interest", "conflict", "morality", "economic"]
    rows = [{"measure": f, "kind": "group", "group": g, "other": "", "estimate": 0.5, "p_value": float("nan")}
            for f in frames for g in ("A", "B")]
    rows += [{"measure": f, "kind": "difference", "group": "B", "other": "A", "estimate": 0.3, "p_value": 0.02}
             for f in frames]
    table = pd.DataFrame(rows)
    assert frames_apart(table) == {f: 0 for f in frames}
    assert "cannot be told apart on any frame" in frames_finding(table)
    table.loc[(table["kind"] == "difference") & (table["measure"] == "conflict"), "p_value"] = 0.001
    assert frames_apart(table) == {**{f: 0 for f in frames}, "conflict": 1}  # 5 x 0.001 < 0.05
    assert frames_finding(table).startswith("Outlets can be told apart on 1 of 5 frames: conflict (1 pair)")
