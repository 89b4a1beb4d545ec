"""Generator of varied deliberations with their expected records, for tests and benchmarks.

Modules, each importing only those listed before it: :mod:`tools.synth.text` (members,
amounts, funding tables), :mod:`tools.synth.councils` (real councils of the registry
snapshot), :mod:`tools.synth.sections` (dates, counts, report, decisions, vote) and
:mod:`tools.synth.corpus` (the entry point).

>>> [d.name for d in generate(2, seed=3)] == [d.name for d in generate(2, seed=3)]
True
"""

from tools.synth.corpus import LAYOUTS, Generated, generate, write_corpus
from tools.synth.text import Member

__all__ = ["LAYOUTS", "Generated", "Member", "generate", "write_corpus"]
