"""Speakers by the rules, by the dependency parse, and by both: accuracy on the annotated quote sets
and the CPU the parse adds.

    .venv/bin/python benchmarks/speakers_parser.py                 # development sets
    .venv/bin/python benchmarks/speakers_parser.py --heldout       # speakers_blind B, D and E only
    .venv/bin/python benchmarks/speakers_parser.py --scale 1000    # CPU on the generator corpus

Needs the ``parser`` extra (spaCy's en_core_web_sm). Methods, on the quotes ``extract_quotes`` finds:
  rules     the regex rules of analysis/framing.py alone (``extract_quotes``' default)
  parser    analysis/speakers_parsed.py alone (``attribute_quotes(..., alone=True)``): every speaker
            from the parse, "unknown" where it names none
  combined  what ``extract_quotes(..., parsed=True)`` gives (``--speakers parsed``): the parse
            decides where it reads the quote's own tag, the rules elsewhere (``attribute_quotes``)
Accuracy is ``speaker_accuracy``'s (tests/test_actors.py): a quote the extractor misses is wrong.
CPU is user + system seconds of this process (``time.process_time``), the parse's part being the
combined method's seconds minus the rules' seconds, per 1,000 quotes; words parsed are counted.

Development sets: the rules were written on all five; the parse on speakers_heldout, A and C
(their per-quote errors read), then speakers_dev and events40. The combination was chosen before
the held-out run, on speakers_blind A and C as the rules stood before either batch was read (the
package of commits 8b767c8 and e94a913, run on A and C; then, as now, the parse had been written
on A and C, so this favours the parse): old rules 70.1% / 75.0%, parse alone 81.8% / 92.2%, the
parse where it reads the quote's own tag and the rules elsewhere 85.7% / 92.2%, the rules first and
the parse only where they find no one 71.4% / 76.6%, the parse first and the rules where it finds
no one 84.4% / 92.2%.

Measured on 8 Dec 2026 (commit 72929bb; 2 shared cores, CPU seconds):

  set               quotes  rules           parser          combined
  speakers_dev        114   114 100.0%      111  97.4%      113  99.1%
  speakers_heldout     67    63  94.0%       63  94.0%       63  94.0%
  events40            153   152  99.3%      149  97.4%      150  98.0%
  blind A (in-sample)  77    71  92.2%       64  83.1%       69  89.6%
  blind C (in-sample)  64    63  98.4%       59  92.2%       62  96.9%
  HELD OUT (errors never read, summary read once, ``--heldout``):
  blind B              86    71  82.6%       68  79.1%       69  80.2%
  blind D              48    37  77.1%       41  85.4%       41  85.4%
  B + D               134   108  80.6%      109  81.3%      110  82.1%

  After the merge with the rule fixes of benchmarks/speakers_ner.py (read on unlabelled Wikinews
  text), read once, with batch E (91 quotes, Wikinews 2006-2023 via GUM, made after all this work):
  blind A / C          77/64  71 / 63       64 / 59          69 / 61
  blind B              86    72  83.7%       68  79.1%       69  80.2%
  blind D              48    37  77.1%       41  85.4%       41  85.4%
  blind E              91    70  76.9%       74  81.3%       74  81.3%
  B + D + E           225   179  79.6%      183  81.3%      184  81.8%
  (rules and combination differ on 23 of the 225: 14 to 9 for the combination, exact McNemar
  p = 0.40; so ``parsed`` is an option, not the default.) ``benchmarks/scale.py --workers 2 10000``
  with the parse on every worker: framing 33.7 s wall, against about 22 s with the rules alone.

  The parse adds 8.8 s of CPU per 1,000 quotes of the Wikinews sets (about 46 words parsed per
  quote: the quote's paragraph, and the paragraphs before it only for a pronoun), 9.7 s on B and D;
  on the generator's corpus (``--scale 1000``: 3,103 quotes, nearly all plain “...,” Name said.
  tags, left unparsed) 1.0 s per 1,000 articles. ``benchmarks/scale.py --workers 1 1000``: framing
  5.0 CPU s with the extra against 3.2 s without it (the model's load, about 1 s per process,
  included), peak memory 450 MB against 349 MB; so about +11 CPU s on the 10,000-article run.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

DATA = ROOT / "tests" / "data"
DEVELOPMENT = {
    "speakers_dev": ("frames_dev/texts", "speakers_dev/quotes_truth.csv"),
    "speakers_heldout": ("frames_heldout/texts", "speakers_heldout/quotes_truth.csv"),
    "events40": ("events40", "events40/quotes_truth.csv"),
    "blind A": ("speakers_blind/A/texts", "speakers_blind/A/quotes_truth.csv"),
    "blind C": ("speakers_blind/C/texts", "speakers_blind/C/quotes_truth.csv"),
}
HELD_OUT = {
    "blind B": ("speakers_blind/B/texts", "speakers_blind/B/quotes_truth.csv"),
    "blind D": ("speakers_blind/D/texts", "speakers_blind/D/quotes_truth.csv"),
    "blind E": ("speakers_blind/E/texts", "speakers_blind/E/quotes_truth.csv"),
}


def accuracy(quotes, corpus, truth_csv: Path) -> tuple[int, int]:
    """(right, annotated) as ``speaker_accuracy`` counts them, for a given quotes table."""
    from test_actors import speakers_right

    return speakers_right(quotes, corpus, truth_csv)


def timed_methods(corpus, people) -> tuple:
    """(the rules' quotes table, its CPU seconds, the combination's table, the CPU seconds the parse
    adds, words parsed)."""
    from analysis import framing, speakers_parsed

    start = time.process_time()
    rules = framing.extract_quotes(corpus, people)
    rules_cpu = time.process_time() - start
    start = time.process_time()
    combined, words = speakers_parsed.attribute_quotes(corpus, rules, people=people)
    return rules, rules_cpu, combined, time.process_time() - start, words


def measure(name: str, texts: str, truth: str) -> dict:
    """One set: accuracy of each method, CPU seconds of the rules and of the combination."""
    from analysis import actors, framing, load_corpus, speakers_parsed

    corpus = load_corpus(DATA / texts)
    people = actors.actors_for(corpus)
    framing.extract_quotes(corpus, people)  # warm caches (names, genders, the model) before timing
    rules, rules_cpu, combined, parse_cpu, words = timed_methods(corpus, people)
    alone, _ = speakers_parsed.attribute_quotes(corpus, rules, alone=True, people=people)
    row = {"set": name, "quotes": len(rules)}
    for method, table in (("rules", rules), ("parser", alone), ("combined", combined)):
        right, n = accuracy(table, corpus, DATA / truth)
        row[method] = f"{right}/{n} {right / n:.1%}"
    row.update(rules_cpu=rules_cpu, parse_cpu=parse_cpu, words_parsed=words)
    return row


def scale(n_articles: int) -> None:
    """CPU of extract_quotes with and without the parse on the generator's corpus (wire-style
    “...,” Name said. quotes: plain tags, which the combination leaves unparsed)."""
    import tempfile

    from generator import write_corpus

    from analysis import actors, load_corpus, speakers_parsed

    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(n_articles, Path(folder) / "corpus"))
    people = actors.actors_for(corpus)
    speakers_parsed.parser_pipeline()  # loaded once per process (about 1 s), not per corpus
    rules, rules_cpu, _combined, parse_cpu, words = timed_methods(corpus, people)
    print(f"{n_articles} generated articles, {len(rules)} quotes: rules {rules_cpu:.2f} s CPU, the parse adds "
          f"{parse_cpu:.2f} s ({1000 * parse_cpu / max(len(rules), 1):.2f} s per 1,000 quotes; {words} words parsed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="speakers_blind B, D and E only")
    parser.add_argument("--scale", type=int, default=0, help="CPU on N generated articles instead")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from analysis.resources import parser_pipeline

    if parser_pipeline() is None:
        sys.exit("speakers_parser: needs the parser extra (pip install -e '.[parser]')")
    if args.scale:
        scale(args.scale)
        return
    import pandas as pd

    sets = HELD_OUT if args.heldout else DEVELOPMENT
    table = pd.DataFrame([measure(name, *paths) for name, paths in sets.items()])
    quotes = table["quotes"].sum()
    print(table.drop(columns=["rules_cpu", "parse_cpu"]).to_string(index=False))
    print(f"CPU per 1,000 quotes (user + system): rules {1000 * table['rules_cpu'].sum() / quotes:.2f} s, "
          f"the parse adds {1000 * table['parse_cpu'].sum() / quotes:.2f} s "
          f"({table['words_parsed'].sum()} words parsed for {quotes} quotes)")


if __name__ == "__main__":
    main()
