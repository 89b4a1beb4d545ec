"""Apache Jena SHACL against ``tkg validate`` on the same data and shapes.

    python -m benchmarks.jena_bench [--documents 300] [--seed 2024] [--store DIR] [--heap 8g]

Installs Debian's ``libapache-jena-java`` (with a headless JRE) when it is missing and the
process may (root, ``apt-get``); builds a classpath of the package's jars and those of its
dependencies, leaving out the SLF4J bindings that conflict, and the message bundles Debian's
jar misplaces (:func:`message_bundles`); writes the shapes with one message
per node (``tkg shapes --export-jena``: Jena 4.5 refuses two) and the store as N-Triples; then
times ``shacl validate`` against ``tkg validate`` on a corpus of :mod:`benchmarks.corpus_gen`
(or on the store ``--store`` names, built before: ``incremental_bench --work`` keeps one). Jena
holds the data in memory: ``--heap`` is its maximum Java heap.
When Jena cannot run, it says why and exits 0: the comparison is then missing, not passed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from benchmarks.corpus_gen import write
from benchmarks.scale_bench import BIN, measure

PACKAGE = "libapache-jena-java"
_BINDINGS = ("slf4j-jdk", "slf4j-jcl", "slf4j-log4j", "slf4j-simple", "slf4j-nop", "log4j-slf4j",
             "logback", "maven3-slf4j")


def _installed() -> bool:
    return subprocess.run(["dpkg", "-s", PACKAGE], capture_output=True).returncode == 0


def install() -> str | None:
    """Install Jena from Debian if needed; the reason it cannot be, else None."""
    if _installed():
        return None
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return f"{PACKAGE} is not installed and this process cannot apt-get install it (needs root)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in (["apt-get", "update", "-q"],
                 ["apt-get", "install", "-y", "-q", "--no-install-recommends", PACKAGE,
                  "default-jre-headless"]):
        done = subprocess.run(argv, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            return f"{' '.join(argv)} failed: {done.stderr.strip()[-300:]}"
    return None


def classpath() -> str:
    """The jars of Jena and of the packages it depends on, without conflicting SLF4J bindings."""
    status = subprocess.run(["dpkg", "-s", PACKAGE], capture_output=True, text=True).stdout
    depends = next((line.split(":", 1)[1] for line in status.splitlines()
                    if line.startswith("Depends:")), "")
    packages = [PACKAGE] + [d.split("(")[0].split("|")[0].strip() for d in depends.split(",")]
    jars: set[str] = set()
    for package in packages:
        listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True).stdout
        jars |= {line for line in listed.splitlines()
                 if line.startswith("/usr/share/java/") and line.endswith(".jar")
                 and not any(b in line for b in _BINDINGS)}
    unversioned = {j for j in jars if not re.search(r"-\d[\w.]*$", Path(j).stem)}
    return ":".join(sorted(unversioned or jars))


def message_bundles(jena_core: Path, into: Path) -> Path:
    """Debian's jena-core moves Jena's copy of Xerces to the package ``xerces`` but leaves its
    message bundles under ``org/apache/jena/ext/xerces``: without them Jena fails at start-up
    ("internal error" in XSSimpleTypeDecl.applyFacets1). Copy them where the classes look."""
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(jena_core) as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = into / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return into


def _graphs(store: Path) -> list[str]:
    from kg.store import OxigraphStore

    s = OxigraphStore(store, read_only=True)
    try:
        return s.graphs()
    finally:
        s.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--documents", type=int, default=300)
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--store", type=Path, help="an existing store to compare on (no corpus built)")
    p.add_argument("--heap", default="8g", help="Jena's maximum Java heap (default 8g)")
    p.add_argument("--data", type=Path, help="the store's N-Triples export, made before "
                   "(tkg export --format ntriples): not exported again")
    args = p.parse_args()
    reason = install() or (None if shutil.which("java") else "no java on the PATH")
    if reason:
        print(f"Jena comparison not run: {reason}")
        return
    tkg = str(BIN / "tkg")
    with tempfile.TemporaryDirectory(prefix="tkg-jena-") as tmp:
        work = Path(tmp)
        if args.store is None:
            documents = write(work / "corpus", args.documents, seed=args.seed).documents
            subprocess.run([tkg, "build", str(work / "corpus"), "--store", str(work / "store")],
                           capture_output=True, check=False)
        else:
            documents = sum(1 for g in _graphs(args.store) if "/graph/reference/" not in g)
        store = str(args.store or work / "store")
        data = args.data or work / "data.nt"
        if args.data is None:
            subprocess.run([tkg, "export", "--format", "ntriples", "-o", str(data), "--store", store],
                           capture_output=True, check=False)
        subprocess.run([tkg, "shapes", "--export-jena", str(work / "shapes.ttl")],
                       capture_output=True, check=False)
        ours = measure([tkg, "validate", "--store", store])
        bundles = message_bundles(Path("/usr/share/java/jena-core.jar"), work / "bundles")
        jena = measure(["java", f"-Xmx{args.heap}", "-cp", f"{bundles}:{classpath()}",
                        "shacl.shacl", "validate", "--shapes", str(work / "shapes.ttl"),
                        "--data", str(data)])
    print(f"{documents} documents: tkg validate {ours.seconds:.1f} s {ours.peak_mb:.0f} MB "
          f"({ours.out.strip().splitlines()[-1]})")
    if jena.code != 0:
        cause = [line.strip() for line in jena.out.splitlines()
                 if "Exception" in line or "Caused by" in line or "at xerces" in line][:4]
        print(f"Jena comparison not run: Apache Jena SHACL exited {jena.code}: {' | '.join(cause)}")
        return
    results = jena.out.count("sh:ValidationResult")
    print(f"Apache Jena SHACL {jena.seconds:.1f} s {jena.peak_mb:.0f} MB, {results} results; "
          f"tkg / Jena time {ours.seconds / jena.seconds:.2f}")


if __name__ == "__main__":
    sys.exit(main())
