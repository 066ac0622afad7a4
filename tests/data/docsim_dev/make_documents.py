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


if __name__ == "__main__":
    main()
