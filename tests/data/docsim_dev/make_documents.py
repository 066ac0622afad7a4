"""Builds documents/ from the Wikinews articles of tests/data/frames_dev and frames_heldout: each
article's opening (headline dropped), whole paragraphs until at least 70 words, cut at a sentence
end when longer than 150 words, written as one paragraph (the form of Lee et al.'s documents,
51-126 words). Run once; the output is committed."""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = [HERE.parent / "frames_dev" / "texts", HERE.parent / "frames_heldout" / "texts"]
MIN_WORDS, MAX_WORDS = 70, 150


def opening(text: str) -> str:
    """The article's first paragraphs after the headline, about 70 to 150 words."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][1:]
    kept: list[str] = []
    for paragraph in paragraphs:
        kept.append(" ".join(paragraph.split()))
        if len(" ".join(kept).split()) >= MIN_WORDS:
            break
    doc = " ".join(kept)
    if len(doc.split()) > MAX_WORDS:
        sentences = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])", doc)
        out = []
        for sentence in sentences:
            if out and len(" ".join(out + [sentence]).split()) > MAX_WORDS:
                break
            out.append(sentence)
        doc = " ".join(out)
    return doc


def main() -> None:
    target = HERE / "documents"
    target.mkdir(exist_ok=True)
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            (target / path.name).write_text(opening(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")



# part two: 44 articles of 2020 chosen for ongoing topics (as Lee et al.'s documents have: several
# documents on one continuing story), from the same public collection, data/wikinews_2020.csv
# (vanatteveldt/wikinews, CC BY 2.5; columns url, date, title, text; text has no headline)
ROWS_2020 = [1, 2, 3, 8, 72, 12, 16, 18, 21, 35, 38, 42, 57, 94, 17, 22, 25, 28, 45, 48, 81, 109,
             7, 14, 24, 65, 89, 95, 84, 90, 83, 87, 60, 80, 91, 63, 0, 10, 41, 58, 64, 66, 69, 15]


def main_2020(csv_path: str) -> None:
    """Writes documents/y20-NNN-slug.txt for the chosen rows of wikinews_2020.csv."""
    import pandas as pd

    table = pd.read_csv(csv_path)
    target = HERE / "documents"
    for row in ROWS_2020:
        slug = "-".join(re.findall(r"[a-z0-9]+", table.loc[row, "title"].lower())[:4])
        text = "headline\n\n" + str(table.loc[row, "text"])  # opening() drops the first paragraph
        (target / f"y20-{row:03d}-{slug}.txt").write_text(opening(text) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    main_2020(sys.argv[1]) if len(sys.argv) > 1 else main()
