"""Pages that need JavaScript: the system Chromium, driven through scrapy-playwright.

Chromium is Debian's package (``apt-get install chromium``: ``/usr/bin/chromium``) or any
``chromium`` on PATH; ``PASARKERJA_CHROMIUM`` names another executable. Playwright's own
browser builds (``playwright install``) are never used.

Only a crawl that renders installs the download handlers (``enable_rendering``), so every
other crawl keeps Scrapy's plain downloader and starts neither Playwright nor a browser.
In a rendering crawl only requests carrying ``render_meta()`` go through the browser; the
browser itself starts with the first of them. The other PLAYWRIGHT_* settings are in
crawlers/settings.py.
"""

from __future__ import annotations

import os
import shutil
from contextlib import suppress

from playwright.async_api import Page
from playwright.async_api import Request as BrowserRequest
from playwright.async_api import TimeoutError as BrowserTimeout
from scrapy.settings import Settings
from scrapy_playwright.page import PageMethod

CHROMIUM_VARIABLE = "PASARKERJA_CHROMIUM"
DEBIAN_CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = f"apt-get install chromium, or set {CHROMIUM_VARIABLE} to a Chromium executable"
# Headless on a closed network: without these Chromium keeps trying to reach Google's
# services (updates, sync, field trials) and floods the log with refused connections.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# How long a page's scripts get to fetch and insert their content after it loaded.
SETTLE_SECONDS = 10
# Requests a page makes that add nothing to its text or JSON-LD.
SKIPPED_RESOURCES = {"image", "media", "font", "stylesheet"}


class ChromiumNotFound(RuntimeError):
    """Rendering was asked for but no Chromium can be started; the message says how to get one."""


def find_chromium() -> str:
    """Path of the Chromium to drive: PASARKERJA_CHROMIUM, else Debian's, else ``chromium`` on PATH."""
    override = os.environ.get(CHROMIUM_VARIABLE)
    if override:
        if not (os.path.isfile(override) and os.access(override, os.X_OK)):
            raise ChromiumNotFound(f"{CHROMIUM_VARIABLE}={override} is not an executable file: {INSTALL_HINT}")
        return override
    found = DEBIAN_CHROMIUM if os.access(DEBIAN_CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not found:
        raise ChromiumNotFound(f"rendering pages (-a render=1) needs Chromium, which is not installed: {INSTALL_HINT}")
    return found


def launch_options(executable: str) -> dict:
    """PLAYWRIGHT_LAUNCH_OPTIONS for ``executable``."""
    # Chromium refuses to start its sandbox as root (containers, CI).
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    return {"executable_path": executable, "args": [*CHROMIUM_ARGS, *sandbox]}


def enable_rendering(settings: Settings, executable: str) -> None:
    """Install scrapy-playwright's download handlers, driving ``executable``, into a crawl's settings."""
    settings.set("DOWNLOAD_HANDLERS", {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER}, priority="spider")
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", launch_options(executable), priority="spider")


def render_meta() -> dict:
    """Request.meta that sends a request through the browser.

    The page is not handed to callbacks (no ``playwright_include_page``), so scrapy-playwright
    closes it as soon as its HTML is read, or when loading fails: a failing callback cannot
    leave a page open.
    """
    return {"playwright": True, "playwright_page_methods": [PageMethod(settle)]}


async def settle(page: Page) -> None:
    """Let the page's scripts fetch and insert their content: wait until the network is quiet,
    at most SETTLE_SECONDS, then take the page as it is (some pages poll forever)."""
    with suppress(BrowserTimeout):
        await page.wait_for_load_state("networkidle", timeout=SETTLE_SECONDS * 1000)


def skip_resource(request: BrowserRequest) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: True for the requests in SKIPPED_RESOURCES."""
    return request.resource_type in SKIPPED_RESOURCES
