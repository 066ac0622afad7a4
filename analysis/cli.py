"""Command line: ``python -m analysis SUBCOMMAND [CORPUS] --out DIR``.

Every subcommand reads a corpus (default: the project's ``data/``), writes tidy CSV files to
``--out`` and reports problems with the input as one line each on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .errors import AnalysisError

EXIT_INPUT_ERROR = 2


def cmd_doctor(args) -> int:
    from .resources import doctor

    statuses = doctor()
    for status in statuses:
        mark = "ok " if status.ok else "MISSING"
        where = f"  [{status.location}]" if status.location else ""
        print(f"{mark:7} {status.name}: {status.detail}{where}")
    return 0 if all(s.ok for s in statuses) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Comparative media analysis of news articles covering the same story.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, func) in _all_commands().items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("corpus", nargs="?", default=None,
                       help="folder of .txt/.html articles (optional manifest.csv) or one file; "
                            "default: the project's data/ folder")
        p.add_argument("--manifest", default=None, help="manifest CSV (default: CORPUS/manifest.csv if present)")
        p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: ./out)")
        p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="run per-article work as Dask tasks on this scheduler (tcp://host:8786, or "
                            "'processes' for a local cluster; default: $DASK_SCHEDULER_ADDRESS, else "
                            "this machine's cores)")
        p.add_argument("--format", choices=("csv", "parquet"), default="csv",
                       help="table format (parquet needs pyarrow)")
        if name == "overlap":
            from .overlap import DEFAULT_THRESHOLDS, METHODS  # light: the module imports only the stdlib

            p.add_argument("--method", choices=METHODS, default="lexical",
                           help="sentence similarity (semantic needs the 'semantic' extra)")
            p.add_argument("--threshold", type=float, default=None,
                           help="score (similarity minus the neighbour baseline) from which two sentences "
                                "align; default per method, chosen on the gold standard: "
                                + ", ".join(f"{m} {t}" for m, t in DEFAULT_THRESHOLDS.items()))
        if name in ("sentiment", "framing", "overlap", "report"):
            p.add_argument("--actors", default=None,
                           help="YAML of actors and their aliases (default: CORPUS/actors.yaml, else detected)")
        if name in ("sentiment", "report"):
            p.add_argument("--lexicon-additions", default=None,
                           help="YAML of extra VADER lexicon entries (off by default; see "
                                "analysis/data/lexicon_additions_example.yaml)")
        if name in ("framing", "report"):
            p.add_argument("--codebook", default=None,
                           help="YAML codebook of frame questions and cues (default: Semetko & Valkenburg 2000)")
            p.add_argument("--codes", default=None,
                           help="CSV of human codes (article, item, coder, value) for agreement statistics")
        if name == "report":
            p.add_argument("--figures", type=Path, default=None,
                           help="folder for PNG/SVG figures (default: OUT/figures)")
        p.set_defaults(func=func)
    d = sub.add_parser("doctor", help="check the offline language resources",
                       description="Build (once) and check the offline language resources.")
    d.set_defaults(func=cmd_doctor)
    return parser


def _all_commands() -> dict[str, tuple[str, Callable]]:
    from .commands import COMMANDS

    return COMMANDS


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
