# The two commands: `make run` starts the portal, `make test` runs every test.
# Each step runs only when its inputs changed, so a second `make run` starts in seconds.
SHELL := bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip -q --disable-pip-version-check
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
DEMO_PARTNERSHIPS ?= 300

.PHONY: run test bench lint format superuser setup messages clean

run: setup .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo --partnerships $(DEMO_PARTNERSHIPS) -v0
	$(PY) manage.py seed_content
	exec bin/run

test: $(VENV)/.stamp-test static/vendor/.stamp $(MO)
	bin/setup-system test
	$(PY) -m pytest $(PYTEST_ARGS)

# Speed on this machine: seeding, and pages under gunicorn on a throwaway PostgreSQL.
bench: setup $(VENV)/.stamp-test
	bin/setup-system test
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

setup: $(VENV)/.stamp-run static/vendor/.stamp $(MO)
	@bin/setup-system run
	@mkdir -p var/celery/queue var/celery/control var/mail var/media

# Re-extract the message catalogues after changing translatable strings.
messages: $(VENV)/.stamp-run
	$(PY) manage.py makemessages --locale sv --locale en --no-obsolete --no-location \
	  --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'static/vendor/*' --ignore 'staticfiles/*'

$(VENV)/.stamp-run: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-run
	$(PIP) install -e '.[test]'
	touch $@

# Front-end assets come from the npm registry, pinned by package-lock.json: Bootstrap, and for
# the map Leaflet, its marker clusters and Natural Earth's countries. Source maps go along
# because collectstatic's manifest follows their references.
static/vendor/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/vendor
	mkdir -p static/vendor/bootstrap
	cp -r node_modules/bootstrap/dist/css node_modules/bootstrap/dist/js static/vendor/bootstrap/
	mkdir -p static/vendor/leaflet static/vendor/leaflet.markercluster \
	  static/vendor/world-atlas static/vendor/topojson-client
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
	  node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images \
	  node_modules/leaflet/LICENSE static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
	  node_modules/leaflet.markercluster/dist/leaflet.markercluster.js.map \
	  node_modules/leaflet.markercluster/dist/MarkerCluster.css \
	  node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
	  node_modules/leaflet.markercluster/MIT-LICENCE.txt static/vendor/leaflet.markercluster/
	cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE \
	  static/vendor/world-atlas/
	cp node_modules/topojson-client/dist/topojson-client.min.js \
	  node_modules/topojson-client/LICENSE static/vendor/topojson-client/
	touch $@

locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

# The development checkout's settings: DEBUG on and a key of its own.
.env:
	printf 'DEBUG=true\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var .env $(MO)
