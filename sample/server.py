"""A local HTTP server that answers like the platforms, from fixture files.

Each platform folder under ``sample/`` has a ``routes.json``: a list of
``{"path", "query", "file", "status", "content_type", "method", "body_contains"}``. A
request matches a route when its method and path are equal (or the route's path is
``*``: any path but robots.txt), it carries every query parameter the route names and,
for a POST, its body holds the route's ``body_contains`` text (a GraphQL page number,
say); the route naming most conditions wins. Anything else gets 404, robots.txt included (allow all).

Used by ``make demo`` and by the tests. ``python -m sample.server [--port N]`` serves it until Ctrl-C, to browse or
crawl by hand (README.md: "Crawl the sample by hand").
"""

from __future__ import annotations

import argparse
import json
import sys
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
    """Serves ``routes`` on 127.0.0.1 from a background thread; a context manager. ``port`` 0 takes a free one; a port
    in use is an OSError."""

    def __init__(self, routes: list[Route], port: int = 0):
        self.routes = routes
        self.requests: list[str] = []
        self.bodies: list[str] = []
        handler = type("Handler", (_Handler,), {"fixture_server": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
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


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(
            f"expected a port number from 1 to 65535 (leave --port out for a free one), got {value!r}"
        )
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample.server",
        description="Serve the offline sample of every platform on 127.0.0.1 until Ctrl-C, for crawling it by hand "
        "(README.md: Crawl the sample by hand).",
    )
    parser.add_argument("--port", type=_port, default=0, help="the port to listen on (default: a free one, printed)")
    arguments = parser.parse_args(argv)
    try:
        server = FixtureServer(sample_routes(), port=arguments.port)
    except OSError as error:  # the port is taken, or not ours to use
        parser.error(f"argument --port: cannot serve on 127.0.0.1:{arguments.port}: {error.strerror}")
    with server:
        print(f"Serving the offline sample on {server.url} (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:  # how it is meant to stop
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
