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
# # Framing: how does each outlet frame the story?

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
# codebook: YAML codebook (None: Semetko & Valkenburg 2000)
codebook = None
# codes: CSV of human codes (article, item, coder, value) for agreement statistics
codes = None
# n_boot: bootstrap replicates
n_boot = 2000

# %%
from analysis import framing
from analysis.actors import actors_for
from analysis.figures import outlet_colors, plot_group_intervals, plot_heatmap, plot_stacked_bars
from analysis.report import (computed_once, export_tables_to, report_corpus, show_figure, show_findings,
                             show_markdown, show_table, with_article_labels)
from analysis.summary import difference_finding, frames_apart, frames_finding
from IPython.display import display

data = report_corpus(corpus, manifest=manifest, shared=shared)  # with the stories every command uses
once = computed_once(shared, data)  # a table several pages need is computed once per report run
export_tables_to(out_dir)
colors = outlet_colors(data.labels.values())
book = framing.load_codebook(codebook)
people = once(actors_for, data, actors)
frames = once(framing.code_frames, data, book)
scores = framing.frame_scores(frames)
several = data.articles.groupby("label").size().max() > 1
# outlets x frames: the share of each frame's questions answered yes, averaged over the outlet's articles
matrix = scores.pivot_table(index="label", columns="frame", values="frame_present", aggfunc="mean")
matrix = matrix.reindex(columns=[f for f in book.frames if f in matrix.columns])
matrix.columns.name = None
outlets = list(dict.fromkeys(data.labels.values()))
# intervals over each outlet's articles (none below three articles); differences Holm-adjusted per frame
frame_ci = framing.frame_share_intervals(scores, outlets, n_boot=n_boot)
apart = frames_apart(frame_ci)  # pairs told apart per frame, Holm over every frame and pair
quoted = once(framing.extract_quotes, data, people)
quotes = with_article_labels(quoted, data)
quotation = once(framing.quotation_intervals, data, quoted, n_boot=n_boot)
verbs = framing.attribution_verbs(data, people)


findings = []
if len(matrix):
    leading = matrix.mean().sort_values(ascending=False)
    findings.append((f"Across outlets the most present frame is {leading.index[0].replace('_', ' ')} "
                     f"({leading.iloc[0]:.0%} of its questions answered yes on average); the least present is "
                     f"{leading.index[-1].replace('_', ' ')} ({leading.iloc[-1]:.0%}).", "#Frames-per-outlet"))
if len(quotes):
    speaker_words = quotes.groupby("speaker")["n_words"].sum().sort_values(ascending=False)
    findings.append((f"{len(quotes):,} direct quotes; the most quoted speaker is {speaker_words.index[0]} "
                     f"({speaker_words.iloc[0] / speaker_words.sum():.0%} of quoted words).",
                     "#Whom-each-outlet-quotes"))
if len(verbs):
    loaded = (verbs["kind"] == "loaded").mean()
    findings.append((f"{loaded:.0%} of attribution verbs are loaded (claimed, admitted...) rather than neutral "
                     "(said, noted...).", "#Attribution-verbs"))
findings.append((frames_finding(frame_ci), "#Which-outlets-differ-on-a-frame"))
if len(outlets) > 1:
    findings.append((difference_finding(quotation, "direct_quotation", "Direct quotation (share of the text quoted)",
                                        digits=0, percent=True), "#Whom-each-outlet-quotes"))
display(show_findings(findings))
show_markdown("Codebook: **{name}**, {n} questions in {k} frames.", name=book.name, n=len(book.items),
              k=len(book.frames))

# %% [markdown]
# We apply the standard instrument of the field, the twenty yes/no questions of Semetko &
# Valkenburg (2000) for five generic news frames (responsibility, human interest, conflict,
# morality, economic consequences), with a transparent automated coder: every "yes" shows the
# sentences and words behind it. Then the devices a close reader notices: whom each outlet quotes,
# with which verbs it attributes, how it labels the people in the story, and whom it relies on.
#
# ## Frames per outlet
#
# Share of each frame's questions answered "yes", averaged over the outlet's articles. A frame's
# questions are coded from cue words and phrases in the article's body (headings and boilerplate
# excluded).

# %%
show_figure(lambda width: plot_heatmap(matrix, title="Share of each frame's questions answered yes",
                                       xlabel="frame", ylabel="outlet", width=width),
            "framing_heatmap", figures_dir)

# %% [markdown]
# ### Which outlets differ on a frame
#
# Each outlet's share with its 95% interval, the article being the unit: Student's t over its
# articles' shares below 30 articles (Welch's t for a difference), a bootstrap of its articles
# from there. Sentences are not resampled: one cue sentence answers a question, so a sentence
# resample can only lose answers. An outlet with fewer than three articles gets no interval, and
# its differences are not tested. Per frame, differences between outlets count only after Holm's
# correction for the number of pairs.

# %%
def share_cell(row):
    if row.n_articles == 0:
        return ""
    if row.ci_low != row.ci_low:  # no interval (NaN)
        return f"{row.estimate:.0%} (no interval)"
    return f"{row.estimate:.0%} [{row.ci_low:.0%}, {row.ci_high:.0%}]"


groups_ci = frame_ci[frame_ci["kind"] == "group"]
with_ci = (groups_ci.assign(cell=[share_cell(r) for r in groups_ci.itertuples()])
           .pivot(index="group", columns="measure", values="cell").reindex(index=outlets, columns=list(matrix.columns)))
with_ci.columns = [c.replace("_", " ") for c in with_ci.columns]
show_table(with_ci.rename_axis("outlet").reset_index(), name="framing_frame_shares", export=frame_ci, max_rows=40,
           caption="Share of each frame's questions answered yes, per outlet, with its 95% interval.")

# %%
tested = frame_ci["p_adjusted"].notna().any()
told_apart = [f for f in matrix.columns if apart.get(f)]
alike = [f.replace("_", " ") for f in matrix.columns if not apart.get(f)]
# outlet names come from the user's manifest: every text goes in as an escaped value
show_markdown("{text}", text=(" ".join(difference_finding(frame_ci, f, f.replace("_", " ").capitalize(), digits=0,
                                                         percent=True) for f in told_apart)
                              + (f" On {', '.join(alike)}, the outlets cannot be told apart: no difference is beyond "
                                 "chance after Holm's correction over every frame and pair, so no outlet can be "
                                 "called higher or lower there." if alike else ""))
              if tested else frames_finding(frame_ci))

# %% [markdown]
# ## Every question, with its evidence
#
# For each question, the share of each outlet's articles where the coder answers yes. The table
# below gives each answer's `score`: the weight of the distinct cue words found (1 for a strong
# cue, 0.5 for a weak one) per 1,000 words of the article, answered yes from a weight of 1; and
# each sentence number with the cue in context, highlighted.

# %%
order = {item.id: n for n, item in enumerate(book.items)}
# every question keeps its row, also one the coder cannot answer from text (all missing)
wide = (frames.assign(present=frames["present"].map({True: 1.0, False: 0.0}))
        .groupby(["item", "question", "label"], sort=False)["present"].mean().unstack("label")
        .reset_index().sort_values("item", key=lambda s: s.map(order)))
wide.columns.name = None
show_table(wide, max_rows=40, name="framing_questions", formats={c: "{:.0%}" for c in wide.columns[2:]},
           caption="Share of each outlet's articles answering yes." if several else None)

# %%
show_table(with_article_labels(frames, data)[["label", "article", "item", "present", "score", "evidence"]],
           max_rows=60, name="framing_codes")

# %% [markdown]
# ## Agreement with human coders
#
# With a CSV of human codes (`codes` parameter), this section reports percent agreement, Cohen's
# kappa and Krippendorff's alpha per question and frame, between the coders and the automated
# coder ("auto"). Read alpha >= .80 as reliable and >= .667 as tentative.

# %%
if codes:
    agreement = framing.agreement(framing.load_human_codes(codes), frames, book)
    shown = show_table(agreement, name="framing_agreement")
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
show_figure(lambda width: plot_group_intervals(
    quotation, "direct_quotation", colors=colors, width=width,
    title="Direct quotation: share of the text inside quotation marks, 95% bootstrap interval",
    xlabel="quoted words / body words"), "framing_direct_quotation", figures_dir)

# %%
show_markdown("{text}", text=difference_finding(quotation, "direct_quotation", "Direct quotation", digits=0, percent=True)
              + " Intervals resample each outlet's articles, then the sentences within them (the sentences "
              "alone for an outlet with fewer than three articles: a lower bound on the uncertainty).")

# %%
show_table(quotation, name="framing_quotation_intervals", max_rows=40,
           caption="Direct quotation per outlet (kind = group) and per pair of outlets, across the corpus "
                   "(difference) and within shared stories (paired difference).")

# %%
shares = with_article_labels(framing.quote_shares(quoted, data), data)
show_table(shares, caption="Quoted words per speaker, as a share of the article's body words.",
           name="framing_quote_shares", max_rows=40)

# %%
if len(quotes):
    words = data.body().assign(label=lambda b: b["article"].map(data.labels)).groupby("label")["n_words"].sum()
    top_speakers = quotes.groupby("speaker")["n_words"].sum().sort_values(ascending=False).index[:10]
    wide_shares = (quotes[quotes["speaker"].isin(top_speakers)]
                   .pivot_table(index="label", columns="speaker", values="n_words", aggfunc="sum", fill_value=0)
                   .div(words, axis=0).reindex(columns=top_speakers).dropna(how="all"))
    wide_shares.columns.name = None
    fig = lambda width: plot_heatmap(
        wide_shares, title="Share of each outlet's text that is direct quotation, by speaker"
        + (" (the ten most quoted)" if quotes["speaker"].nunique() > 10 else ""),
        vmin=0, vmax=max(0.01, float(wide_shares.to_numpy().max())), xlabel="speaker", ylabel="outlet",
        width=width)
    shown = show_figure(fig, "framing_quote_shares", figures_dir)
else:
    shown = show_markdown("No direct quotes in this corpus.")
shown

# %%
show_table(quotes[["label", "article", "speaker", "speaker_as_written", "verb", "attribution", "quote"]],
           max_rows=60, name="framing_quotes")

# %% [markdown]
# ## Attribution verbs
#
# "Said" or "claimed"? Neutral verbs report; loaded verbs also judge ("claimed" doubts, "admitted"
# implies guilt, "revealed" implies a secret). Counted for direct quotes and for indirect speech.

# %%
counts = (verbs.pivot_table(index="label", columns="kind", values="verb", aggfunc="size", fill_value=0)
          .reindex(columns=["neutral", "loaded"], fill_value=0).reset_index())
shown = (show_figure(lambda width: plot_stacked_bars(
            counts, ["neutral", "loaded"], colors=colors, names=["neutral (said, noted...)", "loaded (claimed, admitted...)"],
            title="Attribution verbs per outlet", xlabel="uses", width=width), "framing_attribution_verbs", figures_dir)
         if len(verbs) else show_markdown("No attribution verbs found."))
shown

# %%
show_table(verbs.groupby(["label", "kind", "verb"]).size().rename("uses").reset_index()
           .sort_values(["label", "kind", "uses"], ascending=[True, True, False]), max_rows=60,
           name="framing_verbs")

# %% [markdown]
# ## How each outlet labels the actors
#
# Premodifiers ("businessman Michael Rubin"), appositions ("her then-boyfriend, Nick Godejohn"),
# ages ("Kim, 43,") and descriptive names ("the reality star").

# %%
labels = with_article_labels(framing.actor_labels(data, people), data)
show_table(labels[["actor", "outlet", "article", "kind", "label"]].rename(columns={"label": "description"})
           .sort_values(["actor", "outlet"]), max_rows=60, name="framing_actor_labels")

# %% [markdown]
# ## Sourcing
#
# Outlets an article openly re-reports ("According to PEOPLE"), other "according to" attributions,
# "Source:" lines, content warnings and disclaimers.

# %%
show_table(with_article_labels(framing.sources(data), data), max_rows=60, name="framing_sources")

# %% [markdown]
# ## What the automated coder cannot see
#
# Cue patterns find words, not meaning: negation ("no one blamed the government"), irony and
# implied frames are missed, and question H5 (visual information) cannot be coded from text. A
# "yes" is an invitation to read its evidence; agreement with trained human coders is the test.
