"""Showing results safely, and rendering the report notebooks to HTML.

Article text is untrusted: every table shown goes through :func:`show_table`
(``DataFrame.to_html`` escapes cells and headers) and every piece of text put into Markdown goes
through :func:`escape_text`. nbconvert does not sanitise ``text/html`` outputs, so this is the
only line of defence and the test suite checks it with a ``<script>`` canary.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

import numpy as np

from .errors import AnalysisError
from .outputs_atomic import STAGING_PREFIX, interrupts_held, write_csv, write_text
from .paths import NOTEBOOKS_DIR, PACKAGE_DIR

TEMPLATES_DIR = PACKAGE_DIR / "templates"

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~$-])")

# Column names as a reader says them; any other column: underscores to spaces, first letter capital.
COLUMN_NAMES = {
    "ci_low": "95% interval, low", "ci_high": "95% interval, high", "label": "outlet",
    "article_label": "article", "n_boot": "bootstrap replicates", "n": "count",
    "n_sentences": "sentences", "n_words": "words", "n_paragraphs": "paragraphs", "n_headings": "headings",
    "n_articles": "articles", "n_corpus_sentences": "sentences", "quote_share": "share quoted",
    "quoted_sentences": "quoted sentences", "removed_blocks": "blocks removed",
    "re_reported_from": "re-reports", "re_reports": "re-reports", "lexicon_count": "words (textstat)",
    "sentence_count": "sentences (textstat)", "consensus_grade": "consensus grade",
    "grade_spread": "grade spread", "vader_valence": "VADER valence", "compound": "sentiment (compound)",
    "mean_compound": "mean sentiment", "whole_text_compound": "whole-text sentiment",
    "share_negative": "share negative", "share_positive": "share positive", "share_neutral": "share neutral",
    "frame_present": "share of questions yes", "present": "yes?", "a_in_b": "share of A in B",
    "b_in_a": "share of B in A", "article_a": "article A", "article_b": "article B",
    "sentence_a": "sentence of A", "sentence_b": "sentence of B", "text_a": "text of A", "text_b": "text of B",
    "separable": "separable (Holm-corrected)", "estimate": "estimate", "kind": "kind", "f1": "F1",
    "speaker_as_written": "speaker as written", "share_of_article": "share of article",
    "flesch_kincaid_grade": "Flesch-Kincaid grade", "sentence_words_mean": "words per sentence",
    "syllables_per_word_mean": "syllables per word", "unique_content": "unique content",
    "grade_level": "grade level", "mean_sentiment": "mean sentiment", "dominant_frames": "dominant frames",
    "direct_quotation": "direct quotation", "most_quoted": "most quoted",
}
_KWIC = re.compile(r"\[\[(.*?)\]\]")
_LONG_TEXT = 40  # mean characters from which a column is set as wrapped running text


def column_title(column: object) -> str:
    """The header a reader sees for a column name (``ci_low`` -> "95% interval, low")."""
    name = str(column)
    words = COLUMN_NAMES.get(name) or name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def escape_text(text: object) -> str:
    """Text safe to put into Markdown (and HTML text): tags escaped, Markdown syntax neutralised.
    Apostrophes stay as they are: "&#x27;" has a "#", whose Markdown escape would break the entity
    and show "Holm&#x27;s" on the page."""
    escaped = html.escape(str(text), quote=False).replace('"', "&quot;")
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def _is_missing(value: object) -> bool:
    """None, NaN, pandas' NA or NaT (scalars only)."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and value != value


def cell_html(value: object, float_format: str = "{:.2f}") -> tuple[str, str | None, bool]:
    """(escaped HTML, sortable value or None, is a number) of one table cell, as a reader reads it:
    missing as a dash, booleans as yes/no, cue words ``[[like this]]`` highlighted, `` || ``
    as a new line and `` | `` as a semicolon."""
    import numbers

    if _is_missing(value):
        return "–", "", False
    if isinstance(value, (bool, np.bool_)):
        return ("yes" if value else "no"), None, False
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value)), str(int(value)), True
    if isinstance(value, numbers.Real):
        return html.escape(float_format.format(float(value))), repr(float(value)), True
    escaped = html.escape(str(value), quote=True)
    escaped = _KWIC.sub(r"<mark>\1</mark>", escaped)
    escaped = escaped.replace(" || ", "<br>").replace(" | ", "; ")
    return escaped, None, False


_OUTPUT: dict[str, Path | None] = {"dir": None}


def export_tables_to(out_dir: str | Path | None) -> None:
    """Write the full table behind every named :func:`show_table` to ``out_dir/tables/NAME.csv``
    and link it under the table (the report sets this once per notebook; None: no export)."""
    _OUTPUT["dir"] = Path(out_dir) if out_dir else None


def _export_csv(table: "pd.DataFrame", name: str) -> str | None:
    """Relative link to the table written as CSV, or None when no output folder is set."""
    if _OUTPUT["dir"] is None:
        return None
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or name.startswith("."):
        raise ValueError(f"table name {name!r}: letters, digits, '_', '-' and '.' only")
    folder = _OUTPUT["dir"] / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(table, folder / f"{name}.csv")  # the one safe writer: formula cells neutralised, atomic
    return f"tables/{name}.csv"


def table_html(table: "pd.DataFrame", *, max_rows: int = 60, float_format: str = "{:.2f}",
               caption: str | None = None, name: str | None = None,
               formats: dict[str, str] | None = None, export: "pd.DataFrame | None" = None) -> str:
    """Escaped HTML of a table for readers: headers in words, every cell escaped, long text
    wrapped in a readable column, the first ``max_rows`` rows shown (sortable; filterable with a
    CSV download when long) and, with ``name``, the full table exported as CSV and linked
    (``export``, when given: the machine-readable table behind a table formatted for reading)."""
    full = table if export is None else export
    if {"article", "label"} <= set(table.columns) and (table["article"] == table["label"]).all():
        table = table.drop(columns=["article"])  # each article is its own outlet: say it once
    shown = table.head(max_rows)
    columns = list(shown.columns)
    long_text = {c for c in columns
                 if sum(len(v) for v in shown[c] if isinstance(v, str)) > _LONG_TEXT * max(len(shown), 1)}
    head = "".join(f"<th scope=\"col\">{html.escape(column_title(c))}</th>" for c in columns)
    rows = []
    for record in shown.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(columns, record):
            text, sort_value, number = cell_html(value, (formats or {}).get(column, float_format))
            classes = "cma-num" if number else ("cma-text" if column in long_text else "")
            attrs = (f' class="{classes}"' if classes else "") + (
                f' data-value="{html.escape(sort_value)}"' if sort_value is not None else "")
            cells.append(f"<td{attrs}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    link = _export_csv(full, name) if name else None
    notes = []
    if len(table) > max_rows:
        notes.append(f"Showing the first {max_rows:,} of {len(table):,} rows.")
    if link:
        notes.append(f'<a href="{html.escape(link)}" download>All {len(table):,} rows as CSV</a>.')
    elif len(table) > max_rows:
        notes.append("The full table is in the CSV export.")
    more = f"<p class='cma-more'>{' '.join(notes)}</p>" if notes else ""
    cap = f"<p class='cma-caption'>{html.escape(caption)}</p>" if caption else ""
    explore = " data-explore" if len(shown) > 10 else ""
    data_name = f' data-name="{html.escape(name)}"' if name else ""
    return (f"<div class=\"cma-table-wrap\"{explore}{data_name}>{cap}<div class=\"cma-scroll\">"
            f"<table class=\"cma-table\"><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table></div>{more}</div>")


def show_table(table: "pd.DataFrame", **kwargs):
    """Display a DataFrame in a notebook, escaped (see :func:`table_html`)."""
    from IPython.display import HTML

    return HTML(table_html(table, **kwargs))


def show_markdown(template: str, **values):
    """Markdown with ``{name}`` fields filled by escaped values (safe for article text)."""
    from IPython.display import Markdown

    return Markdown(template.format(**{k: escape_text(v) for k, v in values.items()}))


def _png_bytes(fig: "Figure") -> bytes:
    import io

    from .figures import DPI

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def figure_html(fig: "Figure | Callable[[float], Figure]", name: str,
                figures_dir: str | Path | None = None) -> str:
    """Save a figure as PNG and SVG and return its HTML: an ``<img>`` with the figure's titles as
    alternative text. Given a function of the width (``build(width) -> Figure``), the figure is
    also drawn at phone width with larger text, and the page picks it on narrow screens."""
    import base64

    from .figures import (DESKTOP_FONT_SIZE, DESKTOP_WIDTH, PHONE_FONT_SIZE, PHONE_WIDTH, figure_style,
                          save_figure, smallest_text)

    build = fig if callable(fig) and not hasattr(fig, "savefig") else None
    with figure_style(DESKTOP_FONT_SIZE):
        desktop = build(DESKTOP_WIDTH) if build else fig
        png, _svg = save_figure(desktop, name, figures_dir)
        smallest = smallest_text(desktop)
    titles = [desktop._suptitle.get_text()] if desktop._suptitle is not None else []
    titles += [ax.get_title(loc) for ax in desktop.axes for loc in ("left", "center")]
    alt = html.escape(" ".join(" ".join(t.split()) for t in titles if t) or name.replace("_", " "), quote=True)
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    img = (f'<img alt="{alt}" class="cma-figure" data-font-pt="{smallest:.1f}" '
           f'src="data:image/png;base64,{data}">')
    if build is None:
        return img
    with figure_style(PHONE_FONT_SIZE):
        phone = build(PHONE_WIDTH)
        phone_png = _png_bytes(phone)
        phone_smallest = smallest_text(phone)
    phone_data = base64.b64encode(phone_png).decode("ascii")
    img = img.replace("<img ", f'<img data-phone-font-pt="{phone_smallest:.1f}" ', 1)
    return (f'<picture><source media="(max-width: 40em)" srcset="data:image/png;base64,{phone_data}">'
            f"{img}</picture>")


def show_figure(fig: "Figure | Callable[[float], Figure]", name: str, figures_dir: str | Path | None = None):
    """Display a figure saved as PNG and SVG (see :func:`figure_html`)."""
    from IPython.display import HTML

    return HTML(figure_html(fig, name, figures_dir))


def with_article_labels(table: "pd.DataFrame", corpus, columns=("article", "article_a", "article_b"),
                        text_columns: Iterable[str] = ()) -> "pd.DataFrame":
    """``table`` with article ids replaced by the short article labels readers see everywhere: in
    the id ``columns``, and inside the sentences of ``text_columns`` (e.g. a verdict naming ids)."""
    names = corpus.articles.set_index("id")["article_label"]
    changed = {c: table[c].map(names).fillna(table[c]) for c in columns if c in table.columns}
    renamed = {k: v for k, v in names.items() if k != v}
    if renamed:
        pattern = re.compile("|".join(re.escape(k) for k in sorted(renamed, key=len, reverse=True)))
        for column in text_columns:
            if column in table.columns:
                changed[column] = table[column].astype(str).str.replace(pattern, lambda m: renamed[m.group(0)],
                                                                        regex=True)
    return table.assign(**changed)


def article_key(corpus) -> "pd.DataFrame":
    """The key from short article labels to outlets, titles and dates."""
    columns = [c for c in ("article_label", "label", "title", "date", "story") if c in corpus.articles.columns]
    key = corpus.articles[columns]
    if "story" in key.columns and not key["story"].astype(bool).any():
        key = key.drop(columns=["story"])
    return key.rename(columns={"article_label": "article"})


def show_article_key(corpus, max_rows: int = 60):
    """A folded key table: article label -> outlet, title, date (full key in tables/article_key.csv)."""
    from IPython.display import HTML

    key = article_key(corpus)
    return HTML(f"<details class='cma-key'><summary>Key to the article labels ({len(key):,} articles)</summary>"
                + table_html(key, max_rows=max_rows, name="article_key") + "</details>")


def show_findings(findings: Iterable[tuple[str, str]], title: str = "What the data show"):
    """The page's key findings first, each a sentence (Markdown-free text, escaped here) with a
    link to the section that holds its evidence: ``[(sentence, "#Section-anchor"), ...]``."""
    from IPython.display import HTML

    items = "".join(f'<li>{html.escape(text)} <a href="{html.escape(href, quote=True)}">Evidence</a></li>'
                    if href else f"<li>{html.escape(text)}</li>" for text, href in findings)
    return HTML(f'<section class="cma-findings"><h2>{html.escape(title)}</h2><ul>{items}</ul></section>')


# --- results shared by the pages of one report run --------------------------------------------
#
# Every page starts from the same corpus and several pages need the same tables (the summary
# needs nearly all of them). In a report run the corpus is loaded once, by the report command,
# and each such table is computed by the first page that needs it; the pages after it read the
# copy kept in the run's ``shared`` folder (pickles in a private staging folder of the run,
# deleted when the run ends). A notebook run on its own (``shared = None``) computes everything.

SHARED_CORPUS = "corpus.pkl"


def report_corpus(corpus: str | Path | None = None, *, manifest: str | Path | None = None,
                  shared: str | Path | None = None):
    """The corpus every page works on, with its stories: the report run's copy in ``shared``
    when there is one, else read, cleaned and segmented here."""
    if shared is not None and (Path(shared) / SHARED_CORPUS).is_file():
        return _read_pickle(Path(shared) / SHARED_CORPUS)
    from .corpus import load_corpus
    from .stories import with_stories

    return with_stories(load_corpus(corpus, manifest=manifest))


def share_corpus(corpus, shared: str | Path) -> Path:
    """Keep ``corpus`` in the run's ``shared`` folder for :func:`report_corpus`."""
    return _write_pickle(corpus, Path(shared) / SHARED_CORPUS)


def computed_once(shared: str | Path | None, corpus) -> Callable:
    """A function ``once(function, *args, **kwargs)`` that returns ``function(*args, **kwargs)``,
    computed by the first page of the report run that asks and read back by the others. Calls
    are told apart by the function and every argument (the run's corpus stands for itself; any
    other argument is compared by its pickled bytes, so two calls share a result only when all
    their arguments are equal). Without ``shared``: a plain call."""
    def once(function: Callable, *args, **kwargs):
        key = _call_key(function, args, kwargs, corpus) if shared is not None else None
        if key is None:
            return function(*args, **kwargs)
        path = Path(shared) / f"{key}.pkl"
        if path.is_file():
            return _read_pickle(path)
        result = function(*args, **kwargs)
        _write_pickle(result, path)
        return result

    return once


def _call_key(function: Callable, args: tuple, kwargs: dict, corpus) -> str | None:
    """A file name for one call's result; None when it cannot be told apart safely (a corpus
    other than the run's among its arguments)."""
    import hashlib
    import inspect
    import pickle

    from .corpus import Corpus

    # every argument by name, defaults filled in: f(corpus) and f(corpus, None) are one call
    bound = inspect.signature(function).bind(*args, **kwargs)
    bound.apply_defaults()
    if any(isinstance(v, Corpus) and v is not corpus for v in bound.arguments.values()):
        return None
    name = f"{function.__module__}.{function.__qualname__}"
    digest = hashlib.sha256(name.encode("utf-8"))
    for argument, value in bound.arguments.items():
        digest.update(argument.encode("utf-8"))
        digest.update(b"corpus" if value is corpus else pickle.dumps(value, protocol=5))
    return f"{name}-{digest.hexdigest()[:20]}"


def _write_pickle(value, path: Path) -> Path:
    import pickle

    from .outputs_atomic import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_bytes(pickle.dumps(value, protocol=5))
    return path


def _read_pickle(path: Path):
    import pickle

    # only ever a file this run wrote into its own private staging folder (mkdtemp, mode 700)
    return pickle.loads(path.read_bytes())


# --- rendering ------------------------------------------------------------------------------

def report_notebooks(directory: str | Path | None = None) -> list[Path]:
    """The report notebooks, in their numbered order."""
    folder = Path(directory) if directory else NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def notebook_title(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def render_report(
    corpus: str | Path | None,
    out: str | Path,
    *,
    figures_dir: str | Path | None = None,
    notebooks: Iterable[Path] | None = None,
    progress: Callable[[str], None] | None = None,
    options: dict[str, object] | None = None,
) -> list[Path]:
    """Execute each report notebook with papermill on ``corpus`` and render it to HTML, code hidden.

    Writes ``out/NAME.html`` per notebook, ``out/NAME.ipynb`` (executed), ``out/index.html``, and
    the figures to ``figures_dir`` (default ``out/figures``). Raises :class:`AnalysisError` naming
    the notebook and cell when a notebook fails. ``options`` (e.g. ``actors``,
    ``lexicon_additions``) go to the notebooks whose parameters cell declares them.
    """
    from nbconvert import HTMLExporter

    from .corpus import load_corpus
    from .stories import with_stories

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpus_path = str(Path(corpus).resolve()) if corpus else None
    # fail fast, with the one-line message, before starting kernels; the loader logs its warnings.
    # The pages then read this corpus, loaded once, instead of loading it again each
    loaded = with_stories(load_corpus(corpus_path, manifest=(options or {}).get("manifest")))
    figures = Path(figures_dir).resolve() if figures_dir else (out / "figures").resolve()
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES_DIR)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    resources = page_resources()
    entries = []
    books = list(notebooks) if notebooks is not None else report_notebooks()
    # every page, executed notebook, table and figure is made in a staging folder inside ``out``
    # and moved into place only when all notebooks ran: a failed or interrupted run leaves the
    # previous report as it was, never a mix of old and new pages
    stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    shared = stage / SHARED_STAGE
    try:
        shared.mkdir()
        share_corpus(loaded, shared)
        del loaded  # the kernels hold their own copy; this process need not keep one meanwhile
        with _stopped_by_interrupt() as interrupted:
            for number, notebook in enumerate(books, start=1):
                try:
                    page = _render_one(notebook, number, books, stage, corpus_path, stage / FIGURES_STAGE,
                                       exporter, {**(options or {}), "shared": str(shared)}, progress,
                                       resources)
                except BaseException:
                    if not interrupted:
                        raise
                    raise KeyboardInterrupt from None
                entries.append((page.name, notebook_title(notebook)))
        shutil.rmtree(shared)  # results for the pages of this run only, never part of the report
        write_text(_index_html(entries), stage / "index.html")
        for executed in stage.glob("*.ipynb"):  # its parameters name the folders it will live in
            text = executed.read_text(encoding="utf-8")
            text = text.replace(str(stage / FIGURES_STAGE), str(figures)).replace(str(stage), str(out))
            executed.write_text(text, encoding="utf-8")
        _move_into_place(stage, out, figures)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [out / name for name, _ in entries] + [out / "index.html"]


FIGURES_STAGE = "figures"
SHARED_STAGE = ".shared"


def _move_into_place(stage: Path, out: Path, figures: Path) -> None:
    """Move a finished report from its staging folder: figures to ``figures``, the rest to ``out``
    (renames where they can be; a figures folder on another file system is copied)."""
    moves = [(path, figures / path.relative_to(stage / FIGURES_STAGE)) if path.is_relative_to(stage / FIGURES_STAGE)
             else (path, out / path.relative_to(stage))
             for path in sorted(stage.rglob("*")) if path.is_file()]
    with interrupts_held():
        for source, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source), str(target))


@contextmanager
def _stopped_by_interrupt():
    """Ctrl-C or SIGTERM while notebooks run: kill the kernels this process started, stop within
    seconds (papermill alone goes on to the end), and let the caller drop the half-done page."""
    import signal
    import threading

    interrupted: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield interrupted
        return

    def stop(number, frame):
        interrupted.append(number)
        _kill_child_processes()
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield interrupted
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _kill_child_processes() -> None:
    import psutil

    for child in psutil.Process().children(recursive=True):
        try:
            child.kill()
        except psutil.Error:
            pass


def _render_one(notebook, number, books, out, corpus_path, figures, exporter, options, progress,
                resources) -> Path:
    """Execute one notebook and write its HTML page (atomically); returns the page."""
    import papermill

    if progress:
        progress(f"[{number}/{len(books)}] {notebook.name}")
    executed = out / notebook.name
    declared = papermill.inspect_notebook(str(notebook))
    parameters = {"corpus": corpus_path, "figures_dir": str(figures), "out_dir": str(out)}
    parameters.update({k: v for k, v in (options or {}).items() if k in declared and v is not None})
    try:
        papermill.execute_notebook(
            str(notebook), str(executed),
            parameters=parameters,
            kernel_name="python3", progress_bar=False, cwd=str(notebook.parent),
            log_output=False, stdout_file=None, stderr_file=None,
            # the kernel's own start-up chatter (e.g. "running over TCP without encryption":
            # it runs on this machine only) is not the user's business; errors still show
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as exc:
        raise AnalysisError(notebook.name, f"failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    _make_reproducible(executed)
    body, _ = exporter.from_filename(str(executed), resources=dict(resources))
    page = out / f"{notebook.stem}.html"
    write_text(body, page)
    return page


def page_resources() -> dict[str, str]:
    """What the page template needs: the table script, its CSP hash, the report's stylesheet."""
    import base64
    import hashlib

    script = (TEMPLATES_DIR / "offline" / "tables.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    css = (TEMPLATES_DIR / "offline" / "report.css").read_text(encoding="utf-8")
    return {"cma_script": script, "cma_script_hash": digest, "cma_css": css}


def _make_reproducible(executed: Path) -> None:
    """Drop what changes from run to run in an executed notebook: papermill's timings and the
    random id of its injected-parameters cell."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("papermill", None)
    for number, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = f"injected-parameters-{number}"
            # the run's shared results are gone once it ends: run again, the notebook computes them
            cell["source"] = re.sub(r'(?m)^shared = .*$', "shared = None", cell["source"])
    nbformat.write(nb, executed)


def _index_html(entries: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
                      for href, title in entries)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Comparative media analysis</title>"
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5}</style>"
            "</head><body><h1>Comparative media analysis</h1>"
            "<p>How the outlets in this corpus cover the same story. Each report below was "
            "generated from the corpus by <code>python -m analysis report</code>.</p>"
            f"<ol>\n{items}\n</ol></body></html>\n")
