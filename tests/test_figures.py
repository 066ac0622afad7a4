"""Figures: one distinct colour per outlet (up to 20), outlet-level views that stay readable with
many articles, blank cells for pairs never compared, and text that fits and is large enough on a
phone. Built from small synthetic tables whose right answer is known."""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from analysis import figures
from analysis.figures import (DESKTOP_FONT_SIZE, DESKTOP_WIDTH, PHONE_FONT_SIZE, PHONE_WIDTH, build_figure,
                              smallest_text)

OUTLETS = ["Alpha Post", "Beta Daily", "Gamma Times", "Delta Wire"]


def intervals_table(groups):
    rows = [{"measure": "m", "kind": "group", "group": g, "other": None, "estimate": k, "ci_low": k - 1,
             "ci_high": k + 1, "separable": None} for k, g in enumerate(groups)]
    rows += [{"measure": "m", "kind": "difference", "group": b, "other": a, "estimate": 0.5 * k, "ci_low": -1,
              "ci_high": 1 + k, "separable": k % 2 == 0} for k, (a, b) in enumerate(combinations(groups, 2))]
    return pd.DataFrame(rows)


def articles_table(per_outlet=3):
    rng = np.random.default_rng(1)
    rows = []
    for o, outlet in enumerate(OUTLETS):
        for k in range(per_outlet):
            rows.append({"id": f"{o}-{k}", "article": f"{o}-{k}", "label": outlet, "value": rng.normal(o, 1),
                         "date": f"2024-10-{1 + 3 * k + o:02d}"})
    return pd.DataFrame(rows)


def sentences_table():
    rng = np.random.default_rng(2)
    rows = [{"article": f"{o}-{k}", "label": outlet, "index": i, "compound": rng.uniform(-1, 1)}
            for o, outlet in enumerate(OUTLETS) for k in range(3) for i in range(12)]
    return pd.DataFrame(rows)


def matches_table(n_articles=12):
    rows = [{"article_a": f"a{i}", "article_b": f"a{j}", "sentence_a": s, "sentence_b": s, "similarity": 0.8}
            for i, j in combinations(range(n_articles), 2) for s in range((i + j) % 4 + 1)]
    return pd.DataFrame(rows)


def frames_table():
    return pd.DataFrame([{"label": outlet, "article": f"{o}-{k}", "frame": frame, "frame_present": (o + k) % 3 / 2}
                         for o, outlet in enumerate(OUTLETS) for k in range(2)
                         for frame in ("responsibility", "human_interest", "conflict", "morality", "economic")])


COLORS = figures.outlet_colors(OUTLETS)
BUILDERS = {
    "group_intervals": lambda w: figures.plot_group_intervals(intervals_table(OUTLETS), "m", colors=COLORS,
                                                              title="A long title that has to wrap on a phone screen",
                                                              xlabel="US school grade", width=w),
    "differences": lambda w: figures.plot_differences(intervals_table(OUTLETS), "m", title="Pairwise differences",
                                                      xlabel="difference in grade levels", width=w),
    "distributions": lambda w: figures.plot_distributions(articles_table(), "value", colors=COLORS, title="Spread",
                                                          xlabel="consensus grade of one article", width=w),
    "arcs": lambda w: figures.plot_arcs(sentences_table(), "compound", colors=COLORS, title="Sentiment along",
                                        ylabel="compound score", width=w),
    "stacked_bars": lambda w: figures.plot_stacked_bars(
        pd.DataFrame({"label": OUTLETS, "neutral": [40, 3, 25, 12], "loaded": [2, 0, 5, 1]}), ["neutral", "loaded"],
        colors=COLORS, names=["neutral (said, noted...)", "loaded (claimed, admitted...)"],
        title="Attribution verbs per outlet", xlabel="uses", width=w),
    "alignment": lambda w: figures.plot_alignment(matches_table(), {f"a{i}": 6 for i in range(12)},
                                                  title="Aligned sentences", width=w),
    "fact_sets": lambda w: figures.plot_fact_sets(
        pd.DataFrame({"articles": ["Alpha Post + Beta Daily", "Alpha Post", "Beta Daily + Gamma Times + Delta Wire"],
                      "n_articles": [2, 1, 3]}).loc[[0, 0, 1, 2, 2, 2]], title="Facts by outlets", width=w),
    "summary": lambda w: figures.plot_summary(intervals_table(OUTLETS).assign(measure="consensus_grade"),
                                              intervals_table(OUTLETS).assign(measure="mean_compound_all"),
                                              frames_table(), {o: 0.2 for o in OUTLETS}, colors=COLORS, width=w),
    "formula_spread": lambda w: figures.plot_formula_spread(
        pd.DataFrame([{"article": f"{o}-{k}", "label": outlet, "formula": f, "grade": 8 + o + k}
                      for o, outlet in enumerate(OUTLETS) for k in range(2) for f in ("smog_index", "gunning_fog")]),
        colors=COLORS, width=w),
    "heatmap": lambda w: figures.plot_heatmap(pd.DataFrame(np.eye(4), index=OUTLETS, columns=OUTLETS),
                                              title="Containment", xlabel="found in", note="blank: never compared",
                                              width=w),
    "coverage": lambda w: figures.plot_coverage(articles_table(), width=w),
}


def test_twenty_outlets_get_twenty_distinct_colour_blind_aware_colours():
    names = [f"Outlet {k:02d}" for k in range(20)]
    colors = figures.outlet_colors(names)
    assert len(set(colors.values())) == 20
    assert figures.outlet_colors(reversed(names)) == colors  # the same outlet, the same colour, any order
    assert list(colors.values())[:8] == figures.OKABE_ITO


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_phone_figures_keep_every_text_large_and_inside_the_canvas(name):
    for width, size in ((PHONE_WIDTH, PHONE_FONT_SIZE), (DESKTOP_WIDTH, DESKTOP_FONT_SIZE)):
        fig = build_figure(BUILDERS[name], width, size)
        assert fig.get_figwidth() == pytest.approx(width)
        assert smallest_text(fig) >= size, (name, width)
        drawn = fig.get_tightbbox(fig.canvas.get_renderer())  # everything drawn, in inches
        assert drawn.x0 >= -0.01 and drawn.y0 >= -0.01, (name, width, drawn)
        assert drawn.x1 <= fig.get_figwidth() + 0.01 and drawn.y1 <= fig.get_figheight() + 0.01, (name, width, drawn)


def test_the_legend_of_stacked_bars_covers_no_bar():
    fig = build_figure(BUILDERS["stacked_bars"], DESKTOP_WIDTH)
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    for bar in fig.axes[0].patches:
        assert not legend.overlaps(bar.get_window_extent(renderer))


def test_formula_spread_takes_the_mean_over_each_outlets_articles():
    fig = build_figure(BUILDERS["formula_spread"])
    first = fig.axes[0].collections[0]  # Alpha Post: articles graded 8 and 9 on every formula
    assert np.allclose(first.get_offsets()[:, 0], 8.5)


def test_alignment_draws_at_most_a_few_panels():
    fig = build_figure(BUILDERS["alignment"])
    panels = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(panels) == figures.MAX_PANELS and fig.get_figheight() < 12
    assert "of 66 pairs" in " ".join(fig._suptitle.get_text().split())


def test_differences_show_at_most_max_pairs_rows():
    groups = [f"Outlet {k:02d}" for k in range(20)]  # 190 pairs
    fig = figures.plot_differences(intervals_table(groups), "m", title="Differences", xlabel="x")
    title = " ".join(fig._suptitle.get_text().split())
    assert len(fig.axes[0].get_yticks()) == figures.MAX_PAIRS and "30 largest of 190 pairs" in title


def test_pairs_never_compared_stay_blank_not_full_containment():
    labels = {"a1": "Alpha Post", "a2": "Alpha Post", "b1": "Beta Daily", "c1": "Gamma Times"}
    pairs = pd.DataFrame({"article_a": ["a1", "a2"], "article_b": ["b1", "b1"], "a_in_b": [0.2, 0.4],
                          "b_in_a": [0.5, 0.7], "similarity": [0.3, 0.3]})
    matrix = figures.pair_matrix(pairs, labels, "a_in_b", "b_in_a")
    assert matrix.loc["Alpha Post", "Beta Daily"] == pytest.approx(0.3)  # mean over two article pairs
    assert matrix.loc["Beta Daily", "Alpha Post"] == pytest.approx(0.6)
    assert np.isnan(matrix.loc["Gamma Times", "Alpha Post"]) and np.isnan(matrix.loc["Beta Daily", "Beta Daily"])
    fig = figures.plot_heatmap(matrix, title="Containment")
    image = fig.axes[0].images[0].get_array()
    assert image.mask[2, 0] and not image.mask[0, 1]  # drawn blank, not as a value
    assert "1.00" not in [t.get_text() for t in fig.axes[0].texts]


def test_fact_sets_by_outlet_merge_articles_of_one_outlet():
    groups = pd.DataFrame({"articles": ["Beta + Alpha + Beta", "Alpha"], "n_articles": [3, 1]})
    merged = figures.fact_sets_by_outlet(groups)
    assert list(merged["articles"]) == ["Alpha + Beta", "Alpha"] and list(merged["n_articles"]) == [2, 1]


def test_coverage_counts_articles_per_outlet_per_day():
    fig = figures.plot_coverage(articles_table())
    counts = fig.axes[0].images[0].get_array()
    assert counts.shape == (4, 10) and counts.sum() == 12  # 12 articles over 1-10 October, one row per outlet


def test_strip_plots_draw_a_bounded_number_of_dots_whatever_the_number_of_outlets():
    # 40 outlets of 1,000 sentences: at most MAX_DOTS dots in all, a sample of each outlet's
    rng = np.random.default_rng(3)
    outlets = [f"Outlet {k:02d}" for k in range(40)]
    table = pd.DataFrame({"label": np.repeat(outlets, 1000), "value": rng.normal(size=40_000),
                          "article": np.repeat([f"a{k}" for k in range(400)], 100),
                          "index": np.tile(np.arange(100), 400), "compound": rng.uniform(-1, 1, 40_000)})
    colors = figures.outlet_colors(outlets)
    strip = figures.plot_distributions(table, "value", colors=colors, title="t", xlabel="x")
    arcs = figures.plot_arcs(table, "compound", colors=colors, title="t", ylabel="y")
    for fig in (strip, arcs):
        dots = [len(c.get_offsets()) for c in fig.axes[0].collections]
        assert len(dots) == 40 and sum(dots) <= figures.MAX_DOTS, dots
        assert min(dots) == figures.dots_per_group(40) == 100
    few = figures.plot_distributions(table[table["label"].isin(outlets[:4])], "value", colors=colors,
                                     title="t", xlabel="x")
    assert [len(c.get_offsets()) for c in few.axes[0].collections] == [figures.MAX_POINTS] * 4
