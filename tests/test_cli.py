"""The command line: CSV outputs, and one-line errors (never a traceback) on bad input."""
from __future__ import annotations

import csv

import pytest

from conftest import ARTICLE, run_cli, tree_digest


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_clean_default_corpus(tmp_path):
    result = run_cli("clean", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    articles = read_csv(tmp_path / "articles.csv")
    sentences = read_csv(tmp_path / "sentences.csv")
    removed = read_csv(tmp_path / "removed.csv")
    assert [a["id"] for a in articles] == ["000_9dac2022dfa1ae96", "002_f538877ab797614e",
                                           "003_8692a33c98afade4"]
    assert {"article", "index", "paragraph", "text", "kind", "quote_share"} <= set(sentences[0])
    assert {"article", "text", "reason"} == set(removed[0])
    assert sum(s["kind"] == "body" for s in sentences) == 114
    assert "3 articles, 114 body sentences" in result.stdout


def test_help_everywhere():
    for args in (["--help"], ["clean", "--help"], ["readability", "--help"], ["doctor", "--help"]):
        result = run_cli(*args)
        assert result.returncode == 0 and "usage:" in result.stdout


@pytest.mark.parametrize("files, manifest, expected", [
    ({}, None, "no such file or folder"),
    ({"a.txt": ""}, None, "no readable article"),
    ({"a.txt": ARTICLE}, "id,path\na,a.txt\na,a.txt\n", "duplicate id 'a'"),
])
def test_bad_corpus_is_one_line_on_stderr(tmp_path, files, manifest, expected):
    root = tmp_path / "c"
    if files or manifest:
        root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text)
    if manifest:
        (root / "manifest.csv").write_text(manifest)
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]
    assert "Traceback" not in result.stderr


def test_warnings_name_the_file_and_the_rest_goes_on(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "good.txt").write_text(ARTICLE)
    (root / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    before = tree_digest(root)
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stderr.strip().startswith("warning: ")
    assert "bad.txt: binary file, not text (skipped)" in result.stderr
    assert read_csv(tmp_path / "out" / "warnings.csv")[0]["problem"] == "binary file, not text"
    assert tree_digest(root) == before
