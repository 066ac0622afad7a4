"""Speakers by dependency parse (analysis/speakers_parsed.py, the parser extra) and their
combination with the rules (``extract_quotes(..., parsed=True)``). Asked for without spaCy, a
one-line error; not asked for, the rules alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import actors, framing, load_corpus, resources, speakers_parsed

DATA = Path(__file__).resolve().parent / "data"


def test_the_parse_runs_only_when_asked_and_without_the_extra_says_so(write_corpus, monkeypatch):
    from analysis.errors import AnalysisError

    text = ("Ana Ruiz spoke on Monday.\n\n"
            "\"We will win,\" she said. \"Nobody can stop us.\"\n\n"
            "\"It was close,\" said coach Tom Baker.\n")
    corpus = load_corpus(write_corpus({"a.txt": text}))
    # the extra missing: the one loader says so (every check asks it)
    monkeypatch.setattr(resources, "parser_pipeline", lambda: None)
    monkeypatch.setattr(speakers_parsed, "parser_pipeline", lambda: None)
    plain = framing.extract_quotes(corpus, actors.actors_for(corpus))  # the rules: no spaCy needed
    assert plain["speaker"].tolist() == ["Ana Ruiz", "Ana Ruiz", "Tom Baker"]
    assert not plain["attribution"].str.startswith("parser").any()
    with pytest.raises(AnalysisError, match="'parser' extra"):
        framing.extract_quotes(corpus, actors.actors_for(corpus), parsed=True)


def _nlp():
    pytest.importorskip("spacy")
    nlp = resources.parser_pipeline()
    if nlp is None:
        pytest.skip("the parser extra's model is not installed")
    return nlp


def _parsed_speakers(write_corpus, text: str) -> dict[str, str]:
    """quote -> speaker by the parse alone, for one article."""
    _nlp()
    corpus = load_corpus(write_corpus({"a.txt": "Headline\n\n" + text}))
    rules = framing.extract_quotes(corpus, actors.actors_for(corpus))
    table, _words = speakers_parsed.attribute_quotes(corpus, rules, alone=True)
    return dict(zip(table["quote"], table["speaker"]))


# Short wire-style sentences written for this test (not taken from any annotated batch); the
# expected speaker is what a reader names.
@pytest.mark.parametrize("text, expected", [
    # a role before the name, inverted tag
    ('"The plant will close in May," said company spokesman John Smith.',
     {"The plant will close in May": "John Smith"}),
    # the body a spokesperson speaks for
    ('A spokeswoman for Acme Corporation said the plant would "stay open for now".',
     {"stay open for now": "Acme Corporation"}),
    # according to
    ('According to police, the driver "did not stop at the light".', {"did not stop at the light": "police"}),
    # a surname completed from the full name given earlier
    ('Maria Lopez chairs the board.\n\n"We had no choice," Lopez said.', {"We had no choice": "Maria Lopez"}),
    # "he" is the man named before, not the woman ("Ms"), and not the person spoken to
    ('Ms Ana Ruiz met Mr Tom Baker on Monday.\n\nSpeaking to Ruiz, he said, "The talks went well."',
     {"The talks went well.": "Tom Baker"}),
    # a quote with no tag of its own continues the speaker of the quote before it
    ('"Prices will rise," said Tom Baker. "Nobody wants that."',
     {"Prices will rise": "Tom Baker", "Nobody wants that.": "Tom Baker"}),
    # the author of a document speaks
    ("Judge Gray Miller ruled on Friday.\n\nJudge Miller's opinion reads, \"The law cannot stand.\"",
     {"The law cannot stand.": "Gray Miller"}),
])
def test_the_parse_names_the_speaker(write_corpus, text, expected):
    assert _parsed_speakers(write_corpus, text) == expected


# Review of 8 Dec 2026: capitals outside A-Z, and nouns the rules know that the parse did not
@pytest.mark.parametrize("text, expected", [
    # a name's first word with a capital outside A-Z; a sentence's opener ("Later") is no first name
    ("Łukasz Żółć spoke on Monday. Later Żółć met the press. “We will appeal,” Żółć told reporters.",
     {"We will appeal": "Łukasz Żółć"}),
    ("Émile Durand spoke on Monday. “We will appeal,” Durand told reporters.", {"We will appeal": "Émile Durand"}),
    # a notice is a document: its owner speaks (the rules' framing._DOCUMENTS)
    ('RIAA\'s notice claimed "the code was designed to circumvent the measures."',
     {"the code was designed to circumvent the measures.": "RIAA"}),
    # "the commission" is the body named before (the rules' body nouns), by the model's name for it
    ('The Acme Commission on Debates met on Friday. In a statement, the commission said, "The debate is off."',
     {"The debate is off.": "Acme Commission on Debates"}),
])
def test_the_parse_and_the_combination_name_these_speakers_exactly(write_corpus, text, expected):
    assert _parsed_speakers(write_corpus, text) == expected
    corpus = load_corpus(write_corpus({"a.txt": "Headline\n\n" + text}, folder="combined"))
    quotes = framing.extract_quotes(corpus, {}, parsed=True)
    assert dict(zip(quotes["quote"], quotes["speaker"])) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ana “Dee Dee” Ruiz said.", True),  # a nickname inside a name
    ("Ana  “Dee”  Ruiz ran", True),
    ("He said “Dee Dee” Ruiz.", False),  # not between two capitalised words
    ("Ana “we will win” Ruiz", False),  # words in lower case: a quote
    ("Ana “One Two Three Four” Ruiz", False),  # four words: a title or a quote
    ("“Dee Dee” Ruiz", False),  # nothing before it
])
def test_nicknames_are_no_quotes_for_the_rules_and_the_parse_alike(text, expected):
    """One definition (actors.is_nickname) serves both: checked against hand-made cases."""
    from analysis.segmentation import quote_spans

    ((start, end),) = quote_spans(text)
    assert actors.is_nickname(text, start, end) is expected


def test_a_pronoun_falls_back_on_a_speaker_the_parse_did_not_read(write_corpus):
    """“...,” Dai Evans said. (a plain tag: the rules' speaker, unparsed) then “...,” she added.: the
    small model tags Dai Evans as a body, so no person is named before "she"; the last speaker is."""
    _nlp()
    text = "Headline\n\n“We will appeal the ruling,” Dai Evans said.\n\n“It is unfair to all of us,” she added.\n"
    quotes = framing.extract_quotes(load_corpus(write_corpus({"a.txt": text})), {}, parsed=True)
    assert quotes["speaker"].tolist() == ["Dai Evans", "Dai Evans"]
    assert not quotes["attribution"][0].startswith("parser") and quotes["attribution"][1].startswith("parser")


def test_a_paragraph_too_long_to_parse_keeps_the_rules_speakers(write_corpus, monkeypatch):
    """spaCy refuses a text over nlp.max_length (error E088): such a paragraph is left to the rules
    (a small max_length stands in for the 1,000,000 characters)."""
    nlp = _nlp()
    text = ("Headline\n\nMs Ana Ruiz met Mr Tom Baker on Monday.\n\n"
            "Speaking to Ruiz, he said, \"The talks went well.\" Nobody else spoke at the long meeting.\n")
    corpus = load_corpus(write_corpus({"a.txt": text}))
    rules = framing.extract_quotes(corpus, {})
    monkeypatch.setattr(nlp, "max_length", 60)
    table, words = speakers_parsed.attribute_quotes(corpus, rules, nlp=nlp)
    assert table["speaker"].tolist() == rules["speaker"].tolist() and words == 0


def test_combined_rows_say_which_method_decided(write_corpus):
    _nlp()
    text = ("Headline\n\nMs Ana Ruiz met Mr Tom Baker on Monday.\n\n"
            "Speaking to Ruiz, he said, \"The talks went well.\"\n\n\"It was close,\" said Ana Ruiz.\n")
    corpus = load_corpus(write_corpus({"a.txt": text}))
    quotes = framing.extract_quotes(corpus, actors.actors_for(corpus), parsed=True)
    talks = quotes.set_index("quote").loc["The talks went well."]
    assert talks["speaker"] == "Tom Baker" and talks["attribution"].startswith("parser:")
    assert "pronoun 'he' resolved" in talks["attribution"] and talks["verb"] == "said"
    close = quotes.set_index("quote").loc["It was close"]  # a plain tag: left to the rules, unparsed
    assert close["speaker"] == "Ana Ruiz" and not close["attribution"].startswith("parser")


# The combination (what extract_quotes gives with parsed=True) on the annotated sets, scored
# as tests/test_actors.py scores the rules. Figures of 8 Dec 2026 (benchmarks/speakers_parser.py);
# the parse was written on speakers_heldout, A and C (their errors read), then dev and events40.
@pytest.mark.parametrize("texts, truth, minimum", [
    ("frames_dev/texts", "speakers_dev/quotes_truth.csv", 0.95),  # 113/114 (rules 114)
    ("frames_heldout/texts", "speakers_heldout/quotes_truth.csv", 0.9),  # 63/67 (rules 63)
    ("events40", "events40/quotes_truth.csv", 0.95),  # 150/153 (rules 152)
    ("speakers_blind/A/texts", "speakers_blind/A/quotes_truth.csv", 0.88),  # 69/77 (rules 71, in-sample)
    ("speakers_blind/C/texts", "speakers_blind/C/quotes_truth.csv", 0.95),  # 61/64 (rules 63, in-sample)
    # HELD OUT (per-quote errors never read; summary read once at commit 72929bb, after all the work
    # above: B 69/86, D 41/48; and once after the merge with h17n's rule fixes, the same)
    ("speakers_blind/B/texts", "speakers_blind/B/quotes_truth.csv", 0.8),
    ("speakers_blind/D/texts", "speakers_blind/D/quotes_truth.csv", 0.85),
    # batch E (Wikinews 2006-2023 via GUM), made after all this work, read once: 74/91 (81.3%;
    # rules 70, the parse alone 74)
    ("speakers_blind/E/texts", "speakers_blind/E/quotes_truth.csv", 0.81),
])
def test_combined_speaker_accuracy_on_annotated_quotes(texts, truth, minimum):
    _nlp()
    from test_actors import speaker_accuracy

    accuracy, n = speaker_accuracy(DATA / texts, DATA / truth, parsed=True)
    assert n > 30 and accuracy >= minimum, f"{accuracy:.3f} of {n}"


def test_the_combination_on_the_rules_wire_style_sentences(write_corpus):
    """The rules' one-construction sentences (tests/test_actors.py) through extract_quotes with the
    parser: the same speaker as the rules expect (the scorer's sense: same surname, or one name
    within the other; "unknown" must stay unknown) for all but a few, listed by the failure message."""
    _nlp()
    from test_actors import same_speaker, test_speaker_rules_on_wire_style_sentences as rules_test

    cases = next(m for m in rules_test.pytestmark if m.name == "parametrize").args[1]
    wrong = []
    for k, (text, expected) in enumerate(cases):
        corpus = load_corpus(write_corpus({"a.txt": "Headline\n\n" + text + "\n"}, folder=f"c{k}"))
        found = dict(zip(*framing.extract_quotes(corpus, {}, parsed=True)[["quote", "speaker"]].T.values))
        for quote, speaker in expected.items():
            mine = found.get(quote, "missing")
            if not (mine == speaker if speaker == "unknown" else same_speaker(mine, speaker)):
                wrong.append((quote, mine, speaker))
    # 8 Dec 2026, after the parse took the rules' word lists: 7 quotes differ ("Tom Smith said the
    # minister called the plan “...”": Tom Smith; a participle the model gives a place as its subject:
    # France; "Dai Evans" tagged as a place, twice); "An eyewitness described for news agency Acme
    # Media ..., stating" (Acme Media), the apposition "the Free Workers Union (FWU)" (the long name,
    # not the abbreviation), "A recording surfaced in which someone, seemingly Tom Baker, audibly says"
    # (recording). "RIAA's notice claimed" now names RIAA (test above).
    assert len(wrong) <= 7, wrong


def test_framing_command_with_parsed_speakers_on_the_seeds(tmp_path):
    """`framing --speakers parsed` on the default corpus: the hand-annotated speakers of every seed
    quote (tests/data/seed_quotes_truth.csv), with the rows the parse decided saying so."""
    import subprocess
    import sys

    import pandas as pd

    _nlp()
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "analysis", "framing", str(root / "data"), "--out", str(tmp_path),
                           "--speakers", "parsed", "-q"], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    quotes = pd.read_csv(tmp_path / "quotes.csv")
    truth = pd.read_csv(DATA / "seed_quotes_truth.csv")
    assert len(quotes) == len(truth)
    for row, quote in zip(truth.itertuples(index=False), quotes.itertuples(index=False)):
        assert (quote.article, quote.speaker) == (row.id, row.speaker) and quote.quote.startswith(row.quote_start)
    assert quotes["attribution"].str.startswith("parser: ").sum() >= len(quotes) // 3
