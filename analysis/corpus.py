"""Loading a corpus: files -> cleaned articles, sentences and a removals table.

This is the only place where files are read, text is cleaned and sentences are split; every
measure works on the tables of the :class:`Corpus` returned by :func:`load_corpus`.

A corpus is a folder of ``.txt`` and ``.html`` files with an optional ``manifest.csv``
(columns ``id, path, outlet, title, date, url, language``; unknown values stay empty). Problems
with one file become warnings (the file is skipped and listed); problems that make the whole run
meaningless (no readable article, a broken manifest) raise :class:`AnalysisError`. Input files are
only ever opened for reading.

Hostile input is expected: only regular files inside the corpus folder are read (a manifest path
outside it is an error; a link to a file outside it is skipped unless ``follow_symlinks``; pipes
and devices are never opened for reading), each at most ``max_bytes``; files a run of ours wrote
(listed in a ``run.json``) are never read back as articles. The measures are English: an article
that is not is left out (``Corpus.excluded``) with a warning, not scored as nonsense.
"""
from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import io
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .cleaning import Rules, clean_text, find_rereported_sources, load_rules
from .errors import AnalysisError, InputWarning
from .outputs_atomic import RUN_RECORD, earlier_outputs, file_sha256, publish_tables
from .paths import DEFAULT_CORPUS, is_inside
from .segmentation import MAX_SENTENCE_CHARS, WORD_RE, count_words, segment_paragraph

if TYPE_CHECKING:
    import pandas as pd

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("id", "path", "outlet", "title", "date", "url", "language", "story")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
LONG_SENTENCE_WORDS = 150  # beyond this, splitting has most likely failed (cf. quanteda #1914)
HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|script|article|section|h[1-6])\b[^>]*>", re.IGNORECASE)
# The measures (readability formulas, VADER, cue lists) are English. An article is taken as
# English when most of its letters are Latin and, given 20 words or more, at least 12% of its
# words are these function words: English news runs at 30-45%, German, French, Spanish or Dutch
# news below 8% (their own "in", "an", "a", "on" are the overlap).
MIN_ENGLISH_SHARE = 0.12
MIN_LATIN_SHARE = 0.5
MIN_WORDS_FOR_LANGUAGE = 20
ENGLISH_MARKERS = frozenset(
    "the a an and or but of to in on at for with from by is are was were be been has have had "
    "that this it he she they we you i not as his her their its".split()
)

ARTICLE_COLUMNS = [
    "id", "label", "article_label", "outlet", "story", "title", "date", "url", "language", "source", "re_reported_from",
    "content_warning", "disclaimer", "byline", "dateline", "path", "format", "sha256", "n_paragraphs", "n_headings",
    "n_sentences", "n_words", "quote_share", "english_share",
]
SENTENCE_COLUMNS = [
    "article", "index", "paragraph", "kind", "text", "n_words", "quote_share", "quote_id", "voice",
    "position",
]
QUOTE_THRESHOLD = 0.5  # a sentence at least half inside quotation marks is the quoted person's voice
REMOVED_COLUMNS = ["article", "text", "reason"]
EXCLUDED_COLUMNS = ["id", "path", "reason", "english_share", "latin_share"]


@dataclass
class Corpus:
    """The cleaned corpus: one table of articles, one of sentences, one of what cleaning removed."""

    articles: "pd.DataFrame"
    sentences: "pd.DataFrame"
    removed: "pd.DataFrame"
    warnings: list[InputWarning] = field(default_factory=list)
    root: Path | None = None
    # articles read but left out of every measure (not English), one row each with the reason
    excluded: "pd.DataFrame | None" = None
    # every file read (articles, manifest) -> SHA-256 of its bytes, for run.json
    inputs: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.excluded is None:
            import pandas as pd

            self.excluded = pd.DataFrame(columns=EXCLUDED_COLUMNS)

    @property
    def ids(self) -> list[str]:
        return list(self.articles["id"])

    @property
    def labels(self) -> dict[str, str]:
        """Display name of each article's unit of comparison: its outlet where known, else the
        article's own short label. Computed once per articles table."""
        cached = self.__dict__.get("_labels")
        if cached is None or cached[0] is not self.articles:
            cached = (self.articles, dict(zip(self.articles["id"], self.articles["label"])))
            self.__dict__["_labels"] = cached
        return cached[1]

    def body(self) -> "pd.DataFrame":
        """Body sentences only (no headings): what the measures score. Computed once and shared:
        treat it as read-only (copy before changing it)."""
        cached = self.__dict__.get("_body")
        if cached is None or cached[0] is not self.sentences:
            cached = (self.sentences, self.sentences[self.sentences["kind"] == "body"].reset_index(drop=True))
            self.__dict__["_body"] = cached
        return cached[1]

    def story_of(self) -> dict[str, str]:
        """Each article's story ("" for none): what paired comparisons within stories group by."""
        if "story" not in self.articles:
            return {}
        return {a: s if isinstance(s, str) else "" for a, s in zip(self.articles["id"], self.articles["story"])}

    def body_text(self, article: str) -> str:
        rows = self.sentences[(self.sentences["article"] == article) & (self.sentences["kind"] == "body")]
        paragraphs = rows.groupby("paragraph", sort=True)["text"].apply(" ".join)
        return "\n\n".join(paragraphs)

    def overview(self) -> "pd.DataFrame":
        """One row per article: what it is, what cleaning found, how much text is left."""
        removed = self.removed.groupby("article").size()
        body = self.body()
        quoted = body[body["voice"] == "quotes"].groupby("article").size()
        table = self.articles[["id", "label", "title", "date", "source", "re_reported_from",
                               "content_warning", "disclaimer", "n_paragraphs", "n_headings",
                               "n_sentences", "n_words", "quote_share"]].copy()
        table["content_warning"] = table["content_warning"].ne("")
        table["disclaimer"] = table["disclaimer"].ne("")
        table["quoted_sentences"] = table["id"].map(quoted).fillna(0).astype(int)
        table["removed_blocks"] = table["id"].map(removed).fillna(0).astype(int)
        return table

    def warnings_table(self) -> "pd.DataFrame":
        import pandas as pd

        return pd.DataFrame([vars(w) for w in self.warnings], columns=["file", "problem", "action"])

    def tables(self) -> dict[str, "pd.DataFrame"]:
        """The corpus as named tables, as ``clean`` writes them."""
        return {"articles": self.articles, "sentences": self.sentences, "removed": self.removed,
                "warnings": self.warnings_table(), "excluded": self.excluded}

    def to_csv(self, out: str | Path, record: dict | None = None) -> list[Path]:
        """Write :meth:`tables` to ``out`` as CSV, all together, through the one safe writer."""
        return publish_tables(out, self.tables(), {"inputs": self.inputs, **(record or {})})


@dataclass
class _Source:
    path: Path
    meta: dict[str, str]
    loaded: tuple | None = None  # (text, format, html meta) already read: a row of a one-table corpus
    extra: dict[str, str] = field(default_factory=dict)  # a table's unknown columns, passed through
    raw_html: bool = False  # loaded holds a table row's HTML page, its text still to be extracted
    location: str = ""  # where a Dask worker reads the file (absolute: its working folder is not ours)


def load_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    rules: Rules | str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, str], None] | None = None,
    follow_symlinks: bool = False,
) -> Corpus:
    """Read, clean and segment a corpus folder (default: the project's ``data/``) or one file.

    ``progress(done, total, name)`` is called after each file, for long runs. Links to files
    outside the corpus folder are skipped with a warning unless ``follow_symlinks``.
    """
    root = Path(path) if path is not None else DEFAULT_CORPUS
    _check_root(root)
    if not isinstance(rules, Rules):
        rules = load_rules(rules)
    warnings: list[InputWarning] = []
    inputs: dict[str, str] = {}
    if manifest is not None and (_is_parquet_dataset(root) or (root.is_file() and _is_table(root))):
        raise AnalysisError(manifest, "a manifest is not used with a table corpus: put the outlet, date "
                                      "and story in columns of the table")
    if _is_parquet_dataset(root):
        results = _cleaned_parquet(root, rules, max_bytes, inputs, warnings, follow_symlinks)
    else:
        sources = _collect_sources(root, manifest, warnings, follow_symlinks, inputs)
        if not sources:
            raise AnalysisError(root, "no .txt or .html article files found")
        results = _cleaned_sources(sources, rules, max_bytes, progress)
    return _merged(root, results, warnings, inputs)


@dataclass
class Cleaned:
    """What cleaning one source gave, before anything that must see the whole corpus (duplicates,
    labels): computed file by file, in this process or as Dask tasks, and merged in source order."""

    warnings: list[InputWarning] = field(default_factory=list)  # before the duplicate check
    where: str = ""  # the file (or table row) it came from; "" for warnings alone
    table_row: bool = False
    inputs: dict[str, str] = field(default_factory=dict)
    excluded: dict | None = None  # not English
    digest: str | None = None  # set once the text reached the duplicate check
    article_id: str = ""
    later: list[InputWarning] = field(default_factory=list)  # after it (dropped for a duplicate)
    article: dict | None = None
    sentences: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)


def clean_sources(sources: list[_Source], rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Cleaned]:
    """Read, clean and segment each source on its own (one partition of a corpus)."""
    return [clean_source(source, rules, max_bytes) for source in sources]


def clean_source(source: _Source, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> Cleaned:
    """One file (or table row): its article, sentences and removals, or why it was skipped."""
    result = Cleaned(where=str(source.path), table_row=source.loaded is not None)
    warnings = result.warnings
    loaded = source.loaded or _read_article(source.path, max_bytes, warnings, result.inputs, source.location)
    if loaded is not None and source.raw_html:  # a table row's page: extracted here, not when listed
        loaded = _extracted_row(source, loaded, warnings)
    if loaded is None:
        return result
    text, fmt, html_meta = loaded
    article_id = result.article_id = source.meta.get("id") or source.path.stem
    cleaned = clean_text(text, rules)
    body = "\n".join(p.text for p in cleaned.paragraphs)
    digest = hashlib.sha256(" ".join(body.split()).casefold().encode("utf-8")).hexdigest()
    if not any(p.kind == "body" and count_words(p.text) for p in cleaned.paragraphs):
        warnings.append(InputWarning(str(source.path), "no body text left after cleaning", "skipped"))
        return result
    english, english_share, latin_share, why = english_evidence(body)
    if not english:
        warnings.append(InputWarning(str(source.path), f"text does not look like English ({why})",
                                     "left out of the English-only measures"))
        result.excluded = {"id": article_id, "path": str(source.path), "reason": "not English",
                           "english_share": english_share, "latin_share": latin_share}
        return result
    result.digest = digest
    later = result.later
    rows = _sentence_rows(article_id, cleaned.paragraphs)
    if not any(r["kind"] == "body" for r in rows):
        later.append(InputWarning(str(source.path), "no sentence with a word in it", "skipped"))
        return result
    _add_voice_and_position(rows)
    cut = sum(1 for r in rows if r.pop("cut", False))
    if cut:
        later.append(InputWarning(
            str(source.path), f"{cut} sentence piece(s) longer than {MAX_SENTENCE_CHARS} characters",
            "cut at clause or word boundaries before scoring"))
    for row in rows:
        if row["n_words"] > LONG_SENTENCE_WORDS:
            later.append(InputWarning(
                str(source.path),
                f"sentence {row['index']} has {row['n_words']} words: sentence splitting may have failed",
                "kept; sentence-level scores for it are unreliable"))
    result.sentences = rows
    result.removed = [{"article": article_id, "text": t, "reason": r} for _, t, r in cleaned.removed]
    row = _article_row(article_id, source, fmt, digest, cleaned, html_meta, rows)
    given, row["date"] = row["date"], iso_date(row["date"])
    if given and not row["date"]:
        later.append(InputWarning(str(source.path), f"date {given!r} not understood",
                                  "left empty (write dates as YYYY-MM-DD)"))
    result.article = {**row, **source.extra}
    return result


def _cleaned_sources(sources: list[_Source], rules: Rules, max_bytes: int,
                     progress: Callable[[int, int, str], None] | None) -> list[Cleaned]:
    """Every source cleaned: as Dask tasks over partitions of sources with a scheduler, else here."""
    from .parallel import MIN_ARTICLES, chunks, map_local, map_tasks, scheduler, workers

    if scheduler() is not None:
        for source in sources:
            source.location = os.path.abspath(source.path)
        parts = chunks(sources, _sources_per_task(len(sources)))
        return [c for part in map_tasks(clean_sources, parts, rules, max_bytes, desc="cleaning") for c in part]
    if len(sources) >= MIN_ARTICLES and workers() > 1:
        # each file is cleaned on its own, so worker processes give the same results in the
        # same order; below MIN_ARTICLES starting them costs more than it saves
        parts = chunks(sources, _sources_per_task(len(sources)))
        done = 0

        def finished(k: int) -> None:
            nonlocal done
            done += len(parts[k])
            if progress is not None:
                progress(done, len(sources), parts[k][-1].path.name)

        cleaned = map_local(clean_sources, parts, rules, max_bytes, desc="cleaning", finished=finished, own_pool=True)
        return [c for part in cleaned for c in part]
    results = []
    for done, source in enumerate(sources, start=1):
        if progress is not None:
            progress(done, len(sources), source.path.name)
        results.append(clean_source(source, rules, max_bytes))
    return results


def clean_parquet_part(part, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Cleaned]:
    """The rows of one partition of a Parquet dataset, read a batch at a time and cleaned; a
    row the table reader skips leaves its warning in place (a result with warnings alone)."""
    from .tables import parquet_part_rows

    results: list[Cleaned] = []
    skipped: list[InputWarning] = []
    for row in parquet_part_rows(part, skipped, reserved=tuple(ARTICLE_COLUMNS)):
        if skipped:
            results.append(Cleaned(warnings=skipped))
            skipped = []
        results.append(clean_source(table_source(row), rules, max_bytes))
    if skipped:
        results.append(Cleaned(warnings=skipped))
    return results


def _cleaned_parquet(root: Path, rules: Rules, max_bytes: int, inputs: dict[str, str],
                     warnings: list[InputWarning] | None = None, follow_symlinks: bool = False) -> list[Cleaned]:
    """Every row of a Parquet file or folder, partition by partition (Dask tasks with a scheduler,
    else one partition after the other here): never the whole dataset in memory at once."""
    from .parallel import map_tasks
    from .tables import parquet_files, parquet_plan

    files = parquet_files(root, follow_symlinks=follow_symlinks, warnings=warnings)
    if not files:
        raise AnalysisError(root, "no Parquet file to read")
    for path in files:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise AnalysisError(path, "not a regular file")
        inputs[str(path)] = file_sha256(path)
    parts = parquet_plan(files)
    return [c for part in map_tasks(clean_parquet_part, parts, rules, max_bytes, desc="cleaning") for c in part]


def _is_parquet_dataset(root: Path) -> bool:
    from .tables import is_parquet_dataset

    return is_parquet_dataset(root)


def _sources_per_task(n: int) -> int:
    from .parallel import partition_size, workers

    return partition_size(n, workers())


def _merged(root: Path, results: list[Cleaned], warnings: list[InputWarning], inputs: dict[str, str]) -> Corpus:
    """The corpus from the cleaned sources, in source order: what must see every article (the
    same text twice, ids used twice, display labels) is decided here."""
    articles, sentences, removed, excluded = [], [], [], []
    seen_hashes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    extra_columns: dict[str, None] = {}
    for result in results:
        warnings.extend(result.warnings)
        inputs.update(result.inputs)
        if result.excluded is not None:
            excluded.append(result.excluded)
        if result.digest is None:
            continue
        if result.digest in seen_hashes:
            warnings.append(InputWarning(result.where, f"same text as article {seen_hashes[result.digest]}",
                                         "skipped as a duplicate"))
            continue
        warnings.extend(result.later)
        if result.article is None:
            seen_hashes[result.digest] = result.article_id
            continue
        if result.article_id in seen_ids and result.table_row:  # rows of a Parquet dataset with one id
            _rename(result, seen_ids, warnings)
        seen_hashes[result.digest] = result.article_id  # after a rename: a later copy names this id
        seen_ids.setdefault(result.article_id, result.where)
        extra_columns.update(dict.fromkeys(k for k in result.article if k not in ARTICLE_COLUMNS))
        sentences.extend(result.sentences)
        removed.extend(result.removed)
        articles.append(result.article)
    if not articles and excluded:
        raise AnalysisError(root, f"no English article ({len(excluded)} in other languages): the measures "
                                  "are English-only")
    if not articles:
        raise AnalysisError(root, "no readable article: " + "; ".join(str(w) for w in warnings))
    _add_labels(articles)
    for warning in warnings:  # logged once the corpus stands (an error alone is one line)
        LOGGER.warning("%s", warning)
    LOGGER.info("%s: %d articles read, %d not English, %d files skipped", root, len(articles), len(excluded),
                sum(1 for r in results if r.where) - len(articles) - len(excluded))

    import pandas as pd

    return Corpus(
        articles=pd.DataFrame(articles, columns=ARTICLE_COLUMNS + list(extra_columns)),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
        warnings=warnings,
        root=root,
        excluded=pd.DataFrame(excluded, columns=EXCLUDED_COLUMNS),
        inputs=inputs,
    )


def _rename(result: Cleaned, seen_ids: dict[str, str], warnings: list[InputWarning]) -> None:
    """An id an earlier row already used: kept with a number appended."""
    old = result.article_id
    number = 2
    while f"{old}-{number}" in seen_ids:
        number += 1
    new = f"{old}-{number}"
    warnings.append(InputWarning(result.where, f"id '{old}' already used by {seen_ids[old]}",
                                 f"kept as '{new}'"))
    result.article_id = result.article["id"] = new
    for row in result.sentences + result.removed:
        row["article"] = new


def input_checksums(path: str | Path | None = None, *, manifest: str | Path | None = None,
                    follow_symlinks: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, str]:
    """SHA-256 of every file :func:`load_corpus` would read (articles and manifest), without
    cleaning anything: what a run's ``run.json`` records as its inputs."""
    root = Path(path) if path is not None else DEFAULT_CORPUS
    _check_root(root)
    inputs: dict[str, str] = {}
    if _is_parquet_dataset(root):
        from .tables import parquet_files

        return {str(p): file_sha256(p) for p in parquet_files(root, follow_symlinks=follow_symlinks)}
    for source in _collect_sources(root, manifest, [], follow_symlinks, inputs):
        data = _read_bytes(source.path, max_bytes)
        if isinstance(data, bytes):
            inputs[str(source.path)] = hashlib.sha256(data).hexdigest()
    return inputs


def _check_root(root: Path) -> None:
    """One-line errors for a corpus that is missing, a pipe or device, or unreadable."""
    try:
        info = root.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise AnalysisError(root, "symlink loop") from None
        if exc.errno == errno.ENOENT:
            raise AnalysisError(root, "no such file or folder") from None
        raise AnalysisError(root, f"cannot be read ({exc.strerror or exc})") from None
    if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
        raise AnalysisError(root, "not a regular file or folder (a pipe, device or socket)")
    if not os.access(root, os.R_OK | (os.X_OK if stat.S_ISDIR(info.st_mode) else 0)):
        raise AnalysisError(root, "cannot be read (permission denied)")


def english_evidence(text: str) -> tuple[bool, float, float, str]:
    """Whether ``text`` looks English, its share of English function words, its share of Latin
    letters, and in words why not (empty when it does)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c <= "\u024f" or "\u1e00" <= c <= "\u1eff")
    latin_share = round(latin / len(letters), 4) if letters else 0.0
    tokens = [t.lower() for t in WORD_RE.findall(text)]
    share = round(sum(t in ENGLISH_MARKERS for t in tokens) / len(tokens), 4) if tokens else 0.0
    if letters and latin_share < MIN_LATIN_SHARE:
        return False, share, latin_share, f"{latin_share:.0%} of its letters are Latin"
    if len(tokens) >= MIN_WORDS_FOR_LANGUAGE and share < MIN_ENGLISH_SHARE:
        return False, share, latin_share, f"English function words are {share:.0%} of its words"
    return True, share, latin_share, ""


_HASH_SUFFIX = re.compile(r"[_-][0-9a-f]{8,}$")


def readable_labels(ids: list[str]) -> list[str]:
    """Short display names for article ids: a trailing hash-like part ("000_9dac2022dfa1ae96")
    dropped where the rest stays unique and non-empty, otherwise the id itself."""
    short = [_HASH_SUFFIX.sub("", i) or i for i in ids]
    return short if len(set(short)) == len(short) else list(ids)


def _add_labels(articles: list[dict]) -> None:
    for row, short in zip(articles, readable_labels([a["id"] for a in articles])):
        row["article_label"] = short
        row["label"] = row["outlet"] or short


def _sentence_rows(article_id: str, paragraphs) -> list[dict]:
    rows = []
    quote_base = 0
    for p_index, paragraph in enumerate(paragraphs):
        segments = segment_paragraph(paragraph.text) if paragraph.kind == "body" else []
        if paragraph.kind == "heading":
            rows.append({"article": article_id, "index": len(rows), "paragraph": p_index,
                         "kind": "heading", "text": paragraph.text,
                         "n_words": count_words(paragraph.text), "quote_share": 0.0, "quote_id": -1})
            continue
        for seg in segments:
            n_words = count_words(seg.text)
            if not n_words:  # a lone quotation mark or dash is no sentence
                continue
            rows.append({"article": article_id, "index": len(rows), "paragraph": p_index,
                         "kind": "body", "text": seg.text, "n_words": n_words,
                         "quote_share": seg.quote_share,
                         "quote_id": quote_base + seg.quote_id if seg.quote_id >= 0 else -1,
                         "cut": seg.cut})
        used = [s.quote_id for s in segments if s.quote_id >= 0]
        quote_base += (max(used) + 1) if used else 0
    return rows


def voice_of(quote_share: float) -> str:
    """"quotes" for a sentence mostly inside quotation marks, else "narrative" (the outlet's voice)."""
    return "quotes" if quote_share >= QUOTE_THRESHOLD else "narrative"


VOICES = ("all", "narrative", "quotes")  # every sentence, the outlet's own voice, the quoted


def by_voice(sentences: "pd.DataFrame"):
    """("all", sentences), then the outlet's own voice ("narrative") and the quoted ("quotes")."""
    yield "all", sentences
    for voice in VOICES[1:]:
        yield voice, sentences[sentences["voice"] == voice]


def _add_voice_and_position(rows: list[dict]) -> None:
    body = [r for r in rows if r["kind"] == "body"]
    for number, row in enumerate(body):
        row["voice"] = voice_of(row["quote_share"])
        row["position"] = round((number + 0.5) / len(body), 4)  # relative place in the body, 0..1
    for row in rows:
        row.setdefault("voice", "")
        row.setdefault("position", float("nan"))


_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                 "%A, %B %d, %Y", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")


def iso_date(text: str) -> str:
    """A date as YYYY-MM-DD, from ISO 8601 (time and zone ignored), RFC 2822 as feeds write it
    ("Wed, 02 Oct 2024 10:00:00 GMT") or a spelled-out month ("October 2, 2024", "2 Oct 2024");
    "" for anything else. All-numeric day/month orders (03/04/2025) are ambiguous: not guessed."""
    import datetime
    import email.utils

    text = " ".join(str(text or "").split())
    if not text:
        return ""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    candidates = []
    if match:
        candidates.append(lambda: datetime.date(*map(int, match.groups())))
    candidates.append(lambda: email.utils.parsedate_to_datetime(text).date())
    candidates += [lambda f=f: datetime.datetime.strptime(text, f).date() for f in _DATE_FORMATS]
    for parse in candidates:
        try:
            return parse().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
    return ""


def _article_row(article_id, source: _Source, fmt, digest, cleaned, html_meta, rows) -> dict:
    meta = source.meta
    body_rows = [r for r in rows if r["kind"] == "body"]
    words = sum(r["n_words"] for r in body_rows)
    body = " ".join(r["text"] for r in body_rows)
    tokens = [t.lower() for t in WORD_RE.findall(body)]
    outlet = meta.get("outlet", "")
    rereported = find_rereported_sources(body)

    def pick(key: str) -> str:
        # the manifest wins; then what the file itself says; never a guess
        return meta.get(key) or cleaned.meta.get(key) or html_meta.get(key, "") or ""

    return {
        "id": article_id,
        "label": outlet,  # filled in by _add_labels once every id is known
        "article_label": "",
        "outlet": outlet,
        "story": meta.get("story", ""),
        "title": pick("title"),
        "date": pick("date"),
        "url": meta.get("url") or html_meta.get("url", ""),
        "language": meta.get("language", ""),
        "source": cleaned.meta.get("source", ""),
        "re_reported_from": " | ".join(dict.fromkeys(o for o, _ in rereported)),
        "content_warning": cleaned.meta.get("content_warning", ""),
        "disclaimer": cleaned.meta.get("disclaimer", ""),
        "byline": cleaned.meta.get("byline", ""), "dateline": cleaned.meta.get("dateline", ""),
        "path": str(source.path),
        "format": fmt,
        "sha256": digest,
        "n_paragraphs": len({r["paragraph"] for r in rows}),
        "n_headings": sum(1 for r in rows if r["kind"] == "heading"),
        "n_sentences": len(body_rows),
        "n_words": words,
        "quote_share": round(sum(r["quote_share"] * r["n_words"] for r in body_rows) / words, 4) if words else 0.0,
        "english_share": round(sum(t in ENGLISH_MARKERS for t in tokens) / len(tokens), 4) if tokens else 0.0,
    }


# --- files and manifest ---------------------------------------------------------------------

def _real(path: Path) -> str | None:
    """The real path of ``path`` (links followed), or None when it is a symlink loop."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
    return os.path.realpath(path)


def _collect_sources(root: Path, manifest: str | Path | None, warnings: list[InputWarning],
                     follow_symlinks: bool, inputs: dict[str, str]) -> list[_Source]:
    if not root.is_dir():
        return _table_sources(root, warnings, inputs) if _is_table(root) else [_Source(root, {})]
    manifest_path = Path(manifest) if manifest else root / MANIFEST_NAME
    listed: list[_Source] = []
    if not manifest and os.path.lexists(manifest_path) and not follow_symlinks \
            and not is_inside(os.path.realpath(manifest_path), os.path.realpath(root)):
        raise AnalysisError(manifest_path, "links to a file outside the corpus folder; pass it with "
                                           "--manifest or use --follow-symlinks")
    if manifest or os.path.lexists(manifest_path):
        listed = _read_manifest(manifest_path, root, warnings, follow_symlinks, inputs)
    in_manifest = {_real(s.path) for s in listed}
    ours = earlier_outputs(root)
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        raise AnalysisError(root, f"folder cannot be read ({exc.strerror or exc})") from None
    real_root = os.path.realpath(root)
    extra, skipped_ours = [], 0
    for candidate in entries:
        if candidate.name.startswith("."):
            continue
        if candidate.name in ours:
            skipped_ours += 1
            continue
        real = _real(candidate)
        if real is None:
            warnings.append(InputWarning(str(candidate), "symlink loop", "skipped"))
            continue
        if real in in_manifest or candidate.is_dir():
            continue
        suffix = candidate.suffix.lower()
        if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            if not follow_symlinks and not is_inside(real, real_root):
                warnings.append(InputWarning(str(candidate), "links to a file outside the corpus folder",
                                             "skipped; pass --follow-symlinks to read it"))
                continue
            extra.append(_Source(candidate, {}))
        elif candidate.name != MANIFEST_NAME and suffix not in {".csv", ".md", ".yaml", ".yml"}:
            warnings.append(InputWarning(str(candidate), "not a .txt or .html file", "ignored"))
    if skipped_ours:
        warnings.append(InputWarning(str(root / RUN_RECORD), f"{skipped_ours} files listed there were written "
                                     "by an earlier run of this tool", "not read as input"))
    return listed + extra


def _read_manifest(path: Path, root: Path, warnings: list[InputWarning], follow_symlinks: bool,
                   inputs: dict[str, str]) -> list[_Source]:
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise AnalysisError(path, "manifest not found") from None
        raise AnalysisError(path, f"manifest cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise AnalysisError(path, "manifest is not a regular file")
    if info.st_size > DEFAULT_MAX_BYTES:
        raise AnalysisError(path, f"manifest is {info.st_size / 1e6:.1f} MB, over the "
                                  f"{DEFAULT_MAX_BYTES / 1e6:.0f} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnalysisError(path, f"manifest cannot be read ({exc.strerror or exc})") from None
    inputs[str(path)] = hashlib.sha256(data).hexdigest()
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        rows = [{(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else ""
                 for k, v in row.items()} for row in reader]
    except UnicodeDecodeError:
        raise AnalysisError(path, "manifest is not UTF-8 text") from None
    except csv.Error as exc:
        raise AnalysisError(path, f"manifest is not valid CSV ({exc})") from None
    if not {"id", "path"} & set(header):
        raise AnalysisError(path, "manifest needs an 'id' or a 'path' column (found: "
                                  f"{', '.join(header) or 'no header'})")
    unknown = [h for h in header if h not in MANIFEST_COLUMNS]
    if unknown:
        warnings.append(InputWarning(str(path), f"unknown manifest columns {', '.join(unknown)}", "ignored"))
    sources: list[_Source] = []
    ids: dict[str, int] = {}
    real_root = os.path.realpath(root)
    for line, row in enumerate(rows, start=2):
        rel = row.get("path") or ""
        article_id = row.get("id") or Path(rel).stem
        if not article_id:
            warnings.append(InputWarning(f"{path}:{line}", "row has neither id nor path", "row ignored"))
            continue
        if article_id in ids:
            raise AnalysisError(path, f"duplicate id '{article_id}' on lines {ids[article_id]} and {line}")
        ids[article_id] = line
        file_path = _manifest_file(path, line, rel, root) if rel else _find_by_stem(root, article_id)
        real = _real(file_path) if file_path is not None else None
        if file_path is not None and real is None:
            warnings.append(InputWarning(f"{path}:{line}", f"'{rel}' is a symlink loop", "article skipped"))
            continue
        if file_path is None or not file_path.is_file():
            warnings.append(InputWarning(f"{path}:{line}", f"names a missing file '{rel or article_id}'",
                                         "article skipped"))
            continue
        if not follow_symlinks and not is_inside(real, real_root):
            warnings.append(InputWarning(f"{path}:{line}", f"'{rel}' links to a file outside the corpus folder",
                                         "article skipped; pass --follow-symlinks to read it"))
            continue
        meta = {k: row.get(k, "") for k in MANIFEST_COLUMNS}
        meta["id"] = article_id
        sources.append(_Source(file_path, meta))
    paths: dict[str, str] = {}
    for source in sources:
        key = os.path.realpath(source.path)
        if key in paths:
            raise AnalysisError(path, f"ids '{paths[key]}' and '{source.meta['id']}' name the same file")
        paths[key] = source.meta["id"]
    return sources


def _manifest_file(manifest: Path, line: int, rel: str, root: Path) -> Path:
    """The file a manifest row names: relative to the manifest's folder, else to the corpus
    folder; it must lie inside the corpus folder (checked on the path as written, before any
    link is followed), or the run stops with a one-line error naming the row."""
    top = os.path.abspath(root)
    for base in (manifest.parent, root):
        candidate = os.path.normpath(os.path.join(os.path.abspath(base), rel))
        if is_inside(candidate, top) and candidate != top:
            return Path(candidate)
    raise AnalysisError(f"{manifest}:{line}", f"path '{rel}' is outside the corpus folder {root}")


def _find_by_stem(root: Path, stem: str) -> Path | None:
    if os.sep in stem or (os.altsep and os.altsep in stem) or stem in (".", ".."):
        return None
    for suffix in sorted(TEXT_SUFFIXES | HTML_SUFFIXES):
        candidate = root / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _read_bytes(path: Path, max_bytes: int) -> bytes | str:
    """The bytes of a regular file of at most ``max_bytes``, or why it cannot be read. Opened
    without blocking and checked after opening, so a pipe cannot hang the run and a device
    (``/dev/zero``) is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return "symlink loop" if exc.errno == errno.ELOOP else f"cannot be read ({exc.strerror or exc})"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file (a pipe, device or socket); not read"
        if info.st_size > max_bytes:
            return f"file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one article"
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"
    if len(data) > max_bytes:
        return f"file is over the {max_bytes / 1e6:.0f} MB limit for one article"
    return data


def _decode(data: bytes) -> str | None:
    """Text of ``data``: UTF-32 or UTF-16 when it starts with their byte-order mark, else UTF-8
    (with or without BOM). None when a BOM's encoding does not decode; UnicodeDecodeError for
    bytes that are not UTF-8."""
    for boms, encoding in (((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
                           ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return data.decode("utf-8-sig")


def _read_article(path: Path, max_bytes: int, warnings: list[InputWarning], inputs: dict[str, str],
                  location: str = ""):
    """Text of one file (read at ``location`` if given; named ``path`` in warnings), its format and
    any metadata the HTML carries; None (with a warning) if unusable."""
    def skip(problem: str) -> None:
        warnings.append(InputWarning(str(path), problem, "skipped"))

    data = _read_bytes(Path(location) if location else path, max_bytes)
    if isinstance(data, str):
        return skip(data)
    inputs[str(path)] = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return skip("file is empty")
    try:
        text = _decode(data)
    except UnicodeDecodeError as exc:
        if b"\x00" in data or _control_share(data) > 0.05:
            return skip("binary file, not text")
        return skip(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save it as UTF-8")
    if text is None or "\x00" in text or _control_share(text) > 0.05:
        return skip("binary file, not text")
    if not text.strip():
        return skip("file has only whitespace")
    is_html = path.suffix.lower() in HTML_SUFFIXES
    if not is_html and (HTML_SNIFF.search(text) or len(HTML_TAGS.findall(text)) >= 5):
        warnings.append(InputWarning(str(path), "looks like an HTML page although named .txt",
                                     "article text extracted from the HTML"))
        is_html = True
    if not is_html:
        return text, "txt", {}
    extracted, meta = _extract_html(text)
    if not extracted.strip():
        return skip("no article text found in the HTML page")
    return extracted, "html", meta


def _control_share(data: bytes | str) -> float:
    sample = data[:65536]
    codes = sample if isinstance(sample, bytes) else map(ord, sample)
    control = sum(1 for b in codes if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample)


def _extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Article text and metadata of an HTML page, by trafilatura (boilerplate-aware extraction)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      with_metadata=True, favor_precision=True)
    if doc is None:
        return "", {}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = get("text") or ""
    # trafilatura separates paragraphs by single newlines; our cleaner wants blank lines
    text = "\n\n".join(line for line in text.split("\n") if line.strip())
    meta = {k: str(get(k)) for k in ("title", "date", "url") if get(k)}
    return text, meta


# --- one-table corpora (analysis.tables reads them; cleaning and segmentation stay here) ------

def _is_table(path: Path) -> bool:
    from .tables import is_table

    return is_table(path)


def _table_sources(path: Path, warnings: list[InputWarning], inputs: dict[str, str]) -> list[_Source]:
    """One source per usable row of a CSV / JSON Lines / Parquet corpus, its text already read."""
    from .tables import table_rows

    if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device would hang or never end
        raise AnalysisError(path, "not a regular file")
    inputs[str(path)] = file_sha256(path)
    return [table_source(row) for row in table_rows(path, warnings, reserved=tuple(ARTICLE_COLUMNS))]


def table_source(row) -> _Source:
    """The source of one table row (an :class:`analysis.tables.TableRow`), its text already read."""
    return _Source(Path(row.where), row.meta, (row.text, row.format, {}), row.extra, raw_html=row.format == "html")


def _extracted_row(source: _Source, loaded: tuple, warnings: list[InputWarning]) -> tuple | None:
    """A table row's HTML page as article text and metadata; None (with a warning) when it has none."""
    text, html_meta = _extract_html(loaded[0])
    if not text.strip():
        warnings.append(InputWarning(str(source.path), "no article text found in the HTML", "row skipped"))
        return None
    return text, "html", html_meta
