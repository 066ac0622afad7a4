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
    assert summary.loc["000", "direct_quotation"] == "0%"
    assert summary.loc["000", "most_quoted"] == "nobody"
    assert summary.loc["003", "most_quoted"].startswith("Gypsy Rose Blanchard")
    assert summary["sentences"].sum() == 114
    assert (summary["interval_level"] == "sentences").all()  # one article per label: sentence level
    low, high = summary.loc["003", "grade_level"].split(" [")[1].rstrip("]").split(", ")
    assert float(low) < float(summary.loc["003", "grade_level"].split()[0]) < float(high)


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
