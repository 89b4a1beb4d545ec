#!/usr/bin/env bash
# The installed-wheel check: build the wheel, install it in a fresh virtual environment and use
# `tkg` as a new user would, from a folder outside the checkout.
#   tests/packaging/check_wheel.sh [PYTHON]     (PYTHON: one that has the `build` module)
# Exits non-zero, saying which step failed, when the installed package does not work.
set -euo pipefail
PYTHON=${1:-python3}
CHECKOUT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "check_wheel: FAILED: $*" >&2; exit 1; }
expect() {  # expect CODE COMMAND...: run COMMAND, its output in ./out and ./err
  local want=$1; shift
  set +e; "$@" >out 2>err; local got=$?; set -e
  [ "$got" = "$want" ] || { cat out err >&2; fail "$* exited $got, expected $want"; }
}

echo "== building the source distribution, then the wheel from it"
# From the sdist, as a packager would: what MANIFEST.in leaves out, or a stale build/ folder
# in the checkout, cannot hide a missing asset.
"$PYTHON" -m build --outdir "$WORK/dist" "$CHECKOUT" >"$WORK/build.log" 2>&1 \
  || { tail -20 "$WORK/build.log" >&2; fail "python -m build"; }
WHEEL=$(ls "$WORK"/dist/*.whl)
"$PYTHON" -m zipfile -l "$WHEEL" > "$WORK/wheel.txt"
for asset in kg/assets/queries/cofunding.rq kg/assets/shapes/funding.ttl \
             kg/assets/ontology/territoires-kg.ttl kg/resources/context.jsonld; do
  grep -q "^$asset " "$WORK/wheel.txt" || fail "$asset is not in $(basename "$WHEEL")"
done
# The document generator (tools/) and the tests are developer tools, never installed.
if grep -E "^(tools|tests|benchmarks)/" "$WORK/wheel.txt"; then
  fail "$(basename "$WHEEL") ships a developer folder (listed above)"
fi

echo "== installing it in a fresh virtual environment"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL" >"$WORK/pip.log" 2>&1 \
  || { tail -20 "$WORK/pip.log" >&2; fail "pip install $(basename "$WHEEL")"; }
TKG="$WORK/venv/bin/tkg"

echo "== using it outside the checkout"
mkdir "$WORK/use" "$WORK/use/docs"
cd "$WORK/use"
SAMPLE=$(ls "$CHECKOUT"/corpus/*.txt | head -1)
cp "$SAMPLE" docs/good.txt
# The same deliberation whose funding table no longer adds up: CUCM gives 9,885 € instead of 3,885 €.
grep -q $'^CUCM\t3885 €' "$SAMPLE" || fail "the sample no longer has the row 'CUCM<tab>3885 €'"
sed $'s/^CUCM\t3885 €/CUCM\t9885 €/; s/Séance du jeudi 26 septembre 2024/Séance du jeudi 3 octobre 2024/' \
  "$SAMPLE" > docs/broken.txt

expect 0 "$TKG" --version
grep -q "^tkg [0-9]" out || fail "tkg --version printed: $(cat out)"
expect 0 "$TKG" build docs
grep -q "docs/good.txt: .* triples" out && grep -q "docs/broken.txt: .* triples" out \
  || fail "tkg build did not report both documents"
expect 1 "$TKG" validate
grep -q "Violation \[Post total\]" out || fail "tkg validate did not report the post total"
grep -q "9885" out || fail "tkg validate did not quote the broken row"
expect 0 "$TKG" queries
grep -q "^cofunding " out || fail "tkg queries does not list cofunding"
expect 0 "$TKG" query cofunding --format csv
grep -q "^post,post_label,funder" out && [ "$(wc -l < out)" -gt 10 ] || fail "tkg query cofunding"
expect 0 "$TKG" export --format trig -o graph.trig
[ -s graph.trig ] || fail "tkg export wrote nothing"
expect 0 "$TKG" export --format scdl-subventions -o subventions.csv
grep -q "^nomAttribuant," subventions.csv || fail "tkg export --format scdl-subventions"

echo "== an incomplete installation is an error, never a pass"
SITE=$("$WORK/venv/bin/python" -c "import kg, pathlib; print(pathlib.Path(kg.__file__).parent)")
rm -r "$SITE/assets/shapes"
expect 2 "$TKG" validate
grep -q "kg/assets/shapes: no \*.ttl file found" err || fail "tkg validate without shapes: $(cat err)"
rm -r "$SITE/assets/queries"
expect 2 "$TKG" queries
expect 2 "$TKG" query cofunding
grep -q "no \*.rq file found" err || fail "tkg query without a library: $(cat err)"
echo "check_wheel: the installed wheel works ($(basename "$WHEEL"))"
