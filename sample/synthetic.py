"""Generated Freelancer-format listings of any size: load for the benchmark and crash tests.

Every posting here is synthetic (numbered titles, invented clients), not real data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from urllib.parse import parse_qs, urlsplit

PAGE_SIZE = 100
SKILLS = ["PHP", "JavaScript", "Python", "Graphic Design", "Data Entry", "Excel", "WordPress", "SEO"]


def synthetic_page(offset: int, total: int) -> bytes:
    """One page of invented postings in the Freelancer API envelope (synthetic, not real)."""
    projects = []
    for number in range(offset, min(offset + PAGE_SIZE, total)):
        projects.append({
            "id": 10_000_000 + number,
            "owner_id": 1 + number % 50,
            "title": f"Synthetic project {number}",
            "seo_url": f"synthetic/synthetic-project-{number}",
            "description": f"Synthetic description {number}. " * 20,
            "type": "fixed" if number % 3 else "hourly",
            "budget": {"minimum": 100 + number % 400, "maximum": 500 + number % 400},
            "currency": {"code": "USD", "exchange_rate": 1},
            "jobs": [{"name": SKILLS[(number + k) % len(SKILLS)], "category": {"name": "Websites, IT & Software"}} for k in range(3)],
            "time_submitted": 1_760_000_000 + number,
            "bidperiod": 7,
            "bid_stats": {"bid_count": number % 40},
            "language": "en",
            "frontend_project_status": "open",
        })
    users = {str(1 + n): {"id": 1 + n, "company": f"Synthetic client {n}", "location": {"country": {"code": "id"}}} for n in range(50)}
    return json.dumps({"status": "success", "result": {"projects": projects, "total_count": total, "users": users}}).encode()


def serve_synthetic(total: int) -> ThreadingHTTPServer:
    """Serve ``total`` synthetic postings on 127.0.0.1 (a free port) from a background thread."""
    page = lru_cache(maxsize=None)(lambda offset: synthetic_page(offset, total))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if urlsplit(self.path).path == "/robots.txt":
                self.send_response(404)
                self.end_headers()
                return
            offset = int(parse_qs(urlsplit(self.path).query).get("offset", ["0"])[0])
            body = page(offset)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    for offset in range(0, total, PAGE_SIZE):  # build every page up front: serving costs the same in every run
        page(offset)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    return server
