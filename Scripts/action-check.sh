#!/usr/bin/env bash
# Runs the shell steps of action.yml as a runner would, against a local release archive instead of
# the GitHub release (through the action's archive-url input): the hardened samples must pass with
# a SARIF report and a job summary, the webapp sample must fail with exit code 1, and a wrong
# checksum must stop the install.
#
#   Scripts/action-check.sh [ARCHIVE]
#
# Needs python3 with PyYAML to read action.yml.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Batten/Batten.swift)
archive=$(realpath "${1:-dist/batten-$version-x86_64-linux.tar.gz}")
action=$PWD
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

# Each step's script and its env with the inputs' values: $work/steps/N.sh and N.env.
extract() {  # inputs as NAME=VALUE lines on standard input
    rm -rf "$work/steps"; mkdir -p "$work/steps"
    cat > "$work/inputs"
    python3 - "$action/action.yml" "$work/steps" "$work/inputs" <<'PY'
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
for line in open(sys.argv[3]).read().splitlines():
    name, _, value = line.partition("=")
    inputs[name] = value
outputs = {}
def value(expression):
    def resolve(match):
        parts = match.group(1).strip().split(".")
        if parts[0] == "inputs": return inputs[parts[1]]
        if parts[0] == "steps": return "${STEP_OUTPUT_%s_%s}" % (parts[1], parts[3].replace("-", "_"))
        if parts[:2] == ["github", "action_repository"]: return "batten-dev/batten"
        raise SystemExit("unknown expression " + match.group(0))
    return re.sub(r"\$\{\{(.*?)\}\}", resolve, str(expression))
for index, step in enumerate(action["runs"]["steps"]):
    with open(f"{sys.argv[2]}/{index}.sh", "w") as script: script.write(step["run"])
    with open(f"{sys.argv[2]}/{index}.env", "w") as env:
        env.write(f"id={step['id']}\n")
        for name, expression in step.get("env", {}).items(): env.write(f"{name}={value(expression)}\n")
PY
}

# Runs the steps in $work/repo like a runner: GITHUB_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
run_action() {
    local status=0 index id
    : > "$work/summary.md"
    for script in $(ls "$work"/steps/*.sh | sort); do
        index=$(basename "$script" .sh)
        id=$(sed -n 's/^id=//p' "$work/steps/$index.env")
        : > "$work/output"
        (
            cd "$work/repo"
            while IFS= read -r line; do
                name=${line%%=*}; [ "$name" = id ] && continue
                export "$name=$(eval "echo \"${line#*=}\"")"
            done < "$work/steps/$index.env"
            export GITHUB_ACTION_PATH="$action" GITHUB_PATH="$work/path" GITHUB_OUTPUT="$work/output" \
                GITHUB_STEP_SUMMARY="$work/summary.md" RUNNER_TEMP="$work/runner" RUNNER_OS=Linux
            PATH="$(cat "$work/path" 2>/dev/null | tr '\n' ':')$PATH" bash -e "$script"
        ) > "$work/log-$index" 2>&1 || status=$?
        while IFS='=' read -r key output; do
            export "STEP_OUTPUT_${id}_${key//-/_}=$output"
        done < "$work/output"
        [ "$status" -eq 0 ] || return "$status"
    done
}

mkdir -p "$work/repo" "$work/runner" "$work/mirror"
cp -R Samples "$work/repo/"
cp "$archive" "$archive.sha256" "$work/mirror/"
url="file://$work/mirror/$(basename "$archive")"

extract <<INPUTS
paths=Samples/compose/hardened Samples/kubernetes/hardened
policy=production
formats=github text:batten.txt
sarif-file=hardened.sarif
archive-url=$url
INPUTS
run_action || { cat "$work"/log-*; echo "error: the hardened samples failed in the action" >&2; exit 1; }
test "$STEP_OUTPUT_audit_exit_code" = 0
test -s "$work/repo/hardened.sarif" && test -s "$work/repo/batten.txt"
grep -q "^## Batten" "$work/summary.md" || { echo "error: no job summary" >&2; exit 1; }
echo "action: hardened samples pass, SARIF, text report and job summary written"

rm -rf "$work/runner"/* "$work/path"
extract <<INPUTS
paths=Samples/compose/webapp
fail-on=high
archive-url=$url
INPUTS
status=0; run_action || status=$?
if [ "$status" -ne 1 ] || [ "$STEP_OUTPUT_audit_exit_code" != 1 ]; then
    cat "$work"/log-*; echo "error: the webapp sample did not fail with exit code 1 ($status)" >&2; exit 1
fi
grep -q '^::error file=Samples/compose/webapp/compose.yaml' "$work"/log-1 || { echo "error: no annotations" >&2; exit 1; }
test -s "$work/repo/batten.sarif"
echo "action: webapp sample fails with exit code 1 and annotations"

rm -rf "$work/runner"/* "$work/path"
echo "0000000000000000000000000000000000000000000000000000000000000000  $(basename "$archive")" > "$work/mirror/$(basename "$archive").sha256"
extract <<INPUTS
archive-url=$url
INPUTS
if run_action; then echo "error: the action installed an archive with a wrong checksum" >&2; exit 1; fi
grep -q "FAILED" "$work"/log-0 || { cat "$work"/log-0; echo "error: the checksum was not what stopped it" >&2; exit 1; }
echo "action: a wrong checksum stops the install"
echo "action check passed"
