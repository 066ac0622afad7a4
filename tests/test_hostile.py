"""Hostile and broken input (issue 17): nothing outside the corpus is read, no user file is lost,
no table is half-written, no spreadsheet formula runs, and every problem is one line, not a
traceback. Each hostile corpus is built here, in a temporary folder."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ARTICLE, ROOT, run_cli, tree_digest

FORMULAS = ('=HYPERLINK("http://evil.example","x")', "+cmd", "@SUM(1+1)", "=1+1", "-2+3")


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def one_error_line(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def article(n: int) -> str:
    return ARTICLE.replace("old library", f"old library number {n}")


# --- security ---------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["../../../../../../etc/passwd", "/etc/passwd", "../outside.txt"])
def test_manifest_path_outside_the_corpus_is_an_error_naming_the_row(tmp_path, write_corpus, rel):
    (tmp_path / "outside.txt").write_text(ARTICLE)
    root = write_corpus({"a.txt": ARTICLE, "manifest.csv": f"id,path\na,a.txt\nx,{rel}\n"})
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"))
    line = one_error_line(result)
    assert "manifest.csv:3" in line and "outside the corpus folder" in line
    assert not (tmp_path / "out" / "sentences.csv").exists()


def test_symlink_to_a_file_outside_is_skipped_unless_asked(tmp_path, write_corpus):
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret plan was approved by the board on Monday and the staff were told.\n")
    root = write_corpus({"a.txt": ARTICLE})
    (root / "link.txt").symlink_to(secret)
    from analysis import load_corpus

    corpus = load_corpus(root)
    assert corpus.ids == ["a"]
    assert any("link.txt" in w.file and "outside the corpus folder" in w.problem for w in corpus.warnings)
    assert not corpus.sentences["text"].str.contains("secret").any()
    followed = load_corpus(root, follow_symlinks=True)
    assert followed.ids == ["a", "link"]
    result = run_cli("clean", str(root), "--out", str(tmp_path / "o"), "--follow-symlinks")
    assert result.returncode == 0 and "secret plan" in (tmp_path / "o" / "sentences.csv").read_text()


def test_manifest_row_linking_outside_is_skipped(tmp_path, write_corpus):
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE)
    root = write_corpus({"a.txt": article(1), "manifest.csv": "id,path\na,a.txt\ns,s.txt\n"})
    (root / "s.txt").symlink_to(secret)
    from analysis import load_corpus

    corpus = load_corpus(root)
    assert corpus.ids == ["a"]
    assert any("outside the corpus folder" in w.problem for w in corpus.warnings)


def test_manifest_linking_outside_and_run_json_as_a_device_are_not_read(tmp_path, write_corpus):
    from analysis import load_corpus
    from analysis.errors import AnalysisError

    (tmp_path / "elsewhere.csv").write_text("id,path,outlet\na,a.txt,Leaked\n")
    root = write_corpus({"a.txt": ARTICLE})
    (root / "run.json").symlink_to("/dev/zero")
    assert load_corpus(root).ids == ["a"]  # run.json (a device) not read, no hang
    (root / "manifest.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(AnalysisError, match="outside the corpus folder"):
        load_corpus(root)


def _formula_corpus(write_corpus):
    rows = "".join(f'a{i},a{i}.txt,"{f.replace(chr(34), chr(34) * 2)}","{f.replace(chr(34), chr(34) * 2)} title"\n'
                   for i, f in enumerate(FORMULAS))
    files = {f"a{i}.txt": article(i) for i in range(len(FORMULAS))}
    return write_corpus({**files, "manifest.csv": "id,path,outlet,title\n" + rows})


@pytest.mark.parametrize("command", ["clean", "readability"])
def test_no_csv_cell_starts_a_formula(tmp_path, write_corpus, command):
    root = _formula_corpus(write_corpus)
    result = run_cli(command, str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    seen = 0
    for path in (tmp_path / "out").glob("*.csv"):
        for row in read_rows(path):
            for cell in row:
                assert is_number(cell) or not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
                seen += cell.startswith("'=HYPERLINK(")
    assert seen > 0


def test_corpus_to_csv_neutralises_and_memory_keeps_the_original(tmp_path, write_corpus):
    from analysis import load_corpus

    corpus = load_corpus(_formula_corpus(write_corpus))
    assert set(FORMULAS) <= set(corpus.articles["outlet"])  # reports show the original text
    corpus.to_csv(tmp_path / "out")
    rows = read_rows(tmp_path / "out" / "articles.csv")
    outlets = {r[rows[0].index("outlet")] for r in rows[1:]}
    assert outlets == {"'" + f for f in FORMULAS}


def test_tab_and_carriage_return_cells_are_neutralised_too(tmp_path):
    import pandas as pd

    from analysis.outputs_atomic import write_csv

    table = pd.DataFrame({"text": ["\tTAB", "\rCR", "plain", "-dash"], "n": [-1, 2, 3, 4],
                          "=header": pd.Categorical(["@a", "b", "c", "d"])})
    write_csv(table, tmp_path / "t.csv")
    rows = read_rows(tmp_path / "t.csv")
    assert rows[0] == ["text", "n", "'=header"]
    assert [r[0] for r in rows[1:]] == ["'\tTAB", "'\nCR", "plain", "'-dash"]
    assert [r[1] for r in rows[1:]] == ["-1", "2", "3", "4"] and rows[1][2] == "'@a"


def test_file_name_cannot_forge_a_line_on_the_terminal(tmp_path, write_corpus):
    root = write_corpus({"a.txt": ARTICLE})
    (root / "x\nerror: FORGED \x1b[31mred.txt").write_bytes(b"\x00\x01binary")
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    assert not any(line.startswith("error: FORGED") for line in result.stderr.splitlines())
    assert "x\\nerror: FORGED \\x1b[31mred.txt" in result.stderr
    missing = run_cli("clean", str(tmp_path / "no\nerror: FORGED\x1b[2J"), "--out", str(tmp_path / "o"))
    assert "FORGED\\x1b[2J: no such file or folder" in one_error_line(missing)


# --- nothing lost, nothing half-written -------------------------------------------------------

@pytest.mark.parametrize("where", ["same", "inside", "parent"])
def test_out_that_is_in_or_around_the_corpus_is_refused(tmp_path, write_corpus, where):
    root = write_corpus({"a.txt": ARTICLE, "articles.csv": "id\nmine\n"}, folder="c")
    before = tree_digest(root)
    out = {"same": root, "inside": root / "results", "parent": tmp_path}[where]
    line = one_error_line(run_cli("clean", str(root), "--out", str(out)))
    assert "corpus folder" in line
    assert tree_digest(root) == before and not (root / "results").exists()


def test_outputs_of_an_earlier_run_are_never_read_back(tmp_path, write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "10_readability.txt": article(2),
                         "run.json": json.dumps({"command": "report", "files": ["10_readability.txt"]})})
    from analysis import load_corpus

    corpus = load_corpus(root)
    assert corpus.ids == ["a"]
    assert any("earlier run" in w.problem for w in corpus.warnings)


def test_make_report_on_another_corpus_leaves_the_tracked_figures_alone(tmp_path):
    other = subprocess.run(["make", "-n", "report", f"CORPUS={tmp_path}", f"OUT={tmp_path / 'o'}"],
                           cwd=ROOT, capture_output=True, text=True)
    default = subprocess.run(["make", "-n", "report"], cwd=ROOT, capture_output=True, text=True)
    command = [ln for ln in other.stdout.splitlines() if "analysis report" in ln]
    assert command and "--figures" not in command[0]
    assert "--figures figures" in [ln for ln in default.stdout.splitlines() if "analysis report" in ln][0]


def test_unwritable_second_file_leaves_earlier_outputs_untouched(tmp_path, write_corpus):
    root = write_corpus({"a.txt": ARTICLE})
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").write_text("stale\n")
    (out / "sentences.csv").mkdir()  # cannot be replaced by a file
    line = one_error_line(run_cli("clean", str(root), "--out", str(out)))
    assert "sentences.csv" in line
    assert (out / "articles.csv").read_text() == "stale\n"  # no mix of fresh and stale tables
    assert sorted(p.name for p in out.iterdir()) == ["articles.csv", "sentences.csv"]


def test_an_interrupted_run_writes_nothing(tmp_path):
    import pandas as pd

    from analysis.outputs_atomic import publish

    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text("old\n")

    def interrupted(path):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(out, {"a.csv": lambda p: pd.DataFrame({"x": [1]}).to_csv(p), "b.csv": interrupted})
    assert sorted(p.name for p in out.iterdir()) == ["a.csv"] and (out / "a.csv").read_text() == "old\n"


@pytest.mark.parametrize("command", ["clean", "readability"])
def test_interrupt_while_writing_leaves_the_earlier_tables(tmp_path, write_corpus, monkeypatch, command):
    import pandas as pd

    from analysis.cli import main

    root = write_corpus({"a.txt": ARTICLE, "b.txt": article(2)})
    out = tmp_path / "out"
    out.mkdir()
    before = {name: "earlier\n" for name in ("articles.csv", "sentences.csv", "readability_articles.csv",
                                              "readability_sentences.csv")}
    for name, text in before.items():
        (out / name).write_text(text)
    real_to_csv, calls = pd.DataFrame.to_csv, []

    def to_csv(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # Ctrl-C while the second table is written
            raise KeyboardInterrupt
        return real_to_csv(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    assert main([command, str(root), "--out", str(out)]) == 130
    assert {p.name: p.read_text() for p in out.iterdir()} == before


def test_run_json_records_command_version_inputs_and_files(tmp_path, write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "b.txt": article(2), "manifest.csv": "id,path,outlet\na,a.txt,X\nb,b.txt,Y\n"})
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["command"] == "clean" and run["version"]
    assert set(run["files"]) == {"articles.csv", "sentences.csv", "removed.csv", "warnings.csv", "excluded.csv"}
    expected = {str(root / n): hashlib.sha256((root / n).read_bytes()).hexdigest()
                for n in ("a.txt", "b.txt", "manifest.csv")}
    assert {os.path.realpath(k): v for k, v in run["inputs"].items()} == \
        {os.path.realpath(k): v for k, v in expected.items()}
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


@pytest.mark.notebook
def test_report_stops_on_ctrl_c_kills_its_kernels_and_leaves_no_half_page(tmp_path):
    import psutil

    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "report", "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 240
        kernels = []
        while time.time() < deadline and not kernels:
            time.sleep(0.5)
            kernels = [c for c in psutil.Process(proc.pid).children(recursive=True)
                       if "ipykernel" in " ".join(c.cmdline())]
        assert kernels, "no kernel started"
        time.sleep(2)
        started = time.time()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
        assert time.time() - started < 15
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    time.sleep(0.5)
    assert not [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
    pages = sorted(out.glob("*.html"))
    assert all(p.read_text(encoding="utf-8").rstrip().endswith("</html>") for p in pages)
    assert {p.stem for p in out.glob("*.ipynb")} == {p.stem for p in pages}


# --- clear errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("make_out, expected", [
    (lambda t: (t / "file.txt").write_text("x") and t / "file.txt", "not a folder"),
    (lambda t: Path("/dev/null"), "/dev"),
    (lambda t: Path("/proc/self/out"), "/proc"),
])
def test_out_that_cannot_hold_results_is_refused_before_work(tmp_path, write_corpus, make_out, expected):
    root = write_corpus({"a.txt": ARTICLE})
    line = one_error_line(run_cli("readability", str(root), "--out", str(make_out(tmp_path))))
    assert expected in line


@pytest.mark.parametrize("option", ["--manifest", "--actors", "--codebook"])
def test_option_files_that_are_missing_or_devices_are_refused_before_work(tmp_path, write_corpus, option):
    root = write_corpus({"a.txt": ARTICLE})
    os.mkfifo(tmp_path / "pipe.yaml")
    for bad, expected in ((tmp_path / "missing.yaml", "No such file"), (tmp_path / "pipe.yaml", "not a regular file"),
                          (Path("/dev/zero"), "not a regular file")):
        line = one_error_line(run_cli("framing", str(root), "--out", str(tmp_path / "o"), option, str(bad)))
        assert option in line and expected in line


def test_read_only_out_is_refused_before_work(tmp_path, write_corpus, monkeypatch):
    from analysis.errors import AnalysisError
    from analysis.outputs import check_output_folder

    root = write_corpus({"a.txt": ARTICLE})
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(tmp_path) else real_access(p, mode))
    with pytest.raises(AnalysisError, match="cannot be written"):
        check_output_folder(tmp_path / "new" / "out", root)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_corpus_and_manifest_are_one_line(tmp_path, write_corpus):
    root = write_corpus({"a.txt": ARTICLE, "manifest.csv": "id,path\na,a.txt\n"})
    (root / "manifest.csv").chmod(0)
    assert "manifest cannot be read" in one_error_line(run_cli("clean", str(root), "--out", str(tmp_path / "o")))
    root.chmod(0)
    try:
        assert "cannot be read" in one_error_line(run_cli("clean", str(root), "--out", str(tmp_path / "o")))
    finally:
        root.chmod(0o755)


def test_unreadable_corpus_and_manifest_are_clear_errors(tmp_path, write_corpus, monkeypatch):
    from analysis import load_corpus
    from analysis.errors import AnalysisError

    root = write_corpus({"a.txt": ARTICLE, "manifest.csv": "id,path\na,a.txt\n"})
    real_read = Path.read_bytes

    def denied(self):
        if self.name == "manifest.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(AnalysisError, match="manifest cannot be read"):
        load_corpus(root)
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(AnalysisError, match="cannot be read"):
        load_corpus(root)


def test_symlink_loop_between_two_articles_is_a_warning(tmp_path, write_corpus):
    root = write_corpus({"good.txt": ARTICLE})
    (root / "a.txt").symlink_to(root / "b.txt")
    (root / "b.txt").symlink_to(root / "a.txt")
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "a.txt: symlink loop (skipped)" in result.stderr and "b.txt: symlink loop" in result.stderr


def test_fifo_and_device_are_never_read(tmp_path, write_corpus):
    root = write_corpus({"good.txt": ARTICLE})
    os.mkfifo(root / "pipe.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    result = run_cli("clean", str(root), "--out", str(tmp_path / "out"), "--follow-symlinks")
    assert result.returncode == 0, result.stderr
    assert "pipe.txt: not a regular file" in result.stderr
    assert "zero.txt: not a regular file" in result.stderr


# --- silently wrong ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "2", "abc"])
def test_threshold_must_be_a_finite_number_in_range(tmp_path, value):
    result = run_cli("overlap", "--out", str(tmp_path / "o"), f"--threshold={value}")
    assert result.returncode == 2 and "--threshold" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.notebook
def test_report_honours_manifest(tmp_path, write_corpus):
    from analysis.report import render_report, report_notebooks

    root = write_corpus({"a.txt": ARTICLE, "b.txt": article(2)})
    manifest = tmp_path / "ext.csv"
    manifest.write_text("id,path,outlet\na,a.txt,Zebra Gazette\nb,b.txt,Quokka Times\n")
    books = [p for p in report_notebooks() if p.name.startswith("00_")]
    pages = render_report(root, tmp_path / "out", notebooks=books, options={"manifest": str(manifest)})
    assert "Zebra Gazette" in pages[0].read_text(encoding="utf-8")


def test_report_run_json_lists_pages_and_inputs(tmp_path, write_corpus, monkeypatch):
    import analysis.report
    from analysis.cli import main

    root = write_corpus({"a.txt": ARTICLE})

    def fake_render(corpus, out, **kwargs):  # the notebooks themselves are tested elsewhere
        page = Path(out) / "00_corpus.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>")
        return [page]

    monkeypatch.setattr(analysis.report, "render_report", fake_render)
    assert main(["report", str(root), "--out", str(tmp_path / "out"), "-q"]) == 0
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["command"] == "report" and run["files"] == ["00_corpus.html"]
    assert list(run["inputs"].values()) == [hashlib.sha256((root / "a.txt").read_bytes()).hexdigest()]


GERMAN = " ".join(
    f"Der Sprecher {i} sagte: „Wir prüfen den Vorschlag {i} sehr genau.“ Die Stadt plant weiter. "
    f"Die Sitzung {i} dauerte lange." for i in range(20))


def test_german_quotes_low_9_opens_and_high_6_closes():
    from analysis.segmentation import segment_paragraph

    sentences = segment_paragraph(GERMAN)
    assert len(sentences) == 60
    assert sum(s.quote_share >= 0.5 for s in sentences) == 20
    assert all(s.quote_share >= 0.5 for s in sentences[::3])


@pytest.mark.parametrize("text, quoted", [
    ("Il a dit : « Nous venons demain. » Puis il est parti.", "« Nous venons demain. »"),
    ("Er sagte ‹Ja› und ging.", "‹Ja›"),
    ("Er sagte ‚Ja‘ und ging.", "‚Ja‘"),
    ("Sie sagte »Gut« und ging.", "»Gut«"),
    ("Powiedział „Tak” i wyszedł.", "„Tak”"),
])
def test_european_quote_marks(text, quoted):
    from analysis.segmentation import quote_spans

    assert [text[a:b] for a, b in quote_spans(text)] == [quoted]


def test_chinese_sentence_ends():
    from analysis.segmentation import split_sentences

    assert split_sentences("北京今天下雨。明天会晴吗？是的！") == ["北京今天下雨。", "明天会晴吗？", "是的！"]


ARABIC = "قال المتحدث إن الحكومة ستدرس الاقتراح بعناية. وأضاف أن القرار سيصدر قريبا. " * 5
FRENCH = ("Le conseil municipal a voté mardi la fermeture de la vieille bibliothèque. Les habitants ont dit "
          "que la décision était précipitée et que personne ne leur avait demandé leur avis. ") * 3
CHINESE = "北京市政府今天宣布了新的交通计划。市民表示欢迎。专家认为这个计划很有必要！" * 3


def test_non_english_articles_are_left_out_with_a_warning(write_corpus):
    from analysis import load_corpus

    root = write_corpus({"en.txt": ARTICLE, "ar.txt": ARABIC, "fr.txt": FRENCH, "zh.txt": CHINESE})
    corpus = load_corpus(root)
    assert corpus.ids == ["en"]
    assert sorted(corpus.excluded["id"]) == ["ar", "fr", "zh"]
    assert set(corpus.excluded["reason"]) == {"not English"}
    problems = {Path(w.file).name: w for w in corpus.warnings}
    assert all("does not look like English" in problems[n].problem for n in ("ar.txt", "fr.txt", "zh.txt"))
    assert problems["zh.txt"].action == "left out of the English-only measures"


def test_a_corpus_with_no_english_article_is_a_clear_error(tmp_path, write_corpus):
    root = write_corpus({"ar.txt": ARABIC})
    assert "no English article" in one_error_line(run_cli("readability", str(root), "--out", str(tmp_path / "o")))


def test_only_quotation_marks_keeps_no_empty_sentence(write_corpus):
    from analysis import load_corpus

    root = write_corpus({"a.txt": ARTICLE + "\n\n\u201c \u201d \" \"\n\n\u201e\u201c\n", "q.txt": "\u201c\u201d \"\" \u00ab\u00bb\n"})
    corpus = load_corpus(root)
    assert corpus.ids == ["a"]
    assert (corpus.sentences["n_words"] > 0).all()
    assert any(Path(w.file).name == "q.txt" for w in corpus.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_decoded(write_corpus, encoding):
    import codecs

    from analysis import load_corpus

    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    corpus = load_corpus(write_corpus({"a.txt": bom + ARTICLE.encode(encoding)}))
    assert corpus.ids == ["a"] and corpus.articles["n_sentences"].iloc[0] == 4


# --- cost ----------------------------------------------------------------------------------------

def test_sentiment_of_one_200000_character_line_is_bounded(write_corpus):
    from analysis import load_corpus, sentiment
    from analysis.segmentation import MAX_SENTENCE_CHARS

    line = " ".join(["the council said the plan was good but residents were angry and sad"] * 2900)[:200_000]
    corpus = load_corpus(write_corpus({"a.txt": line + "\n"}))
    assert corpus.sentences["text"].str.len().max() <= MAX_SENTENCE_CHARS
    assert any("cut at clause or word boundaries" in w.action for w in corpus.warnings)
    started = time.perf_counter()
    scored = sentiment.sentence_sentiment(corpus)
    assert time.perf_counter() - started < 20  # 120 s before the cut (quadratic in VADER)
    assert len(scored) == len(corpus.body())


# --- packaging and diagnostics -----------------------------------------------------------------

def test_dependencies_declared_and_vader_pinned():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].strip().lower(): d for d in deps}
    assert "pyphen" in names and "tqdm" in names
    assert names["vadersentiment"] == "vaderSentiment==3.3.2"


def test_warnings_go_through_module_loggers_and_quiet_hides_them(tmp_path, write_corpus, caplog):
    import logging

    from analysis import load_corpus

    root = write_corpus({"a.txt": ARTICLE, "bad.txt": b"\x00\x01"})
    with caplog.at_level(logging.WARNING, logger="analysis"):
        load_corpus(root)
    assert any(r.name == "analysis.corpus" and "bad.txt" in r.getMessage() for r in caplog.records)
    quiet = run_cli("clean", str(root), "--out", str(tmp_path / "o"), "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run_cli("clean", str(root), "--out", str(tmp_path / "o"))
    assert "warning: " in loud.stderr and "bad.txt" in loud.stderr and "info: " not in loud.stderr
    verbose = run_cli("clean", str(root), "--out", str(tmp_path / "o"), "-v")
    assert "info: " in verbose.stderr and "1 articles read" in verbose.stderr


def test_easy_words_come_from_textstat_not_its_file_path():
    from textstat.backend.utils import get_lang_easy_words

    from analysis.lexicons import easy_words

    assert easy_words() == frozenset(get_lang_easy_words("en"))
    assert "resources/en" not in (ROOT / "analysis" / "lexicons.py").read_text().split("fallback")[0]


def test_a_one_table_corpus_is_never_overwritten_by_its_outputs(tmp_path):
    """Review finding: `clean folder/articles.csv --out folder` replaced the user's table with ours."""
    folder = tmp_path / "c"
    folder.mkdir()
    table = folder / "articles.csv"
    table.write_text('id,outlet,text\na,Wire,"' + ARTICLE.replace('"', '""') + '"\n', encoding="utf-8")
    before = table.read_bytes()
    result = run_cli("clean", str(table), "--out", str(folder))
    assert result.returncode == 2 and "contains the corpus file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert table.read_bytes() == before


def test_the_reports_tables_are_neutralised_too(tmp_path):
    """Review finding: the report's OUT/tables/*.csv bypassed the one safe writer."""
    import pandas as pd

    from analysis.report import export_tables_to, table_html

    export_tables_to(tmp_path)
    try:
        table_html(pd.DataFrame({"text": ['=HYPERLINK("http://evil.example","x")'], "label": ["@SUM(1)"]}),
                   name="quotes")
        with pytest.raises(ValueError):
            table_html(pd.DataFrame({"a": [1]}), name="../escape")
    finally:
        export_tables_to(None)
    written = (tmp_path / "tables" / "quotes.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written and "'@SUM(1)" in written
    assert not (tmp_path.parent / "escape.csv").exists()
