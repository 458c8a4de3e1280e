# One image for the web server, the worker and beat (see docker-compose.yml).
# The front-end assets by the same script and list as `make` (bin/assets): Node.js from PyPI.
FROM python:3.11-slim-bookworm AS assets
WORKDIR /src
COPY package.json package-lock.json ./
COPY bin/assets bin/assets
RUN bin/assets python

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# gettext compiles the catalogues; Pango is what WeasyPrint draws PDFs with; pg_dump and
# pg_restore make and restore backups (`manage.py backup`, the same major version as the db).
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 1000 portal
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /src/static/vendor static/vendor
RUN python manage.py compilemessages --ignore '.venv/*' \
 && DEBUG=false SECRET_KEY=build-only-not-secret-key-used-just-for-collecting-static-files \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media /app/var/beat && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "icld_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2"]
