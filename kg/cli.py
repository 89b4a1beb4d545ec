"""The ``tkg`` command: build, validate, query, export the knowledge graph.

Exit codes: 0 success (validation: conforms, warnings allowed); 1 some
documents failed or the graph does not conform; 2 usage, I/O or store errors,
and internal errors (reported as such, the traceback only with ``--debug``);
130 interrupted; 141 standard output closed by its reader (``tkg query | head``).
"""

from __future__ import annotations

import argparse
import os
import select
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import Settings
from kg.errors import TkgError
from kg.mapping import Iris
from kg.output import RESULT_FORMATS, format_results, strip_controls
from kg.pipeline import InputError, Outcome, build, build_reference
from kg.queries import list_queries, load_query
from kg.store import FORMATS, KnowledgeStore, OxigraphStore, Results, StoreError, Term, require_store
from kg.store.timed import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from kg.store.client import SparqlClient

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141
DEFAULT_REPORT_LIMIT = 200  # lines of --report per document
LINK_TIMEOUT = 120.0  # seconds per request of `tkg link`
SCDL_FORMATS = ("scdl-deliberations", "scdl-subventions")


class UsageError(TkgError):
    """A command line that cannot be carried out."""


def open_store(settings: Settings, *, write: bool = False, command: str = "tkg",
               timeout: float | None = None) -> KnowledgeStore:
    """The remote store, or the embedded one: for writing (one writer at a time, created if
    missing) or for reading (read-only, alongside a build; an error if there is no store)."""
    if settings.endpoint:
        from kg.store.remote import RemoteStore

        return RemoteStore(settings.endpoint, graph_store=settings.graph_store,
                           user=settings.endpoint_user, password=settings.endpoint_password,
                           check_union=not write, **({"timeout": timeout} if timeout else {}))
    return OxigraphStore(settings.store, read_only=not write, command=command)


class BuildPrinter:
    """Prints each document's outcome as soon as it is stored, so an interrupted build says
    what it stored; ``--report`` lines are capped per document, with a count of what was cut.
    File names and quoted text reach the terminal without control characters."""

    def __init__(self, *, report: bool, limit: int, debug: bool) -> None:
        self.report, self.limit, self.debug = report, limit, debug

    def __call__(self, n: int, total: int, outcome: Outcome) -> None:
        if outcome.error:
            print(f"error: {strip_controls(outcome.error)}", file=sys.stderr, flush=True)
            if self.debug and outcome.detail:
                print(outcome.detail, file=sys.stderr, end="", flush=True)
        elif outcome.note:
            print(strip_controls(f"{outcome.path}: {outcome.note}"), flush=True)
        else:
            notes = len(outcome.warnings) + len(outcome.issues)
            print(strip_controls(f"{outcome.path}: {outcome.triples} triples"
                                 + (f", {notes} notes" if notes else "")), flush=True)
            if self.report:
                self._notes(outcome)
        if n and total >= 20 and (n % max(1, total // 20) == 0 or n == total):
            print(f"[{n}/{total}] documents", file=sys.stderr, flush=True)

    def _notes(self, o: Outcome) -> None:
        lines = [f"  warning: {w}" for w in o.warnings]
        lines += [f"  {i.severity.value}: " + (f"line {i.span.line}: " if i.span else "") + i.message
                  for i in o.issues]
        for line in lines[:self.limit]:
            print(strip_controls(line))
        if len(lines) > self.limit:
            print(f"  … {len(lines) - self.limit} more notes not shown (--report-limit "
                  f"{self.limit}; raise it to see them)", flush=True)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number of processes >= 1")
    return int(text)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError("; ".join(f"{p}: no such file or folder" for p in missing))
    if args.report_limit < 0:
        raise UsageError(f"--report-limit {args.report_limit}: expected a number of lines, 0 or more")
    store = open_store(settings, write=True, command="tkg build")
    try:
        return _build_into(store, paths, args, settings)
    finally:
        store.close()


def _keep_facts(store: KnowledgeStore) -> None:
    """Have a store opened for writing keep the distinct facts the shipped shapes read, for
    ``tkg validate`` (:mod:`kg.store.facts`), in step and sealed when it closes; none when a
    rule reads every predicate, or for a store that keeps none (a remote endpoint)."""
    from kg.validate.detect import read_predicates
    from kg.validate.rules import shipped_rules

    keep: Callable[[Iterable[str]], None] | None = getattr(store, "keep_facts", None)
    if keep is None:
        return
    predicates = read_predicates(shipped_rules())
    if predicates is not None:
        keep(predicates)


def _build_into(store: KnowledgeStore, paths: list[Path], args: argparse.Namespace,
                settings: Settings) -> int:
    iris = Iris(base=settings.base)
    printer = BuildPrinter(report=args.report, limit=args.report_limit, debug=args.debug)
    try:
        _keep_facts(store)
        if not args.no_reference:
            build_reference(store, iris=iris)
        outcomes = build(paths, store, iris=iris, prune=args.prune, progress=printer,
                         max_size=settings.max_size, jobs=args.jobs)
    except InputError as err:
        raise UsageError(str(err)) from None
    except StoreError as err:
        raise StoreError(f"{err}; the documents ingested before this were stored, "
                         "run the same build again to complete the store") from None
    failed = [o for o in outcomes if o.error]
    ingested = sum(1 for o in outcomes if not o.error and not o.note)
    print(f"{ingested} of {len(outcomes)} documents ingested, "
          f"{len(failed)} failed; the store holds {store.graph_count()} named graphs",
          file=sys.stderr)  # not its quads: counting them reads the whole store
    violations = False
    if args.validate:
        graphs = [o.graph for o in outcomes if o.graph and not o.error and not o.note]
        violations = _validate_graphs(store, graphs, fmt="text")
    return EXIT_FAILED if failed or violations else EXIT_OK


def _validate_graphs(store: KnowledgeStore, graphs: list[str], *, fmt: str) -> bool:
    """Validate the nodes the named ``graphs`` touch (:mod:`kg.validate.incremental`), print the
    report; whether it has violations."""
    from kg.validate.incremental import touched_nodes, validate_nodes
    from kg.validate.report import print_report

    report = validate_nodes(store, touched_nodes(store, graphs))
    print_report(report, fmt=fmt)
    return bool(report.violations)


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from kg.validate import validate
    from kg.validate.report import print_report

    store = open_store(settings)
    if args.graph:
        return EXIT_FAILED if _validate_documents(store, args) else EXIT_OK
    report = validate(store, whole=args.whole_graph, engine=args.engine)
    print_report(report, fmt=args.format)
    return EXIT_OK if not report.violations else EXIT_FAILED


def _validate_documents(store: KnowledgeStore, args: argparse.Namespace) -> bool:
    """``tkg validate --graph DOC...``: the nodes those documents' graphs touch only."""
    from kg.store.versions import find

    if args.engine != "store" or args.whole_graph:
        raise UsageError("--graph validates with the set-based engine only: leave out "
                         "--engine pyshacl and --whole-graph")
    graphs = []
    for doc in args.graph:
        found = find(store, doc, root=Path.cwd())
        if found is None:
            raise UsageError(f"--graph {doc}: no such document in the store (give its path, "
                             "as built, or its named graph IRI)")
        graphs.append(found.graph)
    return _validate_graphs(store, graphs, fmt=args.format)


def cmd_shapes(args: argparse.Namespace, settings: Settings) -> int:
    from kg.validate import load_shapes
    from kg.validate.jena import single_language

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


def _select(settings: Settings, text: str, bindings: Mapping[str, Term], timeout: float) -> Results:
    """A query under a time limit: an HTTP time-out on an endpoint, a child process here."""
    if timeout <= 0:
        raise UsageError("--timeout: expected a number of seconds above 0")
    if settings.endpoint:
        return open_store(settings, timeout=timeout).select(text, bindings=bindings)
    from kg.store.timed import timed_select

    return timed_select(settings.store, text, bindings=bindings, timeout=timeout)


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    query = load_query(args.query)
    bindings = query.bind(_params(args.param))
    sys.stdout.write(format_results(_select(settings, query.text, bindings, args.timeout),
                                    args.format))
    return EXIT_OK


def cmd_sparql(args: argparse.Namespace, settings: Settings) -> int:
    sys.stdout.write(format_results(_select(settings, args.text, {}, args.timeout), args.format))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Remove documents (by path, as built, or by graph IRI) and their facts from the store."""
    from kg.store.versions import find

    if not settings.endpoint:
        require_store(settings.store)
    store = open_store(settings, write=True, command="tkg remove")
    missing = 0
    try:
        _keep_facts(store)  # in step, and sealed on close, as after a build
        for doc in args.documents:
            found = find(store, doc, root=Path.cwd())
            if found is None:
                print(f"error: {doc}: no such document in the store", file=sys.stderr)
                missing += 1
                continue
            store.remove_graph(found.graph)
            print(f"{found.path or doc}: removed (graph {found.graph})")
    finally:
        store.close()
    return EXIT_FAILED if missing else EXIT_OK


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


def link_client(url: str, settings: Settings, *, timeout: float) -> SparqlClient:
    """A client of a links endpoint, with the environment's credentials where they belong."""
    from kg.registry.link import environment_credentials
    from kg.store.client import SparqlClient

    if environment_credentials(url, store_endpoint=settings.endpoint):
        return SparqlClient(url, user=settings.endpoint_user, password=settings.endpoint_password,
                            timeout=timeout)
    return SparqlClient(url, timeout=timeout)


def cmd_link(args: argparse.Namespace, settings: Settings) -> int:
    from kg.registry.link import LinkError, link

    if args.timeout <= 0:
        raise UsageError("--timeout: expected a number of seconds above 0")
    wikidata = link_client(args.link_endpoint, settings, timeout=args.timeout)
    insee = link_client(args.insee_endpoint or args.link_endpoint, settings, timeout=args.timeout)
    store = open_store(settings, write=True, command="tkg link")
    try:
        counts = link(store, wikidata=wikidata, insee=insee, iris=Iris(base=settings.base))
    except LinkError as err:
        raise UsageError(str(err)) from None
    finally:
        store.close()
    print(f"{counts.epcis} EPCIs looked up: {counts.wikidata} Wikidata and {counts.insee} INSEE "
          "links stored", file=sys.stderr)
    return EXIT_OK


def _timeout(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                    help=f"stop the query after this long (default: {DEFAULT_TIMEOUT:g})")


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
    p.add_argument("--version", action="version", version=f"tkg {installed_version()}")
    p.add_argument("--debug", action="store_true", help="show the traceback of internal errors")
    sub = p.add_subparsers(dest="command", required=True)
    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--store", help="store folder (default: ./tkg-store, or $TKG_STORE)")
        sp.add_argument("--endpoint", help="a SPARQL 1.1 endpoint instead of the embedded store "
                        "(or $TKG_ENDPOINT)")
    b = sub.add_parser("build", help="ingest deliberations (files or folders)")
    b.add_argument("paths", nargs="+")
    b.add_argument("--report", action="store_true", help="list what was not captured or resolved")
    b.add_argument("--report-limit", type=int, default=DEFAULT_REPORT_LIMIT, metavar="N",
                   help=f"at most N --report lines per document (default {DEFAULT_REPORT_LIMIT})")
    b.add_argument("--max-size", metavar="SIZE", help="refuse documents larger than SIZE "
                   "(bytes, or with k, M, G; default 10M, or $TKG_MAX_SIZE)")
    b.add_argument("--no-reference", action="store_true", help="leave out the registry graph")
    b.add_argument("--prune", action="store_true", help="first remove the stored documents whose "
                   "source file is gone from the folders given")
    b.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                   help="extract and map in N worker processes, one process writing (default "
                   "1; the writer is what a large build waits for: on 2 cores, 2 jobs built "
                   "10,000 documents a few percent quicker, with less memory)")
    b.add_argument("--validate", action="store_true", help="then validate what the documents "
                   "ingested touch (their nodes, over the whole store); exit 1 on a violation")
    common(b)
    b.set_defaults(run=cmd_build)
    v = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    v.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    v.add_argument("--engine", choices=("store", "pyshacl"), default="store",
                   help="store (default): each rule runs once as a set-based query over the "
                   "store's distinct facts; pyshacl: pySHACL over the documents' graphs and the "
                   "reference facts they use (slower, to cross-check)")
    v.add_argument("--graph", action="append", metavar="DOC", help="only the nodes this "
                   "document's graph touches (its path as built, or its graph IRI); repeatable")
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
    _timeout(q)
    common(q)
    q.set_defaults(run=cmd_query)
    s = sub.add_parser("sparql", help="run an ad-hoc SPARQL SELECT query")
    s.add_argument("text")
    s.add_argument("--format", choices=RESULT_FORMATS, default="table")
    _timeout(s)
    common(s)
    s.set_defaults(run=cmd_sparql)
    rm = sub.add_parser("remove", help="remove documents and their facts from the store")
    rm.add_argument("documents", nargs="+", metavar="DOC",
                    help="a document's path (as given to build) or its named graph's IRI")
    common(rm)
    rm.set_defaults(run=cmd_remove)
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
    lk.add_argument("--timeout", type=float, default=LINK_TIMEOUT, metavar="SECONDS",
                    help=f"give up on an endpoint after this long per request "
                    f"(default: {LINK_TIMEOUT:g})")
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
    from kg.serve.cli import add_commands as add_serve_commands

    add_serve_commands(sub, common)
    for command in sub.choices.values():  # --debug also after the command: tkg build x --debug
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="show the traceback of internal errors")
    return p


def installed_version() -> str:
    """The version of the installed distribution, from its metadata."""
    from kg import __version__

    return __version__


def _os_error(err: OSError) -> str:
    """What failed and where, from an OSError that may lack a file name or a reason."""
    reason = err.strerror or " ".join(str(a) for a in err.args if a is not None) or type(err).__name__
    return f"{err.filename}: {reason}" if err.filename else reason


def _stdout_gone() -> bool:
    """Whether standard output is a pipe that its reader closed (rather than, say, a socket to
    an endpoint that broke: that one is an error to report)."""
    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _fd, events in poll.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def _stdout_closed() -> int:
    """The reader of standard output went away (``tkg query | head``): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_PIPE


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = f"tkg {args.command}"
    try:
        settings = Settings.from_env().with_flags(store=getattr(args, "store", None),
                                                  endpoint=getattr(args, "endpoint", None),
                                                  max_size=getattr(args, "max_size", None))
        code: int = args.run(args, settings)
        sys.stdout.flush()
        return code
    except BrokenPipeError as err:
        if _stdout_gone():
            return _stdout_closed()
        print(f"{command}: error: {_os_error(err)} (a connection or pipe closed by the other side)",
              file=sys.stderr)
        return EXIT_USAGE
    except TkgError as err:
        print(f"{command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"{command}: error: {_os_error(err)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:  # a bug: say so in one line, the traceback only when asked
        if args.debug:
            traceback.print_exc()
        what = ": ".join(filter(None, (type(err).__name__, strip_controls(str(err))[:300])))
        print(f"{command}: internal error: {what}; this is a bug, please report it"
              + ("" if args.debug else " (rerun with --debug for the traceback)"), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
