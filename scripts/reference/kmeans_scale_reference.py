#!/usr/bin/env python3
"""scikit-learn on the 1,000,000 × 10 matrix of Benchmarks/KMeansFit, for BENCHMARKS.md.

Fits KMeans(8, random_state=0) with n_init 1 and 10 on the standardised synthetic matrix the
benchmark writes, and prints fit time, iterations, inertia and the labels' FNV-1a hash, to set
beside the benchmark's own lines (same data, same seed: the same partition is expected).
Nothing is written to the repository.

    KMEANS_BENCH_MATRIX=/tmp/kmeans-1m.f64 Benchmarks/KMeansFit/run.sh
    python3 scripts/reference/kmeans_scale_reference.py /tmp/kmeans-1m.f64
"""
import sys
import time

import numpy as np
import sklearn
import threadpoolctl
from sklearn.cluster import KMeans

from kmeans_reference import fnv1a64

COLUMNS = 10


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    features = np.fromfile(sys.argv[1], dtype="<f8").reshape(-1, COLUMNS)
    threads = threadpoolctl.threadpool_info()
    print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}; {features.shape[0]} × {features.shape[1]}; "
          f"thread pools: {[(pool['internal_api'], pool['num_threads']) for pool in threads]}")
    for n_init in (1, 10):
        started, cpu_started = time.perf_counter(), time.process_time()
        model = KMeans(8, n_init=n_init, random_state=0).fit(features)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        print(f"fit, n_init={n_init}: {seconds:.2f} s, CPU {cpu:.2f} s (kept run: {model.n_iter_} iterations, "
              f"inertia {model.inertia_:.6f}, labels {fnv1a64(model.labels_)})")


if __name__ == "__main__":
    main()
