"""The comparison at a glance: one row per outlet with the key measure of each analysis."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus


SUMMARY_COLUMNS = ["outlet", "articles", "stories", "sentences", "grade_level", "grade_level_low",
                   "grade_level_high", "mean_sentiment", "mean_sentiment_low", "mean_sentiment_high",
                   "interval_level", "dominant_frames", "direct_quotation", "most_quoted", "unique_content",
                   "re_reports", "distinctive_words"]
INTERVAL_MEASURES = {"grade_level": 1, "mean_sentiment": 2}  # measure -> decimals a reader sees
SHARE_COLUMNS = ["direct_quotation", "unique_content"]


def readable_summary(summary: "pd.DataFrame") -> "pd.DataFrame":
    """The summary as a reader reads it on the page: each interval as one text cell
    ("12.3 [11.9, 12.8]") and shares as percentages. summary.csv keeps the numbers."""
    table = summary.copy()
    for measure, digits in INTERVAL_MEASURES.items():
        table[measure] = [f"{e:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]" for e, lo, hi in
                          zip(table[measure], table[f"{measure}_low"], table[f"{measure}_high"])]
        table = table.drop(columns=[f"{measure}_low", f"{measure}_high"])
    for column in SHARE_COLUMNS:
        table[column] = [f"{v:.0%}" for v in table[column]]
    return table


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
    ``grade_level_high``; the same for ``mean_sentiment``), shares are fractions from 0 to 1
    (:func:`readable_summary` formats them for a page).

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
    frames = framing.frame_scores(run(framing.code_frames, corpus, framing.load_codebook()))
    quotes = run(framing.extract_quotes, corpus, people)
    matches = run(overlap.sentence_matches, corpus)
    unique = overlap.unique_sentences(corpus, matches)
    words = run(keyness, corpus, top=10, skip_stopwords=True)  # content words for the summary

    labels = list(dict.fromkeys(corpus.labels.values()))
    body = corpus.body()
    body_label = body["article"].map(corpus.labels)
    body_words = body.groupby(body_label)["n_words"].sum()
    body_count = body_label.value_counts()
    grade_rows = grade[grade["kind"] == "group"].set_index("group")
    tone_rows = tone[(tone["kind"] == "group") & (tone["measure"] == "mean_compound_all")].set_index("group")
    frame_means = frames.groupby(["label", "frame"], sort=False)["frame_present"].mean()
    quote_words = quotes.groupby(["label", "speaker"])["n_words"].sum()
    unique_count = unique["label"].value_counts()
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
            "direct_quotation": float(quoted / max(body_words.get(label, 1), 1)),
            "most_quoted": ", ".join(f"{sp} ({w / max(quoted, 1):.0%})" for sp, w in speakers.head(2).items()) or "nobody",
            "unique_content": float(unique_count.get(label, 0) / max(body_count.get(label, 1), 1)),
            "re_reports": re_reports.get(label, "none stated"),
            "distinctive_words": distinctive.get(label, ""),
        })
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return {"summary": table, "grade": grade, "tone": tone, "frames": frames, "quotes": quotes,
            "matches": matches, "unique": unique, "keyness": words, "stories": corpus.__dict__.get("stories")}
