"""Every report page in a real browser (headless Chromium): article text never runs, the page's
own table script does (under its Content-Security-Policy), no page is wider than the screen at
1280 and 390 px, and figure text is no smaller than the body text on a phone.

With CI=true a missing browser is a failure, not a skip (.ci/run installs Debian's chromium)."""
from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.report import render_report, report_notebooks

from conftest import ARTICLE

NOTEBOOKS = report_notebooks()
pytestmark = pytest.mark.notebook
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars"]
WIDTHS = (1280, 390)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def require_chromium() -> str:
    """The browser's path; without one, skip here and fail in CI."""
    browser = find_chromium()
    if browser is None:
        message = "Chromium is not installed (Debian package 'chromium')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}: in CI the browser tests must run (.ci/run installs it)")
        pytest.skip(message)
    return browser


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


def run_browser(browser: str, profile: Path, *args: str) -> str:
    result = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                            text=True, timeout=180)
    return result.stdout


def test_ci_fails_without_a_browser(monkeypatch):
    """The fixture's rule, checked without a browser: CI=true turns the skip into a failure."""
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="in CI the browser tests must run"):
        require_chromium()


HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="page" style="width:WIDTHpx;height:1000px;border:0;display:block"></iframe>
<script>
var frame = document.getElementById("page");
frame.addEventListener("load", function () {
  var doc = frame.contentDocument, win = frame.contentWindow, root = doc.documentElement, body = doc.body;
  var text = doc.querySelector(".jp-RenderedMarkdown p, .jp-RenderedHTMLCommon p");
  var figures = Array.prototype.map.call(doc.querySelectorAll("img.cma-figure"), function (img) {
    var phone = img.currentSrc !== img.src;
    var pt = parseFloat(img.getAttribute(phone ? "data-phone-font-pt" : "data-font-pt"));
    var shown = img.getBoundingClientRect().width;
    return {phone: phone, px: pt * 150 / 72 * shown / img.naturalWidth, shown: shown, alt: img.alt};
  });
  document.body.setAttribute("data-measure", JSON.stringify({
    inner: win.innerWidth, root: root.scrollWidth, body: body.scrollWidth,
    bodyPx: parseFloat(win.getComputedStyle(text || body).fontSize), figures: figures}));
});
frame.srcdoc = PAGE;
</script></body></html>"""


def measured(browser: str, page: Path, width: int, folder: Path) -> dict:
    """Layout of ``page`` in a frame ``width`` px wide (headless windows are at least 500 px),
    measured by the harness page around it. The page's Content-Security-Policy is dropped from
    the copy in the frame: it would forbid nothing here, the frame runs no script of its own
    except the page's table script."""
    source = re.sub(r'<meta[^>]*Content-Security-Policy[^>]*>', "", page.read_text(encoding="utf-8"))
    harness = HARNESS.replace("WIDTH", str(width)).replace(
        "PAGE", json.dumps(source).replace("</", "<\\/"))
    copy = folder / f"{page.stem}-{width}.html"
    copy.write_text(harness, encoding="utf-8")
    dom = run_browser(browser, folder / f"profile-{page.stem}-{width}", f"--window-size={max(width, 500) + 40},1000",
                      "--virtual-time-budget=10000", "--dump-dom", copy.as_uri())
    found = re.search(r'data-measure="([^"]*)"', dom)
    assert found, f"{page.name} at {width}px: the measuring script did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("report", ["default_report", "events_report"])
def test_no_page_is_wider_than_the_screen_and_figure_text_is_readable(report, request, chromium, tmp_path):
    out, _ = request.getfixturevalue(report)
    for page in sorted(out.glob("[0-9][0-9]_*.html")):
        for width in WIDTHS:
            m = measured(chromium, page, width, tmp_path)
            assert m["inner"] == width
            assert m["root"] <= width and m["body"] <= width, (page.name, width, m["root"], m["body"])
            assert m["figures"], page.name
            for figure in m["figures"]:
                assert figure["phone"] == (width < 640), (page.name, width)
                # no figure text smaller than the body text (half a pixel for rounding)
                assert figure["px"] >= m["bodyPx"] - 0.5, (page.name, width, figure["alt"][:60], figure["px"])


def test_the_table_script_runs_under_the_pages_policy(default_report, chromium, tmp_path):
    out, _ = default_report
    page = out / "20_sentiment.html"
    source = page.read_text(encoding="utf-8")
    assert "script-src 'sha256-" in source and "'unsafe-inline'" not in source.split("script-src")[1].split(";")[0]
    dom = run_browser(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    tables = int(re.search(r'data-cma-tables="(\d+)"', dom).group(1))
    assert tables == source.count('class="cma-table-wrap"') > 5
    explorable = len(re.findall(r'<div class="cma-table-wrap"[^>]*data-explore', source))
    assert dom.count('class="cma-controls"') == explorable > 0  # filter + CSV download on long tables
    assert 'role="button"' not in source and 'role="button"' in dom  # sortable headers, added by the script


def test_article_text_never_runs_in_a_real_browser(tmp_path, chromium):
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
        dom = run_browser(chromium, tmp_path / f"profile-{nb.stem}", "--dump-dom", page.as_uri())
        assert "<body" in dom and 'data-pwned="yes"' not in dom
        assert 'data-cma-tables="' in dom  # the page's own script did run
        images = re.findall(r'<img[^>]*alt="([^"]*)"[^>]*src="data:image/png;base64,([^"]+)"', dom)
        assert images, nb.stem
        for alt, data in images:
            assert alt and base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"  # every figure is a real PNG
        shot = out / f"{nb.stem}.png"
        run_browser(chromium, tmp_path / f"shot-{nb.stem}", "--window-size=1200,1600", f"--screenshot={shot}",
                    page.as_uri())
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert "&lt;script&gt;document.body.setAttribute" in (out / "00_corpus.html").read_text(encoding="utf-8")
