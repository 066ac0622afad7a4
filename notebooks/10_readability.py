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
# # Readability: which outlet is harder to read, and is the difference real?

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
# n_boot: bootstrap replicates
n_boot = 2000

# %%
from analysis import readability
from analysis.figures import (outlet_colors, plot_differences, plot_distributions,
                              plot_formula_spread, plot_group_intervals)
from analysis.report import (computed_once, export_tables_to, report_corpus, show_figure, show_findings,
                             show_markdown, show_table, with_article_labels)
from analysis.summary import difference_finding
from IPython.display import display

data = report_corpus(corpus, manifest=manifest, shared=shared)  # with the stories every command uses
once = computed_once(shared, data)  # a table several pages need is computed once per report run
export_tables_to(out_dir)
colors = outlet_colors(data.labels.values())
sentences = once(readability.sentence_table, data)
articles = with_article_labels(readability.article_scores(data, sentences), data)
intervals = readability.intervals(data, sentences=sentences, n_boot=n_boot)
whole = articles[articles["part"] == "all"]
grade = intervals[(intervals["kind"] == "group") & (intervals["measure"] == "consensus_grade")].sort_values("estimate")
diffs = intervals[(intervals["kind"] == "difference") & (intervals["measure"] == "consensus_grade")]
separable = diffs[diffs["separable"] == True]  # noqa: E712
several = data.articles.groupby("label").size().max() > 1

findings = []
if len(grade) > 1:  # which outlets the data separate, never a ranking of point estimates alone
    findings.append((difference_finding(intervals, "consensus_grade", "Consensus grade level",
                                        digits=1), "#Which-differences-are-real"))
elif len(grade):
    findings.append((f"Consensus grade {grade.iloc[0].estimate:.1f} (one outlet: nothing to compare).",
                     "#Grade-level-per-outlet"))
findings.append((f"The formulas disagree: the same text gets grades up to {whole['grade_spread'].max():.1f} "
                 "years apart, so compare outlets within one formula.", "#The-formulas-disagree"))
display(show_findings(findings))

# %% [markdown]
# Readability formulas estimate the US school grade a reader needs, from sentence length and word
# length (syllables, letters, or words outside a list of familiar words). We apply every standard
# formula to the cleaned body text of each article (no headings, no boilerplate), look at how the
# formulas disagree, at how difficulty spreads over the sentences, and at bootstrap intervals that
# say whether a difference between outlets is more than noise.
#
# ## Grade level per outlet
#
# The consensus grade (median of five count-based formulas) with its 95% bootstrap interval: an
# outlet's articles are resampled, then the sentences of each chosen article, 2,000 times (seeded),
# and the formulas recomputed on the summed counts. An outlet with fewer than three articles has
# its sentences resampled instead (the `resampled` column says so): read that interval as the
# least uncertainty there is.

# %%
show_figure(lambda width: plot_group_intervals(
    intervals, "consensus_grade", colors=colors, width=width,
    title="Consensus grade level (median of five formulas), 95% bootstrap interval",
    xlabel="US school grade"), "readability_grade_intervals", figures_dir)

# %%
if several:
    shown = show_figure(lambda width: plot_distributions(
        whole, "consensus_grade", colors=colors, width=width, title="Grade level of each article, by outlet",
        xlabel="consensus grade of one article (dots: articles)"), "readability_article_grades", figures_dir)
else:
    shown = None
shown

# %% [markdown]
# ## Which differences are real

# %%
show_figure(lambda width: plot_differences(
    intervals, "consensus_grade", width=width,
    title="Pairwise differences in consensus grade (blue: separable after Holm's correction for the number of pairs)",
    xlabel="difference in grade levels"), "readability_grade_differences", figures_dir)

# %%
if len(diffs) == 0:
    verdict = show_markdown("There is only one outlet in this corpus: nothing to compare.")
elif len(separable) == 0:
    verdict = show_markdown(
        "**No pair of outlets can be told apart**: no difference is significant after Holm's correction. "
        "With {n} sentences in all, the data do not support saying one outlet is harder to read.",
        n=f"{len(sentences):,}")
else:
    top = separable.reindex(separable["estimate"].abs().sort_values(ascending=False).index).head(10)
    pairs = "; ".join(f"{r.group} vs {r.other}: {r.estimate:+.1f} grades [{r.ci_low:+.1f}, {r.ci_high:+.1f}]"
                      for r in top.itertuples())
    verdict = show_markdown(
        "{k} of {n} pairs differ beyond the interval{largest}: {pairs}. The others cannot be separated.",
        k=len(separable), n=len(diffs), pairs=pairs,
        largest=" (the largest ten)" if len(separable) > 10 else "")
verdict

# %%
show_table(intervals, name="readability_intervals", max_rows=40,
           caption="Every interval: per outlet (kind = group) and per pair of outlets (kind = difference).")

# %% [markdown]
# ## The formulas disagree
#
# Each formula weighs different things, so the same text gets grades several years apart.
# Compare outlets within a formula, never one outlet's Fog with another's Flesch-Kincaid.

# %%
show_figure(lambda width: plot_formula_spread(readability.formula_spread(articles), colors=colors, width=width),
            "readability_formula_spread", figures_dir)

# %% [markdown]
# ## Every formula, per article
#
# Values are exactly what textstat computes for the same text. The consensus grade is the median
# of six grade-level formulas (Flesch-Kincaid, Gunning Fog, SMOG, ARI, Coleman-Liau, Linsear Write)
# and the grade spread the distance between the lowest and highest of them.

# %%
show_table(whole[["label", "article", "consensus_grade", "grade_spread"] + readability.FORMULAS
                 + ["lexicon_count", "sentence_count", "difficult_words", "note"]],
           name="readability_articles", max_rows=40)

# %% [markdown]
# ## How difficulty spreads over the sentences
#
# An article's grade is an average; the sentences behind it vary a lot. Long sentences drive
# every formula.

# %%
show_figure(lambda width: plot_distributions(sentences, "lexicon_count", colors=colors, width=width,
                                             title="Words per sentence", xlabel="words (dots: sentences)"),
            "readability_sentence_length", figures_dir)

# %%
show_figure(lambda width: plot_distributions(sentences, "syllables_per_word", colors=colors, width=width,
                                             title="Syllables per word, by sentence",
                                             xlabel="syllables per word (dots: sentences)"),
            "readability_syllables_per_word", figures_dir)

# %% [markdown]
# ## The outlet's own voice vs the people it quotes
#
# Quotations are spoken language: shorter words, sometimes run-on sentences. An outlet that quotes a
# lot can look easier (or harder) to read than its own prose.

# %%
voices = articles.groupby(["label", "part"], sort=True).agg(
    articles=("article", "nunique"), sentences=("n_corpus_sentences", "sum"),
    consensus_grade=("consensus_grade", "mean"), flesch_kincaid_grade=("flesch_kincaid_grade", "mean"),
    sentence_words_mean=("sentence_words_mean", "mean"), syllables_per_word_mean=("syllables_per_word_mean", "mean"),
).reset_index()
show_table(voices, name="readability_voices",
           caption="Per outlet and part of the text (means over its articles)." if several else None)

# %% [markdown]
# ## The hardest sentences of each outlet

# %%
show_table(with_article_labels(readability.hardest_sentences(sentences, n=3), data), name="readability_hardest")

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
