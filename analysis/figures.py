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

# Okabe & Ito (2008), safe for the common colour-vision deficiencies, then Paul Tol's "muted"
# and "light" schemes (https://personal.sron.nl/~pault/) for corpora with up to 20 outlets: each
# outlet keeps one distinct colour in every figure; beyond 20 colours repeat and the names on the
# axes tell outlets apart.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TOL_EXTRA = ["#332288", "#CC6677", "#117733", "#DDCC77", "#882255", "#44AA99", "#999933", "#AA4499",
             "#88CCEE", "#EE8866", "#BBCC33", "#FFAABB"]
PALETTE = OKABE_ITO + TOL_EXTRA
NEUTRAL = "#666666"

# Figures are drawn twice: at DESKTOP_WIDTH inches for the page and the saved PNG/SVG, and at
# PHONE_WIDTH with PHONE_FONT_SIZE points for screens under 40em, where the image is scaled to
# about 360 CSS pixels: 12 pt at 150 dpi on a 3.6 in figure shown 360 px wide is 16.7 px, no
# smaller than the body text. Every text of a figure uses the base font size (none smaller).
DESKTOP_WIDTH = 7.5
PHONE_WIDTH = 3.6
DESKTOP_FONT_SIZE = 10.0
PHONE_FONT_SIZE = 12.0
DPI = 150
MAX_PAIRS = 30  # pairwise-difference rows drawn; the full table is in the CSV
MAX_PANELS = 6  # alignment panels drawn (the pairs with most aligned sentences)
MAX_POINTS = 400  # dots per outlet in a strip plot (a fixed random sample beyond)
# dots in a strip plot over all outlets: with dozens of outlets, 400 dots a row blur into a band
# and make the page heavy (every dot is drawn twice, for desktop and phone, and kept in the SVG)
MAX_DOTS = 4000


def dots_per_group(n_groups: int, max_points: int = MAX_POINTS) -> int:
    """Dots drawn per outlet: ``max_points``, fewer when many outlets share ``MAX_DOTS``."""
    return min(max_points, max(50, MAX_DOTS // max(n_groups, 1)))


def outlet_colors(labels: Iterable[str]) -> dict[str, str]:
    """The same colour for the same outlet in every figure: assigned in sorted label order, 20
    distinct colour-blind-aware colours before any repeats."""
    ordered = sorted(dict.fromkeys(labels))
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(ordered)}


def short_label(label: str, width: int = 22) -> str:
    label = str(label)
    return label if len(label) <= width else label[: width - 1] + "…"


def _title(ax_or_fig, text: str) -> None:
    """The figure's title, bold, from its left edge, wrapped to its width (never past the canvas)."""
    import textwrap

    fig = ax_or_fig if hasattr(ax_or_fig, "suptitle") else ax_or_fig.figure
    chars = max(24, int(0.92 * fig.get_figwidth() * 72 / (0.62 * _font_size())))
    fig.suptitle(textwrap.fill(text, chars), x=0.02, ha="left", fontsize=_font_size(), fontweight="bold")


def _wrap(text: str, fig) -> str:
    """``text`` wrapped to the width of the plot area (about half of a phone figure, beside the
    row labels) at the base font size: axis labels never run past the canvas."""
    import textwrap

    share = 0.5 if fig.get_figwidth() < 5 else 0.7
    return textwrap.fill(text, max(16, int(share * fig.get_figwidth() * 72 / (0.6 * _font_size()))))


def _font_size() -> float:
    import matplotlib

    return float(matplotlib.rcParams["font.size"])


def new_figure(width: float = DESKTOP_WIDTH, height: float = 4.0) -> "Figure":
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)  # a real canvas: layout and text extents can be measured before saving
    return fig


def _row_height() -> float:
    """Inches per row of labels at the current font size."""
    return 0.045 * _font_size() + 0.1


def figure_style(font_size: float = DESKTOP_FONT_SIZE):
    """A matplotlib rc context in which every text is ``font_size`` points."""
    import matplotlib

    keys = ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize", "ytick.labelsize",
            "legend.fontsize", "figure.titlesize", "legend.title_fontsize")
    return matplotlib.rc_context({key: font_size for key in keys})


def build_figure(build, width: float = DESKTOP_WIDTH, font_size: float = DESKTOP_FONT_SIZE) -> "Figure":
    """``build(width)`` drawn with every text at ``font_size`` points, laid out."""
    with figure_style(font_size):
        fig = build(width)
        fig.canvas.draw()
    return fig


def smallest_text(fig: "Figure") -> float:
    """The smallest font size (points) of any visible text in ``fig``."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) if sizes else float("inf")


def save_figure(fig: "Figure", name: str, out_dir: str | Path | None = None, *, svg: bool = True) -> list[Path]:
    """Write ``name``.png (and ``name``.svg) into ``out_dir`` (default: the project's figures/)."""
    import matplotlib

    out = Path(out_dir) if out_dir is not None else FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png"] + ([out / f"{name}.svg"] if svg else [])
    with matplotlib.rc_context({"svg.hashsalt": "comparative-media-analysis", "svg.fonttype": "path"}):
        fig.savefig(paths[0], dpi=DPI, metadata={"Software": None})
        if svg:
            fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def _dot_interval_axes(ax, labels: Sequence[str], estimates, lows, highs, colors: dict[str, str],
                       width: int = 22) -> None:
    for y, (label, est, lo, hi) in enumerate(zip(labels, estimates, lows, highs)):
        color = colors.get(label, NEUTRAL)
        ax.plot([lo, hi], [y, y], color=color, linewidth=3, solid_capstyle="round", alpha=0.8)
        ax.plot([est], [y], "o", color=color, markersize=9, markeredgecolor="white")
    ax.set_yticks(range(len(labels)), [short_label(lb, width) for lb in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def _label_width(width: float) -> int:
    """Characters of a row label that fit beside a plot ``width`` inches wide."""
    return 14 if width < 5 else 22


def plot_group_intervals(table: "pd.DataFrame", measure: str, *, colors: dict[str, str],
                         title: str, xlabel: str, width: float = DESKTOP_WIDTH) -> "Figure":
    """Estimate and 95% bootstrap interval for each outlet (rows of kind 'group')."""
    rows = table[(table["measure"] == measure) & (table["kind"] == "group")]
    fig = new_figure(width, 1.6 + _row_height() * max(len(rows), 1))
    ax = fig.add_subplot()
    _dot_interval_axes(ax, list(rows["group"]), rows["estimate"], rows["ci_low"], rows["ci_high"], colors,
                       _label_width(width))
    _title(ax, title)
    ax.set_xlabel(_wrap(xlabel, fig))
    return fig


def plot_differences(table: "pd.DataFrame", measure: str, *, title: str, xlabel: str,
                     width: float = DESKTOP_WIDTH, max_pairs: int = MAX_PAIRS) -> "Figure":
    """Pairwise differences with intervals; a line at zero shows which pairs the data separate.
    With many outlets, the ``max_pairs`` largest differences (the rest are in the table)."""
    rows = table[(table["measure"] == measure) & (table["kind"] == "difference")]
    total = len(rows)
    if total > max_pairs:
        rows = rows.loc[rows["estimate"].abs().sort_values(ascending=False).index[:max_pairs]]
        title = f"{title} ({max_pairs} largest of {total} pairs)"
    w = 10 if width < 5 else 14
    labels = [f"{short_label(b, w)} − {short_label(a, w)}" for a, b in zip(rows["other"], rows["group"])]
    fig = new_figure(width, 1.6 + _row_height() * max(len(rows), 1))
    ax = fig.add_subplot()
    if len(rows):
        colors = {lb: ("#0072B2" if sep is True else NEUTRAL) for lb, sep in zip(labels, rows["separable"])}
        _dot_interval_axes(ax, labels, rows["estimate"], rows["ci_low"], rows["ci_high"], colors, 2 * w + 3)
    else:
        ax.text(0.5, 0.5, "only one outlet: nothing to compare", ha="center", va="center",
                transform=ax.transAxes)
    ax.axvline(0, color="black", linewidth=1)
    _title(ax, title)
    ax.set_xlabel(_wrap(xlabel, fig))
    return fig


def plot_distributions(table: "pd.DataFrame", column: str, *, colors: dict[str, str], title: str,
                       xlabel: str, group: str = "label", width: float = DESKTOP_WIDTH,
                       max_points: int = MAX_POINTS) -> "Figure":
    """Box plot per outlet with the observations (articles or sentences) as dots: a fixed random
    sample of ``max_points`` per outlet when there are more (fewer with many outlets, see
    :func:`dots_per_group`)."""
    labels = sorted(table[group].dropna().unique())
    fig = new_figure(width, 1.6 + _row_height() * 1.2 * max(len(labels), 1))
    ax = fig.add_subplot()
    values = table.groupby(group)[column]
    data = [values.get_group(lb).dropna().to_numpy(dtype=float) for lb in labels]
    if labels:
        import matplotlib

        # matplotlib 3.10 renamed vert=False to orientation="horizontal" (vert warns from 3.11)
        sideways = ({"orientation": "horizontal"} if tuple(map(int, matplotlib.__version__.split(".")[:2])) >= (3, 10)
                    else {"vert": False})
        box = ax.boxplot(data, widths=0.5, patch_artist=True, showfliers=False, **sideways)
        for patch, lb in zip(box["boxes"], labels):
            patch.set_facecolor(colors.get(lb, NEUTRAL))
            patch.set_alpha(0.35)
        rng = np.random.default_rng(0)  # jitter and sampling only; fixed so figures are reproducible
        per_group = dots_per_group(len(labels), max_points)
        for i, (lb, points) in enumerate(zip(labels, data), start=1):
            if len(points) > per_group:
                points = rng.choice(points, per_group, replace=False)
            ax.scatter(points, i + rng.uniform(-0.15, 0.15, len(points)), s=12,
                       color=colors.get(lb, NEUTRAL), alpha=0.8 if len(points) < 50 else 0.4, zorder=3)
        ax.set_yticks(range(1, len(labels) + 1), [short_label(lb, _label_width(width)) for lb in labels])
        ax.set_ylim(len(labels) + 0.5, 0.5)
    _title(ax, title)
    ax.set_xlabel(_wrap(xlabel, fig))
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_arcs(table: "pd.DataFrame", column: str, *, colors: dict[str, str], title: str,
              ylabel: str, bins: int = 10, width: float = DESKTOP_WIDTH) -> "Figure":
    """Value of each sentence against its relative position in its article (dots), and each
    outlet's mean per tenth of the article over all its articles (line)."""
    fig = new_figure(width, 3.2 + 0.25 * width)
    ax = fig.add_subplot()
    rng = np.random.default_rng(0)
    frame = table[["label", "article", "index", column]].dropna(subset=[column]).sort_values(["article", "index"])
    order = frame.groupby("article").cumcount()
    size = frame.groupby("article")["index"].transform("size")
    frame = frame.assign(position=(order + 0.5) / size)
    frame = frame.assign(bin=np.minimum((frame["position"] * bins).astype(int), bins - 1))
    per_group = dots_per_group(frame["label"].nunique())
    for label, rows in frame.groupby("label", sort=True):
        color = colors.get(label, NEUTRAL)
        dots = rows if len(rows) <= per_group else rows.iloc[np.sort(rng.choice(len(rows), per_group, replace=False))]
        ax.scatter(dots["position"], dots[column], s=10, color=color, alpha=0.3)
        means = rows.groupby("bin")[column].mean()
        ax.plot((means.index + 0.5) / bins, means.to_numpy(), color=color, linewidth=2.2,
                label=short_label(label, _label_width(width)))
    ax.axhline(0, color="black", linewidth=0.8, alpha=0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel(_wrap("position in the article (0 = start, 1 = end)", fig))
    ax.set_ylabel(ylabel)
    _title(ax, title)
    if frame["label"].nunique() <= 8:
        fig.legend(frameon=False, loc="outside lower center", ncols=2 if width < 5 else 4)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_stacked_bars(table: "pd.DataFrame", columns: Sequence[str], *, colors: dict[str, str],
                      title: str, xlabel: str, names: Sequence[str] | None = None,
                      width: float = DESKTOP_WIDTH) -> "Figure":
    """Horizontal stacked bars per outlet (row label in ``table['label']``): first segment in
    the outlet's colour, later segments lighter; the legend sits below the plot, never on a bar."""
    fig = new_figure(width, 1.9 + _row_height() * max(len(table), 1))
    ax = fig.add_subplot()
    labels = list(table["label"])
    left = np.zeros(len(table))
    alphas = np.linspace(1.0, 0.35, len(columns))
    for column, alpha, name in zip(columns, alphas, names or columns):
        values = table[column].to_numpy(dtype=float)
        ax.barh(range(len(labels)), values, left=left, alpha=alpha, label=name,
                color=[colors.get(lb, NEUTRAL) for lb in labels], edgecolor="white")
        left += values
    ax.set_yticks(range(len(labels)), [short_label(lb, _label_width(width)) for lb in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    _title(ax, title)
    ax.set_xlabel(_wrap(xlabel, fig))
    if len(columns) > 1:
        from matplotlib.patches import Patch

        handles = [Patch(color="#555555", alpha=a, label=n) for a, n in zip(alphas, names or columns)]
        fig.legend(handles=handles, frameon=False, loc="outside lower center",
                   ncols=1 if width < 5 else len(columns))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_alignment(matches: "pd.DataFrame", sizes: dict[str, int], *, title: str,
                   names: dict[str, str] | None = None, width: float = DESKTOP_WIDTH,
                   max_panels: int = MAX_PANELS) -> "Figure":
    """One panel per pair of articles, for the ``max_panels`` pairs with most aligned sentences:
    aligned sentence positions of A (x) against B (y); a diagonal run means the shared facts come
    in the same order (a sign of copying)."""
    names = names or {}
    counts = matches.groupby(["article_a", "article_b"], sort=False).size().sort_values(ascending=False, kind="stable")
    pairs = list(counts.index[:max_panels])
    if len(counts) > max_panels:
        title = f"{title} ({max_panels} of {len(counts)} pairs: those with most aligned sentences)"
    n = max(len(pairs), 1)
    ncols = 1 if width < 5 else min(n, 3)
    nrows = (n + ncols - 1) // ncols
    panel = width / ncols
    fig = new_figure(width, panel * nrows + 0.8)
    grouped = matches.groupby(["article_a", "article_b"], sort=False)
    points = None
    for k, (a, b) in enumerate(pairs):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        rows = grouped.get_group((a, b))
        points = ax.scatter(rows["sentence_a"], rows["sentence_b"], c=rows["similarity"], cmap="cividis",
                            vmin=0, vmax=1, s=22)
        ax.set_xlim(-1, sizes.get(a, 1))
        ax.set_ylim(-1, sizes.get(b, 1))
        ax.set_xlabel(short_label(names.get(a, a), 16))
        ax.set_ylabel(short_label(names.get(b, b), 16))
    if not pairs:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "no aligned sentences", ha="center", va="center", transform=ax.transAxes)
    else:
        fig.colorbar(points, ax=fig.axes, shrink=0.7, label="similarity")
    _title(fig, title)
    return fig


def plot_fact_sets(groups: "pd.DataFrame", *, title: str, width: float = DESKTOP_WIDTH,
                   top: int = 15) -> "Figure":
    """UpSet-style bars: how many facts each combination of articles reports (alone = unique);
    the ``top`` most frequent combinations."""
    counts = groups.groupby(["articles", "n_articles"]).size().rename("facts").reset_index()
    counts = counts.sort_values(["facts", "n_articles"], ascending=[False, False]).head(top)
    counts = counts.sort_values(["n_articles", "facts"], ascending=[False, False])
    fig = new_figure(width, 2.0 + _row_height() * max(len(counts), 1))
    ax = fig.add_subplot()
    colors = ["#0072B2" if k > 1 else NEUTRAL for k in counts["n_articles"]]
    ax.barh(range(len(counts)), counts["facts"], color=colors)
    for y, value in enumerate(counts["facts"]):
        ax.text(value, y, f" {value}", va="center")
    ax.set_yticks(range(len(counts)), [short_label(c, 20 if width < 5 else 44) for c in counts["articles"]])
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlabel(_wrap("facts (groups of aligned sentences); blue: shared, grey: one article only", fig))
    ax.margins(x=0.12)
    _title(fig, title)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_summary(grade: "pd.DataFrame", tone: "pd.DataFrame", frames: "pd.DataFrame",
                 unique_share: dict[str, float], *, colors: dict[str, str],
                 width: float = DESKTOP_WIDTH, interval_note: str = "95% bootstrap interval",
                 unique: "pd.DataFrame | None" = None) -> "Figure":
    """Small multiples of the key measures, one colour per outlet throughout (2 x 2 panels; one
    column on a phone). ``unique``: unique content intervals (rows of kind 'group'), drawn as
    dots and bars instead of the bars of ``unique_share``."""
    labels = sorted(colors)
    phone = width < 5
    rows_h = 1.0 + _row_height() * len(labels)
    fig = new_figure(width, (4 if phone else 2) * rows_h + 1.6 + (1.0 if phone else 0.6))
    axes = fig.subplots(4, 1) if phone else fig.subplots(2, 2).ravel()
    lw = 12 if phone else 16
    g = grade[(grade["kind"] == "group")].set_index("group").reindex(labels)
    _dot_interval_axes(axes[0], labels, g["estimate"], g["ci_low"], g["ci_high"], colors, lw)
    axes[0].set_title("Grade level", loc="left")
    t = tone[(tone["kind"] == "group") & (tone["measure"] == "mean_compound_all")].set_index("group").reindex(labels)
    _dot_interval_axes(axes[1], labels, t["estimate"], t["ci_low"], t["ci_high"], colors, lw)
    axes[1].axvline(0, color="black", linewidth=0.8)
    axes[1].set_title("Mean sentence sentiment", loc="left")
    frame_names = list(dict.fromkeys(frames["frame"]))
    means = frames.groupby(["label", "frame"])["frame_present"].mean().unstack("frame")
    matrix = means.reindex(index=labels, columns=frame_names).to_numpy(dtype=float)
    axes[2].imshow(matrix, aspect="auto", cmap="cividis", vmin=0, vmax=1,
                   extent=(-0.5, len(frame_names) - 0.5, len(labels) - 0.5, -0.5))
    if len(labels) * len(frame_names) <= 60:
        for (k, f), value in np.ndenumerate(matrix):
            if np.isfinite(value):
                axes[2].text(f, k, f"{value:.1f}", ha="center", va="center",
                             color="black" if value > 0.5 else "white")
    axes[2].set_xlim(-0.5, len(frame_names) - 0.5)
    axes[2].set_xticks(range(len(frame_names)), [f.replace("_", " ").split()[0] for f in frame_names],
                       rotation=35, ha="right")
    axes[2].set_yticks(range(len(labels)), [short_label(lb, lw) for lb in labels])
    axes[2].set_title("Frames (share yes)", loc="left")
    if unique is not None:
        u = unique[unique["kind"] == "group"].set_index("group").reindex(labels)
        _dot_interval_axes(axes[3], labels, u["estimate"], u["ci_low"], u["ci_high"], colors, lw)
    else:
        values = [unique_share.get(lb, 0) for lb in labels]
        axes[3].barh(range(len(labels)), values, color=[colors[lb] for lb in labels])
        axes[3].set_yticks(range(len(labels)), [short_label(lb, lw) for lb in labels])
        axes[3].set_ylim(len(labels) - 0.5, -0.5)
    axes[3].set_xlim(0, 1)
    axes[3].set_title("Unique content (share)", loc="left")
    for ax in axes[2:]:
        ax.spines[["top", "right"]].set_visible(False)
    _title(fig, f"The comparison at a glance (dots: estimates; bars: {interval_note})")
    return fig


def plot_formula_spread(spread: "pd.DataFrame", *, colors: dict[str, str], width: float = DESKTOP_WIDTH) -> "Figure":
    """Every grade formula's value per outlet (the mean over its articles): how far the formulas
    disagree."""
    formulas = sorted(spread["formula"].unique())
    labels = sorted(spread["label"].unique())
    means = spread.groupby(["label", "formula"])["grade"].mean()
    fig = new_figure(width, 2.0 + _row_height() * len(formulas) * max(1, len(labels) / 6))
    ax = fig.add_subplot()
    offsets = np.linspace(-0.3, 0.3, max(len(labels), 1)) if len(labels) > 1 else [0.0]
    for off, label in zip(offsets, labels):
        rows = means.loc[label].reindex(formulas)
        ax.scatter(rows.to_numpy(), np.arange(len(formulas)) + off, color=colors.get(label, NEUTRAL),
                   s=40, label=short_label(label, _label_width(width)), zorder=3)
    ax.set_yticks(range(len(formulas)), [f.replace("_", " ") for f in formulas])
    ax.set_ylim(len(formulas) - 0.5, -0.5)
    several = spread.groupby("label")["article"].nunique().max() > 1
    ax.set_xlabel(_wrap("US school grade" + (" (mean over each outlet's articles)" if several else ""), fig))
    _title(ax, "Each formula gives a different grade for the same text")
    if len(labels) <= 10:
        fig.legend(frameon=False, loc="outside lower center", ncols=2 if width < 5 else min(len(labels), 5))
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_heatmap(matrix: "pd.DataFrame", *, title: str, cmap: str = "cividis", fmt: str = "{:.2f}",
                 vmin: float | None = 0.0, vmax: float | None = 1.0, xlabel: str = "", ylabel: str = "",
                 width: float = DESKTOP_WIDTH, note: str | None = None) -> "Figure":
    """Annotated heatmap (rows x columns). Missing cells (NaN: never compared) stay blank and are
    never coloured as a value; cells are annotated while they are few enough to read."""
    import matplotlib

    rows, cols = matrix.shape
    label_w = 12 if width < 5 else 20
    longest = min(label_w, max((len(str(c)) for c in matrix.columns), default=4))
    # rows, plus the column labels rotated by 40 degrees below them (about 0.6 em a character)
    fig = new_figure(width, 1.9 + _row_height() * max(rows, 1) + 0.6 * _font_size() / 72 * 0.65 * longest)
    ax = fig.add_subplot()
    values = matrix.to_numpy(dtype=float)
    colormap = matplotlib.colormaps[cmap].with_extremes(bad="white")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=colormap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_xticks(range(cols), [short_label(str(c), label_w) for c in matrix.columns], rotation=40, ha="right")
    ax.set_yticks(range(rows), [short_label(str(r), label_w) for r in matrix.index])
    finite = values[np.isfinite(values)]
    lo = vmin if vmin is not None else (finite.min() if finite.size else 0)
    hi = vmax if vmax is not None else (finite.max() if finite.size else 1)
    if cols <= (4 if width < 5 else 10) and rows <= 25:
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                dark = (value - lo) / ((hi - lo) or 1) < 0.5
                ax.text(j, i, fmt.format(value), ha="center", va="center", color="white" if dark else "black")
    fig.colorbar(image, ax=ax, shrink=0.8)
    _title(fig, title)
    ax.set_xlabel(_wrap(xlabel + (f" ({note})" if note else ""), fig) if xlabel or note else "")
    ax.set_ylabel(ylabel)
    return fig


def plot_coverage(articles: "pd.DataFrame", *, width: float = DESKTOP_WIDTH) -> "Figure":
    """Articles per outlet per day (spans up to 31 days), week (up to a year) or month: a row per
    outlet, one cell per period, blank when the outlet published nothing that period."""
    import pandas as pd

    dated = articles.assign(when=pd.to_datetime(articles["date"], errors="coerce")).dropna(subset=["when"])
    span = (dated["when"].max() - dated["when"].min()).days if len(dated) else 0
    freq, unit = ("D", "day") if span <= 31 else (("W-MON", "week") if span <= 366 else ("MS", "month"))
    period = dated["when"].dt.to_period({"D": "D", "W-MON": "W-SUN", "MS": "M"}[freq]).dt.start_time
    table = dated.assign(period=period).pivot_table(index="label", columns="period", values="id",
                                                    aggfunc="size", fill_value=0)
    table = table.reindex(columns=pd.date_range(table.columns.min(), table.columns.max(), freq=freq), fill_value=0)
    labels = sorted(table.index)
    table = table.reindex(labels)
    fig = new_figure(width, 2.2 + _row_height() * max(len(labels), 1))
    ax = fig.add_subplot()
    values = np.array(table.to_numpy(dtype=float))
    values[values == 0] = np.nan
    import matplotlib

    image = ax.imshow(np.ma.masked_invalid(values), aspect="auto",
                      cmap=matplotlib.colormaps["cividis_r"].with_extremes(bad="#f4f4f4"),
                      vmin=0, vmax=max(1.0, np.nanmax(values) if np.isfinite(values).any() else 1.0))
    step = max(1, int(np.ceil(table.shape[1] / (4 if width < 5 else 10))))
    ticks = list(range(0, table.shape[1], step))
    fmt = "%d %b" if unit != "month" else "%b %Y"
    ax.set_xticks(ticks, [table.columns[k].strftime(fmt) for k in ticks], rotation=40, ha="right")
    ax.set_yticks(range(len(labels)), [short_label(lb, _label_width(width)) for lb in labels])
    fig.colorbar(image, ax=ax, shrink=0.8, label="articles")
    ax.set_xlabel(f"{unit} (grey: no article)")
    _title(fig, f"Articles per outlet per {unit}")
    return fig


def pair_matrix(pairs: "pd.DataFrame", labels: dict[str, str], forward: str, backward: str | None = None) -> "pd.DataFrame":
    """Outlet x outlet matrix from a table of article pairs (``article_a``, ``article_b``): the
    mean of ``forward`` (A's value toward B) over every compared pair of the two outlets' articles,
    and of ``backward`` the other way (``forward`` again when symmetric). Outlets never compared
    stay NaN (drawn blank), never 1.0."""
    import pandas as pd

    backward = backward or forward
    outlets = sorted(dict.fromkeys(labels.values()))
    a = pairs["article_a"].map(labels)
    b = pairs["article_b"].map(labels)
    long = pd.concat([pd.DataFrame({"row": a, "col": b, "value": pairs[forward].astype(float)}),
                      pd.DataFrame({"row": b, "col": a, "value": pairs[backward].astype(float)})], ignore_index=True)
    matrix = long.groupby(["row", "col"])["value"].mean().unstack("col")
    matrix = matrix.reindex(index=outlets, columns=outlets)
    matrix.index.name = matrix.columns.name = None
    return matrix


def fact_sets_by_outlet(groups: "pd.DataFrame", separator: str = " + ") -> "pd.DataFrame":
    """Fact groups with their set of outlets (not articles): ``articles`` becomes the sorted,
    distinct outlets reporting the fact and ``n_articles`` their number."""
    outlets = groups["articles"].map(lambda names: sorted(set(str(names).split(separator))))
    return groups.assign(articles=outlets.map(separator.join), n_articles=outlets.map(len))
