# gunicorn reads this file from the working directory: the Dockerfile, docker-compose.yml and
# `make bench` all start it from the repository root.
import os

logger_class = "icld_portal.gunicorn_logging.RedactingLogger"
accesslog = "-"
# Forwarded headers (X-Forwarded-Proto, …) are believed only from the load balancers the
# portal is told about, the same TRUSTED_PROXIES the settings use for client addresses;
# without it, only from this machine.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES") or "127.0.0.1"
