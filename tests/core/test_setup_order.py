"""The two commands on a bare machine: system packages first, then the catalogues, the venv and the
front-end assets; and without root or sudo, the one command to run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def fresh_clone(tmp_path) -> Path:
    """The tracked files only, as a clean clone has them: no .venv, no assets, no catalogues."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=BASE_DIR, capture_output=True, check=True
    ).stdout.split(b"\0")
    copy = tmp_path / "clone"
    for name in filter(None, files):
        source = BASE_DIR / os.fsdecode(name)
        if source.is_file():
            target = copy / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return copy


@pytest.mark.parametrize(("target", "system"), [("test", "test"), ("run", "run")])
def test_system_packages_come_before_anything_that_needs_them(fresh_clone, target, system):
    plan = subprocess.run(
        ["make", "-n", target], cwd=fresh_clone, capture_output=True, text=True, check=True
    ).stdout.splitlines()

    def first(fragment: str) -> int:
        return next(i for i, line in enumerate(plan) if fragment in line)

    setup = first(f"bin/setup-system {system}")
    assert setup < first("msgfmt")
    assert setup < first("-m venv")
    assert first("-m venv") < first("bin/assets")
    assert not [line for line in plan if line.startswith(("npm ", "node "))]


@pytest.fixture
def world_readable_dir():
    """pytest's tmp_path is root's alone; the unprivileged user must reach this one."""
    folder = Path(tempfile.mkdtemp(prefix="icld-setup-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_without_root_or_sudo_it_prints_the_one_command(world_readable_dir):
    if os.geteuid() != 0:
        pytest.skip("needs root to run the script as an unprivileged user")
    tmp_path = world_readable_dir
    # A PATH with bash and coreutils but no msgfmt, no sudo: gettext is missing.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "ls", "id", "dpkg"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    script = tmp_path / "setup-system"
    shutil.copy(BASE_DIR / "bin" / "setup-system", script)
    script.chmod(0o755)
    result = subprocess.run(
        [shutil.which("runuser"), "-u", "nobody", "--", str(bin_dir / "bash"), str(script), "run"],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Install them with:  sudo apt-get update && sudo apt-get install -y" in result.stderr
    assert "gettext" in result.stderr
