"""docker-compose.yml describes production; no Docker engine runs here, so it is read."""

from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent


def load() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_it_runs_web_worker_beat_postgresql_and_redis():
    services = load()["services"]
    assert set(services) == {"migrate", "web", "worker", "beat", "db", "redis"}
    assert "gunicorn" in services["web"]["command"]
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_the_portal_services_share_one_image_and_the_media_volume():
    services = load()["services"]
    portal = [services[name] for name in ("web", "worker", "beat")]
    assert len({s["image"] for s in portal}) == 1
    assert all("media:/app/var/media" in s["volumes"] for s in portal)
    assert all(s["environment"]["DEBUG"] == "false" for s in portal)
    assert (BASE_DIR / "Dockerfile").is_file()


def test_migrations_run_once_in_a_one_shot_service_that_the_others_wait_for():
    services = load()["services"]
    assert services["migrate"]["command"] == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
        # Three web containers must not migrate at once.
        assert "migrate" not in services[name]["command"]
    assert "migrate" not in services["migrate"]["depends_on"]


def test_beat_keeps_its_schedule_on_a_volume():
    services = load()["services"]
    command = services["beat"]["command"]
    schedule = command.split("--schedule ")[1].split()[0]
    assert schedule.startswith("/app/var/beat/")
    assert "beat:/app/var/beat" in services["beat"]["volumes"]
    assert "beat" in load()["volumes"]


def test_the_image_collects_static_files_and_has_every_asset_at_build_time():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "collectstatic --noinput" in dockerfile
    assert "compilemessages" in dockerfile
    assert "RUN bin/assets" in dockerfile


def test_worker_children_are_replaced_before_they_grow_too_big():
    # `make run` (bin/run) starts its worker with the same limit.
    assert "--max-memory-per-child=" in load()["services"]["worker"]["command"]
    assert "--max-memory-per-child=" in (BASE_DIR / "bin" / "run").read_text()
