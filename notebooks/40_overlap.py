# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Coverage overlap: what do the outlets share, what does each add, and who copied whom?
#
# We align the sentences of every pair of articles by lexical similarity (TF-IDF over stemmed words
# and character n-grams, weighted across the whole corpus so that names every outlet repeats count
# little), group aligned sentences into facts, and look at what is shared, what is unique, which
# quotes travel between outlets, and which way the borrowing most likely went.

# %% tags=["parameters"]
corpus = None  # folder of .txt/.html articles (None: the project's data/ folder)
figures_dir = None  # where figures are saved as PNG and SVG (None: the project's figures/)
out_dir = None  # where the report is written (set by `python -m analysis report`)
actors = None  # YAML of actors and aliases (None: actors.yaml beside the corpus, else detected)
gold = None  # CSV gold standard of aligned sentences (None: the project's, for the default corpus only)

# %%
from pathlib import Path

from analysis import framing, load_corpus, overlap
from analysis.figures import plot_alignment, plot_fact_sets, plot_heatmap
from analysis.paths import DEFAULT_CORPUS, PROJECT_ROOT
from analysis.report import show_figure, show_markdown, show_table
from analysis.sentiment import actors_for

data = load_corpus(corpus)
matches = overlap.sentence_matches(data)
pairs = overlap.outlet_similarity(data, matches)
groups = overlap.fact_groups(data, matches)
show_markdown("{n} articles, {m} aligned sentence pairs at similarity >= {t} (method: lexical).",
              n=len(data.articles), m=len(matches), t=overlap.DEFAULT_THRESHOLD)

# %% [markdown]
# ## How similar are the articles?
#
# `similarity`: cosine similarity of the whole texts. `a_in_b`: share of A's sentences that have a
# counterpart in B; `b_in_a`: the reverse. Containment that is high one way and low the other is a
# first sign that one text was built from the other.

# %%
show_table(pairs)

# %%
import pandas as pd

labels = data.labels
matrix = pd.DataFrame(1.0, index=list(labels.values()), columns=list(labels.values()))
for row in pairs.itertuples(index=False):
    matrix.loc[labels[row.article_a], labels[row.article_b]] = row.a_in_b
    matrix.loc[labels[row.article_b], labels[row.article_a]] = row.b_in_a
show_figure(plot_heatmap(matrix, title="Share of the row's sentences found in the column's article",
                         xlabel="found in", ylabel="sentences of"),
            "overlap_containment", figures_dir)

# %%
similar = pd.DataFrame(1.0, index=list(labels.values()), columns=list(labels.values()))
for row in pairs.itertuples(index=False):
    similar.loc[labels[row.article_a], labels[row.article_b]] = row.similarity
    similar.loc[labels[row.article_b], labels[row.article_a]] = row.similarity
show_figure(plot_heatmap(similar, title="Document similarity (cosine, TF-IDF)"), "overlap_similarity", figures_dir)

# %% [markdown]
# ## The alignment
#
# Each dot is a pair of aligned sentences: its position in article A against its position in B.
# Dots along a rising diagonal mean the shared facts come in the same order.

# %%
sizes = data.body().groupby("article")["index"].max().add(1).to_dict()
show_figure(plot_alignment(matches, sizes, title="Aligned sentences, by position in each article"),
            "overlap_alignment", figures_dir)

# %% [markdown]
# ## Shared and unique facts
#
# A fact is a group of sentences aligned with each other across articles; a sentence with no
# counterpart is a fact only its outlet reports.

# %%
show_figure(plot_fact_sets(groups, title="Facts by the set of articles that report them"),
            "overlap_fact_sets", figures_dir)

# %%
unique = overlap.unique_sentences(data, matches)
show_table(unique[["label", "index", "voice", "text"]], max_rows=100,
           caption="Sentences with no counterpart in any other article.")

# %% [markdown]
# ## Quotes that travel
#
# The same quote in several outlets, verbatim or trimmed, or turned into the outlet's own words
# (paraphrased: an outlet's sentence close to another outlet's quote).

# %%
quotes = framing.extract_quotes(data, actors_for(data, actors))
shared = overlap.shared_quotes(data, quotes)
show_table(shared, max_rows=60) if len(shared) else show_markdown("No quote is shared between outlets.")

# %% [markdown]
# ## Who re-reported whom?
#
# A reasoned guess per pair of articles, from explicit attributions ("According to PEOPLE"),
# containment both ways, the order of shared facts and dates. Shared sources (the same TV episode,
# a press release) leave the same traces, so "unclear" is often the honest answer.

# %%
show_table(overlap.derivation(data, matches, pairs))

# %% [markdown]
# ## How good is the alignment?
#
# Precision and recall against a hand-made gold standard of sentence pairs that report the same
# fact (for the default corpus: `tests/data/gold_alignment.csv`). The default threshold is the one
# with the best F1 on that gold standard. Paraphrase without shared words ("struggle between her
# public image and her personal life" / "challenge of living with scrutiny") is beyond a lexical
# method, which caps recall.

# %%
gold_path = Path(gold) if gold else PROJECT_ROOT / "tests" / "data" / "gold_alignment.csv"
default_corpus = corpus is None or Path(corpus).resolve() == DEFAULT_CORPUS.resolve()
if gold_path.exists() and (gold or default_corpus):
    gold_pairs = overlap.load_gold(gold_path)
    curve = overlap.precision_recall_curve(data, gold_pairs)
    from analysis.figures import new_figure

    fig = new_figure(6, 4)
    ax = fig.add_subplot()
    ax.plot(curve["recall"], curve["precision"], "-o", color="#0072B2", markersize=3)
    chosen = curve.iloc[(curve["threshold"] - overlap.DEFAULT_THRESHOLD).abs().argmin()]
    ax.plot([chosen["recall"]], [chosen["precision"]], "o", color="#D55E00", markersize=9,
            label=f"default threshold {overlap.DEFAULT_THRESHOLD}")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(frameon=False)
    ax.set_title("Sentence alignment against the gold standard", loc="left", fontsize=11)
    shown = show_figure(fig, "overlap_precision_recall", figures_dir)
else:
    shown = show_markdown("No gold standard for this corpus: precision and recall cannot be measured.")
shown

# %%
if gold_path.exists() and (gold or default_corpus):
    shown = show_table(curve[["threshold", "precision", "recall", "f1", "found", "gold"]], max_rows=40)
shown

# %% [markdown]
# ## Every aligned pair

# %%
show_table(matches[["article_a", "sentence_a", "text_a", "sentence_b", "text_b", "similarity"]], max_rows=150)
