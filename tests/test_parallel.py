"""Per-article work split over processes or a Dask cluster gives the tables of one process.

The oracle is the plain call of each measure on the whole corpus; the split runs the same
functions on partitions of a few articles in worker processes (forked, and on a real
distributed.LocalCluster with 2 worker processes) and must give equal tables, and the
subcommands run against the cluster must write the same CSV files as without it.
"""
from __future__ import annotations

import filecmp
import io

import pandas as pd
import pytest

from analysis import framing, load_corpus, parallel, readability, sentiment
from analysis.actors import actor_mentions, actors_for
from conftest import ROOT, generated_with_copies

EVENTS40 = ROOT / "tests" / "data" / "events40"


@pytest.fixture(scope="module")
def events():
    return load_corpus(EVENTS40)


@pytest.fixture
def split(monkeypatch):
    """Every corpus split into partitions of 7 articles over 2 local worker processes."""
    monkeypatch.setattr(parallel, "MIN_ARTICLES", 1)
    monkeypatch.setenv(parallel.PARTITION_ENV, "7")
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    parallel.configure(None)
    yield
    parallel.configure(None)


def _measures(corpus):
    """(function, first argument, further arguments) of every per-article table the commands map."""
    people = actors_for(corpus, None)
    book = framing.load_codebook(None)
    scored = sentiment.sentence_sentiment(corpus)
    sentences = readability.sentence_table(corpus)
    return [
        (readability.sentence_table, corpus, ()),
        (readability.article_scores, corpus, (sentences,)),
        (sentiment.sentence_sentiment, corpus, (None,)),
        (sentiment.driver_table, scored, (None,)),
        (actor_mentions, scored, (people,)),
        (framing.code_frames, corpus, (book,)),
        (framing.evidence_table, corpus, (book,)),
        (framing.extract_quotes, corpus, (people,)),
        (framing.attribution_verbs, corpus, (people,)),
        (framing.sources, corpus, ()),
        (framing.actor_labels, corpus, (people,)),
    ]


def test_partitions_hold_whole_articles(events):
    ids = parallel.article_ids(events)
    parts = [parallel.partition(events, chunk) for chunk in parallel.chunks(ids, 7)]
    assert len(parts) == 6 and sum(len(p.articles) for p in parts) == len(events.articles)
    assert sum(len(p.sentences) for p in parts) == len(events.sentences)
    for part in parts:
        assert set(part.sentences["article"]) == set(part.articles["id"])
        assert part.labels == {i: events.labels[i] for i in part.articles["id"]}


def test_two_worker_processes_give_the_tables_of_one(events, split):
    for func, first, args in _measures(events):
        expected = func(first, *args)
        got = parallel.per_article(func, first, *args)
        assert len(got) == len(expected) > 0 or func is framing.sources, func.__name__
        pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=func.__name__)


def test_one_pool_for_a_run_gives_the_tables_of_one_process(events, split):
    # inside worker_pool() the partitions are cut here and sent to one pool that serves every call
    with parallel.worker_pool():
        for func, first, args in _measures(events):
            got = parallel.per_article(func, first, *args)
            pd.testing.assert_frame_equal(got, func(first, *args), check_exact=True, obj=func.__name__)


def test_several_tables_from_one_pass_are_each_the_tables_of_one_process(events, split):
    people, book = actors_for(events, None), framing.load_codebook(None)
    with parallel.worker_pool():
        split_tables = parallel.per_article(framing.article_tables, events, book, people)
    evidence = framing.evidence_table(events, book)
    one_by_one = (evidence, framing.code_frames(events, book, evidence=evidence),
                  framing.extract_quotes(events, people), framing.attribution_verbs(events, people),
                  framing.sources(events), framing.actor_labels(events, people))
    assert len(split_tables) == len(one_by_one)
    for got, expected in zip(split_tables, one_by_one):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_partitions_cut_by_take_and_by_slice_hold_the_rows_of_a_filter(events):
    # rows of one article apart from each other (a shuffled table) are taken, contiguous ones sliced
    table = sentiment.sentence_sentiment(events)
    shuffled = table.sample(frac=1.0, random_state=3).reset_index(drop=True)
    for data in (table, shuffled):
        ids = parallel.article_ids(data)[5:12]
        expected = data[data["article"].isin(ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(parallel.partition(data, ids), expected, check_exact=True)


def test_outlet_intervals_on_two_workers_equal_those_of_one_process(events, split):
    from analysis.stories import with_stories

    corpus = with_stories(events)
    sentences = readability.sentence_table(corpus)
    expected = readability.intervals(corpus, sentences=sentences, n_boot=300)
    with parallel.worker_pool():  # each outlet's bootstrap a task on the run's workers
        got = readability.intervals(corpus, sentences=sentences, n_boot=300)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_small_corpora_stay_in_this_process(seed_corpus, monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    calls = []
    monkeypatch.setattr(parallel, "_on_processes", lambda *a: calls.append(a))
    table = parallel.per_article(readability.sentence_table, seed_corpus)
    assert calls == [] and len(table) == 114


def test_empty_partitions_keep_the_column_types():
    a = pd.DataFrame({"article": ["x"], "n": [1]})
    empty = pd.DataFrame({"article": [], "n": []})
    assert parallel.concat([empty, a, empty])["n"].dtype == "int64"
    assert parallel.concat([empty, empty]) is empty


def test_progress_only_on_a_terminal(monkeypatch):
    from analysis import progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    import logging

    package = logging.getLogger("analysis")
    level = package.level
    package.setLevel(logging.INFO)
    try:
        assert not progress.enabled(io.StringIO())  # a file, a pipe, papermill's kernel
        assert progress.enabled(Terminal())
        package.setLevel(logging.ERROR)  # -q
        assert not progress.enabled(Terminal())
    finally:
        package.setLevel(level)
    monkeypatch.setenv(progress.PROGRESS_ENV, "0")
    assert not progress.enabled(Terminal())
    items = [1, 2, 3]
    assert progress.progress(items) is items


# --- a real Dask cluster ------------------------------------------------------------------------

def test_cluster_gives_the_tables_of_one_process(events, cluster, monkeypatch):
    monkeypatch.setenv(parallel.PARTITION_ENV, "7")
    parallel.configure(cluster)
    try:
        for func, first, args in _measures(events):
            expected = func(first, *args)
            got = parallel.per_article(func, first, *args)
            pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=func.__name__)
        assert len(parallel.dask_client().scheduler_info()["workers"]) == 2
    finally:
        parallel.configure(None)
        parallel.close()


def _awkward_corpus(folder):
    """events40 plus what the merge step must see whole: a second copy of an article, a German
    article, an empty file, a binary file, an undated date and a table-like stray file."""
    import shutil

    shutil.copytree(EVENTS40, folder)
    first = sorted(folder.glob("*.txt"))[0]
    (folder / "zz-copy.txt").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "zz-german.txt").write_text(
        "Der Stadtrat hat am Montag den Haushalt beschlossen. Die Mehrheit war knapp, und die "
        "Opposition kündigte Widerstand an. Es geht um die Schulen und um die Straßen der Stadt.",
        encoding="utf-8")
    (folder / "zz-empty.txt").write_text("", encoding="utf-8")
    (folder / "zz-binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "zz-notes.pdf").write_bytes(b"%PDF-1.4")
    return folder


def _same_corpus(got, expected):
    for name, table in expected.tables().items():
        pd.testing.assert_frame_equal(got.tables()[name], table, check_exact=True, obj=name)
    assert got.warnings == expected.warnings and got.inputs == expected.inputs


def test_cleaning_on_two_local_workers_gives_the_corpus_of_one_process(tmp_path, monkeypatch):
    from pathlib import Path

    folder = _awkward_corpus(tmp_path / "corpus")
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    expected = load_corpus(folder)
    monkeypatch.setattr(parallel, "MIN_ARTICLES", 1)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setenv(parallel.PARTITION_ENV, "7")
    pools = []
    real = parallel.map_local
    monkeypatch.setattr(parallel, "map_local", lambda f, parts, *a, **k: pools.append(len(parts)) or real(f, parts, *a, **k))
    seen = []
    got = load_corpus(folder, progress=lambda done, total, name: seen.append((done, total)))
    assert pools == [7]  # 44 sources in partitions of 7, over two forked workers
    _same_corpus(got, expected)
    done, total = max(seen)
    assert done == total == 44 and len(seen) == 7  # 44 readable sources (the .pdf is not one)
    assert Path(folder, "zz-copy.txt").exists()


def test_cleaning_on_the_cluster_gives_the_corpus_of_one_process(cluster, tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)  # a relative corpus path: the workers' working folder is another
    folder = _awkward_corpus(Path("corpus"))
    expected = load_corpus(folder)
    problems = {w.problem.split(" (")[0] for w in expected.warnings}
    assert {"file is empty", "binary file, not text", "not a .txt or .html file"} <= problems
    assert any(w.action == "skipped as a duplicate" for w in expected.warnings)
    assert len(expected.excluded) == 1
    monkeypatch.setenv(parallel.PARTITION_ENV, "7")
    parallel.configure(cluster)
    calls = []
    real = parallel.map_tasks
    monkeypatch.setattr(parallel, "map_tasks", lambda f, parts, *a, **k: calls.append(len(parts)) or real(f, parts, *a, **k))
    try:
        got = load_corpus(folder)
    finally:
        parallel.configure(None)
        parallel.close()
    assert calls == [7]  # 45 files in partitions of 7: one task each
    _same_corpus(got, expected)


def test_parquet_folder_on_the_cluster_gives_the_corpus_of_one_process(cluster, tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    from analysis import tables
    from test_tables import events40_parquet_folder

    monkeypatch.chdir(tmp_path)
    folder = events40_parquet_folder(type(tmp_path)("parquet"))
    monkeypatch.setattr(tables, "ROWS_PER_PART", 8)
    expected = load_corpus(folder)
    parallel.configure(cluster)
    try:
        got = load_corpus(folder)
    finally:
        parallel.configure(None)
        parallel.close()
    assert len(got.articles) == 39 and len(got.warnings) == 4
    _same_corpus(got, expected)


def test_commands_on_the_cluster_write_the_same_files(cluster, tmp_path, monkeypatch):
    from analysis.cli import main

    monkeypatch.setenv(parallel.PARTITION_ENV, "7")
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    local, remote = tmp_path / "local", tmp_path / "cluster"
    try:
        for command in ("clean", "readability", "sentiment", "framing", "overlap"):
            assert main([command, str(EVENTS40), "--out", str(local)]) == 0
            assert parallel.scheduler() is None
            assert main([command, str(EVENTS40), "--out", str(remote), "--scheduler", cluster]) == 0
            assert parallel.scheduler() == cluster
    finally:
        parallel.configure(None)
        parallel.close()
    names = sorted(p.name for p in local.glob("*.csv"))
    assert len(names) >= 15 and names == sorted(p.name for p in remote.glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(local, remote, names, shallow=False)
    assert mismatch == [] and errors == []


def test_scheduler_from_the_environment(cluster, tmp_path, monkeypatch):
    from analysis.cli import main

    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster)
    try:
        assert main(["readability", str(EVENTS40), "--out", str(tmp_path)]) == 0
        assert parallel.scheduler() == cluster
    finally:
        monkeypatch.delenv("DASK_SCHEDULER_ADDRESS")
        parallel.configure(None)
        parallel.close()
    assert (tmp_path / "readability_sentences.csv").exists()


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    from analysis.cli import main

    monkeypatch.setenv(parallel.TIMEOUT_ENV, "2s")
    try:
        code = main(["readability", str(ROOT / "data"), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"])
    finally:
        parallel.configure(None)
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("error: tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert "Traceback" not in err


def test_without_a_scheduler_dask_is_never_imported(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys; from analysis.cli import main; main(['readability', '--out', %r]); "
            "print('dask' in sys.modules, 'distributed' in sys.modules)" % str(tmp_path))
    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


def test_parquet_tables_equal_the_computed_ones(seed_corpus, tmp_path):
    pytest.importorskip("pyarrow")
    from analysis.cli import main

    assert main(["readability", "--out", str(tmp_path), "--format", "parquet"]) == 0
    written = pd.read_parquet(tmp_path / "readability_sentences.parquet")
    pd.testing.assert_frame_equal(written, readability.sentence_table(seed_corpus), check_exact=True)
    assert not list(tmp_path.glob("*.csv"))


# --- overlap: candidate pairs and alignment as tasks ---------------------------------------------

@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """160 generated articles plus syndicated copies across stories (near-duplicates)."""
    return generated_with_copies(tmp_path_factory.mktemp("generated") / "corpus", 160, 3, slice(None, 60, 12))


def test_lsh_bands_as_a_shuffle_give_the_pairs_of_datasketch(generated, monkeypatch):
    from analysis import overlap

    _ids, documents = overlap._article_documents(generated)
    monkeypatch.setattr(overlap, "DOCUMENTS_PER_TASK", 40)
    for threshold in (overlap.NEAR_DUPLICATE, overlap.LSH_THRESHOLD):
        expected = overlap.lsh_pairs(documents, threshold=threshold)  # datasketch's MinHashLSH
        assert overlap.lsh_band_pairs(documents, threshold=threshold) == expected
        assert len(expected) >= 5
    near = overlap.lsh_pairs(documents, threshold=overlap.NEAR_DUPLICATE)
    assert {j for _i, j in near if j >= 160} == {160, 161, 162, 163, 164}  # each copy and its original


def _fresh(corpus):
    """The corpus without overlap's caches (candidate pairs, vectors)."""
    from dataclasses import replace

    fresh = replace(corpus)
    fresh.__dict__["stories"] = corpus.__dict__.get("stories")
    return fresh


@pytest.mark.parametrize("which", ["events40", "generated"])
def test_overlap_on_the_cluster_gives_the_matches_of_one_process(which, events, generated, cluster, monkeypatch):
    from analysis import overlap
    from analysis.stories import with_stories

    corpus = with_stories(events) if which == "events40" else generated
    expected_pairs = overlap.candidate_pairs(_fresh(corpus))
    expected = overlap.sentence_matches(_fresh(corpus))
    monkeypatch.setattr(overlap, "DOCUMENTS_PER_TASK", 30)
    monkeypatch.setattr(overlap, "SENTENCES_PER_GROUP", 100)
    groups = []
    real = parallel.map_tasks
    monkeypatch.setattr(parallel, "map_tasks", lambda f, parts, *a, **k: groups.append(len(parts)) or real(f, parts, *a, **k))
    parallel.configure(cluster)
    try:
        remote = _fresh(corpus)
        got = overlap.distributed_sentence_matches(remote)
        pd.testing.assert_frame_equal(overlap.candidate_pairs(remote), expected_pairs, check_exact=True)
    finally:
        parallel.configure(None)
        parallel.close()
    assert groups and groups[-1] >= 3  # several groups of stories, one task each (after the TF-IDF counts)
    assert len(expected) > 50
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_long_tables_written_in_pieces_are_the_csv_of_the_whole(events, split, tmp_path, monkeypatch):
    # oracle: pandas writing the whole neutralised table at once; formula cells in several pieces
    from analysis import outputs_atomic

    table = readability.sentence_table(events)
    table.loc[3, "text"] = "=HYPERLINK(1)"
    table.loc[len(table) - 2, "text"] = "+1\r\nline"
    expected = tmp_path / "whole.csv"
    outputs_atomic.neutralised(table).to_csv(expected, index=False)
    monkeypatch.setattr(outputs_atomic, "CSV_PIECE_ROWS", 97)
    with parallel.worker_pool():
        outputs_atomic.write_csv(table, tmp_path / "pieces.csv")
    outputs_atomic.write_csv(table, tmp_path / "here.csv")
    assert (tmp_path / "pieces.csv").read_bytes() == expected.read_bytes()
    assert (tmp_path / "here.csv").read_bytes() == expected.read_bytes()


def test_an_input_error_raised_in_a_worker_crosses_back_whole():
    """A worker's AnalysisError is pickled back to the main process: it must arrive as itself (the
    one-line message), not as a broken pool."""
    import pickle

    from analysis.errors import AnalysisError

    error = AnalysisError("a\nb.txt", "the 'parser' extra is missing")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is AnalysisError and (back.where, back.problem) == (error.where, error.problem)
    assert str(back) == "a\\nb.txt: the 'parser' extra is missing"
