"""A realistic benchmark corpus: many stories, each told by several of many outlets.

Built from real news sentences (the seed articles in ``data/`` and the events40 development corpus
in ``tests/data/events40``). Every story gets its own cast and numbers: each capitalised word
after a sentence's first and each number is replaced, consistently within the story, by a
story-specific name or number, so articles of one story share names, figures and often whole
sentences (as coverage of one event does) while different stories share only the language.
Each outlet reports a different subset of the story's facts in its own order, adds background
sentences of its own, and quotes two to four of the story's speakers, in quotation marks with an
attribution ("…," said NAME).

Usage: python benchmarks/generator.py N FOLDER   (writes N .txt files and manifest.csv)
"""
from __future__ import annotations

import csv
import random
import re
import sys
import zlib
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_OUTLETS = 40
FACTS_PER_STORY = 30
QUOTES_PER_STORY = 6
_SYLLABLES = ("bar ben cal dor el fen gar hal ion jas kor lin mar nor ol pra quin ros sal tor "
              "ul val wen yar zan bri cor dan eth fal").split()
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-z]+(?:[’'][a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_VERBS = ("said", "told reporters", "added", "explained", "insisted", "warned", "claimed")


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Real news sentences: (narrative sentences, quotations without their marks)."""
    from analysis import load_corpus

    narrative, quotes = [], []
    for folder in (ROOT / "data", ROOT / "tests" / "data" / "events40"):
        body = load_corpus(folder).body()
        for text, voice in zip(body["text"], body["voice"]):
            if len(text.split()) < 5:
                continue
            if voice == "quotes":
                inner = text.strip().strip("“”\"").split("”")[0].split('"')[0].strip(" ,.")
                if len(inner.split()) >= 4:
                    quotes.append(inner)
            elif '"' not in text and "“" not in text:
                narrative.append(text)
    return tuple(narrative), tuple(quotes)


def _stable(*parts) -> random.Random:
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode("utf-8")))


def _name(story: int, word: str) -> str:
    rng = _stable(story, word)
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def story_text(sentence: str, story: int) -> str:
    """A real sentence retold for one story: its names and numbers replaced, consistently."""
    sentence = _CAPITALISED.sub(lambda m: _name(story, m.group(0)), sentence)
    return _NUMBER.sub(lambda m: str(_stable(story, m.group(0)).randint(2, 9999)), sentence)


def _story(story: int, narrative, quotes) -> dict:
    rng = _stable("story", story)
    facts = [story_text(s, story) for s in rng.sample(narrative, FACTS_PER_STORY)]
    speakers = [f"{_name(story, f'first{k}')} {_name(story, f'last{k}')}" for k in range(QUOTES_PER_STORY)]
    said = [(story_text(q, story), who) for q, who in zip(rng.sample(quotes, QUOTES_PER_STORY), speakers)]
    return {"facts": facts, "quotes": said, "title": " ".join(facts[0].split()[:8])}


def _article(story: dict, story_no: int, outlet: int, rng: random.Random, narrative) -> str:
    facts = story["facts"]
    keep = sorted(rng.sample(range(len(facts)), rng.randint(12, 22)))
    if rng.random() < 0.5:  # some outlets lead with a different fact
        keep.insert(0, keep.pop(rng.randrange(len(keep))))
    sentences = [facts[i] for i in keep]
    for _ in range(rng.randint(2, 5)):  # the outlet's own background
        own = story_text(rng.choice(narrative), story_no * 1000 + outlet)
        sentences.insert(rng.randrange(1, len(sentences) + 1), own)
    for quote, who in rng.sample(story["quotes"], rng.randint(2, 4)):
        if outlet % 2:
            line = f"“{quote},” {who} {rng.choice(_VERBS)}."
        else:  # inverted attribution, straight quotes
            line = f'"{quote}," {rng.choice(("said", "added"))} {who}.'
        sentences.insert(rng.randrange(1, len(sentences) + 1), line)
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + size]))
        i += size
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(n_articles: int, folder: str | Path, seed: int = 0) -> Path:
    """Write ``n_articles`` articles (about 4 outlets per story) and a manifest into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    narrative, quotes = sentence_pool()
    rng = random.Random(seed)
    rows, story_no = [], 0
    while len(rows) < n_articles:
        story = _story(story_no + seed * 1_000_003, narrative, quotes)
        outlets = rng.sample(range(N_OUTLETS), rng.randint(2, 6))
        for outlet in outlets[: n_articles - len(rows)]:
            article_id = f"s{story_no:05d}-o{outlet:02d}"
            text = _article(story, story_no, outlet, rng, narrative)
            (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
            rows.append({"id": article_id, "path": f"{article_id}.txt", "outlet": f"Outlet {outlet:02d}",
                         "title": story["title"], "date": f"2025-{1 + story_no % 12:02d}-{1 + story_no % 28:02d}",
                         "story": f"story-{story_no:05d}"})
        story_no += 1
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "path", "outlet", "title", "date", "story"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


if __name__ == "__main__":
    write_corpus(int(sys.argv[1]), sys.argv[2])
