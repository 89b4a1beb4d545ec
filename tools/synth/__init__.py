"""Generator of varied deliberations with their expected records, for tests and benchmarks.

Modules, each importing only those listed before it: :mod:`tools.synth.text` (members,
amounts, funding tables), :mod:`tools.synth.councils` (real councils of the registry
snapshot), :mod:`tools.synth.families` (the layout families of the real set: authority
headings, dates in words, "Effectif légal", votes), :mod:`tools.synth.sections` (dates,
counts, report, decisions, vote), :mod:`tools.synth.corpus` (the entry point) and
:mod:`tools.synth.minutes` (whole-session minutes, item by item).

>>> [d.name for d in generate(2, seed=3)] == [d.name for d in generate(2, seed=3)]
True
"""

from tools.synth.corpus import LAYOUTS, Generated, generate, write_corpus
from tools.synth.minutes import MINUTES_LAYOUTS, generate_minutes
from tools.synth.text import Member

__all__ = ["LAYOUTS", "MINUTES_LAYOUTS", "Generated", "Member", "generate", "generate_minutes",
           "write_corpus"]
