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
# # Framing: how does each outlet frame the story?
#
# We apply the standard instrument of the field, the twenty yes/no questions of Semetko &
# Valkenburg (2000) for five generic news frames (responsibility, human interest, conflict,
# morality, economic consequences), with a transparent automated coder: every "yes" shows the
# sentences and words behind it. Then the devices a close reader notices: whom each outlet quotes,
# with which verbs it attributes, how it labels the people in the story, and whom it relies on.

# %% tags=["parameters"]
corpus = None  # folder of .txt/.html articles (None: the project's data/ folder)
manifest = None  # manifest CSV naming outlets, titles, dates (None: CORPUS/manifest.csv if present)
figures_dir = None  # where figures are saved as PNG and SVG (None: the project's figures/)
out_dir = None  # where the report is written (set by `python -m analysis report`)
actors = None  # YAML of actors and aliases (None: actors.yaml beside the corpus, else detected)
codebook = None  # YAML codebook (None: Semetko & Valkenburg 2000)
codes = None  # CSV of human codes (article, item, coder, value) for agreement statistics

# %%
from analysis import framing, load_corpus
from analysis.figures import outlet_colors, plot_heatmap, plot_stacked_bars
from analysis.report import show_figure, show_markdown, show_table
from analysis.actors import actors_for

data = load_corpus(corpus, manifest=manifest)
colors = outlet_colors(data.labels.values())
book = framing.load_codebook(codebook)
people = actors_for(data, actors)
frames = framing.code_frames(data, book)
scores = framing.frame_scores(frames)
show_markdown("Codebook: **{name}**, {n} questions in {k} frames.", name=book.name, n=len(book.items),
              k=len(book.frames))

# %% [markdown]
# ## Frames per outlet
#
# Share of each frame's questions answered "yes" for each article. A frame's questions are
# coded from cue words and phrases in the article's body (headings and boilerplate excluded).

# %%
matrix = scores.pivot(index="label", columns="frame", values="frame_present")[book.frames]
show_figure(plot_heatmap(matrix, title="Share of each frame's questions answered yes",
                         xlabel="frame", ylabel="outlet"),
            "framing_heatmap", figures_dir)

# %% [markdown]
# ## Every question, with its evidence
#
# `score` grades the strength of the cues (0.5 for one strong cue, rising towards 1 with more
# distinct cues); `evidence` shows each sentence number and the cue in context, `[[like this]]`.

# %%
order = {item.id: n for n, item in enumerate(book.items)}
wide = (frames.pivot(index=["item", "question"], columns="label", values="present").reset_index()
        .sort_values("item", key=lambda s: s.map(order)))
wide.columns.name = None
show_table(wide, max_rows=40)

# %%
show_table(frames[["label", "item", "present", "score", "evidence"]], max_rows=80)

# %% [markdown]
# ## Agreement with human coders
#
# With a CSV of human codes (`codes` parameter), this section reports percent agreement, Cohen's
# kappa and Krippendorff's alpha per question and frame, between the coders and the automated
# coder ("auto"). Read alpha >= .80 as reliable and >= .667 as tentative.

# %%
if codes:
    agreement = framing.agreement(framing.load_human_codes(codes), frames, book)
    shown = show_table(agreement)
else:
    shown = show_markdown("No human codes were given, so agreement cannot be measured here; the "
                          "automated codes above are a first pass to check against the evidence.")
shown

# %% [markdown]
# ## Whom each outlet quotes
#
# Every direct quote with its speaker, including quotes split by "she said", quotes introduced by
# a colon, and pronoun speakers resolved to the person named just before.

# %%
quotes = framing.extract_quotes(data, people)
shares = framing.quote_shares(quotes, data)
show_table(shares, caption="Quoted words per speaker, as a share of the article's body words.")

# %%
if len(shares):
    wide_shares = shares.pivot_table(index="label", columns="speaker", values="share_of_article",
                                     aggfunc="sum", fill_value=0)
    fig = plot_heatmap(wide_shares, title="Share of each article that is direct quotation, by speaker",
                       vmin=0, vmax=max(0.01, float(wide_shares.to_numpy().max())),
                       xlabel="speaker", ylabel="outlet")
    shown = show_figure(fig, "framing_quote_shares", figures_dir)
else:
    shown = show_markdown("No direct quotes in this corpus.")
shown

# %%
show_table(quotes[["label", "speaker", "speaker_as_written", "verb", "attribution", "quote"]], max_rows=80)

# %% [markdown]
# ## Attribution: "said" or "claimed"?
#
# Neutral verbs report; loaded verbs also judge ("claimed" doubts, "admitted" implies guilt,
# "revealed" implies a secret). Counted for direct quotes and for indirect speech.

# %%
verbs = framing.attribution_verbs(data, people)
counts = (verbs.pivot_table(index="label", columns="kind", values="verb", aggfunc="size", fill_value=0)
          .reindex(columns=["neutral", "loaded"], fill_value=0).reset_index())
shown = (show_figure(plot_stacked_bars(counts, ["neutral", "loaded"], colors=colors,
                                       names=["neutral (said, noted...)", "loaded (claimed, admitted...)"],
                                       title="Attribution verbs per article", xlabel="uses"),
                     "framing_attribution_verbs", figures_dir)
         if len(verbs) else show_markdown("No attribution verbs found."))
shown

# %%
show_table(verbs.groupby(["label", "kind", "verb"]).size().rename("uses").reset_index()
           .sort_values(["label", "kind", "uses"], ascending=[True, True, False]), max_rows=80)

# %% [markdown]
# ## How each outlet labels the actors
#
# Premodifiers ("businessman Michael Rubin"), appositions ("her then-boyfriend, Nick Godejohn"),
# ages ("Kim, 43,") and descriptive names ("the reality star").

# %%
labels = framing.actor_labels(data, people)
show_table(labels[["actor", "outlet", "kind", "label"]].sort_values(["actor", "outlet"]), max_rows=80)

# %% [markdown]
# ## Sourcing
#
# Outlets an article openly re-reports ("According to PEOPLE"), other "according to" attributions,
# "Source:" lines, content warnings and disclaimers.

# %%
show_table(framing.sources(data))

# %% [markdown]
# ## What the automated coder cannot see
#
# Cue patterns find words, not meaning: negation ("no one blamed the government"), irony and
# implied frames are missed, and question H5 (visual information) cannot be coded from text. A
# "yes" is an invitation to read its evidence; agreement with trained human coders is the test.
