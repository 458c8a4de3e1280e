"""gunicorn's access log without the secrets that travel in URLs.

Invitation links, e-mail confirmation links and password-reset links carry a token in their
path; an access log that keeps them would let whoever reads the log accept the invitation or
set the password. The token part is replaced by "[redacted]" in every atom. gunicorn.conf.py at the repository root names this class.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

# The paths of core/… allauth and applications/urls.py that end in a token, in both languages.
SECRET_PATHS = re.compile(
    r"(?P<prefix>/(?:invitations|inbjudningar|confirm-email|password/reset/key)/)"
    r"(?!done/)[^/?#\s]+"
)


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\g<prefix>[redacted]", text)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # The path turns up in many atoms (request line, path, referer, the environ copies):
        # every text is filtered, whatever format the operator configures.
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
