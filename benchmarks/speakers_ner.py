"""Speaker accuracy with and without spaCy's named-entity recogniser inside the rules.

    .venv/bin/python benchmarks/speakers_ner.py [--sets A,C,...]

For every annotated set of tests/data (the scorer is ``speaker_accuracy`` of tests/test_actors.py:
a quote missed counts wrong), the share of quotes whose speaker ``extract_quotes`` gets right with
the rules alone (``recognise=False``) and with the recogniser's kinds and extents of names
(``recognise=True``; needs the ``parser`` extra: ``pip install -e '.[parser]'``), and the CPU
seconds (user + sys) that ``extract_quotes`` takes each way; the model is loaded before timing.
Only summary figures are printed: batches B and D of speakers_blind are held out (never read
their per-quote errors).

Development sets: speakers_blind A and C, speakers_dev (frames_dev texts), speakers_heldout
(frames_heldout texts), events40. Held out: speakers_blind B and D.

Measured 8 Dec 2026 (busy 2-core machine; CPU seconds of extract_quotes):
  set       quotes  rules   rules+NER  added CPU s per 1,000 quotes
  A             77  92.2%   92.2%      4.7
  C             64  98.4%   98.4%      3.7
  dev          114  100.0%  100.0%     4.7
  heldout       67  94.0%   94.0%      4.3
  events40     153  99.3%   99.3%      2.9
  B (held out)  86  82.6%   83.7%      4.0   read once, at commit c863187 (after the recogniser
  D (held out)  48  77.1%   77.1%      5.0   work, before the later rule fixes; re-run for today's)
  E (held out)  91  76.9%   76.9%             read once, after the later rule fixes
The recogniser adds ~3.7 CPU s per 1,000 quotes (A-D and events40), ~15 ms per article of 500
words, ten times the rules' own time: ``recognise`` is off by default.
"""
from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import actors, framing, load_corpus  # noqa: E402
from analysis.resources import parser_pipeline  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = {  # name -> (texts, truth, status)
    "A": ("speakers_blind/A/texts", "speakers_blind/A/quotes_truth.csv", "developed on"),
    "B": ("speakers_blind/B/texts", "speakers_blind/B/quotes_truth.csv", "held out"),
    "C": ("speakers_blind/C/texts", "speakers_blind/C/quotes_truth.csv", "developed on"),
    "D": ("speakers_blind/D/texts", "speakers_blind/D/quotes_truth.csv", "held out"),
    "E": ("speakers_blind/E/texts", "speakers_blind/E/quotes_truth.csv", "held out"),
    "dev": ("frames_dev/texts", "speakers_dev/quotes_truth.csv", "developed on"),
    "heldout": ("frames_heldout/texts", "speakers_heldout/quotes_truth.csv", "developed on"),
    "events40": ("events40", "events40/quotes_truth.csv", "developed on"),
}


def scorer():
    """``speaker_accuracy`` of tests/test_actors.py, loaded by path (tests are no package)."""
    spec = importlib.util.spec_from_file_location("test_actors", ROOT / "tests" / "test_actors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.speaker_accuracy


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def clear_caches() -> None:
    """Each run starts cold: names, blanked sentences and genders are cached across calls."""
    actors._names_in.cache_clear()
    framing._blank_quotes.cache_clear()
    framing._article_genders.cache_clear()


def extraction_seconds(texts: Path, recognise: bool) -> tuple[float, int]:
    """(CPU seconds of extract_quotes on a set, quotes found)."""
    corpus = load_corpus(texts)
    people = actors.actors_for(corpus)
    clear_caches()
    start = cpu_seconds()
    quotes = framing.extract_quotes(corpus, people, recognise=recognise)
    return cpu_seconds() - start, len(quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated, of " + ", ".join(SETS))
    names = parser.parse_args().sets.split(",")
    accuracy = scorer()
    have_model = parser_pipeline() is not None  # loaded once, outside the timings
    print(f"spaCy recogniser: {'installed' if have_model else 'NOT installed (both columns are the rules)'}")
    print(f"{'set':<9} {'status':<13} {'quotes':>6} {'rules':>7} {'rules+NER':>10} "
          f"{'CPU s rules':>11} {'CPU s +NER':>10} {'added s/1k quotes':>17}")
    added_total, quotes_total = 0.0, 0
    for name in names:
        texts, truth, status = SETS[name]
        rules, n = accuracy(DATA / texts, DATA / truth, recognise=False)
        ner, _n = accuracy(DATA / texts, DATA / truth, recognise=True)
        plain, found = extraction_seconds(DATA / texts, recognise=False)
        recognised, _found = extraction_seconds(DATA / texts, recognise=True)
        added_total += recognised - plain
        quotes_total += found
        print(f"{name:<9} {status:<13} {n:>6} {rules:>7.1%} {ner:>10.1%} {plain:>11.2f} {recognised:>10.2f} "
              f"{1000 * (recognised - plain) / max(found, 1):>17.1f}")
    print(f"CPU seconds added per 1,000 extracted quotes, all sets: {1000 * added_total / max(quotes_total, 1):.1f}")


if __name__ == "__main__":
    main()
