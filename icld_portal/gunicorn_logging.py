"""gunicorn's access log without the secrets that travel in URLs.

Invitation links, e-mail confirmation links and password-reset links carry a token in their
path; an access log that keeps them would let whoever reads the log accept the invitation or
set the password. The token part (core/redaction.py) is replaced by "[redacted]" in every atom. gunicorn.conf.py at the repository root names this class.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from core.redaction import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # The path turns up in many atoms (request line, path, referer, the environ copies):
        # every text is filtered, whatever format the operator configures.
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
