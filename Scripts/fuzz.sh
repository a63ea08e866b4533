#!/usr/bin/env bash
# Fuzzes parse → load → audit → fix with libFuzzer for SECONDS (default 60).
#
#   Scripts/fuzz.sh 1800
#
# Builds Batten with -sanitize=fuzzer,address into .build-fuzz (nothing else is affected: `swift build`
# and `swift test` never build the fuzz entry), seeds the corpus with Samples/ and the test fixtures,
# and keeps what it learns in .build-fuzz/corpus between runs. A crash, leak or hang leaves its input
# in .build-fuzz/crashes/ and makes the script exit non-zero; add it to
# Tests/BattenTests/Fixtures/regressions/ once fixed.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${FUZZ_SCRATCH:-$root/.build-fuzz}"
cd "$root"

# One -sanitize= list: given as two flags, swiftc keeps only the last one and drops the coverage.
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address)
swift build "${flags[@]}" --target Batten
build="$(swift build "${flags[@]}" --show-bin-path)"
# swift-crypto's objects (its Swift module, BoringSSL and XKCP), which Batten's SHA-256 digests need, and
# CBuildInfo's (the commit `--version` names), each C module with the module map SwiftPM wrote for it.
mapfile -t crypto_objects < <(find "$build"/Crypto.build "$build"/CCryptoBoringSSL.build "$build"/CCryptoBoringSSLShims.build \
    "$build"/CryptoBoringWrapper.build "$build"/CXKCP.build "$build"/CXKCPShims.build -name '*.o' | sort)
swiftc -O -g -parse-as-library -sanitize=fuzzer,address \
    -I "$build/Modules" -Xcc -fmodule-map-file="$root/Sources/CYAML/module.modulemap" \
    -Xcc -fmodule-map-file="$build/CBuildInfo.build/module.modulemap" \
    Fuzz/FuzzEntry.swift "$build"/Batten.build/*.o "$build"/BattenYAML.build/*.o "$build"/CBuildInfo.build/*.o "${crypto_objects[@]}" \
    -lyaml -lstdc++ -o "$scratch/batten-fuzz"

corpus="$scratch/corpus"
seeds="$scratch/seeds"
crashes="$scratch/crashes"
mkdir -p "$corpus" "$seeds" "$crashes"
find Samples Tests/BattenTests/Fixtures -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k | while read -r file; do
    cp "$file" "$seeds/$(printf '%s' "$file" | tr '/' '_')"
done

"$scratch/batten-fuzz" "$corpus" "$seeds" \
    -dict=Fuzz/yaml.dict -max_total_time="$seconds" -max_len=16384 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix="$crashes/" -print_final_stats=1
