"""Actors: the people and institutions to follow, the names outlets use for them, and where
each is mentioned.

Actors come from a YAML file (``actors: {name: [alias, ...]}``; ``actors.yaml`` beside the corpus
by default) or, without one, from the people and organisations that speak in most articles (a
heuristic: list actors for real work). Sentiment (per actor), framing (speakers, labels) and the
summary all use :func:`find_mentions` from here, so an actor is found the same way everywhere.
:func:`names_in` finds names in running text (titles cut off; people, organisations and places
told apart) and :func:`genders` what gender the text itself gives each person, for pronouns.
"""
from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

ACTORS_FILE = "actors.yaml"


def load_actors(path: str | Path) -> dict[str, list[str]]:
    """Actor -> aliases, from YAML (``actors: {name: [alias, ...]}``)."""
    import yaml

    from .errors import AnalysisError

    try:
        with open(path, encoding="utf-8") as handle:
            raw = (yaml.safe_load(handle) or {}).get("actors", {})
        actors = {str(name): [str(a) for a in (aliases or [])] or [str(name)] for name, aliases in raw.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as exc:
        raise AnalysisError(path, f"not an actors file ({exc.__class__.__name__})") from None
    if not actors:
        raise AnalysisError(path, "no actors listed (expected 'actors: {name: [aliases]}')")
    return actors


def actors_for(corpus: "Corpus", path: str | Path | None = None) -> dict[str, list[str]]:
    """The actors to look for: ``path``, else ``actors.yaml`` beside the corpus, else detected."""
    if path is not None:
        return load_actors(path)
    if corpus.root is not None:
        beside = (corpus.root if corpus.root.is_dir() else corpus.root.parent) / ACTORS_FILE
        if beside.is_file():
            return load_actors(beside)
    return detect_actors(corpus)


def detect_actors(corpus: "Corpus", top: int = 8) -> dict[str, list[str]]:
    """Actors when none are listed: the people and organisations that speak (the subject of a
    reporting verb somewhere), named in most articles. Each is matched by its full name and, for a
    person, the surname.

    Names come from :func:`names_in` (titles cut off; places such as "Port Amsel" and
    organisations that never speak, such as a library named as a venue, are left out; an
    organisation counts when it is the subject of a reporting verb: "Riverside City Council said").
    A heuristic: list actors for real work."""
    from .parallel import per_article

    counts: Counter = Counter()
    speaks: Counter = Counter()
    articles: Counter = Counter()
    kinds: dict[str, str] = {}
    table = per_article(_speaking_names, corpus, desc="names")  # names found on every core
    for name, kind, n, spoke in table[["name", "kind", "mentions", "speaks"]].itertuples(index=False, name=None):
        counts[name] += n
        speaks[name] += spoke
        articles[name] += 1
        kinds[name] = kind  # the kind of its last mention, as in one pass over the corpus
    keep = [n for n in counts if speaks[n]]  # people and organisations that speak somewhere
    ranked = sorted(keep, key=lambda n: (-articles[n], -speaks[n], -counts[n], n))
    chosen: dict[str, list[str]] = {}
    for name in ranked:
        if any(name in other or other in name for other in chosen):
            continue
        parts = name.split()
        aliases = [name]
        if kinds[name] == "person" and len(parts[-1]) > 2:
            aliases.append(parts[-1])
        chosen[name] = aliases
        if len(chosen) == top:
            break
    return chosen


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Reporting verbs that introduce quotes beyond ``attribution_verbs.yaml``
    (``data/speech_verbs.yaml``: "testified", "countered"; not "said" words to the overlap measures)."""
    import yaml

    from .paths import package_data

    with open(package_data("speech_verbs.yaml"), encoding="utf-8") as handle:
        return frozenset(str(v).lower() for v in (yaml.safe_load(handle) or {}).get("verbs", []))


def _speaking_names(corpus: "Corpus") -> "pd.DataFrame":
    """Per article, each organisation and multi-word person it names: mentions, how often
    as the subject of a reporting verb, and the kind of its last mention."""
    import pandas as pd

    from .lexicons import load_attribution_verbs

    verbs = set(load_attribution_verbs()) | speech_verbs()
    verb = re.compile(r"^\s+(?:\w+ly\s+)?(?:%s)\b" % "|".join(
        re.escape(v) for v in sorted(verbs, key=len, reverse=True)))
    found: dict[tuple[str, str], list] = {}  # (article, name) -> [kind, mentions, speaks]
    body = corpus.body()
    for article, text in zip(body["article"], body["text"]):
        for name in names_in(text):
            if name.kind == "place" or (name.kind == "person" and len(name.text.split()) < 2):
                continue
            entry = found.setdefault((article, name.text), [name.kind, 0, 0])
            entry[0] = name.kind
            entry[1] += 1
            if not name.possessive and verb.match(text[name.end:name.end + 40]):
                entry[2] += 1
    return pd.DataFrame([(a, n, k, c, s) for (a, n), (k, c, s) in found.items()],
                        columns=["article", "name", "kind", "mentions", "speaks"])


@lru_cache(maxsize=16)
def _alias_patterns(actors_key: tuple[tuple[str, tuple[str, ...]], ...]):
    patterns = []
    for actor, aliases in actors_key:
        for alias in aliases:
            flags = 0 if alias[:1].isupper() else re.IGNORECASE
            body = r"\s+".join(re.escape(part) for part in alias.split())
            patterns.append((actor, alias, re.compile(rf"(?<![\w’'-]){body}(?![\w-])", flags)))
    return patterns


# characters IGNORECASE equates with an ASCII letter that lower() does not turn into it
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=16)
def _alias_needles(actors_key: tuple[tuple[str, tuple[str, ...]], ...]):
    """(actor, pattern, first word of the alias as a substring every match contains (None: none
    usable), whether it is lower-cased for a case-insensitive alias)."""
    needles = []
    for actor, alias, pattern in _alias_patterns(actors_key):
        first = alias.split()[0] if alias.split() else ""
        folded = bool(pattern.flags & re.IGNORECASE)
        usable = first and (not folded or first.isascii())
        needles.append((actor, pattern, (first.lower() if folded else first) if usable else None, folded))
    return needles


def find_mentions(text: str, actors: Mapping[str, list[str]]) -> list[tuple[str, str, int, int]]:
    """Actor mentions in a text: (actor, alias as written, start, end); longest match wins overlaps.
    A possessive ("Kim's", "Kardashian’s") counts as a mention."""
    key = tuple((a, tuple(al)) for a, al in actors.items())
    found = []
    low = None
    for actor, pattern, needle, folded in _alias_needles(key):
        # an alias is searched only where its first word occurs (a cheap substring test)
        if needle is not None:
            if not folded:
                if needle not in text:
                    continue
            else:
                if low is None:
                    low = text.lower() if text.isascii() or not _CASE_TRAPS.search(text) else ""
                if low and needle not in low:
                    continue
        for match in pattern.finditer(text):
            found.append((match.start(), -(match.end() - match.start()), actor, match.group(0), match.end()))
    found.sort()
    taken: list[tuple[int, int]] = []
    mentions = []
    for start, _neg, actor, written, end in sorted(found, key=lambda f: (f[1], f[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        mentions.append((actor, written, start, end))
    return sorted(mentions, key=lambda m: m[2])


def actor_mentions(sentences: "pd.DataFrame", actors: Mapping[str, list[str]]) -> "pd.DataFrame":
    """One row per sentence and actor it mentions: the sentence's own columns (scores included,
    if the table has them) plus ``actor`` and ``as_written`` (the names used, in order)."""
    import pandas as pd

    keep = [c for c in sentences.columns if c not in ("actor", "as_written")]
    rows = []
    for values in sentences[keep].itertuples(index=False, name=None):
        row = dict(zip(keep, values))
        seen: dict[str, list[str]] = {}
        for actor, written, _s, _e in find_mentions(row["text"], actors):
            seen.setdefault(actor, []).append(written)
        for actor, written in seen.items():
            rows.append({**row, "actor": actor, "as_written": " | ".join(dict.fromkeys(written))})
    front = [c for c in ("article", "label", "index") if c in keep]
    columns = front + ["actor", "as_written"] + [c for c in keep if c not in front]
    return pd.DataFrame(rows, columns=columns)


# --- names in running text: people, organisations, places, and what gender a text gives them ---

# Words that precede a name as an office or honorific: cut off, so "Interior Minister Joachim
# Brudziński" names Joachim Brudziński. A run is cut after its last title word.
TITLES = frozenset("""president vice minister prime deputy secretary governor mayor senator
representative rep congressman congresswoman chancellor director professor prof dr doctor judge chief
officer spokesman spokeswoman spokesperson ambassador leader whip chair chairman chairwoman
archbishop bishop cardinal pope king queen prince princess lord lady sir dame general attorney
speaker mr mrs ms miss mx captain sheriff prosecutor commissioner councillor councilman
councilwoman superintendent inspector sergeant detective elder coach founder ceo head legislator
sen gov state former acting interim treasurer premier president-elect secretary-general
councilmember rev reverend pastor democrat republican ex-prime co-author author lawmaker admiral
commandant colonel lieutenant brigadier commander marshal executive economist strategist editor
correspondent manager adviser advisor envoy constable actress""".split())
FEMALE_WORDS = frozenset("""she her hers herself ms mrs miss madam dame lady queen princess sister
wife mother daughter grandmother aunt niece girl woman actress chairwoman spokeswoman congresswoman
councilwoman businesswoman sportswoman granddaughter stepmother stepdaughter widow mom girlfriend
fiancée""".split())
# ("actor" is no evidence: "voice actor Alexis Tipton" is a woman; "actress" still is)
MALE_WORDS = frozenset("""he him his himself mr sir lord king prince brother husband father son
grandfather uncle nephew boy man chairman spokesman congressman councilman businessman
sportsman grandson stepfather stepson widower dad boyfriend fiancé""".split())
# A name with one of these words is an organisation or a place, not a person.
ORG_WORDS = frozenset("""office council department ministry agency committee party university college
school board authority service services police force forces army navy company corp corporation inc
ltd llc association union court senate house parliament assembly government administration bank
hospital clinic institute center centre foundation society church library branch group club team
commission bureau network news times post gazette herald journal wire press tribune daily radio
television tv channel airlines airline airport fund trust organization organisation federation
league council's coalition project program programme administration reserve guard corps twitter
facebook youtube instagram tiktok reuters watch alliance movement""".split())
PLACE_WORDS = frozenset("""port county city town village river street avenue road lake mount mountain
bay island islands valley province state region district square park bridge beach coast harbor
harbour falls springs heights north south east west northern southern eastern western""".split())
# Words the speaker rules (framing.py) and the parse (speakers_parsed.py) both read, kept here once:
# framing imports speakers_parsed, so neither can import the other's.
# nouns for a body: "the company said" is a body named before ("the ministry": one of that name)
BODY_NOUNS = frozenset("""company firm group corporation organisation organization ministry department
agency bank council court union party government army police commission committee board authority
foundation institute university association federation office""".split())
ANY_BODY_NOUNS = frozenset("company firm group corporation organisation organization".split())  # any body
# what a speaker wrote, whose author speaks ("Acme issued a statement. “...,” the statement said")
DOCUMENT_NOUNS = frozenset("""statement opinion memo decree letter report tweet post release ruling filing
motion message document manifesto note summary notice""".split())
# verbs that go on with the speaker before ("The professor added, “...”": the same person)
CONTINUING_VERBS = frozenset({"added", "adds", "adding", "continued", "continues"})


def is_nickname(text: str, start: int, end: int) -> bool:
    """“Dee Dee” inside a name (Clauddine “Dee Dee” Blanchard): a short, all-capitalised quote
    between capitalised words, no quote. Reads only the words next to the quote."""
    inner = text[start + 1:end - 1].split()
    before = text[:start].rsplit(None, 1)[-1:] or [""]
    after = text[end:].split(None, 1)[:1] or [""]
    return (0 < len(inner) <= 3 and all(w[:1].isupper() for w in inner)
            and before[0][:1].isupper() and after[0][:1].isupper())


def counted_quotes(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, quoted words) of a paragraph's quotes that count: nicknames left out, and
    one-word quotes ("fury"), which are labels more than speech. The one filter of the rules and
    the parse."""
    from .segmentation import quote_spans

    for start, end in quote_spans(text):
        if is_nickname(text, start, end):
            continue
        inner = text[start:end].strip("“”\"«» ").rstrip(",")
        if len(inner.split()) >= 2:
            yield start, end, inner


CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())
_PARTICLES = frozenset("de van von der den al bin da del la le di du dos das".split())
_TOKEN = re.compile(r"[^\W\d_][\w’'.-]*|\S")


@dataclass(frozen=True)
class Name:
    text: str  # the name as written, titles cut off ("Joachim Brudziński")
    start: int  # offsets of ``text`` in the sentence
    end: int
    kind: str  # "person", "organisation" or "place"
    possessive: bool  # "Merkel's spokesperson": the possessor does not speak
    # the kind is the rules' default (no word marks the name as a body or place: a person; after
    # "in"/"at": a place), not read from the name's own words: the recogniser may correct it
    guessed: bool = False


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from .lexicons import easy_words

    return easy_words() | CALENDAR


def names_in(text: str) -> list[Name]:
    """Capitalised names in a sentence, titles cut off, each classed as a person, organisation or place.

    A heuristic without a tagger: a run of capitalised words (with particles such as "de", "al")
    is an organisation when a word marks one ("Council", "Office") or it is an acronym, a place
    when a word marks one ("Port", "River") or it follows "in"/"at"/"from"/"near", else a person.
    Common words that start a sentence ("The", "But") and calendar words are not names.
    """
    return list(_names_in(text, _ENTITIES.get()))


# quotes, speakers, genders, attribution and labels ask for the names of the same sentences many
# times over (profiled on 1,000 articles: 200,000 calls, a third of the framing command)
@lru_cache(maxsize=32768)
def _names_in(text: str, entities: "Entities | None" = None) -> tuple[Name, ...]:
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    names, i = [], 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i][0]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            word = tokens[j][0]
            if _is_capitalised(word) or (word.lower() in _PARTICLES and j + 1 < len(tokens)
                                         and _is_capitalised(tokens[j + 1][0])):
                j += 1
            else:
                break
        run = tokens[i:j]
        names.extend(_name_from_run(run, text, tokens[i - 1][0].lower() if i else ""))
        i = j
    found = tuple(_modifier(n, names, text) for n in names if not _term_abbreviation(n, text))
    return found if entities is None else tuple(_recognised(found, text, entities))


def _term_abbreviation(name: Name, text: str) -> bool:
    """An abbreviation given for lower-case words is a term, not a body: "exclusive economic zone
    (EEZ)", "gross domestic product (GDP)"."""
    return (name.text.isupper() and text[name.start - 1:name.start] == "("
            and bool(_LOWER_WORD_BEFORE.search(text, 0, name.start - 1)))


_LOWER_WORD_BEFORE = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*\s*$")


_ROLE_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ee", "ant", "ent")
_ROLE_WORDS = frozenset("""official aide analyst parent resident owner student expert staff chief
head spokesperson representative member veteran""".split())
_FUNCTION_WORDS = frozenset("""her his their its our my your to the a an of at in on and or but got was
is are were be for with by from after over under never other later into than then""".split())


def _modifier(name: Name, names: list[Name], text: str) -> Name:
    """A name that only modifies a role before another name ("Cedar Grove teacher Amir Haddad") is
    not a person: it is counted as an organisation."""
    if name.kind != "person":
        return name
    later = [n for n in names if n.start >= name.end]
    if not later:
        return name
    between = text[name.end:later[0].start]
    m = re.fullmatch(r"(?:['’]s)?\s+((?:[a-z][\w’'-]*\s+){1,3})", between)
    words = m.group(1).split() if m else []
    last = words[-1] if words else ""
    if words and not _FUNCTION_WORDS & set(words) and (
            last in TITLES or last in _ROLE_WORDS or (len(last) > 4 and last.endswith(_ROLE_SUFFIXES))):
        return Name(name.text, name.start, name.end, "organisation", name.possessive)
    return name


_OPENERS = frozenset("""later earlier meanwhile however yesterday today tonight also after before during
while when despite although though since until as if once then still now so but and or yet
according on in at by for from with to of this that these those last next every each""".split())


def _name_from_run(run: list[tuple[str, int, int]], text: str, before: str) -> list[Name]:
    def bare(word: str) -> str:
        return word.lower().rstrip(".").removesuffix("'s").removesuffix("’s")

    if run[-1][0].endswith(".") and len(run[-1][0]) > 2:  # a full stop, not an initial ("K.")
        word, start, end = run[-1]
        run = run[:-1] + [(word[:-1], start, end - 1)]
    full = [bare(w) for w, _s, _e in run]
    # a role opening the sentence before a full name is a title too: "Librarian Tom Reyes said"
    role_first = not before and len(run) > 2 and full[0].endswith(_ROLE_SUFFIXES) and len(full[0]) > 4
    titles = [k for k, w in enumerate(full) if w in TITLES or (k == 0 and role_first)]
    first = titles[-1] + 1 if titles else 0
    rest = run[first:]  # "NATO Secretary-General Jens Stoltenberg"
    # a body's name run into a person's, with no title between: "Acme Bank Mei-ling Chan"
    body = next((k for k in range(len(run) - 3, first - 1, -1) if full[k] in ORG_WORDS), None)
    if body is not None and not run[body][0].endswith(("'s", "’s")) and not any(
            full[k] in ORG_WORDS or full[k] in PLACE_WORDS or (run[k][0].isupper() and len(run[k][0]) > 1)
            for k in range(body + 1, len(run))):
        return (_name_from_run(run[:body + 1], text, before)
                + _name_from_run(run[body + 1:], text, full[body]))
    organisation = any(bare(w) in ORG_WORDS for w, _s, _e in rest) or any(
        _acronym(w) for w, _s, _e in rest)
    # an organisation keeps its whole name ("Alachua Sheriff's Office"); a person loses the titles
    keep = run if organisation and any(bare(w) in ORG_WORDS for w, _s, _e in rest) else rest
    # words that open a sentence or clause ("The", "But", "Later") are not part of a name
    while keep and (bare(keep[0][0]) in _OPENERS or bare(keep[0][0]) in ("the", "a", "an")
                    or (bare(keep[0][0]).endswith("ly") and len(keep) > 1 and bare(keep[0][0]) not in ORG_WORDS)):
        keep = keep[1:]
    if not keep:
        return []
    kept = [bare(w) for w, _s, _e in keep]
    if all(w in CALENDAR for w in kept):
        return []
    if len(keep) == 1 and (kept[0] in _common_words() or len(kept[0]) < 2 or kept[0] in TITLES):
        return []
    start, end = keep[0][1], keep[-1][2]
    written = text[start:end]
    possessive = written.endswith(("'s", "’s"))
    if possessive:
        written, end = written[:-2], end - 2
    marked = any(w in PLACE_WORDS for w in kept)
    if organisation:
        kind = "organisation"
    elif (marked or before in ("in", "at", "from", "near", "into", "across")
          or (before == "of" and len(keep) == 1)):  # "of England", "of Georgia"; not "son of Joe Biden"
        kind = "place"
    else:
        kind = "person"
    firm = marked or any(bare(w) in ORG_WORDS for w, _s, _e in rest)  # a word says what it is
    return [Name(written, start, end, kind, possessive, guessed=not firm)]


def _acronym(word: str) -> bool:
    """An abbreviation of a body ("NATO", "RIAA's"), not a title ("CEO") nor an initial."""
    word = word.removesuffix("'s").removesuffix("’s")
    return word.isupper() and len(word) > 1 and word.lower() not in TITLES


def genders(sentences: list[str]) -> dict[str, str]:
    """Name (and its last word) -> "f" or "m", from what a text itself says about each person.

    Evidence: an honorific or role word just before the name ("Ms", "his wife", "spokeswoman"),
    and the pronoun that follows a sentence's first named person ("Kim said she ...", or the next
    sentence's first pronoun when no other person is named before it). Names with no evidence, or
    with as much for one as for the other, are left out: compatible with either pronoun.
    """
    votes: dict[str, Counter] = {}

    def vote(name: str, gender: str) -> None:
        for key in {name, name.split()[-1]}:
            votes.setdefault(key, Counter())[gender] += 1

    for k, sentence in enumerate(sentences):
        people = [n for n in names_in(sentence) if n.kind == "person"]
        for name in people:
            words = _WORDS.findall(sentence[max(0, name.start - 30):name.start].lower())[-2:]
            role = _APPOSITIVE_ROLE.match(sentence, name.end)  # "Gina Rossi, 47, granddaughter of"
            words += [role.group(1).lower()] if role else []
            for word in words:
                if word in _FEMALE_TITLES:
                    vote(name.text, "f")
                elif word in _MALE_TITLES:
                    vote(name.text, "m")
        if not people:
            continue
        first = people[0]
        # "Tom Smith's lawyer, Ana Ruiz, spoke": the lawyer is the subject, not the possessor
        if first.possessive and len(people) > 1 and _ROLE_OF.fullmatch(sentence[first.end:people[1].start]):
            first = people[1]
        rest = sentence[first.end:]
        others = [n for n in people if n.start > first.start]
        cut = others[0].start - first.end if others else len(rest)
        pronoun = _first_pronoun(rest[:cut])
        # "Her colleague Dan Marrone praised it. She said": the next "she" may be the owner's
        owned = _OWNED.search(sentence, 0, first.start)
        if pronoun is None and not owned and k + 1 < len(sentences):
            following = sentences[k + 1]
            named = [n for n in names_in(following) if n.kind == "person"]
            limit = named[0].start if named else len(following)
            pronoun = _first_pronoun(following[:limit])
        if pronoun:
            vote(first.text, pronoun)
    result = {}
    for name, count in votes.items():
        if count["f"] != count["m"]:
            result[name] = "f" if count["f"] > count["m"] else "m"
    return result


_WORDS = re.compile(r"[\w’'-]+")
_OWNED = re.compile(r"\b(?:[Hh]er|[Hh]is|[Tt]heir)\s+(?:[a-z][\w’'-]*\s+){1,2}$")
# a lower-case role only: "Tom Baker, Lady Gaga's manager" says nothing of Tom Baker's gender
_APPOSITIVE_ROLE = re.compile(r",\s*(?:\d+,\s*)?(?:(?:a|an|the|his|her)\s+)?([a-z][a-z-]*)\b(?![’'])")
_ROLE_OF = re.compile(r"['’]s\s+(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*,?\s+")
_FEMALE_TITLES = FEMALE_WORDS - {"she", "her", "hers", "herself"}  # words before a name, not pronouns
_MALE_TITLES = MALE_WORDS - {"he", "him", "his", "himself"}
# (not after "of": "Dave Meltzer tweeted after the news of her death" says nothing of Meltzer)
_PRONOUN = re.compile(r"(?<!\bof )\b(she|her|he|him|his)\b", re.IGNORECASE)


def _first_pronoun(text: str) -> str | None:
    m = _PRONOUN.search(text)
    if not m:
        return None
    return "f" if m.group(1).lower() in ("she", "her") else "m"


# --- named entities: spaCy's recogniser (the ``parser`` extra) decides the kind of a name ---------
#
# The rules above guess a name's kind from its words ("Council": a body, "Park": a place), which
# does not transfer to names they have not seen ("Central Branch", "Lydia Park"). A statistical
# recogniser reads the context. It runs once per article, only on sentences around quotes that
# hold a name whose kind the rules guess (spaCy's small model reads ~7,000 words a second on one
# core), and its labels apply to the same name wherever the article repeats it: names_in is asked
# about fragments and blanked copies of sentences, so a label is looked up by the name's text,
# not by offsets. It is asked for (``extract_quotes(..., recognise=True)``); without the extra,
# nothing changes.

# spaCy's labels (OntoNotes) -> the kinds of names_in; NORP ("Iranian", "Democrats") is left to
# the rules: an adjective of nationality is no speaker, a party may be one
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(frozen=True, eq=False)  # compared by identity: a cheap key for the names_in cache
class Entities:
    """The kind the recogniser gives each name of one article (its text, no "the", no "'s"); the
    last words of the people named in full ("Pelosi" of "Nancy Pelosi"), by the rules or the
    recogniser; the names the article also writes as one word ("Mendez" said)."""
    kinds: Mapping[str, str]
    surnames: frozenset[str] = frozenset()
    single: frozenset[str] = frozenset()
    # bodies and places the rules cut in pieces ("Center" + "Food Safety"): one name
    merged: frozenset[str] = frozenset()
    # a run the rules read as one name, of which the recogniser reads only the end as a person,
    # the words before it being a title the rules do not know ("Honour Cherie" -> "Cherie")
    trimmed: Mapping[str, str] = field(default_factory=dict)
    # one capitalised word that opens a sentence, is no entity to the recogniser and is written
    # with a capital nowhere else in the article: a sentence opener ("Citing", "Reports"), no name
    openers: frozenset[str] = frozenset()


_ENTITIES: ContextVar["Entities | None"] = ContextVar("entities", default=None)


@contextmanager
def using_entities(entities: Entities | None) -> Iterator[None]:
    """Within the block, :func:`names_in` takes a name's kind from ``entities`` where they have it."""
    token = _ENTITIES.set(entities)
    try:
        yield
    finally:
        _ENTITIES.reset(token)


def recognise_entities(texts: list[str], articles: list[str] | None = None) -> list[Entities | None]:
    """For each text (an article's sentences around its quotes), the kind spaCy's recogniser gives
    each name it finds: the only kind it gives that name in the text (a name it reads two ways is
    left to the rules). ``articles``: the whole text of each article, where the rules find who is
    named in full and which names stand alone (default: ``texts``). None for every text when the
    ``parser`` extra is not installed."""
    from .resources import parser_pipeline

    nlp = parser_pipeline()
    if nlp is None:
        return [None] * len(texts)
    result = []
    # the recogniser needs no tagger or parser; disabled for this call only (select_pipes would
    # change the shared, cached pipeline for any other thread parsing at the same time)
    idle = [name for name in nlp.pipe_names if name not in ("tok2vec", "ner")]
    for text, doc in zip(articles or texts, nlp.pipe(texts, batch_size=32, disable=idle)):
        seen: dict[str, set[str]] = {}
        for ent in doc.ents:
            kind = ENTITY_KINDS.get(ent.label_)
            name = _entity_text(ent.text)
            if kind and name[:1].isupper():
                seen.setdefault(name, set()).add(kind)
        ruled = _names_in(text, None)
        people = [n for n, k in seen.items() if "person" in k] + [n.text for n in ruled if n.kind == "person"]
        merged, trimmed = _boundaries(doc)
        result.append(Entities({n: k.pop() for n, k in seen.items() if len(k) == 1},
                               frozenset(n.split()[-1] for n in people if " " in n),
                               frozenset(n.text for n in ruled if " " not in n.text), merged, trimmed,
                               _openers(doc, text)))
    return result


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”]?\s+)([A-Z][a-z]+)\b(?![’'-])")


def _openers(doc, article: str) -> frozenset[str]:
    """Words that open a sentence of ``doc`` outside any entity of the recogniser and are not
    capitalised in the middle of any sentence of the article."""
    inside = {i for ent in doc.ents for i in range(ent.start_char, ent.end_char)}
    found = {m.group(1) for m in _SENTENCE_START.finditer(doc.text) if m.start(1) not in inside}
    return frozenset(w for w in found if not re.search(rf"[\w,;:]\s+{re.escape(w)}\b", article))


def _boundaries(doc) -> tuple[frozenset[str], dict[str, str]]:
    """Where the recogniser's names and the rules' differ in extent, read on the same text:
    (bodies and places of which the rules dropped a word, {rules' name: the person at its end})."""
    ruled = _names_in(doc.text, None)
    merged, trimmed = set(), {}
    for ent in doc.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        name = _entity_text(ent.text)
        start = doc.text.find(name, ent.start_char)
        if not kind or start < 0 or not name[:1].isupper():
            continue
        end = start + len(name)
        inside = [n for n in ruled if start <= n.start and n.end <= end]
        # a body's whole name where the rules dropped a capitalised word of it ("the Center for
        # Food Safety": "Food Safety", "Center" being a common word); not two people ("Kelly and
        # Baroni's convictions"), nor a name and a common noun ("Trump administration")
        covered = {i for n in inside for i in range(n.start, n.end)}
        dropped = any(m.start() + start not in covered for m in re.finditer(r"(?<![\w’'-])[A-Z]", name))
        people = len(inside) > 1 and all(n.kind == "person" for n in inside)
        if kind != "person" and inside and dropped and not people and name.split()[-1][:1].isupper():
            merged.add(name)
        for n in ruled:
            # only words that are titles or common words go ("Lead", "Justice"), not a first name
            # the model left out ("Sadiq" of "Sadiq Khan")
            if (kind == "person" and n.start < start and n.end == end and n.kind == "person"
                    and all(w.lower() in _common_words() or w.lower() in TITLES
                            for w in doc.text[n.start:start].split())):
                trimmed[n.text] = name
    return frozenset(merged), trimmed


_ENTITY_EDGES = re.compile(r"^(?:[Tt]he\s+)|['’]s$")


def _entity_text(text: str) -> str:
    """An entity as names_in writes it: "the Supreme Court's" -> "Supreme Court"."""
    return _ENTITY_EDGES.sub("", text.strip()).strip()


def _recognised(names: tuple[Name, ...], text: str, entities: Entities) -> Iterator[Name]:
    """The rules' names, corrected by the recogniser: bodies made whole (:func:`_merged`), sentence
    openers dropped, unknown titles cut off, the kind taken where the rules only guessed it
    (:func:`_corrected_kind`), and a run of words the rules read as one name but the recogniser as
    a place or body and a person ("Peru Ana Ruiz") split in two."""
    names = _merged(names, text, entities)
    for name in names:
        if name.guessed and name.text in entities.openers:
            continue
        person = entities.trimmed.get(name.text)
        if person and name.text.endswith(" " + person):
            name = Name(person, name.end - len(person), name.end, "person", name.possessive)
        kind = _corrected_kind(name, entities)
        if kind is not None:
            yield Name(name.text, name.start, name.end, kind, name.possessive)
            continue
        yield from _split_by_entities(name, entities) or (name,)


def _merged(names: tuple[Name, ...], text: str, entities: Entities) -> tuple[Name, ...]:
    """The names with those a body or place of the recogniser covers made one ("the Center for
    Food Safety": not "Center" and "Food Safety")."""
    for body in entities.merged:
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(body)}(?![\w-])", text):
            inside = [n for n in names if m.start() <= n.start and n.end <= m.end()]
            if not inside or any(n.start < m.end() and m.start() < n.end and n not in inside for n in names):
                continue
            whole = Name(body, m.start(), m.end(), entities.kinds.get(body, "organisation"),
                         text[m.end():m.end() + 2] in ("'s", "’s"))
            names = tuple(sorted([n for n in names if n not in inside] + [whole], key=lambda n: n.start))
    return names


def _corrected_kind(name: Name, entities: Entities) -> str | None:
    """The recogniser's kind for a name whose kind the rules guessed, when it is to be trusted.
    Measured on the development texts, spaCy's small model is sure of countries and cities and
    of one-word bodies ("Boeing", "Interpol"), but calls full names bodies ("Dai Evans", "Rosa
    Mendez"), surnames places or bodies ("Pelosi", "Boseman") and single capitalised words people
    ("Martian", "COVID"): a full name never becomes a body; a word that is the surname of a person
    the article names in full stays a person, and so does a full name whose last word the article
    also writes alone ("Mendez said"); a single word becomes no person."""
    kind = entities.kinds.get(name.text)
    if kind is None or kind == name.kind or not name.guessed:
        return None
    if name.kind == "person" and (name.text in entities.surnames if " " not in name.text
                                  else name.text.split()[-1] in entities.single):
        return None
    if kind == "person" and " " not in name.text:
        return None
    if name.kind == "person" and kind == "organisation" and " " in name.text:
        return None  # "Dai Evans", "Rosa Mendez" read as bodies: a full name is not trusted to be one
    return kind


def _split_by_entities(name: Name, entities: Entities) -> tuple[Name, Name] | None:
    """(place or body, person) when a name is two names the recogniser knows, run together."""
    for gap in (m.start() for m in re.finditer(r"\s+", name.text)):
        left, right = name.text[:gap], name.text[gap:].lstrip()
        if entities.kinds.get(right) == "person" and entities.kinds.get(left) in ("place", "organisation"):
            return (Name(left, name.start, name.start + gap, entities.kinds[left], False),
                    Name(right, name.end - len(right), name.end, "person", name.possessive))
    return None
