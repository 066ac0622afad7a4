"""Figures: one colour per outlet everywhere, colour-blind-safe, saved as PNG and SVG.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot state), so they render
the same in a notebook, a script or a test, and are returned for display. :func:`save_figure`
writes them deterministically: fixed SVG hash salt, no dates in the metadata.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from .paths import FIGURES_DIR

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

# Okabe & Ito (2008) palette, safe for the common colour-vision deficiencies
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NEUTRAL = "#666666"


def outlet_colors(labels: Iterable[str]) -> dict[str, str]:
    """The same colour for the same outlet in every figure: assigned in sorted label order."""
    ordered = sorted(dict.fromkeys(labels))
    return {label: OKABE_ITO[i % len(OKABE_ITO)] for i, label in enumerate(ordered)}


def short_label(label: str, width: int = 22) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def new_figure(width: float = 7.5, height: float = 4.0) -> "Figure":
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def save_figure(fig: "Figure", name: str, out_dir: str | Path | None = None) -> list[Path]:
    """Write ``name``.png and ``name``.svg into ``out_dir`` (default: the project's figures/)."""
    import matplotlib

    out = Path(out_dir) if out_dir is not None else FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with matplotlib.rc_context({"svg.hashsalt": "comparative-media-analysis", "svg.fonttype": "path"}):
        fig.savefig(paths[0], dpi=150, metadata={"Software": None})
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def _dot_interval_axes(ax, labels: Sequence[str], estimates, lows, highs, colors: dict[str, str]) -> None:
    for y, (label, est, lo, hi) in enumerate(zip(labels, estimates, lows, highs)):
        color = colors.get(label, NEUTRAL)
        ax.plot([lo, hi], [y, y], color=color, linewidth=3, solid_capstyle="round", alpha=0.8)
        ax.plot([est], [y], "o", color=color, markersize=9, markeredgecolor="white")
    ax.set_yticks(range(len(labels)), [short_label(lb) for lb in labels])
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def plot_group_intervals(table: "pd.DataFrame", measure: str, *, colors: dict[str, str],
                         title: str, xlabel: str) -> "Figure":
    """Estimate and 95% bootstrap interval for each outlet (rows of kind 'group')."""
    rows = table[(table["measure"] == measure) & (table["kind"] == "group")]
    fig = new_figure(7.5, 1.2 + 0.55 * len(rows))
    ax = fig.add_subplot()
    _dot_interval_axes(ax, list(rows["group"]), rows["estimate"], rows["ci_low"], rows["ci_high"], colors)
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    return fig


def plot_differences(table: "pd.DataFrame", measure: str, *, title: str, xlabel: str) -> "Figure":
    """Pairwise differences with intervals; a line at zero shows which pairs the data separate."""
    rows = table[(table["measure"] == measure) & (table["kind"] == "difference")]
    labels = [f"{short_label(b, 14)} − {short_label(a, 14)}" for a, b in zip(rows["other"], rows["group"])]
    fig = new_figure(7.5, 1.2 + 0.5 * max(len(rows), 1))
    ax = fig.add_subplot()
    if len(rows):
        colors = {lb: ("#0072B2" if sep is True else NEUTRAL) for lb, sep in zip(labels, rows["separable"])}
        _dot_interval_axes(ax, labels, rows["estimate"], rows["ci_low"], rows["ci_high"], colors)
    else:
        ax.text(0.5, 0.5, "only one outlet: nothing to compare", ha="center", va="center",
                transform=ax.transAxes)
    ax.axvline(0, color="black", linewidth=1)
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    return fig


def plot_distributions(table: "pd.DataFrame", column: str, *, colors: dict[str, str], title: str,
                       xlabel: str, group: str = "label") -> "Figure":
    """Box plot with every observation as a dot, one row per outlet."""
    labels = sorted(table[group].dropna().unique())
    fig = new_figure(7.5, 1.2 + 0.6 * max(len(labels), 1))
    ax = fig.add_subplot()
    data = [table.loc[table[group] == lb, column].dropna().to_numpy() for lb in labels]
    if labels:
        box = ax.boxplot(data, vert=False, widths=0.5, patch_artist=True, showfliers=False)
        for patch, lb in zip(box["boxes"], labels):
            patch.set_facecolor(colors.get(lb, NEUTRAL))
            patch.set_alpha(0.35)
        rng = np.random.default_rng(0)  # jitter only; fixed so figures are reproducible
        for i, (lb, values) in enumerate(zip(labels, data), start=1):
            ax.scatter(values, i + rng.uniform(-0.15, 0.15, len(values)), s=12,
                       color=colors.get(lb, NEUTRAL), alpha=0.8, zorder=3)
        ax.set_yticks(range(1, len(labels) + 1), [short_label(lb) for lb in labels])
        ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_arcs(table: "pd.DataFrame", column: str, *, colors: dict[str, str], title: str,
              ylabel: str, window: int = 5) -> "Figure":
    """Value of each sentence against its relative position in the article, with a rolling mean."""
    fig = new_figure(7.5, 3.8)
    ax = fig.add_subplot()
    for label, rows in table.groupby("label", sort=True):
        for _, art in rows.groupby("article", sort=True):
            art = art.sort_values("index")
            n = len(art)
            pos = (np.arange(n) + 0.5) / n if n else []
            color = colors.get(label, NEUTRAL)
            ax.scatter(pos, art[column], s=10, color=color, alpha=0.35)
            smooth = art[column].rolling(window, center=True, min_periods=1).mean()
            ax.plot(pos, smooth, color=color, linewidth=2, label=short_label(label))
    ax.axhline(0, color="black", linewidth=0.8, alpha=0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (0 = start, 1 = end)")
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=11)
    ax.legend(frameon=False, fontsize=8, loc="best")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_stacked_bars(table: "pd.DataFrame", columns: Sequence[str], *, colors: dict[str, str],
                      title: str, xlabel: str, names: Sequence[str] | None = None) -> "Figure":
    """Horizontal stacked bars per outlet (row label in ``table['label']``): first segment in
    the outlet's colour, later segments lighter."""
    fig = new_figure(7.5, 1.3 + 0.55 * max(len(table), 1))
    ax = fig.add_subplot()
    labels = list(table["label"])
    left = np.zeros(len(table))
    alphas = np.linspace(1.0, 0.35, len(columns))
    for column, alpha, name in zip(columns, alphas, names or columns):
        values = table[column].to_numpy(dtype=float)
        ax.barh(range(len(labels)), values, left=left, alpha=alpha, label=name,
                color=[colors.get(lb, NEUTRAL) for lb in labels], edgecolor="white")
        left += values
    ax.set_yticks(range(len(labels)), [short_label(lb) for lb in labels])
    ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=11)
    ax.set_xlabel(xlabel)
    if len(columns) > 1:
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_alignment(matches: "pd.DataFrame", sizes: dict[str, int], *, title: str) -> "Figure":
    """One panel per pair of articles: aligned sentence positions of A (x) against B (y); a
    diagonal run means the shared facts come in the same order (a sign of copying)."""
    pairs = list(dict.fromkeys(zip(matches["article_a"], matches["article_b"])))
    n = max(len(pairs), 1)
    fig = new_figure(3.2 * min(n, 3), 3.2 * ((n + 2) // 3))
    for k, (a, b) in enumerate(pairs):
        ax = fig.add_subplot((n + 2) // 3, min(n, 3), k + 1)
        rows = matches[(matches["article_a"] == a) & (matches["article_b"] == b)]
        points = ax.scatter(rows["sentence_a"], rows["sentence_b"], c=rows["similarity"], cmap="cividis",
                            vmin=0, vmax=1, s=22)
        ax.set_xlim(-1, sizes.get(a, 1))
        ax.set_ylim(-1, sizes.get(b, 1))
        ax.set_xlabel(f"sentence of {short_label(a, 16)}", fontsize=8)
        ax.set_ylabel(f"sentence of {short_label(b, 16)}", fontsize=8)
        ax.tick_params(labelsize=7)
    if not pairs:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "no aligned sentences", ha="center", va="center", transform=ax.transAxes)
    else:
        fig.colorbar(points, ax=fig.axes, shrink=0.7, label="similarity")
    fig.suptitle(title, fontsize=11)
    return fig


def plot_fact_sets(groups: "pd.DataFrame", *, title: str) -> "Figure":
    """UpSet-style bars: how many facts each combination of articles reports (alone = unique)."""
    counts = groups.groupby(["articles", "n_articles"]).size().rename("facts").reset_index()
    counts = counts.sort_values(["n_articles", "facts"], ascending=[False, False])
    fig = new_figure(7.5, 1.3 + 0.4 * max(len(counts), 1))
    ax = fig.add_subplot()
    colors = ["#0072B2" if k > 1 else NEUTRAL for k in counts["n_articles"]]
    ax.barh(range(len(counts)), counts["facts"], color=colors)
    for y, value in enumerate(counts["facts"]):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.set_yticks(range(len(counts)), [short_label(c, 60) for c in counts["articles"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("facts (groups of aligned sentences); grey = reported by one article only")
    fig.suptitle(title, x=0.02, ha="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_summary(grade: "pd.DataFrame", tone: "pd.DataFrame", frames: "pd.DataFrame",
                 unique_share: dict[str, float], *, colors: dict[str, str]) -> "Figure":
    """Small multiples of the key measures, one colour per outlet throughout."""
    labels = sorted(colors)
    fig = new_figure(10, 2.2 + 0.9 * len(labels))
    axes = fig.subplots(1, 4, sharey=True)
    g = grade[(grade["kind"] == "group")].set_index("group").reindex(labels)
    _dot_interval_axes(axes[0], labels, g["estimate"], g["ci_low"], g["ci_high"], colors)
    axes[0].set_title("Grade level", fontsize=10)
    t = tone[(tone["kind"] == "group") & (tone["measure"] == "mean_compound_all")].set_index("group").reindex(labels)
    _dot_interval_axes(axes[1], labels, t["estimate"], t["ci_low"], t["ci_high"], colors)
    axes[1].axvline(0, color="black", linewidth=0.8)
    axes[1].set_title("Mean sentence sentiment", fontsize=10)
    frame_names = list(dict.fromkeys(frames["frame"]))
    matrix = np.array([frames[frames["label"] == label].groupby("frame", sort=False)["frame_present"]
                       .mean().reindex(frame_names).to_numpy(dtype=float) for label in labels])
    axes[2].imshow(matrix, aspect="auto", cmap="cividis", vmin=0, vmax=1,
                   extent=(-0.5, len(frame_names) - 0.5, len(labels) - 0.5, -0.5))
    for (k, f), value in np.ndenumerate(matrix):
        axes[2].text(f, k, f"{value:.1f}", ha="center", va="center", fontsize=8,
                     color="black" if value > 0.5 else "white")
    axes[2].set_xlim(-0.5, len(frame_names) - 0.5)
    axes[2].set_xticks(range(len(frame_names)), [f.replace("_", " ") for f in frame_names], fontsize=7,
                       rotation=40, ha="right")
    axes[2].set_title("Frames (share yes)", fontsize=10)
    values = [unique_share.get(lb, 0) for lb in labels]
    axes[3].barh(range(len(labels)), values, color=[colors[lb] for lb in labels])
    axes[3].set_xlim(0, 1)
    axes[3].set_title("Unique content", fontsize=10)
    for ax in axes[2:]:
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle("The comparison at a glance (intervals: 95% bootstrap over sentences)", x=0.02, ha="left", fontsize=11)
    return fig


def plot_formula_spread(spread: "pd.DataFrame", *, colors: dict[str, str]) -> "Figure":
    """Every grade formula's value per outlet: how far the formulas disagree."""
    formulas = sorted(spread["formula"].unique())
    labels = sorted(spread["label"].unique())
    fig = new_figure(7.5, 1.4 + 0.45 * len(formulas))
    ax = fig.add_subplot()
    offsets = np.linspace(-0.25, 0.25, max(len(labels), 1))
    for off, label in zip(offsets, labels):
        rows = spread[spread["label"] == label].set_index("formula").reindex(formulas)
        ax.scatter(rows["grade"], np.arange(len(formulas)) + off, color=colors.get(label, NEUTRAL),
                   s=40, label=short_label(label), zorder=3)
    ax.set_yticks(range(len(formulas)), [f.replace("_", " ") for f in formulas])
    ax.invert_yaxis()
    ax.set_xlabel("US school grade")
    ax.set_title("Each formula gives a different grade for the same article", loc="left", fontsize=11)
    ax.legend(frameon=False, fontsize=8, loc="best")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_heatmap(matrix: "pd.DataFrame", *, title: str, cmap: str = "cividis", fmt: str = "{:.2f}",
                 vmin: float | None = 0.0, vmax: float | None = 1.0, xlabel: str = "", ylabel: str = "") -> "Figure":
    """Annotated heatmap of a small matrix (rows x columns)."""
    fig = new_figure(max(6.0, 2.6 + 1.0 * matrix.shape[1]), 1.8 + 0.55 * matrix.shape[0])
    ax = fig.add_subplot()
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [short_label(str(c), 16) for c in matrix.columns],
                  rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [short_label(str(r), 22) for r in matrix.index])
    lo = vmin if vmin is not None else np.nanmin(values)
    hi = vmax if vmax is not None else np.nanmax(values)
    for (i, j), value in np.ndenumerate(values):
        if np.isfinite(value):
            dark = (value - lo) / ((hi - lo) or 1) < 0.5
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=9,
                    color="white" if dark else "black")
    fig.colorbar(image, ax=ax, shrink=0.8)
    fig.suptitle(title, x=0.02, ha="left", fontsize=11)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig

