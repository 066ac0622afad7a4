"""The subcommands: each loads the corpus, computes its tables and writes CSV (``COMMANDS``)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .outputs import load, record_report, write_tables
from .parallel import per_article, worker_pool

COMMANDS: dict[str, tuple[str, Callable]] = {}


def register(name: str, help_text: str, func: Callable) -> None:
    """Add a subcommand (same shape for all: CORPUS --out DIR)."""
    COMMANDS[name] = (help_text, func)


def cmd_clean(args) -> int:
    corpus = load(args)
    write_tables(corpus.tables(), args.out, getattr(args, "format", None))
    print(f"{len(corpus.articles)} articles, {int((corpus.sentences.kind == 'body').sum())} body sentences, "
          f"{len(corpus.removed)} removals, {len(corpus.warnings)} warnings, "
          f"{len(corpus.excluded)} not in English (left out)")
    return 0


register("clean", "clean and segment the corpus: articles.csv, sentences.csv, removed.csv, warnings.csv, "
         "excluded.csv",
         cmd_clean)


def cmd_readability(args) -> int:
    from . import readability

    corpus = load(args)  # with its stories: intervals compare outlets within stories too
    with worker_pool():  # one pool of worker processes for the whole command
        sentences = per_article(readability.sentence_table, corpus)
        write_tables({
            "readability_articles": per_article(readability.article_scores, corpus, sentences),
            "readability_sentences": sentences,
            "readability_intervals": readability.intervals(corpus, sentences=sentences),
        }, args.out, getattr(args, "format", None))
    return 0


register("readability", "readability formulas per article and sentence, with bootstrap intervals",
         cmd_readability)


def cmd_report(args) -> int:
    import sys

    from .report import render_report

    figures = args.figures if args.figures is not None else args.out / "figures"
    options = {name: str(Path(value).resolve()) for name, value in
               (("manifest", args.manifest), ("actors", args.actors),
                ("lexicon_additions", args.lexicon_additions), ("codebook", args.codebook),
                ("codes", args.codes)) if value}
    pages = render_report(args.corpus, args.out, figures_dir=figures, options=options,
                          progress=None if args.quiet else lambda msg: print(msg, file=sys.stderr, flush=True))
    figures_written = sorted(p for p in Path(figures).glob("*") if p.suffix in (".png", ".svg"))
    tables = args.out / "tables"
    record_report(args.out, [*pages, *figures_written, *sorted(tables.glob("*.csv"))], args)
    print(f"wrote {len(pages) - 1} report pages to {args.out}/ (open {args.out / 'index.html'}), "
          f"figures to {figures}/" + (f", their tables as CSV to {tables}/" if tables.is_dir() else ""))
    return 0


register("report", "execute every report notebook on the corpus and render HTML (code hidden)",
         cmd_report)


def cmd_sentiment(args) -> int:
    from . import sentiment
    from .actors import actor_mentions, actors_for

    corpus = load(args)  # with its stories: intervals compare outlets within stories too
    with worker_pool():  # one pool of worker processes for the whole command
        additions = sentiment.load_lexicon_additions(args.lexicon_additions) if args.lexicon_additions else None
        scored = per_article(sentiment.sentence_sentiment, corpus, additions, with_drivers=True)  # scored once
        sentences = scored.drop(columns=sentiment.DRIVERS_COLUMN)
        people = actors_for(corpus, args.actors)
        mentions = per_article(actor_mentions, sentences, people)
        write_tables({
            "sentiment_sentences": sentences,
            "sentiment_articles": sentiment.article_sentiment(corpus, sentences),
            "sentiment_actors": sentiment.actor_sentiment(mentions),
            "sentiment_actor_mentions": mentions,
            "sentiment_drivers": per_article(sentiment.driver_table, scored, additions),
            "sentiment_intervals": sentiment.intervals(corpus, sentences),
            "sentiment_voice_differences": sentiment.voice_differences(corpus, sentences),  # own voice minus quotes
            "sentiment_caveats": sentiment.lexicon_caveats(sentences, lexicon_additions=additions),
        }, args.out, getattr(args, "format", None))
    return 0


register("sentiment", "VADER sentiment per sentence, article, voice and actor, with the words behind it",
         cmd_sentiment)


def cmd_framing(args) -> int:
    from . import framing
    from .actors import actors_for
    from .resources import require_parser

    corpus = load(args)
    with worker_pool():  # one pool of worker processes for the whole command
        book = framing.load_codebook(args.codebook)
        actors = actors_for(corpus, args.actors)
        # every per-article table in one pass over each partition (cue hits found once, for both tables)
        parsed = getattr(args, "speakers", "rules") == "parsed"
        if parsed:
            require_parser()  # one line now, before any worker starts
        evidence, frames, quotes, verbs, source_table, labels = per_article(framing.article_tables, corpus,
                                                                            book, actors, parsed)
        semantic = (framing.semantic_frame_scores(corpus, book)
                    if getattr(args, "frame_scores", "cues") == "hybrid" else None)
        scores = framing.frame_scores(frames, semantic)
        tables = {
            "frames": frames,
            "frame_scores": scores,
            "frame_share_intervals": framing.frame_share_intervals(scores, list(dict.fromkeys(corpus.labels.values()))),
            "quotation_intervals": framing.quotation_intervals(corpus, quotes),
            "frame_evidence": evidence,
            "quotes": quotes,
            "quote_shares": framing.quote_shares(quotes, corpus),
            "attribution_verbs": verbs,
            "sources": source_table,
            "actor_labels": labels,
        }
        if semantic is not None:
            tables["frame_semantic"] = semantic
        if args.codes:
            codes = framing.load_human_codes(args.codes)
            tables["frame_agreement"] = framing.agreement(codes, frames, book)
            tables["frame_validity"] = framing.frame_validity(frames, codes, book)
        write_tables(tables, args.out, getattr(args, "format", None))
    return 0


register("framing", "generic news frames with evidence, quotes and speakers, attribution, labels, sourcing",
         cmd_framing)


def cmd_overlap(args) -> int:
    from . import framing, overlap
    from .actors import actors_for

    corpus = load(args)
    # with a Dask scheduler: candidate pairs, the TF-IDF fit, alignment, containment, shared quotes
    # and derivation as tasks (same rows as here; overlap.py's last two sections)
    matches = overlap.distributed_sentence_matches(corpus, method=args.method, threshold=args.threshold)
    pairs = overlap.outlet_similarity(corpus, matches, method=args.method)
    quotes = per_article(framing.extract_quotes, corpus, actors_for(corpus, args.actors))
    derived = overlap.derivation(corpus, matches, pairs)
    unique = overlap.unique_sentences(corpus, matches)
    write_tables({
        "sentence_matches": matches,
        "unique_sentences": unique,
        "unique_content_intervals": overlap.unique_content_intervals(corpus, unique),  # by outlet, with intervals
        "shared_quotes": overlap.shared_quotes(corpus, quotes),
        "outlet_similarity": overlap.with_all_pairs(corpus, pairs, method=args.method),  # small corpora: every pair
        "derivation": derived,
        "outlet_overlap": overlap.outlet_overlap(corpus, pairs, derived),
    }, args.out, getattr(args, "format", None))
    return 0


register("overlap", "shared and unique facts, shared quotes, containment and who re-reported whom",
         cmd_overlap)


def cmd_stories(args) -> int:
    from .stories import stories_of

    corpus = load(args)
    table = stories_of(corpus)  # the table load() made, with each article's evidence
    write_tables({"stories": table}, args.out, getattr(args, "format", None))
    sizes = table.groupby("story").size()
    print(f"{len(table)} articles in {len(sizes)} stories ({int((sizes > 1).sum())} with more than one article; "
          f"{table.loc[table['found_by'].eq('manifest'), 'story'].nunique()} stories given by the manifest)")
    return 0


register("stories", "which articles report the same event (manifest 'story' column, else found): stories.csv",
         cmd_stories)


def cmd_keyness(args) -> int:
    from .keyness import keyness

    corpus = load(args)
    write_tables({"keyness": keyness(corpus)}, args.out, getattr(args, "format", None))
    return 0


register("keyness", "words that distinguish each outlet from the others (log-odds, informative Dirichlet "
         "prior), with example sentences: keyness.csv", cmd_keyness)


def cmd_summary(args) -> int:
    from .actors import actors_for
    from .summary import summary_tables

    corpus = load(args)
    tables = summary_tables(corpus, actors_for(corpus, args.actors))
    write_tables({"summary": tables["summary"]}, args.out, getattr(args, "format", None))
    return 0


register("summary", "one row per outlet: articles, stories and the key measure of each analysis with its "
         "interval: summary.csv", cmd_summary)
