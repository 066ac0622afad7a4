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
* a Dask scheduler (``configure("tcp://host:8786")``, the ``--scheduler`` option or the
  ``DASK_SCHEDULER_ADDRESS`` environment variable; ``processes`` starts a local cluster): every
  partition is one Dask task. Dask is imported only then.

Progress over partitions is shown on a terminal only (:mod:`analysis.progress`).
"""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any, Callable

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
_pending: tuple | None = None  # what forked workers inherit: (function, partitions, args, kwargs)


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
    if _is_corpus(data):
        return list(data.articles["id"])
    return list(dict.fromkeys(data["article"]))


def partition(data, ids: list[str]):
    """The part of a corpus, or of a table with an ``article`` column, about ``ids``."""
    from dataclasses import replace

    wanted = set(ids)
    if _is_corpus(data):
        return replace(data, articles=_rows_of(data.articles, "id", wanted),
                       sentences=_rows_of(data.sentences, "article", wanted),
                       removed=_rows_of(data.removed, "article", wanted),
                       warnings=[], excluded=None, inputs={})
    if _is_article_table(data):
        return _rows_of(data, "article", wanted)
    return data


def _rows_of(table: "pd.DataFrame", column: str, wanted: set) -> "pd.DataFrame":
    return table[table[column].isin(wanted)].reset_index(drop=True)


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
    module-level function (it is sent to other processes by name) that works article by article.
    """
    ids = article_ids(data)
    local = workers()
    if _scheduler is None and (len(ids) < MIN_ARTICLES):
        return func(data, *args, **kwargs)
    parts = [(data, ids)] if not ids else [(data, part) for part in chunks(ids, partition_size(len(ids), local))]
    label = desc or getattr(func, "__name__", "partitions")
    if _scheduler is not None:
        tables = _on_dask(func, parts, args, kwargs, label)
    elif local > 1 and len(parts) > 1:
        tables = _on_processes(func, parts, args, kwargs, min(local, len(parts)), label)
    else:
        from .progress import progress

        tables = [_call(func, d, p, args, kwargs) for d, p in progress(parts, desc=label)]
    return concat(tables)


def partition_size(n: int, local: int) -> int:
    """Articles per partition: ``MEDIA_ANALYSIS_PARTITION`` if set, else enough partitions to keep
    every worker busy to the end and none so small that per-task overhead shows."""
    value = os.environ.get(PARTITION_ENV, "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    return max(50, min(ARTICLES_PER_PARTITION, -(-n // (4 * max(local, 1)))))


def _call(func, data, ids, args, kwargs):
    """``func`` on the partition ``ids`` of ``data`` (and of every article table in ``args``)."""
    cut = partition(data, ids)
    args = tuple(partition(a, ids) if _is_article_table(a) else a for a in args)
    kwargs = {k: partition(v, ids) if _is_article_table(v) else v for k, v in kwargs.items()}
    return func(cut, *args, **kwargs)


def concat(tables: list["pd.DataFrame"]) -> "pd.DataFrame":
    """Partition tables in order, as one table: empty ones left out, so that column types are
    those of the rows (an empty partition's columns are all 'object')."""
    import pandas as pd

    full = [t for t in tables if len(t)]
    if not full:
        return tables[0]
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    return pd.concat(full, ignore_index=True)


def _run_pending(index: int):
    func, parts, args, kwargs = _pending
    data, ids = parts[index]
    return _call(func, data, ids, args, kwargs)


def _on_processes(func, parts, args, kwargs, n_workers: int, label: str):
    """Partitions over a pool of forked processes, which inherit them instead of receiving a
    copy; results come back in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _pending
    if "fork" not in multiprocessing.get_all_start_methods():  # spawn: send the data itself
        with ProcessPoolExecutor(n_workers) as pool:
            futures = {pool.submit(_call, func, d, p, args, kwargs): k for k, (d, p) in enumerate(parts)}
            return _in_order(futures, as_completed, len(parts), label)
    _pending = (func, parts, args, kwargs)
    try:
        with ProcessPoolExecutor(n_workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_run_pending, k): k for k in range(len(parts))}
            return _in_order(futures, as_completed, len(parts), label)
    finally:
        _pending = None


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


def _on_dask(func, parts, args, kwargs, label: str):
    """One Dask task per partition; the partitions are cut here and sent with their task."""
    from distributed import as_completed

    client = dask_client()
    futures = {}
    for k, (data, ids) in enumerate(parts):
        cut_args = tuple(partition(a, ids) if _is_article_table(a) else a for a in args)
        cut_kwargs = {key: partition(v, ids) if _is_article_table(v) else v for key, v in kwargs.items()}
        future = client.submit(func, partition(data, ids), *cut_args, pure=False, **cut_kwargs)
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


def map_local(func: Callable[..., Any], parts: list, *args, desc: str = "tasks",
              finished: Callable[[int], None] | None = None) -> list:
    """``[func(part, *args) for part in parts]``, in order: over a pool of forked worker processes
    when there are several parts and workers (:func:`workers`), else in this process. For work
    split by input (files) rather than by article of a corpus. ``finished(k)`` is called in this
    process as part ``k`` is done."""
    import multiprocessing

    n_workers = min(workers(), len(parts))
    if n_workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for k, part in enumerate(parts):
            results.append(func(part, *args))
            if finished is not None:
                finished(k)
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _pending
    _pending = (func, parts, args, None)
    results: list[Any] = [None] * len(parts)
    try:
        with ProcessPoolExecutor(n_workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_run_pending_part, k): k for k in range(len(parts))}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if finished is not None:
                    finished(futures[future])
    finally:
        _pending = None
    return results


def _run_pending_part(index: int):
    func, parts, args, _ = _pending
    return func(parts[index], *args)
