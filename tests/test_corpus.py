"""Loading, cleaning and segmenting: the seed articles, and every kind of bad input."""
from __future__ import annotations

import pytest

from analysis import AnalysisError, load_corpus
from analysis.cleaning import clean_text, find_rereported_sources, is_heading_like, split_blocks

from conftest import ARTICLE, ROOT, SEED_IDS, tree_digest


def body_texts(corpus, article):
    return list(corpus.body().query("article == @article")["text"])


# --- the three seed articles -----------------------------------------------------------------

def test_data_folder_holds_the_seeds_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("shared/seeds not beside the checkout")
    for seed in shared.glob("*.txt"):
        assert (ROOT / "data" / seed.name).read_bytes() == seed.read_bytes()


def test_manifest_invents_nothing(seed_corpus):
    articles = seed_corpus.articles.set_index("id")
    assert list(articles.index) == SEED_IDS
    assert (articles["outlet"] == "").all() and (articles["url"] == "").all()
    # no outlet known: the label is the file id without its hash-like tail, the same everywhere
    assert list(articles["label"]) == ["000", "002", "003"] == list(articles["article_label"])


def test_000_boilerplate_duplicate_headline_and_source(seed_corpus):
    a = "000_9dac2022dfa1ae96"
    row = seed_corpus.articles.set_index("id").loc[a]
    assert row["title"] == "Kim Kardashian and Gypsy Rose Blanchard's Secret Conversation Revealed"
    assert row["source"] == "Hulu"
    removed = seed_corpus.removed.query("article == @a")
    reasons = list(removed["reason"])
    assert reasons[:3] == ["site boilerplate (address label)", "site boilerplate (street address)",
                           "site boilerplate (city, state, zip)"]
    assert any(r.startswith("duplicate of block") for r in reasons)
    assert "source line" in reasons and "headline (moved to the title)" in reasons
    body = body_texts(seed_corpus, a)
    assert body[0].startswith("The Kardashians’ latest episode features Kim Kardashian")
    assert body[-1] == "New episodes of The Kardashians air Thursdays on Hulu."
    joined = " ".join(body)
    for gone in ("Physical Address", "Cardinal St", "MA 02124", "Source:", "Secret Conversation"):
        assert gone not in joined
    assert len(body) == 32


def test_002_date_warning_disclaimer_headings_and_rereporting(seed_corpus):
    a = "002_f538877ab797614e"
    row = seed_corpus.articles.set_index("id").loc[a]
    assert row["date"] == "2024-07-11"
    assert row["content_warning"] == ("Trigger Warning: This article includes references to murder "
                                      "and domestic abuse")
    assert row["disclaimer"].startswith("Disclaimer: If you need support")
    assert row["re_reported_from"] == "PEOPLE"
    sentences = seed_corpus.sentences.query("article == @a").reset_index(drop=True)
    headings = sentences[sentences["kind"] == "heading"]
    assert list(headings["text"]) == [
        "Kim Kardashian believes Gypsy Rose Blanchard could be an Impact on youth abuse",
        "More about what Kim Kardashian and Gypsy Rose discussed during their meet",
    ]
    # a subheading is never glued to the sentence after it
    after = [sentences.loc[i + 1, "text"] for i in headings.index]
    assert after[0].startswith("As we all know, previously, Gypsy ended up behind bars")
    assert after[1].startswith("Towards the latter part of their meeting")
    body = " ".join(body_texts(seed_corpus, a))
    assert "Trigger Warning" not in body and "Disclaimer" not in body and "date 2024" not in body
    assert body.startswith("Ex-convict Gypsy Rose Blanchard met reality TV star Kim Kardashian")


def test_003_segmentation_ages_dashes_and_multi_sentence_quotes(seed_corpus):
    a = "003_8692a33c98afade4"
    s = seed_corpus.body().query("article == @a").reset_index(drop=True)
    texts = list(s["text"])
    assert ("During the Thursday, July 11, episode of The Kardashians, Kim, 43, visited Gypsy, 32, "
            "to discuss collaborating on prison reform.") in texts
    assert ("Kim revealed she still had her own questions about Gypsy’s case — including whether she "
            "ever told her father.") in texts
    # a three-sentence quote: three sentences, one quote id, all inside quotation marks
    start = texts.index("“She really wants to get involved [in prison reform].")
    quote = s.iloc[start:start + 3]
    assert list(quote["text"])[2] == "It’s a fascinating case.”"
    assert quote["quote_id"].nunique() == 1 and (quote["quote_share"] == 1.0).all()
    # the attribution sentence is mostly quote, the narrative sentence none
    noted = s[s["text"].str.startswith("“She is the most well-known person")].iloc[0]
    assert 0.7 < noted["quote_share"] < 1.0
    narrative = s[s["text"].str.startswith("Kim and Gypsy subsequently sat down")].iloc[0]
    assert narrative["quote_share"] == 0.0 and narrative["quote_id"] == -1
    assert "Yes.”" in texts  # "Did she deserve prison? Yes." splits at the question mark
    assert len(texts) == 59


def test_quote_share_of_articles(seed_corpus):
    share = seed_corpus.articles.set_index("id")["quote_share"]
    assert share["000_9dac2022dfa1ae96"] == 0.0  # 000 paraphrases everything
    assert share["003_8692a33c98afade4"] > 0.5  # 003 is mostly direct quotation
    assert 0.05 < share["002_f538877ab797614e"] < 0.2


# --- cleaning rules on made-up text ------------------------------------------------------------

def test_heading_detection():
    assert is_heading_like("More about what they discussed")
    assert not is_heading_like("She left.")
    assert not is_heading_like("She said “yes.”")  # a closing quote ends a sentence
    assert not is_heading_like("123 456")  # no letters: not a heading
    assert not is_heading_like(" ".join(["word"] * 25))


def test_hard_wrapped_paragraph_is_joined_but_heading_lines_stay():
    wrapped = ("This is a long line of prose that was wrapped by an old system at\n"
               "seventy characters and goes on to the next line without any\n"
               "punctuation at the end of each line.")
    assert split_blocks(wrapped) == [" ".join(wrapped.split("\n"))]
    assert split_blocks("A Heading\nThe text starts here.") == ["A Heading", "The text starts here."]


def test_cleaning_never_drops_text_without_a_reason():
    raw = "Headline Here\n\nAdvertisement\n\nBody sentence one. Body two.\n\nHeadline Here\n"
    cleaned = clean_text(raw)
    kept = [p.text for p in cleaned.paragraphs]
    removed = [t for _, t, _ in cleaned.removed]
    assert kept == ["Body sentence one. Body two."]
    assert sorted(removed) == sorted(["Headline Here", "Advertisement", "Headline Here"])


def test_rereporting_is_outlets_not_people():
    text = ("According to PEOPLE, the meeting happened. According to Gypsy, prison was hard. "
            "She told Variety she was happy. As first reported by TMZ, it was late.")
    assert [o for o, _ in find_rereported_sources(text)] == ["PEOPLE", "Variety", "TMZ"]


# --- bad input ---------------------------------------------------------------------------------

def test_empty_whitespace_binary_and_non_utf8_files_are_skipped_with_warnings(write_corpus):
    root = write_corpus({
        "good.txt": ARTICLE,
        "empty.txt": "",
        "blank.txt": "  \n\n\t \n",
        "binary.txt": bytes(range(256)) * 4,
        "latin1.txt": "Caf\u00e9 owners said the rent doubled.".encode("cp1252"),
    })
    before = tree_digest(root)
    corpus = load_corpus(root)
    assert corpus.ids == ["good"]
    problems = {w.file.rsplit("/", 1)[-1]: w.problem for w in corpus.warnings}
    assert problems["empty.txt"] == "file is empty"
    assert problems["blank.txt"] == "file is empty"
    assert problems["binary.txt"] == "binary file, not text"
    assert problems["latin1.txt"].startswith("not UTF-8 text (byte 0xe9 at offset 3)")
    assert tree_digest(root) == before


def test_html_page_is_reduced_to_article_text(write_corpus):
    page = ("<!DOCTYPE html><html><head><title>Council closes library</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Council closes library</h1>"
            + "".join(f"<p>{p}</p>" for p in ARTICLE.strip().split("\n\n"))
            + "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>")
    root = write_corpus({"page.html": page, "mislabelled.txt": page.replace("library", "pool")})
    corpus = load_corpus(root)
    assert sorted(corpus.ids) == ["mislabelled", "page"]
    body = " ".join(corpus.body().query("article == 'page'")["text"])
    assert "The city council voted on Tuesday to close the old library." in body
    assert "Home" not in body and "<p>" not in body
    assert corpus.articles.set_index("id").loc["page", "format"] == "html"
    assert any("looks like an HTML page" in w.problem for w in corpus.warnings)


def test_duplicate_article_is_skipped(write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("\n\n", "\n\n\n")})
    corpus = load_corpus(root)
    assert corpus.ids == ["a"]
    assert corpus.warnings[0].problem == "same text as article a"


def test_enormous_file_is_skipped(write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "big.txt": ARTICLE * 200})
    corpus = load_corpus(root, max_bytes=10_000)
    assert corpus.ids == ["a"]
    assert "over the 0 MB limit" in corpus.warnings[0].problem or "MB" in corpus.warnings[0].problem


def test_manifest_missing_file_is_a_warning(write_corpus):
    root = write_corpus({"a.txt": ARTICLE,
                         "manifest.csv": "id,path,outlet\na,a.txt,Daily One\nb,b.txt,Daily Two\n"})
    corpus = load_corpus(root)
    assert corpus.ids == ["a"] and corpus.labels == {"a": "Daily One"}
    assert "names a missing file 'b.txt'" in corpus.warnings[0].problem


@pytest.mark.parametrize("manifest, message", [
    ("id,path\na,a.txt\na,b.txt\n", "duplicate id 'a' on lines 2 and 3"),
    ("name,file\nx,a.txt\n", "manifest needs an 'id' or a 'path' column"),
    ("id,path\na,a.txt\nb,a.txt\n", "ids 'a' and 'b' name the same file"),
])
def test_broken_manifest_is_an_error(write_corpus, manifest, message):
    root = write_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE + "More.", "manifest.csv": manifest})
    with pytest.raises(AnalysisError, match=message):
        load_corpus(root)


def test_manifest_not_utf8_is_an_error(write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "manifest.csv": "id,outlet\na,Caf\u00e9\n".encode("cp1252")})
    with pytest.raises(AnalysisError, match="manifest is not UTF-8"):
        load_corpus(root)


def test_nothing_readable_is_an_error(write_corpus):
    root = write_corpus({"empty.txt": "", "bin.txt": b"\x00\x01\x02"})
    with pytest.raises(AnalysisError, match="no readable article"):
        load_corpus(root)


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(AnalysisError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")


def test_single_file_corpus_and_unknown_files(write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "notes.docx": b"PK\x03\x04"})
    corpus = load_corpus(root)
    assert corpus.ids == ["a"]
    assert corpus.warnings[0].problem == "not a .txt or .html file"
    assert load_corpus(root / "a.txt").ids == ["a"]


@pytest.mark.parametrize("ids, expected", [
    (["000_9dac2022dfa1ae96", "002_f538877ab797614e"], ["000", "002"]),
    (["a01", "a02"], ["a01", "a02"]),
    (["x_0123456789", "x_abcdef0123"], ["x_0123456789", "x_abcdef0123"]),  # would collide: ids kept
    (["deadbeefcafe"], ["deadbeefcafe"]),  # nothing left but the hash: kept
    (["story-2024-notes"], ["story-2024-notes"]),  # not hash-like
])
def test_readable_labels(ids, expected):
    from analysis.corpus import readable_labels

    assert readable_labels(ids) == expected


@pytest.mark.parametrize("given, expected", [
    ("2024-10-01", "2024-10-01"),
    ("2024-10-01T23:30:00+02:00", "2024-10-01"),  # the date as written; the zone is not applied
    ("Wed, 02 Oct 2024 10:00:00 GMT", "2024-10-02"),  # RSS pubDate (RFC 2822)
    ("October 2, 2024", "2024-10-02"),
    ("2 Oct 2024", "2024-10-02"),
    ("03/04/2025", ""),  # March 4 or 3 April: not guessed
    ("2024-13-45", ""),
    ("next Tuesday", ""),
])
def test_dates_are_read_as_iso_or_left_empty(given, expected):
    from analysis.corpus import iso_date

    assert iso_date(given) == expected


def test_feed_dates_order_the_derivation(tmp_path):
    """Review finding: RSS dates compared as text put 'Wed, 02 Oct' after 'Tue, 08 Oct'. Dates are
    read as ISO at loading, so the earlier article is the earlier one, and a date that cannot be
    read is left empty with a warning naming it."""
    import csv as _csv

    from analysis import overlap

    text = ARTICLE + "\nThe vote passed by five votes to two after a long debate about repair costs.\n"
    table = tmp_path / "feed.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        out = _csv.writer(handle)
        out.writerow(["id", "publisher", "pubDate", "description"])
        out.writerow(["a", "Wire A", "Wed, 02 Oct 2024 09:00:00 GMT", text])
        out.writerow(["b", "Paper B", "Tue, 08 Oct 2024 09:00:00 GMT", text.replace("Tuesday", "Monday")])
        out.writerow(["c", "Paper C", "sometime soon", "An unrelated note about the weather. It rained."])
    corpus = load_corpus(table)
    assert dict(zip(corpus.articles["id"], corpus.articles["date"])) == {
        "a": "2024-10-02", "b": "2024-10-08", "c": ""}
    assert any("'sometime soon' not understood" in str(w) for w in corpus.warnings)
    matches = overlap.sentence_matches(corpus)
    row = overlap.derivation(corpus, matches, overlap.outlet_similarity(corpus, matches)).iloc[0]
    assert row["direction_score"] >= 0  # nothing says the Oct 2 article drew on the Oct 8 one
