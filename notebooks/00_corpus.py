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

# %%
from analysis.keyness import keyness
from analysis.figures import outlet_colors, plot_coverage, plot_stacked_bars
from analysis.report import (computed_once, export_tables_to, report_corpus, show_figure, show_findings,
                             show_markdown, show_table, with_article_labels)
from analysis.stories import stories_of
from IPython.display import display

data = report_corpus(corpus, manifest=manifest, shared=shared)  # with the stories every command uses
once = computed_once(shared, data)  # a table several pages need is computed once per report run
export_tables_to(out_dir)
colors = outlet_colors(data.labels.values())
overview = data.overview()
overview.insert(1, "article", data.articles["article_label"].to_numpy())
per_outlet = (overview.groupby("label", sort=True)
              .agg(articles=("id", "size"), sentences=("n_sentences", "sum"), words=("n_words", "sum"),
                   quoted_sentences=("quoted_sentences", "sum"))
              .reset_index())
dates = data.articles["date"].replace("", None).dropna().sort_values()
findings = [
    (f"{len(data.articles):,} articles from {len(per_outlet):,} "
     f"{'outlets' if data.articles['outlet'].astype(bool).any() else 'sources (no outlet named: each file is its own)'}"
     + (f", dated {dates.iloc[0]} to {dates.iloc[-1]}" if len(dates) else ", undated")
     + f"; {int(overview['n_sentences'].sum()):,} body sentences and {int(overview['n_words'].sum()):,} words "
     "after cleaning.", "#The-articles"),
    (f"Cleaning set aside {len(data.removed):,} blocks of text (boilerplate, headlines, date lines), "
     "each listed with its reason.", "#What-cleaning-removed"),
    ((f"{len(data.warnings):,} problems with the input files (skipped files and suspicious text)."
      if len(data.warnings) else "No problems with the input files."), "#Problems-with-the-input-files"),
    (f"{data.articles['story'].nunique():,} stories (articles about one event), "
     f"{int(data.articles.groupby('story')['label'].nunique().gt(1).sum()):,} of them covered by more than "
     "one outlet: the fair comparisons.", "#Stories"),
]
if len(data.excluded):
    findings.append((f"{len(data.excluded):,} articles are not in English and are left out of every measure "
                     "(the measures are English-only).", "#Problems-with-the-input-files"))
display(show_findings(findings))

# %% [markdown]
# Before comparing outlets, check what we are comparing. Scraped news carries site boilerplate,
# repeated headlines, date lines, warnings and disclaimers; every measure in the later reports
# works on the cleaned body text shown here, and everything cleaning removed is listed with its
# reason, so nothing disappears silently.
#
# ## The articles
#
# One row per outlet, then one row per article. The outlet is the one the manifest names;
# without a manifest each file is its own source, shown by a short label from its file name. We
# never guess an outlet, a title or a date. Titles and dates come from the manifest or the file
# itself (a headline line, a leading date line, a "Source:" line); "re-reports" names outlets the
# article openly re-reports ("According to PEOPLE").

# %%
show_table(per_outlet, name="corpus_outlets", caption="Articles and text per outlet.")

# %%
show_table(overview.drop(columns=["id"]), name="corpus_articles", max_rows=40,
           caption="Every article, with its short label (used in every report).")

# %% [markdown]
# ## Coverage over time
#
# Articles per outlet per day, week or month, where the articles have dates.

# %%
if len(dates) >= 2:
    shown = show_figure(lambda width: plot_coverage(data.articles, width=width), "corpus_coverage", figures_dir)
else:
    shown = show_markdown("Too few dated articles to show coverage over time.")
shown

# %% [markdown]
# ## Stories
#
# Articles about the same event: the manifest's `story` column where it has one, otherwise found by
# the stories module (articles that share the names and figures of one event, dated within a few
# days of each other; precision over recall, since two events merged into one story would distort
# every comparison inside it). Each row says which outlets covered the story, with how many
# articles and over which dates. Comparing outlets within a story is the fair comparison, since the
# topic alone moves readability, tone and frames.

# %%
story_table = stories_of(data)
dated = story_table.assign(date=story_table["date"].replace("", None))
stories = (dated.groupby("story", sort=True)
           .agg(articles=("article", "size"), outlets=("outlet", "nunique"),
                covered_by=("outlet", lambda s: ", ".join(sorted({o for o in s if o})) or "–"),
                first_date=("date", "min"), last_date=("date", "max"), found_by=("found_by", "first"))
           .reset_index().sort_values(["outlets", "articles"], ascending=False, kind="stable"))
show_table(stories, name="corpus_stories", max_rows=30,
           caption="Stories, most widely covered first (`found_by`: given by the manifest, or how the "
                   "stories module tied the articles together).")

# %% [markdown]
# Why each article is in its story: its strongest link to another article of the story, with
# their similarity and the names and figures they share.

# %%
short = dict(zip(data.articles["id"], data.articles["article_label"]))
links = with_article_labels(story_table, data).assign(linked_to=story_table["linked_to"].map(short))
show_table(links[["story", "article", "outlet", "date", "found_by", "linked_to", "similarity", "shared_terms"]],
           name="corpus_story_links", max_rows=30)

# %% [markdown]
# ## Words that distinguish each outlet
#
# The words each outlet uses more than the others, by the log-odds ratio with an informative
# Dirichlet prior (Monroe, Colaresi & Quinn 2008, the measure behind quanteda's keyness and
# scattertext): each outlet's word counts against the rest of the corpus, shrunk towards the
# corpus-wide rate so that rare words do not top the list by chance; `z` above about 2 is unlikely
# by chance alone. Function words are kept on purpose: "she", "my" or "said" can be style. With
# one outlet, or stories covered by one outlet only, these are topic words, not style.

# %%
distinctive = once(keyness, data, top=10)
if len(distinctive):
    distinctive = distinctive.assign(example_article=distinctive["example_article"].map(short))
    shown = show_table(distinctive, name="corpus_keyness", max_rows=40,
                       caption="The ten most distinctive words of each outlet, with an example sentence.")
else:
    shown = show_markdown("Fewer than two outlets: nothing to contrast.")
shown

# %% [markdown]
# ## How much text each outlet contributes
#
# Sentences come from one segmenter (NLTK Punkt with an abbreviation list), run once, here; every
# later measure uses these sentences. A sentence counts as quotation when at least half of it is
# inside quotation marks. Short subheadings are kept as headings, never glued to the next sentence.

# %%
counts = per_outlet.assign(narrative=per_outlet["sentences"] - per_outlet["quoted_sentences"])
show_figure(
    lambda width: plot_stacked_bars(counts, ["narrative", "quoted_sentences"], colors=colors,
                                    names=["outlet's own voice", "quotation"],
                                    title="Body sentences per outlet", xlabel="sentences", width=width),
    "corpus_sentences", figures_dir,
)

# %% [markdown]
# ## Problems with the input files
#
# Files that could not be used (empty, binary, not UTF-8, duplicates...) are skipped and listed
# here; nothing in the input folder is ever changed.

# %%
warnings_table = data.warnings_table()
show_table(warnings_table, name="corpus_warnings") if len(warnings_table) else show_markdown(
    "No problems with the input files.")

# %% [markdown]
# ## What cleaning removed
#
# Each block of text that is not part of the article body, and why it was set aside.

# %%
show_table(with_article_labels(data.removed, data), name="corpus_removed", max_rows=40)

# %% [markdown]
# ## The first sentences of each article, as segmented

# %%
body = with_article_labels(data.body(), data)
show_table(body.groupby("article", sort=False).head(3)[["article", "index", "paragraph", "quote_share", "text"]],
           name="corpus_first_sentences", max_rows=30)
