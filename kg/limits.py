"""What the build agrees to read: regular files only, up to a size limit.

A named pipe would block the build forever, ``/dev/zero`` would be read until the
kernel kills the process, and a very large document costs about 3 KB of memory
per triple: each input is checked with ``stat`` before a byte is read.

>>> parse_size("10M"), parse_size("500k"), parse_size("1234")
(10000000, 500000, 1234)
>>> human_size(DEFAULT_MAX_SIZE)
'10 MB'
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kg.errors import InputLimitError

DEFAULT_MAX_SIZE = 10_000_000  # bytes; the largest real minutes we know of (46 pages) is 440 KB as PDF
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def parse_size(text: str) -> int:
    """A size in bytes from ``1234``, ``500k``, ``10M`` or ``1G`` (powers of 1,000); ValueError else."""
    m = re.fullmatch(r"\s*(\d{1,12})\s*([kmg]?)b?\s*", text, re.IGNORECASE)
    if not m or int(m[1]) == 0:
        raise ValueError(f"{text!r} is not a size; expected a positive number of bytes, "
                         "optionally followed by k, M or G (e.g. 10M)")
    return int(m[1]) * _UNITS[m[2].lower()]


def human_size(n: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"


def check_input(path: Path, *, max_size: int = DEFAULT_MAX_SIZE) -> int:
    """The size of ``path``, a regular file no larger than ``max_size``; InputLimitError else."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputLimitError(f"{path}: no such file") from None
    except OSError as err:
        raise InputLimitError(f"{path}: cannot be read ({err.strerror or err})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise InputLimitError(f"{path}: is {kind}; expected a regular file (a .txt, .md, .pdf or "
                              ".csv document)")
    if st.st_size > max_size:
        raise InputLimitError(f"{path}: {human_size(st.st_size)}, over the limit of "
                              f"{human_size(max_size)} per document (raise it with --max-size or "
                              "TKG_MAX_SIZE)")
    return st.st_size
