#!/usr/bin/env python3
"""Reference values for Atelier's BG/NBD and Gamma-Gamma models, from `lifetimes` on CDNOW.

Writes Tests/AtelierAlgorithmsTests/Fixtures/lifetime_cdnow.json: aggregate checks of the RFM
summary (lifetimes' `summary_data_from_transaction_data`), the parameters that lifetimes'
BetaGeoFitter and GammaGammaFitter fit, log-likelihoods at known parameters, and a few
predictions. Only these small numbers are committed, never the data.

The calibration follows Fader, Hardie & Lee (2005), whose published parameters the tests
also check: CDNOW_sample (2,357 customers), transactions up to 1997-09-30 (39 weeks after the
cohort's first day), times in weeks measured in days / 7.

    pip install lifetimes==0.11.3 scikit-learn pandas
    scripts/data/fetch-public-data.sh
    python3 scripts/reference/lifetime_reference.py
"""
import hashlib
import json
import pathlib
import sys
import time

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / ".data" / "cdnow" / "CDNOW_sample.txt"
FIXTURE = ROOT / "Tests" / "AtelierAlgorithmsTests" / "Fixtures" / "lifetime_cdnow.json"
CALIBRATION_END = "1997-09-30"
# Customers whose predictions the fixture records: a one-time buyer, repeat buyers, a heavy buyer.
PREDICTED_CUSTOMERS = ["00004", "00018", "00021", "00167", "01322", "01760"]
# Histories (x, t_x, T in weeks) that the test also evaluates, chosen to cover x = 0, t_x = T
# and very frequent buyers (where lifetimes' first hypergeometric series overflows).
SYNTHETIC_HISTORIES = [(0, 0.0, 39.0), (1, 1.0, 2.0), (3, 20.0, 39.0), (10, 38.0, 38.0), (2, 0.5, 52.0),
                       (200, 51.9, 52.0), (2000, 51.9, 52.0)]
TINY_PARAMETERS = {"r": 1.0, "alpha": 1.0, "a": 1.0, "b": 1.0}


def load_sample():
    if not SAMPLE.exists():
        sys.exit(f"{SAMPLE} is missing: run scripts/data/fetch-public-data.sh")
    # CDNOW_sample.txt: master customer id, sample customer index, date, number of CDs, amount.
    frame = pd.read_csv(
        SAMPLE, sep=r"\s+", header=None,
        names=["customer_id", "customer_index", "date", "cds", "amount"],
        dtype={"customer_id": str, "date": str},
    )
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d")
    return frame


def bgnbd_negative_log_likelihood(params, frequency, recency, T):
    """Mean negative log-likelihood per customer, in the data's own time unit (no scaling)."""
    return float(BetaGeoFitter._negative_log_likelihood(
        np.log([params["r"], params["alpha"], params["a"], params["b"]]),
        np.asarray(frequency), np.asarray(recency), np.asarray(T),
        np.ones(len(frequency)), 0.0,
    ))


def gamma_gamma_negative_log_likelihood(params, frequency, monetary):
    return float(GammaGammaFitter._negative_log_likelihood(
        np.log([params["p"], params["q"], params["v"]]),
        np.asarray(frequency), np.asarray(monetary), np.ones(len(frequency)), 0.0,
    ))


def main():
    transactions = load_sample()
    summary = summary_data_from_transaction_data(
        transactions, "customer_id", "date", "amount",
        observation_period_end=CALIBRATION_END, freq="D", freq_multiplier=7,
    )
    repeaters = summary[summary["frequency"] > 0]

    started = time.perf_counter()
    bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
    bgf_seconds = time.perf_counter() - started
    penalized = BetaGeoFitter(penalizer_coef=0.1).fit(summary["frequency"], summary["recency"], summary["T"])

    started = time.perf_counter()
    ggf = GammaGammaFitter().fit(repeaters["frequency"], repeaters["monetary_value"])
    ggf_seconds = time.perf_counter() - started

    published_bgnbd = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    published_gamma_gamma = {"p": 6.25, "q": 3.74, "v": 15.44}

    tiny = [(0, 0.0, 1.0), (1, 1.0, 2.0), (3, 2.5, 4.0)]
    tiny_nll = bgnbd_negative_log_likelihood(
        TINY_PARAMETERS, [h[0] for h in tiny], [h[1] for h in tiny], [h[2] for h in tiny])

    def predictions(frequency, recency, T, monetary):
        f, r, t, m = (pd.Series(np.atleast_1d(v), dtype=float) for v in (frequency, recency, T, monetary))
        spend = ggf.conditional_expected_average_profit(f, m) if m.gt(0).all() and f.gt(0).all() else None
        clv = ggf.customer_lifetime_value(bgf, f, r, t, m, time=12, discount_rate=0.01, freq="W") \
            if spend is not None else None
        return {
            "expected_purchases_39_weeks": float(bgf.conditional_expected_number_of_purchases_up_to_time(39, f, r, t).iloc[0]),
            "expected_purchases_52_weeks": float(bgf.conditional_expected_number_of_purchases_up_to_time(52, f, r, t).iloc[0]),
            "probability_alive": float(bgf.conditional_probability_alive(f, r, t)[0]),
            "expected_average_spend": None if spend is None else float(spend.iloc[0]),
            "lifetime_value_12_months": None if clv is None else float(clv.iloc[0]),
        }

    customers = []
    for customer_id in PREDICTED_CUSTOMERS:
        row = summary.loc[customer_id]
        customers.append({
            "customer_id": customer_id,
            "frequency": int(row["frequency"]), "recency": float(row["recency"]),
            "T": float(row["T"]), "monetary_value": float(row["monetary_value"]),
            **predictions(row["frequency"], row["recency"], row["T"], row["monetary_value"]),
        })
    synthetic = [
        {"frequency": x, "recency": tx, "T": T,
         **{k: v for k, v in predictions(x, tx, T, 1.0).items() if k.startswith(("expected_purchases", "probability"))}}
        for x, tx, T in SYNTHETIC_HISTORIES
    ]

    fixture = {
        "source": "lifetimes/datasets/CDNOW_sample.txt from the lifetimes 0.11.3 wheel",
        "source_sha256": hashlib.sha256(SAMPLE.read_bytes()).hexdigest(),
        "versions": {"lifetimes": lifetimes.__version__, "pandas": pd.__version__, "numpy": np.__version__},
        "calibration_end": CALIBRATION_END,
        "time_unit": "weeks (days / 7)",
        "summary": {
            "customers": int(len(summary)),
            "repeat_customers": int(len(repeaters)),
            "sum_frequency": float(summary["frequency"].sum()),
            "sum_recency": float(summary["recency"].sum()),
            "sum_T": float(summary["T"].sum()),
            "sum_monetary_value": float(summary["monetary_value"].sum()),
            "max_frequency": int(summary["frequency"].max()),
        },
        "bgnbd": {
            "published": published_bgnbd,
            "lifetimes": {k: float(v) for k, v in bgf.params_.items()},
            "lifetimes_penalizer_0_1": {k: float(v) for k, v in penalized.params_.items()},
            "mean_negative_log_likelihood_at_lifetimes": bgnbd_negative_log_likelihood(
                bgf.params_, summary["frequency"], summary["recency"], summary["T"]),
            "mean_negative_log_likelihood_at_published": bgnbd_negative_log_likelihood(
                published_bgnbd, summary["frequency"], summary["recency"], summary["T"]),
            "fit_seconds": bgf_seconds,
        },
        "bgnbd_tiny": {
            "parameters": TINY_PARAMETERS,
            "histories": [{"frequency": x, "recency": tx, "T": T} for x, tx, T in tiny],
            "mean_negative_log_likelihood": tiny_nll,
        },
        "gamma_gamma": {
            "published": published_gamma_gamma,
            "lifetimes": {k: float(v) for k, v in ggf.params_.items()},
            "mean_negative_log_likelihood_at_published": gamma_gamma_negative_log_likelihood(
                published_gamma_gamma, repeaters["frequency"], repeaters["monetary_value"]),
            "fit_seconds": ggf_seconds,
        },
        "lifetime_value": {"months": 12, "monthly_discount_rate": 0.01, "weeks_per_month": 4.345},
        "customers": customers,
        "synthetic_histories": synthetic,
    }
    FIXTURE.write_text(json.dumps(fixture, indent=2) + "\n")
    print(f"wrote {FIXTURE.relative_to(ROOT)}: BG/NBD {dict(bgf.params_.round(4))} in {bgf_seconds:.3f} s, "
          f"Gamma-Gamma {dict(ggf.params_.round(4))} in {ggf_seconds:.3f} s")


if __name__ == "__main__":
    main()
