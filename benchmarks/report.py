"""The whole report, and stories + overlap, as a user runs them: time, CPU and peak memory.

Usage: python benchmarks/report.py [N ...] [--commands stories,overlap] [--given-stories]
       (default 1000 10000; --commands times those subcommands one after the other instead
       of ``report``)

Each size gets a corpus from benchmarks/generator.py (stories told by two to six of 40 outlets,
real sentences with each story's own names and numbers, quotes with attribution). Its manifest
names the outlets but, unless --given-stories, not the stories, as most users' corpora: the
stories are found. The command runs as a user runs it (``python -m analysis report CORPUS --out
DIR``) in a child process; we record its wall time, its CPU seconds (user + system of the command
and every process it started, the notebook kernels included) and its peak memory: the largest sum
of the memory of the command and its descendants (proportional set size, so that pages the
worker processes share with their parent count once), sampled every 0.2 s.

The machine these figures come from is shared (2 cores, several other programs running): wall
time depends on what else runs, CPU seconds much less, so both are printed. The growth exponent
k of t ~ n^k between two sizes is computed on both.
"""
from __future__ import annotations

import csv
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def make_corpus(n: int, folder: Path, given_stories: bool = False) -> Path:
    """A generated corpus of ``n`` articles; the manifest keeps the stories only if asked."""
    from generator import write_corpus

    write_corpus(n, folder)
    if not given_stories:
        manifest = folder / "manifest.csv"
        with open(manifest, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with open(manifest, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=[k for k in rows[0] if k != "story"],
                                    extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def _tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants: the sum of their proportional set sizes
    (PSS: a page shared by forked workers counted once, shared out among them), or of their
    resident sizes where PSS cannot be read (not Linux)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except (psutil.Error, AttributeError):
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
    return total


def timed_command(arguments: list[str]) -> dict:
    """Run ``python -m analysis ARGUMENTS``: wall s, CPU s (with descendants), peak tree memory MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "analysis", *arguments], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], _tree_memory(child.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = child.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode:
        raise SystemExit(f"python -m analysis {' '.join(arguments)} failed:\n{errors[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_mb": round(peak[0] / 2**20)}


def measure(n: int, commands: list[str], given_stories: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        corpus = make_corpus(n, Path(tmp) / "corpus", given_stories)
        result = {"n": n, "commands": "+".join(commands), "wall_s": 0.0, "cpu_s": 0.0, "peak_mb": 0}
        for command in commands:
            one = timed_command([command, str(corpus), "--out", str(Path(tmp) / f"out-{command}"), "--quiet"])
            result[command] = one
            result["wall_s"] = round(result["wall_s"] + one["wall_s"], 1)
            result["cpu_s"] = round(result["cpu_s"] + one["cpu_s"], 1)
            result["peak_mb"] = max(result["peak_mb"], one["peak_mb"])
        if "report" in commands:
            pages = sorted((Path(tmp) / "out-report").glob("*.html"))
            result["largest_page_mb"] = round(max(p.stat().st_size for p in pages) / 1e6, 2)
        return result


def main(argv: list[str]) -> None:
    commands = ["report"]
    if "--commands" in argv:
        commands = argv[argv.index("--commands") + 1].split(",")
    given = "--given-stories" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [1000, 10_000]
    results = []
    for n in sizes:
        result = measure(n, commands, given)
        results.append(result)
        print(json.dumps(result), flush=True)
        print(f"{'+'.join(commands)}: {n:,} articles: {result['wall_s']} s wall, {result['cpu_s']} s CPU, "
              f"peak {result['peak_mb']:,} MB" + (f", largest page {result['largest_page_mb']} MB"
                                                  if "largest_page_mb" in result else ""), flush=True)
    for small, large in zip(results, results[1:]):
        for key in ("wall_s", "cpu_s"):
            exponent = math.log(large[key] / small[key]) / math.log(large["n"] / small["n"])
            print(f"growth exponent {small['n']:,} -> {large['n']:,} articles: {key} ~ n^{exponent:.2f}")
    print(f"(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main(sys.argv[1:])
