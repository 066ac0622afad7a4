"""The comparison at a glance: one row per outlet with the key measure of each analysis."""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus


def _interval_text(row) -> str:
    return f"{row['estimate']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]"


def summary_tables(corpus: "Corpus", actors: Mapping[str, list[str]] | None = None, *,
                   n_boot: int = 2000) -> dict[str, "pd.DataFrame"]:
    """Every table the summary needs, computed once: readability and sentiment intervals, frame
    scores, quotes, overlap -- and the at-a-glance table built from them (key ``summary``)."""
    import pandas as pd

    from . import framing, overlap, readability, sentiment
    from .actors import actors_for

    people = actors if actors is not None else actors_for(corpus)
    read_sentences = readability.sentence_table(corpus)
    grade = readability.intervals(corpus, sentences=read_sentences, measures=("consensus_grade",), n_boot=n_boot)
    tone_sentences = sentiment.sentence_sentiment(corpus)
    tone = sentiment.intervals(corpus, tone_sentences, n_boot=n_boot)
    frames = framing.frame_scores(framing.code_frames(corpus))
    quotes = framing.extract_quotes(corpus, people)
    matches = overlap.sentence_matches(corpus)
    unique = overlap.unique_sentences(corpus, matches)

    labels = list(dict.fromkeys(corpus.labels.values()))
    body = corpus.body()
    body_words = body.assign(label=body["article"].map(corpus.labels)).groupby("label")["n_words"].sum()
    body_count = body.assign(label=body["article"].map(corpus.labels)).groupby("label").size()
    rows = []
    for label in labels:
        g = grade[(grade["kind"] == "group") & (grade["group"] == label)].iloc[0]
        t = tone[(tone["kind"] == "group") & (tone["group"] == label) & (tone["measure"] == "mean_compound_all")].iloc[0]
        mine = frames[frames["label"] == label].groupby("frame")["frame_present"].mean()
        top = mine[mine == mine.max()].index.tolist() if len(mine) and mine.max() > 0 else []
        q = quotes[quotes["label"] == label]
        speakers = q.groupby("speaker")["n_words"].sum().sort_values(ascending=False)
        articles = corpus.articles[corpus.articles["label"] == label]
        rows.append({
            "outlet": label,
            "articles": len(articles),
            "sentences": int(body_count.get(label, 0)),
            "grade_level": _interval_text(g),
            "mean_sentiment": _interval_text(t),
            "dominant_frames": ", ".join(f.replace("_", " ") for f in top) or "none",
            "direct_quotation": f"{q['n_words'].sum() / body_words.get(label, 1):.0%}",
            "most_quoted": ", ".join(f"{s} ({w / max(q['n_words'].sum(), 1):.0%})" for s, w in speakers.head(2).items()) or "nobody",
            "unique_content": f"{(unique['label'] == label).sum() / max(body_count.get(label, 1), 1):.0%}",
            "re_reports": " | ".join(x for x in articles["re_reported_from"] if x) or "none stated",
        })
    table = pd.DataFrame(rows)
    return {"summary": table, "grade": grade, "tone": tone, "frames": frames, "quotes": quotes,
            "matches": matches, "unique": unique}
