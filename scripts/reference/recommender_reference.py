#!/usr/bin/env python3
"""Reference item-kNN, ALS and ranking metrics from the Python library implicit.

Writes Tests/AtelierAlgorithmsTests/Fixtures/recommender_supermarket.json, which
ItemKNNSupermarketTests, ALSSupermarketTests and RecommenderHoldoutTests compare Atelier with.
The data itself is never committed.

    scripts/data/fetch-public-data.sh                  # puts the ARFF under .data/weka/
    pip install implicit pandas
    python3 scripts/reference/recommender_reference.py

Data: Weka's supermarket baskets, read as association_rules_reference.py reads them (216
departments; `total` left out). Each basket is a user (its row number), each department an
item, every purchase weighs 1. Items are indexed in ascending name order and users in ascending
row number, as Atelier's `InteractionDataset` indexes them; all 216 departments are in the
catalogue, the 94 that nobody bought included (they count in TF-IDF's and BM25's N).

A second, small data set with weighted interactions ("weighted"): 40 users, 15 items and
events of three kinds drawn with numpy's default_rng(7), weighted view 1, add_to_cart 3,
purchase 5 (Atelier's `InteractionWeights.default`), summed per (user, item). The events are in
the fixture; the Swift test weighs them itself.

What is compared:
- Item-kNN: `CosineRecommender`, `TFIDFRecommender`, `BM25Recommender(K1=1.2, B=0.75)` with
  K = 20 on the baskets, K = 5 on the weighted set: every item's neighbours and similarities
  (implicit's `similarity` matrix), and top-10 recommendations for a sample of users. implicit's
  `recommend` keeps already-liked items at score 0 at the end of a short list; they are left out
  here, as Atelier never returns them.
- ALS: `implicit.cpu.als.AlternatingLeastSquares(dtype=float64, alpha=1.0)` fitted on a matrix
  of confidences c = 1 + a * w (Atelier's `alpha` a; implicit's own `alpha` stays 1, so implicit
  does not scale them again), starting from the initial factors Atelier draws: a SplitMix64
  stream seeded with the case's seed (reproduced below), uniform in [0, 0.01), users' rows then
  items'. implicit keeps `user_factors`/`item_factors` set before `fit`. Regularisation values
  are exact in float32 because implicit's CG solver takes it as a C float. Cases: 8 factors, 3
  sweeps, CG and Cholesky, on the baskets' holdout (below); 5 factors, 15 CG sweeps on the
  weighted set (every factor compared). Sizes keep the Swift tests fast in debug builds.
- Holdout: each (basket, department) pair of the baskets goes to the test set when the next
  number of SplitMix64(2026), drawn pair by pair in (user, item) order, is below 0.2. Models are
  fitted on the train pairs (users with no train pair are dropped, as they are from Atelier's
  train dataset) and scored with `implicit.evaluation.ranking_metrics_at_k(K=10)` on the test
  pairs of the remaining users.

Fit times are the best of 3 runs with one thread (`num_threads=1`, BLAS limited to 1 thread).
"""

import json
import os
import platform
import sys
import time

import implicit
import numpy as np
import scipy
import scipy.sparse as sp
import threadpoolctl
from implicit.cpu.als import AlternatingLeastSquares
from implicit.evaluation import ranking_metrics_at_k
from implicit.nearest_neighbours import BM25Recommender, CosineRecommender, TFIDFRecommender

sys.path.insert(0, os.path.dirname(__file__))
from association_rules_reference import read_supermarket  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, ".data", "weka", "supermarket.arff")
FIXTURE = os.path.join(ROOT, "Tests", "AtelierAlgorithmsTests", "Fixtures", "recommender_supermarket.json")

KIND_WEIGHTS = {"view": 1.0, "add_to_cart": 3.0, "purchase": 5.0}
HOLDOUT_SEED = 2026
HOLDOUT_FRACTION = 0.2
SAMPLE_USERS = 40
SAMPLE_FACTOR_ROWS = 30
TIMING_RUNS = 3

MASK = (1 << 64) - 1


class SplitMix64:
    """Atelier's `SplitMix64`: the same stream and the same unit-interval conversion."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0**-53


def initial_factors(seed, users, items, factors, scale=0.01):
    rng = SplitMix64(seed)
    user = np.array([rng.unit() * scale for _ in range(users * factors)]).reshape(users, factors)
    item = np.array([rng.unit() * scale for _ in range(items * factors)]).reshape(items, factors)
    return user, item


def short(value):
    """Float32-precision scores: 8 significant digits are as many as they hold."""
    return float(f"{float(value):.8g}")


def factor_values(rows):
    """Float64 factors to 12 significant digits: the tests compare them to 1e-8."""
    return [[float(f"{value:.12g}") for value in row] for row in np.asarray(rows).tolist()]


def pairs(ids, scores):
    """A list of (item, score) as two parallel arrays, which is half the size in JSON."""
    return [[int(i) for i in ids], [short(s) for s in scores]]


def knn_models(K):
    return [
        ("cosine", {"kind": "cosine"}, lambda: CosineRecommender(K=K, num_threads=1)),
        ("tfidf", {"kind": "tfidf"}, lambda: TFIDFRecommender(K=K, num_threads=1)),
        ("bm25", {"kind": "bm25", "k1": 1.2, "b": 0.75}, lambda: BM25Recommender(K=K, K1=1.2, B=0.75, num_threads=1)),
    ]


def timed_fit(make, matrix):
    best, model = None, None
    for _ in range(TIMING_RUNS):
        model = make()
        start = time.perf_counter()
        model.fit(matrix, show_progress=False)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return model, best


def neighbour_rows(model):
    similarity = model.similarity.tocsr()
    rows = []
    for item in range(similarity.shape[0]):
        start, end = similarity.indptr[item], similarity.indptr[item + 1]
        kept = [(j, s) for j, s in zip(similarity.indices[start:end], similarity.data[start:end]) if s != 0]
        rows.append(pairs([j for j, _ in kept], [s for _, s in kept]))
    return rows


def recommendations(model, matrix, users, filter_liked, n=10):
    lists = []
    for user in users:
        liked = set(matrix.indices[matrix.indptr[user]:matrix.indptr[user + 1]])
        ids, scores = model.recommend(user, matrix[user], N=n, filter_already_liked_items=filter_liked)
        kept = [(i, s) for i, s in zip(ids, scores) if i >= 0 and not (filter_liked and i in liked)]
        lists.append(pairs([i for i, _ in kept], [s for _, s in kept]))
    return {"users": [int(u) for u in users], "filter_already_liked": filter_liked, "lists": lists}


def knn_case(matrix, K, sample, timing=True):
    cases = []
    for name, weighting, make in knn_models(K):
        model, seconds = timed_fit(make, matrix) if timing else (make(), None)
        if not timing:
            model.fit(matrix, show_progress=False)
        case = {
            "name": name,
            "neighbours": K,
            "weighting": weighting,
            "similarities": neighbour_rows(model),
            "recommendations": [recommendations(model, matrix, sample, True)],
        }
        if name == "cosine":
            case["recommendations"].append(recommendations(model, matrix, sample, False))
        if seconds is not None:
            case["implicit_fit_seconds"] = round(seconds, 4)
        cases.append(case)
    return cases


def confidences(matrix, alpha):
    c = matrix.astype(np.float64).copy()
    c.data = (1.0 + alpha * c.data).astype(np.float32)
    return c.astype(np.float32)


def fit_als(matrix, factors, regularization, alpha, iterations, solver, seed):
    users, items = matrix.shape
    user0, item0 = initial_factors(seed, users, items, factors)
    model = AlternatingLeastSquares(
        factors=factors, regularization=regularization, alpha=1.0, dtype=np.float64, iterations=iterations,
        use_cg=(solver == "conjugate_gradient"), num_threads=1, random_state=0,
    )
    model.user_factors = user0
    model.item_factors = item0
    model.fit(confidences(matrix, alpha), show_progress=False)
    return model


def als_case(label, matrix, sample, *, factors, regularization, alpha, iterations, solver, seed, all_users=False):
    model = fit_als(matrix, factors, regularization, alpha, iterations, solver, seed)
    users = list(range(matrix.shape[0])) if all_users else sample[:SAMPLE_FACTOR_ROWS]
    similar = []
    for item in range(0, matrix.shape[1], 9):
        ids, scores = model.similar_items(item, N=6)
        similar.append({"item": item, "list": pairs(ids, scores)})
    fold_in_users = list(sample)[:10]
    fold_in = model.recalculate_user(fold_in_users, confidences(matrix[fold_in_users], alpha))
    return model, {
        "label": label,
        "factors": factors,
        "regularization": regularization,
        "alpha": alpha,
        "iterations": iterations,
        "solver": solver,
        "seed": seed,
        "item_factors": factor_values(model.item_factors),
        "user_factor_rows": [int(u) for u in users],
        "user_factors": factor_values(model.user_factors[users]),
        "recommendations": recommendations(model, matrix, sample, True),
        "similar_items": similar,
        "fold_in": {"users": [int(u) for u in fold_in_users], "factors": factor_values(fold_in)},
    }


def weighted_events():
    rng = np.random.default_rng(7)
    items = [f"item{index:02d}" for index in range(15)]
    kinds = list(KIND_WEIGHTS)
    events = []
    for user in range(40):
        # A taste: users lean to one of three blocks of five items.
        block = user % 3
        for _ in range(int(rng.integers(2, 9))):
            item = int(rng.integers(0, 5)) + 5 * block if rng.random() < 0.8 else int(rng.integers(0, 15))
            kind = kinds[int(rng.choice(3, p=[0.6, 0.25, 0.15]))]
            events.append([f"user{user:02d}", items[item], kind])
    return items, events


def weighted_matrix(items, events):
    users = sorted({user for user, _, _ in events})
    user_index = {u: i for i, u in enumerate(users)}
    item_index = {name: i for i, name in enumerate(items)}
    rows = [user_index[u] for u, _, _ in events]
    cols = [item_index[i] for _, i, _ in events]
    data = [KIND_WEIGHTS[k] for _, _, k in events]
    matrix = sp.csr_matrix((np.array(data, dtype=np.float32), (rows, cols)), shape=(len(users), len(items)))
    matrix.sum_duplicates()
    return users, matrix


def holdout(matrix):
    rng = SplitMix64(HOLDOUT_SEED)
    train_entries, test_entries = [], []
    for user in range(matrix.shape[0]):
        for item in matrix.indices[matrix.indptr[user]:matrix.indptr[user + 1]]:
            (test_entries if rng.unit() < HOLDOUT_FRACTION else train_entries).append((user, int(item)))
    train_users = sorted({u for u, _ in train_entries})
    row_of = {u: r for r, u in enumerate(train_users)}

    def build(entries):
        kept = [(row_of[u], i) for u, i in entries if u in row_of]
        rows = [r for r, _ in kept]
        cols = [i for _, i in kept]
        return sp.csr_matrix((np.ones(len(kept), dtype=np.float32), (rows, cols)), shape=(len(train_users), matrix.shape[1]))

    return train_users, build(train_entries), build(test_entries), len(train_entries), len(test_entries)


def metrics(model, train, test):
    result = ranking_metrics_at_k(model, train, test, K=10, show_progress=False, num_threads=1)
    return {key: float(value) for key, value in result.items() if key in ("precision", "ndcg", "map")}


def main():
    if not os.path.exists(DATA):
        sys.exit(f"{DATA} is missing: run scripts/data/fetch-public-data.sh first")
    threadpoolctl.threadpool_limits(1, "blas")
    df = read_supermarket(DATA)
    names = sorted(df.columns)
    baskets = sp.csr_matrix(df[names].values.astype(np.float32))
    sample = list(range(0, baskets.shape[0], baskets.shape[0] // SAMPLE_USERS))[:SAMPLE_USERS]
    print(f"{baskets.shape[0]} baskets, {baskets.shape[1]} departments, {baskets.nnz} purchases")

    knn = knn_case(baskets, 20, sample)
    for case in knn:
        print(f"kNN {case['name']}: fit {case['implicit_fit_seconds']} s")

    items, events = weighted_events()
    weighted_users, weighted = weighted_matrix(items, events)
    weighted_knn = knn_case(weighted, 5, list(range(weighted.shape[0])), timing=False)
    _, weighted_als = als_case(
        "weighted, CG, 5 factors, 15 sweeps", weighted, list(range(weighted.shape[0])), factors=5, regularization=0.0625,
        alpha=0.5, iterations=15, solver="conjugate_gradient", seed=11, all_users=True,
    )

    train_users, train, test, train_count, test_count = holdout(baskets)
    train_sample = list(range(0, train.shape[0], train.shape[0] // SAMPLE_USERS))[:SAMPLE_USERS]
    als = []
    holdout_models = []
    for label, factors, iterations, solver in [
        ("CG, 8 factors, 3 sweeps", 8, 3, "conjugate_gradient"),
        ("Cholesky, 8 factors, 3 sweeps", 8, 3, "cholesky"),
    ]:
        model, case = als_case(
            label, train, train_sample, factors=factors, regularization=0.0625, alpha=2.0, iterations=iterations,
            solver=solver, seed=5,
        )
        case["metrics"] = metrics(model, train, test)
        als.append(case)
        print(f"ALS {label}: {case['metrics']}")
    for name, _, make in knn_models(20):
        model = make()
        model.fit(train, show_progress=False)
        holdout_models.append({"name": name, "metrics": metrics(model, train, test)})
        print(f"kNN {name} on the holdout: {holdout_models[-1]['metrics']}")

    timings = {}
    for factors in (64,):
        for dtype in (np.float32, np.float64):
            best = None
            for _ in range(TIMING_RUNS):
                model = AlternatingLeastSquares(
                    factors=factors, regularization=32.0, iterations=15, dtype=dtype, num_threads=1, random_state=1
                )
                start = time.perf_counter()
                model.fit(confidences(baskets, 2.0), show_progress=False)
                elapsed = time.perf_counter() - start
                best = elapsed if best is None else min(best, elapsed)
            timings[f"als_cg_{factors}_factors_15_sweeps_{np.dtype(dtype).name}"] = round(best, 4)
    print(f"ALS fit times: {timings}")
    # For BENCHMARKS.md (not in the fixture): implicit's quality at the setting BENCHMARKS.md
    # reports, 64 factors, 15 CG sweeps, regularisation 32, alpha 2, from Atelier's start (seed 5).
    converged = fit_als(train, 64, 32.0, 2.0, 15, "conjugate_gradient", 5)
    print(f"implicit ALS 64 factors, 15 CG sweeps, regularisation 32 on the holdout: {metrics(converged, train, test)}")

    fixture = {
        "data": "Weka supermarket.arff (Debian package weka 3.6.14-3): baskets as users, 216 departments as items",
        "implicit_version": implicit.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "python_version": platform.python_version(),
        "users": int(baskets.shape[0]),
        "purchases": int(baskets.nnz),
        "items": names,
        "knn": knn,
        "implicit_als_fit_seconds": timings,
        "weighted": {
            "items": items,
            "users": weighted_users,
            "kind_weights": KIND_WEIGHTS,
            "events": events,
            "knn": weighted_knn,
            "als": weighted_als,
        },
        "holdout": {
            "seed": HOLDOUT_SEED,
            "test_fraction": HOLDOUT_FRACTION,
            "train_pairs": train_count,
            "test_pairs": test_count,
            "train_users": len(train_users),
            "evaluated_users": int((np.diff(test.indptr) > 0).sum()),
            "als": als,
            "knn": holdout_models,
        },
    }
    with open(FIXTURE, "w") as handle:
        json.dump(fixture, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {os.path.relpath(FIXTURE, ROOT)} ({os.path.getsize(FIXTURE) // 1024} KiB)")


if __name__ == "__main__":
    main()
