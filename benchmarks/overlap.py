"""Overlap at scale: time and peak memory from 1,000 to 10,000 articles, and the growth exponent.

Usage: python benchmarks/overlap.py [N ...] [--before N]
       (default 1000 10000; --before N also times the overlap code before issue 14 on N articles)

The corpus (:func:`news_corpus`) is built like a news archive: many stories, each told by two to
six of twenty outlets. A story's facts are real sentences (the seed articles and the events40
development corpus) with the story's own names and numbers put in: articles of one story share
facts, names and quotes, articles of different stories share only ordinary words. Each outlet
reports about two thirds of the story's facts in its own order, rewrites some of them (words
dropped), quotes two or three of the story's speakers (some quotes trimmed), and now and then
re-reports another outlet ("according to ...") or runs a syndicated copy. The manifest gives
outlet and story. Each size runs in its own process, so peak memory (max RSS) is its own.

Measured 25 Nov 2026 on the shared 2-core machine (load average 4-7, so CPU seconds are the
steadier figure): 10,000 articles (2,492 stories, 187,002 sentences, 24,670 quotes) through
overlap in 45.7-48.5 s CPU, 73-145 s wall, peak RSS 2.9 GB; 1,000 articles 4.8 s CPU; growth
exponent of CPU time 1,000 -> 10,000 articles 0.98-1.00. The code before issue 14 (--before 200):
200 articles in 500 s CPU (shared quotes 1,421 s of 1,635 s wall), against 1.1 s now.
Most of the alignment stage is scikit-learn's TF-IDF of the sentences (at 3,000 articles 15 s of
its 21 s; the character n-gram view is the slow one).
"""
from __future__ import annotations

import json
import math
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTLETS = [f"{a} {b}" for a, b in zip(
    ["Northfield", "Bay", "Granite", "Lakeside", "Capital", "Prairie", "Harbor", "Summit", "Valley", "Coastal",
     "Metro", "River", "Pioneer", "Union", "Frontier", "Beacon", "Evening", "Morning", "Civic", "Tri-County"],
    ["Post", "Times", "Herald", "Ledger", "Wire", "Courier", "Gazette", "Tribune", "Record", "Daily",
     "Minute", "Observer", "Press", "Sentinel", "Journal", "Chronicle", "Star", "Bulletin", "Review", "News"])]
SYLLABLES = ["ka", "lo", "mir", "an", "de", "vo", "ris", "tel", "ba", "no", "sen", "qui", "har", "lu", "pe",
             "dor", "ma", "zen", "ti", "ol", "gra", "fen", "wes", "bri"]
SAID = ["said", "told reporters", "said in a statement", "added"]


def sentence_pool() -> list[str]:
    """Real news sentences: the seed articles' and events40's body sentences."""
    from analysis import load_corpus

    pool = list(load_corpus().body()["text"]) + list(load_corpus(ROOT / "tests" / "data" / "events40").body()["text"])
    return [s for s in pool if 6 <= len(s.split()) <= 45 and '"' not in s and "“" not in s]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _localise(sentence: str, names: dict[str, str], numbers: dict[str, str], rng: random.Random) -> str:
    """The sentence with the story's own names (capitalised words after the first) and numbers."""
    words = sentence.split(" ")
    out = [words[0]]
    for word in words[1:]:
        core = re.sub(r"\W", "", word)
        if core[:1].isupper() and core.lower() not in ("i",):
            out.append(word.replace(core, names.setdefault(core, _name(rng))))
        else:
            out.append(re.sub(r"\d+", lambda m: numbers.setdefault(m.group(0), str(rng.randint(2, 999))), word))
    return " ".join(out)


def _rewrite(sentence: str, rng: random.Random) -> str:
    """A light rewrite: a few words dropped (an outlet's own wording of the same fact)."""
    words = sentence.split(" ")
    keep = [w for k, w in enumerate(words) if k == 0 or rng.random() > 0.2]
    return " ".join(keep).rstrip(".,;") + "."


def news_corpus(n_articles: int, folder: Path, seed: int = 0) -> dict:
    """Write ``n_articles`` articles and a manifest (id, path, outlet, story) to ``folder``."""
    pool = sentence_pool()
    rows, texts, story = [], {}, 0
    while len(rows) < n_articles:
        story += 1
        srng = random.Random(seed * 1_000_003 + story)
        names, numbers = {}, {}
        facts = [_localise(s, names, numbers, srng) for s in srng.sample(pool, 24)]
        speakers = [f"{_name(srng)} {_name(srng)}" for _ in range(4)]
        quotes = [_localise(s, names, numbers, srng).rstrip(".") for s in srng.sample(pool, 6)]
        tellers = srng.sample(OUTLETS, min(srng.randint(2, 6), n_articles - len(rows)))
        for k, outlet in enumerate(tellers):
            article = f"s{story:05d}-{k}"
            if k and srng.random() < 0.08:  # a syndicated copy of the story's first article
                text = texts[rows[-k]["id"]].replace(" said.", " said on Monday.", 1)
            else:
                chosen = sorted(srng.sample(range(24), 16), key=lambda i: i + srng.gauss(0, 3))
                body = [_rewrite(facts[i], srng) if srng.random() < 0.3 else facts[i] for i in chosen]
                for q in srng.sample(range(6), srng.randint(2, 3)):
                    quote = quotes[q] if srng.random() < 0.7 else " ".join(quotes[q].split()[:8])
                    body.insert(srng.randint(1, len(body)), f"“{quote},” {speakers[q % 4]} {srng.choice(SAID)}.")
                if k and srng.random() < 0.2:
                    body.insert(1, f"According to {tellers[0]}, {body[1][0].lower()}{body[1][1:]}")
                text = "\n\n".join(" ".join(body[i:i + 3]) for i in range(0, len(body), 3))
            texts[article] = text
            rows.append({"id": article, "path": f"{article}.txt", "outlet": outlet, "story": f"story-{story}"})
    for row in rows:
        (folder / row["path"]).write_text(texts[row["id"]], encoding="utf-8")
    with open(folder / "manifest.csv", "w", encoding="utf-8") as handle:
        handle.write("id,path,outlet,story\n")
        handle.writelines(f"{r['id']},{r['path']},{r['outlet']},{r['story']}\n" for r in rows)
    return {"articles": len(rows), "stories": story}


def _before_module():
    """The overlap module before issue 14 (commit ced4f30), imported beside the current one."""
    import importlib.util

    source = subprocess.run(["git", "show", "ced4f30:analysis/overlap.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "overlap_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("analysis._overlap_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int, before: bool = False) -> dict:
    """Time each overlap stage on an ``n``-article corpus (in this process)."""
    from analysis import framing, load_corpus, overlap
    from analysis.actors import actors_for

    module = _before_module() if before else overlap
    with tempfile.TemporaryDirectory() as tmp:
        made = news_corpus(n, Path(tmp))
        start = time.perf_counter()
        corpus = load_corpus(tmp)
        quotes = framing.extract_quotes(corpus, actors_for(corpus))
        loaded = time.perf_counter()
        rss_loaded = _max_rss_mb()
        cpu = _cpu_s()
        times = {}

        def stage(name, function, *args):
            t = time.perf_counter()
            result = function(*args)
            times[name] = round(time.perf_counter() - t, 2)
            return result

        matches = stage("align", module.sentence_matches, corpus)
        pairs = stage("containment", module.outlet_similarity, corpus, matches)
        shared = stage("shared_quotes", module.shared_quotes, corpus, quotes)
        derived = stage("derivation", module.derivation, corpus, matches, pairs)
        stage("unique", module.unique_sentences, corpus, matches)
        if not before:
            stage("outlet_overlap", module.outlet_overlap, corpus, pairs, derived)
        cpu = _cpu_s() - cpu  # CPU seconds: less sensitive than wall time to a busy machine
        return {"n": n, "code": "before" if before else "now", **made, "sentences": len(corpus.body()),
                "overlap_cpu_s": round(cpu, 1),
                "quotes": len(quotes), "load_s": round(loaded - start, 1), "overlap_s": round(sum(times.values()), 1),
                **times, "pairs": len(pairs), "matches": len(matches), "shared_quote_rows": len(shared),
                "rss_after_load_mb": round(rss_loaded), "peak_rss_mb": round(_max_rss_mb())}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        print(json.dumps(measure(int(argv[1]), before=argv[2:] == ["before"])))
        return
    sizes = [int(a) for a in argv if a.isdigit() and "--before" not in argv[max(0, argv.index(a) - 1):argv.index(a)]]
    runs = [(n, False) for n in (sizes or [1000, 10_000])]
    if "--before" in argv:
        runs.insert(0, (int(argv[argv.index("--before") + 1]), True))
        runs.insert(1, (runs[0][0], False))
    results = []
    for n, before in runs:
        out = subprocess.run([sys.executable, __file__, "--child", str(n)] + (["before"] if before else []),
                             capture_output=True, text=True, check=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        results.append(result)
        print(f"overlap ({result['code']}): {n:6,} articles, {result['stories']:,} stories, {result['sentences']:,} "
              f"sentences, {result['quotes']:,} quotes: {result['overlap_s']} s wall, {result['overlap_cpu_s']} s CPU "
              f"(align {result['align']}, "
              f"containment {result['containment']}, quotes {result['shared_quotes']}, derivation "
              f"{result['derivation']}); load {result['load_s']} s; {result['pairs']:,} pairs compared of "
              f"{n * (n - 1) // 2:,}; peak RSS {result['peak_rss_mb']:,} MB (after load "
              f"{result['rss_after_load_mb']:,})", flush=True)
    now = [r for r in results if r["code"] == "now"]
    for small, large in zip(now, now[1:]):
        for key in ("overlap_s", "overlap_cpu_s"):
            exponent = math.log(large[key] / small[key]) / math.log(large["n"] / small["n"])
            print(f"growth exponent {small['n']:,} -> {large['n']:,} articles: {key} ~ n^{exponent:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
