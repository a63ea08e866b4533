"""Background worker: pops jobs from Redis and processes them."""

import os
import time

import redis


def main() -> None:
    queue = redis.Redis.from_url(os.environ["REDIS_URL"])
    while True:
        job = queue.blpop("jobs", timeout=5)
        if job is None:
            continue
        _, payload = job
        print(f"processing {payload!r}", flush=True)
        time.sleep(0.1)


if __name__ == "__main__":
    main()
