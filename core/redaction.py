"""The secrets that travel in links: invitation, e-mail confirmation and password-reset tokens.

Whoever holds one of these links may accept the invitation or set the password, so the
portal keeps them nowhere it does not have to: gunicorn's access log
(icld_portal/gunicorn_logging.py) and the outbox once a message is delivered (core/tasks.py)
show "[redacted]" instead. No Django imports: gunicorn loads this before Django starts.
"""

from __future__ import annotations

import re

# The paths of allauth and applications/urls.py that end in a token, in both languages.
SECRET_PATHS = re.compile(
    r"(?P<prefix>/(?:invitations|inbjudningar|confirm-email|password/reset/key)/)"
    r"(?!done/)[^/?#\s]+"
)


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\g<prefix>[redacted]", text)
