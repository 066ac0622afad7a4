"""The cue-matching engine of analysis.framing as it was before the speed work of issue 14 (every
cue of every item searched in every sentence, twice): the oracle its replacement must equal."""
from __future__ import annotations

import math
import re

import pandas as pd

from analysis.framing import Codebook, Item, load_codebook

_NEGATION = re.compile(r"\b(?:not|no|never|without|nobody|none|neither|nor|cannot)\b(?:\s+[\w'’-]+){0,2}\s*$"
                       r"|n[’']t(?:\s+[\w'’-]+){0,2}\s*$", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def negated(text, start):
    return bool(_NEGATION.search(text[max(0, start - 40):start]))


def kwic(text, start, end, width=40):
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return (("…" if start > width else "") + left + "[[" + text[start:end] + "]]" + right
            + ("…" if end + width < len(text) else ""))


def cue_hits(text, item: Item, discarded=False):
    counted, dropped = [], []
    for cue in item.cues:
        anchored = cue.anchor is None or bool(cue.anchor.search(text))
        if len(cue.patterns) == 1:
            found = [(m.group(0), m.start(), m.end()) for m in cue.patterns[0].finditer(text)]
        else:
            matches = [p.search(text) for p in cue.patterns]
            found = ([(" + ".join(m.group(0) for m in matches), matches[0].start(), matches[0].end())]
                     if all(matches) else [])
        for matched, start, end in found:
            keep = anchored and not (cue.negatable and negated(text, start))
            (counted if keep else dropped).append((cue, matched, start, end))
    return dropped if discarded else counted


def _distinct(cue, matched):
    from nltk.stem.porter import PorterStemmer

    stem = PorterStemmer().stem
    return cue.source, " ".join(stem(w) for w in _WORD.findall(matched.lower()))


def code_sentences(sentences, book: Codebook):
    n_words = sum(len(_WORD.findall(text)) for _n, text in sentences)
    rows = []
    for item in book.items:
        if not item.codable:
            rows.append({"frame": item.frame, "item": item.id, "question": item.question,
                         "present": pd.NA, "score": math.nan, "weight": math.nan, "n_sentences": 0,
                         "evidence": f"none (not coded: {item.note})"})
            continue
        fired, evidence = {}, []
        for number, text in sentences:
            hits = cue_hits(text, item)
            if hits:
                for cue, matched, _s, _e in hits:
                    fired[_distinct(cue, matched)] = cue.weight
                evidence.append(f"#{number}: " + " | ".join(kwic(text, s, e) for _c, _m, s, e in hits))
        weight = sum(fired.values())
        rows.append({"frame": item.frame, "item": item.id, "question": item.question,
                     "present": int(weight >= 1.0),
                     "score": round(1000.0 * weight / n_words if n_words else 0.0, 4),
                     "weight": weight, "n_sentences": len(evidence), "evidence": " || ".join(evidence) or "none"})
    return rows


def code_frames(corpus, codebook=None):
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    rows = []
    for article, sentences in corpus.body().groupby("article", sort=False):
        for row in code_sentences(list(zip(sentences["index"], sentences["text"])), book):
            rows.append({"article": article, "label": corpus.labels[article], **row})
    return pd.DataFrame(rows, columns=["article", "label", "frame", "item", "question", "present",
                                       "score", "weight", "n_sentences", "evidence"])


def evidence_table(corpus, codebook=None):
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    rows = []
    for sentence in corpus.body().itertuples(index=False):
        for item in book.items:
            for cue, matched, start, end in cue_hits(sentence.text, item):
                rows.append({"article": sentence.article, "label": corpus.labels[sentence.article],
                             "frame": item.frame, "item": item.id, "index": sentence.index,
                             "match": matched, "weight": cue.weight, "cue": cue.source,
                             "kwic": kwic(sentence.text, start, end)})
    return pd.DataFrame(rows, columns=["article", "label", "frame", "item", "index", "match",
                                       "weight", "cue", "kwic"])
