"""The fast cue-matching engine (issue 14) finds exactly what the plain one did.

The oracle is tests/framing_oracle.py: the engine as it was, every cue of every item searched in
every sentence. Frames and evidence must be equal on the seeds, the events40 corpus, the hand-coded
Wikinews articles and synthetic sentences built to hit the pre-filter's edges.
"""
from __future__ import annotations

import random
import re

import pandas as pd
import pytest

import framing_oracle as oracle
from analysis import framing, load_corpus
from conftest import ROOT

CORPORA = {"seeds": None, "events40": ROOT / "tests" / "data" / "events40",
           "frames_dev": ROOT / "tests" / "data" / "frames_dev" / "texts",
           "frames_heldout": ROOT / "tests" / "data" / "frames_heldout" / "texts"}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request):
    return load_corpus(CORPORA[request.param])


def test_frames_and_evidence_equal_the_plain_engine(corpus):
    book = framing.load_codebook()
    evidence = framing.evidence_table(corpus, book)
    pd.testing.assert_frame_equal(evidence, oracle.evidence_table(corpus, book))
    expected = oracle.code_frames(corpus, book)
    pd.testing.assert_frame_equal(framing.code_frames(corpus, book), expected)
    # frames made from an evidence table already at hand are the same frames
    pd.testing.assert_frame_equal(framing.code_frames(corpus, book, evidence=evidence), expected)
    assert len(evidence) > 0


def _lexicon_codebook(folder):
    """The default codebook with the Empath word lists of benchmarks/frames_lexicon.py on every
    question they were chosen for (not the default: measured and not adopted)."""
    import importlib.util

    # loaded from its file, so the benchmarks folder does not stay on sys.path for other tests
    spec = importlib.util.spec_from_file_location("frames_lexicon", ROOT / "benchmarks" / "frames_lexicon.py")
    frames_lexicon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(frames_lexicon)
    return framing.load_codebook(frames_lexicon.write_codebook(folder, 0.5, True, None))


def test_word_list_cues_equal_their_pattern_in_the_plain_engine(tmp_path):
    """A word list is looked up per word of the sentence; the plain engine runs its whole-word pattern."""
    book = _lexicon_codebook(tmp_path)
    assert any(cue.words for item in book.items for cue in item.cues)
    for root in (CORPORA["frames_dev"], CORPORA["events40"]):
        corpus = load_corpus(root)
        evidence = framing.evidence_table(corpus, book)
        pd.testing.assert_frame_equal(evidence, oracle.evidence_table(corpus, book))
        pd.testing.assert_frame_equal(framing.code_frames(corpus, book, evidence=evidence),
                                      oracle.code_frames(corpus, book))
    rng = random.Random(16)
    words = sorted({w for item in book.items for cue in item.cues for w in cue.words or ()})
    edges = ["’s", "'s", "-", "—", "x-", "’", "n't", "not", "no", "ſ", "\u212a", "İ", "ı", "9", "_"]
    for _ in range(2000):
        pool = [rng.choice(words) for _ in range(rng.randint(1, 5))]
        pool = [rng.choice([w, w.upper(), w.title(), w + rng.choice(edges), rng.choice(edges) + w]) for w in pool]
        pool += rng.sample("the families of the victims said no one was poor or hurt".split(), 4)
        rng.shuffle(pool)
        text = " ".join(pool)
        if rng.random() < 0.2:
            text = text.replace("s", "ſ", 1) if rng.random() < 0.5 else text.replace("k", "\u212a", 1)
        for item in book.items:
            for discarded in (False, True):
                assert framing.cue_hits(text, item, discarded) == oracle.cue_hits(text, item, discarded), text


def _cue_words() -> list[str]:
    """Words and phrases the codebook's patterns match, collected from the seeds' and events40's
    hits, plus near misses (a letter dropped) and case tricks."""
    found = set()
    for root in (None, CORPORA["events40"]):
        found |= set(oracle.evidence_table(load_corpus(root))["match"])
    words = sorted(w for m in found for w in m.split(" + "))
    near = [w[:-1] for w in words] + [w.upper() for w in words] + [w.title() for w in words]
    return words + near


def test_cue_hits_equal_the_plain_engine_on_synthetic_sentences():
    book = framing.load_codebook()
    rng = random.Random(14)
    words = _cue_words()
    filler = ("the government officials said no one was to blame and police did not blame the "
              "families’ “victims” of the crisis, while the minister’s party can’t help Kim").split()
    # ſ and the Kelvin sign K match "s" and "k" ignoring case although lower() keeps them apart
    tricks = ["ſ", "\u212a", "İ", "ı", "’", "—", "n't", "not", "never", "without"]
    sentences = []
    for _ in range(3000):
        pool = [rng.choice(words) for _ in range(rng.randint(1, 6))] + rng.sample(filler, 6)
        if rng.random() < 0.3:
            pool.append(rng.choice(tricks))
        rng.shuffle(pool)
        text = " ".join(pool)
        if rng.random() < 0.2:  # a trap inside a cue word: "reſponsible", "\u212ailled"
            text = text.replace("s", "ſ", 1) if rng.random() < 0.5 else text.replace("k", "\u212a", 1)
        sentences.append(text.capitalize() + ".")
    for text in sentences:
        for item in book.items:
            for discarded in (False, True):
                assert framing.cue_hits(text, item, discarded) == oracle.cue_hits(text, item, discarded), text
    pairs = list(enumerate(sentences[:200]))
    assert framing.code_sentences(pairs, book) == oracle.code_sentences(pairs, book)


def test_the_pre_filter_never_misses_a_match():
    """Every match of a pattern contains one of its required literals (lower-cased)."""
    cases = {
        r"\b(blamed|fault)\b": ["blamed", "fault"],
        r"\bplans? to\b": ["plan"],
        r"\b(?:improv\w+|bann?(ed|ing|s)?)\b": ["improv", "ban"],
        r"(?-i:(?<=\s)[A-Z][a-z]{2,})": None,
        r"\b(x|y\w*)+z": ["z"],
        r"\b(x|yy\w*)+": ["x", "yy"],
        r"(a|b)?c*": None,
        r"\bwar(?:s|fare)?\b": ["war"],
        r"caf\u00e9 society": [" society"],
    }
    for source, expected in cases.items():
        literals = framing._required_literals(re.compile(source, re.IGNORECASE))
        assert (sorted(literals) if literals else None) == (sorted(expected) if expected else None), source
    # and on every pattern of the codebook, against random text around its own matches
    rng = random.Random(7)
    words = _cue_words()
    for item in framing.load_codebook().items:
        for cue in item.cues:
            for pattern in cue.patterns:
                literals = framing._required_literals(pattern)
                for _ in range(200):
                    text = " ".join(rng.choice(words) for _ in range(4))
                    for m in pattern.finditer(text):
                        assert literals is None or any(x in m.group(0).lower() for x in literals)


def test_case_traps_are_all_the_characters_ignorecase_equates_with_ascii():
    """The characters the pre-filter must not trust lower() with: brute force over Unicode."""
    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    traps = [chr(i) for i in range(0x80, 0x110000) if ascii_class.fullmatch(chr(i))]
    assert all(framing._CASE_TRAPS.fullmatch(c) for c in traps)
    assert len(traps) == len(framing._CASE_TRAPS.pattern) - 2


def test_sentiment_drivers_from_the_scoring_pass_equal_a_second_scoring():
    """The sentiment command scores each sentence once: drivers kept from that pass (issue 14)."""
    from analysis import sentiment

    events = load_corpus(CORPORA["events40"])
    scored = sentiment.sentence_sentiment(events, with_drivers=True)
    plain = sentiment.sentence_sentiment(events)
    pd.testing.assert_frame_equal(scored.drop(columns=sentiment.DRIVERS_COLUMN), plain)
    pd.testing.assert_frame_equal(sentiment.driver_table(scored), sentiment.driver_table(plain))
    assert len(sentiment.driver_table(plain)) > 100


def _plain_find_mentions(text, actors):
    """find_mentions as it was: every alias pattern searched in every text."""
    from analysis.actors import _alias_patterns

    key = tuple((a, tuple(al)) for a, al in actors.items())
    found = []
    for actor, _alias, pattern in _alias_patterns(key):
        for match in pattern.finditer(text):
            found.append((match.start(), -(match.end() - match.start()), actor, match.group(0), match.end()))
    taken, mentions = [], []
    for start, _neg, actor, written, end in sorted(found, key=lambda f: (f[1], f[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        mentions.append((actor, written, start, end))
    return sorted(mentions, key=lambda m: m[2])


def test_actor_mentions_equal_searching_every_alias():
    from analysis.actors import actors_for, find_mentions

    rng = random.Random(3)
    actors = {"Kim Kardashian": ["Kim Kardashian", "Kardashian", "the reality star"],
              "Skims": ["SKIMS", "skims founder"], "Rubin": ["Michael Rubin", "Rubin"],
              "Şule Kaya": ["Şule Kaya", "şule"], "Kelvin": ["kelvin"]}
    words = ["Kim", "Kardashian", "kardashian’s", "the", "Reality", "reality", "star", "SKIMS", "Skims",
             "founder", "Michael", "Rubin", "Rubin's", "Şule", "ŞULE", "şule", "Kaya", "\u212aelvin", "kelvin",
             "KELVIN", "said", ",", "-", "’"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        assert find_mentions(text, actors) == _plain_find_mentions(text, actors), text
    events = load_corpus(CORPORA["events40"])
    people = actors_for(events, None)
    for text in events.body()["text"]:
        assert find_mentions(text, people) == _plain_find_mentions(text, people)


def test_frames_from_split_evidence_equal_one_pass(monkeypatch):
    """The framing command's path: evidence on partitions in worker processes, frames from it."""
    from analysis import parallel

    monkeypatch.setattr(parallel, "MIN_ARTICLES", 1)
    monkeypatch.setenv(parallel.PARTITION_ENV, "7")
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    parallel.configure(None)
    events = load_corpus(CORPORA["events40"])
    book = framing.load_codebook()
    evidence = parallel.per_article(framing.evidence_table, events, book)
    frames = parallel.per_article(framing.code_frames, events, book, evidence=evidence)
    pd.testing.assert_frame_equal(evidence, oracle.evidence_table(events, book))
    pd.testing.assert_frame_equal(frames, oracle.code_frames(events, book))


def test_caseless_characters_have_no_case_partner():
    """Literals may hold non-ASCII characters of the caseless categories: no character lower- or
    upper-cases to or from one of them, and re has no extra case equivalents for them."""
    import unicodedata
    from re import _casefix

    for i in range(0x110000):
        if 0xD800 <= i < 0xE000:
            continue
        char = chr(i)
        for other in (char.lower(), char.upper(), char.casefold()):
            if other != char:
                assert not any(framing._caseless(c) for c in other if ord(c) >= 128), hex(i)
                if framing._caseless(char) and i >= 128:
                    raise AssertionError(f"{hex(i)} is caseless but has a case mapping")
    assert not any(framing._caseless(chr(c)) for c in _casefix._EXTRA_CASES if c >= 128)
    assert unicodedata.category("€") == "Sc" and framing._caseless("’")


def test_easy_words_read_without_textstat_equal_textstats():
    """easy_words() reads textstat's list without importing textstat (issue 14: 1.2 s per worker)."""
    import subprocess
    import sys

    from textstat.backend.utils import get_lang_easy_words

    from analysis.lexicons import easy_words

    assert easy_words() == frozenset(get_lang_easy_words("en"))
    code = "import sys; from analysis.lexicons import easy_words; easy_words(); print('textstat' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
