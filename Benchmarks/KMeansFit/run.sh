#!/usr/bin/env bash
# Builds the k-means benchmark in release mode and runs it (a quiet machine gives honest times).
#
#   Benchmarks/KMeansFit/run.sh [rows] [cdnow|scale]
#
# rows: of the synthetic scale test, default 1,000,000; cdnow or scale runs only that part.
#
# The package exposes no library product, so the algorithms are compiled here with swiftc into
# a static library, and the benchmark (main.swift plus the CDNOW loaders of the test support)
# links against it. Needs .data/cdnow (scripts/data/fetch-public-data.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${KMEANS_BENCH_BUILD:-$root/.build-kmeans-bench}"
mkdir -p "$out"
mapfile -t algorithms < <(find "$root/Sources/AtelierAlgorithms" -name '*.swift' | sort)
swiftc -O -wmo -parse-as-library -module-name AtelierAlgorithms \
    -emit-module -emit-module-path "$out/AtelierAlgorithms.swiftmodule" \
    -emit-library -static -o "$out/libAtelierAlgorithms.a" "${algorithms[@]}"
support="$root/Tests/AtelierAlgorithmsTests"
swiftc -O -wmo -I "$out" -L "$out" -lAtelierAlgorithms -o "$out/kmeans-fit" \
    "$root/Benchmarks/KMeansFit/main.swift" "$root/Benchmarks/Shared/Measurement.swift" \
    "$support/LifetimeSupport/CDNOWTransactions.swift" "$support/LifetimeSupport/CivilDay.swift" \
    "$support/ClusteringSupport/SegmentationTask.swift" "$support/ClusteringSupport/LabelsHash.swift"
exec "$out/kmeans-fit" "$@"
