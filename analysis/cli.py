"""Command line: ``python -m analysis SUBCOMMAND [CORPUS] --out DIR``.

Every subcommand reads a corpus (default: the project's ``data/``), writes tidy CSV files to
``--out`` and reports problems with the input as one line each on stderr, never a traceback.
What can be checked before the work is (the output folder, numeric options); file names are
printed with control characters escaped.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Callable

from .errors import AnalysisError, printable

EXIT_INPUT_ERROR = 2


def cmd_doctor(args) -> int:
    from .resources import doctor

    statuses = doctor()
    for status in statuses:
        mark = "ok " if status.ok else "MISSING"
        where = f"  [{status.location}]" if status.location else ""
        print(f"{mark:7} {status.name}: {status.detail}{where}")
    return 0 if all(s.ok for s in statuses) else 1


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number in [low, high] (``nan`` and ``inf`` refused)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {printable(text)!r}") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{printable(text)} is not a number from {low} to {high}")
        return value
    return parse


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0,
                        help="more messages on stderr (-vv: debugging)")
    common.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr, no progress bar")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Comparative media analysis of news articles covering the same story.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, func) in _all_commands().items():
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[_common_options()])
        p.add_argument("corpus", nargs="?", default=None,
                       help="folder of .txt/.html articles (optional manifest.csv), one file, or a "
                            "Parquet file or folder of them (one article per row, read lazily); "
                            "default: the project's data/ folder")
        p.add_argument("--manifest", default=None, help="manifest CSV (default: CORPUS/manifest.csv if present)")
        p.add_argument("--out", type=Path, default=Path("out"),
                       help="output folder, outside the corpus folder (default: ./out)")
        p.add_argument("--follow-symlinks", action="store_true",
                       help="read article files that are links to files outside the corpus folder "
                            "(skipped with a warning by default)")
        if name != "report":  # the report's notebooks run here and render HTML
            p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                           help="run cleaning, per-article work and overlap's candidates and alignment as Dask "
                                "tasks on this scheduler (tcp://host:8786, or "
                                "'processes' for a local cluster; default: $DASK_SCHEDULER_ADDRESS, else "
                                "this machine's cores)")
            p.add_argument("--format", choices=("csv", "parquet"), default="csv",
                           help="table format (parquet needs pyarrow)")
        if name == "overlap":
            from .overlap import DEFAULT_THRESHOLDS, METHODS  # light: the module imports only the stdlib

            p.add_argument("--method", choices=METHODS, default="lexical",
                           help="sentence similarity (semantic needs the 'semantic' extra)")
            p.add_argument("--threshold", type=bounded_float(-1.0, 1.0), default=None,
                           help="score (similarity minus the neighbour baseline) from which two sentences "
                                "align; default per method, chosen on the gold standard: "
                                + ", ".join(f"{m} {t}" for m, t in DEFAULT_THRESHOLDS.items()))
        if name in ("sentiment", "framing", "overlap", "report", "summary"):
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
        if name == "framing":
            p.add_argument("--frame-scores", choices=("cues", "hybrid"), default="cues",
                           help="frame_scores from the cues alone (default), or also an embedding score and "
                                "their hybrid rank (needs the 'semantic' extra)")
            p.add_argument("--speakers", choices=("rules", "parsed"), default="rules",
                           help="quote speakers by the rules (default), or a dependency parse deciding where "
                                "it reads the quote's own tag (needs the 'parser' extra; held out: 81.8%% "
                                "against 79.6%% of 225 quotes, not a significant gain)")
        if name == "report":
            p.add_argument("--figures", type=Path, default=None,
                           help="folder for PNG/SVG figures (default: OUT/figures)")
        p.set_defaults(func=func)
    d = sub.add_parser("doctor", help="check the offline language resources", parents=[_common_options()],
                       description="Build (once) and check the offline language resources.")
    d.set_defaults(func=cmd_doctor)
    return parser


def _all_commands() -> dict[str, tuple[str, Callable]]:
    from .commands import COMMANDS

    return COMMANDS


def _version() -> str:
    from . import __version__

    return __version__


def check_before_work(args) -> None:
    """Refuse, before any work, outputs the run could not write or that endanger the input."""
    from .outputs import check_output_folder

    if getattr(args, "out", None) is not None:
        check_output_folder(args.out, args.corpus)
    if getattr(args, "figures", None) is not None:
        check_output_folder(args.figures, args.corpus, option="--figures")
    for option in ("manifest", "actors", "lexicon_additions", "codebook", "codes"):
        value = getattr(args, option, None)
        if value:
            check_input_file(value, "--" + option.replace("_", "-"))


def check_input_file(path: str, option: str, max_bytes: int = 20 * 1024 * 1024) -> None:
    """An option's file must be a readable regular file of sane size (a pipe would hang the run,
    /dev/zero would fill the memory)."""
    import os
    import stat

    try:
        info = os.stat(path)
    except OSError as exc:
        raise AnalysisError(path, f"{option}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise AnalysisError(path, f"{option} is not a regular file")
    if info.st_size > max_bytes:
        raise AnalysisError(path, f"{option} is {info.st_size / 1e6:.0f} MB; not an options file")
    if not os.access(path, os.R_OK):
        raise AnalysisError(path, f"{option} cannot be read (permission denied)")


def main(argv: list[str] | None = None) -> int:
    from .logs import configure
    from .outputs import start_run

    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(arguments)
    configure(-1 if args.quiet else args.verbose)
    try:
        check_before_work(args)
        start_run(args.command, arguments)
        return args.func(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:  # a file that vanished or a disk that filled up mid-run: still one line
        if isinstance(exc, BrokenPipeError):
            return 1
        where = exc.filename if exc.filename is not None else "output"
        print(f"error: {printable(where)}: {printable(exc.strerror or exc)}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
