"""The ``tkg`` command: build, validate, query, export the knowledge graph.

Exit codes: 0 success (validation: conforms, warnings allowed); 1 some
documents failed or the graph does not conform; 2 usage, I/O or store errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.config import Settings
from kg.mapping import Iris
from kg.output import RESULT_FORMATS, format_results
from kg.pipeline import InputError, Outcome, build, build_reference
from kg.queries import QueryError, list_queries, load_query
from kg.store import FORMATS, KnowledgeStore, OxigraphStore, StoreError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SCDL_FORMATS = ("scdl-deliberations", "scdl-subventions")


class UsageError(Exception):
    """A command line that cannot be carried out."""


def open_store(settings: Settings) -> KnowledgeStore:
    if settings.endpoint:
        from kg.remote import RemoteStore

        return RemoteStore(settings.endpoint, graph_store=settings.graph_store,
                           user=settings.endpoint_user, password=settings.endpoint_password)
    return OxigraphStore(settings.store)


def _progress(n: int, total: int, outcome: Outcome) -> None:
    if outcome.error:
        print(f"error: {outcome.error}", file=sys.stderr)
    if total >= 20 and (n % max(1, total // 20) == 0 or n == total):
        print(f"[{n}/{total}] documents", file=sys.stderr)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of processes >= 1")
    return int(text)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError("; ".join(f"{p}: no such file or folder" for p in missing))
    store = open_store(settings)
    iris = Iris(base=settings.base)
    if not args.no_reference:
        build_reference(store, iris=iris)
    try:
        outcomes = build(paths, store, iris=iris, progress=_progress, jobs=args.jobs)
    except InputError as err:
        raise UsageError(str(err)) from None
    failed = [o for o in outcomes if o.error]
    for o in outcomes:
        if o.error:
            continue
        notes = len(o.warnings) + len(o.issues)
        print(f"{o.path}: {o.triples} triples" + (f", {notes} notes" if notes else ""))
        if args.report:
            for w in o.warnings:
                print(f"  warning: {w}")
            for issue in o.issues:
                where = f"line {issue.span.line}: " if issue.span else ""
                print(f"  {issue.severity.value}: {where}{issue.message}")
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} documents ingested, "
          f"{len(failed)} failed; the store holds {store.count()} quads", file=sys.stderr)
    store.close()
    return EXIT_FAILED if failed else EXIT_OK


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from kg.report import print_report
    from kg.validate import validate

    store = open_store(settings)
    report = validate(store, whole=args.whole_graph, engine=args.engine)
    print_report(report, fmt=args.format)
    return EXIT_OK if not report.violations else EXIT_FAILED


def cmd_shapes(args: argparse.Namespace, settings: Settings) -> int:
    from kg.shapes_export import single_language
    from kg.validate import load_shapes

    graph = single_language(load_shapes(), lang=args.lang)
    text = graph.serialize(format="turtle")
    if args.export_jena == "-":
        sys.stdout.write(text)
    else:
        Path(args.export_jena).write_text(text, encoding="utf-8")
    return EXIT_OK


def _params(raw: list[str]) -> dict[str, str]:
    out = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: expected NAME=VALUE")
        out[name] = value
    return out


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    query = load_query(args.query)
    bindings = query.bind(_params(args.param))
    store = open_store(settings)
    sys.stdout.write(format_results(store.select(query.text, bindings=bindings), args.format))
    return EXIT_OK


def cmd_sparql(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    sys.stdout.write(format_results(store.select(args.text), args.format))
    return EXIT_OK


def cmd_queries(args: argparse.Namespace, settings: Settings) -> int:
    for q in list_queries():
        params = " ".join(f"--param {p.name}=…" for p in q.params)
        print(f"{q.name:28} {q.question_en}" + (f"  [{params}]" if params else ""))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    if args.format in SCDL_FORMATS:
        return _export_scdl(args, settings)
    if args.siret_table:
        raise UsageError("--siret-table applies to the scdl-* formats only")
    store = open_store(settings)
    if args.output:
        with open(args.output, "wb") as out:
            store.dump(out, fmt=FORMATS[args.format])
    else:
        store.dump(sys.stdout.buffer, fmt=FORMATS[args.format])
    return EXIT_OK


def _export_scdl(args: argparse.Namespace, settings: Settings) -> int:
    from kg.publish.scdl import export
    from kg.publish.siret import SiretTableError

    table = Path(args.siret_table) if args.siret_table else None
    if table is not None and not table.is_file():
        raise UsageError(f"{table}: no such SIRET table")
    store = open_store(settings)
    try:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                notes = export(store, args.format, out, siret_table=table)
        else:
            notes = export(store, args.format, sys.stdout, siret_table=table)
    except SiretTableError as err:
        raise UsageError(str(err)) from None
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def cmd_link(args: argparse.Namespace, settings: Settings) -> int:
    from kg.link import LinkError, link

    store = open_store(settings)
    try:
        counts = link(store, wikidata=args.link_endpoint,
                      insee=args.insee_endpoint or args.link_endpoint,
                      iris=Iris(base=settings.base))
    except LinkError as err:
        raise UsageError(str(err)) from None
    finally:
        store.close()
    print(f"{counts.epcis} EPCIs looked up: {counts.wikidata} Wikidata and {counts.insee} INSEE "
          "links stored", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from kg.extract import ExtractionError
    from kg.extract.evaluate import as_json, evaluate, report

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder (expected documents with *.expected.json beside them)")
    try:
        corpus = evaluate(folder)
    except ExtractionError as err:
        raise UsageError(str(err)) from None
    if args.format == "json":
        print(json.dumps(as_json(corpus), ensure_ascii=False, indent=1))
    else:
        print(report(corpus, details=not args.summary))
    total = corpus.total()
    short = [f"{what} {value:.1%} < {floor:.1%}" for what, value, floor in
             (("precision", total.precision, args.min_precision), ("recall", total.recall, args.min_recall))
             if floor is not None and value < floor]
    if short:
        print(f"tkg eval: below the floor: {'; '.join(short)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tkg", description="territoires-kg: a knowledge graph of "
                                "French territorial cooperation programmes.")
    sub = p.add_subparsers(dest="command", required=True)
    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--store", help="store folder (default: ./tkg-store, or $TKG_STORE)")
        sp.add_argument("--endpoint", help="a SPARQL 1.1 endpoint instead of the embedded store "
                        "(or $TKG_ENDPOINT)")
    b = sub.add_parser("build", help="ingest deliberations (files or folders)")
    b.add_argument("paths", nargs="+")
    b.add_argument("--report", action="store_true", help="list what was not captured or resolved")
    b.add_argument("--no-reference", action="store_true", help="leave out the registry graph")
    b.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                   help="extract and map in N worker processes (one writer; default 1)")
    common(b)
    b.set_defaults(run=cmd_build)
    v = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    v.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    v.add_argument("--engine", choices=("store", "pyshacl"), default="store",
                   help="store (default): each rule runs once as a set-based query over the "
                   "store's distinct facts; pyshacl: pySHACL over the documents' graphs and the "
                   "reference facts they use (slower, to cross-check)")
    v.add_argument("--whole-graph", action="store_true",
                   help="run pySHACL over every graph, reference graph included (slowest)")
    common(v)
    v.set_defaults(run=cmd_validate)
    sh = sub.add_parser("shapes", help="write the SHACL shapes for another engine")
    sh.add_argument("--export-jena", metavar="FILE", required=True,
                    help="the shapes with one sh:message per node (Apache Jena SHACL refuses "
                    "two), as Turtle; - for standard output")
    sh.add_argument("--lang", default="en", help="the language of the messages kept (default en)")
    sh.set_defaults(run=cmd_shapes)
    q = sub.add_parser("query", help="run a named query or a .rq file")
    q.add_argument("query", help="a query name (see `tkg queries`) or a .rq file")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    q.add_argument("--format", choices=RESULT_FORMATS, default="table")
    common(q)
    q.set_defaults(run=cmd_query)
    s = sub.add_parser("sparql", help="run an ad-hoc SPARQL SELECT query")
    s.add_argument("text")
    s.add_argument("--format", choices=RESULT_FORMATS, default="table")
    common(s)
    s.set_defaults(run=cmd_sparql)
    ls = sub.add_parser("queries", help="list the named queries and the question each answers")
    ls.set_defaults(run=cmd_queries)
    e = sub.add_parser("export", help="write the graph in an RDF format")
    e.add_argument("--format", choices=sorted(FORMATS) + list(SCDL_FORMATS), required=True)
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.add_argument("--siret-table", metavar="FILE", help="CSV with columns siren,siret giving "
                   "authorities' SIRETs for the scdl-* formats")
    common(e)
    e.set_defaults(run=cmd_export)
    lk = sub.add_parser("link", help="link EPCIs to Wikidata (by SIREN) and INSEE (by code) "
                        "through SPARQL endpoints; the links replace the previous ones")
    lk.add_argument("--endpoint", dest="link_endpoint", required=True, metavar="URL",
                    help="SPARQL endpoint holding Wikidata-shaped data (and INSEE's, unless "
                    "--insee-endpoint is given)")
    lk.add_argument("--insee-endpoint", metavar="URL", help="SPARQL endpoint of INSEE's data")
    lk.add_argument("--store", help="store folder (default: ./tkg-store, or $TKG_STORE)")
    lk.set_defaults(run=cmd_link)
    ev = sub.add_parser("eval", help="score the extractor on documents with what a reader "
                        "recorded (NAME.expected.json beside each document)")
    ev.add_argument("folder")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--summary", action="store_true", help="per document, the scores without "
                    "the list of differences")
    ev.add_argument("--min-precision", type=float, metavar="RATIO", help="exit 1 below this "
                    "precision over all fields (0 to 1)")
    ev.add_argument("--min-recall", type=float, metavar="RATIO", help="exit 1 below this recall")
    ev.set_defaults(run=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings.from_env().with_flags(store=getattr(args, "store", None),
                                              endpoint=getattr(args, "endpoint", None))
    try:
        code: int = args.run(args, settings)
        return code
    except (UsageError, QueryError, StoreError) as err:
        print(f"tkg {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"tkg {args.command}: error: {err.filename or ''}: {err.strerror}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
