"""Sentiment: VADER per sentence, with the words behind every score, per outlet, voice and actor.

VADER (Hutto & Gilbert 2014) scores a text from a lexicon of ~7,500 words rated by humans, with
rules for negation, intensifiers, "but", capitals and punctuation. We use the maintained reference
implementation (``vaderSentiment`` 3.3.2); NLTK's copy lags it and scores about 2% of these news
sentences differently (pinned in the tests). VADER's compound score saturates on long texts
(vaderSentiment issue #151), so we score sentences and aggregate afterwards.

What a lexicon cannot see: irony, who the sentiment is about, and words it does not know. In
crime and justice stories "therapy", "reform" and "inmates" are absent, while "prison" (-2.3)
and "murder" (-3.7) weigh heavily whoever's side a sentence takes: see
:func:`lexicon_caveats`. Sentiment of sentences that mention an actor is not stance toward that
actor.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from .corpus import VOICES
from .parallel import per_article
from .progress import progress
from .paths import package_data

if TYPE_CHECKING:
    import pandas as pd
    from .corpus import Corpus

SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]
POSITIVE, NEGATIVE = 0.05, -0.05  # VADER's recommended cut-offs for the compound score


def _analyzer_class():
    import string
    from bisect import insort

    from vaderSentiment.vaderSentiment import (BOOSTER_DICT, C_INCR, N_SCALAR, NEGATE, SPECIAL_CASES,
                                               SentimentIntensityAnalyzer)

    punctuation = string.punctuation
    negate = frozenset(NEGATE)

    class Words:
        """What VADER's SentiText keeps of a text that :func:`explain` reads: its tokens."""

        __slots__ = ("words_and_emoticons",)

        def __init__(self, words):
            self.words_and_emoticons = words

    def negated(lower: str) -> bool:  # vaderSentiment's negated() for one lower-case word
        return lower in negate or "n't" in lower

    def scalar(word: str, lower: str, valence: float, is_cap_diff: bool) -> float:
        # vaderSentiment's scalar_inc_dec, given the word's lower case
        value = BOOSTER_DICT.get(lower)
        if value is None:
            return 0.0
        if valence < 0:
            value *= -1
        if word.isupper() and is_cap_diff:
            value = value + C_INCR if valence > 0 else value - C_INCR
        return value

    def special_idioms(valence: float, low: list[str], i: int) -> float:
        # vaderSentiment's _special_idioms_check on the lower-cased tokens (called with i >= 3)
        w1, w2, w3, w0 = low[i - 1], low[i - 2], low[i - 3], low[i]
        for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"):
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
                break
        if len(low) - 1 > i:
            seq = f"{w0} {low[i + 1]}"
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
        if len(low) - 1 > i + 1:
            seq = f"{w0} {low[i + 1]} {low[i + 2]}"
            if seq in SPECIAL_CASES:
                valence = SPECIAL_CASES[seq]
        for n_gram in (f"{w3} {w2} {w1}", f"{w3} {w2}", f"{w2} {w1}"):
            if n_gram in BOOSTER_DICT:
                valence = valence + BOOSTER_DICT[n_gram]
        return valence

    def negation(valence: float, low: list[str], start_i: int, i: int) -> float:
        # vaderSentiment's _negation_check on the lower-cased tokens
        if start_i == 0:
            if negated(low[i - 1]):
                valence = valence * N_SCALAR
        elif start_i == 1:
            if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
                valence = valence * 1.25
            elif low[i - 2] == "without" and low[i - 1] == "doubt":
                pass
            elif negated(low[i - 2]):
                valence = valence * N_SCALAR
        else:
            if (low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this")
                    or (low[i - 1] == "so" or low[i - 1] == "this")):
                valence = valence * 1.25
            elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                pass
            elif negated(low[i - 3]):
                valence = valence * N_SCALAR
        return valence

    def but_check(low: list[str], sentiments: list[float]) -> list[float]:
        """vaderSentiment's _but_check, in one pass instead of a list search per token.

        The reference visits each token's valence v in turn, finds the first token whose current
        valence equals v (``list.index``: at or before this one) and scales that one by 0.5
        before the first "but", 1.5 after it. Here each value keeps the positions (before the
        current token) that hold it, in order, so that first position is looked up, not searched.
        """
        bi = low.index("but")
        where: dict[float, list[int]] = {}  # valence -> positions already visited holding it, in order
        for i, v in enumerate(sentiments):  # sentiments[i] is untouched until its turn comes
            held = where.get(v)
            si = held[0] if held else i
            new = v * 0.5 if si < bi else (v * 1.5 if si > bi else v)
            if new == v:  # zeros (and the "but" itself): the value stays, only its type may change
                sentiments[si] = new
                where.setdefault(v, []).append(i)
                continue
            sentiments[si] = new
            if si != i:
                held.pop(0)
                held.append(i)  # the current token keeps v; it comes after every earlier position
            insort(where.setdefault(new, []), si)
        return sentiments

    class ExplainingAnalyzer(SentimentIntensityAnalyzer):
        """vaderSentiment's analyzer, keeping the per-token valences of the last text it scored.

        Texts without emoji are scored by a transcription of vaderSentiment 3.3.2's rules that
        lower-cases each token once and looks each up once, where the reference lower-cases the
        whole sentence again for every rule it checks on every sentiment word; the scores are
        the same (tests/test_sentiment.py, tests/test_parallel.py, benchmarks/sentiment.py).
        Texts with emoji go through vaderSentiment itself.
        """

        last_sentitext = None
        last_sentiments: list[float] = []

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)

        def polarity_scores(self, text):
            if not self.emoji_chars.isdisjoint(text):
                return super().polarity_scores(text)
            text = text.strip()
            # SentiText's tokens: leading/trailing punctuation stripped unless 2 characters or fewer remain
            words = [s if len(s := t.strip(punctuation)) > 2 else t for t in text.split()]
            self.last_sentitext = Words(words)
            sentiments = self._valences(words)
            if "but" in self._lower:
                sentiments = but_check(self._lower, sentiments)
            self.last_sentiments = sentiments
            return SentimentIntensityAnalyzer.score_valence(self, sentiments, text)

        def _valences(self, words: list[str]) -> list[float]:
            """VADER's valence of every token (0 for tokens outside the lexicon)."""
            lexicon = self.lexicon
            low = self._lower = list(map(str.lower, words))
            n = len(words)
            n_upper = sum(map(str.isupper, words))
            is_cap_diff = 0 < n - n_upper < n
            sentiments: list[float] = [0] * n  # tokens outside the lexicon score 0
            for i in [i for i, lower in enumerate(low) if lower in lexicon]:
                lower = low[i]
                if lower in BOOSTER_DICT or (lower == "kind" and i < n - 1 and low[i + 1] == "of"):
                    continue
                item = words[i]
                valence = lexicon[lower]
                if lower == "no" and i != n - 1 and low[i + 1] in lexicon:
                    valence = 0.0
                if ((i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no")
                        or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))):
                    valence = lexicon[lower] * N_SCALAR
                if item.isupper() and is_cap_diff:
                    valence = valence + C_INCR if valence > 0 else valence - C_INCR
                for start_i in range(3):
                    if i > start_i and low[i - (start_i + 1)] not in lexicon:
                        s = scalar(words[i - (start_i + 1)], low[i - (start_i + 1)], valence, is_cap_diff)
                        if start_i == 1 and s != 0:
                            s = s * 0.95
                        if start_i == 2 and s != 0:
                            s = s * 0.9
                        valence = valence + s
                        valence = negation(valence, low, start_i, i)
                        if start_i == 2:
                            valence = special_idioms(valence, low, i)
                # vaderSentiment's _least_check
                if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
                    if low[i - 2] != "at" and low[i - 2] != "very":
                        valence = valence * N_SCALAR
                elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
                    valence = valence * N_SCALAR
                sentiments[i] = valence
            return sentiments

        def sentiment_valence(self, valence, sentitext, item, i, sentiments):
            self.last_sentitext = sentitext
            return super().sentiment_valence(valence, sentitext, item, i, sentiments)

        def score_valence(self, sentiments, text):
            self.last_sentiments = list(sentiments)
            return super().score_valence(sentiments, text)

    return ExplainingAnalyzer


@lru_cache(maxsize=8)
def _cached_analyzer(additions: tuple[tuple[str, float], ...]):
    analyzer = _analyzer_class()()
    for word, valence in additions:
        analyzer.lexicon[word.lower()] = float(valence)
    return analyzer


def get_analyzer(lexicon_additions: Mapping[str, float] | None = None):
    """A VADER analyzer; ``lexicon_additions`` (word -> valence, -4..4) add or override entries."""
    return _cached_analyzer(tuple(sorted((lexicon_additions or {}).items())))


def load_lexicon_additions(path: str | Path) -> dict[str, float]:
    """Lexicon additions from YAML (``words: {word: valence}``); see data/lexicon_additions_example.yaml."""
    import yaml

    from .errors import AnalysisError

    try:
        with open(path, encoding="utf-8") as handle:
            words = (yaml.safe_load(handle) or {}).get("words", {})
        additions = {str(w): float(v) for w, v in words.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise AnalysisError(path, f"not a lexicon additions file ({exc.__class__.__name__})") from None
    bad = [w for w, v in additions.items() if not -4 <= v <= 4]
    if bad:
        raise AnalysisError(path, f"valences must lie in -4..4 (see {', '.join(bad[:3])})")
    return additions


def score_sentences(texts: Iterable[str] | str, lexicon_additions: Mapping[str, float] | None = None) -> "pd.DataFrame":
    """One row per text: VADER's neg, neu, pos and compound, exactly as vaderSentiment computes them."""
    import pandas as pd

    if isinstance(texts, str):
        texts = [texts]
    polarity = get_analyzer(lexicon_additions).polarity_scores
    seen: dict[str, dict] = {}  # news repeats itself: identical sentences are scored once
    rows = []
    for text in texts:
        text = text if isinstance(text, str) else ""
        scores = seen.get(text)
        if scores is None:
            scores = seen[text] = polarity(text)
        rows.append(scores)
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def explain(text: str, lexicon_additions: Mapping[str, float] | None = None) -> list[tuple[str, float, float]]:
    """The words that drove a score: (word, lexicon valence, valence after VADER's rules).

    The applied valence includes negation ("not good"), intensifiers ("very"), capitals and the
    "but" rule; exclamation marks add to the total but belong to no word.
    """
    return _score_and_explain(text, lexicon_additions)[1]


def _score_and_explain(text: str, lexicon_additions: Mapping[str, float] | None = None):
    """VADER's scores of ``text`` and the words behind them, from one scoring pass."""
    analyzer = get_analyzer(lexicon_additions)
    analyzer.last_sentitext, analyzer.last_sentiments = None, []
    scores = analyzer.polarity_scores(text)
    if analyzer.last_sentitext is None:
        return scores, []
    words = analyzer.last_sentitext.words_and_emoticons
    drivers = []
    for word, applied in zip(words, analyzer.last_sentiments):
        if applied:
            drivers.append((word, analyzer.lexicon.get(word.lower(), 0.0), round(applied, 4)))
    return scores, drivers


def tone(compound: float) -> str:
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def format_drivers(drivers: list[tuple[str, float, float]]) -> str:
    return "; ".join(f"{word} ({applied:+.2f})" for word, _, applied in drivers)


# --- the corpus ---------------------------------------------------------------------------

DRIVERS_COLUMN = "driver_words"


def sentence_sentiment(corpus: "Corpus", lexicon_additions: Mapping[str, float] | None = None,
                       with_drivers: bool = False) -> "pd.DataFrame":
    """One row per body sentence: VADER scores, tone, voice, position and the driving words.

    ``with_drivers``: also the column ``driver_words`` (each sentence's :func:`explain` list), from
    which :func:`driver_table` is made without scoring the sentences again."""
    body = corpus.body()
    table = body[["article", "index", "paragraph", "position", "voice", "quote_share", "text"]].copy()
    table.insert(1, "label", table["article"].map(corpus.labels))
    seen: dict[str, tuple] = {}  # news repeats itself: each distinct sentence is scored once
    scored = []
    for text in table["text"].tolist():
        known = seen.get(text)
        if known is None:
            known = seen[text] = _score_and_explain(text, lexicon_additions)
        scored.append(known)
    for column in SCORE_COLUMNS:
        table[column] = [scores[column] for scores, _ in scored]
    table["tone"] = table["compound"].map(tone)
    explained = [drivers for _, drivers in scored]
    table["drivers"] = [format_drivers(d) for d in explained]
    table["n_drivers"] = [len(d) for d in explained]
    if with_drivers:
        table[DRIVERS_COLUMN] = explained
    return table


def driver_table(sentences: "pd.DataFrame", lexicon_additions: Mapping[str, float] | None = None) -> "pd.DataFrame":
    """Long table: one row per sentiment-bearing word of each sentence (word, lexicon and applied valence).

    ``sentences`` from :func:`sentence_sentiment` (with its ``driver_words`` if it has them)."""
    import pandas as pd

    rows = []
    given = sentences[DRIVERS_COLUMN].tolist() if DRIVERS_COLUMN in sentences.columns else None
    for k, row in enumerate(sentences.itertuples(index=False)):
        drivers = given[k] if given is not None else explain(row.text, lexicon_additions)
        for word, lexicon_valence, applied in drivers:
            rows.append({"article": row.article, "label": row.label, "index": row.index,
                         "voice": row.voice, "word": word.lower(), "lexicon_valence": lexicon_valence,
                         "applied_valence": applied})
    return pd.DataFrame(rows, columns=["article", "label", "index", "voice", "word",
                                       "lexicon_valence", "applied_valence"])


def article_sentiment(corpus: "Corpus", sentences: "pd.DataFrame | None" = None, *,
                      n_boot: int = 2000, seed: int | None = None,
                      lexicon_additions: Mapping[str, float] | None = None) -> "pd.DataFrame":
    """One row per article and voice (all / narrative / quotes): mean sentence compound with a
    bootstrap interval (the article's sentences resampled, from a random stream of its own: see
    :func:`analysis.stats.stable_stream`), shares of positive / neutral / negative sentences, and -- to show why we
    do not use it -- VADER's compound on the whole text at once."""
    import numpy as np
    import pandas as pd

    from .stats import DEFAULT_SEED

    table = sentences if sentences is not None else sentence_sentiment(corpus, lexicon_additions)
    seed = DEFAULT_SEED if seed is None else seed
    # each article has its own random stream, so partitions on both cores give the same intervals
    computed = per_article(article_interval_rows, table[["article", "compound", "voice", "tone"]],
                           n_boot, seed, desc="article intervals")
    found = set(computed["article"])
    missing = [_voice_row(article, voice, 0, np.array([]), math.nan, math.nan, Counter())
               for article in corpus.labels if article not in found  # no body sentences: empty rows
               for voice in VOICES]
    rows = pd.concat([computed, pd.DataFrame(missing, columns=computed.columns)], ignore_index=True) if missing else computed
    numbers = ["mean_compound", "ci_low", "ci_high", "median_compound", "share_positive", "share_neutral",
               "share_negative"]
    rows = rows.astype({**{c: float for c in numbers}, "n_sentences": int})  # empty parts come as objects
    order = {article: i for i, article in enumerate(corpus.labels)}
    rows = (rows.assign(_order=rows["article"].map(order)).sort_values("_order", kind="stable")
            .drop(columns="_order").reset_index(drop=True))
    rows["label"] = rows["article"].map(corpus.labels)
    wholes = per_article(whole_text_compounds, table[["article", "voice", "text"]], lexicon_additions)
    found_whole = dict(zip(zip(wholes["article"], wholes["voice"]), wholes["whole_text_compound"]))
    rows["whole_text_compound"] = [found_whole.get(key, math.nan) for key in zip(rows["article"], rows["voice"])]
    return rows[ARTICLE_COLUMNS]


ARTICLE_COLUMNS = ["article", "label", "voice", "n_sentences", "mean_compound", "ci_low", "ci_high",
                   "median_compound", "share_positive", "share_neutral", "share_negative",
                   "whole_text_compound", "note"]


def article_interval_rows(table: "pd.DataFrame", n_boot: int, seed: int) -> "pd.DataFrame":
    """Per article of ``table`` (sentence compounds, voices, tones) and voice: the mean compound with
    its bootstrap interval from the article's own random stream, and its shares of tones."""
    import numpy as np
    import pandas as pd

    from .stats import bootstrap_replicates, mean_statistic, percentile_intervals, stable_stream

    positions = table.groupby("article", sort=False).indices
    compounds = table["compound"].to_numpy(float)
    voices = table["voice"].to_numpy()
    tone_list = table["tone"].tolist()
    # without NaN, a plain mean is nanmean's value (same sum, same count) at a fraction of its cost
    statistic = mean_statistic if np.isnan(compounds).any() else _row_means
    cells = []
    replicates = np.full((len(positions) * len(VOICES), n_boot), np.nan)
    for article, mine in positions.items():
        rng = stable_stream(seed, article)  # its own stream: other articles never move its interval
        for voice in VOICES:  # as corpus.by_voice yields them
            sel = mine if voice == "all" else mine[voices[mine] == voice]
            values = compounds[sel]
            n = len(sel)
            if 0 < n and n * n_boot <= _ONE_DRAW:
                # all replicates from one draw: the same numbers as bootstrap_replicates' batches
                # (the stream is consumed value by value) at an eighth of the calls
                replicates[len(cells)] = statistic(values[rng.integers(0, n, size=(n_boot, n))])
            elif n:
                replicates[len(cells)] = bootstrap_replicates(values, statistic, n_boot, rng)
            cells.append((article, voice, n, values, Counter(tone_list[i] for i in sel)))
    lows, highs = percentile_intervals(replicates, 0.95)
    rows = [_voice_row(article, voice, n, values, low, high, tones)
            for (article, voice, n, values, tones), low, high in zip(cells, lows.tolist(), highs.tolist())]
    return pd.DataFrame(rows, columns=[c for c in ARTICLE_COLUMNS if c != "label"])


_ONE_DRAW = 4_000_000  # resampled values drawn at once for one article's interval (32 MB of indices)


def _voice_row(article: str, voice: str, n: int, values, low: float, high: float, tones: Counter) -> dict:
    import numpy as np

    return {
        "article": article, "voice": voice, "n_sentences": n,
        "mean_compound": float(values.mean()) if n else math.nan,
        "ci_low": low, "ci_high": high,
        "median_compound": float(np.median(values)) if n else math.nan,
        "share_positive": tones["positive"] / n if n else math.nan,
        "share_neutral": tones["neutral"] / n if n else math.nan,
        "share_negative": tones["negative"] / n if n else math.nan,
        "whole_text_compound": math.nan,
        "note": "" if n >= 10 else ("no sentences" if n == 0 else "fewer than 10 sentences: interval unreliable"),
    }


def _row_means(sample):
    return sample.mean(axis=1)


def whole_text_compounds(sentences: "pd.DataFrame", lexicon_additions: Mapping[str, float] | None = None) -> "pd.DataFrame":
    """VADER's compound of each article's whole text (all, narrative, quotes: sentences joined
    by a space), one row per article and voice that has sentences."""
    import pandas as pd

    texts, voices = sentences["text"].tolist(), sentences["voice"].tolist()
    rows = []
    for article, mine in sentences.groupby("article", sort=False).indices.items():
        for voice in VOICES:
            chosen = [texts[i] for i in mine if voice == "all" or voices[i] == voice]
            if chosen:
                rows.append((article, voice, " ".join(chosen)))
    table = pd.DataFrame(rows, columns=["article", "voice", "text"])
    table["whole_text_compound"] = score_sentences(table["text"], lexicon_additions)["compound"].to_numpy()
    return table[["article", "voice", "whole_text_compound"]]


def intervals(corpus: "Corpus", sentences: "pd.DataFrame", *, n_boot: int = 2000,
              seed: int | None = None, max_pair_groups: int | None = None) -> "pd.DataFrame":
    """Mean sentence compound per outlet and voice with intervals, and outlet differences
    (corpus-wide and paired within shared stories): see :func:`analysis.stats.compare_outlets`."""
    import pandas as pd

    from .corpus import by_voice
    from .stats import DEFAULT_SEED, MAX_PAIR_GROUPS, compare_outlets, mean_columns, ratio_of_sums

    story = corpus.story_of()
    frames = []
    for voice, sel in by_voice(sentences):
        counts = mean_columns(sel["compound"].to_numpy(float))
        table = pd.DataFrame({"label": sel["label"].to_numpy(), "article": sel["article"].to_numpy(),
                              "story": sel["article"].map(story).fillna("").to_numpy(),
                              "value": counts[:, 0], "count": counts[:, 1]})
        frames.append(compare_outlets(table, ["value", "count"], {f"mean_compound_{voice}": ratio_of_sums(0, 1)},
                                      groups=list(dict.fromkeys(corpus.labels.values())), n_boot=n_boot, seed=DEFAULT_SEED if seed is None else seed,
                                      max_pair_groups=MAX_PAIR_GROUPS if max_pair_groups is None else max_pair_groups))
    return pd.concat(frames, ignore_index=True)


def actor_sentiment(mentions: "pd.DataFrame", *, n_boot: int = 2000, seed: int | None = None,
                    min_articles: int | None = None) -> "pd.DataFrame":
    """Per actor and outlet: sentences mentioning the actor, their mean compound with an interval.

    The interval is resampled as the outlet intervals are (:func:`analysis.stats.nested_interval`):
    articles, then sentences within them, when the actor is mentioned in at least
    ``min_articles`` (default :data:`analysis.stats.MIN_ARTICLES`) of the outlet's articles;
    otherwise sentences (a lower bound on the uncertainty), as ``resampled`` says. Each actor and
    outlet draws from its own random stream, so adding an actor or an article about someone else
    leaves this interval as it was. This is the tone of the sentences that mention the actor,
    not the outlet's stance toward them.
    """
    import numpy as np
    import pandas as pd

    from .stats import (DEFAULT_SEED, MIN_ARTICLES, mean_columns, nested_interval, ratio_of_sums,
                        stable_stream)

    seed = DEFAULT_SEED if seed is None else seed
    min_articles = MIN_ARTICLES if min_articles is None else min_articles
    mean = ratio_of_sums(0, 1)
    rows = []
    for (actor, label), sel in mentions.groupby(["actor", "label"], sort=True):
        # each article's sentences together, in a canonical order: the rows' order changes nothing
        sel = sel.sort_values(["article", "compound"], kind="stable")
        values = sel["compound"].to_numpy(float)
        sizes = sel.groupby("article", sort=True).size().to_numpy()
        estimate, low, high, resampled = nested_interval(
            mean_columns(values), sizes, mean, n_boot=n_boot, rng=stable_stream(seed, actor, label),
            min_articles=min_articles)
        n_articles = len(sizes)
        note = "" if n_articles >= min_articles else (
            f"{n_articles} article(s): interval over sentences, which are not independent "
            "(a lower bound on the uncertainty)")
        if len(sel) < 5:
            note = "fewer than 5 sentences" + (f"; {note}" if note else "")
        rows.append({"actor": actor, "label": label, "n_sentences": len(sel), "n_articles": n_articles,
                     "mean_compound": estimate, "ci_low": low, "ci_high": high, "resampled": resampled,
                     "share_negative": float((sel["tone"] == "negative").mean()),
                     "share_positive": float((sel["tone"] == "positive").mean()),
                     "note": note})
    return pd.DataFrame(rows, columns=["actor", "label", "n_sentences", "n_articles", "mean_compound",
                                       "ci_low", "ci_high", "resampled", "share_negative",
                                       "share_positive", "note"])


# --- what the lexicon cannot see ----------------------------------------------------------

def load_domain_words(path: str | Path | None = None) -> dict[str, str]:
    """Word -> category, from the domain watch-list YAML."""
    import yaml

    with open(path or package_data("domain_words.yaml"), encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return {str(w).lower(): category for category, words in raw.items() for w in words}


_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def lexicon_caveats(sentences: "pd.DataFrame", domain_file: str | Path | None = None,
                    lexicon_additions: Mapping[str, float] | None = None) -> "pd.DataFrame":
    """Domain words that occur in the corpus: VADER's valence (NaN = absent, so scored 0), how
    often each outlet uses them, and the sum of their valence per outlet (their weight in scores)."""
    import pandas as pd

    lexicon = get_analyzer(lexicon_additions).lexicon
    domain = load_domain_words(domain_file)
    counts: Counter = Counter()
    found: dict[str, list[str]] = {}  # each distinct sentence's domain words, found once
    for text, label in zip(sentences["text"].tolist(), sentences["label"].tolist()):
        words = found.get(text)
        if words is None:
            words = found[text] = [w for w in map(str.lower, _TOKEN.findall(text)) if w in domain]
        for word in words:
            counts[(word, label)] += 1
    rows = []
    for (word, label), n in sorted(counts.items()):
        valence = lexicon.get(word)
        rows.append({"word": word, "category": domain[word], "label": label, "count": n,
                     "in_lexicon": valence is not None,
                     "vader_valence": valence if valence is not None else math.nan,
                     "total_valence": (valence or 0.0) * n})
    return pd.DataFrame(rows, columns=["word", "category", "label", "count", "in_lexicon",
                                       "vader_valence", "total_valence"])


def unknown_frequent_words(sentences: "pd.DataFrame", n: int = 20,
                           lexicon_additions: Mapping[str, float] | None = None) -> "pd.DataFrame":
    """The corpus's most frequent lower-case content words that VADER does not know (scored 0)."""
    import pandas as pd

    from .lexicons import easy_words

    lexicon = get_analyzer(lexicon_additions).lexicon
    common = easy_words()  # Dale-Chall's familiar words: mostly function and everyday words
    counts: Counter = Counter()
    outlets: dict[str, set] = {}
    for row in sentences.itertuples(index=False):
        for token in _TOKEN.findall(row.text):
            if token[0].isupper():  # names and sentence starts: not what a lexicon should rate
                continue
            word = token.lower().strip("’'-")
            if "’" in word or "'" in word:  # contractions: VADER handles "n't" as negation
                continue
            if len(word) > 3 and word not in lexicon and word not in common:
                counts[word] += 1
                outlets.setdefault(word, set()).add(row.label)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return pd.DataFrame([{"word": w, "count": c, "outlets": len(outlets[w])} for w, c in top],
                        columns=["word", "count", "outlets"])


def voice_differences(corpus: "Corpus", sentences: "pd.DataFrame", *, n_boot: int = 2000,
                      seed: int | None = None) -> "pd.DataFrame":
    """The outlet's own voice against the quotes it chooses, paired by article: per outlet, the
    mean over its articles of (mean compound of narrative sentences minus mean compound of quoted
    sentences), over the articles that have both, with a 95% interval, and the same over all
    outlets (:func:`analysis.stats.within_article_differences`: Student's t over the articles
    below 30 of them, a bootstrap of articles from there, sentences within the article(s) below
    three). A positive value: the outlet's own words are warmer than the quotes it picks.
    ``measure``: "narrative_minus_quotes"."""
    import pandas as pd

    from .corpus import VOICES
    from .stats import DEFAULT_SEED, within_article_differences

    table = pd.DataFrame({"label": sentences["article"].map(corpus.labels), "article": sentences["article"],
                          "voice": sentences["voice"], "compound": sentences["compound"]})
    return within_article_differences(table, value="compound", side="voice", first=VOICES[1], second=VOICES[2],
                                      measure="narrative_minus_quotes",
                                      groups=list(dict.fromkeys(corpus.labels.values())), n_boot=n_boot,
                                      seed=DEFAULT_SEED if seed is None else seed)
