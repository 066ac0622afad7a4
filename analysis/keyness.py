"""Keyness: the words that distinguish each outlet from the others.

Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
Words", Political Analysis 16(4), eq. 16-22), each outlet against the rest of the corpus:

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w),    z_w = delta_w / sqrt(var)

with ``y_wi`` the count of word w in outlet i's body sentences, ``y_wj`` in all other outlets,
``n`` their totals, and the prior ``a_w = prior_scale * y_w`` (the word's count in the whole
corpus; ``a_0`` its sum). The prior shrinks rare words towards zero, so a word used twice by one
outlet and never by the others does not top the list, and z-scores account for frequency (plain
log-odds favour rare words, plain counts favour common ones). |z| > 1.96 is the conventional
mark of a distinguishing word; with thousands of words many pass by chance, so read the top of
the list, with its example sentences. Words are lowercased letter sequences (apostrophes kept);
no stemming. The table keeps function words (they can distinguish outlets too: "says" against
"said") and marks them in its ``stopword`` column (NLTK's English stopword list, packaged as
``data/stopwords_en.txt``); the summary's few distinctive words (:func:`top_terms`) skip them,
since "the" or "it" says little about an outlet to a reader.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .paths import package_data

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus

TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)?\b"
KEYNESS_COLUMNS = ["label", "rank", "term", "z", "log_odds", "count", "count_rest", "per_10k",
                   "per_10k_rest", "n_articles", "stopword", "example", "example_article"]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """NLTK's English stopword list (``data/stopwords_en.txt``, source and licence noted there)."""
    with open(package_data("stopwords_en.txt"), encoding="utf-8") as handle:
        return frozenset(w for line in handle if (w := line.strip()) and not w.startswith("#"))


def outlet_term_counts(corpus: "Corpus", *, min_count: int = 5):
    """Counts of each word per outlet (labels x terms, sparse), the labels, the terms, and the
    sentence-term matrix with each sentence's label code (for example sentences)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    body = corpus.body()
    labels_of = body["article"].map(corpus.labels)
    labels = list(dict.fromkeys(corpus.labels.values()))
    codes = np.asarray(labels_of.map({lb: i for i, lb in enumerate(labels)}).to_numpy(), dtype=np.int64)
    vectorizer = CountVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN, min_df=1)
    matrix = vectorizer.fit_transform(body["text"].str.replace("’", "'", regex=False)).tocsr()
    indicator = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(labels), len(codes)))
    counts = (indicator @ matrix).tocsc()
    keep = np.flatnonzero(np.asarray(counts.sum(axis=0)).ravel() >= min_count)
    return counts[:, keep].toarray(), labels, vectorizer.get_feature_names_out()[keep], matrix[:, keep].tocsc(), codes


def log_odds_dirichlet(counts: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row (group) against the sum of the other rows: log-odds ratio and its z-score."""
    counts = np.asarray(counts, dtype=float)
    rest = counts.sum(axis=0, keepdims=True) - counts
    n_i, n_j = counts.sum(axis=1, keepdims=True), rest.sum(axis=1, keepdims=True)
    a0 = prior.sum()
    delta = (np.log(counts + prior) - np.log(n_i + a0 - counts - prior)
             - np.log(rest + prior) + np.log(n_j + a0 - rest - prior))
    variance = 1.0 / (counts + prior) + 1.0 / (rest + prior)
    return delta, delta / np.sqrt(variance)


def keyness(corpus: "Corpus", *, top: int = 20, min_count: int = 5, prior_scale: float = 1.0,
            skip_stopwords: bool = False) -> "pd.DataFrame":
    """The ``top`` words most typical of each outlet (highest z against the rest of the corpus),
    with counts, rates per 10,000 words, the number of the outlet's articles using the word,
    whether it is a stop word, and one example sentence. With ``skip_stopwords``, stop words are
    not ranked (the ``top`` are content words). Empty when the corpus has fewer than two outlets."""
    import pandas as pd

    counts, labels, terms, matrix, codes = outlet_term_counts(corpus, min_count=min_count)
    if len(labels) < 2 or counts.size == 0:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    prior = prior_scale * counts.sum(axis=0)
    delta, z = log_odds_dirichlet(counts, prior)
    totals = counts.sum(axis=1)
    rest = counts.sum(axis=0, keepdims=True) - counts
    body = corpus.body()
    sentence_text = body["text"].to_numpy()
    sentence_article = body["article"].to_numpy()
    stop = np.isin(terms, list(stop_words()))
    rows = []
    for g, label in enumerate(labels):
        order = np.argsort(-z[g], kind="stable")
        if skip_stopwords:
            order = order[~stop[order]]
        chosen = [w for w in order[:top] if z[g, w] > 0 and counts[g, w] > 0]
        for rank, w in enumerate(chosen, start=1):
            column = matrix.indices[matrix.indptr[w]:matrix.indptr[w + 1]]
            mine = np.sort(column[codes[column] == g])
            example = sentence_text[mine[0]] if len(mine) else ""
            rows.append({
                "label": label, "rank": rank, "term": terms[w], "z": round(float(z[g, w]), 3),
                "log_odds": round(float(delta[g, w]), 4), "count": int(counts[g, w]),
                "count_rest": int(rest[g, w]),
                "per_10k": round(1e4 * counts[g, w] / max(totals[g], 1), 2),
                "per_10k_rest": round(1e4 * rest[g, w] / max(totals.sum() - totals[g], 1), 2),
                "n_articles": int(len(set(sentence_article[mine]))), "stopword": bool(stop[w]),
                "example": example, "example_article": sentence_article[mine[0]] if len(mine) else "",
            })
    return pd.DataFrame(rows, columns=KEYNESS_COLUMNS)


def top_terms(table: "pd.DataFrame", n: int = 3) -> dict[str, str]:
    """Label -> its ``n`` most distinctive words that are not stop words, comma-separated (for
    the summary: a reader learns little from "the" or "it")."""
    if table.empty:
        return {}
    content = table[~table["term"].isin(stop_words())]
    return {label: ", ".join(sel.sort_values("rank")["term"].head(n))
            for label, sel in content.groupby("label", sort=False)}
