#!/usr/bin/env bash
# Installs the wheel (Scripts/release.sh) into a fresh virtual environment without the network and
# runs the samples with the `batten` it puts on PATH: same output and exit codes as the normal build
# (Scripts/run-samples.sh on both, then diff -r). Prints the time from `pip install` to the first
# finding of `batten audit Samples/compose/webapp`.
#
#   Scripts/wheel-check.sh [WHEEL]
#
# The normal build is .build/debug/batten (or $BATTEN_REFERENCE), built with `swift build` when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Batten/Batten.swift)
wheel=${1:-$(ls dist/batten-"$version"-py3-none-manylinux_*_x86_64.whl 2>/dev/null | head -n 1)}
reference=${BATTEN_REFERENCE:-.build/debug/batten}
if [ -z "$wheel" ] || [ ! -f "$wheel" ]; then echo "error: no wheel (run Scripts/release.sh)" >&2; exit 1; fi
if [ ! -x "$reference" ]; then swift build --product batten; fi
reference=$(realpath "$reference")
wheel=$(realpath "$wheel")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
cp -R Samples Scripts/run-samples.sh "$work/"

# From `pip install` to the first finding on standard output.
started=$(date +%s%N)
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
first=$(cd "$work" && PATH="$work/venv/bin:$PATH" batten audit Samples/compose/webapp --color never | head -n 1 || true)
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
case "$first" in *"high[bind-mount]"*) ;; *) echo "error: unexpected first line: $first" >&2; exit 1 ;; esac
installed=$(command -v "$work/venv/bin/batten")
echo "pip install to the first finding: ${elapsed} ms (batten at ${installed#"$work"/})"

(cd "$work" && PATH="$work/venv/bin:$PATH" ./run-samples.sh batten "$work/results" >/dev/null) \
    || { echo "error: a command of the installed wheel crashed" >&2; exit 1; }
mkdir "$work/reference"
cp -R Samples Scripts/run-samples.sh "$work/reference/"
(cd "$work/reference" && ./run-samples.sh "$reference" "$work/reference-results" >/dev/null) \
    || { echo "error: a command of the normal build crashed" >&2; exit 1; }
sed -i 's/(commit [0-9a-f]*)/(unknown commit)/' "$work/results/version.out"
if ! diff -r "$work/reference-results" "$work/results"; then
    echo "error: the wheel's batten does not do what the normal build does" >&2
    exit 1
fi
echo "wheel check passed: $(find "$work/results" -name '*.status' | wc -l) commands, same output and exit codes as the normal build"
