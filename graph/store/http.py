"""HTTP plumbing of the remote store: where a service's endpoints are, whose credentials, digest auth."""
from __future__ import annotations

import netrc
import os
import urllib.parse
import urllib.request

__all__ = ["endpoints", "credentials", "Digest", "USER_ENV", "PASSWORD_ENV", "UPDATE_URL_ENV", "GSP_URL_ENV"]

USER_ENV, PASSWORD_ENV = "ACTORGRAPH_STORE_USER", "ACTORGRAPH_STORE_PASSWORD"
UPDATE_URL_ENV, GSP_URL_ENV = "ACTORGRAPH_STORE_UPDATE_URL", "ACTORGRAPH_STORE_GSP_URL"


def endpoints(url: str) -> tuple[str, str, str | None, str]:
    """(query URL, update URL, graph store URL or None, flavour) for a service URL."""
    parts = urllib.parse.urlsplit(url)
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
    path = parts.path.rstrip("/")
    if not path:
        q, u, g, flavour = base + "/query", base + "/update", base + "/store", "oxigraph"
    elif path.endswith("/query"):
        root = base[: -len("/query")]
        q, u, g, flavour = base, root + "/update", root + "/data", "generic"
    elif path.endswith("/sparql"):
        q, u, g, flavour = base, base + "-auth", base + "-graph-crud-auth", "sparql"
    else:
        q, u, g, flavour = base + "/query", base + "/update", base + "/data", "generic"
    return q, os.environ.get(UPDATE_URL_ENV) or u, os.environ.get(GSP_URL_ENV) or g, flavour


def credentials(url: str) -> tuple[str, str] | None:
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = netrc.netrc(os.environ.get("NETRC") or None).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        found = None
    return (found[0], found[2]) if found and found[0] else None


class Digest(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that, once challenged, answers in advance: a large body sent
    without it would be cut off by the server's 401 (broken pipe) before the retry."""

    def __init__(self, passwords) -> None:
        super().__init__(passwords)
        self._challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        _token, challenge = auth.split(" ", 1)
        self._challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self._challenge and not req.has_header("Authorization"):
            auth = self.get_authorization(req, self._challenge)
            if auth:
                req.add_unredirected_header("Authorization", f"Digest {auth}")
        return req

    https_request = http_request
