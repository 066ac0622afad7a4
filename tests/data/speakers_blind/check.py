"""Check a batch's quotes_truth.csv: every quote_start occurs in its text, ids and columns are right.

Usage: python check.py A  (or B). Prints each problem and the counts; exits 1 if there is any.
"""
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(batch: str) -> int:
    folder = HERE / batch
    rows = list(csv.DictReader(open(folder / "quotes_truth.csv", encoding="utf-8")))
    bad = 0
    for row in rows:
        assert list(row) == ["id", "quote_start", "speaker"], list(row)
        text_file = folder / "texts" / f"{row['id']}.txt"
        if not text_file.exists():
            print(f"no text for {row['id']}")
            bad += 1
            continue
        text = text_file.read_text(encoding="utf-8")
        if row["quote_start"] not in text:
            print(f"{row['id']}: {row['quote_start']!r} not in text")
            bad += 1
        elif not any(f"{q}{row['quote_start']}" in text for q in "\"\u201c'\u2018"):
            print(f"{row['id']}: {row['quote_start']!r} does not follow a quotation mark")
            bad += 1
        if not row["speaker"].strip():
            print(f"{row['id']}: empty speaker")
            bad += 1
    ids = {r["id"] for r in rows}
    print(f"batch {batch}: {len(rows)} quotes in {len(ids)} of "
          f"{len(list((folder / 'texts').glob('*.txt')))} texts; {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
