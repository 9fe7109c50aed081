"""Pages larger than DOWNLOAD_MAXSIZE become ``too_large`` rejects instead of only a log line.

Scrapy already stops such downloads: when the Content-Length announces too much, when more bytes
arrive than the limit (a body without Content-Length), and when a compressed body unpacks past it.
But it reports the first two as a bare cancelled download and the third as an ignored request,
nothing a reject could name. This middleware tells them apart: it notes each response's announced
size and the bytes received (Scrapy's headers_received and bytes_received signals), and it is
Scrapy's HttpCompressionMiddleware, whose one refusal is the unpacking past the limit.

The limit is DOWNLOAD_MAXSIZE (a spider's ``custom_settings`` may change it) or a request's
``download_maxsize`` meta key, as Scrapy reads it.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Request, Response

from crawlers.middlewares import PageRejected


class DownloadSizeLimit(HttpCompressionMiddleware):
    """Replaces Scrapy's HttpCompressionMiddleware (same place, COMPRESSION_ENABLED)."""

    def __init__(self, stats=None, *, crawler=None):
        super().__init__(stats, crawler=crawler)
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        # Weak: a request that never comes back here (redirected, say) leaves nothing behind.
        self.announced: WeakKeyDictionary[Request, int] = WeakKeyDictionary()
        self.received: WeakKeyDictionary[Request, int] = WeakKeyDictionary()
        crawler.signals.connect(self.headers_received, signal=signals.headers_received)
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    def headers_received(self, headers, body_length, request: Request, spider) -> None:
        if isinstance(body_length, int):  # else Twisted's UNKNOWN_LENGTH: the body ends with the connection
            self.announced[request] = body_length

    def bytes_received(self, data: bytes, request: Request, spider) -> None:
        self.received[request] = self.received.get(request, 0) + len(data)

    def limit(self, request: Request) -> int:
        return request.meta.get("download_maxsize", self.max_size)

    def process_exception(self, request: Request, exception: Exception) -> None:
        announced, received = self.announced.pop(request, 0), self.received.pop(request, 0)
        limit = self.limit(request)
        if not isinstance(exception, DownloadCancelledError) or not limit:
            return None
        if announced > limit:
            raise PageRejected("too_large", f"Content-Length {announced} bytes, larger than DOWNLOAD_MAXSIZE {limit}")
        if received > limit:
            raise PageRejected("too_large", f"cut off after {received} bytes, larger than DOWNLOAD_MAXSIZE {limit}")
        return None

    def process_response(self, request: Request, response: Response) -> Response | Request:
        self.announced.pop(request, None)
        self.received.pop(request, None)
        try:
            return super().process_response(request, response)
        except IgnoreRequest as refused:  # HttpCompressionMiddleware refuses only a body unpacking past the limit
            encoding = b", ".join(response.headers.getlist("Content-Encoding")).decode("latin-1")
            raise PageRejected(
                "too_large",
                f"{len(response.body)} bytes of {encoding} unpack to more than DOWNLOAD_MAXSIZE {self.limit(request)}",
            ) from refused
