"""Fit (and cross-validate) the frame model behind the frame ``score``: one logistic regression per
frame over an article's topic vector and its cue density, on the coded development texts only.

    .venv/bin/python benchmarks/frames_model.py [--write]

Development texts (tests/data, codes made by hand before any coder run): frames_dev (34 Wikinews
reports), frames_sotu dev01-dev16 and ho17-ho36 (36 passages of State of the Union addresses). Never
frames_heldout, frames_sotu ho37-ho60 or frames_sotu2 (the held-out sets of
benchmarks/frames_validity.py), nor the NYT editorials of vaderSentiment's data.

Features per article and frame (see ``analysis.framing.frame_features``): the article's topic vector
(the background-IDF-weighted mean of its static word vectors, ``data/word_vectors_en.npz``, unit
length: 128 numbers) and log(1 + the frame's cue density). Target: the frame coded present (any of
its questions answered yes). Chosen by leave-one-set-out cross-validation (train on two of the three
development sets, score the third): C = 0.1 (0.01-1 gave the same mean AUC within 0.003); per-item
models, cue densities per question, the sentences' similarity to the codebook's frame descriptions
and rank hybrids with it were measured too and did no better. ``--write`` refits on all 70 texts and
writes ``analysis/data/frame_model_en.csv``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import framing, load_corpus  # noqa: E402

DATA = ROOT / "tests" / "data"
C = 0.1
# name -> (folder, pattern the article ids of the set start with)
DEVELOPMENT = {"wikinews dev": (DATA / "frames_dev", ""),
               "sotu dev": (DATA / "frames_sotu", "dev"),
               "sotu ho17-ho36": (DATA / "frames_sotu", r"ho(1[7-9]|2\d|3[0-6])-")}
OUT = ROOT / "analysis" / "data" / "frame_model_en.csv"


def development_table():
    """Per development article and frame: set, features (cue density, topic vector) and the human code."""
    import numpy as np
    import pandas as pd

    book = framing.load_codebook()
    frame_of = {item.id: item.frame for item in book.items}
    parts = []
    for name, (folder, prefix) in DEVELOPMENT.items():
        corpus = load_corpus(folder / "texts")
        frames = framing.code_frames(corpus, book)
        frames = frames[frames["article"].str.match(prefix)]
        codes = framing.load_human_codes(folder / "codes.csv")
        codes = codes[codes["article"].str.match(prefix)]
        human = codes.assign(frame=codes["item"].map(frame_of)).groupby(["article", "frame"])["value"].max()
        density = framing.frame_cue_density(frames)
        body = corpus.body()
        texts = body.groupby("article", sort=False)["text"].apply(" ".join)
        vectors = framing.topic_vectors(list(texts))
        vector_of = dict(zip(texts.index, vectors))
        table = density.join(human.rename("human"), on=["article", "frame"], how="inner")
        table["set"] = name
        table["vector"] = [vector_of[a] for a in table["article"]]
        parts.append(table)
    table = pd.concat(parts, ignore_index=True)
    table["log_cue_density"] = np.log1p(table["cue_density"])
    return table


def design(rows):
    import numpy as np

    return np.column_stack([np.log1p(rows["cue_density"].to_numpy()), np.vstack(rows["vector"].to_numpy())])


def fit(rows):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000).fit(design(rows), rows["human"].to_numpy())


def cross_validated(table) -> dict[str, dict[str, tuple[float, float]]]:
    """Leave one development set out: AUC per frame of (cue density, model) on the left-out set."""
    from sklearn.metrics import roc_auc_score

    out: dict[str, dict[str, tuple[float, float]]] = {}
    for name in DEVELOPMENT:
        out[name] = {}
        for frame, rows in table.groupby("frame", sort=False):
            test, train = rows[rows["set"] == name], rows[rows["set"] != name]
            if test["human"].nunique() < 2:
                continue
            model = fit(train)
            out[name][frame] = (roc_auc_score(test["human"], test["cue_density"]),
                                roc_auc_score(test["human"], model.decision_function(design(test))))
    return out


def write(table, path: Path = OUT) -> None:
    """Refit on every development text and write the coefficients with their provenance."""
    lines = ["# Frame model of analysis.framing.frame_model_scores: per frame, a logistic regression of",
             "# 'frame coded present by a human coder' on log(1 + cue density of the frame) and the article's",
             "# 128-dimension topic vector (analysis.framing.topic_vectors). Written by",
             "# 'python benchmarks/frames_model.py --write' (scikit-learn LogisticRegression, L2, C = %s) from" % C,
             "# the hand codes of tests/data/frames_dev (34 Wikinews articles, CC BY 2.5) and",
             "# tests/data/frames_sotu dev01-dev16 and ho17-ho36 (36 State of the Union passages, public",
             "# domain): %d articles. Coefficients: the project's own (CC0)." % table["article"].nunique(),
             "frame,intercept,log_cue_density," + ",".join(f"v{k:03d}" for k in range(len(table["vector"].iloc[0])))]
    for frame, rows in table.groupby("frame", sort=False):
        model = fit(rows)
        values = [model.intercept_[0], *model.coef_[0]]
        lines.append(frame + "," + ",".join(f"{v:.6g}" for v in values))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help=f"refit on all development texts and write {OUT.name}")
    args = parser.parse_args(argv)
    if not OUT.exists():  # the first fit: code_frames reads the model (without one, scores are cue densities)
        OUT.write_text("frame,intercept,log_cue_density\n", encoding="utf-8")
    table = development_table()
    for name, aucs in cross_validated(table).items():
        cues = [a for a, _m in aucs.values()]
        model = [m for _a, m in aucs.values()]
        print(f"{name:15s} left out: cue density mean AUC {sum(cues) / len(cues):.3f}, model {sum(model) / len(model):.3f} | "
              + " ".join(f"{f[:4]} {a:.2f}->{m:.2f}" for f, (a, m) in aucs.items()))
    if args.write:
        write(table)
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
