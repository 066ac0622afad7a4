"""Shared fixtures: the seed corpus (loaded once) and a helper that writes small corpora."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_IDS = ["000_9dac2022dfa1ae96", "002_f538877ab797614e", "003_8692a33c98afade4"]


@pytest.fixture(scope="session")
def seed_corpus():
    from analysis import load_corpus

    return load_corpus()


@pytest.fixture(scope="session", autouse=True)
def _resources():
    from analysis.resources import ensure_resources

    ensure_resources()


@pytest.fixture(scope="module")
def cluster():
    """A real Dask cluster on this machine (2 worker processes), for the module's tests."""
    distributed = pytest.importorskip("distributed")
    from analysis import parallel

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address
    parallel.close()


def generated_with_copies(folder: Path, n: int, seed: int, copied: slice):
    """A realistic generated corpus (benchmarks/generator.py: stories told by several outlets, real
    sentences, quotes) of ``n`` articles plus syndicated copies of the articles ``copied`` picks,
    filed under stories of their own (near-duplicates across stories), with its stories."""
    import importlib.util

    from analysis import load_corpus
    from analysis.stories import with_stories

    spec = importlib.util.spec_from_file_location("generator", ROOT / "benchmarks" / "generator.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    folder = generator.write_corpus(n, folder, seed=seed)
    rows = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
    for k, name in enumerate(sorted(folder.glob("*.txt"))[copied]):
        copy = f"wire-copy-{k}"
        (folder / f"{copy}.txt").write_text(name.read_text(encoding="utf-8") + "\nDistributed by Wire.\n",
                                            encoding="utf-8")
        rows.append(f"{copy},{copy}.txt,Wire Service,Copy {k},2025-06-0{k + 1},story-copy-{k}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return with_stories(load_corpus(folder))


@pytest.fixture
def write_corpus(tmp_path):
    """write_corpus({"a.txt": "text" or b"bytes", ...}) -> folder with those files."""
    def write(files: dict[str, str | bytes], folder: str = "corpus") -> Path:
        root = tmp_path / folder
        root.mkdir(exist_ok=True)
        for name, content in files.items():
            path = root / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root
    return write


def tree_digest(folder: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mtime of every file: to prove inputs are never modified."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=600)


ARTICLE = (
    "The city council voted on Tuesday to close the old library.\n\n"
    "Residents said the decision was rushed. \u201cWe were never asked,\u201d said Ana Ruiz, 54, "
    "who has used the library for decades.\n\n"
    "The mayor defended the plan, saying the building would cost $2 million to repair.\n"
)


# The rendered reports are shared by the notebook and browser tests: rendering is the slow part.
@pytest.fixture(scope="session")
def default_report(tmp_path_factory):
    from analysis.report import render_report

    out = tmp_path_factory.mktemp("report")
    pages = render_report(None, out, figures_dir=out / "figures")
    return out, pages


@pytest.fixture(scope="session")
def events_report(tmp_path_factory):
    """Every notebook on 40 articles from 5 outlets (several articles per outlet, 8 shared events)."""
    from analysis.report import render_report

    out = tmp_path_factory.mktemp("events40")
    pages = render_report(ROOT / "tests" / "data" / "events40", out, figures_dir=out / "figures")
    return out, pages
