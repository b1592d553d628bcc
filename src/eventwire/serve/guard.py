"""Who may talk to the server: the Host check, the token and the same-origin rule (issue 17).

Three checks, in one ASGI middleware that runs before any route:

* **Host.** A web page the analyst visits can point its own name at 127.0.0.1 (DNS
  rebinding) and then read the API as if it were the same site. Its requests still carry
  its own name in ``Host``, so only loopback names (``localhost``, ``127.0.0.1``, ``[::1]``),
  the address the server is bound to and the names given with ``--allowed-host`` pass.
* **Token.** When one is set (``EVENTWIRE_TOKEN``), every request that is not a read
  (``POST /api/extract`` included) needs it, and so does every API read when the server
  listens beyond loopback. It comes as ``Authorization: Bearer T`` or as the cookie that
  opening ``/?token=T`` sets (HttpOnly, SameSite=Strict, so other sites never send it).
* **Origin.** A browser names the page that sent a write in ``Origin``; a write from
  another origin is refused even without a token, so a page cannot post a form to the API.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from eventwire.serve.errors import send_json

COOKIE = "eventwire_token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})


def is_loopback(host: str) -> bool:
    """True for names that only ever reach this machine: localhost, 127.0.0.0/8, ::1.

    >>> [is_loopback(h) for h in ("localhost", "127.0.0.2", "[::1]", "0.0.0.0")]
    [True, True, True, False]
    """
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name part of a Host header, lower-cased, without port or brackets.

    >>> host_name("Example.org:8000"), host_name("[::1]:8000"), host_name("127.0.0.1")
    ('example.org', '::1', '127.0.0.1')
    """
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    name, colon, port = value.rpartition(":")
    return name.rstrip(".") if colon and port.isdigit() else value.rstrip(".")


def allowed_names(bind: str, extra: Iterable[str]) -> frozenset[str]:
    """The Host names a server bound to ``bind`` accepts besides loopback ones."""
    names = {host_name(name) for name in extra}
    if bind not in _WILDCARD_BINDS and not is_loopback(bind):
        names.add(host_name(bind))
    return frozenset(names)


def token_from(headers: dict[bytes, bytes]) -> str | None:
    """The token a request carries: ``Authorization: Bearer T``, else the page's cookie."""
    scheme, _, given = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() == "bearer" and given.strip():
        return given.strip()
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
    except Exception:  # noqa: BLE001 - a malformed cookie header is simply no token
        return None
    morsel = cookie.get(COOKIE)
    return morsel.value if morsel is not None else None


def same_token(given: str | None, expected: str) -> bool:
    """Compare in constant time (no timing hint of how many characters matched)."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class Guard:
    """Refuse foreign Host names, missing tokens and cross-origin writes (see the module)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        token_reads: bool,
        allowed_hosts: frozenset[str],
        cors_origins: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.token = token
        self.token_reads = token_reads
        self.allowed_hosts = allowed_hosts
        self.cors_origins = frozenset(o.rstrip("/").lower() for o in cors_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        if scope["type"] == "websocket":
            # A page may open a WebSocket to any host (no same-origin rule): the same Host,
            # origin and token checks as for a write; closed before accept, it is a 403.
            if (
                self._refusal(
                    {**scope, "method": "WEBSOCKET", "path": scope["path"]}, headers, host
                )
                is not None
            ):
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope, headers, host)
        if refusal is not None:
            status, message = refusal
            extra = [(b"www-authenticate", b"Bearer")] if status == 401 else []
            await send_json(send, status, message, extra)
            return
        is_page = scope["path"] == "/" and scope["method"] == "GET"
        if self.token is not None and is_page and await self._login(scope, send):
            return
        await self.app(scope, receive, send)

    def _refusal(
        self, scope: Scope, headers: dict[bytes, bytes], host: str
    ) -> tuple[int, str] | None:
        name = host_name(host)
        if not name:
            return 400, "request without a Host header"
        if not (is_loopback(name) or name in self.allowed_hosts or "*" in self.allowed_hosts):
            return 400, (
                f"Host {name!r} is not served here (protection against DNS rebinding); "
                f"start the server with --allowed-host {name} to serve that name"
            )
        method = scope["method"]
        if method not in _SAFE_METHODS:
            origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/").lower()
            if (
                origin
                and origin not in self.cors_origins
                and urlsplit(origin).netloc != host.lower()
            ):
                return 403, f"write from another origin ({origin}) refused"
        if self.token is None:
            return None
        path = scope["path"]
        needs_token = method not in _SAFE_METHODS or (
            self.token_reads and (path.startswith("/api/") or path in ("/openapi.json", "/docs"))
        )
        if needs_token and not same_token(token_from(headers), self.token):
            what = "writing" if method not in _SAFE_METHODS else "this server"
            return 401, (
                f"{what} needs the server's token: 'Authorization: Bearer <token>', or open the "
                "URL with ?token= that `eventwire serve` printed"
            )
        return None

    async def _login(self, scope: Scope, send: Send) -> bool:
        """``GET /?token=T``: set the cookie and redirect to the same URL without the token.

        The token leaves the address bar at once, so a link copied from it can be shared.
        """
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [value for key, value in query if key == "token"]
        if not given:
            return False
        assert self.token is not None
        if not same_token(given[-1], self.token):
            await send_json(
                send, 401, "wrong token in the URL; use the one `eventwire serve` printed"
            )
            return True
        rest = urlencode([(key, value) for key, value in query if key != "token"])
        cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", ("/?" + rest if rest else "/").encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})
        return True
