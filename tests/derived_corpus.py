"""A larger multi-outlet corpus DERIVED from events40 (not new real text): each events40 story is
retold as new events by replacing its own names, places and figures consistently across all the
outlets' articles, and moving its dates. The prose (and each outlet's voice) is events40's; the
events are new, and the same-type copies are the trap: same topic, same wording, other event.

Names are capitalised words the corpus never writes in lower case, and numbers; outlet names
and everything else are kept.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import numpy as np

EVENTS40 = Path(__file__).resolve().parent / "data" / "events40"
_CAP = re.compile(r"\b[A-Z][a-z]{2,}(?:'s)?\b")
_NUM = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_SYLLABLES = "bar ben cal dor fen gar hal jor kel lan mor nel pen quin ros sal tor ven wil yor zan".split()


def _events40_rows() -> list[dict]:
    from analysis import load_corpus

    corpus = load_corpus(EVENTS40)
    with open(EVENTS40 / "truth.csv", encoding="utf-8") as handle:
        truth = {r["id"]: r["story"] for r in csv.DictReader(handle)}
    body = corpus.body().groupby("article", sort=False)["text"].agg(" ".join)
    paragraphs = corpus.body().groupby(["article", "paragraph"], sort=False)["text"].agg(" ".join)
    rows = []
    for art in corpus.articles.itertuples():
        text = "\n\n".join(paragraphs[art.id]) if art.id in body.index else ""
        rows.append({"id": art.id, "outlet": art.outlet, "date": art.date, "title": art.title,
                     "story": truth[art.id], "text": text})
    return rows


def _specific_terms(rows: list[dict]) -> dict[str, set[str]]:
    """Story -> the names and figures of its articles: numbers, and capitalised words that the
    corpus never writes in lower case (outlet names kept: the outlets stay the same)."""
    lower = {w for r in rows for w in re.findall(r"\b[a-z][a-z']+\b", r["text"])}
    outlet_words = {w for r in rows for w in r["outlet"].split()}
    own: dict[str, set[str]] = {}
    for row in rows:
        names = {t.removesuffix("'s") for t in _CAP.findall(row["title"] + " " + row["text"])}
        names = {t for t in names if t.lower() not in lower and t not in outlet_words}
        own.setdefault(row["story"], set()).update(names | set(_NUM.findall(row["text"])))
    return own


def _replacement(term: str, rng) -> str:
    if term[0].isdigit():
        value = float(term.replace(",", ""))
        new = value * rng.uniform(0.55, 0.9) if value > 3 else value
        if "." in term:
            return f"{new:.{len(term.split('.')[1])}f}"
        return f"{int(round(new)):,}" if "," in term else str(int(round(new)))
    return "".join(rng.choice(_SYLLABLES, size=3)).capitalize()


def derived_rows(copies: int = 3, day_shift: int = 0, seed: int = 40) -> list[dict]:
    """events40 (without its syndicated copies) plus ``copies`` renamed retellings of each story."""
    rng = np.random.default_rng(seed)
    base = _events40_rows()
    own = _specific_terms(base)
    rows = [dict(r) for r in base]
    for copy in range(1, copies + 1):
        for story, terms in sorted(own.items()):
            mapping = {t: _replacement(t, rng) for t in sorted(terms)}
            mapping.update({t.upper(): v.upper() for t, v in list(mapping.items()) if not t[0].isdigit()})  # datelines
            pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(t) for t in sorted(mapping, key=len, reverse=True))
                                 + r")(?![\w])")
            for row in base:
                if row["story"] != story:
                    continue
                date = dt.date.fromisoformat(row["date"]) + dt.timedelta(days=copy * day_shift)
                rows.append({"id": f"{row['id']}-c{copy}", "outlet": row["outlet"], "date": date.isoformat(),
                             "title": pattern.sub(lambda m: mapping[m.group(1)], row["title"]),
                             "story": f"{story}-c{copy}",
                             "text": pattern.sub(lambda m: mapping[m.group(1)], row["text"])})
    return rows


def write_derived(path: Path, **options) -> tuple[Path, dict[str, str]]:
    """The derived corpus as one CSV (no story column) and the true story of each id."""
    rows = derived_rows(**options)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "date", "title", "text"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path, {r["id"]: r["story"] for r in rows}
