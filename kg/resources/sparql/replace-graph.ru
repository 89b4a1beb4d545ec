# Plumbing for kg.store.OxigraphStore.replace_graph: one named graph dropped and its new
# triples inserted by a single update, which Oxigraph applies as one transaction (a build
# killed at any moment leaves the old graph or the new one, never neither).
# The store fills in the graph IRI and the triples (N-Triples written by pyoxigraph).
DROP SILENT GRAPH $graph ;
INSERT DATA { GRAPH $graph {
$triples
} }
