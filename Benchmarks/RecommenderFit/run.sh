#!/usr/bin/env bash
# Builds the recommender fit benchmark in release mode and runs it (a quiet machine gives
# honest times).
#
#   Benchmarks/RecommenderFit/run.sh [interactions] [threads]
#
# interactions: default 1,000,000; threads ALS fits on, default 1 (the worker's default).
# The package exposes no library product, so the algorithms are compiled here with swiftc into
# a static library that the benchmark links against.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${RECOMMENDER_BENCH_BUILD:-$root/.build-recommender-bench}"
mkdir -p "$out"
mapfile -t algorithms < <(find "$root/Sources/AtelierAlgorithms" -name '*.swift' | sort)
swiftc -O -wmo -parse-as-library -module-name AtelierAlgorithms \
    -emit-module -emit-module-path "$out/AtelierAlgorithms.swiftmodule" \
    -emit-library -static -o "$out/libAtelierAlgorithms.a" "${algorithms[@]}"
swiftc -O -wmo -I "$out" -L "$out" -lAtelierAlgorithms -o "$out/recommender-fit" "$root/Benchmarks/RecommenderFit/main.swift" "$root/Benchmarks/Shared/Measurement.swift"
exec "$out/recommender-fit" "$@"
