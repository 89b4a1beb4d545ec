"""The validate stage: the SHACL shapes of ``shapes/`` checked against the store.

:func:`validate` is the entry point; :class:`Report` of :class:`ValidationResult` the one result
type, printed by :func:`kg.validate.report.print_report`.
"""

from kg.validate.run import (
    SH,
    SHAPES_DIR,
    TKGSH,
    Report,
    Source,
    ValidationResult,
    data_graph,
    load_shapes,
    run_shacl,
    validate,
)

__all__ = ["SH", "SHAPES_DIR", "TKGSH", "Report", "Source", "ValidationResult", "data_graph",
           "load_shapes", "run_shacl", "validate"]
