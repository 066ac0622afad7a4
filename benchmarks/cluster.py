"""Held-out-style check on a real Dask cluster started from the command line.

Starts ``dask scheduler`` and N x ``dask worker`` (one process, one thread each) on this machine,
runs the subcommands on a generated corpus (benchmarks/generator.py) locally and against the
scheduler with 1 and then 2 workers, and reports for each run: wall-clock seconds, CPU seconds
(the command's process, plus the scheduler and worker processes, children included: the machine
is shared, so CPU time is the steadier figure) and whether every table equals the local run's
byte for byte. Only processes this script started are stopped, by their process id.

Usage: python benchmarks/cluster.py [--articles 10000] [--commands clean,readability,overlap]
       [--workers 1,2] [--folder DIR] [--out DIR]

Figures measured by ``python benchmarks/cluster.py --commands clean,overlap --workers 2,1`` (then
``--commands overlap --workers 1`` and ``--commands overlap --workers 2 --reuse-local`` on a quieter
machine) on 10,000 generated articles, 2 cores shared with six other engineers' jobs; every table
byte-identical to the local run's. clean (load 10-13): local 230 s wall / 28.5 CPU s; 1 worker
100 s / 30.4 CPU s (4.8 in the command); 2 workers 163 s / 43.3 CPU s (4.9 in the command).
overlap (load 1-9): local 101 s / 116 CPU s (peak 3.7 GB); 1 worker 128 s / 135 CPU s (56 in the
command, 5 of the cluster's 79 idle heartbeats); 2 workers 133 s / 148 CPU s (55 in the command,
7 of 93 idle). The README's section "Large corpora" has the table.

Overlap with the TF-IDF fit's analysers, containment, shared quotes and derivation as tasks too
(``--commands overlap --workers 2``; busy machine, load 5-10, 2 shared cores; "before" is the
previous code on the same corpus and cluster; every table byte-identical to the local run's):

========  =================  ======  ========================  ===============  ==============
articles  run                wall s  CPU s: command + cluster  command peak MB  worker peak MB
========  =================  ======  ========================  ===============  ==============
1,000     local              31.2    14.4                      405              --
1,000     2 workers, before  45.2    10.5 + 16.2 = 26.7        433              416
1,000     2 workers, after   59.3    6.2 + 23.5 = 29.7         445              428
10,000    local              225.9   115.0                     1,650            --
10,000    2 workers, before  215.5   67.4 + 93.2 = 160.6       1,880            812
10,000    2 workers, after   242.1   26.5 + 156.5 = 183.0      1,766            814
========  =================  ======  ========================  ===============  ==============

Wall seconds depend on the other jobs. A first run at 1,000, before the parts were made one at a
time: 5.8 + 20.7 = 26.5 CPU s, peak 463 MB. The command's own CPU falls by 40-60%, its peak memory
by 114 MB at 10,000 articles (12 MB more at 1,000, where the peak is reached writing the tables at
the end, not in the fit); the cluster's total CPU grows (sending the counts and the parts; idle
heartbeats included: 5 and 20 s).
"""
from __future__ import annotations

import argparse
import csv
import filecmp
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DASK = str(Path(PYTHON).with_name("dask"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_of(pids: list[int]) -> float:
    """CPU seconds (user + system) of these processes and their children so far."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


class Cluster:
    """``dask scheduler`` and ``n`` x ``dask worker`` started as processes of this script."""

    def __init__(self, n_workers: int, logs: Path):
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        logs.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                        "--no-dashboard"], stdout=subprocess.DEVNULL,
                                       stderr=open(logs / "scheduler.log", "w"), env=env, cwd=ROOT)]
        time.sleep(2)
        for k in range(n_workers):
            self.procs.append(subprocess.Popen(
                [DASK, "worker", self.address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                 "--name", f"w{k}", "--memory-limit", "3GB"],
                stdout=subprocess.DEVNULL, stderr=open(logs / f"worker{k}.log", "w"), env=env, cwd=ROOT))
        from distributed import Client

        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(n_workers, timeout=120)

    def cpu(self) -> float:
        return cpu_of([p.pid for p in self.procs])

    def peak_worker_mb(self) -> int:
        """The largest peak resident memory (VmHWM) of a worker process (and its children) so far."""
        import psutil

        peak = 0
        for proc in self.procs[1:]:
            try:
                for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
                    with open(f"/proc/{p.pid}/status", encoding="ascii") as handle:
                        line = next((x for x in handle if x.startswith("VmHWM:")), "VmHWM: 0 kB")
                    peak = max(peak, int(line.split()[1]) // 1024)
            except (psutil.NoSuchProcess, FileNotFoundError):
                continue
        return peak

    def idle_rate(self, seconds: float = 10.0) -> float:
        """CPU seconds per second the scheduler and workers spend doing nothing (heartbeats):
        subtracted from a long run's cluster CPU, it leaves the work."""
        before = self.cpu()
        time.sleep(seconds)
        return (self.cpu() - before) / seconds

    def stop(self) -> None:
        for proc in reversed(self.procs):  # workers first, then the scheduler
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def run(command: str, corpus: Path, out: Path, scheduler: str | None, cluster: Cluster | None) -> dict:
    """One subcommand as its own process: wall-clock and CPU seconds, exit code."""
    if out.exists():
        shutil.rmtree(out)
    args = [PYTHON, "-m", "analysis", command, str(corpus), "--out", str(out), "-q"]
    if scheduler:
        args += ["--scheduler", scheduler]
    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    before_cluster = cluster.cpu() if cluster else 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)  # this command's own CPU and peak memory
    wall = time.perf_counter() - start
    own = usage.ru_utime + usage.ru_stime
    on_cluster = (cluster.cpu() - before_cluster) if cluster else 0.0
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code:
        print(stderr[-2000:], file=sys.stderr)
    return {"command": command, "wall_s": round(wall, 1), "cpu_command_s": round(own, 1),
            "cpu_cluster_s": round(on_cluster, 1), "cpu_total_s": round(own + on_cluster, 1),
            "exit": code, "peak_rss_mb_command": round(usage.ru_maxrss / 1024)}


def same_tables(local: Path, remote: Path) -> str:
    """"yes" when every table file is byte-identical, else the names that differ."""
    names = sorted(p.name for p in local.iterdir() if p.name != "run.json")
    if names != sorted(p.name for p in remote.iterdir() if p.name != "run.json"):
        return "different files"
    _match, mismatch, errors = filecmp.cmpfiles(local, remote, names, shallow=False)
    return "yes" if not mismatch and not errors else "no: " + " ".join(mismatch + errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--commands", default="clean,readability,sentiment,overlap")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--folder", type=Path, default=None, help="corpus folder (generated if missing)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/media-analysis-cluster"))
    parser.add_argument("--reuse-local", action="store_true",
                        help="compare with the local tables of an earlier run in --out instead of running them again")
    args = parser.parse_args(argv)
    corpus = args.folder or args.out / f"generated-{args.articles}"
    if not (corpus / "manifest.csv").exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from generator import write_corpus

        write_corpus(args.articles, corpus)
    commands = args.commands.split(",")
    rows = []
    for command in commands:
        if args.reuse_local and (args.out / "local" / command / "run.json").exists():
            continue
        row = run(command, corpus, args.out / "local" / command, None, None)
        rows.append({"where": "this process (+ local worker processes)", "workers": 0, "equal": "reference", **row})
        print(rows[-1], flush=True)
    for n in [int(w) for w in args.workers.split(",")]:
        cluster = Cluster(n, args.out / f"logs-{n}")
        try:
            idle = cluster.idle_rate()
            for command in commands:
                out = args.out / f"cluster-{n}" / command
                row = run(command, corpus, out, cluster.address, cluster)
                row["cpu_cluster_idle_s"] = round(idle * row["wall_s"], 1)
                row["peak_rss_mb_worker"] = cluster.peak_worker_mb()  # since the cluster started
                equal = same_tables(args.out / "local" / command, out) if row["exit"] == 0 else "failed"
                rows.append({"where": "dask scheduler + workers", "workers": n, "equal": equal, **row})
                print(rows[-1], flush=True)
        finally:
            cluster.stop()
    table = args.out / f"cluster-{'-'.join(commands)}-{args.workers.replace(',', '-')}.csv"
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(dict.fromkeys(k for r in rows for k in r)))
        writer.writeheader()
        writer.writerows(rows)
    print(f"\n{args.articles} articles ({corpus}); table: {table}")
    print(f"{'command':12} {'workers':>7} {'wall s':>8} {'cpu s':>8} {'command':>8} {'idle s':>7} "
          f"{'peak MB':>8} {'worker MB':>9} {'equal':>6}")
    for row in rows:
        print(f"{row['command']:12} {row['workers']:>7} {row['wall_s']:>8} {row['cpu_total_s']:>8} "
              f"{row['cpu_command_s']:>8} {row.get('cpu_cluster_idle_s', 0):>7} {row['peak_rss_mb_command']:>8} "
              f"{row.get('peak_rss_mb_worker', ''):>9} {row['equal']:>6}")
    return 0 if all(r["equal"] in ("yes", "reference") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
