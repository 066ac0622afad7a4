"""Bootstrap intervals for outlets and their differences.

:func:`compare_outlets` is what the measures use: outlets compared across the whole corpus and
within the stories they share, with a cluster bootstrap (articles within outlets, then sentences
within articles) where an outlet has several articles, sentences where it has a handful (the
``resampled`` column says which), and Holm-adjusted p-values deciding what is ``separable``.

:func:`group_intervals` is the older sentence-level view (percentile bootstrap, Efron &
Tibshirani 1993, ch. 13): resample a group's sentences with replacement, recompute the statistic,
take the 2.5th and 97.5th percentiles of ``n_boot`` replicates; groups resampled independently,
every pair of groups compared. Seeded: the same input gives the same interval.

:func:`nested_interval` is one group at the same two levels as :func:`compare_outlets` (actor
sentiment uses it). Every article, outlet and comparison draws from a random stream of its own
(:func:`stable_stream`, seeded from the seed and a hash of its name), so an interval never moves
when other articles or outlets are added or the rows come in another order.
"""
from __future__ import annotations

import hashlib
import math
import warnings
from itertools import combinations
from typing import TYPE_CHECKING, Callable, Mapping

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_BOOT = 2000
DEFAULT_SEED = 20240711
MIN_SENTENCES = 10
_BATCH = 250

Statistic = Callable[[np.ndarray], np.ndarray]
"""Maps resampled data of shape (replicates, n, ...) to one value per replicate."""


def mean_statistic(sample: np.ndarray) -> np.ndarray:
    return np.nanmean(sample, axis=1)


def bootstrap_replicates(data: np.ndarray, statistic: Statistic, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` replicates of ``statistic`` over rows of ``data`` resampled with replacement."""
    data = np.asarray(data, dtype=float)
    n = data.shape[0]
    if n == 0:
        return np.full(n_boot, np.nan)
    out = np.empty(n_boot)
    for start in range(0, n_boot, _BATCH):
        size = min(_BATCH, n_boot - start)
        idx = rng.integers(0, n, size=(size, n))
        out[start:start + size] = statistic(data[idx])
    return out


def percentile_interval(replicates: np.ndarray, level: float) -> tuple[float, float]:
    """Percentile interval of bootstrap replicates (non-finite replicates ignored)."""
    finite = replicates[np.isfinite(replicates)]
    if finite.size == 0:
        return (np.nan, np.nan)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail])
    return float(low), float(high)


def percentile_intervals(replicates: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`percentile_interval` of each row of ``replicates`` (the same numbers), the rows
    without a non-finite replicate in one vectorised call."""
    replicates = np.asarray(replicates, dtype=float)
    low, high = np.full(len(replicates), np.nan), np.full(len(replicates), np.nan)
    finite = np.isfinite(replicates).all(axis=1)
    if finite.any():
        tail = (1 - level) / 2 * 100
        low[finite], high[finite] = np.percentile(replicates[finite], [tail, 100 - tail], axis=1)
    for i in np.flatnonzero(~finite):
        low[i], high[i] = percentile_interval(replicates[i], level)
    return low, high


def group_intervals(
    groups: Mapping[str, np.ndarray],
    statistic: Statistic = mean_statistic,
    *,
    measure: str,
    n_boot: int = DEFAULT_BOOT,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
):
    """Tidy table: one row per group and one per pair of groups (``b - a``), with intervals.

    Columns: measure, kind (group / difference), group, other, n, estimate, ci_low, ci_high,
    separable (difference interval excludes 0), note.
    """
    import pandas as pd

    rows, replicates = [], {}
    for name in groups:
        data = np.asarray(groups[name], dtype=float)
        estimate = float(statistic(data[np.newaxis, ...])[0]) if data.shape[0] else np.nan
        replicates[name] = bootstrap_replicates(data, statistic, n_boot, stable_stream(seed, name))
        low, high = percentile_interval(replicates[name], level)
        note = f"fewer than {MIN_SENTENCES} sentences: interval unreliable" if data.shape[0] < MIN_SENTENCES else ""
        rows.append({"measure": measure, "kind": "group", "group": name, "other": "",
                     "n": int(data.shape[0]), "estimate": estimate, "ci_low": low, "ci_high": high,
                     "separable": pd.NA, "note": note})
    estimates = {r["group"]: r["estimate"] for r in rows}
    for a, b in combinations(list(groups), 2):
        low, high = percentile_interval(replicates[b] - replicates[a], level)
        separable = bool(low > 0 or high < 0) if np.isfinite(low) else pd.NA
        rows.append({"measure": measure, "kind": "difference", "group": b, "other": a,
                     "n": int(len(groups[a]) + len(groups[b])),
                     "estimate": estimates[b] - estimates[a], "ci_low": low, "ci_high": high,
                     "separable": separable,
                     "note": "" if separable is pd.NA or separable else
                     "interval includes 0: the data do not separate these two"})
    return pd.DataFrame(rows, columns=["measure", "kind", "group", "other", "n", "estimate",
                                       "ci_low", "ci_high", "separable", "note"])


# --- outlets compared at two levels: the corpus, and within stories ------------------------
#
# Articles are nested in outlets, sentences in articles. Sentences of one article are not
# independent (same writer, topic, event), so with many articles per outlet the interval
# resamples articles (cluster bootstrap; Davison & Hinkley 1997, sec. 3.8: articles with
# replacement within the outlet, then sentences with replacement within each chosen article).
# With fewer than MIN_ARTICLES articles there is nothing to resample at that level and the
# interval resamples the outlet's sentences (a lower bound on the uncertainty); the
# ``resampled`` column says which was used. Every statistic here is a function of additive
# per-sentence counts (a mean is sum/count; a readability formula is a function of summed words,
# sentences, syllables, ...), so replicates are built from sums, never from pooled copies.

MIN_ARTICLES = 3
MIN_SHARED_STORIES = 3
MAX_PAIR_GROUPS = 10
MAX_REST_GROUPS = 100
ARTICLE_BANK = 200
SENTENCE_LEVEL = "sentences"
CLUSTER_LEVEL = "articles, then sentences"
STORY_LEVEL = "shared stories (paired bootstrap)"
STORY_T_LEVEL = "shared stories (paired t)"
# Below this many shared stories the paired difference uses Student's t: a percentile bootstrap of
# a mean over 10-29 values runs narrow, and with Holm over 15 pairs it called outlets dealt at
# random "separable" in 11% of simulated corpora (tests/test_stats.py); with t below 30, 2.5%.
BOOTSTRAP_MIN_STORIES = 30
REST = "(rest of corpus)"
COMPARISON_COLUMNS = ["measure", "kind", "group", "other", "n", "n_articles", "n_stories", "estimate",
                      "ci_low", "ci_high", "resampled", "p_value", "p_adjusted", "separable", "note"]

SumStatistic = Callable[[np.ndarray], np.ndarray]
"""Maps summed counts of shape (replicates, columns) to one value per replicate."""


def ratio_of_sums(numerator: int = 0, denominator: int = 1) -> SumStatistic:
    """Mean as sum over count (columns ``numerator`` and ``denominator`` of the sums)."""
    def statistic(sums: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return sums[:, numerator] / sums[:, denominator]
    return statistic


def mean_columns(values: np.ndarray) -> np.ndarray:
    """Additive columns for a mean that skips NaN: (value or 0, 1 if finite else 0)."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    return np.column_stack([np.where(finite, values, 0.0), finite.astype(float)])


def _segment_resample_sums(data: np.ndarray, starts: np.ndarray, sizes: np.ndarray, n_rep: int,
                           rng: np.random.Generator) -> np.ndarray:
    """Sums of each segment's rows resampled with replacement: shape (n_rep, segments, columns).

    Rows of a segment are contiguous (``starts``, ``sizes``); all segments are drawn at once.
    """
    n, k = data.shape
    out = np.empty((n_rep, len(starts), k))
    if n == 0:
        out[:] = 0.0
        return out
    row_start = np.repeat(starts, sizes)
    row_size = np.repeat(sizes, sizes)
    batch = max(1, min(n_rep, 4_000_000 // max(n * k, 1)))
    for first in range(0, n_rep, batch):
        b = min(batch, n_rep - first)
        idx = row_start + (rng.random((b, n)) * row_size).astype(np.int64)
        out[first:first + b] = np.add.reduceat(data[idx], starts, axis=1)
    return out


def holm(p_values: np.ndarray) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values (NaN left out)."""
    p = np.asarray(p_values, dtype=float)
    out = np.full_like(p, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    if ok.size == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    m = len(order)
    adjusted = np.minimum(1.0, np.maximum.accumulate(p[order] * (m - np.arange(m))))
    out[order] = adjusted
    return out


def compare_outlets(
    table: "pd.DataFrame",
    columns: list[str],
    statistics: Mapping[str, SumStatistic],
    *,
    group: str = "label",
    article: str = "article",
    story: str | None = "story",
    groups: list[str] | None = None,
    n_boot: int = DEFAULT_BOOT,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
    min_articles: int = MIN_ARTICLES,
    max_pair_groups: int = MAX_PAIR_GROUPS,
    max_rest_groups: int = MAX_REST_GROUPS,
) -> "pd.DataFrame":
    """Each outlet's statistic with an interval, and outlet differences at two levels.

    ``table`` has one row per sentence with the additive ``columns`` (counts), its ``group``
    (outlet), ``article`` and, where known, ``story``; ``groups`` fixes the outlets' order (and
    lists outlets without a row, which get NaN). ``statistics`` maps a measure name to a
    function of summed columns. Rows (``kind``):

    * ``group``: the outlet's estimate (statistic of all its counts) and percentile interval,
      resampled at the article level when it has at least ``min_articles`` articles.
    * ``difference``: corpus-wide difference ``group - other``: every pair of outlets when there
      are at most ``max_pair_groups``, otherwise each outlet against the rest of the corpus (so
      the table grows with the outlets, not their square), for the ``max_rest_groups`` outlets
      with most articles (at least two: a label that is one article is not an outlet to compare).
      Outlets are resampled independently.
    * ``paired_difference``: within stories, the mean over shared stories of the per-story
      difference, with a bootstrap over those stories (Student's t below BOOTSTRAP_MIN_STORIES
      stories, where a bootstrap is too narrow): the fair comparison, since the event
      drives the measures. Only for pairs sharing at least ``MIN_SHARED_STORIES`` stories.

    ``p_adjusted`` is Holm's correction over the differences of one measure and kind;
    ``separable`` (the data separate the two) uses it, so many comparisons do not manufacture
    differences.
    """
    import pandas as pd

    data_table = table.dropna(subset=[group, article])
    labels = data_table[group].astype(str)
    groups = list(dict.fromkeys([*(groups or []), *labels]))
    g_all = pd.Categorical(labels, categories=groups).codes
    # articles in the order of their ids (not of the rows), so that resampling never depends on
    # the order of the table; within an article, sentences in the order of their counts
    a_all, a_keys = pd.factorize(labels + "\x00" + data_table[article].astype(str), sort=True)
    raw = data_table[columns].to_numpy(float)
    # outlets in the order given (else of appearance), articles within, then sentences
    order = np.lexsort((*raw.T[::-1], a_all, g_all))
    data_table = data_table.iloc[order]
    data = raw[order]
    g_codes, a_codes = g_all[order].astype(np.int64), a_all[order]
    a_starts = np.flatnonzero(np.r_[True, a_codes[1:] != a_codes[:-1]]) if len(a_codes) else np.empty(0, np.int64)
    a_sizes = np.diff(np.r_[a_starts, len(data)]).astype(np.int64)
    a_group = g_codes[a_starts]
    g_starts = np.searchsorted(g_codes, np.arange(len(groups)))
    g_sizes = np.bincount(g_codes, minlength=len(groups))
    g_articles = np.bincount(a_group, minlength=len(groups))
    cluster = g_articles >= min_articles
    k = data.shape[1]
    totals = np.zeros((len(groups), k))
    np.add.at(totals, g_codes, data)
    grand = totals.sum(axis=0)
    a_names = np.asarray(a_keys)[a_codes[a_starts]] if len(a_starts) else np.empty(0, dtype=object)
    a_first = np.searchsorted(a_group, np.arange(len(groups)))  # each outlet's first article

    def outlet_task(g: int) -> tuple:
        """What :func:`_outlet_replicates` needs of outlet ``g``: its rows, articles and names."""
        first, last = a_first[g], a_first[g] + g_articles[g]
        rows = slice(g_starts[g], g_starts[g] + g_sizes[g])
        return (groups[g], bool(cluster[g]), data[rows], a_starts[first:last] - g_starts[g],
                a_sizes[first:last], a_names[first:last] if cluster[g] else None)

    def replicate_sums(chunk: np.ndarray, index: int) -> np.ndarray:
        """(n_boot, len(chunk), k) resampled sums of these outlets; the same on every call.

        Each outlet draws from its own stream (and each article's bank from its own), so an
        outlet's interval does not depend on the other outlets, on how they are chunked, or on
        which process computes it: the outlets are spread over the run's worker processes
        (:func:`analysis.parallel.map_local`), in pieces of similar size."""
        from .parallel import map_local

        pieces = _balanced_pieces(chunk, g_sizes[chunk])
        done = map_local(_outlet_replicates, [[outlet_task(g) for g in piece] for piece in pieces],
                         n_boot, seed, desc="outlet bootstrap")
        return np.concatenate(done, axis=1) if done else np.zeros((n_boot, 0, k))

    size = max(1, 2_000_000 // max(n_boot * k, 1))  # outlets per chunk: bounded memory at any corpus size
    chunks = [np.arange(i, min(i + size, len(groups))) for i in range(0, len(groups), size)]
    replicated = {m: np.empty((n_boot, len(groups))) for m in statistics}
    grand_reps = np.zeros((n_boot, k))
    kept = None  # with one chunk, its sums serve the rest-of-corpus differences too
    for index, chunk in enumerate(chunks):
        sums = replicate_sums(chunk, index)
        if len(chunks) == 1:
            kept = sums
        grand_reps += sums.sum(axis=1)
        # the bootstrap variance of a mean of m clusters is (m-1)/m of the usual estimate: widen
        # the replicates around the estimate by sqrt(m/(m-1)) (Davison & Hinkley 1997, p. 101)
        m = g_articles[chunk]
        inflate = np.where(cluster[chunk], np.sqrt(m / np.maximum(m - 1, 1)), 1.0)
        for measure, stat in statistics.items():
            centre = stat(totals[chunk])
            raw = stat(sums.reshape(-1, k)).reshape(n_boot, len(chunk))
            replicated[measure][:, chunk] = centre + (raw - centre) * inflate

    level_of = [CLUSTER_LEVEL if c else SENTENCE_LEVEL for c in cluster]
    story_cells = _story_cells(data_table, data, g_codes, story) if story else None
    pairwise = len(groups) <= max_pair_groups
    rest_groups = _rest_groups(g_articles, max_rest_groups) if not pairwise else np.empty(0, np.int64)
    rest_diffs = {m: {} for m in statistics}
    for index, chunk in enumerate(chunks):  # each outlet against the rest: replicates regenerated
        wanted = np.flatnonzero(np.isin(chunk, rest_groups))
        if wanted.size == 0:
            continue
        sums = (kept if kept is not None else replicate_sums(chunk, index))[:, wanted]
        rest = (grand_reps[:, None, :] - sums).reshape(-1, k)
        for measure, stat in statistics.items():
            diff = replicated[measure][:, chunk[wanted]] - stat(rest).reshape(n_boot, len(wanted))
            for g, lo, hi, p in zip(chunk[wanted], *_summaries(diff, level)):
                rest_diffs[measure][g] = (lo, hi, p)
    rows_out = []
    for measure, stat in statistics.items():
        estimates = stat(totals)
        low, high, _ = _summaries(replicated[measure], level)
        for g, name in enumerate(groups):
            note = "" if cluster[g] else (
                f"{g_articles[g]} article(s): interval over sentences, which are not independent "
                "(a lower bound on the uncertainty)")
            rows_out.append({"measure": measure, "kind": "group", "group": name, "other": "",
                             "n": int(g_sizes[g]), "n_articles": int(g_articles[g]), "n_stories": np.nan,
                             "estimate": float(estimates[g]), "ci_low": low[g], "ci_high": high[g],
                             "resampled": level_of[g], "p_value": np.nan, "p_adjusted": np.nan,
                             "separable": pd.NA, "note": note})
        diffs = []
        if pairwise:
            for a, b in combinations(range(len(groups)), 2):
                (lo,), (hi,), (p,) = _summaries((replicated[measure][:, b] - replicated[measure][:, a])[:, None], level)
                both = CLUSTER_LEVEL if cluster[a] and cluster[b] else SENTENCE_LEVEL
                diffs.append((groups[b], groups[a], int(g_sizes[a] + g_sizes[b]), int(g_articles[a] + g_articles[b]),
                              float(estimates[b] - estimates[a]), lo, hi, p, both))
        else:
            rest_est = stat(grand[None, :] - totals)
            for g in rest_groups:
                lo, hi, p = rest_diffs[measure][g]
                diffs.append((groups[g], REST, int(len(data)), int(len(a_starts)),
                              float(estimates[g] - rest_est[g]), lo, hi, p, level_of[g]))
        rows_out.extend(_difference_rows(measure, "difference", diffs, level))
        if story_cells is not None:
            rows_out.extend(_paired_rows(measure, stat, story_cells, groups, pairwise, rest_groups, n_boot, seed, level))
    return pd.DataFrame(rows_out, columns=COMPARISON_COLUMNS)


def _outlet_replicates(outlets: list[tuple], n_boot: int, seed: int) -> np.ndarray:
    """(n_boot, len(outlets), columns) resampled sums of each outlet, from its own random streams.

    Each outlet is (name, cluster, its rows of additive columns article after article, each
    article's first row and size, the articles' names or None). A cluster outlet draws articles
    with replacement, each from a bank of ARTICLE_BANK sentence resamples of that article (its
    own stream); any other outlet resamples its sentences."""
    k = outlets[0][2].shape[1] if outlets else 0
    out = np.zeros((n_boot, len(outlets), k))
    for i, (name, cluster, data, starts, sizes, names) in enumerate(outlets):
        if data.shape[0] == 0:
            continue
        if cluster:  # stage one: articles with replacement; stage two: a banked sentence resample
            bank, mine = _article_bank(data, starts, sizes, np.arange(len(starts)), names, seed)
            grng = stable_stream(seed, "outlet", name)
            picks = mine[grng.integers(0, len(mine), size=(n_boot, len(mine)))]
            out[:, i] = bank[grng.integers(0, ARTICLE_BANK, size=picks.shape), picks].sum(axis=1)
        else:
            grng = stable_stream(seed, "outlet", name)
            out[:, i] = _segment_resample_sums(data, np.array([0]), np.array([data.shape[0]]), n_boot, grng)[:, 0]
    return out


def _balanced_pieces(chunk: np.ndarray, weights: np.ndarray, per_piece: int = 4) -> list[np.ndarray]:
    """``chunk`` cut in order into pieces of similar total weight (rows), about ``per_piece`` per
    worker process, so that both cores finish together; the result does not depend on the cut."""
    from .parallel import workers

    total = float(np.sum(weights))
    n = max(1, min(len(chunk), workers() * per_piece))
    if n == 1 or total == 0:
        return [chunk] if len(chunk) else []
    edges = np.searchsorted(np.cumsum(weights), total * np.arange(1, n) / n, side="left") + 1
    return [piece for piece in np.split(chunk, np.unique(np.clip(edges, 0, len(chunk)))) if len(piece)]


def _article_bank(data: np.ndarray, a_starts: np.ndarray, a_sizes: np.ndarray, articles: np.ndarray,
                  names: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """ARTICLE_BANK sentence resamples (summed) of each of ``articles``: (bank, articles, columns),
    and each article's position in it (-1 for articles not banked). Each article's resamples
    come from its own stream (seeded by ``names``: its outlet and id); the sums are then taken
    for a batch of articles at once."""
    position = np.full(len(a_starts), -1, dtype=np.int64)
    k = data.shape[1]
    bank = np.zeros((ARTICLE_BANK, len(articles), k))
    position[articles] = np.arange(len(articles))
    sizes, starts = a_sizes[articles], a_starts[articles]
    batch_rows = max(1, 4_000_000 // (ARTICLE_BANK * max(k, 1)))  # bounded memory at any corpus size
    first = 0
    while first < len(articles):
        last = first + max(1, int(np.searchsorted(np.cumsum(sizes[first:]), batch_rows, side="right")))
        size = sizes[first:last]
        offsets = np.r_[0, np.cumsum(size)[:-1]]
        uniform = np.empty((ARTICLE_BANK, int(size.sum())))
        for a, offset, n in zip(articles[first:last], offsets, size):
            uniform[:, offset:offset + n] = stable_stream(seed, "article", names[a]).random((ARTICLE_BANK, n))
        rows = np.repeat(starts[first:last], size) + (uniform * np.repeat(size, size)).astype(np.int64)
        bank[:, first:last] = np.add.reduceat(data[rows], offsets, axis=1)
        first = last
    return bank, position


def _summaries(replicates: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Percentile interval and two-sided bootstrap p-value of each column of replicates."""
    tail = (1 - level) / 2 * 100
    finite = np.isfinite(replicates)
    count = finite.sum(axis=0)
    if finite.all():
        low, high = np.percentile(replicates, [tail, 100 - tail], axis=0)
    else:
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN, as they should
            low, high = np.nanpercentile(np.where(finite, replicates, np.nan), [tail, 100 - tail], axis=0)
    below = np.where(finite, replicates <= 0, False).sum(axis=0)
    above = np.where(finite, replicates >= 0, False).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        # (1 + x) / (B + 1): a bootstrap never proves p = 0 (Davison & Hinkley 1997, eq. 4.11)
        p = np.minimum(1.0, 2 * (1 + np.minimum(below, above)) / (count + 1))
    return low, high, np.where(count > 0, p, np.nan)


def difference_note(separable, low: float, high: float, comparisons: int) -> str:
    """What a difference row says of itself, from its Holm-adjusted verdict and its interval."""
    import pandas as pd

    if separable is pd.NA:
        return "no interval"
    if separable:
        return ""
    if low > 0 or high < 0:
        return f"interval excludes 0, but not after correcting for {comparisons} comparisons"
    return "interval includes 0: the data do not separate these two"


def _difference_rows(measure: str, kind: str, diffs: list, level: float) -> list[dict]:
    """Rows for differences given as (group, other, n, n_articles, estimate, low, high, p, resampled),
    with Holm-adjusted p-values over this family."""
    import pandas as pd

    adjusted = holm(np.array([d[7] for d in diffs], dtype=float))
    out = []
    for (name, other, n, n_articles, estimate, low, high, p_raw, resampled), p_adj in zip(diffs, adjusted):
        separable = bool(p_adj < 1 - level) if np.isfinite(p_adj) else pd.NA
        note = difference_note(separable, low, high, len(diffs))
        out.append({"measure": measure, "kind": kind, "group": name, "other": other, "n": n,
                    "n_articles": n_articles, "n_stories": np.nan, "estimate": estimate,
                    "ci_low": float(low), "ci_high": float(high), "resampled": resampled,
                    "p_value": float(p_raw), "p_adjusted": float(p_adj), "separable": separable, "note": note})
    return out


def _story_cells(table: "pd.DataFrame", data: np.ndarray, g_codes: np.ndarray, story: str):
    """Summed counts per (outlet, story), as (group codes, story codes, sums, articles); None if no stories."""
    import pandas as pd

    if story not in table:
        return None
    stories = table[story].fillna("").astype(str).to_numpy()
    known = stories != ""
    if not known.any():
        return None
    s_codes, s_names = pd.factorize(stories[known])
    keys = g_codes[known].astype(np.int64) * len(s_names) + s_codes
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.zeros((len(unique), data.shape[1]))
    np.add.at(sums, inverse, data[known])
    return unique // len(s_names), unique % len(s_names), sums, len(s_names)


def _rest_groups(g_articles: np.ndarray, limit: int) -> np.ndarray:
    """Outlets compared with the rest of the corpus: those with 2+ articles, the most first."""
    eligible = np.flatnonzero(g_articles >= 2)
    order = eligible[np.argsort(-g_articles[eligible], kind="stable")][:limit]
    return np.sort(order)


def _paired_rows(measure, stat, cells, groups, pairwise, rest_groups, n_boot, seed, level) -> list[dict]:
    """Within-story differences: per shared story, statistic of one outlet minus the other's."""
    from scipy.sparse import csr_matrix

    cell_group, cell_story, sums, n_stories = cells
    value = stat(sums)
    comparisons = []
    if pairwise:
        grid = np.full((len(groups), n_stories), np.nan)
        grid[cell_group, cell_story] = value
        present = np.zeros((len(groups), n_stories), dtype=bool)
        present[cell_group, cell_story] = True
        for a, b in combinations(range(len(groups)), 2):
            shared = present[a] & present[b]
            if shared.sum() >= MIN_SHARED_STORIES:
                comparisons.append((groups[b], groups[a], grid[b, shared] - grid[a, shared]))
    else:
        story_sum = np.zeros((n_stories, sums.shape[1]))
        np.add.at(story_sum, cell_story, sums)
        n_outlets = np.bincount(cell_story, minlength=n_stories)
        cells_of = csr_matrix((np.arange(1, len(cell_group) + 1), (cell_group, cell_story)),
                              shape=(len(groups), n_stories))
        for g in rest_groups:
            row = cells_of.getrow(g)
            mine = row.data - 1
            shared = n_outlets[cell_story[mine]] >= 2
            if shared.sum() < MIN_SHARED_STORIES:
                continue
            mine = mine[shared]
            rest = stat(story_sum[cell_story[mine]] - sums[mine])
            comparisons.append((groups[g], REST, value[mine] - rest))
    diffs, small, constant = [], [], []
    for name, other, d in comparisons:
        d = d[np.isfinite(d)]
        if len(d) < MIN_SHARED_STORIES:
            continue
        constant.append(bool((d == d[0]).all()))
        if constant[-1]:
            # every shared story differs by the same amount (0 against 1 in each): t and the
            # bootstrap see no spread and would call it certain; the exact sign test says how
            # often n stories all fall on one side by chance, and there is no interval
            p = 1.0 if d[0] == 0 else min(1.0, 2 * 0.5 ** len(d))
            small.append(len(d) < BOOTSTRAP_MIN_STORIES)
            diffs.append((name, other, int(len(d)), np.nan, float(d.mean()), np.nan, np.nan, p,
                          STORY_T_LEVEL if small[-1] else STORY_LEVEL))
            continue
        rng = stable_stream(seed, "paired", measure, name, other)  # each comparison its own stream
        if len(d) < BOOTSTRAP_MIN_STORIES:
            # a bootstrap over fewer than BOOTSTRAP_MIN_STORIES stories runs narrow: Student's t
            reps = _t_replicates(d, n_boot, rng)
            small.append(True)
        else:
            reps = d[rng.integers(0, len(d), size=(n_boot, len(d)))].mean(axis=1)
            small.append(False)
        (lo,), (hi,), (p,) = _summaries(reps[:, None], level)
        diffs.append((name, other, int(len(d)), np.nan, float(d.mean()), lo, hi, p,
                      STORY_T_LEVEL if small[-1] else STORY_LEVEL))
    rows = _difference_rows(measure, "paired_difference", diffs, level)
    for row, (_, _, k, *_rest), same in zip(rows, diffs, constant):
        row["n_stories"], row["n"], row["n_articles"] = k, np.nan, np.nan
        if same:  # with no interval, difference_note's reading of one says nothing
            row["note"] = "every shared story differs by the same amount: exact sign test, no interval"
    return rows


def _t_replicates(d: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draws from the t distribution of a mean (df = stories - 1): the paired t-test's view,
    expressed as replicates so intervals and p-values are read off the same way."""
    scale = d.std(ddof=1) / np.sqrt(len(d))
    if not np.isfinite(scale) or scale == 0:
        return np.full(n, d.mean())
    return d.mean() + scale * rng.standard_t(len(d) - 1, size=max(n, 4000))


# --- one group at two levels, with a random stream of its own -------------------------------

def stable_stream(seed: int, *key: object) -> np.random.Generator:
    """A random generator for one article or group, from the seed and a hash of its key.

    Each article (or group) draws from its own stream, so its interval never depends on which
    other articles are in the corpus or in what order they come (NumPy's SeedSequence, seeded
    with the seed and a stable 64-bit BLAKE2 hash of the key: Python's ``hash`` varies by run).
    """
    digest = hashlib.blake2b("\x1f".join(map(str, key)).encode("utf-8"), digest_size=8).digest()
    return np.random.default_rng(np.random.SeedSequence([int(seed), int.from_bytes(digest, "little")]))


def nested_interval(data: np.ndarray, sizes: np.ndarray, statistic: SumStatistic, *, n_boot: int,
                    rng: np.random.Generator, level: float = 0.95,
                    min_articles: int = MIN_ARTICLES) -> tuple[float, float, float, str]:
    """(estimate, ci_low, ci_high, resampled) of one group, as :func:`compare_outlets` resamples
    an outlet: articles with replacement, then sentences within each chosen article, when the
    group has at least ``min_articles`` articles; else its sentences (``resampled`` says which).

    ``data`` holds the group's additive per-sentence columns, article after article; ``sizes``
    the number of sentences of each article, in that order.
    """
    data = np.asarray(data, dtype=float)
    sizes = np.asarray(sizes, dtype=np.int64)
    if data.shape[0] == 0:
        return np.nan, np.nan, np.nan, SENTENCE_LEVEL
    centre = float(statistic(data.sum(axis=0)[None, :])[0])
    m = len(sizes)
    if m >= min_articles:
        starts = np.r_[0, np.cumsum(sizes)[:-1]]
        bank = _segment_resample_sums(data, starts, sizes, ARTICLE_BANK, rng)
        picks = rng.integers(0, m, size=(n_boot, m))
        sums = bank[rng.integers(0, ARTICLE_BANK, size=picks.shape), picks].sum(axis=1)
        # the same small-sample widening as compare_outlets (Davison & Hinkley 1997, p. 101)
        replicates = centre + (statistic(sums) - centre) * np.sqrt(m / (m - 1))
        resampled = CLUSTER_LEVEL
    else:
        sums = _segment_resample_sums(data, np.array([0]), np.array([data.shape[0]]), n_boot, rng)[:, 0]
        replicates = statistic(sums)
        resampled = SENTENCE_LEVEL
    (low,), (high,), _ = _summaries(replicates[:, None], level)
    return centre, float(low), float(high), resampled


# --- outlet means of per-article values that are not sums of sentence counts -------------------
#
# A frame share (questions answered yes) is not a sum over sentences: one cue anywhere answers a
# question, so resampling an article's sentences can only lose cues and drags every replicate
# below the estimate (a biased bootstrap). Such a measure is resampled at the article level only:
# the outlet's articles with replacement; an outlet with fewer than MIN_ARTICLES articles gets no
# interval (NO_INTERVAL) rather than a misleading one.

NO_INTERVAL = "no interval (fewer than 3 articles)"


ARTICLE_LEVEL = "articles"
ARTICLE_T = "articles (t)"


def outlet_article_means(values: np.ndarray, outlet_of: "np.ndarray | list", article_ids: "np.ndarray | list",
                         measures: list[str], *, groups: list[str] | None = None, n_boot: int = DEFAULT_BOOT,
                         seed: int = DEFAULT_SEED, level: float = 0.95, min_articles: int = MIN_ARTICLES,
                         max_pair_groups: int = MAX_PAIR_GROUPS, stream: str = "articles") -> "pd.DataFrame":
    """Each outlet's mean over its articles of per-article values, with a 95% interval, and every
    pair of outlets' difference (Holm-adjusted, as :func:`compare_outlets`), in ``COMPARISON_COLUMNS``.

    ``values`` (articles, measures): one value per article and measure (NaN: the article cannot
    be coded on it, left out of that mean); ``outlet_of`` and ``article_ids`` name each article's
    outlet and id. The article is the unit. From BOOTSTRAP_MIN_STORIES articles, the outlet's
    articles are resampled with replacement (percentile bootstrap, widened by sqrt(m/(m-1)) as in
    :func:`compare_outlets`); below that, Student's t over the article values (and Welch's t for
    a difference where either outlet has fewer): a percentile bootstrap of a mean of 3-29 sparse
    values runs narrow (outlets dealt at random were called separable on a frame in 11-13% of
    simulated corpora, tests/test_stats.py). An outlet with fewer than ``min_articles`` articles
    has no interval (NaN, ``resampled`` = NO_INTERVAL), and its differences are not tested.
    Differences: every pair when there are at most ``max_pair_groups`` outlets (otherwise the
    group rows alone). Each outlet and comparison draws from its own stream, so an interval does
    not depend on the other outlets or on the order of the rows."""
    import pandas as pd

    values = np.asarray(values, dtype=float).reshape(len(outlet_of), len(measures))
    outlet_of = np.asarray(outlet_of, dtype=object).astype(str)
    article_ids = np.asarray(article_ids, dtype=object).astype(str)
    groups = list(dict.fromkeys([*(groups or []), *outlet_of]))
    k = len(measures)
    members = []
    for name in groups:
        mine = np.flatnonzero(outlet_of == name)
        members.append(mine[np.argsort(article_ids[mine], kind="stable")])  # the rows' order changes nothing
    n_articles = np.array([len(m) for m in members], dtype=np.int64)
    cluster = n_articles >= min_articles
    large = n_articles >= BOOTSTRAP_MIN_STORIES
    rows = []
    for j, measure in enumerate(measures):
        column = [values[mine, j][np.isfinite(values[mine, j])] for mine in members]
        replicated = np.full((n_boot, len(groups)), np.nan)
        for g, name in enumerate(groups):
            x = column[g]
            if not cluster[g] or len(x) == 0:
                continue
            rng = stable_stream(seed, stream, "outlet", name, measure)
            if large[g]:
                reps = x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
                # the same small-sample widening as compare_outlets (Davison & Hinkley 1997, p. 101)
                replicated[:, g] = x.mean() + (reps - x.mean()) * np.sqrt(len(x) / max(len(x) - 1, 1))
            elif len(x) >= 2:
                replicated[:, g] = _t_replicates(x, n_boot, rng)[:n_boot]
        low, high, _ = _summaries(replicated, level)
        for g, name in enumerate(groups):
            x = column[g]
            note = "" if cluster[g] else (
                "no article" if n_articles[g] == 0 else
                f"{n_articles[g]} article(s): too few to resample articles, and resampling sentences "
                "would be biased for a measure that one sentence can decide")
            rows.append({"measure": measure, "kind": "group", "group": name, "other": "", "n": np.nan,
                         "n_articles": int(n_articles[g]), "n_stories": np.nan,
                         "estimate": float(x.mean()) if len(x) else np.nan,
                         "ci_low": float(low[g]), "ci_high": float(high[g]),
                         "resampled": (ARTICLE_LEVEL if large[g] else ARTICLE_T) if cluster[g] else NO_INTERVAL,
                         "p_value": np.nan, "p_adjusted": np.nan, "separable": pd.NA, "note": note})
        if len(groups) > max_pair_groups:
            continue
        diffs = []
        for a, b in combinations(np.flatnonzero(cluster), 2):
            xa, xb = column[a], column[b]
            if len(xa) < 2 or len(xb) < 2:
                continue
            if large[a] and large[b]:
                reps, how = replicated[:, b] - replicated[:, a], ARTICLE_LEVEL
            else:
                reps, how = _welch_replicates(xb, xa, n_boot, stable_stream(seed, stream, "pair", measure,
                                                                             groups[b], groups[a])), ARTICLE_T
            (lo,), (hi,), (p,) = _summaries(reps[:, None], level)
            diffs.append((groups[b], groups[a], np.nan, int(n_articles[a] + n_articles[b]),
                          float(xb.mean() - xa.mean()), lo, hi, p, how))
        rows.extend(_difference_rows(measure, "difference", diffs, level))
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def _welch_replicates(b: np.ndarray, a: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draws from Welch's t distribution of mean(b) - mean(a) (Welch-Satterthwaite df), expressed as
    replicates so intervals and p-values are read off as for the bootstrap."""
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    centre, scale = b.mean() - a.mean(), np.sqrt(va + vb)
    if not np.isfinite(scale) or scale == 0:
        return np.full(n, centre)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return centre + scale * rng.standard_t(df, size=max(n, 4000))


# --- a paired difference within articles (e.g. the outlet's own voice minus its quotes) -----------

ARTICLE_T_LEVEL = "articles (paired t)"
ARTICLE_PAIRED_LEVEL = "articles (paired bootstrap)"
ALL_OUTLETS = "(all outlets)"


def within_article_differences(table: "pd.DataFrame", *, value: str, side: str, first: str, second: str,
                               measure: str, group: str = "label", article: str = "article",
                               groups: list[str] | None = None, n_boot: int = DEFAULT_BOOT,
                               seed: int = DEFAULT_SEED, level: float = 0.95,
                               min_articles: int = MIN_ARTICLES) -> "pd.DataFrame":
    """Per outlet, the mean over its articles of (mean ``value`` of the ``first`` side minus mean
    of the ``second`` side), over the articles that have both sides; and the same over all
    outlets (``group`` = ALL_OUTLETS). ``table``: one row per sentence with ``value``, ``side``,
    ``group`` and ``article``. Columns: ``COMPARISON_COLUMNS`` (``kind`` = "within_article",
    ``other`` = the second side, ``n`` = sentences of both sides in those articles).

    The article is the unit: each article is its own control (same event, writer, length), so the
    comparison is paired, as the within-story differences of :func:`compare_outlets` are. The
    interval follows the same rules: Student's t over the articles' differences below
    BOOTSTRAP_MIN_STORIES articles, a bootstrap of articles from there (for all outlets,
    articles resampled within each outlet); with fewer than ``min_articles`` articles, the
    sentences of each side resampled within each article (a lower bound on the uncertainty).
    ``p_adjusted``: Holm over the outlets (the all-outlets row is a family of its own)."""
    import pandas as pd

    groups = list(dict.fromkeys([*(groups or []), *table[group].astype(str)]))
    sel = table[table[side].isin([first, second]) & np.isfinite(table[value].astype(float))]
    sel = sel.assign(**{group: sel[group].astype(str), article: sel[article].astype(str)})
    means = sel.groupby([group, article, side])[value].mean().unstack(side)
    counts = sel.groupby([group, article]).size()
    if first not in means or second not in means:
        means = means.reindex(columns=[first, second])
    paired = means.dropna(subset=[first, second])
    d = (paired[first] - paired[second]).sort_index()
    in_outlet = d.index.get_level_values(0)

    def sentence_reps(keys, rng) -> np.ndarray:
        """Mean over these articles of the difference, each side's sentences resampled."""
        reps = np.zeros(n_boot)
        for g, a in keys:
            rows = sel[(sel[group] == g) & (sel[article] == a)].sort_values([side, value])
            for sign, name in ((1.0, first), (-1.0, second)):
                x = rows.loc[rows[side] == name, value].to_numpy(float)
                reps += sign * x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
        return reps / max(len(keys), 1)

    def replicates(part: "pd.Series", name: str) -> tuple[np.ndarray, str]:
        rng = stable_stream(seed, "within_article", measure, name)
        x = part.to_numpy(float)
        if len(x) < min_articles:
            return sentence_reps(list(part.index), rng), SENTENCE_LEVEL
        if len(x) < BOOTSTRAP_MIN_STORIES:
            return _t_replicates(x, n_boot, rng), ARTICLE_T_LEVEL
        outlets = part.index.get_level_values(0)
        reps = np.zeros(n_boot)
        for o in dict.fromkeys(outlets):  # stratified: articles resampled within each outlet
            y = x[outlets == o]
            reps += y[rng.integers(0, len(y), size=(n_boot, len(y)))].sum(axis=1)
        return reps / len(x), ARTICLE_PAIRED_LEVEL

    diffs = []
    for name in groups:
        part = d[in_outlet == name]
        if len(part) == 0:
            continue
        reps, resampled = replicates(part, name)
        (lo,), (hi,), (p,) = _summaries(reps[:, None], level)
        diffs.append((name, second, int(counts.loc[list(part.index)].sum()), int(len(part)),
                      float(part.mean()), lo, hi, p, resampled))
    rows = _difference_rows(measure, "within_article", diffs, level)
    if len(d) and len(groups) > 1:
        reps, resampled = replicates(d, ALL_OUTLETS)
        (lo,), (hi,), (p,) = _summaries(reps[:, None], level)
        rows += _difference_rows(measure, "within_article", [(ALL_OUTLETS, second, int(counts.loc[list(d.index)].sum()),
                                                              int(len(d)), float(d.mean()), lo, hi, p, resampled)], level)
    for row in rows:
        notes = [row["note"].replace("these two", "the two sides")] if row["note"] else []
        if row["resampled"] == SENTENCE_LEVEL:
            notes.append(f"{row['n_articles']} article(s): interval over sentences (a lower bound on the uncertainty)")
        row["note"] = "; ".join(notes)
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


# --- shares whose outlet has no spread ----------------------------------------------------------
# A share (0 to 1) that is 0 (or 1) in every resampled unit of an outlet -- no quote in any of its
# articles, every sentence shared -- has nothing to resample: t or the bootstrap gives [0, 0], a
# certainty that n articles cannot give. Such outlets get Clopper-Pearson's interval for 0 (or n)
# of their n units, and their differences a permutation test.

NO_SPREAD_NOTE = "all {n} {units} alike: Clopper-Pearson interval for {which} of {n}"
NO_SPREAD_TEST_NOTE = "an outlet's {units} are all alike: {how} permutation test of the {units}"
TOO_FEW_TO_TEST = "an outlet's {units} are all alike and one side has fewer than 2: not tested"
PERMUTATIONS = 9999  # arrangements drawn when there are more; below that every one is enumerated


def _article_level(resampled: str) -> bool:
    return resampled in (CLUSTER_LEVEL, ARTICLE_LEVEL, ARTICLE_T)


def has_no_spread(values: np.ndarray) -> bool:
    """Whether every value is the same (one value or more)."""
    return len(values) >= 1 and bool((values == values[0]).all())


def bound_shares_without_spread(table: "pd.DataFrame", level: float = 0.95) -> "pd.DataFrame":
    """``table`` (``COMPARISON_COLUMNS`` of a share) with Clopper-Pearson's interval for 0 (or n) of
    n on every outlet whose interval collapsed at 0 (or 1), n its resampled units (articles, or
    sentences where the outlet is resampled by sentence, whose note on that stays): e.g. [0, 0.52]
    for 5 articles, the "rule of three" made exact."""
    tail = (1 - level) / 2
    table = table.copy()
    group = (table["kind"] == "group") & (table["n_articles"] >= 1) & (table["ci_low"] == table["ci_high"])
    for row in table.index[group]:
        article_level = _article_level(table.at[row, "resampled"])
        n = int(table.at[row, "n_articles"] if article_level else table.at[row, "n"])
        estimate = table.at[row, "estimate"]
        if estimate == 0.0:
            table.loc[row, ["ci_low", "ci_high"]] = [0.0, 1 - tail ** (1 / n)]
        elif estimate == 1.0:
            table.loc[row, ["ci_low", "ci_high"]] = [tail ** (1 / n), 1.0]
        else:
            continue
        note = NO_SPREAD_NOTE.format(n=n, units="articles" if article_level else "sentences",
                                     which="none" if estimate == 0.0 else "all")
        table.at[row, "note"] = "; ".join(x for x in (table.at[row, "note"], note) if x)
    return table


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def exact_tests_without_spread(table: "pd.DataFrame", values: Mapping[tuple[str, str], np.ndarray],
                               units: str = "articles", level: float = 0.95) -> "pd.DataFrame":
    """Differences (``kind`` "difference") involving an outlet whose ``values`` (per resampled unit,
    keyed by (outlet, measure); the rest of the corpus is every other outlet given) are all alike: the
    bootstrap or Welch's t sees no spread on that side and would call 0 of 3 against 3 of 3
    certain (interval [1, 1]). There the p-value is a permutation test of the two sides' values
    (every arrangement up to ``PERMUTATIONS``: p = 0.1 for that example, as Fisher's exact test),
    the interval combines the two group intervals by the square-and-add method (MOVER, Zou &
    Donner 2008; Newcombe's method for two proportions), and the measure's differences are
    Holm-adjusted again, their notes rewritten to match. A side with fewer than two units is not
    tested (p NaN)."""
    import pandas as pd
    from scipy.stats import permutation_test

    table = table.copy()
    diffs = table["kind"] == "difference"
    group = table[table["kind"] == "group"].set_index(["measure", "group"])
    for measure in dict.fromkeys(table.loc[diffs, "measure"]):
        rows = table.index[diffs & (table["measure"] == measure)]
        changed = False
        for row in rows:
            b, a = table.at[row, "group"], table.at[row, "other"]
            xb, xa = values.get((b, measure)), values.get((a, measure))
            if a == REST and xb is not None:  # the rest of the corpus: every other outlet's units given
                others = [v for (g, m), v in values.items() if m == measure and g != b]
                xa = np.concatenate(others) if others else None
            if xb is None or xa is None or not (has_no_spread(xb) or has_no_spread(xa)):
                continue
            changed = True
            if min(len(xb), len(xa)) < 2:
                table.loc[row, ["p_value"]] = np.nan
                table.at[row, "note"] = TOO_FEW_TO_TEST.format(units=units)
                continue
            exact = math.comb(len(xb) + len(xa), len(xa)) <= PERMUTATIONS
            test = permutation_test((xb, xa), _mean_difference, permutation_type="independent", vectorized=True,
                                    n_resamples=PERMUTATIONS, alternative="two-sided", random_state=0)
            table.loc[row, ["ci_low", "ci_high", "p_value"]] = [*_mover_interval(table, group, row, measure),
                                                                float(test.pvalue)]
            table.at[row, "note"] = NO_SPREAD_TEST_NOTE.format(units=units, how="exact" if exact else
                                                               f"{PERMUTATIONS:,}-arrangement")
        if changed:
            _readjust(table, rows, level)
    return table


def _mover_interval(table: "pd.DataFrame", group: "pd.DataFrame", row, measure: str) -> tuple[float, float]:
    """The difference's interval from its two sides' intervals (square-and-add), within -1 and 1;
    the rest of the corpus, which has no group row, counts as known (its many units)."""
    b, a = table.at[row, "group"], table.at[row, "other"]
    d = table.at[row, "estimate"]

    def side(name: str) -> tuple[float, float, float]:
        if (measure, name) in group.index:
            g = group.loc[(measure, name)]
            return float(g["estimate"]), float(g["ci_low"]), float(g["ci_high"])
        return (np.nan,) * 3

    (eb, lb, ub), (ea, la, ua) = side(b), side(a)
    if np.isnan(ea):  # the rest of the corpus: its estimate is b's minus the difference
        ea = la = ua = eb - d
    low = d - math.sqrt((eb - lb) ** 2 + (ua - ea) ** 2)
    high = d + math.sqrt((ub - eb) ** 2 + (ea - la) ** 2)
    return max(low, -1.0), min(high, 1.0)


def _readjust(table: "pd.DataFrame", rows, level: float) -> None:
    """Holm over ``rows`` again after some p-values changed, with ``separable`` and the notes of
    rows not tested anew rewritten to match (:func:`difference_note`)."""
    import pandas as pd

    adjusted = holm(table.loc[rows, "p_value"].to_numpy(float))
    table.loc[rows, "p_adjusted"] = adjusted
    for row, p in zip(rows, adjusted):
        separable = bool(p < 1 - level) if np.isfinite(p) else pd.NA
        table.at[row, "separable"] = separable
        note = table.at[row, "note"]
        if "permutation test" not in note and "not tested" not in note:
            table.at[row, "note"] = difference_note(separable, table.at[row, "ci_low"], table.at[row, "ci_high"],
                                                    len(rows))


def compare_outlet_shares(table: "pd.DataFrame", numerator: str, denominator: str, measure: str,
                          **options) -> "pd.DataFrame":
    """:func:`compare_outlets` of one share (sum of ``numerator`` over sum of ``denominator``, both
    columns of the per-sentence ``table``), with outlets that have no spread bounded and tested by
    permutation (:func:`bound_shares_without_spread`, :func:`exact_tests_without_spread`). The
    tests compare per-article shares where both sides are resampled by article (the rest of the
    corpus: the other outlets' articles), per-sentence shares where both are resampled by
    sentence; a pair of mixed levels keeps its bootstrap. Within-story differences are not
    touched here (:func:`_paired_rows` tests a constant difference by signs)."""
    level = options.get("level", 0.95)
    result = compare_outlets(table, [numerator, denominator], {measure: ratio_of_sums(0, 1)}, **options)
    result = bound_shares_without_spread(result, level)
    group, article = options.get("group", "label"), options.get("article", "article")
    at_article = result[result["kind"] == "group"].set_index("group")["resampled"].map(_article_level)
    rows = table.dropna(subset=[group, article])
    rows = rows.assign(**{group: rows[group].astype(str)})
    per_article = rows.groupby([group, article])[[numerator, denominator]].sum().reset_index()
    for article_level, units, unit_rows in ((True, "articles", per_article), (False, "sentences", rows)):
        mine = unit_rows[unit_rows[group].map(lambda g: bool(at_article.get(g, False)) == article_level)]
        values = {(g, measure): _shares(part[numerator], part[denominator]) for g, part in mine.groupby(group)}
        result = exact_tests_without_spread(result, values, units, level)
    return result


def _shares(numerator: "pd.Series", denominator: "pd.Series") -> np.ndarray:
    """numerator / denominator per row, rows with a zero denominator left out."""
    num, den = numerator.to_numpy(float), denominator.to_numpy(float)
    keep = den > 0
    return num[keep] / den[keep]
