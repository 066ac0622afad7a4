"""The comparison at a glance: one row per outlet with the key measure of each analysis."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus


SUMMARY_COLUMNS = ["outlet", "articles", "stories", "sentences", "grade_level", "grade_level_low",
                   "grade_level_high", "mean_sentiment", "mean_sentiment_low", "mean_sentiment_high",
                   "interval_level", "dominant_frames", "direct_quotation", "direct_quotation_low",
                   "direct_quotation_high", "most_quoted", "unique_content", "unique_content_low",
                   "unique_content_high", "re_reports", "distinctive_words"]
INTERVAL_MEASURES = {"grade_level": 1, "mean_sentiment": 2}  # measure -> decimals a reader sees
SHARE_COLUMNS = ["direct_quotation", "unique_content"]  # fractions with an interval, shown as percentages


def readable_summary(summary: "pd.DataFrame") -> "pd.DataFrame":
    """The summary as a reader reads it on the page: each interval as one text cell
    ("12.3 [11.9, 12.8]") and shares as percentages. summary.csv keeps the numbers."""
    table = summary.copy()
    for measure, digits in INTERVAL_MEASURES.items():
        table[measure] = [f"{e:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]" for e, lo, hi in
                          zip(table[measure], table[f"{measure}_low"], table[f"{measure}_high"])]
        table = table.drop(columns=[f"{measure}_low", f"{measure}_high"])
    for column in SHARE_COLUMNS:
        table[column] = [f"{v:.0%} [{lo:.0%}, {hi:.0%}]" for v, lo, hi in
                         zip(table[column], table[f"{column}_low"], table[f"{column}_high"])]
        table = table.drop(columns=[f"{column}_low", f"{column}_high"])
    return table


def separable_pairs(table: "pd.DataFrame", measure: str, *, digits: int = 2, percent: bool = False,
                    kind: str = "difference") -> list[str]:
    """"B vs A: +1.23 [+0.40, +2.10]" for each pair of outlets the data separate (Holm-adjusted
    p below 0.05), the largest difference first."""
    rows = table[(table["kind"] == kind) & (table["measure"] == measure) & (table["separable"] == True)]  # noqa: E712
    rows = rows.reindex(rows["estimate"].abs().sort_values(ascending=False).index)
    scale, unit = (100, " points") if percent else (1, "")

    def interval(r) -> str:  # a difference equal in every shared story has a sign test, no interval
        if r.ci_low != r.ci_low or r.ci_high != r.ci_high:
            return "(the same in every shared story; sign test)"
        return f"[{r.ci_low * scale:+.{digits}f}, {r.ci_high * scale:+.{digits}f}]"

    return [f"{r.group} vs {r.other}: {r.estimate * scale:+.{digits}f}{unit} {interval(r)}" for r in rows.itertuples()]


def difference_finding(table: "pd.DataFrame", measure: str, what: str, *, digits: int = 2,
                       percent: bool = False, listed: int = 6) -> str:
    """One sentence on what the data support about outlets differing in ``measure``, corpus-wide
    (``kind`` difference) and within the stories they share (paired_difference, the fair
    comparison): that the outlets cannot be told apart -- no outlet is then named highest or
    lowest, since the order of the point estimates is noise -- or which pairs can, with their
    differences and 95% intervals. ``table``: intervals in :data:`analysis.stats.COMPARISON_COLUMNS`."""
    import numpy as np

    groups = table[(table["kind"] == "group") & (table["measure"] == measure) & (table["n_articles"] > 0)]
    if len(groups) < 2:
        return f"{what}: only one outlet, nothing to compare."
    parts, found, tested_any, total = [], 0, 0, 0
    for kind, where in (("difference", "across the corpus"), ("paired_difference", "within the stories they share")):
        diffs = table[(table["kind"] == kind) & (table["measure"] == measure)]
        tested = diffs[np.isfinite(diffs["p_adjusted"].astype(float))]
        if len(tested) == 0:
            continue
        tested_any += 1
        pairs = separable_pairs(table, measure, digits=digits, percent=percent, kind=kind)
        found += len(pairs)
        total += len(tested)
        unit = "pairs" if (tested["other"] != "(rest of corpus)").any() else "outlets against the rest"
        if pairs:
            shown = "; ".join(pairs[:listed]) + (f"; and {len(pairs) - listed} more" if len(pairs) > listed else "")
            parts.append(f"{len(pairs)} of {len(tested)} {unit} {where} ({shown})")
        else:
            parts.append(f"none of {len(tested)} {unit} {where}")
    if not tested_any:
        return f"{what}: no difference between outlets can be tested (too few articles per outlet)."
    few = (groups["resampled"] == "sentences").sum()
    caveat = ("" if not few else
              " Every outlet here has fewer than three articles, so each interval resamples sentences: a lower "
              "bound on the uncertainty." if few == len(groups) else
              f" {few} of the outlets have fewer than three articles; their intervals resample sentences: a lower "
              "bound on the uncertainty.")
    if not found:
        low, high = groups["estimate"].min(), groups["estimate"].max()
        span = (f"all at {_number(low, digits, percent)}" if _number(low, digits, percent) == _number(high, digits, percent)
                else f"from {_number(low, digits, percent)} to {_number(high, digits, percent)}")
        return (f"{what}: the outlets cannot be told apart on this corpus. Their estimates run {span}, but no "
                f"difference between two outlets is beyond chance ({'; '.join(parts)}: none is significant after "
                "Holm's correction), so no outlet can be called higher or lower."
                + caveat)
    return (f"{what}: some outlets can be told apart: {'; '.join(parts)}."
            + (" The other comparisons cannot tell the outlets apart." if found < total else "") + caveat)


def frames_apart(table: "pd.DataFrame") -> dict[str, int]:
    """Per frame (``measure``), the pairs of outlets whose frame shares differ beyond chance, with
    Holm's correction over every frame and pair together: a finding read across all frames ("told
    apart on 2 of 5 frames") must not get one chance per frame (outlets dealt events40's articles
    at random were told apart on some frame in 7.5% of 200 dealings with a correction per frame)."""
    import numpy as np

    from .stats import holm

    frames = list(dict.fromkeys(table.loc[table["kind"] == "group", "measure"]))
    diffs = table[(table["kind"] == "difference") & np.isfinite(table["p_value"].astype(float))]
    if not len(diffs):
        return {frame: 0 for frame in frames}
    apart = diffs[holm(diffs["p_value"].to_numpy(float)) < 0.05]
    return {frame: int((apart["measure"] == frame).sum()) for frame in frames}


def frames_finding(table: "pd.DataFrame") -> str:
    """Which frames separate outlets, or that none does (never a ranking of point values);
    ``table``: :func:`analysis.framing.frame_share_intervals`."""
    import numpy as np

    outlets = table.loc[table["kind"] == "group", "group"].unique()
    if len(outlets) < 2:
        return "One outlet: frames cannot be compared between outlets."
    if not np.isfinite(table.loc[table["kind"] == "difference", "p_value"].astype(float)).any():
        return ("Frame shares cannot be compared between outlets here: with fewer than three articles per "
                "outlet there is nothing to resample, so the differences in the heatmap are not tested.")
    apart = {frame.replace("_", " "): k for frame, k in frames_apart(table).items()}
    if not any(apart.values()):
        return ("The outlets cannot be told apart on any frame in this corpus: no difference in a frame's share "
                "of questions answered yes is beyond chance (95% intervals over articles, Holm's correction over "
                "every frame and pair).")
    listed = "; ".join(f"{f} ({k} pair{'s' if k > 1 else ''})" for f, k in apart.items() if k)
    none = [f for f, k in apart.items() if not k]
    return (f"Outlets can be told apart on {sum(1 for k in apart.values() if k)} of {len(apart)} frames: {listed}"
            + (f"; on {', '.join(none)} they cannot." if none else ".")
            + " (Holm's correction over every frame and pair.)")


def voice_finding(table: "pd.DataFrame") -> str:
    """What the paired own-voice-minus-quotes differences support, in one sentence; ``table``:
    :func:`analysis.sentiment.voice_differences`."""
    from .stats import ALL_OUTLETS

    if len(table) == 0:
        return "No article has both sentences in its own voice and quoted sentences: the two cannot be compared."
    whole = table[table["group"] == ALL_OUTLETS]
    row = (whole if len(whole) else table).iloc[0]
    where = "over all outlets" if len(whole) else f"in {row['group']}"
    apart = table[(table["group"] != ALL_OUTLETS) & (table["separable"] == True)]  # noqa: E712
    outlets = ("; by outlet: " + "; ".join(f"{r.group} {r.estimate:+.2f} [{r.ci_low:+.2f}, {r.ci_high:+.2f}]"
                                           for r in apart.itertuples())) if len(apart) else ""
    lower = (" (interval over the sentences of so few articles: a lower bound on the uncertainty)"
             if row["resampled"] == "sentences" else "")
    head = f"Own voice against quotes, paired by article ({row['n_articles']} articles with both) {where}: "
    interval = f"{row['estimate']:+.2f} [{row['ci_low']:+.2f}, {row['ci_high']:+.2f}]"
    if row["separable"] == True:  # noqa: E712
        warmer = "warmer" if row["estimate"] > 0 else "cooler"
        return f"{head}the outlets' own words are {warmer} than the quotes they pick, {interval}{lower}{outlets}."
    return (f"{head}the difference, {interval}, is not beyond chance{lower}"
            + (f"{outlets}." if outlets else ", nor in any single outlet."))


def _number(value: float, digits: int, percent: bool) -> str:
    return f"{value:.{digits}%}" if percent else f"{value:.{digits}f}"


def _counted(values) -> str:
    """Distinct non-empty values with their counts, most frequent first: "A (3), B"."""
    from collections import Counter

    counts = Counter(v for cell in values if cell for v in str(cell).split(" | "))
    return ", ".join(f"{name} ({n})" if n > 1 else name for name, n in counts.most_common()) or "none stated"


def _call(function: Callable, *args, **kwargs):
    return function(*args, **kwargs)


def summary_tables(corpus: "Corpus", actors: Mapping[str, list[str]] | None = None, *,
                   n_boot: int = 2000, once: Callable | None = None) -> dict[str, "pd.DataFrame"]:
    """Every table the summary needs, computed once: stories, readability and sentiment intervals,
    frame scores, quotes, overlap, distinctive words -- and the at-a-glance table built from them
    (key ``summary``: one row per outlet, columns ``SUMMARY_COLUMNS``). Every value is a number or
    text: each interval is three numeric columns (``grade_level``, ``grade_level_low``,
    ``grade_level_high``; the same for ``mean_sentiment``, ``direct_quotation`` and
    ``unique_content``), shares are fractions from 0 to 1 (:func:`readable_summary` formats them
    for a page). The interval tables are returned too: ``grade``, ``tone``, ``frame_shares``
    (per outlet and frame), ``quotation`` and ``unique_content``, each with outlet differences.

    ``interval_level`` says how the outlet's intervals were resampled: by article then sentence
    (an outlet with several articles) or by sentence (a handful of articles: narrower than the
    truth, since sentences of one article are not independent). ``once(function, *args)``
    computes each table (the report's :func:`analysis.report.computed_once` shares the tables
    the other pages of a run already computed); by default a plain call.
    """
    import pandas as pd

    from . import framing, overlap, readability, sentiment
    from .actors import actors_for
    from .keyness import keyness, top_terms
    from .stories import with_stories

    run = once or _call
    corpus = with_stories(corpus)
    people = actors if actors is not None else run(actors_for, corpus)
    read_sentences = run(readability.sentence_table, corpus)
    grade = readability.intervals(corpus, sentences=read_sentences, measures=("consensus_grade",), n_boot=n_boot)
    tone_sentences = run(sentiment.sentence_sentiment, corpus)
    tone = sentiment.intervals(corpus, tone_sentences, n_boot=n_boot)
    book = framing.load_codebook()
    frames = framing.frame_scores(run(framing.code_frames, corpus, book))
    frame_shares = framing.frame_share_intervals(frames, list(dict.fromkeys(corpus.labels.values())), n_boot=n_boot)
    quotes = run(framing.extract_quotes, corpus, people)
    quotation = run(framing.quotation_intervals, corpus, quotes, n_boot=n_boot)
    matches = run(overlap.sentence_matches, corpus)
    unique = overlap.unique_sentences(corpus, matches)
    unique_ci = run(overlap.unique_content_intervals, corpus, unique, n_boot=n_boot)
    words = run(keyness, corpus, top=10, skip_stopwords=True)  # content words for the summary

    labels = list(dict.fromkeys(corpus.labels.values()))
    body = corpus.body()
    body_label = body["article"].map(corpus.labels)
    body_count = body_label.value_counts()
    grade_rows = grade[grade["kind"] == "group"].set_index("group")
    tone_rows = tone[(tone["kind"] == "group") & (tone["measure"] == "mean_compound_all")].set_index("group")
    frame_means = frames.groupby(["label", "frame"], sort=False)["frame_present"].mean()
    quote_words = quotes.groupby(["label", "speaker"])["n_words"].sum()
    quote_rows = quotation[quotation["kind"] == "group"].set_index("group")
    unique_rows = unique_ci[unique_ci["kind"] == "group"].set_index("group")
    by_label = corpus.articles.groupby("label", sort=False)
    n_articles = by_label.size()
    n_stories = by_label["story"].nunique()
    re_reports = by_label["re_reported_from"].agg(_counted)
    distinctive = top_terms(words, 3)
    rows = []
    for label in labels:
        g, t = grade_rows.loc[label], tone_rows.loc[label]
        mine = frame_means[label] if label in frame_means.index.get_level_values(0) else pd.Series(dtype=float)
        top = mine[mine == mine.max()].index.tolist() if len(mine) and mine.max() > 0 else []
        speakers = (quote_words[label].sort_values(ascending=False)
                    if label in quote_words.index.get_level_values(0) else pd.Series(dtype=float))
        quoted = speakers.sum()
        rows.append({
            "outlet": label,
            "articles": int(n_articles.get(label, 0)),
            "stories": int(n_stories.get(label, 0)),
            "sentences": int(body_count.get(label, 0)),
            "grade_level": float(g["estimate"]), "grade_level_low": float(g["ci_low"]),
            "grade_level_high": float(g["ci_high"]),
            "mean_sentiment": float(t["estimate"]), "mean_sentiment_low": float(t["ci_low"]),
            "mean_sentiment_high": float(t["ci_high"]),
            "interval_level": g["resampled"],
            "dominant_frames": ", ".join(f.replace("_", " ") for f in top) or "none",
            **_interval_cells("direct_quotation", quote_rows, label),
            "most_quoted": ", ".join(f"{sp} ({w / max(quoted, 1):.0%})" for sp, w in speakers.head(2).items()) or "nobody",
            **_interval_cells("unique_content", unique_rows, label),
            "re_reports": re_reports.get(label, "none stated"),
            "distinctive_words": distinctive.get(label, ""),
        })
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return {"summary": table, "grade": grade, "tone": tone, "frames": frames, "frame_shares": frame_shares,
            "quotes": quotes, "quotation": quotation, "matches": matches, "unique": unique,
            "unique_content": unique_ci, "keyness": words, "stories": corpus.__dict__.get("stories")}


def _interval_cells(measure: str, rows: "pd.DataFrame", label: str) -> dict[str, float]:
    """The outlet's estimate and interval as three numbers (an outlet without body text: 0)."""
    if label not in rows.index or not rows.loc[label, "n"]:
        return {measure: 0.0, f"{measure}_low": 0.0, f"{measure}_high": 0.0}
    row = rows.loc[label]
    return {measure: float(row["estimate"]), f"{measure}_low": float(row["ci_low"]),
            f"{measure}_high": float(row["ci_high"])}
