#!/usr/bin/env bash
# Builds the association rules fit benchmark in release mode and runs it (a quiet machine gives
# honest times).
#
#   Benchmarks/RulesFit/run.sh [baskets] [settings]
#
# baskets: default 1,000,000; settings: `default`, `low` or `both` (default `both`), see main.swift.
# The package exposes no library product, so the algorithms are compiled here with swiftc into
# a static library that the benchmark links against (as Benchmarks/RecommenderFit/run.sh does).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${RULES_BENCH_BUILD:-$root/.build-rules-bench}"
mkdir -p "$out"
mapfile -t algorithms < <(find "$root/Sources/AtelierAlgorithms" -name '*.swift' | sort)
swiftc -O -wmo -g -parse-as-library -module-name AtelierAlgorithms \
    -emit-module -emit-module-path "$out/AtelierAlgorithms.swiftmodule" \
    -emit-library -static -o "$out/libAtelierAlgorithms.a" "${algorithms[@]}"
swiftc -O -wmo -g -I "$out" -L "$out" -lAtelierAlgorithms -o "$out/rules-fit" \
    "$root/Benchmarks/RulesFit/main.swift" "$root/Benchmarks/Shared/Measurement.swift" "$root/Benchmarks/RulesFit/LuxuryBaskets.swift"
exec "$out/rules-fit" "$@"
