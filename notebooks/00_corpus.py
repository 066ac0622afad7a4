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
# # The corpus: what is in it, and what cleaning removed
#
# Before comparing outlets, check what we are comparing. Scraped news carries site boilerplate,
# repeated headlines, date lines, warnings and disclaimers; every measure in the later reports
# works on the cleaned body text shown here, and everything cleaning removed is listed with its
# reason, so nothing disappears silently.

# %% tags=["parameters"]
corpus = None  # folder of .txt/.html articles (None: the project's data/ folder)
manifest = None  # manifest CSV naming outlets, titles, dates (None: CORPUS/manifest.csv if present)
figures_dir = None  # where figures are saved as PNG and SVG (None: the project's figures/)
out_dir = None  # where the report is written (unused here; set by `python -m analysis report`)

# %%
from analysis import load_corpus
from analysis.figures import outlet_colors, plot_stacked_bars
from analysis.report import show_figure, show_markdown, show_table

data = load_corpus(corpus, manifest=manifest)
colors = outlet_colors(data.labels.values())
overview = data.overview()
show_markdown(
    "The corpus has **{n}** articles with **{s}** body sentences and **{w}** words after cleaning; "
    "cleaning set aside **{r}** blocks of text and raised **{k}** warnings about the input files.",
    n=len(data.articles), s=int(overview["n_sentences"].sum()), w=int(overview["n_words"].sum()),
    r=len(data.removed), k=len(data.warnings),
)

# %% [markdown]
# ## The articles
#
# One row per article. `label` is the outlet where the manifest names one, otherwise the file id:
# we never guess an outlet, a title or a date. `title`, `date` and `source` come from the manifest
# or from the file itself (a headline line, a leading date line, a "Source:" line);
# `re_reported_from` names outlets the article openly re-reports ("According to PEOPLE").

# %%
show_table(overview)

# %% [markdown]
# ## Problems with the input files
#
# Files that could not be used (empty, binary, not UTF-8, duplicates...) are skipped and listed
# here; nothing in the input folder is ever changed.

# %%
warnings_table = data.warnings_table()
show_table(warnings_table) if len(warnings_table) else show_markdown("No problems with the input files.")

# %% [markdown]
# ## What cleaning removed, and why

# %%
show_table(data.removed, caption="Each block of text that is not part of the article body.")

# %% [markdown]
# ## How much text each outlet contributes
#
# Sentences come from one segmenter (NLTK Punkt with an abbreviation list), run once, here; every
# later measure uses these sentences. A sentence counts as quotation when at least half of it is
# inside quotation marks. Short subheadings are kept as headings, never glued to the next sentence.

# %%
counts = overview.assign(narrative=overview["n_sentences"] - overview["quoted_sentences"])
show_figure(
    plot_stacked_bars(counts, ["narrative", "quoted_sentences"], colors=colors,
                      names=["outlet's own voice", "quotation"],
                      title="Body sentences per article", xlabel="sentences"),
    "corpus_sentences", figures_dir,
)

# %% [markdown]
# ## The first sentences of each article, as segmented

# %%
body = data.body()
show_table(body.groupby("article").head(4)[["article", "index", "paragraph", "quote_share", "text"]])
