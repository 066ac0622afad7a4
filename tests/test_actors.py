"""Actors: listed or detected, and found in text by any of their names."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import actors, sentiment
from analysis.errors import AnalysisError


ACTORS = {"Kim Kardashian": ["Kim Kardashian", "Kim", "Kardashian", "the reality star", "SKIMS founder"],
          "Gypsy Rose Blanchard": ["Gypsy Rose Blanchard", "Gypsy", "Blanchard"],
          "Dee Dee Blanchard": ["Dee Dee Blanchard", "Dee Dee"]}


@pytest.mark.parametrize("text, expected", [
    ("Kim’s coat impressed Gypsy.", [("Kim Kardashian", "Kim"), ("Gypsy Rose Blanchard", "Gypsy")]),
    ("Kardashian's team called.", [("Kim Kardashian", "Kardashian")]),
    ("She shared with The Reality Star her plans.", [("Kim Kardashian", "The Reality Star")]),
    ("She praised the SKIMS founder.", [("Kim Kardashian", "SKIMS founder")]),
    ("Dee Dee Blanchard was found dead.", [("Dee Dee Blanchard", "Dee Dee Blanchard")]),
    ("a gypsy caravan and Kimberly", []),  # names are case-sensitive and whole words
    ("Gypsy Rose Blanchard met Kim Kardashian.", [("Gypsy Rose Blanchard", "Gypsy Rose Blanchard"),
                                                  ("Kim Kardashian", "Kim Kardashian")]),
])
def test_alias_matching(text, expected):
    assert [(a, w) for a, w, _s, _e in actors.find_mentions(text, ACTORS)] == expected


def test_actor_mentions_on_the_seeds(seed_corpus):
    table = sentiment.sentence_sentiment(seed_corpus)
    people = actors.actors_for(seed_corpus)  # data/actors.yaml beside the corpus
    assert "the prison system" in people
    mentions = actors.actor_mentions(table, people)
    assert {"compound", "tone", "drivers", "voice"} <= set(mentions.columns)
    founder = mentions[mentions["as_written"].str.contains("SKIMS founder")]
    assert list(founder["article"]) == ["002_f538877ab797614e"] and list(founder["actor"]) == ["Kim Kardashian"]
    by_actor = sentiment.actor_sentiment(mentions, n_boot=200)
    kim = by_actor[by_actor["actor"] == "Kim Kardashian"]
    assert set(kim["label"]) == set(seed_corpus.labels.values())
    assert (kim["n_sentences"] > 5).all()


def test_detected_actors_when_none_listed(write_corpus):
    from analysis import load_corpus

    text = ("Maria Lopez met John Smith in Paris. Later Maria Lopez said the talks went well. "
            "John Smith did not comment.")
    corpus = load_corpus(write_corpus({"a.txt": text, "b.txt": text.replace("Paris", "Rome")}))
    people = actors.actors_for(corpus)
    assert people["Maria Lopez"] == ["Maria Lopez", "Lopez"]  # a first name alone is too ambiguous
    assert "John Smith" not in people and "Paris" not in people  # actors are people who speak


# --- speakers on text the project did not write: accuracy against hand annotations -------------

DATA = Path(__file__).resolve().parent / "data"


def same_speaker(found: str, truth: str) -> bool:
    """The extractor's speaker names the annotated one: the same surname (last word) for a person,
    or one name containing the other for a body ("Interior Ministry" / "Interior Ministry source")."""
    found, truth = str(found).lower(), str(truth).lower()
    if not found or found == "unknown":
        return False
    if truth in found or (found in truth and len(found) > 3):
        return True
    # a generational suffix is no surname: "Robert Downey Jr." is "Downey"
    words = [w for w in re.findall(r"[\w'’.-]+", truth) if w.rstrip(".,") not in _NAME_SUFFIXES]
    return (words or [truth])[-1] in re.findall(r"[\w'’.-]+", found)


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def speaker_accuracy(texts: Path, truth_csv: Path, recognise: bool = False,
                     parsed: bool = False) -> tuple[float, int]:
    """Share of annotated quotes whose speaker the extractor gets right (a quote it misses is wrong).
    Quotes of articles the loader skips (byte-identical copies) and one-word quotes, which the
    extractor leaves out by design, are not counted. ``recognise``: as :func:`extract_quotes`
    (spaCy's recogniser inside the rules, when the parser extra is installed); ``parsed``: as
    extract_quotes gives them with the parser extra (tests/test_speakers_parsed.py), else the rules'
    speakers alone."""
    from analysis import framing, load_corpus

    corpus = load_corpus(texts)
    quotes = framing.extract_quotes(corpus, actors.actors_for(corpus), recognise=recognise, parsed=parsed)
    right, annotated = speakers_right(quotes, corpus, truth_csv)
    return right / annotated, annotated


def speakers_right(quotes, corpus, truth_csv: Path) -> tuple[int, int]:
    """(quotes whose speaker is right, annotated quotes that count) for a quotes table of ``corpus``."""
    import pandas as pd

    truth = pd.read_csv(truth_csv)
    truth = truth[truth["id"].isin(set(corpus.labels)) & (truth["quote_start"].str.split().str.len() > 1)]
    right = 0
    seen: dict[tuple[str, str], int] = {}  # rows with the same quoted words: the n-th in text order
    for row in truth.itertuples(index=False):
        key = (row.id, row.quote_start.strip())
        nth = seen[key] = seen.get(key, -1) + 1
        mine = quotes[quotes["article"] == row.id]
        hit = mine[mine["quote"].str.startswith(key[1])]
        right += len(hit) > nth and same_speaker(hit.iloc[nth]["speaker"], row.speaker)
    return right, len(truth)


@pytest.mark.parametrize("found, truth, expected", [
    ("Downey", "Robert Downey Jr.", True),  # a suffix is not the surname
    ("Robert Downey Jr.", "Robert Downey Jr.", True),
    ("Jr.", "Robert Downey Jr.", False),
    ("Martin Luther King", "Martin Luther King III", True),
    ("Smith", "Tom Smith", True),
    ("Jones", "Tom Smith", False),
])
def test_same_speaker_reads_surnames_past_suffixes(found, truth, expected):
    assert same_speaker(found, truth) is expected


def test_speaker_accuracy_takes_rows_with_the_same_quoted_words_in_text_order(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a1.txt").write_text(
        "Ministers meet\n\nThe ministers said the deal was \"null and void\" on Monday.\n\n"
        "Later, Ana Ruiz said the deal was \"null and void\" as well.\n", encoding="utf-8")
    truth = tmp_path / "truth.csv"
    truth.write_text("id,quote_start,speaker\na1,null and void,ministers\na1,null and void,Ana Ruiz\n",
                     encoding="utf-8")
    assert speaker_accuracy(texts, truth) == (1.0, 2)


@pytest.mark.parametrize("texts, truth, minimum", [
    # 114 quotes in 30 Wikinews articles: developed on (in-sample); 34% before this work
    ("frames_dev/texts", "speakers_dev/quotes_truth.csv", 0.95),
    # 67 quotes in 22 more, annotated before their first run (10% before this work, 73% at the first
    # runs, blind; the fixes those runs motivated bring it to 93%, the work on speakers_blind A to 94%)
    ("frames_heldout/texts", "speakers_heldout/quotes_truth.csv", 0.9),
    # the fictional events40 corpus, without an actors file (40% before; 150 of 153, now 152)
    ("events40", "events40/quotes_truth.csv", 0.9),
    # speakers_blind batch A: 77 quotes in 15 more Wikinews articles, annotated blind; 54 right at its
    # blind first run (70.1%); developed on since (in-sample): 71 (92.2%)
    ("speakers_blind/A/texts", "speakers_blind/A/quotes_truth.csv", 0.9),
    # speakers_blind batch B: 86 quotes in 15 more, annotated blind, HELD OUT: 66 right at its blind
    # first run (76.7%); its errors never read; its summary figure read twice, after the work on batch A
    # (71 of 86, 82.6%, both times), and twice more after the work on batch C (71 again, both times);
    # once more after the named-entity recogniser was added (commit c863187): rules 71, with it 72;
    # once after the rule fixes read on unlabelled Wikinews text (h17n): rules 72 (83.7%)
    ("speakers_blind/B/texts", "speakers_blind/B/quotes_truth.csv", 0.82),
    # speakers_blind batch C: 64 quotes in 11 Wikinews 2020 articles, annotated blind; 48 right at its
    # blind first run (75.0%; 49 with the scorer's fixes for "Jr." and repeated quoted words);
    # developed on since (in-sample): 63 (98.4%)
    ("speakers_blind/C/texts", "speakers_blind/C/quotes_truth.csv", 0.95),
    # speakers_blind batch D: 48 quotes in 10 more, annotated blind, HELD OUT: 36 right at its blind
    # first run (75.0%, either scorer); its errors never read; its summary figure read twice by the
    # helper who developed on C (37 of 48, 77.1%, both times: the rules written on C gained one quote);
    # once more after the named-entity recogniser was added (commit c863187): 37, with it or without;
    # once after the rule fixes read on unlabelled Wikinews text (h17n): 37 again
    ("speakers_blind/D/texts", "speakers_blind/D/quotes_truth.csv", 0.77),
    # speakers_blind batch E: 91 quotes in 13 Wikinews articles of 2006-2023 (via GUM), annotated blind
    # after all the work above, HELD OUT: 66 right at its blind first run (72.5%); errors never read;
    # read once more after h17n's rule fixes: 70 (76.9%)
    ("speakers_blind/E/texts", "speakers_blind/E/quotes_truth.csv", 0.76),
])
@pytest.mark.parametrize("recognise", [False, True], ids=["rules", "rules+NER"])
def test_speaker_accuracy_on_annotated_quotes(texts, truth, minimum, recognise):
    if recognise:
        pytest.importorskip("spacy")
    accuracy, n = speaker_accuracy(DATA / texts, DATA / truth, recognise=recognise)
    assert n > 30 and accuracy >= minimum, f"{accuracy:.3f} of {n}"


def test_the_speaker_errors_seen_on_a_new_corpus(write_corpus):
    from analysis import framing, load_corpus

    text = ("Library hours cut at Central Branch\n\n"
            "The county will close Central Branch on Sundays, Riverside City Council decided on Tuesday.\n\n"
            "Mayor Helen Ortiz defended the cut. \"We had no choice this year,\" she said.\n\n"
            "Librarian Tom Reyes spoke at Central Branch after the vote. \"We were told to keep quiet,\" he said.\n\n"
            "Volunteers gathered at the river Port Amsel annex. \"You are not alone,\" one of them told visitors.\n\n"
            "Council member Dana Whitfield said the vote was rushed. Her colleague Mark Lutz disagreed. "
            "\"It was fully debated,\" he claimed.\n")
    corpus = load_corpus(write_corpus({"a.txt": text, "b.txt": text.replace("Tuesday", "Monday")}))
    people = actors.actors_for(corpus)
    # actors are people and organisations that speak: not the library, the town or the silent council
    assert set(people) == {"Dana Whitfield", "Tom Reyes"}
    quotes = framing.extract_quotes(corpus, people)
    speakers = dict(zip(quotes.loc[quotes["article"] == "a", "quote"], quotes.loc[quotes["article"] == "a", "speaker"]))
    assert speakers == {"We had no choice this year": "Helen Ortiz",  # "she": the mayor, not the council
                        "We were told to keep quiet": "Tom Reyes",
                        "You are not alone": "one of them",  # unnamed, not the last person named
                        "It was fully debated": "Mark Lutz"}  # "he": not Dana Whitfield ("Her colleague")
    labels = framing.actor_labels(corpus, people)
    assert not labels["label"].str.contains("river").any()


@pytest.mark.parametrize("sentence, expected", [
    ("Deputy Emergency Situations Minister Alexander Chupriyan told TASS on Wednesday.",
     [("Alexander Chupriyan", "person"), ("TASS", "organisation")]),
    ("NATO Secretary-General Jens Stoltenberg wrote a letter.", [("Jens Stoltenberg", "person")]),
    ("The Alachua Sheriff's Office tweeted the response.", [("Alachua Sheriff's Office", "organisation")]),
    ("Later Maria Lopez said the talks went well in Port Amsel.", [("Maria Lopez", "person"), ("Port Amsel", "place")]),
    ("Cedar Grove teacher Amir Haddad is worried.", [("Cedar Grove", "organisation"), ("Amir Haddad", "person")]),
    ("Health Minister Łukasz Szumowski said so on Monday.", [("Łukasz Szumowski", "person")]),
    # a sentence opener of time is no name, as "Later" is not
    ("Earlier this week, the council voted.", []),
    # an abbreviation given for lower-case words is a term, not a body
    ("It claims an exclusive economic zone (EEZ) near Crete.", [("Crete", "place")]),
])
def test_names_in_running_text(sentence, expected):
    assert [(n.text, n.kind) for n in actors.names_in(sentence)] == expected


def test_gender_comes_from_the_text_itself():
    found = actors.genders(["Mendez's wife Jonna Mendez said it was incredible.",
                            "Carrie Lam delivered her annual speech.",
                            "Smith said he was sure.", "Alex Kim arrived."])
    assert found["Jonna Mendez"] == "f" and found["Carrie Lam"] == "f" and found["Smith"] == "m"
    assert "Alex Kim" not in found  # no evidence: compatible with either pronoun


@pytest.mark.parametrize("sentences, name, expected", [
    # a role in apposition after the name is evidence, as one before it is
    (["Behind the counter was Gina Rossi, 47, granddaughter of the founder."], "Gina Rossi", "f"),
    # the possessor is not the subject: the next sentence's pronoun is the lawyer's
    (["Tom Smith's lawyer, Ana Ruiz, spoke outside court.", "She said little."], "Ana Ruiz", "f"),
    # someone's colleague: the next "she" may be the owner, so no evidence for the colleague
    (["Her colleague Dan Marrone praised the work.", "She said it was amazing."], "Dan Marrone", None),
    # another person's title after the comma is no evidence ("Lady Gaga's manager")
    (["Tom Baker, Lady Gaga's manager, arrived late."], "Tom Baker", None),
])
def test_gender_evidence_from_roles_and_possessives(sentences, name, expected):
    assert actors.genders(sentences).get(name) == expected


# --- one rule each: short wire-style sentences written for the rule (not taken from any batch) ---

@pytest.mark.parametrize("text, expected", [
    # the name touching the verb is the subject's head, after titles naming places and bodies
    ('"Rates will rise," Hong Kong director of Acme Bank Mei-ling Chan said in a statement.',
     {"Rates will rise": "Mei-ling Chan"}),
    # ... and the person of a body: "X of Y said", not Y
    ('In remarks to Reuters, Tom Price of the Red Cross observed, "The camps are full."',
     {"The camps are full.": "Tom Price"}),
    # a relative clause: the body right before the verb, not a title named earlier
    ("She wrote two books, Night Train and Blue Moon, which the Daily Courier called \"a triumph of style.\"",
     {"a triumph of style.": "Daily Courier"}),
    # an apposition without an article is no subject: the person before it
    ('"Prices will rise," Tom Smith, chief economist at Acme Bank, said on Tuesday.',
     {"Prices will rise": "Tom Smith"}),
    # a surname that is also a common word, known from its full name earlier in the article
    ('Singer Doris Day died on Monday.\n\nWhen interviewed by the BBC, Day said, "I never discuss it."',
     {"I never discuss it.": "Doris Day"}),
    # a surname written without its diacritics
    ('President Recep Tayyip Erdoğan spoke on Monday.\n\nErdogan said "the operation will go on."',
     {"the operation will go on.": "Recep Tayyip Erdoğan"}),
    # the speaker tag in the next sentence, after a quote that ends with "!"
    ('Ana Ruiz spoke first.\n\n"We will win this! Nobody can stop us!" Ruiz told the crowd on Sunday.',
     {"We will win this! Nobody can stop us!": "Ana Ruiz"}),
    # an untagged quote after a sentence about a person in the same paragraph
    ('Maria Lopez praised the plan.\n\nTom Smith criticised the plan on Twitter. "It is a waste of money."',
     {"It is a waste of money.": "Tom Smith"}),
    # a pronoun after ";" refers to the clause before it
    ('"We will find them," said Ana Ruiz, the interior minister; she called the attack "an act of cowards".',
     {"We will find them": "Ana Ruiz", "an act of cowards": "Ana Ruiz"}),
    # "the professor added": the person just quoted, described by a role
    ('"The ice is thinning," said study author Karen Mills. The Ohio professor added, "We must act."',
     {"The ice is thinning": "Karen Mills", "We must act.": "Karen Mills"}),
    # "according to the summary": the document's author is the sentence's subject
    ('Judge Alan Reed ruled, according to the summary, "that the order was unlawful."',
     {"that the order was unlawful.": "Alan Reed"}),
    # "an order by ...": the author of the document
    ('The navy announced an order by Admiral Joan Kerr directing all ships to "return to port at once."',
     {"return to port at once.": "Joan Kerr"}),
    # a body by the abbreviation the article gives it
    ('The Free Workers Union (FWU) said it had been promised "a fair deal by the end of the year."',
     {"a fair deal by the end of the year.": "FWU"}),
    # "after he referred to ... as": the subject of the clause before
    ('Tom Baker was fired in 2007 after he referred to his rivals as "a bunch of crooks."',
     {"a bunch of crooks.": "Tom Baker"}),
    # a quote over two paragraphs: the first is left open, the speaker is named in the second
    ('Maria Lopez spoke first.\n\n"It was a good meeting and we agreed on a lot.\n\n'
     '"We will meet again next week," she said.',
     {"It was a good meeting and we agreed on a lot.": "Maria Lopez", "We will meet again next week": "Maria Lopez"}),
    # the head of a description is its role: "a senior U.S. official", not "senior"
    ('"We are ready," a senior U.S. official told Reuters on condition of anonymity.',
     {"We are ready": "official"}),
    # a document's owner speaks: "the family's statement"
    ('The family\'s statement on his death read: "He loved his ranch and his horses."',
     {"He loved his ranch and his horses.": "family"}),
    # a name that reads like a place ("Park") right after the verb is the speaker
    ('"We will market the site," said Lydia Park, director of planning for Calder County.',
     {"We will market the site": "Lydia Park"}),
    # the subject of a reported clause speaks the quote of its own verb
    ('Police said the suspect shouted "God is great" before opening fire.', {"God is great": "suspect"}),
    ('Tom Smith said the minister called the plan "a complete farce."', {"a complete farce.": "minister"}),
    # ... but not the object of a verb that takes none ("described the attacks as")
    ('Jane Doe described the attacks as "cowardly acts" and urged residents to "stay calm and alert".',
     {"cowardly acts": "Jane Doe", "stay calm and alert": "Jane Doe"}),
    # "Chief Executive" is a title, cut off the name
    ('"We expect growth," Acme Corp Chief Executive Jane Doe told analysts on a call.',
     {"We expect growth": "Jane Doe"}),
    # unnamed sources of wire copy: a quantifier, a bare plural, a long description, a role
    ('Oil prices fell. "The market is oversupplied," one trader said.', {"The market is oversupplied": "trader"}),
    ('Oil prices fell. "The market is oversupplied," industry sources said.',
     {"The market is oversupplied": "sources"}),
    ('"We are not selling," a spokesman for the company told Reuters.', {"We are not selling": "spokesman"}),
    ('"Output will not rise," a Saudi oil official said.', {"Output will not rise": "official"}),
    # "it" and "the company": the body named before
    ('Acme Corp cut 300 jobs on Monday. "We had no choice," it said in a statement.',
     {"We had no choice": "Acme Corp"}),
    ('The Interior Ministry met on Monday. "The border is closed," the ministry said.',
     {"The border is closed": "Interior Ministry"}),
    # a quote after a colon: the body or person that opens the sentence, not a name later in it
    ('The High Court of England and Wales ruled, citing a 1990 case by Judge Ann Reed: "The matter is not '
     'for the courts."', {"The matter is not for the courts.": "High Court"}),
    # more reporting verbs of news copy ("testified", "countered", "posted"...)
    ('"I never saw the money," Tom Baker testified on Tuesday.', {"I never saw the money": "Tom Baker"}),
    # a passive "posted by X": X is the author, not the subject of the sentence
    ('According to a letter posted online by Senator Ana Ruiz, the vote was "a sham from the start."',
     {"a sham from the start.": "Ana Ruiz"}),
    # "she" after "Her colleague Dan Marrone": the colleague's owner, named before
    ('Katie Bouman led the team. Her colleague Dan Marrone praised the work. "It was amazing," she said.',
     {"It was amazing": "Katie Bouman"}),
    # a passive tag names no speaker: "it was reported", "she was told"
    ('Acme Corp cut 300 jobs. "The plant will close," it was reported on Monday.', {"The plant will close": "unknown"}),
    # the body's voice: "a company spokesman" is the company named before, as "a spokesman for Acme" is
    ('Acme Corp will close its Ohio plant. "We are not selling the site," a company spokesman said.',
     {"We are not selling the site": "Acme Corp"}),
    # a paragraph ending with a colon introduces the quote that opens the next one
    ('Acme Corp cut 300 jobs. Its chairman, John Doe, said in a statement:\n\n"We had no choice this year."',
     {"We had no choice this year.": "John Doe"}),
    # a participle has no subject of its own: the sentence's subject speaks, not the nearest name
    ('Lina Moreau issued a statement at her office in Lyon, France saying, "The count is not over."',
     {"The count is not over.": "Lina Moreau"}),
    # "..., adding <clause>" after a quote is no inverted tag naming the clause's subject
    ('The chief prosecutor of Ghent, Pieter Jansen, said they must face "fraud charges", adding Belgium '
     'will seek their extradition.', {"fraud charges": "Pieter Jansen"}),
    # a bare name in apposition right before the verb is the subject, not the body in the role
    ('The owner of Harlow Printing, Ben Cole, said the plan had "no chance at all".', {"no chance at all": "Ben Cole"}),
    # ... while a relative clause there leaves the sentence's subject as the speaker
    ('Actor Tom Reyes, who trained at the Acme Academy, stated "She was a kind teacher."',
     {"She was a kind teacher.": "Tom Reyes"}),
    # a second verb of the same subject: "X called it “...” and said “...”"
    ('The manager of Acme Tours, Dai Evans, called it "a sad day" and said "we will miss the hotel."',
     {"a sad day": "Dai Evans", "we will miss the hotel.": "Dai Evans"}),
    # a pronoun after the last comma of a trailing tag is the subject ("... between A and B, he added")
    ('Jan Novak spoke on Monday. The border is the "main dispute" between Austria and Hungary, he added.',
     {"main dispute": "Jan Novak"}),
    # the voice of a named body is the body: "a Europol spokesperson", "officials from Peru"
    ('Europol does not comment on "any case under investigation," a Europol spokesperson stated.',
     {"any case under investigation": "Europol"}),
    ('On Monday night, officials from Peru admitted a "grave mistake" at the border.', {"grave mistake": "Peru"}),
    # ... but not when a person is named before it: "Tom Ray, a spokesman for Acme, said"
    ('"We will appeal," Tom Ray, a spokesman for Acme Corp, said.', {"We will appeal": "Tom Ray"}),
    # a clause after "and" is no apposition: its own subject touches the verb
    ('The Lins left the town, something Ward regretted, and Mr Lin had said he hoped to "come back one day."',
     {"come back one day.": "Lin"}),
    # a participle opening the sentence: the main clause's subject, after the quote, speaks
    ('Saying "the law has failed women" in a speech, Prime Minister Jan Berg added, "We will change it."',
     {"the law has failed women": "Jan Berg", "We will change it.": "Jan Berg"}),
    # an opening adverbial is not the subject: "In a statement, the company said" is the company
    ('Acme Corp cut 300 jobs on Monday. In a statement, the company said: "We had no choice."',
     {"We had no choice.": "Acme Corp"}),
    # a person described by age is the person just named
    ('Jan Berg was freed on Monday. "I am sorry for all of it," the 45-year-old said.',
     {"I am sorry for all of it": "Jan Berg"}),
    # an unnamed body's voice is the body by its noun; the first verb after the subject is its verb
    ('"No comment at this time," a police spokeswoman said when asked about the case.',
     {"No comment at this time": "police"}),
    # "X was quoted by AFP as saying": X speaks, the agency reports
    ('Ana Ruiz was quoted by AFP as saying the deal was "dead in the water".', {"dead in the water": "Ana Ruiz"}),
    # a document with no author named is the one who issued it, named in an earlier sentence
    ('Acme Corp issued a statement on Friday. "We regret the incident," the statement said.',
     {"We regret the incident": "Acme Corp"}),
    # "they" after a group of people the article names by its words: the group
    ('Several foreign ministers met in Rome on Monday. They called the plan "a threat to peace".',
     {"a threat to peace": "foreign ministers"}),
    # the nearest subject after the quote: "he wrote on Twitter, adding", not "Twitter"
    ('Tom Ray thanked his supporters. "It has been an honour," he wrote on Twitter, adding that he '
     'would "always be grateful".', {"It has been an honour": "Tom Ray", "always be grateful": "Tom Ray"}),
    # a title given after the name ("Tom Ray, the coach," / "Tom Ray is the coach") names "the coach"
    ('Tom Ray is the coach of the Lions. "We played well," the coach said after the match.',
     {"We played well": "Tom Ray"}),
    ('The mayor, Jan Berg, left early. Ana Ruiz, the sheriff, stayed. "We are safe now," the sheriff said.',
     {"We are safe now": "Ana Ruiz"}),
    # a relative clause is no part of a description's head: "a 12-year-old girl who asked ..."
    ('"I was scared," said a 12-year-old girl who asked not to be named.', {"I was scared": "girl"}),
    # ... written with a capital, and a body whose name has "of" in it
    ('Officials at the Bank of Japan said the yen was "still overvalued."', {"still overvalued.": "Bank of Japan"}),
    # a cleft sentence's "it" is nobody: the person it puts first speaks
    ('Acme Corp cut jobs on Monday. It was Tom Smith who said "we must go now."', {"we must go now.": "Tom Smith"}),
    # the body touching the verb keeps its whole name, "Human" included
    ('The report by Human Rights Watch said "abuses were widespread in the camps."',
     {"abuses were widespread in the camps.": "Human Rights Watch"}),
    # ... and after the quote, where "Human" opened the name and read as a role ("-man")
    ('"Abuses were widespread in the camps," Human Rights Watch said.',
     {"Abuses were widespread in the camps": "Human Rights Watch"}),
    # a quote left open goes on only in the very next paragraph, when it opens with a quote
    ('Tom Smith spoke first.\n\n"It was a long meeting and we agreed on nothing at all.\n\n'
     'The talks resumed on Tuesday.\n\nJane Doe arrived later.\n\n"We will meet again next week," she said.',
     {"It was a long meeting and we agreed on nothing at all.": "unknown", "We will meet again next week": "Jane Doe"}),
    # a pronoun after the quote may refer to the subject named before the quote, in its sentence
    ('Tom Smith spoke first. Later, a spokesperson, Ana Ruiz, indicated the state was disappointed: "We await '
     'clarification," she said, "and we urge a rethink."',
     {"We await clarification": "Ana Ruiz", "and we urge a rethink.": "Ana Ruiz"}),
    # "according to its press release, X was": X, not the release
    ('According to its press release, the Acme League was "suspending all games until further notice."',
     {"suspending all games until further notice.": "Acme League"}),
    # "the commission said": the body of that name named before
    ('The Acme Commission on Debates met on Friday. In a statement, the commission said, "The debate is off."',
     {"The debate is off.": "Acme Commission"}),
    # a sentence opened by a pronoun, no reporting verb: its referent
    ('Ana Ruiz was stopped on Monday. She informed police she had immunity, but "that she had no plans to leave."',
     {"that she had no plans to leave.": "Ana Ruiz"}),
    # "X of The Times told": X, the person of the body
    ('Lucy Fischer of The Times told NPR, "He was released a year ago."', {"He was released a year ago.": "Lucy Fischer"}),
    # a participle opening the sentence is no subject; a notice's owner as written
    ('Citing this test, RIAA\'s notice claimed "the code was designed to circumvent the measures."',
     {"the code was designed to circumvent the measures.": "RIAA"}),
    # a verb inside an opening adverbial is not the sentence's ("In a video message posted to ...")
    ('Ana Ruiz left the race. In a video message posted to Twitter, Ruiz thanked her staff and said she was '
     '"proud to endorse Tom Baker."', {"proud to endorse Tom Baker.": "Ana Ruiz"}),
    # a participle after a clause with its own reporting verb: that verb's subject
    ('An eyewitness described for news agency Acme Media how it unfolded, stating, "I was crossing the road."',
     {"I was crossing the road.": "eyewitness"}),
    # "a statement from the king": the person the article gave that title
    ('King Maha Vajiralongkorn spoke on Friday. The palace issued the following statement from the king: '
     '"We regret the confusion."', {"We regret the confusion.": "Maha Vajiralongkorn"}),
    # "informed" reports; "the party": the party named before
    ('The Raksa Chart Party named its candidate. "We comply with the command," the party informed the press.',
     {"We comply with the command": "Raksa Chart Party"}),
    # a role given before a name is a title for later: "actress Denise Crosby" ... "the actress"
    ('The panel hosted actress Denise Crosby. The actress recalled her season as "a scrappy time."',
     {"a scrappy time.": "Denise Crosby"}),
    # "its statement": the author of the statement named before
    ('Acme Corp issued a statement on Friday. "We regret the incident," its statement said.',
     {"We regret the incident": "Acme Corp"}),
    # "actor" says nothing of gender ("voice actor Alexis Tipton" is "she"); a pronoun opening a
    # sentence after a short phrase is its subject
    ('Voice actor Alexis Tipton spoke on Sunday. Tipton was ill that week. "He will think this is how I sound," '
     'she recalls thinking. Then just 19 years old, she saw the role as a "chance to face my demons."',
     {"He will think this is how I sound": "Alexis Tipton", "chance to face my demons.": "Alexis Tipton"}),
    # a quoted title is no one's speech: the quote after it is not its continuation
    ('At the panel "Breaking Into Comics," speakers shared tips. Artist Jenn Stone told of her start. '
     '"In my first year, I did not get any work."',
     {"Breaking Into Comics": "speakers", "In my first year, I did not get any work.": "Jenn Stone"}),
    # "Actress" is a title, cut off the name and given to the person for later
    ('Actress Denise Crosby is set to appear. The actress recalled her season as "a scrappy little time."',
     {"a scrappy little time.": "Denise Crosby"}),
    # a share of a group is the group, past a reduced relative clause naming someone else
    ('Some of the protesters Wikinews interviewed said they came to "defend our right to work."',
     {"defend our right to work.": "protesters"}),
    # ... but an apposition names the share itself
    ('One of these groups, the Free Workers Union (FWU), said it was given "assurances from the state."',
     {"assurances from the state.": "FWU"}),
    # a relative clause whose verb introduces the quote: the person it is about; a reporting verb
    # after a determiner or a possessor is a noun ("the team's claims")
    ('Other Republicans broke with Baker, such as former governor Chris Christie, who denounced the legal '
     'team\'s claims as a "national embarrassment".', {"national embarrassment": "Chris Christie"}),
    # an adverb is no apposition, nor does a comma before it hide the subject
    ('Jan Berg spoke on Monday. A recording surfaced in which someone, seemingly Tom Baker, audibly says Berg '
     '"has a very primitive understanding of economics."',
     {"has a very primitive understanding of economics.": "Tom Baker"}),
    # "described by X as": X; a relative clause between commas is aside; "the government statement"
    ('Bishop Ana Ruiz died on Monday. Ruiz was described by the CBCP as "a strong advocate for the poor."',
     {"a strong advocate for the poor.": "CBCP"}),
    ('The government statement, which was posted on Twitter, announced the death "with great sorrow to all."',
     {"with great sorrow to all.": "government"}),
    # a pronoun after "of" says nothing of the gender of the sentence's subject
    ('Ana Ruiz died on Monday. Sportswriter Dave Meltzer tweeted after the news of her death. He said '
     '"this is a death that can be blamed on social media."',
     {"this is a death that can be blamed on social media.": "Dave Meltzer"}),
])
def test_speaker_rules_on_wire_style_sentences(write_corpus, text, expected):
    from analysis import framing, load_corpus

    corpus = load_corpus(write_corpus({"a.txt": "Headline\n\n" + text + "\n"}))
    quotes = framing.extract_quotes(corpus, {})  # the rules; with the parse: tests/test_speakers_parsed.py
    assert dict(zip(quotes["quote"], quotes["speaker"])) == expected


def test_a_title_given_as_title_of_place_names_the_person_it_is_used_for_later(write_corpus):
    # "President of Peru Ana Ruiz ... The president had called it": the title before "of"
    from analysis import framing, load_corpus

    text = ('On Monday, President of Peru Ana Ruiz opened the session of the congress. '
            'The president had called it "a question of dignity".')
    quotes = framing.extract_quotes(load_corpus(write_corpus({"a.txt": "Headline\n\n" + text + "\n"})), {})
    # names_in keeps the country with the name ("Peru Ana Ruiz"): the person is right all the same
    assert quotes["speaker"].tolist()[0].endswith("Ana Ruiz")


# --- the named-entity recogniser inside the rules (spaCy, the parser extra) --------------------

def _names_with(sentence: str, entities: "actors.Entities") -> list[tuple[str, str]]:
    with actors.using_entities(entities):
        return [(n.text, n.kind) for n in actors.names_in(sentence)]


@pytest.mark.parametrize("sentence, entities, expected", [
    # a name the rules call a person by default takes the recogniser's kind
    ("The envoy flew to Ghana.", actors.Entities({"Ghana": "place"}), [("Ghana", "place")]),
    # ... but not one whose own words say what it is ("Council")
    ("Riverside City Council met.", actors.Entities({"Riverside City Council": "person"}),
     [("Riverside City Council", "organisation")]),
    # the surname of a person the article names in full stays a person ("Pelosi" read as a place)
    ("Pelosi spoke.", actors.Entities({"Pelosi": "place"}, surnames=frozenset({"Pelosi"})), [("Pelosi", "person")]),
    # ... and a full name whose surname the article writes alone ("Mendez said")
    ("Rosa Mendez spoke.", actors.Entities({"Rosa Mendez": "organisation"}, single=frozenset({"Mendez"})),
     [("Rosa Mendez", "person")]),
    # a single word becomes no person ("Martian", "COVID")
    ("The Martian soil is dry.", actors.Entities({"Martian": "person"}), [("Martian", "person")]),
    ("It was COVID all along.", actors.Entities({"COVID": "person"}), [("COVID", "organisation")]),
    # a body's whole name where the rules see part of it
    ("George Kimbrell of the Center for Food Safety said so.",
     actors.Entities({"Center for Food Safety": "organisation"}, merged=frozenset({"Center for Food Safety"})),
     [("George Kimbrell", "person"), ("Center for Food Safety", "organisation")]),
    # a place run into a person's name is split off
    ("President of Peru Ana Ruiz spoke.", actors.Entities({"Peru": "place", "Ana Ruiz": "person"}),
     [("Peru", "place"), ("Ana Ruiz", "person")]),
    # a title the rules do not know is cut where the recogniser's person starts
    ("Lead Paul Lee spoke.", actors.Entities({"Paul Lee": "person"}, trimmed={"Lead Paul Lee": "Paul Lee"}),
     [("Paul Lee", "person")]),
])
def test_names_in_takes_the_recognisers_kinds_and_extents(sentence, entities, expected):
    assert _names_with(sentence, entities) == expected


def test_without_the_parser_extra_the_rules_decide(monkeypatch, write_corpus):
    from analysis import framing, load_corpus, resources, speakers_parsed

    monkeypatch.setattr(resources, "parser_pipeline", lambda: None)
    monkeypatch.setattr(speakers_parsed, "parser_pipeline", lambda: None)  # its own name for it
    assert actors.recognise_entities(["The envoy flew to Ghana."]) == [None]
    assert [(n.text, n.kind) for n in actors.names_in("The envoy flew to Ghana.")] == [("Ghana", "person")]
    text = 'George Kimbrell of the Center for Food Safety said "This year is a temporary reprieve."'
    corpus = load_corpus(write_corpus({"a.txt": "Headline\n\n" + text + "\n"}))
    # not asked for, the rules alone see "Food Safety" (a person by default) touching the verb;
    # asked for without the extra: a one-line error, not the rules' answer passed off as its own
    assert framing.extract_quotes(corpus, {})["speaker"].tolist() == ["Food Safety"]
    with pytest.raises(AnalysisError, match="'parser' extra"):
        framing.extract_quotes(corpus, {}, recognise=True)


def test_the_recogniser_reads_kinds_and_extents_from_text():
    pytest.importorskip("spacy")
    from analysis.resources import parser_pipeline

    if parser_pipeline() is None:
        pytest.skip("the parser extra's model is not installed")
    text = ('George Kimbrell of the Center for Food Safety said "This year is bad." '
            'Prime Minister Jacinda Ardern of New Zealand visited Germany on Monday.')
    (found,) = actors.recognise_entities([text])
    assert found.kinds.get("Germany") == "place" and found.kinds.get("Jacinda Ardern") == "person"
    assert "Center for Food Safety" in found.merged


def test_speaker_of_a_body_named_in_full_by_the_recogniser(write_corpus):
    pytest.importorskip("spacy")
    from analysis import framing, load_corpus
    from analysis.resources import parser_pipeline

    if parser_pipeline() is None:
        pytest.skip("the parser extra's model is not installed")
    text = 'George Kimbrell of the Center for Food Safety said "This year is a temporary reprieve."'
    corpus = load_corpus(write_corpus({"a.txt": "Headline\n\n" + text + "\n"}))
    recognised = framing.extract_quotes(corpus, {}, recognise=True)
    assert recognised["speaker"].tolist() == ["George Kimbrell"]
