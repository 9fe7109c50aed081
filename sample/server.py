"""A local HTTP server that answers like the platforms, from fixture files.

Each platform folder under ``sample/`` has a ``routes.json``: a list of
``{"path", "query", "file", "status", "content_type", "method", "body_contains"}``. A
request matches a route when its method and path are equal (or the route's path is
``*``: any path but robots.txt), it carries every query parameter the route names and,
for a POST, its body holds the route's ``body_contains`` text (a GraphQL page number,
say); the route naming most conditions wins. Anything else gets 404, robots.txt included (allow all).

Used by ``make demo`` and by the tests; run ``python -m sample.server`` to browse it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from crawlers.platforms import PLATFORMS, SAMPLE_DIR

__all__ = ["SAMPLE_DIR", "FixtureServer", "Route", "load_routes", "sample_routes"]


@dataclass
class Route:
    path: str
    body: bytes
    query: dict[str, str] = field(default_factory=dict)
    status: int = 200
    content_type: str = "application/json"
    method: str = "GET"
    body_contains: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    """Headers sent besides Content-Type and Content-Length (a redirect's Location, say)."""

    def matches(self, method: str, path: str, query: dict[str, str], body: str) -> bool:
        return (
            method == self.method
            and (path == self.path or (self.path == "*" and path != "/robots.txt"))
            and all(query.get(name) == value for name, value in self.query.items())
            and (self.body_contains is None or self.body_contains in body)
        )

    @property
    def conditions(self) -> int:
        return len(self.query) + (self.body_contains is not None)


def load_routes(folder: Path) -> list[Route]:
    """The routes of one platform folder (its ``routes.json``, files relative to it)."""
    spec = json.loads((folder / "routes.json").read_text())
    return [
        Route(
            path=entry["path"],
            body=(folder / entry["file"]).read_bytes(),
            query=entry.get("query", {}),
            status=entry.get("status", 200),
            content_type=entry.get("content_type", "application/json"),
            method=entry.get("method", "GET"),
            body_contains=entry.get("body_contains"),
        )
        for entry in spec
    ]


def sample_routes() -> list[Route]:
    """Routes of the bundled sample of every platform of the registry (crawlers/platforms.py)."""
    return [route for platform in PLATFORMS for route in load_routes(platform.sample)]


class FixtureServer:
    """Serves ``routes`` on 127.0.0.1 (a free port) from a background thread; a context manager."""

    def __init__(self, routes: list[Route]):
        self.routes = routes
        self.requests: list[str] = []
        self.bodies: list[str] = []
        handler = type("Handler", (_Handler,), {"fixture_server": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def find(self, method: str, target: str, body: str = "") -> Route | None:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        candidates = [route for route in self.routes if route.matches(method, parts.path, query, body)]
        return max(candidates, key=lambda route: route.conditions, default=None)


class _Handler(BaseHTTPRequestHandler):
    fixture_server: FixtureServer

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST", self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace"))

    def _answer(self, method: str, body: str = "") -> None:
        self.fixture_server.requests.append(self.path)
        self.fixture_server.bodies.append(body)
        route = self.fixture_server.find(method, self.path, body)
        status, body, content_type = (
            (route.status, route.body, route.content_type) if route else (404, b"not found", "text/plain")
        )
        self.send_response(status)
        for name, value in (route.headers if route else {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test and demo output quiet
        pass


if __name__ == "__main__":
    with FixtureServer(sample_routes()) as server:
        print(f"Serving the offline sample on {server.url} (Ctrl-C stops)")
        threading.Event().wait()
