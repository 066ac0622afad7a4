"""Speakers by dependency parse: who said each quote, read from spaCy's parse of its sentences.

The rules of :func:`analysis.framing.extract_quotes` find a quote's speaker with patterns around
the reporting verb. This module reads the same quotes (the same spans, the same rows) through a
dependency parse (spaCy's ``en_core_web_sm``, the ``parser`` extra): the reporting verb that
governs the quote ("said", "told", "according to", ...; ``data/attribution_verbs.yaml`` and
``data/speech_verbs.yaml``), its subject (``nsubj``; the ``pobj`` of "according to" or of a passive
"by"; the subject of the verb a participle or a coordinated verb hangs on), expanded to its named
entity ("spokesman John Smith" -> John Smith; "a spokesman for Acme" -> Acme, as the annotations
write bodies), a pronoun resolved to the nearest earlier subject of a compatible gender (as the text
shows it, :func:`analysis.actors.genders`: "Ms", "his wife", "Smith said she ..."), a surname
completed from the article's earlier full name, and a quote with no tag of its own continuing the
speaker of the quote before it.

Combined with the rules (:func:`attribute_quotes`, what ``extract_quotes(..., parsed=True)`` returns):
the parse decides where it reads the quote's own tag (a reporting verb governing the quote,
"according to", a tag in the next sentence), the rules elsewhere. Chosen on text the rules had not
seen (benchmarks/speakers_parser.py gives the figures, held-out ones included).

Only the paragraphs of quotes that need it are parsed (not a quote with a plain tag, “...,” Ana
Ruiz said.), and the paragraphs before them only when a pronoun needs an antecedent; never whole
articles: the parser reads a few thousand words a second on one core. Without the extra,
:func:`parser_pipeline` is None, and asking for the parse is a one-line error.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Mapping

from .actors import (_OPENERS, ANY_BODY_NOUNS, BODY_NOUNS, CALENDAR, CONTINUING_VERBS, DOCUMENT_NOUNS, ORG_WORDS,
                     TITLES, counted_quotes, find_mentions, genders)
from .lexicons import easy_words, load_attribution_verbs
from .paths import package_data
from .resources import parser_pipeline, require_parser
from .segmentation import quote_spans

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Span, Token

    from .corpus import Corpus

METHOD = "parser"  # the `attribution` column of rows the parser decided starts with it
MAX_PARAGRAPH_CHARS = 100_000  # longer paragraphs are left to the rules (see ParsedAttributor.parseable)
# verbs that frame a quote without reporting speech in general ("called it “a farce”")
_QUOTE_VERBS = frozenset("""called calling calls read reads shouted shouting chanted urged laughed joked
jokes sighed smiled wrote writes tweeted posted quoted""".split())
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_BODY_PRONOUNS = frozenset({"it", "they", "we"})
_NAMED = ("PERSON", "ORG", "NORP", "GPE", "FAC")
_BODIES = ("ORG", "NORP", "GPE", "FAC")
# words for the people who speak for a body: "a spokesman for Acme" is Acme speaking
_VOICES = frozenset("""spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen official
officials representative representatives source sources spokeman""".split())
# bodies named by a common noun ("a police spokeswoman": police)
_BODY_WORDS = frozenset("police army military navy government prosecutors court".split())
_BODY_NOUNS, _ANY_BODY = BODY_NOUNS, ANY_BODY_NOUNS  # the rules' lists (actors.py)
_RELATIVE = frozenset({"who", "which", "that"})
# an uppercase letter of any script ("Łukasz", "Émile"): Python's re has no \p{Lu}
_UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x10000) if chr(c).isupper()) + "]"
_CAPITALISED = rf"{_UPPER}[\w’'.-]+"  # a capitalised word: a name's word, a title, a sentence's opener
_RUN_BEFORE = re.compile(rf"((?:{_CAPITALISED} +){{1,3}})$")  # the capitalised words before a surname


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Word forms that report speech: the attribution verbs, the speech verbs and verbs that frame
    a quote ("called"). Multi-word entries ("pointed out") count by their first word."""
    import yaml

    with open(package_data("speech_verbs.yaml"), encoding="utf-8") as handle:
        speech = (yaml.safe_load(handle) or {}).get("verbs", [])
    words = set(load_attribution_verbs()) | {str(v).lower() for v in speech} | _QUOTE_VERBS
    return frozenset(w.split()[0] for w in words)


@dataclass(frozen=True)
class QuoteSite:
    """Where one row of the quotes table sits: its paragraph's text and the character spans of
    the quote and of the sentences it runs over (as :func:`extract_quotes` cut them)."""
    row: int
    article: str
    paragraph: int
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    next_sentence_end: int  # end of the sentence after the quote's last (= sentence_end if none)


@dataclass
class Attribution:
    """One quote's speaker, how it was found, the words naming it, and the reporting verb."""
    speaker: str
    how: str
    written: str = ""
    verb: str = ""


def quote_sites(corpus: "Corpus", quotes: "pd.DataFrame") -> dict[str, list[QuoteSite]]:
    """Each article's quotes located in their paragraphs, in text order. An article whose spans do
    not line up with its rows one to one (never expected) is left out: the rules keep its speakers."""
    body = corpus.body()
    rows_of: dict[tuple[str, int], list[int]] = {}
    for row, (article, paragraph) in enumerate(zip(quotes["article"], quotes["paragraph"])):
        rows_of.setdefault((article, paragraph), []).append(row)
    quoted = quotes["quote"].tolist()
    paragraphs: dict[tuple[str, int], list[str]] = {}
    for article, paragraph, text in zip(body["article"], body["paragraph"], body["text"]):
        if (article, paragraph) in rows_of:
            paragraphs.setdefault((article, paragraph), []).append(text)
    sites: dict[str, list[QuoteSite]] = {}
    broken: set[str] = set()
    for key, sentences in paragraphs.items():
        rows = rows_of[key]
        found = list(_sites_in(key[0], key[1], sentences))
        if len(found) != len(rows) or any(quoted[r] != q for r, (_s, q) in zip(rows, found)):
            broken.add(key[0])
            continue
        sites.setdefault(key[0], []).extend(QuoteSite(r, *s) for r, (s, _q) in zip(rows, found))
    for article in broken:
        sites.pop(article, None)
    for article in sites:
        sites[article].sort(key=lambda s: s.row)
    return sites


def _sites_in(article: str, paragraph: int, sentences: list[str]) -> Iterator[tuple[tuple, str]]:
    """(site fields, quoted words) of one paragraph's quotes, filtered as extract_quotes filters."""
    text = " ".join(sentences)
    starts, offset = [], 0
    for s in sentences:
        starts.append(offset)
        offset += len(s) + 1
    for q_start, q_end, inner in counted_quotes(text):
        first = bisect_right(starts, q_start) - 1  # the sentences the quote runs over
        last = bisect_left(starts, q_end) - 1
        end = starts[last] + len(sentences[last])
        following = starts[last + 1] + len(sentences[last + 1]) if last + 1 < len(sentences) else end
        yield (article, paragraph, text, q_start, q_end, starts[first], end, following), inner


# --- one quote: the reporting verb, its subject, the name ------------------------------------

def _tokens_between(doc: "Doc", start: int, end: int) -> "Span":
    """The tokens starting at a character offset in [start, end), found by bisection: a paragraph of
    many quotes asks this several times per quote."""
    starts = doc.user_data.get("starts")
    if starts is None:
        starts = doc.user_data["starts"] = [t.idx for t in doc]
    return doc[bisect_left(starts, start):bisect_left(starts, end)]


def _outside(token: "Token", quotes: list[tuple[int, int]]) -> bool:
    """Whether a token stands outside every quote span (in text order, not overlapping)."""
    k = bisect_right(quotes, (token.idx, float("inf"))) - 1
    return k < 0 or not quotes[k][0] <= token.idx < quotes[k][1]


_NO_ONE = object()  # a reporting verb that names no speaker (a passive without its agent)


def _document_above(doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]]) -> "Token | None":
    """The author of a document the quote hangs on, below any reporting verb ("an order by Admiral
    Joan Kerr directing units to “...”")."""
    verbs = reporting_verbs()
    for token in _tokens_between(doc, site.start, site.end):
        if site.start <= token.head.idx < site.end and token.head.i != token.i:
            continue
        for ancestor in token.ancestors:
            if not _outside(ancestor, quotes) or ancestor.lower_ in verbs:
                break
            if ancestor.lower_ in _DOCUMENTS and ancestor.pos_ == "NOUN":
                owner = _owner(ancestor)
                return owner if owner is not None and owner.dep_ == "pobj" and owner.head.lower_ == "by" else None
        break
    return None


def _governing_verb(doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]]) -> "Token | None":
    """The reporting verb the quote hangs on: walking up the parse from the quote's words, the first
    reporting verb outside every quote within the quote's sentences."""
    verbs = reporting_verbs()
    inside = _tokens_between(doc, site.start, site.end)
    for token in inside:
        head = token.head
        root = head.i == token.i  # spaCy makes a new Token object on each access: compare indices
        if not (site.start <= head.idx < site.end) or root:
            for ancestor in [token, *token.ancestors] if root else [head, *head.ancestors]:
                if not (site.sentence_start <= ancestor.idx < site.sentence_end):
                    break
                if _outside(ancestor, quotes) and ancestor.lower_ in verbs:
                    return ancestor
    return None


def _nearest_verb(doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]], end: int) -> "Token | None":
    """The reporting verb outside quotes nearest the quote, within its sentences (and up to ``end``)."""
    verbs = reporting_verbs()
    found = [t for t in _tokens_between(doc, site.sentence_start, end)
             if t.lower_ in verbs and _outside(t, quotes) and t.pos_ in ("VERB", "AUX")]
    if not found:
        return None
    return min(found, key=lambda t: min(abs(t.idx - site.start), abs(t.idx - site.end)))


def _according_to(doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]]) -> "Token | None":
    """The source of "according to X" in the quote's sentences: X's head word."""
    for token in _tokens_between(doc, site.sentence_start, site.sentence_end):
        if token.lower_ == "according" and _outside(token, quotes):
            for to in token.children:
                if to.lower_ == "to" and _object_of(to) is not None:
                    return _object_of(to)
    return None


def _last_outside(tokens: "Span", quotes: list[tuple[int, int]]) -> "Token | None":
    """The last of these tokens outside every quote."""
    for token in reversed(tokens):
        if _outside(token, quotes):
            return token
    return None


def _subject(verb: "Token") -> "Token | None":
    """The speaker's head word for a reporting verb: its subject; the agent of a passive ("told by
    X"); for a participle ("..., adding") or a second verb ("and said") the subject of the verb it
    hangs on; for a relative clause ("Smith, who said") the noun it describes."""
    if verb.lower_ == "quoted":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:  # "Politico quoted Tim Manning as saying": Manning speaks
            return objects[0]
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:  # "Early opponent MP Tanya Davies said", "said study co-author Karen Alley" parse as
        # two subjects: a person's name, else a name, else the nearer one
        child = min(subjects, key=lambda c: (c.ent_type_ != "PERSON", c.ent_type_ not in _NAMED, abs(c.i - verb.i)))
        return verb.head if child.lower_ in _RELATIVE and verb.dep_ == "relcl" else child
    for child in verb.children:
        if child.dep_ == "agent" and _outside(child, child.doc.user_data.get("quotes", [])):
            # "he was told by Minister Yevgeny Zinichev of “...”" (not "promised “... by the end”")
            if _object_of(child) is not None:
                return _object_of(child)
    for child in verb.children:
        if child.dep_ == "nsubjpass":  # "X was quoted as saying" (X speaks); "she was told" (no one)
            return child if verb.lower_ == "quoted" else None
    if passive and verb.lower_ != "quoted":  # "... but was told she “didn't qualify”": no speaker
        return None
    if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp" and verb.lower_ not in ("saying", "adding"):
            return None
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    return _left_name(verb)


def _left_name(verb: "Token") -> "Token | None":
    """For a verb the model gave no subject ("Over at City Pulse, technician Rosa Mendez, who has
    worked there for years, put it simply"): the nearest person (else body) before it in its
    sentence, outside relative clauses."""
    if verb.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    clauses = {t.i for c in verb.sent if c.dep_ == "relcl" and c.i < verb.i for t in c.subtree}
    before = [t for t in verb.sent if t.i < verb.i and t.i not in clauses and t.ent_iob_ == "B"]
    for labels in (("PERSON",), _BODIES):
        named = [t for t in before if t.ent_type_ in labels]
        if named:
            return named[-1]
    return None


def _entity(token: "Token") -> "Span | None":
    """The named entity a token is part of (looked up by token index: doc.ents is long in a long paragraph)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    entity_of = doc.user_data.get("entity_of")
    if entity_of is None:
        entity_of = doc.user_data["entity_of"] = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    return entity_of.get(token.i)


def _clean(name: str) -> str:
    name = re.sub(r"^(?:[Tt]he)\s+", "", name.strip())
    return re.sub(r"(?:['’]s|['’])$", "", name).strip(" ,")


def _person_name(name: str) -> str:
    """A person's name without the titles, roles and bodies the model tags with it ("Librarian Tom
    Reyes", "Singer Doris Day", "Acme Bank Mei-ling Chan"): the words after the last such word."""
    words = _clean(name).split()
    cut = [k for k, w in enumerate(words[:-1]) if _role_or_body(w)]
    return " ".join(words[cut[-1] + 1:] if cut else words)


def _role_or_body(word: str) -> bool:
    """A title ("Admiral"), a body's word ("Bank") or a role noun ("singer", "Librarian"): listed in
    data/person_nouns.txt, or a common word or a long one ending like one (-er, -ian, -ist ...)."""
    lower = word.rstrip(".").lower()
    role = len(lower) > 4 and lower.endswith(_ROLE_SUFFIXES)
    return (lower in TITLES or lower in ORG_WORDS or lower in _person_nouns()
            or (role and (lower in easy_words() or (len(lower) > 7 and lower.endswith(("ian", "ist"))))))


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    with open(package_data("person_nouns.txt"), encoding="utf-8") as handle:
        return frozenset(ln.strip().lower() for ln in handle if ln.strip() and not ln.startswith("#"))


_ROLE_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ee", "ant", "ent")


def _body_of(token: "Token") -> str | None:
    """The body a voice speaks for: "a spokesman for Acme", "an Acme spokesman", "Acme's spokesman"."""
    for child in token.children:
        if child.dep_ in ("compound", "poss", "nmod", "amod") and child.ent_type_ == "ORG":
            return _clean(_entity(child).text)  # not "a senior U.S. official": a country is no body
        if child.dep_ == "compound" and child.lower_ in _BODY_WORDS:
            return child.lower_  # "a police spokeswoman": police
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "at", "with"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in _NAMED:
                    return _clean(_entity(obj).text)
    return None


def _phrase(token: "Token") -> str:
    """An unnamed speaker by the head noun of the article's words ("industry sources": sources; "a
    12-year-old girl": girl)."""
    return token.text


# --- what the article has said so far ---------------------------------------------------------

@dataclass(frozen=True)
class _Mention:
    """A person or body named outside quotes, where and how: the candidates a pronoun looks back to."""
    paragraph: int
    sentence: int  # the token index of its sentence's start in its paragraph's parse
    position: int  # character offset in the paragraph
    name: str
    person: bool
    subject: bool  # the subject of its clause ("Tom Smith said", not "to Tom Smith")
    owner: str = ""  # "her" or "his" for "Her colleague Dan Marrone": not the one "she" refers to


@dataclass
class _Article:
    """One article's memory: the people and bodies named so far, in order, with their genders
    as the text shows them (:func:`analysis.actors.genders`), and the speakers of its quotes."""
    text: str  # the article's body, paragraphs joined: full names for surnames
    gender: dict[str, str]
    paragraphs: list[int]  # the article's paragraph numbers, in order
    mentions: list[_Mention] = field(default_factory=list)  # in text order
    people: set[str] = field(default_factory=set)  # the surnames of the people among the mentions
    speakers: list[str] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)  # paragraphs whose names are remembered
    _full_names: dict[str, str] | None = None  # a surname (folded) -> its first full name, see full_name

    def full_name(self, name: str) -> str:
        """A surname completed from the article's first full name ending in it ("Smith" -> "Tom
        Smith"); a name of several words is already full. Titles are no part of a name."""
        if " " in name or not name[:1].isupper():
            return name
        if self._full_names is None:  # read the article once, not once per name asked
            self._full_names = _full_names(self.text)
        return self._full_names.get(_fold(name), name)

    def remember(self, paragraph: int, doc: "Doc") -> None:
        """The people and bodies one parsed paragraph names outside its quotes, and the surnames
        the model did not tag that the article gave as a full name before ("Pratt says she ...")."""
        quotes = doc.user_data["quotes"]
        found = []
        for ent in doc.ents:
            if ent.label_ in _NAMED and _outside(ent[0], quotes) and not _modifier(ent):
                # a one-word body or place the article gave as a person's full name before is
                # that person, mistagged ("Radmall conceded": Ben Radmall)
                person = ent.label_ == "PERSON" or (len(ent) == 1 and " " in self.full_name(ent.text))
                found.append((ent.root, ent.start_char, _person_name(ent.text) if person else _clean(ent.text), person))
        for token in doc:
            if (token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper() and not token.ent_type_
                    and token.lower_ not in TITLES
                    and _is_subject(token) and _outside(token, quotes)):
                if " " in self.full_name(token.text):
                    found.append((token, token.idx, token.text, True))
        in_order = not self.mentions or self.mentions[-1].paragraph < paragraph
        for root, start, text, person in sorted(found, key=lambda f: f[1]):
            name = self.full_name(text)
            if name:
                self.mentions.append(_Mention(paragraph, root.sent.start, start, name, person, _is_subject(root),
                                              _owner_pronoun(root)))
                if person:
                    self.people.add(name.split()[-1])
        if not in_order:  # a pronoun looked further back: keep the mentions in text order (_antecedent)
            self.mentions.sort(key=lambda m: (m.paragraph, m.position))

    def gender_of(self, name: str) -> str | None:
        return self.gender.get(name) or self.gender.get(name.split()[-1])

    def titled(self, title: str) -> str | None:
        """The person the article first gives a title ("President Alberto Fernández", "Archbishop
        Jorge Eduardo Scheinig"): whom "the president" means."""
        m = re.search(rf"\b(?i:{title})\s+(?:of\s+(?:the\s+)?{_CAPITALISED}\s+)?"  # "President of Argentina"
                      rf"((?:{_CAPITALISED}\s+){{0,3}}{_CAPITALISED})", self.text)
        # "Ana Ruiz, the sheriff," / "Tom Ray is the coach of the Lions"
        m = m or re.search(rf"((?:{_CAPITALISED} ){{0,3}}{_CAPITALISED}),? (?:is |was )?the (?i:{title})\b",
                           self.text)
        if m is None:
            return None
        words = m.group(1).split()
        while words and words[0].rstrip(".").lower() in TITLES:
            words = words[1:]
        return " ".join(words) or None

    def last_subject(self, paragraph: int, position: int) -> str | None:
        """The latest person or body named as a subject before this point."""
        before = [m for m in self.mentions if m.subject and (m.paragraph, m.position) < (paragraph, position)]
        return max(before, key=lambda m: (m.paragraph, m.position)).name if before else None

    def last_body(self, noun: str | None = None) -> str | None:
        """The latest body remembered; for a noun ("the commission"), as the rules read it
        (framing.resolve_body): any body for "the company" (_ANY_BODY), else one of that name
        ("Acme Commission"; not Kyrgyzstan for "the army")."""
        bodies = [m.name for m in self.mentions if not m.person
                  and (noun is None or noun in _ANY_BODY or noun in m.name.lower().split())]
        return bodies[-1] if bodies else None


def _full_names(text: str) -> dict[str, str]:
    """Each capitalised word of the text (folded: "Erdogan" finds "Erdoğan") -> the first full name
    ending in it: the capitalised words right before it, without titles, a sentence's opener
    ("Later Smith met") or the end of the sentence before ("Gdańsk. Interior")."""
    found: dict[str, str] = {}
    for word in re.finditer(r"(?<![\w’'.-])[^\W\d_][\w’'-]*", text):
        folded = _fold(word.group(0))
        if not word.group(0)[:1].isupper() or folded in found:
            continue
        run = _RUN_BEFORE.search(text, max(0, word.start() - 80), word.start())
        words = run.group(1).split() if run else []
        ends = [k for k, w in enumerate(words) if w.endswith(".") and len(w) > 2]  # "Gdańsk. Interior"
        words = words[ends[-1] + 1:] if ends else words
        while words and words[0].rstrip(".").lower() in TITLES | _OPENERS | CALENDAR | {"the", "a", "an"}:
            words = words[1:]
        if words and all(w.rstrip(".").lower() not in TITLES and not w.endswith(("'s", "’s")) for w in words):
            found[folded] = _person_name(" ".join(words + [word.group(0)]))  # as spelt: "Erdoğan"
    return found


class ParsedAttributor:
    """Speakers of one corpus's quotes from the parse of their paragraphs (parsed once each)."""

    def __init__(self, corpus: "Corpus", nlp):
        self.nlp = nlp
        self._docs: dict[tuple[str, int], "Doc"] = {}
        self._paragraphs: dict[str, dict[int, list[str]]] = {}
        body = corpus.body()
        for article, paragraph, text in zip(body["article"], body["paragraph"], body["text"]):
            self._paragraphs.setdefault(article, {}).setdefault(paragraph, []).append(text)
        self.words_parsed = 0

    def text(self, article: str, paragraph: int) -> str:
        return " ".join(self._paragraphs[article][paragraph])

    def parseable(self, text: str) -> bool:
        """A paragraph short enough to parse: spaCy refuses text over ``nlp.max_length`` (error E088),
        and a paragraph of many pages is no prose the parse was written for: the rules keep it."""
        return len(text) <= min(MAX_PARAGRAPH_CHARS, self.nlp.max_length)

    def prepare(self, keys: set[tuple[str, int]]) -> None:
        """Parse the paragraphs of these (article, paragraph) keys in one batch (faster than one by one)."""
        keys = sorted(k for k in keys if k not in self._docs and self.parseable(self.text(*k)))
        texts = [self.text(*k) for k in keys]
        self.words_parsed += sum(len(t.split()) for t in texts)
        for key, doc in zip(keys, self.nlp.pipe(texts, batch_size=64)):
            doc.user_data["quotes"] = quote_spans(doc.text)
            self._docs[key] = doc

    def doc(self, article: str, paragraph: int) -> "Doc":
        key = (article, paragraph)
        if key not in self._docs:
            text = self.text(article, paragraph)
            self.words_parsed += len(text.split())
            self._docs[key] = self.nlp(text)
            self._docs[key].user_data["quotes"] = quote_spans(text)
        return self._docs[key]

    def article_memory(self, article: str) -> _Article:
        """A fresh memory for an article: its text and the genders its narrative shows."""
        paragraphs = self._paragraphs[article]
        ordered = sorted(paragraphs)
        narrative = [_blanked(s) for p in ordered for s in paragraphs[p]]
        text = "\n\n".join(self.text(article, p) for p in ordered)
        return _Article(text, genders(narrative), ordered)

    def remember_up_to(self, memory: _Article, article: str, paragraph: int, back: int = 2) -> None:
        """Remember the names of the ``back`` paragraphs before ``paragraph`` and of it (in order)."""
        ordered = memory.paragraphs
        at = bisect_left(ordered, paragraph)
        for p in ordered[max(0, at - back):at + 1]:
            if p not in memory.seen and self.parseable(self.text(article, p)):
                memory.seen.add(p)
                doc = self.doc(article, p)
                memory.remember(p, doc)

    def attribute(self, site: QuoteSite, memory: _Article, previous: Attribution | None,
                  previous_paragraph: int | None) -> Attribution | None:
        """The speaker of one quote, or None when the parse names none (no reporting verb, no
        subject, no earlier quote to continue)."""
        doc = self.doc(site.article, site.paragraph)
        quotes = doc.user_data["quotes"]  # the paragraph's quote spans, found once at its parse
        head, verb, how = self._tagged(doc, site, quotes)
        if head is _NO_ONE:
            return None
        if head is None:
            found = self._continued(site, previous, previous_paragraph)
            if found is not None:
                return found
            head, verb, how = self._untagged(doc, site, quotes, memory)
        if head is None:
            return None
        name = self.name(head, verb, memory, site)
        if not name:
            return None
        word = f" '{verb.lower_}'" if verb is not None else ""
        pronoun = head.lower_ in _PRONOUN_GENDER or head.lower_ in _BODY_PRONOUNS
        resolved = f" (pronoun '{head.text}' resolved)" if pronoun else ""
        return Attribution(name, f"{METHOD}: {how}{word}{resolved}", head.text if pronoun else name,
                           verb.lower_ if verb is not None and how != "according to" else
                           ("according to" if how == "according to" else ""))

    def _tagged(self, doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]]):
        """(subject head, verb, how) from the quote's own reporting verb or "according to"."""
        document = _document_above(doc, site, quotes)
        if document is not None:  # "an order by Admiral Joan Kerr directing ships to “...”"
            return document, None, "author of the document"
        verb = _governing_verb(doc, site, quotes)
        if verb is not None and _subject(verb) is not None:
            return _subject(verb), verb, "reporting verb governing the quote"
        if verb is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return _NO_ONE, verb, ""  # “...,” it was reported / she was told “...”: nobody named
        source = _according_to(doc, site, quotes)
        reported = source.head.head.head if source is not None else None  # X <- to <- according <- verb
        if (reported is not None and reported.lower_ in reporting_verbs() and _outside(reported, quotes)
                and _subject(reported) is not None and _subject(reported).pos_ != "PRON"):
            # "According to the BBC, a spokesman for Downing Street expressed ...; “...”": the spokesman
            return _subject(reported), reported, "reporting verb governing the quote"
        if source is not None and source.lower_ in _DOCUMENTS and _owner(source) is None:
            # "X decided, according to the summary, “...”": the summary is X's
            clause = _clause_verb(doc, site, quotes)
            source = _subject(clause) if clause is not None else source
        if source is not None:
            return source, None, "according to"
        near = _nearest_verb(doc, site, quotes, site.sentence_end)
        if near is not None and _subject(near) is not None:
            return _subject(near), near, "nearest reporting verb"
        if site.end >= site.sentence_end - 1 and site.next_sentence_end > site.sentence_end and len(
                doc.text[site.sentence_end:site.next_sentence_end].split()) <= 8:
            # “... in two days!” Macron told the world: the tag is the next, short sentence
            tail = QuoteSite(site.row, site.article, site.paragraph, site.text, site.start, site.end,
                             site.sentence_end, site.next_sentence_end, site.next_sentence_end)
            near = _nearest_verb(doc, tail, quotes, site.next_sentence_end)
            if near is not None and _subject(near) is not None:
                return _subject(near), near, "tag in the next sentence"
        return None, None, ""

    def _untagged(self, doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]], memory: _Article):
        """(subject head, verb, how) for a quote no reporting verb introduces: the subject of the
        clause it stands in ("Bash characterized the attack as “...”"), else of the sentence before
        it in its paragraph ("..., Zapata said. “It's ...”"; "X said in a statement:")."""
        verb = _clause_verb(doc, site, quotes) or _colon_verb(doc, site)
        if verb is not None:
            return _subject(verb), verb, "subject of the clause"
        before = _last_outside(_tokens_between(doc, 0, site.sentence_start), quotes)
        if before is not None and not site.text[site.sentence_start:site.start].strip():
            sentence = before.sent
            verbs = [t for t in sentence if t.lower_ in reporting_verbs() and _subject(t) is not None]
            root = sentence.root
            verb = verbs[-1] if verbs else (root if _subject(root) is not None else None)
            if verb is not None:
                return _subject(verb), verb, "subject of the sentence before"
        return None, None, ""

    @staticmethod
    def _continued(site: QuoteSite, previous: Attribution | None, previous_paragraph: int | None) -> Attribution | None:
        """A quote with no tag of its own: the speaker of the quote before it, in the same paragraph
        or (when this paragraph opens with the quote) in the paragraph before."""
        if previous is None or previous.speaker == "unknown":
            return None
        opens = not site.text[:site.start].strip()
        if previous_paragraph == site.paragraph or (opens and previous_paragraph is not None
                                                    and previous_paragraph >= site.paragraph - 1):
            return Attribution(previous.speaker, f"{METHOD}: continues the previous quote", previous.written)
        return None

    def name(self, head: "Token", verb: "Token | None", memory: _Article, site: QuoteSite) -> str | None:
        """The speaker a subject's head word names: a pronoun's antecedent; a person named in the
        subject (its head, or beside a title or role: "study co-author Karen Alley", "the director
        of Amnesty International, Mariela Belski"); the author of a document; the name touching
        the verb; a body for its voice ("a spokesman for Acme"); else the words of the subject."""
        lower = head.lower_
        if lower in _PRONOUN_GENDER or lower in _BODY_PRONOUNS or lower in _BODY_NOUNS:
            # only now the paragraphs before are parsed: the names a pronoun can refer to
            self.remember_up_to(memory, site.article, site.paragraph)
        if lower in _PRONOUN_GENDER:
            return self.resolve(_PRONOUN_GENDER[lower], memory, head, site)
        if lower in _BODY_PRONOUNS or lower in ("i", "you") or head.pos_ in ("PRON", "DET"):
            return memory.last_body() if lower == "it" else None
        ent = _entity(head)
        if ent is not None and ent.label_ == "PERSON":
            return memory.full_name(_person_name(ent.text))
        person = _person_in(head) or _person_beside(verb, head)
        if person is not None:
            return memory.full_name(_person_name(person.text))
        untitled = _untitled(head) if head.pos_ == "PROPN" and ent is None else None
        if untitled:  # a name the model did not tag: "Cardinal Marc Ouellet"
            return memory.full_name(untitled)
        apposed = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ in _NAMED]
        if apposed:  # "one of these groups, the Syrian Democratic Forces (SDF),"
            return _clean(_entity(apposed[0]).text)
        if lower in _DOCUMENTS or lower in _PARTS or lower in _SPEAKING_FOR:  # "the judge's statement"
            owner = _owner(head)
            if owner is not None:
                return self.name(owner, None, memory, site)
        touching = _touching_entity(head, verb)
        if touching is not None:
            return memory.full_name(_clean(touching.text))
        if ent is not None and ent.label_ in _NAMED:
            return memory.full_name(_clean(ent.text))
        if lower in _VOICES and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            reporter = _reporter(verb)  # "Znak.com reported its source said": Znak.com's source
            if reporter is not None:
                return self.name(reporter, None, memory, site)
        if (verb is not None and verb.lower_ in _CONTINUING and memory.speakers and head.pos_ == "NOUN"
                and any(c.lower_ == "the" for c in head.children) and memory.speakers[-1][:1].isupper()):
            return memory.speakers[-1]  # “...,” said Karen Alley. The professor added, “...”: her again
        if lower in _VOICES:  # "a company spokesman": the company named before
            named = _body_of(head)
            nouns = [c.lower_ for c in head.children if c.dep_ == "compound" and c.lower_ in _BODY_NOUNS]
            if named is None and nouns:
                self.remember_up_to(memory, site.article, site.paragraph)
                named = memory.last_body(nouns[0])
            return named or _phrase(head)
        if lower in _DOCUMENTS and any(c.lower_ == "the" for c in head.children):
            self.remember_up_to(memory, site.article, site.paragraph)  # "Acme Corp issued a statement.
            return memory.last_subject(site.paragraph, head.idx)  # “...,” the statement said": Acme Corp
        if lower == "old" and any(t.lower_ == "year" for t in head.doc[max(0, head.i - 3):head.i]):
            self.remember_up_to(memory, site.article, site.paragraph)  # “...,” the 45-year-old said
            return self._antecedent(None, memory, head, site)
        if lower in _BODY_NOUNS and any(c.lower_ == "the" for c in head.children):
            return _body_of(head) or memory.last_body(lower) or lower
        if (lower in TITLES or lower in _person_nouns()) and any(c.lower_ == "the" for c in head.children):
            return memory.titled(lower) or lower  # "the archbishop said": Archbishop Ana Ruiz
        return _phrase(head)

    def resolve(self, gender: str, memory: _Article, pronoun: "Token", site: QuoteSite) -> str | None:
        """The person a he/she refers to, among those the text does not show to be of the other
        gender: the nearest earlier subject (in the pronoun's own sentence only a subject counts:
        "Speaking to Martin Smith, he said" is not Smith), else the nearest earlier person named,
        else the latest speaker of an earlier quote."""
        found = self._antecedent(gender, memory, pronoun, site)
        if found is None:  # the person may be named further back: remember the article's start too
            self.remember_up_to(memory, site.article, site.paragraph, back=8)
            found = self._antecedent(gender, memory, pronoun, site)
        return found

    def _antecedent(self, gender: str | None, memory: _Article, pronoun: "Token", site: QuoteSite) -> str | None:
        """The antecedent among the people remembered so far (see :meth:`resolve`), or None."""
        here = (site.paragraph, pronoun.sent.start)

        def fits(m: _Mention) -> bool:
            # a name the model tags as a body in one place and as a person in another is a person
            # ("cold comfort for Rosa Mendez" after "loom technician Rosa Mendez")
            return ((m.person or m.name.split()[-1] in memory.people) and memory.gender_of(m.name) in (None, gender)
                    and (m.owner != {"f": "her", "m": "his"}.get(gender, "-") or memory.gender_of(m.name) == gender)
                    and ((m.paragraph, m.sentence) != here or m.subject))

        # the nearest sentence with one that fits; in it, a subject, the first (the main clause's):
        # read backwards from the pronoun, stopping at that sentence's start (a long article has many)
        best = None
        for m in reversed(memory.mentions):
            if (m.paragraph, m.position) >= (site.paragraph, pronoun.idx):
                continue
            if best is not None and (m.paragraph, m.sentence) != (best.paragraph, best.sentence):
                break
            if fits(m) and (best is None or (m.subject, -m.position) >= (best.subject, -best.position)):
                best = m
        if best is not None:
            return best.name
        for speaker in reversed(memory.speakers):
            if speaker != "unknown" and speaker[:1].isupper() and memory.gender_of(speaker) in (None, gender):
                return speaker
        return None


def _owner_pronoun(root: "Token") -> str:
    """ "her" or "his" when a name is someone's relation ("Her colleague Dan Marrone"), else ""."""
    for token in (root, root.head):
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in ("her", "his"):
                return child.lower_
    return ""


def _modifier(ent: "Span") -> bool:
    """A name that only modifies a noun ("federal COVID cash"): no one the text speaks of."""
    return ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.ent_type_ == ""


def _is_subject(token: "Token") -> bool:
    """A clause's subject, or a name in apposition to one ("Her mom, Grace Okonkwo, says")."""
    subjects = ("nsubj", "nsubjpass")
    return token.dep_ in subjects or (token.dep_ in ("appos", "compound") and token.head.dep_ in subjects)


def _fold(word: str) -> str:
    """A word without its diacritics, in lower case ("Erdoğan" -> "erdogan")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=4096)
def _blanked(sentence: str) -> str:
    """The sentence with its quotes blanked: names inside quotes are not the narrative's."""
    out = list(sentence)
    for start, end in quote_spans(sentence):
        out[start:end] = " " * (end - start)
    return "".join(out)


# nouns for what a speaker wrote, whose author speaks ("reads Judge Miller's statement"): the rules'
# the rules' list (actors.DOCUMENT_NOUNS) and rulings, orders: the parse tells the noun "order" from the verb
_DOCUMENTS = DOCUMENT_NOUNS | frozenset("decision judgment judgement order directive".split())
# who speaks for someone: "Erdogan's office", "the account for The Bernie and Sid Show"
_SPEAKING_FOR = frozenset("office account campaign team".split())
# a part of what someone said: "part of the statement", "one of the victims"
_PARTS = frozenset("part parts one some many most each all several two three".split())


_CONTINUING = CONTINUING_VERBS


def _reporter(verb: "Token | None") -> "Token | None":
    """The subject of the reporting verb above this one ("Znak.com reported its source said")."""
    if verb is None:
        return None
    for ancestor in verb.ancestors:
        if ancestor.lower_ in reporting_verbs():
            return _subject(ancestor)
    return None


def _untitled(head: "Token") -> str | None:
    """A proper noun with the proper nouns before it, titles cut off ("Cardinal Marc Ouellet" ->
    "Marc Ouellet"); None for a title alone ("First Minister") or a word in lower case."""
    if not head.text[:1].isupper() or head.lower_ in TITLES:
        return None
    words = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [head]
    while len(words) > 1 and words[0].lower_.rstrip(".") in TITLES:
        words = words[1:]
    return _person_name(" ".join(t.text for t in words))


def _person_beside(verb: "Token | None", head: "Token") -> "Span | None":
    """A person named between the reporting verb and the nearest punctuation on the subject's side:
    the model often heads the subject with a role ("said study co-author Karen Alley", "Longtime
    Imus sidekick Rob Bartlett tweeted")."""
    if verb is None:
        return None
    doc = verb.doc
    step = 1 if head.i > verb.i else -1
    i = verb.i + step
    while 0 <= i < len(doc) and not (doc[i].is_punct or doc[i].is_quote) and abs(i - verb.i) <= 8:
        if doc[i].ent_type_ == "PERSON":
            return _entity(doc[i])
        i += step
    return None


def _owner(token: "Token") -> "Token | None":
    """Whose a document or a part is: "Judge Miller's statement", "the opinion of the Court",
    "a memo posted by Senator Juan Dalmau", "part of the judge's statement"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "from", "for") and _object_of(child) is not None:
            return _object_of(child)
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent" and _object_of(agent) is not None:
                    return _object_of(agent)
    return None


def _object_of(preposition: "Token") -> "Token | None":
    """The first object of a preposition ("to X", "by X", "of X"), or None."""
    return next((c for c in preposition.children if c.dep_ == "pobj"), None)


def _touching_entity(head: "Token", verb: "Token | None") -> "Span | None":
    """The named entity right before the reporting verb ("US Ambassador to the United Nations Nikki
    Haley wrote") or right after an inverted one ("said Ana Ruiz"), inside the subject: the small
    model often makes a title or role the subject's head, the name touching the verb is the speaker."""
    if verb is None:
        return None
    doc = head.doc
    subtree = {t.i for t in head.subtree}
    if head.i < verb.i:
        i = verb.i - 1
        while i >= 0 and doc[i].dep_ in ("advmod", "aux", "neg") and doc[i].i not in subtree:
            i -= 1
    else:
        i = verb.i + 1
        while i < len(doc) and doc[i].lower_ in ("the", ","):
            i += 1
    if not (0 <= i < len(doc)) or i not in subtree:
        return None
    ent = _entity(doc[i])
    return ent if ent is not None and ent.label_ in _NAMED else None


def _person_in(head: "Token") -> "Span | None":
    """A person named inside the subject, outside any clause or preposition ("the minister, Ana
    Ruiz,", "spokesman John Smith"): the one nearest its head."""
    tokens = [t for t in _phrase_tokens(head) if t.ent_type_ == "PERSON"]
    if not tokens:
        return None
    return _entity(min(tokens, key=lambda t: abs(t.i - head.i)))


# clauses and possessors: "Tom Ray, who met Ana Ruiz, said" and "Angela Merkel's spokesperson,
# Steffen Seibert, said" name a speaker who is neither Ana Ruiz nor Angela Merkel
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "poss"})


def _phrase_tokens(head: "Token") -> list["Token"]:
    """The subject's words without its clauses ("Tom Ray, who met Ana Ruiz, said": not Ana Ruiz)."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSES)
    return out


def _colon_verb(doc: "Doc", site: QuoteSite) -> "Token | None":
    """The verb of the clause a colon ends right before the quote ("Sheriff Dana Whitfield had a
    blunt message for anyone: “...”"), if it has a subject."""
    before = [t for t in _tokens_between(doc, site.sentence_start, site.start) if not t.is_quote]
    if not before or before[-1].text != ":":
        return None
    verb = before[-1].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") and _subject(verb) is not None else None


def _clause_verb(doc: "Doc", site: QuoteSite, quotes: list[tuple[int, int]]) -> "Token | None":
    """The nearest verb outside quotes above the quote in the parse that has a subject ("Bash
    characterized the attack as “...”", "The High Court also ruled ...: “...”")."""
    for token in _tokens_between(doc, site.start, site.end):
        if site.start <= token.head.idx < site.end and token.head.i != token.i:
            continue
        for ancestor in token.ancestors:
            if not (site.sentence_start <= ancestor.idx < site.sentence_end):
                break
            if _outside(ancestor, quotes) and ancestor.pos_ in ("VERB", "AUX") and _subject(ancestor) is not None:
                return ancestor
    return None


# the parser's findings that rest on the quote's own tag: they decide over the rules' (measured on
# speakers_blind A and C with the rules as they were before either batch was read, see
# benchmarks/speakers_parser.py); a continuation or a clause's subject does not
_STRUCTURAL = ("reporting verb governing the quote", "according to", "tag in the next sentence")
_CONTINUATIONS = ("continues the previous quote", "continues the previous paragraph's quote",
                  "continues in the next paragraph's quote")


def _plain_tag(site: QuoteSite, speaker: str) -> bool:
    """A quote opening its sentence and tagged only by a name and a verb (“...,” Ana Ruiz said. /
    “...,” Ana Ruiz told reporters. / "...," said Ana Ruiz.), the name being the rules' speaker (or
    its surname): the parse cannot read it otherwise, so it is not parsed (many wire quotes; every
    quote of the benchmark corpus)."""
    if site.text[site.sentence_start:site.start].strip() or " " not in speaker:
        return False
    m = _PLAIN_TAG.match(site.text, site.end, site.sentence_end)
    if m is None or (m.group("verb") or m.group("verb2")) not in reporting_verbs():
        return False
    name = (m.group("name") or m.group("inverted")).rstrip(".")
    return name == speaker or speaker.endswith(" " + name)  # "Osei said": the rules' Victor Osei


_NAME = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}"
_PLAIN_TAG = re.compile(rf"\s*[,—–-]?\s*(?:(?P<name>{_NAME})\s+(?P<verb>[a-z]+)(?:\s+[a-z]+)?"
                        rf"|(?P<verb2>[a-z]+)\s+(?P<inverted>{_NAME}))\s*[.!?]?\s*$")


def attribute_quotes(corpus: "Corpus", quotes: "pd.DataFrame", alone: bool = False, nlp=None,
                     people: Mapping[str, list[str]] | None = None) -> "tuple[pd.DataFrame, int]":
    """(the quotes table with speakers from the parse, words parsed).

    ``alone``: every speaker from the parse ("unknown" where it names none), for measurement.
    ``people``: listed actors (name -> aliases): a speaker one of them covers is named as the actor,
    as the rules name it ("Kim" -> "Kim Kardashian").
    Otherwise the parse and the rules' speakers (the table as given) are combined: the parse decides
    where it reads the quote's own tag (a reporting verb governing it, "according to", a tag in the
    next sentence), the rules elsewhere, and the parse where the rules found no speaker; a quote
    that continues the one before takes that quote's speaker as decided here. Rows the parser
    decided have an ``attribution`` starting with "parser:". Quotes with a plain tag (“...,” Ana
    Ruiz said.) keep the rules' speaker unparsed."""
    nlp = nlp or parser_pipeline()
    table = quotes.copy()
    if nlp is None or table.empty:
        return table, 0
    parsed = ParsedAttributor(corpus, nlp)
    columns = ("speaker", "attribution", "speaker_as_written", "verb")
    speakers, hows, written, verbs = (table[c].tolist() for c in columns)
    all_sites = quote_sites(corpus, table)
    asked = {site.row for sites in all_sites.values() for site in sites
             if (alone or not _plain_tag(site, speakers[site.row])) and parsed.parseable(site.text)}
    parsed.prepare({(s.article, s.paragraph) for sites in all_sites.values() for s in sites if s.row in asked})
    for article, sites in all_sites.items():
        memory: _Article | None = None
        spoken: list[str] = []  # the article's speakers so far, parsed or not: a pronoun's last resort
        previous: Attribution | None = None
        previous_paragraph = None
        for site in sites:
            rule = Attribution(speakers[site.row], hows[site.row], written[site.row], verbs[site.row])
            found = None
            if site.row in asked:
                if memory is None:
                    memory = parsed.article_memory(article)
                    memory.speakers = spoken
                found = _as_actor(parsed.attribute(site, memory, previous, previous_paragraph), people or {})
            decided = _decide(rule, found, previous, alone)
            if decided is not rule:
                speakers[site.row], hows[site.row] = decided.speaker, decided.how
                written[site.row], verbs[site.row] = decided.written, decided.verb
            spoken.append(decided.speaker)
            previous, previous_paragraph = decided, site.paragraph
    for column, values in zip(columns, (speakers, hows, written, verbs)):
        table[column] = values
    kinds = load_attribution_verbs()
    table["verb_kind"] = [kinds.get(v, "none") for v in verbs]
    return table, parsed.words_parsed


def combined_speakers(corpus: "Corpus", quotes: "pd.DataFrame",
                      people: Mapping[str, list[str]] | None = None) -> "pd.DataFrame":
    """The quotes table with the parse's speakers combined with the rules' (see
    :func:`attribute_quotes`). Needs the ``parser`` extra: without it, a one-line error."""
    return attribute_quotes(corpus, quotes, nlp=require_parser(), people=people)[0]


def _as_actor(found: Attribution | None, people: Mapping[str, list[str]]) -> Attribution | None:
    """The listed actor a speaker's name is (an alias covering the whole name), else as found."""
    if found is None or not people:
        return found
    for actor, _written, start, end in find_mentions(found.speaker, people):
        if start == 0 and end == len(found.speaker):
            return Attribution(actor, found.how, found.written, found.verb)
    return found


def _decide(rule: Attribution, found: Attribution | None, previous: Attribution | None,
            alone: bool) -> Attribution:
    """One quote's speaker from the rules' and the parse's findings (see :func:`attribute_quotes`)."""
    if alone:
        return found or Attribution("unknown", "no attribution found", "", "")
    if found is not None and found.how.split(": ", 1)[1].startswith(_STRUCTURAL):
        return found
    if rule.speaker != "unknown":
        if previous is not None and rule.how.startswith(_CONTINUATIONS) and previous.speaker != "unknown":
            if previous.speaker != rule.speaker:
                return Attribution(previous.speaker, rule.how, previous.written, rule.verb)
        return rule
    return found or rule
