"""Frame coder against human codes: AUC per frame and kappa per question on every hand-coded set.

    .venv/bin/python benchmarks/frames_validity.py [--items] [--codebook PATH] [--hybrid]

Sets (tests/data): frames_dev (34 Wikinews reports, in-sample for the cues), frames_heldout (22
Wikinews reports coded blind, never tuned on), frames_sotu dev01-dev16 (16 passages of State of the
Union addresses, opinion-style, tuned on), ho17-ho36 (20 held out) and ho37-ho60 (24 more, drawn
by the same script and coded blind by a second coder after every cue revision), and frames_sotu2
(ho61-ho84: 24 more, drawn by the same script continued and coded blind by a third coder, after every
cue revision). Codes are human codes made before the coder was run on the texts; the figures come
from analysis.framing.frame_validity. benchmarks/frames_model.py measures a frame score without
torch (a model over the cue density and static word vectors): not adopted, see its figures;
benchmarks/frames_lexicon.py measures Empath word categories as extra human-interest and morality
cues: not adopted either.
Last, the agreement of two coders on ho37-ho84 (frames_recode, a blind re-coding): on 7 Dec 2026
one coder's yes counts rank the other's frame presence at mean AUC 0.947 (human interest 0.87,
morality 0.88), the cue score at 0.803 against the first coders and 0.814 against the re-coder.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import framing, load_corpus  # noqa: E402

DATA = ROOT / "tests" / "data"


def coded_sets() -> dict[str, tuple[Path, str]]:
    """Name -> (folder, pattern the article ids of the set start with; "" for all)."""
    return {"wikinews dev": (DATA / "frames_dev", ""), "wikinews held-out": (DATA / "frames_heldout", ""),
            "sotu dev": (DATA / "frames_sotu", "dev"),
            "sotu held-out": (DATA / "frames_sotu", r"ho(1[7-9]|2\d|3[0-6])-"),
            "sotu 2nd coder": (DATA / "frames_sotu", r"ho(3[7-9]|[45]\d|60)-"),
            "sotu2 3rd coder": (DATA / "frames_sotu2", "")}


def validity(folder: Path, prefix: str, codebook=None):
    """frame_validity of the coder on one set (articles whose id matches ``prefix`` at its start)."""
    corpus = load_corpus(folder / "texts")
    frames = framing.code_frames(corpus, codebook)
    codes = framing.load_human_codes(folder / "codes.csv")
    frames = frames[frames["article"].str.match(prefix)]
    codes = codes[codes["article"].str.match(prefix)]
    return framing.frame_validity(frames, codes, codebook), pooled_kappa(frames, codes)


def pooled_kappa(frames, codes) -> float:
    """Cohen's kappa over every yes/no answer of the set (all questions together)."""
    from sklearn.metrics import cohen_kappa_score

    pairs = frames.dropna(subset=["score"]).merge(codes, on=["article", "item"])
    return cohen_kappa_score(pairs["value"], pairs["present"].astype(int))


def hybrid_aucs(folder: Path, prefix: str) -> dict[str, dict[str, float]]:
    """AUC per frame of the cue score, the embedding score and their hybrid (``semantic`` extra)."""
    from sklearn.metrics import roc_auc_score

    corpus = load_corpus(folder / "texts")
    table = framing.frame_scores(framing.code_frames(corpus), framing.semantic_frame_scores(corpus))
    codes = framing.load_human_codes(folder / "codes.csv")
    coded = frame_presence(codes[codes["article"].str.match(prefix)])
    both = (table[table["article"].str.match(prefix)].set_index(["article", "frame"])
            .join(coded.rename("human"), how="inner").reset_index())
    return {column: {frame: roc_auc_score(rows["human"], rows[column])
                     for frame, rows in both.groupby("frame") if rows["human"].nunique() == 2}
            for column in ("frame_score", "semantic", "hybrid")}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", action="store_true", help="also print kappa and hit rates per question")
    parser.add_argument("--codebook")
    parser.add_argument("--hybrid", action="store_true",
                        help="also the embedding and hybrid scores (needs the semantic extra)")
    args = parser.parse_args(argv)
    for name, (folder, prefix) in coded_sets().items():
        table, kappa = validity(folder, prefix, args.codebook)
        frames = table[table["level"] == "frame"].set_index("frame")
        items = table[table["level"] == "item"].set_index("item")
        aucs = " ".join(f"{f[:4]} {a:.2f}" for f, a in frames["auc"].items())
        print(f"{name:18s} mean AUC {frames['auc'].mean():.3f} | {aucs} | median kappa "
              f"{items['kappa'].median():.2f}, pooled kappa {kappa:.2f}")
        if args.items:
            print(items[["coded_yes", "kappa", "hit_rate", "false_alarm_rate"]].round(2).T.to_string())
        if args.hybrid:
            for column, aucs in hybrid_aucs(folder, prefix).items():
                print(f"    {column:11s} mean AUC {sum(aucs.values()) / len(aucs):.3f} | "
                      + " ".join(f"{f[:4]} {a:.2f}" for f, a in aucs.items()))
    coder_agreement()


RECODED = DATA / "frames_recode" / "codes.csv"


def frame_presence(codes, how: str = "max") -> "pd.Series":
    """(article, frame) -> 1 where any of the frame's questions is coded yes (``how`` "sum": how
    many are)."""
    frame_of = {item.id: item.frame for item in framing.load_codebook(None).items}
    return codes.assign(frame=codes["item"].map(frame_of)).groupby(["article", "frame"])["value"].agg(how)


def coder_agreement() -> None:
    """How far two people agree on the opinion passages ho37-ho84, the ceiling of any coder: the
    first coders' codes (frames_sotu, frames_sotu2) against a blind re-coding (frames_recode), as
    kappa of frame presence and as the AUC with which one coder's count of yes answers ranks the
    other's presence (the AUC the automatic score is judged by); then the cue score against each."""
    import shutil
    import tempfile

    import numpy as np
    import pandas as pd
    from sklearn.metrics import cohen_kappa_score, roc_auc_score

    if not RECODED.exists():
        return
    second = framing.load_human_codes(RECODED)
    first = pd.concat([framing.load_human_codes(DATA / name / "codes.csv") for name in ("frames_sotu", "frames_sotu2")
                       if (DATA / name / "codes.csv").exists()])
    first = first[first["article"].isin(set(second["article"]))]
    presence = {"first coders": frame_presence(first), "re-coder": frame_presence(second)}
    count = frame_presence(second, "sum")
    folders = [DATA / "frames_sotu" / "texts", DATA / "frames_sotu2" / "texts"]
    texts = [p for folder in folders if folder.exists() for p in sorted(folder.glob("*.txt"))
             if p.stem in set(second["article"])]
    with tempfile.TemporaryDirectory() as folder:
        for path in texts:
            shutil.copy(path, folder)
        scores = framing.frame_scores(framing.code_frames(load_corpus(folder))).set_index(["article", "frame"])["frame_score"]

    def auc(truth, score) -> float:
        score = score.reindex(truth.index)
        return roc_auc_score(truth, score) if truth.nunique() == 2 else np.nan

    truth = presence["first coders"]
    frames = sorted(set(truth.index.get_level_values("frame")))
    rows = {"kappa, first coders vs re-coder": {f: cohen_kappa_score(truth.xs(f, level="frame"),
                                                                     presence["re-coder"].reindex(truth.index).xs(f, level="frame"))
                                                if truth.xs(f, level="frame").nunique() == 2 else np.nan for f in frames},
            "AUC, re-coder's yes count": {f: auc(truth.xs(f, level="frame"), count.xs(f, level="frame")) for f in frames}}
    for name, coded in presence.items():
        rows[f"AUC, cue score vs {name}"] = {f: auc(coded.xs(f, level="frame"), scores.xs(f, level="frame"))
                                             for f in frames}
    print(f"coders on {truth.index.get_level_values('article').nunique()} opinion passages (ho37-ho84):")
    for name, values in rows.items():
        mean = np.nanmean(list(values.values()))
        print(f"    {name:34s} mean {mean:.3f} | " + " ".join(f"{f[:4]} {v:.2f}" for f, v in values.items()))


if __name__ == "__main__":
    main()
