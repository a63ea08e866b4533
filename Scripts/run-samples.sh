#!/usr/bin/env bash
# Runs one batten on the bundled samples and records what it does, so that two builds (or one build
# in two places) can be compared with `diff -r`: for each sample, the audit, the fix as a diff, the
# fix written into a copy, and the override (a Compose override, or a kustomize overlay).
#
#   Scripts/run-samples.sh BATTEN OUTPUT
#
# Runs in the current directory, which must hold Samples/ (a copy: `fix --write` edits copies below
# it). OUTPUT gets one NAME.out (standard output and error) and NAME.status (exit code) per command.
# Exits 1 when a command's exit code is not 0, 1 or 2 (a crash), 0 otherwise.
set -uo pipefail
batten=$1
output=$2
mkdir -p "$output"
crashed=0

record() {
    local name=$1; shift
    "$@" > "$output/$name.out" 2>&1
    local status=$?
    echo "$status" > "$output/$name.status"
    if [ "$status" -gt 2 ]; then echo "crash ($status): $*" >&2; crashed=1; fi
}

record version "$batten" --version
for sample in Samples/compose/* Samples/kubernetes/*; do
    [ -d "$sample" ] || continue
    name=$(echo "${sample#Samples/}" | tr / -)
    record "$name.audit" "$batten" audit "$sample" --color never
    record "$name.audit-json" "$batten" audit "$sample" --format json
    record "$name.fix-diff" "$batten" fix "$sample" --include decisions
    copy="fixed/$sample"
    mkdir -p "$(dirname "$copy")"
    cp -R "$sample" "$copy"
    record "$name.fix-write" "$batten" fix "$copy" --write --include review
    (cd "fixed" && find . -type f | LC_ALL=C sort | while read -r file; do echo "== $file"; cat "$file"; done) \
        > "$output/$name.fixed-files"
    rm -rf fixed
    case "$sample" in
        Samples/compose/*)
            record "$name.override" "$batten" override "$sample"
            ;;
        Samples/kubernetes/*)
            rm -rf overlay
            record "$name.override" "$batten" override "$sample" --kustomize overlay
            (cd overlay 2>/dev/null && find . -type f | LC_ALL=C sort | while read -r file; do echo "== $file"; cat "$file"; done) \
                > "$output/$name.overlay-files"
            rm -rf overlay
            ;;
    esac
done
exit "$crashed"
