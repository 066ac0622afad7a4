"""The report notebooks: committed clean; executed on the default corpus, on a multi-outlet
multi-story corpus (tests/data/events40), on a generated ~200-article corpus (size and layout) and
on hostile input; every page read as a reader reads it."""
from __future__ import annotations

import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.report import render_report, report_notebooks

from conftest import ARTICLE, ROOT, SEED_IDS

EVENTS40 = ROOT / "tests" / "data" / "events40"
MAX_PAGE_BYTES = 10 * 1024 * 1024

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


def replicated_corpus(folder: Path, copies: int = 6, outlets: int = 4) -> Path:
    """events40's articles from its first ``outlets`` outlets, each told ``copies`` times (a week
    apart, with a closing line that makes each copy a distinct text): about 200 articles."""
    from datetime import date, timedelta

    folder.mkdir(parents=True)
    with open(EVENTS40 / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(EVENTS40 / "truth.csv", encoding="utf-8", newline="") as f:
        story = {r["id"]: r["story"] for r in csv.DictReader(f)}
    keep = sorted({r["outlet"] for r in rows})[:outlets]
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        manifest = csv.writer(f)
        manifest.writerow(["id", "path", "outlet", "title", "date", "story"])
        for k in range(copies):
            for row in (r for r in rows if r["outlet"] in keep):
                source = EVENTS40 / row["path"]
                text = source.read_text(encoding="utf-8")
                line = f"This is edition {k + 1} of the desk's weekly digest."
                if source.suffix == ".html":
                    body = text.index("<article")
                    cut = text.find("\n<p>", body) + 1 or text.index("<p", body)  # a body paragraph
                    text = f"{text[:cut]}<p>{line} The desk checked every figure again this week.</p>{text[cut:]}"
                else:
                    text = f"{text.rstrip()}\n\n{line}\n"
                name = f"c{k}-{source.name}"
                (folder / name).write_text(text, encoding="utf-8")
                when = date.fromisoformat(row["date"]) + timedelta(days=7 * k)
                manifest.writerow([f"c{k}{row['id']}", name, row["outlet"], row["title"], when.isoformat(),
                                   f"{story[row['id']]}-{k}"])
    return folder


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


class Page(HTMLParser):
    """What a reader meets on a page: its visible text, headings, ids, links and tables."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.headers: list[str] = []
        self.cells: list[str] = []
        self.events: list[tuple[str, str]] = []  # ("findings" | "h2", text) in page order
        self.text: list[str] = []
        self._skip = 0
        self._cell: list[str] | None = None
        self._kind: str | None = None
        self._h2: list[str] | None = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "section" and "cma-findings" in (attrs.get("class") or ""):
            self.events.append(("findings", ""))
        if tag == "h2":
            self._h2 = []
        if tag in ("th", "td"):
            self._cell, self._kind = [], tag

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "h2" and self._h2 is not None:
            self.events.append(("h2", "".join(self._h2).strip()))
            self._h2 = None
        if tag in ("th", "td") and self._cell is not None:
            (self.headers if self._kind == "th" else self.cells).append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        for part in (self._cell, self._h2):
            if part is not None:
                part.append(data)


def _pages(out: Path) -> dict[str, Page]:
    return {p.stem: Page(p.read_text(encoding="utf-8")) for p in sorted(out.glob("[0-9][0-9]_*.html"))}


@pytest.mark.parametrize("report", ["default_report", "events_report"])
def test_every_page_reads_as_a_reader_reads_it(report, request):
    out, _ = request.getfixturevalue(report)
    pages = _pages(out)
    assert len(pages) == len(NOTEBOOKS)
    for name, page in pages.items():
        source = (out / f"{name}.html").read_text(encoding="utf-8")
        assert len(source.encode("utf-8")) < MAX_PAGE_BYTES, name
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in source, name  # no warning on the page
        # findings first: the page's key findings come before its first section
        kinds = [kind for kind, _ in page.events]
        assert kinds and kinds[0] == "findings", (name, page.events[:3])
        # every link leads somewhere: a section of this page or another page, or an exported CSV
        for href in page.links:
            target, _, fragment = href.partition("#")
            if target.startswith("tables/"):
                assert (out / target).is_file(), (name, href)
            elif fragment:
                ids = page.ids if not target else _pages(out)[Path(target).stem].ids
                assert html.unescape(fragment) in ids or fragment in ids, (name, href)
        # headers are words; cells hold no programmer's values or markup
        assert page.headers and not [h for h in page.headers if "_" in h], (name, page.headers)
        bad = {"<NA>", "NaN", "nan", "None", "True", "False", "NaT", "<NA"}
        assert not [c for c in page.cells if c in bad], name
        text = " ".join(page.text)
        for mark in ("[[", "]]", " || ", "<NA>"):
            assert mark not in text, (name, mark)
        # names, not hashes: no article is shown by its file hash
        for article_id in SEED_IDS:
            assert article_id.split("_")[1] not in text, (name, article_id)


def test_the_summary_opens_with_what_the_data_support(default_report):
    out, _ = default_report
    summary = _pages(out)["50_summary"]
    source = (out / "50_summary.html").read_text(encoding="utf-8")
    assert summary.events[0] == ("findings", "")
    assert source.index('class="cma-findings"') < source.index("<picture") < source.index('class="cma-table-wrap"')


def test_the_lexicon_gap_table_has_one_row_per_word(default_report):
    from analysis import load_corpus, sentiment

    out, _ = default_report
    with open(out / "tables" / "sentiment_lexicon_gaps.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    words = [r["word"] for r in rows]
    caveats = sentiment.lexicon_caveats(sentiment.sentence_sentiment(load_corpus()))
    assert len(words) == len(set(words)) == caveats["word"].nunique()
    for row in rows:  # uses add up to the word's count in the independent long table
        assert int(float(row["uses"])) == caveats.loc[caveats["word"] == row["word"], "count"].sum()


def test_parameter_lines_parse_without_warnings(caplog):
    import logging

    import papermill

    with caplog.at_level(logging.WARNING):
        for notebook in NOTEBOOKS:
            declared = papermill.inspect_notebook(str(notebook))
            assert "corpus" in declared
    assert "Unable to parse" not in caplog.text


def test_a_report_run_is_quiet(tmp_path, capfd):
    messages = []
    books = [nb for nb in NOTEBOOKS if nb.stem == "20_sentiment"]
    render_report(None, tmp_path / "out", notebooks=books, progress=messages.append)
    captured = capfd.readouterr()
    assert "IPKernelApp" not in captured.err and "Unable to parse" not in captured.err + captured.out
    assert messages == ["[1/1] 20_sentiment.ipynb"]


def test_several_articles_per_outlet_give_outlet_level_views(events_report):
    out, _ = events_report
    figures = {p.stem for p in (out / "figures").glob("*.png")}
    assert {"corpus_coverage", "readability_article_grades", "sentiment_articles"} <= figures
    outlets = (out / "tables" / "corpus_outlets.csv").read_text(encoding="utf-8").splitlines()
    assert len(outlets) == 1 + 5  # one row per outlet, not per article
    questions = list(csv.DictReader(open(out / "tables" / "framing_questions.csv", encoding="utf-8")))
    assert len(questions) == 20 and set(questions[0]) >= {"Northline Wire", "City Pulse"}


def as_one_table(folder: Path, table: Path) -> Path:
    """The corpus of ``folder`` (manifest + files) as one CSV with one article per row, the way
    scrapers export it: plain text in ``text``, HTML pages in ``html``."""
    with open(folder / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(table, "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, ["id", "outlet", "title", "date", "story", "text", "html"])
        out.writeheader()
        for row in rows:
            content = (folder / row["path"]).read_text(encoding="utf-8")
            is_html = row["path"].endswith(".html")
            out.writerow({**{k: row[k] for k in ("id", "outlet", "title", "date", "story")},
                          "text": "" if is_html else content, "html": content if is_html else ""})
    return table


@pytest.fixture(scope="module")
def large_report(tmp_path_factory):
    """~190 articles from 4 outlets, given as ONE CSV file (issue 13: one table in), every notebook."""
    root = tmp_path_factory.mktemp("large")
    corpus = as_one_table(replicated_corpus(root / "corpus"), root / "corpus.csv")
    out = root / "out"
    render_report(corpus, out, figures_dir=out / "figures")
    return out, corpus


def test_a_large_corpus_renders_pages_that_stay_small(large_report):
    from PIL import Image

    out, corpus = large_report
    for page in out.glob("[0-9][0-9]_*.html"):
        assert page.stat().st_size < MAX_PAGE_BYTES / 4, page.name
        assert len(Page(page.read_text(encoding="utf-8")).cells) < 6_000, page.name  # top-N rows, not all
    for figure in (out / "figures").glob("*.png"):
        with Image.open(figure) as image:
            assert image.height < 2_400, (figure.name, image.size)  # no row per article
    assert len(list(out.glob("[0-9][0-9]_*.html"))) == len(NOTEBOOKS)
    articles = list(csv.DictReader(open(out / "tables" / "corpus_articles.csv", encoding="utf-8")))
    assert len(articles) >= 180  # the full table is in the CSV
    stories = list(csv.DictReader(open(out / "tables" / "corpus_stories.csv", encoding="utf-8")))
    factory = next(s for s in stories if s["story"] == "factory-closure-0")  # from the manifest's story column
    assert factory["covered_by"] == "City Pulse, Harbor Gazette, Metro Minute, Northline Wire"


CANARY = "<script>alert(1)</script>"


def test_article_text_is_escaped_everywhere(tmp_path):
    # the outlet's name has a tag and braces: a name used as a Markdown template would crash the page
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        f"{CANARY}\n\n{ARTICLE}\n\nShe wrote <img src=x onerror=alert(2)> in a post. "
        f"\u201c{CANARY} is not code,\u201d said the editor.\n", encoding="utf-8")
    (corpus / "plain.txt").write_text(ARTICLE.replace("library", "swimming pool"), encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "id,path,outlet,title\nevil,evil.txt,<b>Bold</b> {x} News,\nplain,plain.txt,Plain Post,\n",
        encoding="utf-8")
    out = tmp_path / "out"
    render_report(corpus, out, figures_dir=out / "figures")
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>Bold" not in text, page.name
    corpus_page = (out / "00_corpus.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in corpus_page  # shown as text, not dropped


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
    assert len(pages) == len(NOTEBOOKS) + 1 and "only one outlet, nothing to compare" in summary


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


def test_a_failed_run_leaves_the_previous_report_as_it_was(tmp_path):
    """Issue 17: a run's pages appear together or not at all. The first notebook renders, the
    second fails: no page of the failed run reaches ``out``, the earlier report stays, and no
    staging folder is left behind."""
    import nbformat

    from analysis import AnalysisError

    def notebook(name: str, code: str):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell("corpus = None", metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(code)]
        path = tmp_path / name
        nbformat.write(nb, path)
        return path

    good, broken = notebook("01_good.ipynb", "print('fine')"), notebook("02_broken.ipynb", "1 / 0")
    out = tmp_path / "out"
    out.mkdir()
    (out / "01_good.html").write_text("the previous report", encoding="utf-8")
    with pytest.raises(AnalysisError, match="02_broken.ipynb: failed in cell"):
        render_report(None, out, notebooks=[good, broken])
    assert (out / "01_good.html").read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in out.iterdir()) == ["01_good.html"]
    pages = render_report(None, out, notebooks=[good])
    assert [p.name for p in pages] == ["01_good.html", "index.html"]
    assert "fine" in (out / "01_good.html").read_text(encoding="utf-8")
    assert str(out) in (out / "01_good.ipynb").read_text(encoding="utf-8")  # not the staging folder
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_folder_and_the_same_corpus_as_one_csv_give_the_same_corpus(tmp_path):
    """The large report runs on the CSV form; here both forms give the same articles, outlets,
    stories and body sentences (only the path column differs), so that report stands for both."""
    from analysis import load_corpus

    folder = replicated_corpus(tmp_path / "corpus", copies=2)
    table = as_one_table(folder, tmp_path / "corpus.csv")
    a, b = load_corpus(folder), load_corpus(table)
    columns = ["id", "outlet", "story", "title", "date", "n_sentences", "n_words", "quote_share"]
    assert a.articles[columns].equals(b.articles[columns])
    assert a.body()[["article", "text", "voice"]].equals(b.body()[["article", "text", "voice"]])
