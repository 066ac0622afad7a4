"""Stories: which articles report the same event.

A ``story`` column in the manifest (or table) is used as given. Otherwise stories are found:

1. Each article (title + body) becomes a TF-IDF vector of its content words and numbers
   (sublinear tf, English stop words and the corpus's own outlet names removed). Names, places
   and figures of one event ("Brightwater", "Millbrook", "412") are rare in the corpus and carry
   the weight; words of the broad topic ("flood", "council") are common and weigh little.
2. Candidate pairs come from *blocking* on distinctive terms: two articles are compared only if
   they share at least ``min_shared`` terms that occur in at most ``block_df`` articles. Each term
   contributes at most ``block_df``\\ :sup:`2` pairs, so the work grows linearly with the corpus
   (no all-pairs comparison; a sparse product over the rare-term columns only).
3. A candidate pair is a link when its cosine similarity is at least ``threshold``, its *facts*
   agree (cosine over names and figures alone at least ``fact_threshold``, and at least
   ``min_facts`` of them shared) and, where both dates are known, they are at most ``max_days``
   apart. Facts are numbers and words the corpus never writes in lower case, used by at least two
   outlets (so an outlet's own bylines link nothing). Two events of one kind told in the same
   words (two floods, two strikes) pass the first test and fail the second.
   In a corpus too small for word weights to mean much (the three seed articles: every shared
   word is "common"), ``STRONG_FACTS`` shared, agreeing facts link a pair without the text test.
4. Linked articles form components; a component of three or more is split by average linkage
   on the facts' cosine (cut at ``cluster_threshold``), so one chain of links cannot merge two
   events: every article must agree *on average* with the facts of the rest of its story. Precision is preferred to recall: an
   article that is not clearly part of a story stays on its own (a singleton story).

The evidence of each article is its strongest link inside its story: the other article, their
similarity and the terms they share that weigh most.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus

LOGGER = logging.getLogger(__name__)

THRESHOLD = 0.2
CLUSTER_THRESHOLD = 0.2
MAX_DAYS = 4
BLOCK_DF = 50
MIN_SHARED = 2
IDF_POWER = 2.0
FACT_THRESHOLD = 0.25
MIN_FACTS = 3
STRONG_FACTS = 6
STORY_COLUMNS = ["article", "story", "outlet", "date", "title", "story_size", "story_outlets",
                 "found_by", "linked_to", "similarity", "shared_terms"]
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][^\W\d_]*(?:['’-][^\W\d_]+)*")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _documents(corpus: "Corpus") -> list[str]:
    """Title and body text of each article, in the order of ``corpus.articles``."""
    body = corpus.body()
    joined = body.groupby("article", sort=False)["text"].agg(" ".join)
    arts = corpus.articles
    return [f"{title}. {joined.get(a, '')}" for a, title in zip(arts["id"], arts["title"].fillna(""))]


def _analyzer(outlet_words: set[str]):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    drop = set(ENGLISH_STOP_WORDS) | outlet_words | {"said", "says", "told", "according", "reported",
                                                         "i'm", "i've", "i'll", "i'd"}

    def analyze(text: str) -> list[str]:
        terms = []
        for token in _TOKEN.findall(text):
            if token[0].isdigit():
                number = token.replace(",", "").rstrip(".")
                if len(number) >= 2:  # "3" is everywhere; "412" and "21.7" name an event
                    terms.append(number)
            else:
                word = token.lower().replace("’", "'")
                if len(word) >= 3 and word not in drop:
                    terms.append(word)
        return terms

    return analyze


def article_vectors(corpus: "Corpus", documents: list[str] | None = None):
    """Sparse TF-IDF matrix (articles x terms, rows L2-normalised) and the term names."""
    from scipy.sparse import diags
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    outlets = corpus.articles["outlet"].fillna("")
    outlet_words = {w.lower() for name in set(outlets) for w in _TOKEN.findall(name)}
    vectorizer = TfidfVectorizer(analyzer=_analyzer(outlet_words), sublinear_tf=True, dtype=np.float64,
                                 norm=None)
    try:
        matrix = vectorizer.fit_transform(documents if documents is not None else _documents(corpus)).tocsr()
    except ValueError:  # not one content word in the corpus: nothing to link articles by
        from scipy.sparse import csr_matrix

        return csr_matrix((len(corpus.articles), 0)), np.array([], dtype=object)
    # idf once more: what one event's articles share beyond their topic (names, places, figures)
    # must outweigh the topic's words, which unrelated articles of the same kind share too
    matrix = matrix @ diags(vectorizer.idf_ ** (IDF_POWER - 1))
    return normalize(matrix, norm="l2", copy=False).tocsr(), vectorizer.get_feature_names_out()


def fact_columns(corpus: "Corpus", terms, matrix, documents: list[str] | None = None) -> np.ndarray:
    """Which terms are facts of an event: figures, and names (words the corpus never writes in
    lower case: people, places, organisations; "Council" at a sentence start is not one, since
    "council" occurs too). Where the corpus names two or more outlets, a fact must occur in the
    articles of two outlets: a name only one outlet uses (its reporters' bylines, its own
    columns) links that outlet's articles to each other, not to an event."""
    import scipy.sparse as sp

    lower = set(_LOWER_WORD.findall(" ".join(documents if documents is not None else _documents(corpus))))
    lower = {t.replace("’", "'") for t in lower}
    facts = np.array([t[0].isdigit() or t not in lower for t in terms], dtype=bool)
    outlets = corpus.articles["outlet"].fillna("").astype(str).to_numpy()
    known = outlets != ""
    if len(set(outlets[known])) >= 2:
        codes = {o: i for i, o in enumerate(sorted(set(outlets[known])))}
        rows = np.flatnonzero(known)
        indicator = sp.csr_matrix((np.ones(len(rows)), ([codes[o] for o in outlets[rows]], rows)),
                                  shape=(len(codes), len(outlets)))
        outlets_using = np.asarray(((indicator @ (matrix > 0).astype(np.float64)) > 0).sum(axis=0)).ravel()
        facts &= outlets_using >= 2
    return facts


def fact_vectors(matrix, facts: np.ndarray):
    """The article vectors restricted to the fact columns, L2-normalised again."""
    from sklearn.preprocessing import normalize

    restricted = matrix[:, np.flatnonzero(facts)].tocsr()
    return normalize(restricted, norm="l2").tocsr() if restricted.shape[1] else restricted


def fact_similarity(fact_matrix, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: cosine over the fact columns only (the share of what they name that agrees) and
    the number of facts they share."""
    present = (fact_matrix > 0).astype(np.float64).tocsr()
    return _pair_similarity(fact_matrix, pairs), np.rint(_pair_similarity(present, pairs)).astype(np.int64)


def candidate_pairs(matrix, *, block_df: int = BLOCK_DF, min_shared: int = MIN_SHARED) -> np.ndarray:
    """Pairs (i < j) of articles sharing at least ``min_shared`` rare terms (df <= ``block_df``)."""
    import scipy.sparse as sp

    binary = (matrix > 0).astype(np.int32).tocsc()
    df = np.diff(binary.indptr)
    rare = np.flatnonzero((df >= 2) & (df <= block_df))
    if rare.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    blocks = binary[:, rare].tocsr()
    shared = sp.triu(blocks @ blocks.T, k=1).tocoo()
    keep = shared.data >= min_shared
    return np.column_stack([shared.row[keep], shared.col[keep]]).astype(np.int64)


def _days(dates: "pd.Series") -> np.ndarray:
    import pandas as pd

    parsed = pd.to_datetime(dates.fillna("").astype(str).str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    return (parsed - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float)


def _pair_similarity(matrix, pairs: np.ndarray) -> np.ndarray:
    if len(pairs) == 0:
        return np.empty(0)
    out = np.empty(len(pairs))
    for start in range(0, len(pairs), 200_000):  # bounded memory on large corpora
        chunk = pairs[start:start + 200_000]
        out[start:start + len(chunk)] = np.asarray(matrix[chunk[:, 0]].multiply(matrix[chunk[:, 1]]).sum(axis=1)).ravel()
    return out


def _split_component(sub, d: np.ndarray, max_days: float, cluster_threshold: float) -> np.ndarray:
    """Cluster numbers for the articles of one linked component (rows ``sub`` of the fact vectors,
    dates ``d``), by average linkage on 1 - cosine of their facts: what makes an event one."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    similarity = (sub @ sub.T).toarray()
    far = np.abs(d[:, None] - d[None, :]) > max_days  # NaN (unknown date) compares False: no constraint
    similarity[far] = 0.0
    distance = np.clip(1.0 - similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=1.0 - cluster_threshold, criterion="distance")


def find_story_groups(corpus: "Corpus", *, threshold: float = THRESHOLD,
                      cluster_threshold: float = CLUSTER_THRESHOLD, max_days: float = MAX_DAYS,
                      block_df: int = BLOCK_DF, min_shared: int = MIN_SHARED,
                      fact_threshold: float = FACT_THRESHOLD, min_facts: int = MIN_FACTS) -> tuple[np.ndarray, dict]:
    """Story number of each article (order of ``corpus.articles``) and what the finding used."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(corpus.articles)
    documents = _documents(corpus)
    matrix, terms = article_vectors(corpus, documents)
    days = _days(corpus.articles["date"])
    pairs = candidate_pairs(matrix, block_df=block_df, min_shared=min_shared)
    sims = _pair_similarity(matrix, pairs)
    fact_matrix = fact_vectors(matrix, fact_columns(corpus, terms, matrix, documents))
    facts, n_facts = fact_similarity(fact_matrix, pairs)
    gap = np.abs(days[pairs[:, 0]] - days[pairs[:, 1]]) if len(pairs) else np.empty(0)
    # a link needs similar texts AND agreeing facts: same-type events told alike share the first only
    # (or, in a corpus too small for word weights to mean much, many agreeing facts)
    linked = ((sims >= threshold) | (n_facts >= STRONG_FACTS)) & (facts >= fact_threshold) \
        & (n_facts >= min_facts) & ~(gap > max_days)
    edges = pairs[linked]
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    story = np.full(n, -1, dtype=np.int64)
    next_id = 0
    order = np.argsort(component, kind="stable")
    bounds = np.r_[0, np.flatnonzero(np.diff(component[order])) + 1, n]
    ordered = fact_matrix[order]  # components become contiguous row ranges: cheap slices
    for start, end in zip(bounds[:-1], bounds[1:]):
        members = order[start:end]
        if len(members) <= 2:
            story[members] = next_id
            next_id += 1
            continue
        clusters = _split_component(ordered[start:end], days[members], max_days, cluster_threshold)
        for c in np.unique(clusters):
            story[members[clusters == c]] = next_id
            next_id += 1
    info = {"matrix": matrix, "terms": terms, "pairs": pairs, "similarity": sims, "facts": facts, "n_facts": n_facts, "linked": linked,
            "candidates": len(pairs), "links": int(linked.sum())}
    return story, info


def _story_names(story: np.ndarray, matrix, terms, first: np.ndarray) -> dict[int, str]:
    """A readable, unique name per story: its three heaviest terms, numbered in order of appearance."""
    import scipy.sparse as sp

    n_stories = int(story.max()) + 1 if len(story) else 0
    indicator = sp.csr_matrix((np.ones(len(story)), (story, np.arange(len(story)))), shape=(n_stories, len(story)))
    weights = (indicator @ matrix).tocsr()
    rank = {s: r for r, s in enumerate(np.argsort(first, kind="stable"))}
    names = {}
    for s in range(n_stories):
        row = weights.getrow(s)
        top = row.indices[np.argsort(-row.data, kind="stable")[:3]]
        words = "-".join(terms[t] for t in top) or "story"
        names[s] = f"s{rank[s] + 1:04d}-{words}"
    return names


def _evidence(story: np.ndarray, info: dict, ids: list[str], n_terms: int = 5) -> list[tuple[str, float, str]]:
    """For each article, its strongest link inside its story: other id, similarity, shared terms."""
    pairs, sims = info["pairs"], info["similarity"]
    best_sim = np.full(len(story), -1.0)
    best_other = np.full(len(story), -1, dtype=np.int64)
    if len(pairs):
        same = story[pairs[:, 0]] == story[pairs[:, 1]]
        p, s = pairs[same], sims[same]
        node, other = np.concatenate([p[:, 0], p[:, 1]]), np.concatenate([p[:, 1], p[:, 0]])
        both = np.concatenate([s, s])
        order = np.lexsort((-both, node))  # by article, strongest link first
        _, first = np.unique(node[order], return_index=True)
        pick = order[first]
        best_other[node[pick]], best_sim[node[pick]] = other[pick], both[pick]
    matrix, terms = info["matrix"], info["terms"]
    has = np.flatnonzero(best_other >= 0)
    shared = matrix[has].multiply(matrix[best_other[has]]).tocoo()
    order = np.lexsort((-shared.data, shared.row))  # per article, heaviest shared term first
    rows, cols = shared.row[order], shared.col[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)  # position within its article
    top = rank < n_terms
    words: dict[int, list[str]] = {}
    for r, c in zip(rows[top], cols[top]):
        words.setdefault(int(r), []).append(str(terms[c]))
    out = [("", float("nan"), "")] * len(story)
    for k, i in enumerate(has):
        out[i] = (ids[best_other[i]], round(float(best_sim[i]), 4), ", ".join(words.get(k, [])))
    return out


def find_stories(corpus: "Corpus", *, use_given: bool = True, **options) -> "pd.DataFrame":
    """``stories.csv``: one row per article with its story and why it is there.

    Columns: article, story, outlet, date, title, story_size, story_outlets (distinct outlets in
    the story), found_by ("manifest" when the corpus gave the story, else "similarity"), linked_to
    (the article it is most similar to inside its story), similarity, shared_terms.
    Articles whose story the corpus gives keep it; the others are grouped among themselves.
    """
    import pandas as pd

    arts = corpus.articles.reset_index(drop=True)
    given = arts["story"].fillna("").astype(str).str.strip() if "story" in arts else pd.Series("", index=arts.index)
    if not use_given:
        given = pd.Series("", index=arts.index)
    story = given.copy()
    found_by = pd.Series(np.where(given != "", "manifest", "similarity"), index=arts.index)
    evidence = [("", float("nan"), "")] * len(arts)
    todo = np.flatnonzero((given == "").to_numpy())
    if len(todo):
        sub = replace(corpus, articles=arts.iloc[todo].reset_index(drop=True))
        groups, info = find_story_groups(sub, **options)
        first = np.full(int(groups.max()) + 1, len(groups))
        np.minimum.at(first, groups, np.arange(len(groups)))
        names = _story_names(groups, info["matrix"], info["terms"], first)
        taken = set(story[story != ""])
        for k, i in enumerate(todo):
            name = names[groups[k]]
            story.iloc[i] = name if name not in taken else f"{name}-found"
        for k, ev in zip(todo, _evidence(groups, info, list(sub.articles["id"]))):
            evidence[k] = ev
        LOGGER.info("stories: %d articles, %d candidate pairs, %d links, %d stories",
                    len(todo), info["candidates"], info["links"], len(names))
    table = pd.DataFrame({"article": arts["id"], "story": story, "outlet": arts["outlet"].fillna(""),
                          "date": arts["date"].fillna(""), "title": arts["title"].fillna("")})
    table["story_size"] = table.groupby("story")["article"].transform("size")
    table["story_outlets"] = table["outlet"].replace("", np.nan).groupby(table["story"]).transform("nunique")
    table["found_by"] = found_by
    table["linked_to"] = [e[0] for e in evidence]
    table["similarity"] = [e[1] for e in evidence]
    table["shared_terms"] = [e[2] for e in evidence]
    return table[STORY_COLUMNS]


def with_stories(corpus: "Corpus", stories: "pd.DataFrame | None" = None, **options) -> "Corpus":
    """The corpus with every article's ``story`` filled (given ones kept, the rest found).

    Returns the same object when every article already has a story. The stories table is kept on
    the returned corpus (``corpus.__dict__["stories"]``) so that later calls reuse it.
    """
    arts = corpus.articles
    if "story" in arts and arts["story"].fillna("").astype(str).str.strip().ne("").all():
        return corpus
    cached = corpus.__dict__.get("stories")
    table = stories if stories is not None else cached if cached is not None else find_stories(corpus, **options)
    mapping = dict(zip(table["article"], table["story"]))
    filled = replace(corpus, articles=arts.assign(story=arts["id"].map(mapping).fillna("")))
    filled.__dict__["stories"] = table
    return filled


def stories_of(corpus: "Corpus") -> "pd.DataFrame":
    """The stories table of a corpus: the cached one when :func:`with_stories` made it."""
    cached = corpus.__dict__.get("stories")
    return cached if cached is not None else find_stories(corpus)
