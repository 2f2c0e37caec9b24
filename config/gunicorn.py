"""gunicorn's settings for `make run` and the image, sized by `make load` on a 2-core machine.

Two worker processes per core, one thread each. The pages are CPU-bound (about 70 ms of Python per request
against 5-20 ms of SQL), so threads inside a process only take turns on its GIL: on 28 November 2026, 50 people
with no think time got 22.4 requests/s and p95 4.9 s from 4 processes of 4 threads, 26.0 requests/s and p95
2.7 s from 4 of 1 (3 of 1: 24.6 and 5.2 s; 6 of 1: 25.2 and 3.9 s). See README, "Under load". The gthread class
stays for keep-alive: a browser (and the load test) reuses its connection for the page's next request.
Environment variables override each figure.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", 1))
keepalive = int(os.environ.get("WEB_KEEPALIVE", 5))
# A worker is replaced after this many requests (with jitter, so they do not all restart at once), which bounds
# any slow growth of memory without a visible pause.
max_requests = 2000
max_requests_jitter = 200
