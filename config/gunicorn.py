"""gunicorn's settings for `make run` and the image, sized by `make load` on a 2-core machine.

Pages spend part of each request waiting on PostgreSQL and Redis, so each worker process runs threads (gthread)
that overlap those waits, and two processes per core keep both cores busy while one holds the GIL. Three sync
workers queued a 50-person load (p95 near 3 s); see README, "Under load". Keep-alive lets a browser (and the
load test) reuse its connection for the page's next request. Environment variables override each figure.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", 4))
keepalive = int(os.environ.get("WEB_KEEPALIVE", 5))
# A worker is replaced after this many requests (with jitter, so they do not all restart at once), which bounds
# any slow growth of memory without a visible pause.
max_requests = 2000
max_requests_jitter = 200
