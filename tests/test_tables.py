"""One-table corpora: CSV / JSON Lines / Parquet with one article per row load like a folder."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.errors import AnalysisError
from analysis.tables import match_columns

EVENTS40 = Path(__file__).resolve().parent / "data" / "events40"


def _manifest() -> list[dict]:
    with open(EVENTS40 / "manifest.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_events40_as_one_csv_gives_the_same_sentences_as_the_folder(tmp_path):
    table = tmp_path / "events40.csv"
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "publisher", "headline", "pubDate", "link", "content", "html", "section"])
        for row in _manifest():
            text = (EVENTS40 / row["path"]).read_text(encoding="utf-8")
            html = row["path"].endswith(".html")
            writer.writerow([row["id"], row["outlet"], row["title"], row["date"], row["url"],
                             "" if html else text, text if html else "", f"sec-{row['id']}"])
    from_table = load_corpus(table)
    from_folder = load_corpus(EVENTS40)
    assert list(from_table.articles["id"]) == list(from_folder.articles["id"])
    assert list(from_table.sentences["text"]) == list(from_folder.sentences["text"])
    assert list(from_table.articles["outlet"]) == list(from_folder.articles["outlet"])
    assert list(from_table.articles["date"]) == list(from_folder.articles["date"])
    assert from_table.articles.loc[0, "section"] == "sec-a01"  # unknown column passed through
    assert set(from_table.articles["format"]) == {"txt", "html"}


def test_news_please_jsonl_loads_without_editing(tmp_path):
    # the field names news-please writes; nested objects and lists as scrapers produce them
    records = [
        {"maintext": "The council approved the budget on Monday. It passed 5 to 2.", "title": "Budget passes",
         "date_publish": "2024-05-01 10:00:00", "source_domain": "www.example-news.com", "url": "https://x/1",
         "authors": ["Ana Ruiz", "Bo Li"], "language": "en", "meta": {"section": "city"}},
        {"maintext": "", "title": "Empty", "source_domain": "b.example"},
        {"maintext": "Rain fell across the county on Tuesday. Roads were closed.", "title": "Rain",
         "date_publish": "2024-05-02", "source_domain": "b.example", "url": "https://x/2"},
    ]
    path = tmp_path / "scraped.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    corpus = load_corpus(path)
    arts = corpus.articles
    assert list(arts["outlet"]) == ["www.example-news.com", "b.example"]
    assert list(arts["title"]) == ["Budget passes", "Rain"]
    assert arts.loc[0, "authors"] == "Ana Ruiz; Bo Li" and arts.loc[0, "meta.section"] == "city"
    assert [w.problem for w in corpus.warnings] == ["empty text"]
    assert "row 2" in corpus.warnings[0].file


def test_binary_text_row_is_skipped_with_its_row_and_id(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\nok,"A sentence here. Another one."\nbin,"\x01\x02\x03\x04\x05\x06"\n', encoding="utf-8")
    corpus = load_corpus(path)
    assert list(corpus.articles["id"]) == ["ok"]
    (warning,) = corpus.warnings
    assert "line 3" in warning.file and "bin" in warning.file and "binary" in warning.problem


def test_table_without_text_column_is_one_line_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,outlet,title\n1,A,B\n", encoding="utf-8")
    with pytest.raises(AnalysisError) as info:
        load_corpus(path)
    assert "no text column" in str(info.value) and "\n" not in str(info.value)


def test_semicolon_csv_and_url_outlets(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('Body;Source;Published\n"One, two; three. Four five.";https://www.paper.example/a/1;2024-01-02\n',
                    encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.articles.loc[0, "outlet"] == "paper.example"
    assert corpus.articles.loc[0, "date"] == "2024-01-02"


@pytest.mark.parametrize("columns, expected", [
    (["ID", "Content", "Publication", "Date"], {"id": "ID", "text": "Content", "outlet": "Publication", "date": "Date"}),
    (["title", "link", "pubDate", "description", "body"], {"title": "title", "url": "link", "date": "pubDate", "text": "body"}),
    (["uuid", "text", "thread.site", "published"], {"id": "uuid", "text": "text", "outlet": "thread.site", "date": "published"}),
])
def test_column_aliases(columns, expected):
    chosen = match_columns(columns)
    assert {k: v for k, v in chosen.items() if k in expected} == expected


def test_parquet_without_pyarrow_is_a_one_line_error(tmp_path):
    pytest.importorskip("pandas")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        path = tmp_path / "t.parquet"
        path.write_bytes(b"PAR1")
        with pytest.raises(AnalysisError, match="pyarrow"):
            load_corpus(path)
    else:
        import pandas as pd

        path = tmp_path / "t.parquet"
        pd.DataFrame({"text": ["One sentence here. And two."], "outlet": ["A"]}).to_parquet(path)
        assert load_corpus(path).articles.loc[0, "outlet"] == "A"


# --- a folder of Parquet files, read lazily ---------------------------------------------------

def events40_parquet_folder(folder: Path, files: int = 3, row_group_size: int = 4) -> Path:
    """events40 as a folder of Parquet files (one article per row, small row groups), plus a row
    without text and a row whose id another file already used."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for row in _manifest():
        text = (EVENTS40 / row["path"]).read_text(encoding="utf-8")
        html = row["path"].endswith(".html")
        rows.append({"id": row["id"], "outlet": row["outlet"], "title": row["title"], "date": row["date"],
                     "text": "" if html else text, "html": text if html else "", "section": f"sec-{row['id']}"})
    rows.insert(5, {**rows[0], "text": "", "html": "", "id": "blank"})
    rows.append({**rows[1], "id": rows[0]["id"], "text": "A different article with the id of another. "
                 "It has two sentences.", "html": ""})
    folder.mkdir()
    size = -(-len(rows) // files)
    for k in range(files):
        pq.write_table(pa.Table.from_pylist(rows[k * size:(k + 1) * size]), folder / f"part-{k}.parquet",
                       row_group_size=row_group_size)
    return folder


def test_parquet_folder_gives_the_articles_of_the_text_folder(tmp_path):
    pytest.importorskip("pyarrow")
    folder = events40_parquet_folder(tmp_path / "events40-parquet")
    from_parquet = load_corpus(folder)
    from_folder = load_corpus(EVENTS40)
    assert list(from_parquet.articles["id"])[:-1] == list(from_folder.articles["id"])
    assert from_parquet.articles["id"].iloc[-1] == from_folder.articles["id"].iloc[0] + "-2"
    body = from_parquet.sentences[from_parquet.sentences["article"].isin(from_folder.articles["id"])]
    assert list(body["text"]) == list(from_folder.sentences["text"])
    assert list(from_parquet.articles["outlet"])[:-1] == list(from_folder.articles["outlet"])
    assert from_parquet.articles.loc[0, "section"] == "sec-a01"
    problems = [(w.file.split("/")[-1], w.problem) for w in from_parquet.warnings]
    assert problems == [("part-0.parquet:row 6 (id blank)", "empty text"),
                        ("part-1.parquet:row 4 (id a17)", "same text as article a16"),  # as in the folder
                        ("part-2.parquet:row 11 (id a38)", "same text as article a37"),
                        ("part-2.parquet:row 14 (id a01)", "id 'a01' already used by "
                         f"{folder}/part-0.parquet:row 1 (id a01)")]
    assert sorted(from_parquet.inputs) == [str(folder / f"part-{k}.parquet") for k in range(3)]


def test_parquet_folder_is_read_a_batch_at_a_time(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from analysis import tables

    folder = events40_parquet_folder(tmp_path / "events40-parquet")
    expected = load_corpus(folder)
    batches = []
    real = tables.rows_of
    monkeypatch.setattr(tables, "rows_of", lambda path, columns, records, *a, **k:
                        batches.append(len(records)) or real(path, columns, records, *a, **k))
    monkeypatch.setattr(tables, "ROWS_PER_BATCH", 3)
    monkeypatch.setattr(tables, "ROWS_PER_PART", 8)
    monkeypatch.setattr(pq, "read_table", None)  # never the whole of a file
    got = load_corpus(folder)
    assert max(batches) == 3 and sum(batches) == 42
    assert len(tables.parquet_plan(tables.parquet_files(folder), 8)) == 6  # 2 parts of 8 rows per file
    assert list(got.articles["id"]) == list(expected.articles["id"])
    assert got.warnings == expected.warnings


def test_parquet_folder_without_text_column_is_one_line_error(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    folder = tmp_path / "p"
    folder.mkdir()
    pd.DataFrame({"text": ["One sentence here. And two."]}).to_parquet(folder / "a.parquet")
    pd.DataFrame({"title": ["No text"]}).to_parquet(folder / "b.parquet")
    with pytest.raises(AnalysisError) as info:
        load_corpus(folder)
    assert "b.parquet" in str(info.value) and "no text column" in str(info.value)


def test_hive_partitioned_parquet_keeps_the_outlet_of_its_folders(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [{"id": f"n{i}", "text": f"Story {i} happened on Monday. Officials said it was {w}.", "outlet": o}
            for i, (o, w) in enumerate([("Alpha Times", "fine"), ("Alpha Times", "bad"), ("Beta=Post", "odd")])]
    pq.write_to_dataset(pa.Table.from_pylist(rows), str(tmp_path / "ds"), partition_cols=["outlet"])
    corpus = load_corpus(tmp_path / "ds")
    assert dict(zip(corpus.articles["id"], corpus.articles["outlet"])) == {
        "n0": "Alpha Times", "n1": "Alpha Times", "n2": "Beta=Post"}
    assert corpus.warnings == []


def test_parquet_link_outside_the_folder_is_skipped_with_a_warning(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    outside = tmp_path / "outside.parquet"
    pd.DataFrame({"id": ["x"], "text": ["Private text. Not for this corpus."]}).to_parquet(outside)
    folder = tmp_path / "ds"
    folder.mkdir()
    pd.DataFrame({"id": ["a"], "text": ["A story of ours. It has two sentences."]}).to_parquet(folder / "a.parquet")
    (folder / "b.parquet").symlink_to(outside)
    corpus = load_corpus(folder)
    assert list(corpus.articles["id"]) == ["a"]
    assert [w.problem for w in corpus.warnings] == ["links to a file outside the corpus folder"]
    assert list(load_corpus(folder, follow_symlinks=True).articles["id"]) == ["a", "x"]


def test_duplicate_after_an_id_rename_names_the_renamed_article(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    path = tmp_path / "t.parquet"
    pd.DataFrame({"id": ["x", "x", "y"], "text": ["First text here. It is one.", "Second text here. It is two.",
                                                  "Second text here. It is two."]}).to_parquet(path)
    corpus = load_corpus(path)
    assert list(corpus.articles["id"]) == ["x", "x-2"]
    assert [w.problem for w in corpus.warnings][-1] == "same text as article x-2"


def test_a_manifest_with_a_table_corpus_is_a_one_line_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\na,One sentence here. And two.\n", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,outlet\na,Alpha\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match="manifest is not used with a table corpus"):
        load_corpus(path, manifest=manifest)
