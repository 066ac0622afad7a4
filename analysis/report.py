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
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .errors import AnalysisError
from .outputs_atomic import write_text
from .paths import NOTEBOOKS_DIR, PACKAGE_DIR

TEMPLATES_DIR = PACKAGE_DIR / "templates"

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~$-])")


def escape_text(text: object) -> str:
    """Text safe to put into HTML or Markdown: tags escaped, Markdown syntax neutralised."""
    escaped = html.escape(str(text), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def table_html(table: "pd.DataFrame", *, max_rows: int = 60, float_format: str = "{:.2f}",
               caption: str | None = None) -> str:
    """Escaped HTML of a table (every cell and header), long text wrapped, floats rounded."""
    shown = table.head(max_rows)
    body = shown.to_html(index=False, escape=True, na_rep="–", border=0,
                         float_format=lambda v: float_format.format(v), classes="cma-table")
    more = (f"<p class='cma-more'>{len(table) - max_rows} more rows not shown; "
            "the full table is in the CSV export.</p>") if len(table) > max_rows else ""
    cap = f"<p class='cma-caption'>{html.escape(caption)}</p>" if caption else ""
    style = ("<style>.cma-table{border-collapse:collapse;font-size:0.85em}"
             ".cma-table td,.cma-table th{padding:3px 8px;border-bottom:1px solid #ddd;"
             "text-align:left !important;vertical-align:top;max-width:46em;min-width:5em}"
             ".cma-table td:last-child{min-width:22em}</style>")
    return style + cap + body + more


def show_table(table: "pd.DataFrame", **kwargs):
    """Display a DataFrame in a notebook, escaped (see :func:`table_html`)."""
    from IPython.display import HTML

    return HTML(table_html(table, **kwargs))


def show_markdown(template: str, **values):
    """Markdown with ``{name}`` fields filled by escaped values (safe for article text)."""
    from IPython.display import Markdown

    return Markdown(template.format(**{k: escape_text(v) for k, v in values.items()}))


def show_figure(fig: "Figure", name: str, figures_dir: str | Path | None = None):
    """Save ``fig`` as PNG and SVG (see :func:`analysis.figures.save_figure`) and display the PNG,
    with the figure's titles as its alternative text."""
    import base64

    from IPython.display import HTML

    from .figures import save_figure

    png, _svg = save_figure(fig, name, figures_dir)
    titles = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    titles += [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")]
    alt = html.escape(" ".join(t for t in titles if t) or name.replace("_", " "), quote=True)
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return HTML(f'<img alt="{alt}" style="max-width:100%" src="data:image/png;base64,{data}">')


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
    import papermill
    from nbconvert import HTMLExporter

    from .corpus import load_corpus

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpus_path = str(Path(corpus).resolve()) if corpus else None
    manifest = (options or {}).get("manifest")
    load_corpus(corpus_path, manifest=manifest)  # fail fast, with the one-line message, before starting kernels
    figures = Path(figures_dir).resolve() if figures_dir else (out / "figures").resolve()
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES_DIR)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    written: list[Path] = []
    entries = []
    books = list(notebooks) if notebooks is not None else report_notebooks()
    with _stopped_by_interrupt() as interrupted:
        for number, notebook in enumerate(books, start=1):
            executed = out / notebook.name
            try:
                page = _render_one(notebook, number, books, out, corpus_path, figures, exporter, options,
                                   progress)
            except BaseException:
                if not interrupted:
                    raise
                executed.unlink(missing_ok=True)  # half executed: papermill writes as it goes
                raise KeyboardInterrupt from None
            written.append(page)
            entries.append((page.name, notebook_title(notebook)))
    index = out / "index.html"
    write_text(_index_html(entries), index)
    written.append(index)
    return written


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


def _render_one(notebook, number, books, out, corpus_path, figures, exporter, options, progress) -> Path:
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
        )
    except papermill.PapermillExecutionError as exc:
        raise AnalysisError(notebook.name, f"failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    _make_reproducible(executed)
    body, _ = exporter.from_filename(str(executed))
    page = out / f"{notebook.stem}.html"
    write_text(body, page)
    return page


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
    nbformat.write(nb, executed)


def _index_html(entries: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
                      for href, title in entries)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Comparative media analysis</title>"
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}</style>"
            "</head><body><h1>Comparative media analysis</h1>"
            "<p>How the outlets in this corpus cover the same story. Each report below was "
            "generated from the corpus by <code>python -m analysis report</code>.</p>"
            f"<ol>\n{items}\n</ol></body></html>\n")
