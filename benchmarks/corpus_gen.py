"""A realistic corpus for the scaling benchmark: sessions of many items, shared conventions, a
few broken documents.

    python -m benchmarks.corpus_gen [OUT_DIR] [--documents 1000] [--seed 2024]

(without OUT_DIR, into a temporary folder: what ``make bench`` runs, to show the mix.)

Built from :func:`tools.synth.generate` (one generated deliberation = one session of one council):

- each session is published as 10 to 30 items (extracts of the register), every one restating
  the session's header, attendance, proxies and vote, each with its own number and subject;
- each convention is approved by 2 to 8 councils: the deliberation part of a session (its
  convention, posts, contributions and commitments) is also the subject of one item of 1 to 7
  other sessions;
- about 3 documents in 1,000 are broken: one item restates its session with one more member
  present than the others, so the rules have offenders to find across documents.

The reference graph is loaded by ``tkg build`` itself. Nothing here is installed with the
package.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.synth import generate

_ITEM = re.compile(r"^(Délibération n° )(\S+)$", re.M)
_BODY = "\n\n---\n\n"
_PRESENT = re.compile(r"(présents[^\d\n]{0,40}?)(\d+)", re.I)
BROKEN_PER_THOUSAND = 3


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: int
    sessions: int
    shared_conventions: int
    broken: tuple[str, ...]


def _items(text: str, n: int) -> list[str]:
    """``n`` items of the session ``text``: the same header, another number and subject each."""
    found = _ITEM.search(text)
    if found is None:
        return [text]
    out = [text]
    for i in range(2, n + 1):
        item = _ITEM.sub(lambda m, i=i: f"{m.group(1)}{m.group(2)}-{i}", text, count=1)
        out.append(item.replace("- Convention ", f"- Point {i} - Convention ", 1))
    return out


def _graft(head_of: str, body_of: str) -> str | None:
    """The session of ``head_of`` (header, attendance, and its vote) deciding on the convention
    of ``body_of`` (subject, report, funding plan, decisions)."""
    if _BODY not in head_of or _BODY not in body_of:
        return None
    body = body_of.split(_BODY, 1)[1].rsplit("\n\n", 2)[0]
    vote = "\n\n".join(head_of.rsplit("\n\n", 2)[1:])
    return head_of.split(_BODY, 1)[0] + _BODY + body + "\n\n" + vote


def _break(text: str) -> str | None:
    """The same item with one more member declared present (its session then disagrees)."""
    m = _PRESENT.search(text)
    if m is None:
        return None
    return text[:m.start(2)] + str(int(m.group(2)) + 1) + text[m.end(2):]


def write(directory: Path, documents: int, *, seed: int = 2024) -> Corpus:
    """About ``documents`` items written to ``directory`` (stops at ``documents``)."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    sessions = generate(max(2, documents // 18), seed=seed)
    written, shared, broken = 0, 0, []
    for s, session in enumerate(sessions):
        items = _items(session.text, rng.randint(10, 30))
        # this session's convention, approved again by 1-7 other councils (one item each)
        others = rng.sample(range(len(sessions)), k=min(len(sessions) - 1, rng.randint(1, 7)))
        for o in others:
            if o == s:
                continue
            grafted = _graft(sessions[o].text, session.text)
            if grafted is not None:
                items.append(grafted.replace("Délibération n° ", f"Délibération n° C{s}-", 1))
                shared += 1
        for i, text in enumerate(items):
            if written >= documents:
                return Corpus(written, s + 1, shared, tuple(broken))
            name = f"{Path(session.name).stem}_item{i + 1:02d}{Path(session.name).suffix}"
            if rng.random() < BROKEN_PER_THOUSAND / 1000 and (changed := _break(text)):
                text = changed
                broken.append(name)
            (directory / name).write_text(text, encoding="utf-8")
            written += 1
    return Corpus(written, len(sessions), shared, tuple(broken))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("out", type=Path, nargs="?")
    p.add_argument("--documents", type=int, default=1000)
    p.add_argument("--seed", type=int, default=2024)
    args = p.parse_args()
    if args.out is None:
        with tempfile.TemporaryDirectory(prefix="tkg-corpus-") as tmp:
            c = write(Path(tmp), args.documents, seed=args.seed)
    else:
        c = write(args.out, args.documents, seed=args.seed)
    print(f"{c.documents} documents, {c.sessions} sessions, {c.shared_conventions} items of shared "
          f"conventions, {len(c.broken)} broken: {', '.join(c.broken)}")


if __name__ == "__main__":
    main()
