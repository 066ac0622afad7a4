"""The report notebooks: committed clean, executed on the default corpus and on a hostile one."""
from __future__ import annotations

import json
import re

import pytest

from analysis.report import render_report, report_notebooks

from conftest import ARTICLE

NOTEBOOKS = report_notebooks()
pytestmark = pytest.mark.notebook


def test_there_are_report_notebooks():
    names = [nb.stem for nb in NOTEBOOKS]
    assert names[:2] == ["00_corpus", "10_readability"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_with_parameters_and_in_sync(notebook):
    import jupytext

    nb = json.loads(notebook.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and re.search(r"^corpus = ", "".join(tagged[0]["source"]), re.M)
    paired = jupytext.read(notebook.with_suffix(".py"))
    assert [c.source for c in paired.cells] == ["".join(c["source"]) for c in nb["cells"]], \
        f"{notebook.name} and its .py differ: run `jupytext --sync {notebook}`"


@pytest.fixture(scope="module")
def default_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    pages = render_report(None, out, figures_dir=out / "figures")
    return out, pages


def test_every_notebook_renders_without_code(default_report):
    out, pages = default_report
    assert {p.name for p in pages} == {f"{nb.stem}.html" for nb in NOTEBOOKS} | {"index.html"}
    index = (out / "index.html").read_text()
    for nb in NOTEBOOKS:
        page = (out / f"{nb.stem}.html").read_text()
        assert "from analysis" not in page  # code hidden
        assert "Traceback" not in page
        assert f'href="{nb.stem}.html"' in index
        assert "<script src=" not in page  # no CDN scripts: the report works offline


def test_figures_are_png_and_svg(default_report):
    out, _ = default_report
    pngs = {p.stem for p in (out / "figures").glob("*.png")}
    svgs = {p.stem for p in (out / "figures").glob("*.svg")}
    assert pngs == svgs and {"corpus_sentences", "readability_grade_intervals"} <= pngs


def test_report_is_deterministic(default_report, tmp_path):
    out, pages = default_report
    render_report(None, tmp_path, figures_dir=tmp_path / "figures")
    for page in pages:
        assert (tmp_path / page.name).read_bytes() == page.read_bytes(), page.name
    for figure in (out / "figures").iterdir():
        assert (tmp_path / "figures" / figure.name).read_bytes() == figure.read_bytes(), figure.name


CANARY = "<script>alert(1)</script>"


def test_article_text_is_escaped_everywhere(tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        f"{CANARY}\n\n{ARTICLE}\n\nShe wrote <img src=x onerror=alert(2)> in a post. "
        f"\u201c{CANARY} is not code,\u201d said the editor.\n", encoding="utf-8")
    (corpus / "plain.txt").write_text(ARTICLE.replace("library", "swimming pool"), encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "id,path,outlet,title\nevil,evil.txt,<b>Bold</b> News,\nplain,plain.txt,Plain Post,\n",
        encoding="utf-8")
    out = tmp_path / "out"
    render_report(corpus, out, figures_dir=out / "figures")
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>Bold" not in text, page.name
    corpus_page = (out / "00_corpus.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in corpus_page  # shown as text, not dropped


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (Debian package 'chromium'); "
                                                 "the escaping canary above still runs")
def test_report_in_a_real_browser_runs_no_article_script(tmp_path):
    import base64
    import subprocess

    corpus = tmp_path / "hostile"
    corpus.mkdir()
    payload = "<script>document.body.setAttribute('data-pwned', 'yes')</script>"
    (corpus / "evil.txt").write_text(f"{payload}\n\n{ARTICLE}\n\nShe posted {payload} online.\n", encoding="utf-8")
    (corpus / "plain.txt").write_text(ARTICLE.replace("library", "museum"), encoding="utf-8")
    out = tmp_path / "out"
    books = [nb for nb in NOTEBOOKS if nb.stem in ("00_corpus", "50_summary")]
    render_report(corpus, out, figures_dir=out / "figures", notebooks=books)
    for nb in books:
        page = out / f"{nb.stem}.html"
        common = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / ('profile-' + nb.stem)}"]
        dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                             timeout=120).stdout
        assert "<body" in dom and 'data-pwned="yes"' not in dom
        images = re.findall(r'<img alt="([^"]*)"[^>]*src="data:image/png;base64,([^"]+)"', dom)
        assert images, nb.stem
        for alt, data in images:
            assert alt and base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"  # every figure is a real PNG
        shot = out / f"{nb.stem}.png"
        subprocess.run([*common, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
                       capture_output=True, timeout=120)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert "&lt;script&gt;document.body.setAttribute" in (out / "00_corpus.html").read_text(encoding="utf-8")


def test_every_notebook_runs_on_a_one_article_corpus(tmp_path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "only.html").write_text(
        "<html><head><title>Library closes</title></head><body><article><h1>Library closes</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.strip().split("\n\n")) + "</article></body></html>",
        encoding="utf-8")
    out = tmp_path / "out"
    pages = render_report(corpus, out, figures_dir=out / "figures")
    summary = (out / "50_summary.html").read_text(encoding="utf-8")
    assert len(pages) == len(NOTEBOOKS) + 1 and "no pair of outlets can be told apart" in summary


def test_a_failing_notebook_is_named_with_its_cell(tmp_path):
    import nbformat

    from analysis import AnalysisError

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("corpus = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("1 / 0")]
    broken = tmp_path / "99_broken.ipynb"
    nbformat.write(nb, broken)
    with pytest.raises(AnalysisError, match=r"99_broken.ipynb: failed in cell \d+: ZeroDivisionError"):
        render_report(None, tmp_path / "out", notebooks=[broken])
