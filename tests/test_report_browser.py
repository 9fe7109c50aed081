"""The HTML report as a reader sees it: rendered by headless Chromium from a file:// URL.

Uses the hostile content of tests/test_report.py. Chromium comes from the ``chromium`` fixture (skipped when it
is missing, failing when CI=true), driven by Playwright's sync API with the project's launch options. Every folded
section is opened the way a reader opens it, by clicking its heading.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from analysis.language import language
from analysis.report import write_report
from crawlers.browser import launch_options
from tests.test_report import CHART_KINDS, report_content

pytestmark = pytest.mark.browser
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("width", "height"), [(1400, 1000), (360, 740)])
def test_report_renders_in_chromium_without_errors(chromium, tmp_path, lang, width, height):
    page_path = tmp_path / "report.html"
    with language(lang):
        write_report(page_path, report_content(points=2000))
    problems: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(chromium))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}") or dialog.dismiss())
            page.on("request", lambda request: request.url.startswith("file://") or outside.append(request.url))
            page.goto(page_path.as_uri(), wait_until="load")
            assert page.get_attribute("html", "lang") == lang

            # The first screen holds the answers: every number of the first curriculum's facts, unscrolled.
            facts = page.eval_on_selector_all(
                "article.answers:first-of-type .fact-value", "values => values.map(v => v.getBoundingClientRect().bottom)"
            )
            assert facts and max(facts) <= height, facts
            page.screenshot(path=str(tmp_path / "first-screen.png"))

            for heading in page.locator("details > summary").all():
                heading.click()
            charts = page.eval_on_selector_all(
                "svg.chart",
                """charts => charts.map(chart => {
                    const box = chart.getBoundingClientRect();
                    return {kind: chart.dataset.chart, width: box.width, height: box.height,
                            drawn: chart.querySelectorAll('rect, path, circle, line').length};
                })""",
            )
            # Nothing wider than the screen but what scrolls inside its own box (wide tables, charts).
            page_width = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            # Hostile labels stayed text: nothing was injected into the page.
            assert page.locator("img, script").count() == 0
        finally:
            browser.close()

    assert problems == []
    assert outside == []
    assert page_width <= width
    assert {chart["kind"] for chart in charts} == CHART_KINDS
    for chart in charts:
        assert chart["width"] > 100 and chart["height"] > 40, chart
        assert chart["drawn"] > 0, chart
    for name in ("first-screen.png", "report.png"):
        screenshot = (tmp_path / name).read_bytes()
        assert screenshot.startswith(PNG_SIGNATURE) and len(screenshot) > 10_000
