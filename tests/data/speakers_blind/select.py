"""Draw the two blind batches of speakers_blind from the public Wikinews 2019 collection.

Input: data/wikinews_2019.csv of github.com/vanatteveldt/wikinews (path given as argv[1]).
Excludes every headline already in ../frames_dev/texts and ../frames_heldout/texts; keeps
articles of 150-1200 words with at least 4 direct quotes (pairs of quotation marks) and at
least 2 reporting cues (said / says / told / according to / stated / added); draws 30 with
random.Random(20261207) and writes batch A (the first 15) and batch B (the next 15).
Cleaning (as frames_dev): the dateline (first line) is dropped, runs of blank lines become
one blank line, no-break spaces become spaces, lines are stripped, map-legend lines
(starting with a block character) are dropped, and so are the credit lines of pull-quote boxes
(starting with an em dash) and one photo gallery (GALLERY_STARTS). No hand edits after this.
"""
import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CUES = re.compile(r"\b(said|says|told|according to|stated|added)\b")
SEED = 20261207


def used_headlines() -> set[str]:
    heads = set()
    for folder in ("frames_dev", "frames_heldout"):
        for f in (HERE.parent / folder / "texts").glob("*.txt"):
            heads.add(f.read_text(encoding="utf-8").splitlines()[0].strip())
    return heads


# Photo galleries: the article's prose ends before this caption line (captions dropped, as in frames_dev).
GALLERY_STARTS = ("Forever Fairest performed in the kids area",)


def clean(text: str) -> str:
    lines = text.replace("\xa0", " ").split("\n")[1:]  # first line is the dateline
    for start in GALLERY_STARTS:
        if start in lines:
            lines = lines[: lines.index(start)]
    # pull-quote boxes survive in the source only as their credit line ("—One of the victim's lawyers")
    lines = [ln for ln in lines if not re.match(r"\s*—\w", ln)]
    # map legends ("██ Syrian Arab Republic") are captions, dropped like photo captions
    paras = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("█")]
    return "\n\n".join(paras)


def quote_pairs(text: str) -> int:
    return text.count('"') // 2 + min(text.count("\u201c"), text.count("\u201d"))


def eligible(path: str, used: set[str], cleaner=None, min_cues: int = 2) -> list[tuple[str, str, str]]:
    """(headline, url, cleaned body) of the collection's articles not used yet, of 150-1200 words,
    with 4 pairs of quotation marks and ``min_cues`` reporting cues or more."""
    pool = []
    for row in csv.DictReader(open(path, encoding="utf-8")):
        if row["title"].strip() in used:
            continue
        body = (cleaner or clean)(row["text"])
        words = len(body.split())
        if 150 <= words <= 1200 and quote_pairs(body) >= 4 and len(CUES.findall(body)) >= min_cues:
            pool.append((row["title"].strip(), row["url"], body))
    return pool


def main(path: str) -> None:
    used = used_headlines()
    pool = eligible(path, used)
    print(f"{len(used)} headlines excluded, {len(pool)} eligible", file=sys.stderr)
    pool.sort()
    drawn = random.Random(SEED).sample(pool, 30)
    for batch, part in (("A", drawn[:15]), ("B", drawn[15:])):
        write_batch(batch, part)


def write_batch(batch: str, part: list[tuple[str, str, str]]) -> None:
    """A batch's texts (headline, blank line, body) and its sources.csv."""
    out = HERE / batch / "texts"
    out.mkdir(parents=True, exist_ok=True)
    with open(HERE / batch / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "headline", "url"])
        for i, (title, url, body) in enumerate(part, 1):
            doc = f"sb{batch}{i:02d}"
            (out / f"{doc}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            w.writerow([doc, title, url.replace("org//wiki", "org/wiki")])


if __name__ == "__main__":
    main(sys.argv[1])
