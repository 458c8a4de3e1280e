# gunicorn reads this file from the working directory: the Dockerfile, docker-compose.yml and
# `make bench` all start it from the repository root.
logger_class = "icld_portal.gunicorn_logging.RedactingLogger"
accesslog = "-"
