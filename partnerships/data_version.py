"""One version number for the public partnership data (a `core.pagecache.Version`: kept in
the database, copied into the cache).

Any change to what the public pages and the API show bumps it (model saves and deletes via
the receivers in `signals.py`, bulk writes via `refresh_search_text`). The API mixes it into
its ETag, so a client's copy is never declared fresh after staff renamed a country, and
public pages key their cached copies and what they precompute on it.
"""

from __future__ import annotations

from core.pagecache import Version

_version = Version("partnerships")


def data_version() -> str:
    """The current version."""
    return _version.current()


def bump_data_version() -> None:
    """A new version once the caller's transaction commits (at once outside one).

    Not inside the transaction: a version read in between would name data not yet visible,
    and the version's write must never be able to fail or roll back the change that bumps it
    (a staff decision while Redis is down).
    """
    _version.bump()
