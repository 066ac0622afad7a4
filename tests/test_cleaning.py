"""Cleaning rules on real wire and site boilerplate, and on body sentences that only look like it.

The development set (tests/data/wire_boilerplate.yaml) holds boilerplate lines as real pages print
them and body sentences from public-domain releases, Wikinews and guards; each test builds articles
in the layouts scraped news arrives in and checks what cleaning keeps, removes and records.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis import load_corpus
from analysis.cleaning import clean_text, iso_date, load_rules, split_blocks

DATA = Path(__file__).resolve().parent / "data"
DEV = yaml.safe_load((DATA / "wire_boilerplate.yaml").read_text(encoding="utf-8"))
LINES = [item for item in DEV["boilerplate"] if not item.get("prefix")]
PREFIXES = [item for item in DEV["boilerplate"] if item.get("prefix")]
BODY = [item["text"] for item in DEV["body"]]


def body_texts(cleaned) -> list[str]:
    return [p.text for p in cleaned.paragraphs if p.kind == "body"]


@pytest.mark.parametrize("item", LINES, ids=[item["text"][:40] for item in LINES])
def test_each_boilerplate_line_is_removed_with_its_reason(item):
    # between two body paragraphs, as a paragraph of its own
    raw = f"{BODY[0]}\n\n{item['text']}\n\n{BODY[1]}\n"
    cleaned = clean_text(raw)
    assert body_texts(cleaned) == [BODY[0], BODY[1]]
    assert [(text, reason) for _, text, reason in cleaned.removed] == [(item["text"], item["reason"])]
    if "date" in item:
        assert cleaned.meta["date"] == item["date"]


@pytest.mark.parametrize("item", PREFIXES, ids=[item["text"] for item in PREFIXES])
def test_a_dateline_is_stripped_from_the_first_paragraph_and_its_place_kept(item):
    raw = f"Headline Of The Story\n\n{item['text']} {BODY[0]}\n\n{item['text']} {BODY[1]}\n"
    cleaned = clean_text(raw)
    assert body_texts(cleaned)[0] == BODY[0]
    if item["reason"] == "wire dateline":  # an agency's dateline opens any story of a digest
        assert body_texts(cleaned)[1] == BODY[1]
    else:  # a bare "PLACE —" or agency tag only where a story starts
        assert body_texts(cleaned)[1] == f"{item['text']} {BODY[1]}"
    assert (item["text"], item["reason"]) in [(t, r) for _, t, r in cleaned.removed]
    assert cleaned.meta.get("dateline") == item.get("dateline")


@pytest.mark.parametrize("sentence", BODY)
def test_body_sentences_that_look_like_boilerplate_stay(sentence):
    one, two = [text for text in BODY if text != sentence][:2]
    for position in ("first", "middle", "last"):
        paragraphs = {"first": [sentence, one], "middle": [one, sentence, two],
                      "last": [one, sentence]}[position]
        cleaned = clean_text("Headline Of The Story\n\n" + "\n\n".join(paragraphs))
        assert body_texts(cleaned) == paragraphs, position
        assert [r for _, _, r in cleaned.removed] == ["headline (moved to the title)"]


def test_plain_text_article_with_byline_date_credits_and_sign_off():
    """Issue 15's case: a byline kept as a heading and a date line as a body sentence."""
    raw = "\n\n".join([
        "Flag copyright bought for A$20m", "By Staff Writer, Valley Times", "2025-03-04",
        "SYDNEY (Reuters) - " + BODY[11], BODY[12], "By noon, the river had risen two feet above flood stage.",
        "(Reporting by Jane Doe in Sydney; Editing by Alex Smith)", "© 2025 Valley Times. All rights reserved.",
    ])
    cleaned = clean_text(raw)
    assert body_texts(cleaned) == [BODY[11], BODY[12], "By noon, the river had risen two feet above flood stage."]
    assert [p.kind for p in cleaned.paragraphs] == ["body"] * 3
    assert cleaned.meta == {"title": "Flag copyright bought for A$20m", "byline": "Staff Writer, Valley Times",
                            "date": "2025-03-04", "dateline": "SYDNEY"}
    assert [r for _, _, r in cleaned.removed] == [
        "headline (moved to the title)", "byline", "date line", "wire dateline", "wire credit",
        "copyright notice"]


def wrapped(sentences: list[str], width: int = 64) -> list[str]:
    """Sentences hard-wrapped at ``width`` columns, as old wire systems stored them."""
    lines, line = [], ""
    for word in " ".join(sentences).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def test_hard_wrapped_wire_story_with_indented_paragraphs_and_a_sign_off_line():
    """Old wire layout: no blank lines, paragraphs indented, the sign-off on the last line."""
    paragraphs = [BODY[0:2], BODY[2:4], BODY[4:5]]
    lines = []
    for number, sentences in enumerate(paragraphs):
        block = wrapped(sentences)
        lines.extend(([block[0]] if number == 0 else ["    " + block[0]]) + block[1:])
    for sign_off in (" Reuter", " REUTER", "    Reuter\x03"):
        cleaned = clean_text("\n".join(lines + [sign_off]) + "\n")
        assert body_texts(cleaned) == [" ".join(s) for s in paragraphs]
        assert [(t, r) for _, t, r in cleaned.removed] == [(sign_off.strip("\x03 "), "wire sign-off")]


def test_sign_off_under_a_table_line_and_byline_lines_inside_a_block():
    table = "\n".join([BODY[2], "    Shr 12 cts vs 15 cts", "    Net 1.2 mln vs 1.5 mln", " Reuter"])
    cleaned = clean_text(table)
    assert [p.text for p in cleaned.paragraphs] == [BODY[2], "Shr 12 cts vs 15 cts", "Net 1.2 mln vs 1.5 mln"]
    assert [r for _, _, r in cleaned.removed] == ["wire sign-off"]
    # one block holding a byline, an agency line and a date line, then the story (an AP page's form)
    block = "\n".join(["By KIM TONG-HYUNG", "Associated Press", "May 7th, 2025, 01:01 PM", BODY[3]])
    cleaned = clean_text(block)
    assert body_texts(cleaned) == [BODY[3]]
    assert cleaned.meta == {"byline": "KIM TONG-HYUNG", "date": "2025-05-07"}


def test_a_date_or_name_inside_wrapped_prose_is_not_split_out():
    prose = ("The hearing, which the county court had first set for the morning of\nMarch 4, 2025\n"
             "was moved to the following week at the request of the\nAssociated Press\n"
             "and two other news organisations.")
    assert split_blocks(prose, load_rules().own_line) == [" ".join(prose.split("\n"))]


def test_entities_and_control_characters_of_wire_archives_are_decoded():
    cleaned = clean_text("Shares of &lt;Acme Corp&gt; rose 5 pct, the company&#39;s chairman said.\n\x03")
    assert body_texts(cleaned) == ["Shares of <Acme Corp> rose 5 pct, the company's chairman said."]
    assert body_texts(clean_text("Profits rose at AT&T and at Procter & Gamble.")) == [
        "Profits rose at AT&T and at Procter & Gamble."]


@pytest.mark.parametrize("text, iso", [
    ("2025-03-04", "2025-03-04"), ("March 4, 2025", "2025-03-04"), ("4 March 2025", "2025-03-04"),
    ("Tue 4 Mar 2025 10.15 GMT", "2025-03-04"), ("Sept. 28, 2021", "2021-09-28"),
    ("03/04/2025", None), ("February 30, 2025", None), ("Updated 2 hours ago", None),
])
def test_iso_date(text, iso):
    assert iso_date(text) == iso


def test_every_removal_is_recorded_and_no_body_sentence_is_lost_on_a_whole_dev_article():
    """All boilerplate lines around all body sentences in one article: exact accounting."""
    parts = [item["text"] for item in LINES]
    body = list(BODY)
    raw = [parts[0], PREFIXES[0]["text"] + " " + body[0]]
    for i, sentence in enumerate(body[1:]):
        raw.append(sentence)
        if i + 1 < len(parts):
            raw.append(parts[i + 1])
    raw.extend(parts[len(body):])
    cleaned = clean_text("Headline Of The Story\n\n" + "\n\n".join(raw))
    assert body_texts(cleaned) == body
    removed = [t for _, t, _ in cleaned.removed]
    assert sorted(removed) == sorted(parts + [PREFIXES[0]["text"], "Headline Of The Story"])


def test_events40_bylines_dates_and_credits_leave_the_body_and_become_metadata():
    corpus = load_corpus(DATA / "events40")
    body = corpus.body()["text"]
    assert not body.str.match(r"^(?:By [A-Z]|\(Reporting by|Updated |[A-Z][a-z]+ \d{1,2}, \d{4}$)").any()
    assert not body.str.contains(r"\(Northline Wire\) -", regex=True).any()
    articles = corpus.articles.set_index("id")
    assert articles.loc["a01", "byline"] == "Ana Ruiz"
    assert articles.loc["a01", "dateline"] == "MILLBROOK"
    assert articles.loc["a11", "byline"] == "Eleanor Vance, Business Editor"
    reasons = set(corpus.removed["reason"])
    assert {"byline", "date line", "wire credit", "wire dateline"} <= reasons
