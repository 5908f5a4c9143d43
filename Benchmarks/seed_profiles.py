"""Makes sure every user the profile-read scenarios ask for exists and may be read: sends one
identify call per user u-1 … u-N (user id and e-mail trait, as Benchmarks/wrk/track.lua does,
granting personalization, the purpose profile reads declare by default; without it a read
answers 404 like an unknown profile) through POST /v1/batch, 100 a call. Used by scripts/bench
before the profile reads, so every read finds its profile.

    python3 Benchmarks/seed_profiles.py --port PORT [--users 20000]   (KEY in the environment)
"""
import argparse
import json
import os
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", type=int, default=20000)
    args = parser.parse_args()
    key = os.environ["KEY"]
    for start in range(1, args.users + 1, 100):
        batch = [
            {"type": "identify", "userId": f"u-{user}", "messageId": f"seed-u-{user}",
             "traits": {"email": f"u-{user}@example.com"}, "timestamp": "2026-05-01T09:00:00Z",
             "context": {"consent": {"categoryPreferences": {"personalization": True}}}}
            for user in range(start, min(start + 100, args.users + 1))
        ]
        request = urllib.request.Request(
            f"http://{args.host}:{args.port}/v1/batch", data=json.dumps({"batch": batch}).encode(),
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.loads(response.read())
            if body.get("errors"):
                raise SystemExit(f"seeding rejected events: {body}")


if __name__ == "__main__":
    main()
