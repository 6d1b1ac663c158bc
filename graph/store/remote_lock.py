"""The writer lock of a remote store: one actorgraph writer at a time on a SPARQL service.

A service has no file to lock, so the lock is data: a claim (``urn:uuid:…``) in the
graph ``urn:actorgraph:writer-lock``, naming its owner (host and process) and the
moment it runs out. A writer

1. forgets the claims that ran out and claims the lock unless a claim is there, in one
   conditional SPARQL Update (``remote-lock-take.rq``);
2. reads the claims back (``remote-lock-claims.rq``): it holds the lock only when its
   claim is the only live one; otherwise it withdraws its claim (two writers that
   claimed at the same moment both withdraw) and tries again until its timeout;
3. while it holds the lock, a background thread moves the claim's end forward every
   ``ttl / 4`` seconds (``remote-lock-renew.rq``) and reads it back; a writer that finds
   its claim gone (it ran out, another writer took the lock) stops writing with one line;
4. withdraws the claim when the store is closed (``remote-lock-release.rq``).

A writer killed with its lock leaves a claim that runs out ``ttl`` seconds after its last
renewal (:data:`LOCK_TTL`); then the next writer takes it. The moments come from the
writers' clocks, so their skew must stay well under ``ttl``. Readers take no lock.
"""
from __future__ import annotations

import json
import os
import random
import socket
import threading
import time
import urllib.parse
import uuid
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..errors import StoreError
from .sparql import fill_values, load_query

__all__ = ["LOCK_TIMEOUT_ENV", "LOCK_TTL", "WriterLock", "lock_timeout"]

#: Seconds a claim lives after its last renewal (a killed writer's lock is free after this).
LOCK_TTL = 60.0
#: Seconds a writer waits for the lock (default 0: fail at once), as for the embedded store.
LOCK_TIMEOUT_ENV = "ACTORGRAPH_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """``$ACTORGRAPH_LOCK_TIMEOUT`` seconds (default 0)."""
    try:
        return max(0.0, float(os.environ.get(LOCK_TIMEOUT_ENV, "0") or 0))
    except ValueError:
        raise StoreError(f"{LOCK_TIMEOUT_ENV} must be a number of seconds") from None


def _moment(t: float) -> Literal:
    return Literal(datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                   datatype=XSD.dateTime)


def _seconds(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


class WriterLock:
    """The writer lock of ``store`` (a :class:`graph.store.remote.RemoteStore`); see the module
    docstring. Its requests go through the store's HTTP code with an opener of their own
    (the renewing thread never shares a connection with the writer)."""

    def __init__(self, store, *, ttl: float | None = None) -> None:
        self.store = store
        self.ttl = LOCK_TTL if ttl is None else ttl
        self.claim = URIRef(f"urn:uuid:{uuid.uuid4()}")
        self.owner = f"{socket.gethostname()} pid {os.getpid()}"
        self._opener = store._make_opener()
        self._held = False
        self._lost: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ requests

    def _update(self, name: str, bindings: dict) -> None:
        body = urllib.parse.urlencode({"update": fill_values(load_query(name), bindings)}).encode()
        self.store._request(self.store.update_url, body, "application/x-www-form-urlencoded", opener=self._opener)

    def claims(self) -> dict[str, tuple[str, float]]:
        """Live claims: claim IRI → (owner, end in seconds since the epoch)."""
        body = urllib.parse.urlencode({"query": load_query("remote-lock-claims")}).encode()
        data, _ = self.store._request(self.store.query_url, body, "application/x-www-form-urlencoded",
                                      "application/sparql-results+json", opener=self._opener)
        now, out = time.time(), {}
        for b in json.loads(data)["results"]["bindings"]:
            end = _seconds(b["until"]["value"])
            if end >= now:
                out[b["claim"]["value"]] = (b["owner"]["value"], end)
        return out

    # ------------------------------------------------------------------ take, renew, release

    def acquire(self, timeout: float | None = None) -> WriterLock:
        """Take the lock, waiting up to ``timeout`` seconds (default ``$ACTORGRAPH_LOCK_TIMEOUT``,
        else 0); StoreError (one line) when another writer keeps it."""
        timeout = lock_timeout() if timeout is None else timeout
        deadline, free_retries = time.monotonic() + max(0.0, timeout), 3
        while True:
            now = time.time()
            self._update("remote-lock-take", {"now": _moment(now), "claim": self.claim,
                                              "owner": Literal(self.owner), "until": _moment(now + self.ttl)})
            live = self.claims()
            if list(live) == [str(self.claim)]:
                self._held = True
                self._thread = threading.Thread(target=self._renew_loop, name="actorgraph-lock", daemon=True)
                self._thread.start()
                return self
            if str(self.claim) in live:               # claimed at the same moment as another: back off
                self._update("remote-lock-release", {"claim": self.claim})
            elif not live and free_retries:           # released between the claim and the read: again
                free_retries -= 1
                continue
            if time.monotonic() >= deadline:
                others = [v for k, v in live.items() if k != str(self.claim)]
                who = ""
                if others:
                    owner, end = others[0]
                    who = f" ({owner}, claim runs out at {datetime.fromtimestamp(end, UTC):%H:%M:%S} UTC unless renewed)"
                waited = f", waited {timeout:g} s" if timeout > 0 else ""
                raise StoreError(f"store {self.store.location} is in use by another actorgraph writer{who}"
                                 f"{waited}; wait for it to finish (or set {LOCK_TIMEOUT_ENV} seconds to wait)")
            time.sleep(random.uniform(0.1, 0.5))

    def _renew_loop(self) -> None:
        last = time.time()
        while not self._stop.wait(self.ttl / 4):
            try:
                now = time.time()
                self._update("remote-lock-renew", {"claim": self.claim, "until": _moment(now + self.ttl)})
                if str(self.claim) not in self.claims():
                    self._lost = "its claim was gone (it ran out and another writer may have taken it)"
                    return
                last = now
            except StoreError as exc:                 # the service did not answer: retry until the claim runs out
                if time.time() > last + self.ttl:
                    self._lost = f"it could not be renewed in time ({exc})"
                    return

    def check(self) -> None:
        """Raise StoreError when the lock was lost (every write checks this first)."""
        if self._lost is not None:
            raise StoreError(f"store {self.store.location}: lost its writer lock: {self._lost}; "
                             "writing stopped")

    def release(self) -> None:
        """Withdraw the claim (a failure is left to the claim's end)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._held:
            self._held = False
            try:
                self._update("remote-lock-release", {"claim": self.claim})
            except StoreError:
                pass
