"""Frame cues from an established lexicon (Empath), chosen a priori: measured on the development
texts, then on the held-out sets a counted number of times.

    .venv/bin/python benchmarks/frames_lexicon.py --build PATH/TO/empath/data/categories.tsv
    .venv/bin/python benchmarks/frames_lexicon.py            # development sets only (variants)
    .venv/bin/python benchmarks/frames_lexicon.py --heldout  # the chosen variant on the held-out sets

Question (issue 15): on opinion writing the cue score ranks human interest (H1-H4) and morality
(M1-M3) well below what a second coder reaches. Hand-tuned cue words did not transfer to new
passages. Do the word categories of an established, openly licensed lexicon, chosen from the
Semetko & Valkenburg definitions before any measurement, do better?

Lexicon: Empath 0.89 (Fast, Chen & Bernstein 2016, "Empath: Understanding topic signals in
large-scale text", CHI 2016; MIT licence, copyright (c) 2016 Ethan Fast), the file
empath/data/categories.tsv of its PyPI sdist (``pip download --no-deps empath==0.89``). Only the
categories below are shipped (analysis/data/frames_lexicon_empath.yaml, made by ``--build``).

Categories per question, chosen from the question wording alone (written down and committed before
any text was scored; the reasons are in the data file's header):
  H1 human example / human face ........ children
  H2 outrage, empathy, sympathy ........ sympathy, suffering, sadness, horror
  H3 how people are affected ........... poor, neglect, injury, death
  H4 private or personal lives ......... family
  M1 a moral message ................... deception, shame
  M2 morality, God, religious tenets ... religion, worship, divine
  M3 prescriptions on how to behave .... politeness
Left out although they sound close: fear (the question names outrage, sympathy and compassion, not
fear), wedding and home (their lists are dominated by public-life words: pledge, proposal, official,
party; live, living, anywhere), trust, help and giving (deal, safe, save, agree, compromise, provide,
pay: the vocabulary of policy).

Pre-declared variants, chosen among on the development sets only: weight per distinct word 0.25 or
0.5 (the codebook's weak cue); H3's lexicon words with or without the codebook's ``people`` anchor;
all words, or only words rarer than Zipf 5 in English at large (a general frequency list,
analysis/data/word_frequencies_en.csv: drops the commonest words such as life, care, kind, bad).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LEXICON = ROOT / "analysis" / "data" / "frames_lexicon_empath.yaml"
CHOSEN = {"H1": ["children"], "H2": ["sympathy", "suffering", "sadness", "horror"],
          "H3": ["poor", "neglect", "injury", "death"], "H4": ["family"],
          "M1": ["deception", "shame"], "M2": ["religion", "worship", "divine"], "M3": ["politeness"]}

HEADER = """\
# Word categories of Empath 0.89 used as frame cues (analysis/data/frames_semetko_valkenburg.yaml
# may refer to them with `lexicon: frames_lexicon_empath.yaml` and `categories: [...]`).
# Source: Empath (Fast, Chen & Bernstein 2016, "Empath: Understanding topic signals in large-scale
# text", CHI 2016), file empath/data/categories.tsv of the PyPI sdist empath 0.89; only the
# categories below, copied unchanged (words sorted, duplicates removed; a word that is not one
# token of analysis.framing, such as "9/11", is left out). Made by benchmarks/frames_lexicon.py --build.
# Licence (MIT), as in Empath's LICENSE.txt:
#   Copyright (c) 2016 Ethan Fast
#   Permission is hereby granted, free of charge, to any person obtaining a copy of this software
#   and associated documentation files (the "Software"), to deal in the Software without
#   restriction, including without limitation the rights to use, copy, modify, merge, publish,
#   distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
#   Software is furnished to do so, subject to the following conditions:
#   The above copyright notice and this permission notice shall be included in all copies or
#   substantial portions of the Software.
#   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
#   BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
#   NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
#   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
#   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
#
# Which category serves which Semetko & Valkenburg question, decided from the questions' wording
# before any text was scored (7 Dec 2026):
#   H1 "a human example or human face": children (the people a vignette is about: a child, a
#      mother, an orphan, a toddler).
#   H2 "adjectives or personal vignettes that generate feelings of outrage, empathy-caring,
#      sympathy, or compassion": sympathy (compassion, pity, condolence), suffering and sadness
#      (the misfortune that asks for sympathy: grief, anguish, heartbreak), horror (outrage, shock).
#   H3 "how individuals and groups are affected": poor (poverty, hunger, unemployment), neglect
#      (deprivation, abandonment), injury (wounds, harm), death (killed, funeral, mourning).
#   H4 "the private or personal lives of the actors": family (kin, marriage, divorce, upbringing).
#   M1 "any moral message": deception (dishonesty, corruption, greed, betrayal: wrongs named as
#      wrongs) and shame (guilt, disgrace, conscience, deserve).
#   M2 "morality, God, and other religious tenets": religion, worship, divine.
#   M3 "specific social prescriptions about how to behave": politeness (respectful, considerate,
#      civility, humble: conduct held up as right).
# Not chosen: fear (H2 names outrage, sympathy and compassion, not fear); wedding and home (lists
# dominated by public-life words: pledge, proposal, official, party; live, living, anywhere);
# trust, help, giving (deal, safe, save, agree, compromise, provide, pay: the vocabulary of policy).
"""


def build(categories_tsv: Path) -> None:
    """Write the chosen categories of Empath's categories.tsv to analysis/data (YAML)."""
    import re

    import yaml

    token = re.compile(r"\w+(?:[’'-]\w+)*")
    wanted = sorted({c for cats in CHOSEN.values() for c in cats})
    found: dict[str, list[str]] = {}
    with open(categories_tsv, encoding="utf-8") as handle:
        for line in handle:
            name, *words = line.rstrip("\n").split("\t")
            if name in wanted:
                found[name] = sorted({w.lower() for w in words if token.fullmatch(w)})
    missing = [c for c in wanted if c not in found]
    if missing:
        raise SystemExit(f"{categories_tsv}: no category {', '.join(missing)}")
    body = yaml.safe_dump({"name": "Empath 0.89, selected categories", "licence": "MIT",
                           "categories": {c: found[c] for c in wanted}},
                          sort_keys=False, width=100, allow_unicode=True, default_flow_style=None)
    LEXICON.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {LEXICON.relative_to(ROOT)}: " + ", ".join(f"{c} {len(found[c])}" for c in wanted))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", type=Path, help="Empath's categories.tsv: write the lexicon file")
    args = parser.parse_args(argv)
    if args.build:
        build(args.build)


if __name__ == "__main__":
    main()
