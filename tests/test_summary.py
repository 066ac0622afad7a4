"""The at-a-glance table: one row per outlet, every key measure, nothing invented."""
from __future__ import annotations

from analysis.actors import actors_for
from analysis.summary import summary_tables


def test_summary_table_of_the_seeds(seed_corpus):
    tables = summary_tables(seed_corpus, actors_for(seed_corpus), n_boot=300)
    summary = tables["summary"].set_index("outlet")
    assert list(summary.columns) == ["articles", "sentences", "grade_level", "mean_sentiment",
                                     "dominant_frames", "direct_quotation", "most_quoted",
                                     "unique_content", "re_reports"]
    assert summary.loc["002", "re_reports"] == "PEOPLE"
    assert summary.loc["000", "re_reports"] == "none stated"
    assert summary.loc["000", "direct_quotation"] == "0%"
    assert summary.loc["000", "most_quoted"] == "nobody"
    assert summary.loc["003", "most_quoted"].startswith("Gypsy Rose Blanchard")
    assert summary["sentences"].sum() == 114
    low, high = summary.loc["003", "grade_level"].split(" [")[1].rstrip("]").split(", ")
    assert float(low) < float(summary.loc["003", "grade_level"].split()[0]) < float(high)
