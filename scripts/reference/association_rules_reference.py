#!/usr/bin/env python3
"""Reference frequent itemsets and association rules from mlxtend on Weka's supermarket baskets.

Writes Tests/AtelierAlgorithmsTests/Fixtures/association_rules_supermarket.json: for each
threshold combination, the number of frequent itemsets (also by length) and of rules, and the
top rules with their metrics. AssociationRulesSupermarketTests fits Atelier on the same data and
asserts the counts are EQUAL and the metrics match within 1e-9. The data itself is never committed.

    scripts/data/fetch-public-data.sh                     # puts the ARFF under .data/weka/
    pip install mlxtend pandas
    python3 scripts/reference/association_rules_reference.py

How the baskets are read (the Swift test reads them the same way): the 216 department
attributes declared `{ t}` are items; `t` means bought, `?` means not. The 217th attribute,
`total {low, high}`, is a basket-value class, not a department, and is left out. Every data row
is a basket, including the few in which nothing was bought: mlxtend counts them in N, as does
Atelier.

How mlxtend is called: `fpgrowth(df, min_support, max_len)` then
`association_rules(itemsets, num_itemsets=len(df), metric="confidence", min_threshold=...)`,
then, when a minimum lift is given, `rules[rules.lift >= min_lift]` — the documented way to
apply two thresholds. `num_itemsets` matters: since mlxtend 0.23 confidence is computed as
`(sAC * num_itemsets) / (sA * num_itemsets)`, and Atelier replicates that arithmetic.

Two more counts check Atelier's arules-style options against mlxtend's own output:
`rules_with_empty_antecedent` adds {} -> X for every frequent itemset X whose support reaches the
minimum confidence and lift (mlxtend never emits those; arules does), derived from mlxtend's
supports with the same arithmetic, for `includeEmptyAntecedent`; `rules_with_single_consequent`
counts mlxtend's rules with one item on the right (arules' only kind), for `maxConsequentLength: 1`.
"""

import json
import math
import os
import platform
import sys
import time

import mlxtend
import pandas as pd
from mlxtend.frequent_patterns import association_rules, fpgrowth

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, ".data", "weka", "supermarket.arff")
FIXTURE = os.path.join(
    ROOT, "Tests", "AtelierAlgorithmsTests", "Fixtures", "association_rules_supermarket.json"
)

# (min_support, min_confidence, min_lift, max_len)
CASES = [
    (0.10, 0.5, None, None),
    (0.10, 0.8, None, None),
    (0.15, 0.5, None, None),
    (0.15, 0.8, None, None),
    (0.20, 0.5, None, None),
    (0.20, 0.8, None, None),
    (0.10, 0.5, None, 2),
    (0.15, 0.5, 1.1, None),
]
TOP_RULES = 3
TIMING_RUNS = 3


def read_supermarket(path):
    """Departments declared `{ t}` are items; `t` = bought, `?` = not; `total` is left out."""
    names, item_columns, rows, in_data = [], [], [], False
    with open(path, encoding="latin-1") as handle:
        for raw in handle:
            line = raw.strip()
            if not line or line.startswith("%"):
                continue
            if not in_data:
                lower = line.lower()
                if lower.startswith("@attribute"):
                    rest = line[len("@attribute"):].strip()
                    quote = rest[0]
                    if quote in "'\"":
                        end = rest.index(quote, 1)
                        name, domain = rest[1:end], rest[end + 1:].strip()
                    else:
                        name, domain = rest.split(None, 1)
                    domain = domain.split("%")[0].strip()
                    if domain.replace(" ", "") == "{t}":
                        item_columns.append(len(names))
                    names.append(name)
                elif lower.startswith("@data"):
                    in_data = True
                continue
            values = [value.strip() for value in line.split(",")]
            if len(values) != len(names):
                sys.exit(f"row with {len(values)} values, expected {len(names)}")
            rows.append([values[column] == "t" for column in item_columns])
    return pd.DataFrame(rows, columns=[names[column] for column in item_columns])


def rule_json(row):
    conviction = float(row["conviction"])
    return {
        "antecedents": sorted(row["antecedents"]),
        "consequents": sorted(row["consequents"]),
        "support": float(row["support"]),
        "confidence": float(row["confidence"]),
        "lift": float(row["lift"]),
        "leverage": float(row["leverage"]),
        # JSON has no infinity; null stands for it (confidence 1).
        "conviction": None if math.isinf(conviction) else conviction,
    }


def mine(df, min_support, min_confidence, min_lift, max_len):
    itemsets = fpgrowth(df, min_support=min_support, use_colnames=True, max_len=max_len)
    rules = association_rules(
        itemsets, num_itemsets=len(df), metric="confidence", min_threshold=min_confidence
    )
    if min_lift is not None:
        rules = rules[rules["lift"] >= min_lift]
    return itemsets, rules


def empty_antecedent_rules(itemsets, n, min_confidence, min_lift):
    """{} -> X with mlxtend's arithmetic: sA = 1, so confidence = (sX * n) / (1 * n), lift = conf / sX."""
    count = 0
    for support in itemsets["support"]:
        confidence = (support * n) / (1.0 * n)
        if confidence >= min_confidence and (min_lift is None or confidence / support >= min_lift):
            count += 1
    return count


def main():
    if not os.path.exists(DATA):
        sys.exit(f"{DATA} is missing: run scripts/data/fetch-public-data.sh first")
    df = read_supermarket(DATA)
    cases = []
    for min_support, min_confidence, min_lift, max_len in CASES:
        timings = []
        for _ in range(TIMING_RUNS):
            start = time.perf_counter()
            itemsets, rules = mine(df, min_support, min_confidence, min_lift, max_len)
            timings.append(time.perf_counter() - start)
        ranked = sorted(
            (rule_json(row) for _, row in rules.iterrows()),
            key=lambda r: (-r["confidence"], -r["lift"], r["antecedents"], r["consequents"]),
        )
        by_length = itemsets["itemsets"].apply(len).value_counts().sort_index()
        cases.append({
            "min_support": min_support,
            "min_confidence": min_confidence,
            "min_lift": min_lift,
            "max_len": max_len,
            "frequent_itemsets": int(len(itemsets)),
            "frequent_itemsets_by_length": {str(k): int(v) for k, v in by_length.items()},
            "rules": int(len(rules)),
            "rules_with_empty_antecedent": int(len(rules))
            + empty_antecedent_rules(itemsets, len(df), min_confidence, min_lift),
            "rules_with_single_consequent": int((rules["consequents"].apply(len) == 1).sum()),
            "mlxtend_fit_seconds": round(min(timings), 4),
            "top_rules": ranked[:TOP_RULES],
        })
        print(
            f"min_support={min_support} min_confidence={min_confidence} min_lift={min_lift} "
            f"max_len={max_len}: {len(itemsets)} itemsets, {len(rules)} rules, "
            f"{min(timings):.3f} s"
        )
    fixture = {
        "data": "Weka supermarket.arff (Debian package weka 3.6.14-3), 216 departments, total left out",
        "transactions": int(len(df)),
        "items": int(df.shape[1]),
        "mlxtend_version": mlxtend.__version__,
        "pandas_version": pd.__version__,
        "python_version": platform.python_version(),
        "cases": cases,
    }
    with open(FIXTURE, "w") as handle:
        json.dump(fixture, handle, indent=1, separators=(",", ":"))
        handle.write("\n")
    print(f"wrote {os.path.relpath(FIXTURE, ROOT)}")


if __name__ == "__main__":
    main()
