"""Subcommands of the measures; each loads the corpus, computes its tables and writes CSV."""
from __future__ import annotations

from .cli import _load, _write, register


def cmd_readability(args) -> int:
    from . import readability

    corpus = _load(args)
    sentences = readability.sentence_table(corpus)
    _write({
        "readability_articles": readability.article_scores(corpus),
        "readability_sentences": sentences,
        "readability_intervals": readability.intervals(corpus, sentences=sentences),
    }, args.out)
    return 0


register("readability", "readability formulas per article and sentence, with bootstrap intervals",
         cmd_readability)


def cmd_report(args) -> int:
    import sys

    from .report import render_report

    figures = args.figures if args.figures is not None else args.out / "figures"
    pages = render_report(args.corpus, args.out, figures_dir=figures,
                          progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    for page in pages:
        print(f"wrote {page}")
    return 0


register("report", "execute every report notebook on the corpus and render HTML (code hidden)",
         cmd_report)
