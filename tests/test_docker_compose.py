"""docker-compose.yml describes production; no Docker engine runs here, so it is read."""

from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent


def load() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_it_runs_web_worker_beat_postgresql_and_redis():
    services = load()["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
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
