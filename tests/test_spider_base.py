"""crawlers.spiders.base: arguments, base_url rewriting and caps, shared by every spider."""

import pytest
import scrapy
from scrapy.exceptions import DownloadTimeoutError
from twisted.python.failure import Failure

from crawlers.middlewares import PageRejected
from crawlers.spiders.base import ArgumentError
from crawlers.spiders.freelancer import FreelancerSpider


def test_base_url_replaces_scheme_and_host_only():
    spider = FreelancerSpider(base_url="http://127.0.0.1:8000/ignored/path")
    assert (
        spider.rebase("https://www.freelancer.com/api/x/?limit=100&offset=0")
        == "http://127.0.0.1:8000/api/x/?limit=100&offset=0"
    )
    assert FreelancerSpider().rebase("https://www.freelancer.com/a?b=1") == "https://www.freelancer.com/a?b=1"


def test_search_arguments_reach_the_request():
    spider = FreelancerSpider(query="wordpress")
    assert "query=wordpress" in spider.page_url(0)
    assert spider.arguments == {"query": "wordpress"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"max_pages": "abc"}, "-a max_pages= must be a whole number of at least 1, got 'abc'"),
        ({"max_items": "0"}, "-a max_items= must be a whole number of at least 1, got '0'"),
        ({"base_url": "127.0.0.1:8000"}, "-a base_url= must look like http://HOST:PORT, got '127.0.0.1:8000'"),
        (
            {"qeury": "x"},
            "spider 'freelancer' takes no argument 'qeury'; it takes: base_url, max_items, max_pages, query",
        ),
    ],
)
def test_bad_arguments_say_what_to_fix(arguments, message):
    with pytest.raises(ArgumentError) as error:
        FreelancerSpider(**arguments)
    assert str(error.value) == message


def test_caps_stop_paging():
    spider = FreelancerSpider(max_pages="2")
    assert spider.page_request("https://www.freelancer.com/1", spider.parse) is not None
    assert spider.page_request("https://www.freelancer.com/2", spider.parse) is not None
    assert spider.page_request("https://www.freelancer.com/3", spider.parse) is None


def failed(exception: Exception, request: scrapy.Request) -> Failure:
    failure = Failure(exception)
    failure.request = request  # as Scrapy hands it to an errback
    return failure


def test_a_page_a_middleware_refused_is_a_reject_with_its_reason():
    """crawlers/middlewares refuse rate-limited, oversize and wrongly redirected pages; each reject names the page asked
    for (the start of a redirect chain), the reason and the detail."""
    spider = FreelancerSpider()
    request = scrapy.Request("http://127.0.0.1:8000/b", meta={"redirect_urls": ["http://127.0.0.1:8000/a"]})
    refused = PageRejected("redirect_loop", "a redirect back to http://127.0.0.1:8000/a: ...", snippet="<html>")
    [reject] = spider.download_failed(failed(refused, request))
    assert (reject.source, reject.reason, reject.url, reject.detail, reject.snippet) == (
        "freelancer",
        "redirect_loop",
        "http://127.0.0.1:8000/a",
        "a redirect back to http://127.0.0.1:8000/a: ...",
        "<html>",
    )


def test_a_failed_download_is_a_reject():
    spider = FreelancerSpider()
    [reject] = spider.download_failed(
        failed(DownloadTimeoutError("took too long"), scrapy.Request("http://127.0.0.1:8000/a"))
    )
    assert (reject.reason, reject.url, reject.detail) == (
        "download_failed",
        "http://127.0.0.1:8000/a",
        "DownloadTimeoutError: took too long",
    )
