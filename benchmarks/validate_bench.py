"""Validation time on the sample and on generated deliberations, and the cost of the rule style.

    python -m benchmarks.validate_bench [--n 1000] [--seed 2024] [--whole]

Builds two stores (reference graph + the sample; reference graph + ``n``
deliberations from :func:`tools.synth.write_corpus`), then times on each:

- ``tkg validate`` as shipped: pySHACL over the documents' graphs and the slice of the
  reference graph they use, then every rule's SPARQL target over the whole store;
- the same with ``--whole`` over the union of every graph (reference graph included);
- one sum rule (post total) written three ways: as shipped, a ``sh:SPARQLTarget`` that finds
  the offending posts in one pass; per focus node, ``sh:targetClass tkg:Post`` with the same
  SPARQL constraint run for every post; and as plain SPARQL in Oxigraph over the store.

Times are wall-clock seconds on this machine, best of ``--repeat`` runs; ratios are relative
to the shipped whole-graph target.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from kg.mapping import Iris
from kg.mapping.vocab import TKG
from kg.pipeline import build, build_reference
from kg.store import OxigraphStore
from kg.validate import SH, SHAPES_DIR, TKGSH, data_graph, load_shapes, run_shacl, validate
from kg.validate.checks import offenders, sparql_checks
from tools.synth import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "dijon-metropole_2024-09-26_territoire-bourgogne-industrie.txt"
T = TypeVar("T")


def best(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def make_store(paths: list[Path]) -> OxigraphStore:
    store = OxigraphStore()
    build_reference(store, iris=Iris())
    outcomes = build(paths, store, iris=Iris())
    failed = [o for o in outcomes if o.error]
    print(f"  {len(outcomes) - len(failed)} documents ingested, {len(failed)} failed, "
          f"{store.count()} quads")
    return store


def _closure(g: Graph, node: URIRef | BNode, out: Graph) -> Graph:
    for p, o in g.predicate_objects(node):
        out.add((node, p, o))
        if isinstance(o, BNode):
            _closure(g, o, out)
    return out


def post_total_variants() -> tuple[Graph, Graph]:
    """The shipped post-total shape, and the same constraint targeting every post."""
    funding = Graph().parse(SHAPES_DIR / "funding.ttl")
    shape = TKGSH.PostTotalShape
    shipped = _closure(funding, TKGSH[""], _closure(funding, shape, Graph()))
    per_focus = Graph()
    for s, p, o in shipped:
        if p != SH.target and not (s != shape and (s, RDF.type, SH.SPARQLTarget) in shipped):
            per_focus.add((s, p, o))
    per_focus.add((shape, SH.targetClass, TKG.Post))
    return shipped, per_focus


def timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    out = work()
    return out, time.perf_counter() - start


def measure(label: str, store: OxigraphStore, *, repeat: int, whole: bool) -> None:
    shapes = load_shapes()
    sliced, t_graph = timed(lambda: data_graph(store))
    print(f"{label}: {store.count()} quads in the store, {len(sliced)} triples validated by "
          f"pySHACL (documents + reference slice); building that rdflib graph {t_graph:.2f} s")
    report, t_validate = timed(lambda: validate(store, shapes=shapes))
    if repeat > 1:
        t_validate = min(t_validate, best(lambda: validate(store, shapes=shapes), repeat - 1))
    print(f"  tkg validate (shipped): {t_validate:.2f} s; {len(report.violations)} violations, "
          f"{len(report.results) - len(report.violations)} warnings")
    checks = sparql_checks(shapes)
    t_all = best(lambda: offenders(store, checks), repeat)
    print(f"  all {len(checks)} SPARQL targets as plain SPARQL in Oxigraph: {t_all:.3f} s")
    if whole:
        t_whole = best(lambda: validate(store, shapes=shapes, whole=True), 1)
        print(f"  tkg validate --whole-graph: {t_whole:.2f} s "
              f"({t_whole / t_validate:.1f} x the sliced validation)")
    shipped, per_focus = post_total_variants()
    post_total = next(c for c in sparql_checks(shipped))
    t_target = best(lambda: run_shacl(sliced, shipped), repeat)
    t_focus = best(lambda: run_shacl(sliced, per_focus), repeat)
    t_plain = best(lambda: offenders(store, [post_total]), repeat)
    print("  post-total rule: whole-graph SPARQLTarget (shipped) "
          f"{t_target:.3f} s; per focus node {t_focus:.3f} s ({t_focus / t_target:.1f} x); "
          f"plain SPARQL in Oxigraph {t_plain:.4f} s ({t_plain / t_target:.3f} x)", flush=True)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--n", type=int, default=1000)
    args.add_argument("--seed", type=int, default=2024)
    args.add_argument("--repeat", type=int, default=3)
    args.add_argument("--whole", action="store_true", help="also time --whole-graph")
    opts = args.parse_args()
    print("sample:")
    measure("sample", make_store([SAMPLE]), repeat=opts.repeat, whole=True)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{opts.n} generated deliberations (tools.synth, seed {opts.seed}):")
        start = time.perf_counter()
        paths = write_corpus(Path(tmp), opts.n, seed=opts.seed)
        store = make_store(paths)
        print(f"  generated and built in {time.perf_counter() - start:.0f} s")
        measure(f"{opts.n} deliberations", store, repeat=opts.repeat, whole=opts.whole)


if __name__ == "__main__":
    main()
