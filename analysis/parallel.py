"""Per-article work on every core, or on a Dask cluster, with the same tables as one core.

:func:`per_article` splits a corpus (or a table with an ``article`` column) into partitions of
whole articles, calls one function on each partition and concatenates the tables in corpus
order. It is only for functions that work article by article (each output row depends on one
article's sentences), which is what makes the result equal to one call on the whole corpus
(tests/test_parallel.py). Statistics across articles (bootstrap intervals with one random
stream, outlet totals) stay out of it.

Where the partitions run:

* default: in this process below ``MIN_ARTICLES`` articles (starting processes and copying the
  partitions to them costs more than it saves), else in a pool of worker processes, one per core
  (``MEDIA_ANALYSIS_WORKERS`` sets the number; 1 keeps everything in-process). Large corpora are
  partitioned even on one core: each partition's work then stays proportional to its own size.
  Inside :func:`worker_pool` (each command's run) one pool serves every call, and
  :func:`map_local` puts other independent pieces on it (one outlet's bootstrap, a piece of a
  long CSV file); outside it each call forks a pool of its own.
* a Dask scheduler (``configure("tcp://host:8786")``, the ``--scheduler`` option or the
  ``DASK_SCHEDULER_ADDRESS`` environment variable; ``processes`` starts a local cluster): every
  partition is one Dask task. Dask is imported only then.

Progress over partitions is shown on a terminal only (:mod:`analysis.progress`).
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

MIN_ARTICLES = 200  # below this, one process does everything (measured: benchmarks/scale.py)
ARTICLES_PER_PARTITION = 250
WORKERS_ENV = "MEDIA_ANALYSIS_WORKERS"
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
PARTITION_ENV = "MEDIA_ANALYSIS_PARTITION"
TIMEOUT_ENV = "MEDIA_ANALYSIS_DASK_TIMEOUT"

_scheduler: str | None = None
_client = None


def configure(scheduler: str | None = None) -> None:
    """Run :func:`per_article` on a Dask scheduler (an address, or "processes" for a local
    cluster); ``None`` falls back to ``DASK_SCHEDULER_ADDRESS`` if set, else to local processes."""
    global _scheduler, _client
    wanted = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if wanted != _scheduler and _client is not None:
        close()
    _scheduler = wanted


def close() -> None:
    """Disconnect from (and stop, if we started it) the Dask cluster."""
    global _client
    if _client is not None:
        cluster = getattr(_client, "_owned_cluster", None)
        _client.close()
        if cluster is not None:
            cluster.close()
        _client = None


def scheduler() -> str | None:
    return _scheduler


def workers() -> int:
    """Local worker processes to use: ``MEDIA_ANALYSIS_WORKERS``, else the cores available."""
    value = os.environ.get(WORKERS_ENV, "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- partitions -------------------------------------------------------------------------------

def _is_corpus(data) -> bool:
    # by its shape, not its class: corpus.py maps its cleaning through this module
    return hasattr(data, "articles") and hasattr(data, "sentences") and hasattr(data, "removed")


def article_ids(data) -> list[str]:
    """The articles of a corpus or table, in order."""
    import pandas as pd

    if _is_corpus(data):
        return data.articles["id"].tolist()
    return pd.unique(data["article"]).tolist()  # in order of first appearance


def partition(data, ids: list[str], rows: "RowIndex | None" = None):
    """The part of a corpus, or of a table with an ``article`` column, about ``ids``
    (``rows``: the :class:`RowIndex` of ``data``, when cutting it many times)."""
    from dataclasses import replace

    if not (_is_corpus(data) or _is_article_table(data)):
        return data
    rows = rows if rows is not None else RowIndex(data)
    if _is_corpus(data):
        return replace(data, articles=rows.cut("articles", ids), sentences=rows.cut("sentences", ids),
                       removed=rows.cut("removed", ids), warnings=[], excluded=None, inputs={})
    return rows.cut("table", ids)


class RowIndex:
    """Where each article's rows are in a corpus's tables (or in one table with an ``article``
    column), found once: cutting a partition is then a ``take`` of its rows, not a scan of the
    whole table per partition (which made the partitioning quadratic in the corpus)."""

    def __init__(self, data):
        if _is_corpus(data):
            self.tables = {"articles": (data.articles, "id"), "sentences": (data.sentences, "article"),
                           "removed": (data.removed, "article")}
        else:
            self.tables = {"table": (data, "article")}
        self._found: dict[str, tuple] = {}

    def _positions(self, name: str) -> tuple:
        found = self._found.get(name)
        if found is None:
            import numpy as np
            import pandas as pd

            table, column = self.tables[name]
            codes, uniques = pd.factorize(table[column])  # missing ids: -1, in no partition
            known = codes >= 0
            order = np.flatnonzero(known)[np.argsort(codes[known], kind="stable")]
            ends = np.cumsum(np.bincount(codes[known], minlength=len(uniques)))
            code_of = {key: k for k, key in enumerate(uniques.tolist())}
            found = self._found[name] = (code_of, order, ends)
        return found

    def cut(self, name: str, ids: list[str]) -> "pd.DataFrame":
        """The rows of table ``name`` about ``ids``, in the table's order, numbered from 0."""
        import numpy as np

        table = self.tables[name][0]
        code_of, order, ends = self._positions(name)
        pieces = [order[(ends[k - 1] if k else 0):ends[k]] for k in (code_of.get(i) for i in ids) if k is not None]
        rows = np.sort(np.concatenate(pieces)) if pieces else np.empty(0, dtype=np.intp)
        if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
            # an article's rows usually come together: a slice, where ``take`` on a column of
            # many Arrow chunks (a table concatenated from partitions) reads the whole column
            return table.iloc[rows[0]:rows[-1] + 1].reset_index(drop=True)
        return table.take(rows).reset_index(drop=True)


def _is_article_table(value) -> bool:
    import pandas as pd

    return isinstance(value, pd.DataFrame) and "article" in value.columns


def chunks(ids: list[str], size: int) -> list[list[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


# --- mapping --------------------------------------------------------------------------------

def per_article(func: Callable[..., "pd.DataFrame"], data, *args, desc: str | None = None,
                **kwargs) -> "pd.DataFrame":
    """``func(data, *args, **kwargs)``, computed partition by partition of articles.

    ``data`` is a :class:`~analysis.corpus.Corpus` or a table with an ``article`` column; any
    further argument that is such a table is cut to the same articles. ``func`` must be a
    module-level function (it is sent to other processes by name) that works article by article;
    it may return a tuple of tables (several tables from one pass), then so does this.
    """
    ids = article_ids(data)
    local = workers()
    if _scheduler is None and (len(ids) < MIN_ARTICLES):
        return func(data, *args, **kwargs)
    parts = [ids] if not ids else chunks(ids, partition_size(len(ids), local))
    cutter = _Cutter(data, args, kwargs)
    label = desc or getattr(func, "__name__", "partitions")
    if _scheduler is not None:
        tables = _on_dask(func, cutter, parts, label)
    elif local > 1 and len(parts) > 1:
        tables = _on_processes(func, cutter, parts, min(local, len(parts)), label)
    else:
        from .progress import progress

        tables = [cutter.call(func, part) for part in progress(parts, desc=label)]
    return concat(tables)


def partition_size(n: int, local: int) -> int:
    """Articles per partition: ``MEDIA_ANALYSIS_PARTITION`` if set, else enough partitions to keep
    every worker busy to the end and none so small that per-task overhead shows."""
    value = os.environ.get(PARTITION_ENV, "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return max(50, min(ARTICLES_PER_PARTITION, -(-n // (4 * max(local, 1)))))


class _Cutter:
    """``data`` and every article table among the arguments, cut to the same articles; where
    their rows are is found once per call of :func:`per_article`, not once per partition."""

    def __init__(self, data, args: tuple, kwargs: dict):
        self.data, self.args, self.kwargs = data, args, kwargs
        self.rows: dict[int, RowIndex] = {}

    def _cut(self, value, ids):
        if not (_is_corpus(value) or _is_article_table(value)):
            return value
        rows = self.rows.get(id(value))
        if rows is None:
            rows = self.rows[id(value)] = RowIndex(value)
        return partition(value, ids, rows)

    def cut(self, ids: list[str]) -> tuple:
        """(data, args, kwargs) of the partition ``ids``."""
        return (self._cut(self.data, ids), tuple(a if not _is_article_table(a) else self._cut(a, ids) for a in self.args),
                {k: v if not _is_article_table(v) else self._cut(v, ids) for k, v in self.kwargs.items()})

    def call(self, func, ids: list[str]):
        return _apply(func, *self.cut(ids))


def _apply(func, data, args: tuple, kwargs: dict):
    return func(data, *args, **kwargs)


def concat(tables: list["pd.DataFrame"]) -> "pd.DataFrame":
    """Partition tables in order, as one table: empty ones left out, so that column types are
    those of the rows (an empty partition's columns are all 'object'). A function that makes
    several tables in one pass returns a tuple of them per partition: then a tuple of tables."""
    import pandas as pd

    if tables and isinstance(tables[0], tuple):
        return tuple(concat([t[k] for t in tables]) for k in range(len(tables[0])))
    full = [t for t in tables if len(t)]
    if not full:
        return tables[0]
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    return pd.concat(full, ignore_index=True)


# --- local worker processes -----------------------------------------------------------------
#
# Outside a run (a notebook calling one measure), each per_article call forks its own pool: the
# workers inherit the corpus instead of receiving a copy, and see the program as it is now.
# Inside ``worker_pool()`` (a command's run), one pool serves every call: its workers keep what
# they loaded and cached (pronouncing dictionary, syllable and word caches, the VADER analyzer,
# compiled cue patterns) from one call to the next, and each partition is sent to them, cut here.

_session: dict | None = None  # the run's pool, while ``worker_pool()`` is open


@contextmanager
def worker_pool() -> Iterator[None]:
    """One pool of local worker processes for every :func:`per_article` (and
    :func:`map_local`) call inside: started at the first call that needs it, stopped on leaving."""
    global _session
    if _session is not None:  # already inside one
        yield
        return
    _session = {}
    try:
        yield
    finally:
        pool, _session = _session.get("pool"), None
        if pool is not None:
            pool.shutdown(wait=True)


def _session_pool():
    """The run's pool (``workers()`` processes, forked where the system can), started once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = _session.get("pool")
    if pool is None:
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        pool = _session["pool"] = ProcessPoolExecutor(workers(), mp_context=context)
    return pool


def map_local(func: Callable[..., Any], items: list, *args, desc: str = "tasks",
              finished: Callable[[int], None] | None = None, own_pool: bool = False) -> list:
    """``[func(item, *args) for item in items]``, in order, on local worker processes when there
    are more than one worker and item (and no Dask scheduler): the run's pool inside
    :func:`worker_pool`; outside one, a pool forked for this call (which inherits the items) if
    ``own_pool`` (worth it for long work only), else here. For work that splits into independent
    pieces other than articles of a corpus (files to clean, one bootstrap per outlet, pieces of a
    CSV); ``func`` must be a module-level function and give the same result wherever it runs.
    ``finished(k)`` is called here as item ``k`` is done."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _pending_items
    forking = own_pool and "fork" in multiprocessing.get_all_start_methods()
    if _scheduler is not None or workers() < 2 or len(items) < 2 or (_session is None and not forking):
        results = []
        for k, item in enumerate(items):
            results.append(func(item, *args))
            if finished is not None:
                finished(k)
        return results
    if _session is not None:
        pool = _session_pool()
        return _collected({pool.submit(func, item, *args): k for k, item in enumerate(items)},
                          as_completed, len(items), desc, finished)
    _pending_items = (func, items, args)
    try:
        with ProcessPoolExecutor(min(workers(), len(items)), mp_context=multiprocessing.get_context("fork")) as pool:
            return _collected({pool.submit(_run_pending_item, k): k for k in range(len(items))},
                              as_completed, len(items), desc, finished)
    finally:
        _pending_items = None


_pending_items: tuple | None = None  # what a pool forked by map_local inherits: (function, items, args)


def _run_pending_item(index: int):
    func, items, args = _pending_items
    return func(items[index], *args)


def _collected(futures: dict, as_completed, total: int, label: str, finished) -> list:
    """:func:`_in_order`, calling ``finished(k)`` as each item ``k`` is done."""
    if finished is None:
        return _in_order(futures, as_completed, total, label)
    results: list[Any] = [None] * total
    for future in as_completed(futures):
        results[futures[future]] = future.result()
        finished(futures[future])
    return results


def _cut_and_call(ids: list[str], func, cutter: "_Cutter"):
    return cutter.call(func, ids)


def _on_processes(func, cutter: _Cutter, parts: list, n_workers: int, label: str):
    """Partitions over worker processes; results come back in order. Inside ``worker_pool()``
    the run's pool gets each partition cut here; otherwise a pool forked for this call inherits
    the data and cuts its own partitions (:func:`map_local`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if _session is not None:
        pool = _session_pool()
        futures = {pool.submit(_apply, func, *cutter.cut(part)): k for k, part in enumerate(parts)}
        return _in_order(futures, as_completed, len(parts), label)
    if "fork" not in multiprocessing.get_all_start_methods():  # spawn: send the data itself
        with ProcessPoolExecutor(n_workers) as pool:
            futures = {pool.submit(_apply, func, *cutter.cut(part)): k for k, part in enumerate(parts)}
            return _in_order(futures, as_completed, len(parts), label)
    return map_local(_cut_and_call, parts, func, cutter, desc=label, own_pool=True)


def _in_order(futures: dict, as_completed, total: int, label: str) -> list:
    from .progress import progress

    results: list[Any] = [None] * total
    for future in progress(as_completed(futures), total=total, desc=label):
        results[futures[future]] = future.result()
    return results


def dask_client():
    """The Dask client for the configured scheduler, connected (or started) once."""
    global _client
    if _client is None:
        import atexit

        from .errors import AnalysisError

        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise AnalysisError(_scheduler, "a Dask scheduler needs dask and distributed "
                                "(pip install 'dask[distributed]')") from None
        try:
            if _scheduler == "processes":
                cluster = LocalCluster(n_workers=workers(), threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                _client = Client(cluster)
                _client._owned_cluster = cluster
            else:
                _client = Client(_scheduler, timeout=os.environ.get(TIMEOUT_ENV, "30s"))
        except (OSError, TimeoutError, ValueError) as exc:
            raise AnalysisError(_scheduler, f"cannot reach the Dask scheduler ({exc.__class__.__name__})") from None
        atexit.register(close)
        log.info("Dask scheduler %s with %d workers", _scheduler,
                 len(_client.scheduler_info().get("workers", {})))
    return _client


def _on_dask(func, cutter: _Cutter, parts: list, label: str):
    """One Dask task per partition; the partitions are cut here and sent with their task."""
    from distributed import as_completed

    client = dask_client()
    futures = {}
    for k, ids in enumerate(parts):
        data, cut_args, cut_kwargs = cutter.cut(ids)
        future = client.submit(func, data, *cut_args, pure=False, **cut_kwargs)
        futures[future] = k
    return _in_order(futures, as_completed, len(parts), label)


# --- any work in parts ------------------------------------------------------------------------

def map_tasks(func: Callable[..., Any], parts: list, *args, desc: str = "tasks") -> list:
    """``[func(part, *args) for part in parts]``, in order: one Dask task per part with a
    scheduler, else in this process. ``func`` must be a module-level function."""
    if _scheduler is None:
        from .progress import progress

        return [func(part, *args) for part in progress(parts, desc=desc)]
    from distributed import as_completed

    client = dask_client()
    futures = {client.submit(func, part, *args, pure=False): k for k, part in enumerate(parts)}
    return _in_order(futures, as_completed, len(parts), desc)


def map_shuffle(mapper: Callable[..., list], parts: list, reducer: Callable[[list], Any], buckets: int,
                *args, desc: str = "shuffle") -> list:
    """A shuffle: ``mapper(part, buckets, *args)`` returns one list per bucket for each part; then
    ``reducer`` gets bucket k of every part, for each k. On a Dask cluster both stages are tasks
    and the pieces go from worker to worker, not through this process; without one, the same
    functions run here. Returns the reducers' results in bucket order."""
    if _scheduler is None:
        mapped = [mapper(part, buckets, *args) for part in parts]
        return [reducer([m[k] for m in mapped]) for k in range(buckets)]
    import operator

    client = dask_client()
    mapped = [client.submit(mapper, part, buckets, *args, pure=False) for part in parts]
    pieces = [[client.submit(operator.getitem, m, k, pure=False) for m in mapped] for k in range(buckets)]
    reduced = [client.submit(reducer, piece, pure=False) for piece in pieces]
    log.debug("%s: %d parts into %d buckets", desc, len(parts), buckets)
    return client.gather(reduced)

