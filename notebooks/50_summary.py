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
# # Summary: how the outlets differ, at a glance

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
# n_boot: bootstrap replicates
n_boot = 2000

# %%
from analysis.actors import actors_for
from analysis.figures import outlet_colors, plot_summary
from analysis.report import (computed_once, export_tables_to, report_corpus, show_figure, show_findings,
                             show_markdown, show_table)
from analysis.summary import difference_finding, frames_finding, readable_summary, summary_tables
from IPython.display import display

data = report_corpus(corpus, manifest=manifest, shared=shared)  # with the stories every command uses
once = computed_once(shared, data)  # a table several pages need is computed once per report run
export_tables_to(out_dir)
colors = outlet_colors(data.labels.values())
tables = summary_tables(data, once(actors_for, data, actors), n_boot=n_boot, once=once)
summary = tables["summary"]
n_outlets = len(summary)
display(show_findings([
    (difference_finding(tables["grade"], "consensus_grade", "Readability (consensus grade level)", digits=1),
     "10_readability.html#Which-differences-are-real"),
    (difference_finding(tables["tone"], "mean_compound_all", "Sentiment (mean sentence score)"),
     "20_sentiment.html#Which-differences-are-real"),
    ("Frames: " + frames_finding(tables["frame_shares"]),
     "30_framing.html#Which-outlets-differ-on-a-frame"),
    (difference_finding(tables["quotation"], "direct_quotation", "Direct quotation (share of the text quoted)",
                        digits=0, percent=True), "30_framing.html#Whom-each-outlet-quotes"),
    (difference_finding(tables["unique_content"], "unique_content", "Unique content (share of sentences no "
                        "other outlet reports)", digits=0, percent=True), "40_overlap.html#Shared-and-unique-facts"),
], title="What the data support"))
show_markdown(
    "**{n} articles** from **{k} {what}**, {s} body sentences in all. A difference counts only when its "
    "95% interval excludes zero after correcting for the number of comparisons (Holm).", n=f"{len(data.articles):,}", k=len(summary),
    what="outlets" if data.articles["outlet"].astype(bool).any() else "sources (no manifest names the outlets)",
    s=f"{int(summary['sentences'].sum()):,}")

# %% [markdown]
# ## The figure
#
# Dots are estimates and bars their 95% intervals; where two outlets' bars overlap widely, the data
# do not separate them. The frame panel shows the share of each frame's questions answered yes;
# the last panel, how much of each outlet's text no other outlet reports, with its interval.

# %%
unique_share = dict(zip(summary["outlet"], summary["unique_content"]))
show_figure(lambda width: plot_summary(tables["grade"], tables["tone"], tables["frames"], unique_share,
                                       colors=colors, width=width, unique=tables["unique_content"]),
            "summary", figures_dir)

# %% [markdown]
# ## The table
#
# One row per outlet with the key measure of each analysis; each links to the detailed report
# with its evidence:
# [grade level](10_readability.html#Grade-level-per-outlet),
# [mean sentiment](20_sentiment.html#Tone-per-outlet),
# [dominant frames](30_framing.html#Frames-per-outlet),
# [direct quotation and most quoted](30_framing.html#Whom-each-outlet-quotes),
# [unique content](40_overlap.html#Shared-and-unique-facts),
# [re-reports](30_framing.html#Sourcing).
#
# - **Grade level**: consensus US school grade (median of five formulas) with its 95% interval.
# - **Mean sentiment**: mean VADER compound score of the sentences (-1 to +1) with its 95% interval.
# - **Dominant frames**: the generic frames with most questions answered yes.
# - **Direct quotation** and **most quoted**: share of the text inside quotation marks (with its
#   95% interval), and who speaks in it.
# - **Unique content**: share of sentences with no counterpart in another outlet's articles about the
#   same story, with its 95% interval.
# - **Re-reports**: outlets the articles say they re-report.

# %%
show_table(readable_summary(summary), name="summary", export=summary, max_rows=40)  # the CSV keeps numbers

# %% [markdown]
# ## Limits a reader should keep in mind
#
# - **Sample size.** With a handful of articles per outlet, intervals resample sentences, which are
#   not independent, so the true uncertainty is larger than shown.
# - **Topic.** Outlets covering different events differ for that reason alone: compare outlets on
#   the same stories before reading a difference as a difference of style.
# - **Lexicon coverage.** VADER was built for social media; words such as "therapy" or "reform"
#   are not in it, and "prison" or "murder" count as negative whatever the sentence says. The
#   sentiment of a sentence that mentions someone is not the outlet's stance toward them.
# - **Automated frame coding.** Frames are coded from cue words; every "yes" shows its evidence,
#   and agreement with human coders should be measured before conclusions are drawn.
# - **Overlap.** Lexical alignment misses paraphrase that shares no words (about half of the
#   hand-aligned facts of the default corpus); "who copied whom" is a reasoned guess.
