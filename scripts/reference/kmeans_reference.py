#!/usr/bin/env python3
"""Reference values for Atelier's k-means and silhouette, from scikit-learn on CDNOW.

Writes Tests/AtelierAlgorithmsTests/Fixtures/kmeans_cdnow.json. Only small numbers are
committed: per fit the inertia, iteration count, cluster sizes, centroids and a 64-bit
FNV-1a hash of the label sequence (equal hashes = identical assignments, row for row).

Features (customer segmentation on real purchases): every one of CDNOW_master's 23,570
customers, described on 1997-09-30 by lifetimes' RFM summary in weeks, as
scripts/reference/logistic_reference.py builds it: weeks since the last purchase (T - recency),
frequency (repeat purchase days), monetary value (mean spend of the repeat days, 0 without)
and tenure (T); standardised with StandardScaler. Rows in ascending customer id.

Fits recorded (all KMeans(k, algorithm="lloyd", tol=1e-4, max_iter=300), k = 2..8):
  (a) explicit start: init=<k distinct rows>, n_init=1 — plus silhouette_score of its labels,
      exact on the first SILHOUETTE_ROWS rows and on a sample (sample_size=SILHOUETTE_SAMPLE,
      random_state=0);  `swift test` checks these;
  (b) k-means++: n_init=TEST_N_INIT, random_state=0, checked by `swift test`; and
      n_init=BENCH_N_INIT for each of BENCH_SEEDS, with the exact silhouette on all rows for
      seed 0, checked by the release-mode benchmark (Benchmarks/KMeansFit), too slow for
      a debug test run;
  plus the best inertia over BEST_OF_SEEDS seeds (n_init=BENCH_N_INIT), to judge a fit against.

    pip install lifetimes==0.11.3 scikit-learn pandas
    scripts/data/fetch-public-data.sh
    python3 scripts/reference/kmeans_reference.py
"""
import hashlib
import json
import time

import numpy as np
import pandas as pd
import sklearn
from lifetimes.utils import summary_data_from_transaction_data
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from logistic_reference import CALIBRATION_END, MASTER, ROOT, load_master

FIXTURE = ROOT / "Tests" / "AtelierAlgorithmsTests" / "Fixtures" / "kmeans_cdnow.json"
FEATURES = ["weeks_since_last_purchase", "frequency", "monetary_value", "tenure_weeks"]
CLUSTER_COUNTS = range(2, 9)
TEST_N_INIT = 3
BENCH_N_INIT = 10
BENCH_SEEDS = [0, 1, 2]
BEST_OF_SEEDS = 20
SILHOUETTE_ROWS = 2000
SILHOUETTE_SAMPLE = 2000


def load_features():
    """CDNOW_master read as the propensity reference reads it, then the segmentation columns."""
    summary = summary_data_from_transaction_data(
        load_master(), "customer_id", "date", "amount",
        observation_period_end=CALIBRATION_END, freq="D", freq_multiplier=7,
    ).sort_index()
    return np.column_stack([
        summary["T"] - summary["recency"], summary["frequency"], summary["monetary_value"], summary["T"],
    ]).astype(float)


def fnv1a64(labels):
    """FNV-1a over the labels, one byte each (k <= 255)."""
    value = 0xCBF29CE484222325
    for label in labels:
        value ^= int(label)
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def describe(model):
    return {
        "inertia": float(model.inertia_),
        "iterations": int(model.n_iter_),
        "sizes": np.bincount(model.labels_, minlength=model.n_clusters).tolist(),
        "labels_hash": fnv1a64(model.labels_),
        "centroids": model.cluster_centers_.tolist(),
    }


def silhouettes(features, labels):
    return {
        "silhouette_first_rows": float(silhouette_score(features[:SILHOUETTE_ROWS], labels[:SILHOUETTE_ROWS])),
        "silhouette_sampled": float(silhouette_score(features, labels, sample_size=SILHOUETTE_SAMPLE, random_state=0)),
    }


def fit_plus_plus(features, k, n_init, seed, full_silhouette):
    started = time.perf_counter()
    model = KMeans(k, n_init=n_init, random_state=seed).fit(features)
    entry = {"k": k, "n_init": n_init, "seed": seed, "fit_seconds": time.perf_counter() - started, **describe(model)}
    if full_silhouette:
        entry.update(silhouettes(features, model.labels_))
        started = time.perf_counter()
        entry["silhouette_all_rows"] = float(silhouette_score(features, model.labels_))
        entry["silhouette_all_rows_seconds"] = time.perf_counter() - started
    return entry


def distinct_start_rows(features, k):
    """The first k rows of a seeded permutation that are pairwise distinct points."""
    chosen = []
    for index in np.random.RandomState(100 + k).permutation(len(features)):
        if all(not np.array_equal(features[index], features[other]) for other in chosen):
            chosen.append(int(index))
            if len(chosen) == k:
                return chosen
    raise RuntimeError("not enough distinct rows")


def main():
    raw = load_features()
    scaler = StandardScaler().fit(raw)
    features = scaler.transform(raw)

    explicit = []
    for k in CLUSTER_COUNTS:
        rows = distinct_start_rows(features, k)
        model = KMeans(k, init=features[rows], n_init=1).fit(features)
        explicit.append({"k": k, "start_rows": rows, **describe(model), **silhouettes(features, model.labels_)})

    plus_plus = []
    for k in CLUSTER_COUNTS:
        plus_plus.append(fit_plus_plus(features, k, TEST_N_INIT, 0, full_silhouette=False))
    for seed in BENCH_SEEDS:
        for k in CLUSTER_COUNTS:
            plus_plus.append(fit_plus_plus(features, k, BENCH_N_INIT, seed, full_silhouette=seed == 0))

    best_inertia = {
        k: min(KMeans(k, n_init=BENCH_N_INIT, random_state=seed).fit(features).inertia_ for seed in range(BEST_OF_SEEDS))
        for k in CLUSTER_COUNTS
    }

    fixture = {
        "source": "lifetimes/datasets/CDNOW_master.txt from the lifetimes 0.11.3 wheel",
        "source_sha256": hashlib.sha256(MASTER.read_bytes()).hexdigest(),
        "versions": {"scikit-learn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__},
        "task": {
            "calibration_end": str(CALIBRATION_END.date()),
            "features": FEATURES,
            "time_unit": "weeks (days / 7)",
            "row_order": "customer id ascending",
            "scaling": "StandardScaler (population standard deviation)",
            "kmeans": "KMeans(k, algorithm='lloyd', tol=1e-4, max_iter=300)",
            "labels_hash": "FNV-1a 64 over the labels, one byte per row, in row order",
        },
        "data": {
            "customers": int(len(raw)),
            "feature_sums": [float(s) for s in raw.sum(axis=0)],
            "scaler": {"mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist()},
        },
        "explicit_start": explicit,
        "kmeans_plus_plus": plus_plus,
        "best_inertia_over_seeds": {
            "seeds": BEST_OF_SEEDS, "n_init": BENCH_N_INIT,
            "by_k": {str(k): float(v) for k, v in best_inertia.items()},
        },
        "silhouette": {"first_rows": SILHOUETTE_ROWS, "sample_size": SILHOUETTE_SAMPLE, "sample_seed": 0},
    }
    FIXTURE.write_text(json.dumps(fixture, indent=1) + "\n")
    for entry in plus_plus:
        if entry["n_init"] == BENCH_N_INIT and entry["seed"] == 0:
            k = entry["k"]
            print(f"k={k}: inertia {entry['inertia']:.6f}, {entry['iterations']} iterations, fit {entry['fit_seconds']:.3f} s, "
                  f"silhouette {entry['silhouette_all_rows']:.6f} ({entry['silhouette_all_rows_seconds']:.1f} s), "
                  f"best of {BEST_OF_SEEDS} seeds {best_inertia[k]:.6f}")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
