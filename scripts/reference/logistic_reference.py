#!/usr/bin/env python3
"""Reference values for Atelier's logistic regression, from scikit-learn on CDNOW.

Writes Tests/AtelierAlgorithmsTests/Fixtures/logistic_cdnow.json. Only these small numbers
are committed, never the data.

Task (a propensity model on real purchases): every one of CDNOW_master's 23,570 customers,
described on 1997-09-30 (39 weeks after the cohort's first day) by lifetimes' RFM summary in
weeks (frequency = repeat purchase days, recency, T, monetary_value = mean spend of the repeat
purchase days, 0 without any); label = at least one purchase in the next 13 weeks
(1997-10-01 .. 1997-12-30). Features are standardised with StandardScaler (population std),
then LogisticRegression(C=1.0, L2, lbfgs) is fitted, without and with class_weight='balanced'.
AUC and log-loss are in-sample: the point is to compare implementations, not to rate the model.

    pip install lifetimes==0.11.3 scikit-learn pandas
    scripts/data/fetch-public-data.sh
    python3 scripts/reference/logistic_reference.py
"""
import hashlib
import json
import pathlib
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from lifetimes.utils import summary_data_from_transaction_data
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

ROOT = pathlib.Path(__file__).resolve().parents[2]
MASTER = ROOT / ".data" / "cdnow" / "CDNOW_master.txt"
FIXTURE = ROOT / "Tests" / "AtelierAlgorithmsTests" / "Fixtures" / "logistic_cdnow.json"
CALIBRATION_END = pd.Timestamp("1997-09-30")
LABEL_WEEKS = 13
FEATURES = ["frequency", "recency", "T", "monetary_value"]
FIRST_ROWS = 5


def load_master():
    if not MASTER.exists():
        sys.exit(f"{MASTER} is missing: run scripts/data/fetch-public-data.sh")
    # CDNOW_master.txt: a header line, then customer id, date, number of CDs, amount.
    frame = pd.read_csv(
        MASTER, sep=r"\s+", skiprows=1, header=None,
        names=["customer_id", "date", "cds", "amount"], dtype={"customer_id": str, "date": str},
    )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d")
    return frame


def fit(features, labels, class_weight):
    model = LogisticRegression(C=1.0, l1_ratio=0.0, solver="lbfgs", tol=1e-12, max_iter=100_000,
                               class_weight=class_weight)
    started = time.perf_counter()
    model.fit(features, labels)
    seconds = time.perf_counter() - started
    probabilities = model.predict_proba(features)[:, 1]
    return {
        "class_weight": class_weight or "none",
        "coefficients": [float(c) for c in model.coef_[0]],
        "intercept": float(model.intercept_[0]),
        "iterations": int(model.n_iter_[0]),
        "roc_auc": float(roc_auc_score(labels, probabilities)),
        "log_loss": float(log_loss(labels, probabilities)),
        "first_probabilities": [float(p) for p in probabilities[:FIRST_ROWS]],
        "fit_seconds": seconds,
    }


def main():
    transactions = load_master()
    summary = summary_data_from_transaction_data(
        transactions, "customer_id", "date", "amount",
        observation_period_end=CALIBRATION_END, freq="D", freq_multiplier=7,
    ).sort_index()
    label_end = CALIBRATION_END + pd.Timedelta(weeks=LABEL_WEEKS)
    later = transactions[(transactions["date"] > CALIBRATION_END) & (transactions["date"] <= label_end)]
    labels = summary.index.isin(later["customer_id"]).astype(int)

    raw = summary[FEATURES].to_numpy()
    scaler = StandardScaler().fit(raw)
    features = scaler.transform(raw)

    fixture = {
        "source": "lifetimes/datasets/CDNOW_master.txt from the lifetimes 0.11.3 wheel",
        "source_sha256": hashlib.sha256(MASTER.read_bytes()).hexdigest(),
        "versions": {"scikit-learn": sklearn.__version__, "pandas": pd.__version__, "numpy": np.__version__},
        "task": {
            "calibration_end": str(CALIBRATION_END.date()),
            "label": f"any purchase after calibration_end up to {label_end.date()} ({LABEL_WEEKS} weeks)",
            "features": FEATURES,
            "time_unit": "weeks (days / 7)",
            "row_order": "customer id ascending",
            "solver": "LogisticRegression(C=1.0, l1_ratio=0 (L2), solver='lbfgs', tol=1e-12, max_iter=100000)",
        },
        "data": {
            "customers": int(len(summary)),
            "positives": int(labels.sum()),
            "feature_sums": [float(s) for s in raw.sum(axis=0)],
        },
        "scaler": {"mean": [float(m) for m in scaler.mean_], "scale": [float(s) for s in scaler.scale_]},
        "models": [fit(features, labels, None), fit(features, labels, "balanced")],
    }
    FIXTURE.write_text(json.dumps(fixture, indent=2) + "\n")
    for model in fixture["models"]:
        print(f"{model['class_weight']}: coef {np.round(model['coefficients'], 6)}, intercept "
              f"{model['intercept']:.6f}, AUC {model['roc_auc']:.6f}, {model['fit_seconds']:.3f} s")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
