"""The at-a-glance table: one row per outlet, every key measure, nothing invented."""
from __future__ import annotations

import csv
from pathlib import Path

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
                             "direct_quotation": 0.123, "most_quoted": "nobody", "unique_content": 0.4,
                             "re_reports": "none stated", "distinctive_words": "levy, port"}], columns=SUMMARY_COLUMNS)
    write_tables({"summary": summary}, tmp_path)
    with open(tmp_path / "summary.csv", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    # a negative number is written as a number: no formula-neutralising quote in front of it
    assert float(row["mean_sentiment"]) == -0.02 and float(row["mean_sentiment_low"]) == -0.051
    assert float(row["grade_level_high"]) == 10.04 and float(row["direct_quotation"]) == 0.123
    page = readable_summary(summary).iloc[0]
    assert page["grade_level"] == "9.2 [8.5, 10.0]" and page["mean_sentiment"] == "-0.02 [-0.05, 0.01]"
    assert page["direct_quotation"] == "12%" and page["unique_content"] == "40%"
    assert "grade_level_low" not in page.index
