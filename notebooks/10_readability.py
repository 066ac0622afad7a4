# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Readability: which outlet is harder to read, and is the difference real?
#
# Readability formulas estimate the US school grade a reader needs, from sentence length and word
# length (syllables, letters, or words outside a list of familiar words). We apply every standard
# formula to the cleaned body text of each article (no headings, no boilerplate), look at how the
# formulas disagree, at how difficulty spreads over the sentences, and at bootstrap intervals that
# say whether a difference between outlets is more than noise.

# %% tags=["parameters"]
corpus = None  # folder of .txt/.html articles (None: the project's data/ folder)
manifest = None  # manifest CSV naming outlets, titles, dates (None: CORPUS/manifest.csv if present)
figures_dir = None  # where figures are saved as PNG and SVG (None: the project's figures/)
out_dir = None  # where the report is written (set by `python -m analysis report`)
n_boot = 2000  # bootstrap replicates

# %%
from analysis import load_corpus, readability
from analysis.figures import (outlet_colors, plot_differences, plot_distributions,
                              plot_formula_spread, plot_group_intervals)
from analysis.report import show_figure, show_markdown, show_table

data = load_corpus(corpus, manifest=manifest)
colors = outlet_colors(data.labels.values())
sentences = readability.sentence_table(data)
articles = readability.article_scores(data, sentences)
intervals = readability.intervals(data, sentences=sentences, n_boot=n_boot)

# %% [markdown]
# ## Every formula, per article
#
# Values are exactly what textstat computes for the same text. `consensus_grade` is the median of
# six grade-level formulas (Flesch-Kincaid, Gunning Fog, SMOG, ARI, Coleman-Liau, Linsear Write)
# and `grade_spread` the distance between the lowest and highest of them.

# %%
show_table(articles[articles["part"] == "all"][
    ["label", "consensus_grade", "grade_spread"] + readability.FORMULAS
    + ["lexicon_count", "sentence_count", "difficult_words", "note"]])

# %% [markdown]
# ## The formulas disagree
#
# Each formula weighs different things, so the same article gets grades several years apart.
# Compare outlets within a formula, never one outlet's Fog with another's Flesch-Kincaid.

# %%
show_figure(plot_formula_spread(readability.formula_spread(articles), colors=colors),
            "readability_formula_spread", figures_dir)

# %% [markdown]
# ## Grade level with 95% intervals
#
# Each interval comes from resampling the article's sentences 2,000 times (seeded) and recomputing
# the formulas on the pooled counts. Intervals treat sentences as independent, which they are not,
# so read them as the least uncertainty there is.

# %%
show_figure(plot_group_intervals(intervals, "consensus_grade", colors=colors,
                                 title="Consensus grade level (median of five formulas), 95% bootstrap interval",
                                 xlabel="US school grade"),
            "readability_grade_intervals", figures_dir)

# %% [markdown]
# ## Is any difference between outlets real?

# %%
diffs = intervals[(intervals["kind"] == "difference") & (intervals["measure"] == "consensus_grade")]
separable = diffs[diffs["separable"] == True]  # noqa: E712
show_figure(plot_differences(intervals, "consensus_grade",
                             title="Pairwise differences in consensus grade (blue: interval excludes 0)",
                             xlabel="difference in grade levels"),
            "readability_grade_differences", figures_dir)

# %%
if len(diffs) == 0:
    verdict = show_markdown("There is only one outlet in this corpus: nothing to compare.")
elif len(separable) == 0:
    verdict = show_markdown(
        "**No pair of outlets can be told apart**: every interval for a difference includes zero. "
        "With {n} sentences in all, the data do not support saying one outlet is harder to read.",
        n=int(sentences.shape[0]))
else:
    pairs = "; ".join(f"{r.group} vs {r.other}: {r.estimate:+.1f} grades [{r.ci_low:+.1f}, {r.ci_high:+.1f}]"
                      for r in separable.itertuples())
    verdict = show_markdown(
        "{k} of {n} pairs differ beyond the interval: {pairs}. The others cannot be separated.",
        k=len(separable), n=len(diffs), pairs=pairs)
verdict

# %%
show_table(intervals, caption="Every interval: per outlet (kind = group) and per pair (kind = difference).")

# %% [markdown]
# ## How difficulty spreads over the sentences
#
# An article's grade is an average; the sentences behind it vary a lot. Long sentences drive
# every formula.

# %%
show_figure(plot_distributions(sentences, "lexicon_count", colors=colors,
                               title="Words per sentence", xlabel="words"),
            "readability_sentence_length", figures_dir)

# %%
show_figure(plot_distributions(sentences, "syllables_per_word", colors=colors,
                               title="Syllables per word, by sentence", xlabel="syllables per word"),
            "readability_syllables_per_word", figures_dir)

# %% [markdown]
# ## The outlet's own voice vs the people it quotes
#
# Quotations are spoken language: shorter words, sometimes run-on sentences. An outlet that quotes a
# lot can look easier (or harder) to read than its own prose.

# %%
show_table(articles[["label", "part", "n_corpus_sentences", "consensus_grade",
                     "flesch_kincaid_grade", "sentence_words_mean", "syllables_per_word_mean", "note"]])

# %% [markdown]
# ## The hardest sentences of each outlet

# %%
show_table(readability.hardest_sentences(sentences, n=3))

# %% [markdown]
# ## What these formulas measure, and where they mislead
#
# - They count, they do not read: a short sentence of rare words and a long sentence of plain words
#   can get the same grade; meaning, coherence and layout are invisible to them.
# - Names count as hard words: "Kardashian" is four syllables and not on any list of familiar
#   words, so stories about people with long names look harder than they are.
# - Short texts and single sentences are noisy; SMOG was built for 30-sentence samples; Spache is
#   meant for texts for young children.
# - Headlines and subheadings are left out (they are not sentences), and so is boilerplate.
# - Sentence counts: the textstat columns use textstat's own rule (a full stop, question or
#   exclamation mark); the intervals use the corpus sentences, which do not split at "U.S." or "Dr.".
