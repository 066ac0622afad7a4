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
# # Summary: how the outlets differ, at a glance
#
# One row per outlet with the key measure of each analysis, then the key figures side by side.
# Every number links to the detailed report that explains it and shows the evidence behind it.

# %% tags=["parameters"]
corpus = None  # folder of .txt/.html articles (None: the project's data/ folder)
manifest = None  # manifest CSV naming outlets, titles, dates (None: CORPUS/manifest.csv if present)
figures_dir = None  # where figures are saved as PNG and SVG (None: the project's figures/)
out_dir = None  # where the report is written (set by `python -m analysis report`)
actors = None  # YAML of actors and aliases (None: actors.yaml beside the corpus, else detected)
n_boot = 2000  # bootstrap replicates

# %%
from analysis import load_corpus
from analysis.figures import outlet_colors, plot_summary
from analysis.report import show_figure, show_markdown, show_table
from analysis.actors import actors_for
from analysis.summary import summary_tables

data = load_corpus(corpus, manifest=manifest)
colors = outlet_colors(data.labels.values())
tables = summary_tables(data, actors_for(data, actors), n_boot=n_boot)
summary = tables["summary"]
show_markdown(
    "**{n} articles** from **{k} outlets** (an outlet is shown by its file id where the manifest "
    "names none), {s} body sentences in all.", n=len(data.articles), k=len(summary),
    s=int(summary["sentences"].sum()))

# %% [markdown]
# ## The table
#
# - **grade_level**: consensus US school grade (median of five formulas) with a 95% interval —
#   [Readability: grade level with intervals](10_readability.html#Grade-level-with-95%25-intervals).
# - **mean_sentiment**: mean VADER compound score of the sentences (-1 to +1) with a 95% interval —
#   [Sentiment: tone per outlet](20_sentiment.html#Tone-per-outlet).
# - **dominant_frames**: the generic frames with most questions answered yes —
#   [Framing: frames per outlet](30_framing.html#Frames-per-outlet).
# - **direct_quotation** and **most_quoted**: share of the text inside quotation marks, and who
#   speaks in it — [Framing: whom each outlet quotes](30_framing.html#Whom-each-outlet-quotes).
# - **unique_content**: share of sentences with no counterpart in any other outlet —
#   [Overlap: shared and unique facts](40_overlap.html#Shared-and-unique-facts); **re_reports**:
#   outlets the article says it re-reports — [Framing: sourcing](30_framing.html#Sourcing).

# %%
show_table(summary)

# %% [markdown]
# Reading the figure: dots are estimates and bars their 95% intervals; where two outlets' bars
# overlap widely, the data do not separate them. The frame strip shows the share of each frame's
# questions answered yes; the last panel, how much of each outlet's text no other outlet reports.

# %%
unique_share = {row.outlet: float(row.unique_content.rstrip("%")) / 100 for row in summary.itertuples()}
show_figure(plot_summary(tables["grade"], tables["tone"], tables["frames"], unique_share, colors=colors),
            "summary", figures_dir)

# %% [markdown]
# ## What the data support

# %%
def separable_pairs(table, measure):
    rows = table[(table["kind"] == "difference") & (table["measure"] == measure) & (table["separable"] == True)]  # noqa: E712
    return [f"{r.group} vs {r.other} ({r.estimate:+.2f})" for r in rows.itertuples()]


grade_pairs = separable_pairs(tables["grade"], "consensus_grade")
tone_pairs = separable_pairs(tables["tone"], "mean_compound_all")
show_markdown(
    "- Readability: {g}\n- Sentiment: {t}\n\nA difference counts only when its 95% interval "
    "excludes zero; with a few dozen sentences per outlet most differences do not.",
    g=("these pairs differ: " + "; ".join(grade_pairs)) if grade_pairs else "no pair of outlets can be told apart.",
    t=("these pairs differ: " + "; ".join(tone_pairs)) if tone_pairs else "no pair of outlets can be told apart.")

# %% [markdown]
# ## Limits a reader should keep in mind
#
# - **Sample size.** A handful of articles per story: intervals resample sentences, which are not
#   independent, so the true uncertainty is larger than shown.
# - **Lexicon coverage.** VADER was built for social media; words such as "therapy" or "reform"
#   are not in it, and "prison" or "murder" count as negative whatever the sentence says. The
#   sentiment of a sentence that mentions someone is not the outlet's stance toward them.
# - **Automated frame coding.** Frames are coded from cue words; every "yes" shows its evidence,
#   and agreement with human coders should be measured before conclusions are drawn.
# - **Overlap.** Lexical alignment misses paraphrase that shares no words (about half of the
#   hand-aligned facts of the default corpus); "who copied whom" is a reasoned guess.
