"""Tables as a reader reads them: headers in words, cells escaped and free of programmer's values,
long tables explorable, the full table exported as CSV; the page's one script allowed by hash."""
from __future__ import annotations

import base64
import hashlib
import re

import numpy as np
import pandas as pd
import pytest

from analysis import report


def test_headers_are_words():
    assert report.column_title("ci_low") == "95% interval, low"
    assert report.column_title("ci_high") == "95% interval, high"
    assert report.column_title("share_of_article") == "Share of article"
    assert "_" not in report.column_title("some_new_column")


def test_cells_read_as_words_and_stay_escaped():
    table = pd.DataFrame({
        "label": ["<b>Bold</b> News", "Plain"],
        "present": pd.array([True, pd.NA], dtype="boolean"),
        "separable": [False, np.nan],
        "evidence": ["s3: the [[mayor]] said || s5: a <script>x</script> | s6: [[blame]]", None],
        "ci_low": [0.123456, 2.0],
    })
    page = report.table_html(table)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page)
    assert cells[0] == "&lt;b&gt;Bold&lt;/b&gt; News" and "<script>" not in page
    assert cells[1] == "yes" and cells[6] == "–"  # True, and pandas' NA
    assert cells[2] == "no" and cells[7] == "–"  # False, and NaN
    assert cells[3] == "s3: the <mark>mayor</mark> said<br>s5: a &lt;script&gt;x&lt;/script&gt;; s6: <mark>blame</mark>"
    assert cells[4] == "0.12" and 'data-value="0.123456"' in page
    for raw in ("[[", "]]", "||", "<NA>", "True", "False", "NaN", "ci_low"):
        assert raw not in re.sub(r"<[^>]+>", "", page), raw


def test_long_tables_are_explorable_and_exported_whole(tmp_path):
    table = pd.DataFrame({"word": [f"w{k}" for k in range(100)], "count": range(100)})
    report.export_tables_to(tmp_path)
    try:
        page = report.table_html(table, max_rows=20, name="words")
    finally:
        report.export_tables_to(None)
    assert page.count("<tr>") == 21 and "data-explore" in page
    assert 'href="tables/words.csv"' in page and "Showing the first 20 of 100 rows" in page
    assert pd.read_csv(tmp_path / "tables" / "words.csv").equals(table)
    assert "<tbody></tbody>" in report.table_html(table.head(0).astype(object))  # an empty table is fine
    short = report.table_html(table.head(5))
    assert "data-explore" not in short and "tables/" not in short


def test_long_text_gets_a_readable_wrapped_column():
    table = pd.DataFrame({"n": [1, 2], "text": ["A sentence long enough to be running text in a report table."] * 2})
    page = report.table_html(table)
    assert page.count('class="cma-text"') == 2 and page.count('class="cma-num"') == 2


def test_the_page_allows_its_own_script_by_hash_only():
    resources = report.page_resources()
    digest = base64.b64encode(hashlib.sha256(resources["cma_script"].encode()).digest()).decode()
    assert resources["cma_script_hash"] == digest
    assert "innerHTML" not in resources["cma_script"]  # the script never writes markup
    template = (report.TEMPLATES_DIR / "offline" / "index.html.j2").read_text(encoding="utf-8")
    assert "script-src 'sha256-{{ resources.cma_script_hash }}'" in template and "unsafe-inline'; img" not in template


def test_article_ids_become_short_labels_in_columns_and_sentences(seed_corpus):
    ids = list(seed_corpus.articles["id"])
    table = pd.DataFrame({"article_a": ids[:1], "article_b": ids[1:2], "verdict": [f"{ids[1]} likely draws on {ids[0]}"]})
    shown = report.with_article_labels(table, seed_corpus, text_columns=("verdict",))
    assert list(shown.iloc[0]) == ["000", "002", "002 likely draws on 000"]


def test_a_table_several_pages_need_is_computed_once_per_run(seed_corpus, tmp_path):
    import dataclasses

    calls = []

    def measure(corpus, scale=1, *, note=""):
        calls.append((scale, note))
        return pd.DataFrame({"n": [len(corpus.articles) * scale]})

    shared = tmp_path / "shared"
    shared.mkdir()
    report.share_corpus(seed_corpus, shared)
    first = report.report_corpus(None, shared=shared)  # each page reads the run's copy
    second = report.report_corpus(None, shared=shared)
    assert first is not seed_corpus and first.articles.equals(seed_corpus.articles)
    page_one, page_two = report.computed_once(shared, first), report.computed_once(shared, second)
    assert page_one(measure, first)["n"].tolist() == [3]
    assert page_two(measure, second, 1)["n"].tolist() == [3]  # the default spelled out: the same call
    assert page_two(measure, second, scale=2)["n"].tolist() == [6]  # other arguments: computed
    assert page_two(measure, second, 2, note="x")["n"].tolist() == [6]
    assert calls == [(1, ""), (2, ""), (2, "x")]
    # another corpus than the run's is never answered from the run's results
    other = dataclasses.replace(second, articles=second.articles.head(1))
    assert page_two(measure, other)["n"].tolist() == [1] and len(calls) == 4
    # a notebook run on its own computes every time
    alone = report.computed_once(None, first)
    alone(measure, first), alone(measure, first)
    assert len(calls) == 6


def test_a_report_run_leaves_no_shared_results_behind(default_report):
    import json

    out, _ = default_report
    assert not list(out.rglob("*.pkl")) and not (out / ".shared").exists()
    for executed in out.glob("[0-9][0-9]_*.ipynb"):
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
        injected = next(c for c in cells if "injected-parameters" in c["metadata"].get("tags", []))
        assert "shared = None" in "".join(injected["source"]), executed.name


@pytest.mark.parametrize("text", [
    "after Holm's correction",  # an apostrophe's entity (&#x27;) lost its "#" to the Markdown escape
    'a "quoted" <script>alert(1)</script> #tag *bold* [link](u) & x > y',
    "C# and 50% & café_au_lait",
])
def test_escaped_text_reads_as_written_and_stays_text_once_markdown_renders_it(text):
    # the oracle: mistune, the Markdown renderer nbconvert uses; what a reader sees is the text itself
    import html

    import mistune

    from analysis.report import escape_text

    rendered = mistune.html(escape_text(text))
    assert "<script" not in rendered and "<a " not in rendered and "<em>" not in rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == text
