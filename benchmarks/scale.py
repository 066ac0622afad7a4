"""Per-article measures at scale: readability + sentiment + framing on 1,000 to 50,000 articles.

Usage: python benchmarks/scale.py [--workers 1,2] [--scheduler processes] [N ...]
       (default: 1000 10000 50000 articles, 1 and 2 local workers)

The corpus comes from benchmarks/generator.py (stories told by several of 40 outlets, real
sentences with story-specific names and numbers, attributed quotes). Each size and setting runs
in a fresh process, which loads the corpus once and then runs the ``readability``, ``sentiment``
and ``framing`` subcommands (tables computed and written as CSV, as on the command line).
Printed: seconds per stage, CPU seconds of all processes against wall seconds (on a
machine shared with other work, wall time with 2 workers only drops when a second core is free),
peak memory (the main process, and the largest worker process), the
growth exponent of the measures' time between sizes (log time ratio / log size ratio; 1 is
linear), and whether the tables with 2 workers or a Dask cluster equal those of 1 worker.
Timings on a shared machine are noisy: compare settings measured in the same run.

Measured (issue 14, 2 cores shared with six other developers, load average 4 to 17, so wall
seconds are inflated up to 5x and CPU seconds are the figure to compare; "CPU" is user + system
seconds of the main process and its finished workers, per stage):

  corpus            setting     code       readability  sentiment  framing  measures (CPU s)
  1,000 articles    1 worker    before        3.8          4.6       22.3      30.8
  (23,980 sent.)    1 worker    after         3.4          3.6        2.7       9.7
                    2 workers   after         4.7          3.9        4.5      13.0  (tables equal)
  10,000 articles   2 workers   mid-way*     46.9         37.8       47.2     132.0
  (240,702 sent.)   2 workers   after        39.2         33.3       37.6     110.1

  * after the cue-matching engine and names_in cache, before the later steps. The issue's
    "before" at 10,000 articles was 173 s wall with 2 workers (189 s with 1) on a quieter
    machine; 110 CPU seconds over 2 cores is a floor of about 55 s wall if both cores are free,
    plus the main-process-only statistics (intervals, article bootstrap).
  Wall seconds of the same runs: 1,000 articles 36.5 s (1 worker) and 39.7 s (2 workers);
  10,000 articles 223 s (2 workers, load average 7 to 10): not comparable with the issue's
  173 s.
  Framing's parts before -> after, 1,000 articles, one call each on the whole corpus (CPU s):
  code_frames + evidence_table 6.12 + 5.95 -> 0.16 + 1.01 (hits found once); extract_quotes
  2.85 -> 0.57; attribution_verbs 1.83 -> 0.33; sources 1.14 -> 0.21; actor_labels 0.63 -> 0.11.

Second pass (issue 14, "readability + sentiment + framing in under 1 minute"): busy-machine CPU
seconds (user + system of all processes, per stage; 2 cores shared with other developers, load
average 3.5 to 9), the code before (67cf8f7) and after, run back to back on the same corpus;
tables byte-identical before/after and between 1 and 2 workers (sha256 of all CSV files):

  corpus            setting     code       readability  sentiment  framing  measures (CPU s)
  1,000 articles    1 worker    before        4.9          5.3        4.1      14.2
                    1 worker    after         3.5          4.0        3.0      10.5
                    2 workers   before        7.3          6.4        5.8      19.5
                    2 workers   after         4.4          4.9        4.5      13.8
  10,000 articles   2 workers   before       50.5         53.6       53.1     157.3  (load 6)
                    2 workers   after        32.4         39.6       38.3     110.3  (load 3.5-5)

  Where the time went: each distinct sentence measured once per partition (readability, VADER
  scores and drivers, cue hits: 10,616 distinct of 23,980 sentences at 1,000 articles); an
  article's readability counts summed from its sentences' (not recounted on the joined text);
  partitions cut by slicing rows found once (a scan, then ``take`` on many-chunk Arrow columns,
  per partition had made cutting quadratic); one pool of workers per command instead of a fork
  per call; each outlet's bootstrap (its article banks) a task on that pool instead of main-
  process work; the framing tables from one pass per partition; long CSV files formatted in
  pieces on the pool. Still in the main process: loading, concatenating the partitions'
  tables, the outlet statistics once the replicates are back, actor sentiment, short tables.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
STAGES = ("readability", "sentiment", "framing")


def child(corpus: str, out: str, scheduler: str | None) -> dict:
    """Runs in its own process: load once, run the three subcommands, report times and memory."""
    import resource

    from analysis import commands, load_corpus, parallel

    def cpu_now() -> float:  # this process and its finished workers (each command's pool ends with it)
        own, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    timings, cpu_s = {}, {}
    start = begin = time.perf_counter()
    corpus_obj = load_corpus(corpus)
    timings["load"] = time.perf_counter() - start
    commands.load = lambda args: corpus_obj  # the subcommands reuse the loaded corpus
    parallel.configure(scheduler)
    args = argparse.Namespace(corpus=corpus, manifest=None, out=Path(out), actors=None,
                              lexicon_additions=None, codebook=None, codes=None, scheduler=scheduler)
    if scheduler:
        parallel.dask_client()  # start-up of the cluster is not what we measure
    inner = {}  # time inside the stages that run in the main process only (cross-article statistics)
    from analysis import readability, sentiment

    for module, name in ((readability, "intervals"), (sentiment, "intervals"),
                         (sentiment, "article_sentiment")):
        def timed(*a, _f=getattr(module, name), _key=f"{module.__name__.split('.')[-1]}.{name}", **k):
            begin = time.perf_counter()
            try:
                return _f(*a, **k)
            finally:
                inner[_key] = inner.get(_key, 0.0) + time.perf_counter() - begin
        setattr(module, name, timed)
    for stage in STAGES:
        start, cpu_start = time.perf_counter(), cpu_now()
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                commands.COMMANDS[stage][1](args)
            finally:
                sys.stdout = stdout
        timings[stage] = time.perf_counter() - start
        cpu_s[stage] = cpu_now() - cpu_start
    parallel.close()
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    digest = hashlib.sha256()
    for path in sorted(Path(out).glob("*.csv")):
        digest.update(path.read_bytes())
    return {"timings": timings, "stage_cpu_s": cpu_s, "inner": inner, "cpu_s": cpu, "wall_s": time.perf_counter() - begin,
            "articles": len(corpus_obj.articles),
            "sentences": int(len(corpus_obj.body())),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "tables_sha256": digest.hexdigest()}


def run(corpus: Path, workers: int, scheduler: str | None) -> dict:
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, MEDIA_ANALYSIS_WORKERS=str(workers), MEDIA_ANALYSIS_PROGRESS="0")
        code = (f"import sys, json; sys.path.insert(0, {str(HERE)!r}); import scale; "
                f"print(json.dumps(scale.child({str(corpus)!r}, {out!r}, {scheduler!r})))")
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr[-2000:])
        return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> list[dict]:
    from generator import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 50_000])
    parser.add_argument("--workers", default="1,2", help="comma-separated numbers of local workers")
    parser.add_argument("--scheduler", default=None, help="also run on this Dask scheduler ('processes')")
    options = parser.parse_args(argv)
    settings = [(int(w), None) for w in options.workers.split(",")]
    if options.scheduler:
        settings.append((2, options.scheduler))
    results, previous = [], {}
    for n in options.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            write_corpus(n, tmp)
            print(f"{n:,} articles generated in {time.perf_counter() - start:.0f} s", flush=True)
            reference = None
            for workers, scheduler in settings:
                result = run(Path(tmp), workers, scheduler)
                t = result["timings"]
                measures = sum(t[s] for s in STAGES)
                name = f"dask {scheduler}" if scheduler else f"{workers} worker{'s' if workers > 1 else ''}"
                same = "" if reference is None else (
                    "; tables equal to 1 worker" if result["tables_sha256"] == reference else "; TABLES DIFFER")
                reference = reference or result["tables_sha256"]
                growth = ""
                if name in previous:
                    (n0, m0) = previous[name]
                    growth = f"; growth exponent {math.log(measures / m0) / math.log(n / n0):.2f}"
                previous[name] = (n, measures)
                print(f"  {name:16s} {result['sentences']:,} sentences: load {t['load']:.1f} s, "
                      + ", ".join(f"{s} {t[s]:.1f} s" for s in STAGES)
                      + f"; measures {measures:.1f} s; peak {result['peak_mb']:.0f} MB"
                      f" (workers {result['worker_peak_mb']:.0f} MB){same}{growth}", flush=True)
                print("    CPU seconds per stage: " + ", ".join(
                    f"{s} {result['stage_cpu_s'][s]:.1f} s" for s in STAGES)
                      + f"; measures {sum(result['stage_cpu_s'].values()):.1f} s", flush=True)
                print(f"    CPU {result['cpu_s']:.0f} s over {result['wall_s']:.0f} s wall (all processes);"
                      " of which in the main process only: " + ", ".join(
                    f"{k} {v:.1f} s" for k, v in result["inner"].items()), flush=True)
                results.append({"n": n, "setting": name, **result})
    return results


if __name__ == "__main__":
    main()
