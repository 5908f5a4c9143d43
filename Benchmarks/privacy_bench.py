#!/usr/bin/env python3
"""Privacy scenarios for scripts/bench-privacy (standard library only; talks to 127.0.0.1 only).

  privacy_bench.py seed URL KEY            one subject with 10,000 events + 1,000 customers with 10 events
  privacy_bench.py export-erase URL KEY    access export then erasure of the subject (a worker must run)
  privacy_bench.py enqueue URL KEY N       N erasure requests, one per seeded customer
  privacy_bench.py wait-drained URL KEY    waits until no request is pending or in progress

Each command prints one JSON object of figures on stdout.
"""
import concurrent.futures
import json
import sys
import time
import urllib.error
import urllib.request
import uuid

SUBJECT_EVENTS = 10_000
CUSTOMERS = 1_000
EVENTS_PER_CUSTOMER = 10


def call(base, key, method, path, body=None):
    if not base.startswith("http://127.0.0.1:"):
        raise SystemExit("refusing to talk to anything but 127.0.0.1: " + base)
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + key)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post_batch(base, key, calls):
    status, body = call(base, key, "POST", "/v1/batch", {"batch": calls})
    if status != 200:
        raise SystemExit(f"batch refused: {status} {body[:300]!r}")


def seed(base, key):
    started = time.monotonic()
    batches = []
    subject = [{"type": "identify", "userId": "bench-subject", "traits": {"email": "subject@bench.example", "name": "Bench Subject"}}]
    subject += [
        {"type": "track", "userId": "bench-subject", "event": "Product Viewed",
         "properties": {"sku": f"SKU-{i % 500}", "price": 12500, "position": i}, "messageId": f"subject-{i}"}
        for i in range(SUBJECT_EVENTS - 1)
    ]
    batches += [subject[i:i + 100] for i in range(0, len(subject), 100)]
    customers = []
    for c in range(CUSTOMERS):
        customers.append({"type": "identify", "userId": f"customer-{c}", "traits": {"email": f"customer-{c}@bench.example"}})
        customers += [{"type": "track", "userId": f"customer-{c}", "event": "Product Viewed",
                       "properties": {"sku": f"SKU-{e}"}, "messageId": f"customer-{c}-{e}"}
                      for e in range(EVENTS_PER_CUSTOMER - 1)]
    batches += [customers[i:i + 100] for i in range(0, len(customers), 100)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda calls: post_batch(base, key, calls), batches))
    print(json.dumps({"seed_seconds": round(time.monotonic() - started, 2), "events": SUBJECT_EVENTS + CUSTOMERS * EVENTS_PER_CUSTOMER}))


def submit(base, key, request_type, identity):
    request_id = str(uuid.uuid4())
    status, body = call(base, key, "POST", "/v1/privacy/requests", {
        "subject_request_id": request_id, "subject_request_type": request_type, "regulation": "gdpr",
        "subject_identities": [{"identity_type": identity[0], "identity_value": identity[1], "identity_format": "raw"}]})
    if status != 201:
        raise SystemExit(f"request refused: {status} {body[:300]!r}")
    return request_id


def wait_completed(base, key, request_id, limit=600):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status, body = call(base, key, "GET", f"/v1/privacy/requests/{request_id}")
        document = json.loads(body)
        if document.get("request_status") == "completed":
            return document
        time.sleep(0.02)
    raise SystemExit(f"request {request_id} not completed within {limit} s")


def seconds_between(start, end):
    from datetime import datetime
    parse = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (parse(end) - parse(start)).total_seconds()


def export_erase(base, key):
    figures = {}
    started = time.monotonic()
    access = submit(base, key, "access", ("user_id", "bench-subject"))
    document = wait_completed(base, key, access)
    figures["export_wall_seconds"] = round(time.monotonic() - started, 3)
    figures["export_processing_seconds"] = round(seconds_between(document["started_time"], document["completed_time"]), 3)
    started = time.monotonic()
    status, body = call(base, key, "GET", f"/v1/privacy/requests/{access}/export")
    figures["export_download_seconds"] = round(time.monotonic() - started, 3)
    figures["export_bytes"] = len(body)
    figures["export_events"] = len(json.loads(body)["data"]["events"]) if status == 200 else None

    started = time.monotonic()
    erasure = submit(base, key, "erasure", ("email", "subject@bench.example"))
    document = wait_completed(base, key, erasure)
    figures["erasure_wall_seconds"] = round(time.monotonic() - started, 3)
    receipt = document["results"]["receipt"]
    figures["erasure_processing_seconds"] = round(seconds_between(receipt["started_time"], receipt["completed_time"]), 3)
    figures["erasure_events_removed"] = next(t["rows"] for t in receipt["tables"] if t["table"] == "events")
    figures["erasure_rows_removed"] = sum(t["rows"] for t in receipt["tables"])
    print(json.dumps(figures))


def enqueue(base, key, count):
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda c: submit(base, key, "erasure", ("user_id", f"customer-{c}")), range(count)))
    print(json.dumps({"enqueue_seconds": round(time.monotonic() - started, 2), "queued": count}))


def wait_drained(base, key, limit=1800):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        open_requests = 0
        for status in ("pending", "in_progress"):
            code, body = call(base, key, "GET", f"/v1/privacy/requests?status={status}&limit=1")
            open_requests += len(json.loads(body)["data"])
        if open_requests == 0:
            print(json.dumps({"drain_seconds": round(time.monotonic() - started, 2)}))
            return
        time.sleep(0.25)
    raise SystemExit(f"erasures not drained within {limit} s")


if __name__ == "__main__":
    command, base, key = sys.argv[1], sys.argv[2], sys.argv[3]
    if command == "seed":
        seed(base, key)
    elif command == "export-erase":
        export_erase(base, key)
    elif command == "enqueue":
        enqueue(base, key, int(sys.argv[4]))
    elif command == "wait-drained":
        wait_drained(base, key)
    else:
        raise SystemExit(__doc__)
