# The two commands: `make run` starts the portal, `make test` runs every test.
# Each step runs only when its inputs changed, so a second `make run` starts in seconds.
SHELL := bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip -q --disable-pip-version-check
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
DEMO_PARTNERSHIPS ?= 300
# The suite runs on two processes (pytest-xdist), each with its own database, Redis databases
# and media folder (tests/harness.py); PYTEST_WORKERS=0 runs it in one. Every transactional
# test starts with the data migrations' rows (tests/conftest.py), so no test depends on which
# ran before it in its process. The longest tests are dealt out first (tests/conftest.py);
# the run ends with its 25 slowest, to see where the time goes (the target: 10 minutes on 2 cores).
PYTEST_WORKERS ?= 2

.PHONY: run test bench lint format superuser setup messages clean system-run system-test

# The system packages come first: gettext compiles the catalogues, and the tests need their
# servers and browser. bin/setup-system installs what is missing, or prints the one command.
system-run:
	@bin/setup-system run

system-test:
	@bin/setup-system test

run: setup .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo --partnerships $(DEMO_PARTNERSHIPS) -v0
	$(PY) manage.py seed_content
	exec bin/run

test: system-test $(VENV)/.stamp-test static/vendor/.stamp $(MO)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist load --durations=25 $(PYTEST_ARGS)

# Speed on this machine: seeding, and pages under gunicorn on a throwaway PostgreSQL.
bench: system-test setup $(VENV)/.stamp-test
	$(PY) bench/run.py

lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Creates an administrator for /admin/ (asks for user name, e-mail and password). Its e-mail
# counts as verified; the first visit to /admin/ asks for an authenticator app (TOTP).
superuser: setup .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createsuperuser
	$(PY) manage.py shell -v0 -c "from allauth.account.models import EmailAddress; \
	  from core.models import User; \
	  [EmailAddress.objects.update_or_create(user=u, email=u.email, \
	    defaults={'verified': True, 'primary': True}) for u in User.objects.filter(is_superuser=True)]"

setup: system-run $(VENV)/.stamp-run static/vendor/.stamp $(MO)
	@mkdir -p var/celery/queue var/celery/control var/mail var/media

# Re-extract the message catalogues after changing translatable strings.
messages: $(VENV)/.stamp-run
	$(PY) manage.py makemessages --locale sv --locale en --no-obsolete --no-location \
	  --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'static/vendor/*' --ignore 'staticfiles/*'

$(VENV)/.stamp-run: pyproject.toml | system-run
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-run
	$(PIP) install -e '.[test]'
	touch $@

# Every third-party front-end asset, by the one list in bin/assets (the Dockerfile uses it too):
# the npm packages pinned by package-lock.json, with Node.js from PyPI inside the venv.
static/vendor/.stamp: bin/assets package.json package-lock.json $(VENV)/.stamp-run
	bin/assets $(PY)
	touch $@

locale/%.mo: locale/%.po | system-run
	msgfmt --check-format -o $@ $<

# The development checkout's settings: DEBUG on and a key of its own.
.env:
	printf 'DEBUG=true\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var .env $(MO)
