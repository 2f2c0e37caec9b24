"""gunicorn's settings for `make run` and the image, sized by `make load` on a 2-core machine.

Two worker processes per core, one thread each. The pages are CPU-bound (about 70 ms of Python per request
against 5-20 ms of SQL), so threads inside a process only take turns on its GIL: on 28 November 2026, 50 people
with no think time got 22.4 requests/s and p95 4.9 s from 4 processes of 4 threads, 26.0 requests/s and p95
2.7 s from 4 of 1 (3 of 1: 24.6 and 5.2 s; 6 of 1: 25.2 and 3.9 s). See README, "Under load".

The gthread class stays, with keep-alive, although four sync workers shared the same load more fairly (28.3
requests/s, every page's p95 near 2.3 s, against 28.8 requests/s and a p95 of 4.8-5.0 s for the people whose
connections sat on a busy process): a sync worker is held by a slow client for the whole request, and the
compose file serves gunicorn without a buffering proxy in front. Behind one, WEB_WORKER_CLASS=sync is the
better choice. Environment variables override each figure.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
threads = int(os.environ.get("WEB_THREADS", 1))
keepalive = int(os.environ.get("WEB_KEEPALIVE", 5))
# A worker is replaced after this many requests (with jitter, so they do not all restart at once), which bounds
# any slow growth of memory without a visible pause.
max_requests = 2000
max_requests_jitter = 200
