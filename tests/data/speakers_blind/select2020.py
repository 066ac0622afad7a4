"""Draw batches C and D of speakers_blind from the public Wikinews 2020 collection.

Input: data/wikinews_2020.csv of github.com/vanatteveldt/wikinews (path given as argv[1]).
Same eligibility and cleaning as select.py (batches A and B, 2019), with two differences:
- the 2020 collection's text mostly starts with the article's first paragraph, not a dateline,
  so the first line is dropped only when it is a dateline ("Monday, August 3, 2020");
- the pool is small: 124 articles, of which only 21 meet select.py's floors (at least 3 cues
  would leave 18), so all 21 are drawn (a seeded shuffle) instead of 30: batch C is the first 11,
  batch D the other 10.
Excludes every headline already used in tests/data (first line of any text file there:
frames_dev, frames_heldout, speakers_blind A and B, ...; not C and D, its own output); shuffles the eligible
articles with random.Random(SEED) and writes batch C (the first 11) and batch D (the rest).
No hand edits after this.
"""
import importlib.util
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# select.py is loaded by path: its module name is shadowed by the standard library's `select`
_spec = importlib.util.spec_from_file_location("speakers_blind_select", HERE / "select.py")
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

SEED = 20261208
MIN_CUES = 2  # as select.py; 3 would leave 18 of 124 articles
DATELINE = re.compile(
    r"\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}\s*$")


def used_headlines() -> set[str]:
    heads = set()
    own = (HERE / "C", HERE / "D")  # this script's output: skipped so that a re-run reproduces it
    for f in (HERE.parent).rglob("*.txt"):
        if any(folder in f.parents for folder in own):
            continue
        lines = f.read_text(encoding="utf-8").splitlines()
        if lines:
            heads.add(lines[0].strip())
    return heads


def clean(text: str) -> str:
    """select.py's cleaning, which drops the first line, after adding a blank one when the text has
    no dateline (so nothing of the article is lost)."""
    text = text.replace("\xa0", " ")
    if not DATELINE.match(text.split("\n")[0]):
        text = "\n" + text
    return base.clean(text)


def main(path: str) -> None:
    used = used_headlines()
    pool = base.eligible(path, used, clean, MIN_CUES)
    print(f"{len(used)} headlines in tests/data, {len(pool)} eligible", file=sys.stderr)
    pool.sort()
    drawn = random.Random(SEED).sample(pool, len(pool))
    for batch, part in (("C", drawn[:11]), ("D", drawn[11:])):
        base.write_batch(batch, part)


if __name__ == "__main__":
    main(sys.argv[1])
