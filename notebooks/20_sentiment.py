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
# # Sentiment: which outlet is more sympathetic, and to whom?

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
# lexicon_additions: YAML of extra lexicon entries (None: VADER as published)
lexicon_additions = None
# n_boot: bootstrap replicates
n_boot = 2000

# %%
from analysis import sentiment
from analysis.actors import actor_mentions, actors_for
from analysis.figures import (outlet_colors, plot_arcs, plot_differences, plot_distributions,
                              plot_group_intervals)
from analysis.report import (computed_once, export_tables_to, report_corpus, show_figure, show_findings,
                             show_markdown, show_table, with_article_labels)
from analysis.summary import difference_finding, voice_finding
from IPython.display import display

data = report_corpus(corpus, manifest=manifest, shared=shared)  # with the stories every command uses
once = computed_once(shared, data)  # a table several pages need is computed once per report run
export_tables_to(out_dir)
colors = outlet_colors(data.labels.values())
additions = sentiment.load_lexicon_additions(lexicon_additions) if lexicon_additions else None
sentences = once(sentiment.sentence_sentiment, data, additions)
articles = with_article_labels(
    sentiment.article_sentiment(data, sentences, n_boot=n_boot, lexicon_additions=additions), data)
intervals = sentiment.intervals(data, sentences, n_boot=n_boot)
voices = sentiment.voice_differences(data, sentences, n_boot=n_boot)  # own voice minus quotes, by article
sentences = with_article_labels(sentences, data)
several = data.articles.groupby("label").size().max() > 1
tone = intervals[(intervals["kind"] == "group") & (intervals["measure"] == "mean_compound_all")].sort_values("estimate")
diffs = intervals[(intervals["kind"] == "difference") & (intervals["measure"] == "mean_compound_all")]
separable = diffs[diffs["separable"] == True]  # noqa: E712
caveats = sentiment.lexicon_caveats(sentences, lexicon_additions=additions)



findings = []
if len(tone) > 1:
    findings.append((difference_finding(intervals, "mean_compound_all", "Tone (mean sentence score, -1 to +1)"),
                     "#Which-differences-are-real"))
elif len(tone):
    findings.append((f"Mean sentence score {tone.iloc[0].estimate:+.2f} on a scale from -1 to +1 (one outlet: "
                     "nothing to compare).", "#Tone-per-outlet"))
findings.append((voice_finding(voices), "#Paired-by-article"))
absent = caveats.loc[~caveats["in_lexicon"].astype(bool), "word"].nunique()
findings.append((f"{absent} domain words of this corpus are not in VADER's lexicon and count as neutral; "
                 "tone here is the tone of the words VADER knows.", "#What-the-lexicon-cannot-see"))
display(show_findings(findings))
show_markdown("Lexicon: **{which}**.", which="VADER as published" if not additions else
              f"VADER with {len(additions)} user additions ({lexicon_additions})")

# %% [markdown]
# We score every sentence with VADER, a lexicon of about 7,500 words rated by people, plus rules
# for negation, intensifiers and "but". One score per article would hide everything (and VADER's
# score saturates on long texts), so we work sentence by sentence: per outlet with intervals, along
# the article, in the outlet's own voice versus the quotes it chooses, and in the sentences that
# mention each actor. Every score can be traced to the words that produced it.
#
# ## Tone per outlet
#
# Mean compound score of the sentences (-1 very negative, +1 very positive) with a 95% bootstrap
# interval.

# %%
show_figure(lambda width: plot_group_intervals(
    intervals, "mean_compound_all", colors=colors, width=width,
    title="Mean sentence sentiment (VADER compound), 95% bootstrap interval",
    xlabel="mean compound score"), "sentiment_intervals", figures_dir)

# %%
if several:
    whole = articles[articles["voice"] == "all"]
    shown = show_figure(lambda width: plot_distributions(
        whole, "mean_compound", colors=colors, width=width, title="Mean sentiment of each article, by outlet",
        xlabel="mean compound score of one article (dots: articles)"), "sentiment_articles", figures_dir)
else:
    shown = None
shown

# %% [markdown]
# The shares of positive, neutral and negative sentences use VADER's cut-offs (±0.05). The
# whole-text score rates the whole article at once: it saturates near ±1 and is shown only to
# explain why we do not use it.

# %%
show_table(articles[articles["voice"] == "all"].drop(columns=["voice"]), name="sentiment_articles", max_rows=40)

# %% [markdown]
# ## Which differences are real

# %%
show_figure(lambda width: plot_differences(
    intervals, "mean_compound_all", width=width,
    title="Pairwise differences in mean sentiment (blue: separable after Holm's correction for the number of pairs)",
    xlabel="difference in mean compound"), "sentiment_differences", figures_dir)

# %%
if len(diffs) == 0:
    verdict = show_markdown("There is only one outlet in this corpus: nothing to compare.")
elif len(separable) == 0:
    verdict = show_markdown("**No pair of outlets differs beyond chance** in mean sentence sentiment: "
                            "no difference is significant after Holm's correction.")
else:
    top = separable.reindex(separable["estimate"].abs().sort_values(ascending=False).index).head(10)
    verdict = show_markdown("{k} of {n} pairs differ beyond the interval{largest}: {pairs}.", k=len(separable),
                            n=len(diffs), largest=" (the largest ten)" if len(separable) > 10 else "",
                            pairs="; ".join(f"{r.group} vs {r.other}: {r.estimate:+.2f}" for r in top.itertuples()))
verdict

# %%
show_table(intervals, name="sentiment_intervals", max_rows=30,
           caption="Every interval: per outlet (kind = group) and per pair of outlets (kind = difference).")

# %% [markdown]
# ## The arc of the articles
#
# Each dot is a sentence at its place in its article; the line is the outlet's mean per tenth of
# the article.

# %%
show_figure(lambda width: plot_arcs(sentences, "compound", colors=colors, title="Sentiment along the article",
                                    ylabel="compound score", width=width),
            "sentiment_arcs", figures_dir)

# %% [markdown]
# ## The outlet's own voice versus the quotes it chooses
#
# A sentence at least half inside quotation marks is the quoted person's voice. An outlet can stay
# neutral in its own words and still convey a tone through whom and what it quotes.
#
# ### Paired by article
#
# Each article is its own control (same event, writer, length), so the comparison is paired: per
# article, the mean score of its own sentences minus that of its quoted sentences, over the
# articles that have both; then the mean of those differences per outlet, and over all outlets.
# The interval uses Student's t over the articles below 30 of them, a bootstrap of articles from
# there; with one or two articles, each article's sentences are resampled (a lower bound on the
# uncertainty). Above zero: the outlet's own words are warmer than the quotes it picks.

# %%
if len(voices):
    shown = show_figure(lambda width: plot_group_intervals(
        voices.assign(kind="group"), "narrative_minus_quotes", colors=colors, width=width,
        title="Own voice minus quotes: mean sentence score, paired by article, 95% interval",
        xlabel="difference in mean compound (above 0: own words warmer than the quotes)"),
        "sentiment_voice_differences", figures_dir)
else:
    shown = show_markdown("No article has both sentences in its own voice and quoted sentences.")
shown

# %%
show_markdown("{text}", text=voice_finding(voices))  # outlet names escaped

# %%
show_table(voices, name="sentiment_voice_differences", max_rows=30,
           caption="Own voice minus quotes, per outlet and over all outlets, paired by article.")

# %%
show_table(articles[["label", "article", "voice", "n_sentences", "mean_compound", "ci_low", "ci_high",
                     "share_negative", "share_positive", "note"]], name="sentiment_voices", max_rows=30)

# %% [markdown]
# ## Toward each actor
#
# Sentences that mention an actor (by any of the names in the actors list, possessives included),
# per outlet. **This is the tone of sentences that mention the actor, not the outlet's stance
# toward the actor**: "Gypsy was abused by her mother" is negative and sympathetic. Pronouns
# ("she") are not counted here.

# %%
mentions = actor_mentions(sentences, once(actors_for, data, actors))
by_actor = sentiment.actor_sentiment(mentions, n_boot=n_boot)
show_table(by_actor, name="sentiment_actors", max_rows=40)

# %%
show_table(mentions.sort_values(["actor", "label", "compound"]).groupby(["actor", "label"]).head(2)[
    ["actor", "label", "article", "as_written", "compound", "drivers", "text"]],
    caption="The most negative sentences mentioning each actor, per outlet.", name="sentiment_actor_sentences",
    max_rows=30)

# %% [markdown]
# ## Which words drive the scores

# %%
drivers = sentiment.driver_table(sentences, additions)
top = (drivers.groupby(["label", "word"]).agg(n=("word", "size"), total=("applied_valence", "sum"))
       .reset_index().sort_values("total"))
show_table(top.groupby("label").head(5), caption="The five words pulling each outlet's sentences most toward negative.",
           name="sentiment_negative_words", max_rows=50)

# %%
show_table(top.sort_values("total", ascending=False).groupby("label").head(5), max_rows=50,
           caption="The five words pulling each outlet's sentences most toward positive.",
           name="sentiment_positive_words")

# %% [markdown]
# ## What the lexicon cannot see
#
# VADER was built for social media. In a crime and justice story, words such as "prison" and
# "murder" carry strong negative valence whatever the sentence says about them, while "therapy",
# "reform" and "inmates" are not in the lexicon at all and count as neutral. The table lists the
# domain words of this corpus, VADER's valence for each (a dash: absent from the lexicon) and how
# often each outlet uses them; below it, the most frequent words VADER does not know. A user can
# pass lexicon additions (off by default) to test how much the conclusions depend on these gaps.

# %%
uses = caveats.pivot_table(index="word", columns="label", values="count", aggfunc="sum", fill_value=0)
per_word = (caveats.groupby("word", sort=True)
            .agg(category=("category", "first"), vader_valence=("vader_valence", "first"), uses=("count", "sum"),
                 outlets=("label", "nunique")))
gaps = per_word.join(uses if uses.shape[1] <= 8 else uses.iloc[:, :0]).reset_index()
gaps.columns.name = None
show_table(gaps.sort_values(["uses", "word"], ascending=[False, True]), max_rows=40, name="sentiment_lexicon_gaps",
           formats={"uses": "{:.0f}", "outlets": "{:.0f}"},
           caption="One row per domain word: its VADER valence, its uses in all and"
                   + (" per outlet." if uses.shape[1] <= 8 else " the number of outlets using it."))

# %%
show_table(sentiment.unknown_frequent_words(sentences, 15, additions), name="sentiment_unknown_words",
           caption="Frequent corpus words absent from the lexicon (scored 0).")

# %% [markdown]
# ## Every sentence
#
# The sentences with the words that drove each score (the full table is in the CSV).

# %%
show_table(sentences[["label", "article", "index", "voice", "compound", "tone", "drivers", "text"]],
           max_rows=100, name="sentiment_sentences")
