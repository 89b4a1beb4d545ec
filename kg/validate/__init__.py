"""The validate stage: the SHACL shapes of ``shapes/`` checked against the store.

- :mod:`kg.validate.shapes`: the shapes, parsed once per process;
- :mod:`kg.validate.rules` and :mod:`kg.validate.detect`: the set-based engine, each rule run
  once over the store's distinct facts, offenders explained by their SPARQL constraint;
- :mod:`kg.validate.run`: :func:`validate`, and the pySHACL engine that cross-checks it
  (with :mod:`kg.validate.checks`, the shapes' SPARQL targets as plain queries);
- :mod:`kg.validate.results`: the one result type and the report, whichever engine;
- :mod:`kg.validate.report`: the report printed as text, JSON or a SHACL report in Turtle;
- :mod:`kg.validate.jena`: the shapes for Apache Jena SHACL.
"""

from kg.validate.results import Report, Source, ValidationResult, report_graph
from kg.validate.run import data_graph, run_shacl, validate
from kg.validate.shapes import SH, SHAPES_DIR, TKGSH, load_shapes

__all__ = ["SH", "SHAPES_DIR", "TKGSH", "Report", "Source", "ValidationResult", "data_graph",
           "load_shapes", "report_graph", "run_shacl", "validate"]
