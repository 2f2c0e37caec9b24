# Production image: gunicorn serves the app; the same image runs the Celery worker and beat.
# Front-end packages come from npm in a build stage; nothing from node_modules is committed.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles DJANGO_MEDIA_ROOT=/data/media SATU_VAR_DIR=/data
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpq5 curl \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 1000 --create-home app \
    && mkdir -p /data/media && chown -R app /data
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir uv && uv pip install --system --no-cache -r requirements.lock
COPY --from=assets /app/node_modules ./node_modules
COPY . .
# Build-time only: collectstatic and compilemessages need settings, not real secrets.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-0123456789-0123456789-0123456789 \
    python manage.py collectstatic --no-input -v0 \
    && DJANGO_SETTINGS_MODULE=config.settings.base python manage.py compilemessages --ignore=node_modules -v0
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD curl -fsS http://127.0.0.1:8000/healthz/ || exit 1
CMD ["gunicorn", "config.wsgi", "--config", "config/gunicorn.py", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
