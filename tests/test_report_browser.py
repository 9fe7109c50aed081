"""The HTML report as a reader sees it: rendered by headless Chromium from a file:// URL.

Uses the hostile content of tests/test_report.py. Chromium comes from the ``chromium`` fixture (skipped when it
is missing, failing when CI=true), driven by Playwright's sync API with the project's launch options.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from analysis.report import write_report
from crawlers.browser import launch_options
from tests.test_report import CHART_KINDS, report_content

pytestmark = pytest.mark.browser
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_report_renders_in_chromium_without_errors(chromium, tmp_path):
    page_path = tmp_path / "report.html"
    write_report(page_path, report_content(points=2000))
    problems: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(chromium))
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}") or dialog.dismiss())
            page.on("request", lambda request: request.url.startswith("file://") or outside.append(request.url))
            page.goto(page_path.as_uri(), wait_until="load")

            charts = page.eval_on_selector_all(
                "svg.chart",
                """charts => charts.map(chart => {
                    const box = chart.getBoundingClientRect();
                    return {kind: chart.dataset.chart, width: box.width, height: box.height,
                            drawn: chart.querySelectorAll('rect, path, circle, line').length};
                })""",
            )
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            # Hostile labels stayed text: nothing was injected into the page.
            assert page.locator("img, script").count() == 0
        finally:
            browser.close()

    assert problems == []
    assert outside == []
    assert {chart["kind"] for chart in charts} == CHART_KINDS
    for chart in charts:
        assert chart["width"] > 100 and chart["height"] > 40, chart
        assert chart["drawn"] > 0, chart
    screenshot = (tmp_path / "report.png").read_bytes()
    assert screenshot.startswith(PNG_SIGNATURE) and len(screenshot) > 10_000
