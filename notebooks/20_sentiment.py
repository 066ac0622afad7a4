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
# # Sentiment: which outlet is more sympathetic, and to whom?
#
# We score every sentence with VADER, a lexicon of about 7,500 words rated by people, plus rules
# for negation, intensifiers and "but". One score per article would hide everything (and VADER's
# score saturates on long texts), so we work sentence by sentence: per outlet with intervals, along
# the article, in the outlet's own voice versus the quotes it chooses, and in the sentences that
# mention each actor. Every score can be traced to the words that produced it.

# %% tags=["parameters"]
corpus = None  # folder of .txt/.html articles (None: the project's data/ folder)
manifest = None  # manifest CSV naming outlets, titles, dates (None: CORPUS/manifest.csv if present)
figures_dir = None  # where figures are saved as PNG and SVG (None: the project's figures/)
out_dir = None  # where the report is written (set by `python -m analysis report`)
actors = None  # YAML of actors and aliases (None: actors.yaml beside the corpus, else detected)
lexicon_additions = None  # YAML of extra lexicon entries; None = VADER as published
n_boot = 2000  # bootstrap replicates

# %%
from analysis import load_corpus, sentiment
from analysis.actors import actor_mentions, actors_for
from analysis.figures import outlet_colors, plot_arcs, plot_differences, plot_group_intervals
from analysis.report import show_figure, show_markdown, show_table

data = load_corpus(corpus, manifest=manifest)
colors = outlet_colors(data.labels.values())
additions = sentiment.load_lexicon_additions(lexicon_additions) if lexicon_additions else None
sentences = sentiment.sentence_sentiment(data, additions)
articles = sentiment.article_sentiment(data, sentences, n_boot=n_boot, lexicon_additions=additions)
intervals = sentiment.intervals(data, sentences, n_boot=n_boot)
show_markdown("Lexicon: **{which}**.", which="VADER as published" if not additions else
              f"VADER with {len(additions)} user additions ({lexicon_additions})")

# %% [markdown]
# ## Tone per outlet
#
# Mean compound score of the sentences (-1 very negative, +1 very positive) with a 95% bootstrap
# interval, and the shares of positive, neutral and negative sentences (VADER's cut-offs ±0.05).
# `whole_text_compound` scores the whole article at once: it saturates near ±1 and is shown only
# to explain why we do not use it.

# %%
show_table(articles[articles["voice"] == "all"].drop(columns=["voice"]))

# %%
show_figure(plot_group_intervals(intervals, "mean_compound_all", colors=colors,
                                 title="Mean sentence sentiment (VADER compound), 95% bootstrap interval",
                                 xlabel="mean compound score"),
            "sentiment_intervals", figures_dir)

# %%
show_figure(plot_differences(intervals, "mean_compound_all",
                             title="Pairwise differences in mean sentiment (blue: interval excludes 0)",
                             xlabel="difference in mean compound"),
            "sentiment_differences", figures_dir)

# %%
diffs = intervals[(intervals["kind"] == "difference") & (intervals["measure"] == "mean_compound_all")]
separable = diffs[diffs["separable"] == True]  # noqa: E712
if len(diffs) == 0:
    verdict = show_markdown("There is only one outlet in this corpus: nothing to compare.")
elif len(separable) == 0:
    verdict = show_markdown("**No pair of outlets differs beyond chance** in mean sentence sentiment: "
                            "every interval for a difference includes zero.")
else:
    verdict = show_markdown("{k} of {n} pairs differ beyond the interval: {pairs}.", k=len(separable),
                            n=len(diffs), pairs="; ".join(f"{r.group} vs {r.other}: {r.estimate:+.2f}"
                                                          for r in separable.itertuples()))
verdict

# %% [markdown]
# ## The arc of each article
#
# Each dot is a sentence at its place in the article; the line is a rolling mean of five sentences.

# %%
show_figure(plot_arcs(sentences, "compound", colors=colors, title="Sentiment along the article",
                      ylabel="compound score"),
            "sentiment_arcs", figures_dir)

# %% [markdown]
# ## The outlet's own voice versus the quotes it chooses
#
# A sentence at least half inside quotation marks is the quoted person's voice. An outlet can stay
# neutral in its own words and still convey a tone through whom and what it quotes.

# %%
show_table(articles[["label", "voice", "n_sentences", "mean_compound", "ci_low", "ci_high",
                     "share_negative", "share_positive", "note"]])

# %% [markdown]
# ## Toward each actor
#
# Sentences that mention an actor (by any of the names in the actors list, possessives included),
# per outlet. **This is the tone of sentences that mention the actor, not the outlet's stance
# toward the actor**: "Gypsy was abused by her mother" is negative and sympathetic. Pronouns
# ("she") are not counted here.

# %%
mentions = actor_mentions(sentences, actors_for(data, actors))
by_actor = sentiment.actor_sentiment(mentions, n_boot=n_boot)
show_table(by_actor)

# %%
show_table(mentions.sort_values(["actor", "label", "compound"]).groupby(["actor", "label"]).head(2)[
    ["actor", "label", "as_written", "compound", "drivers", "text"]],
    caption="The most negative sentences mentioning each actor, per outlet.")

# %% [markdown]
# ## Which words drive the scores

# %%
drivers = sentiment.driver_table(sentences, additions)
top = (drivers.groupby(["label", "word"]).agg(n=("word", "size"), total=("applied_valence", "sum"))
       .reset_index().sort_values("total"))
show_table(top.groupby("label").head(5), caption="The five words pulling each outlet's sentences most toward negative.")

# %%
show_table(top.sort_values("total", ascending=False).groupby("label").head(5),
           caption="The five words pulling each outlet's sentences most toward positive.")

# %% [markdown]
# ## What the lexicon cannot see
#
# VADER was built for social media. In a crime and justice story, words such as "prison" and
# "murder" carry strong negative valence whatever the sentence says about them, while "therapy",
# "reform" and "inmates" are not in the lexicon at all and count as neutral. The table lists the
# domain words of this corpus, VADER's valence for each (empty = absent) and how often each outlet
# uses them; below it, the most frequent words VADER does not know. A user can pass lexicon
# additions (off by default) to test how much the conclusions depend on these gaps.

# %%
caveats = sentiment.lexicon_caveats(sentences, lexicon_additions=additions)
wide = caveats.pivot_table(index=["word", "vader_valence"], columns="label", values="count",
                           aggfunc="sum", fill_value=0, dropna=False).reset_index()
show_table(wide.sort_values("word"), max_rows=80)

# %%
show_table(sentiment.unknown_frequent_words(sentences, 15, additions),
           caption="Frequent corpus words absent from the lexicon (scored 0).")

# %% [markdown]
# ## Every sentence
#
# The full table (also exported as CSV) with the words that drove each score.

# %%
show_table(sentences[["label", "index", "voice", "compound", "tone", "drivers", "text"]], max_rows=200)
