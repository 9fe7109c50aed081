"""crawlers.extract.weworkremotely on the bundled sample and on edge cases."""

from datetime import datetime, timezone

import pytest
from lxml import etree

from crawlers.extract.common import PageError
from crawlers.extract.weworkremotely import split_title
from tests.platforms import read_page, sample_body

GOOD_ITEM = """<item>
  <title>Sawah Labs: Django Developer</title>
  <region>Canada Only</region>
  <category>Back-End Programming</category>
  <description>&lt;p&gt;Build &lt;em&gt;APIs&lt;/em&gt; &amp;amp; admin pages.&lt;/p&gt;</description>
  <pubDate>Mon, 05 Oct 2026 17:30:00 +0700</pubDate>
  <guid>https://weworkremotely.com/remote-jobs/sawah-labs-django-developer</guid>
  <link>https://weworkremotely.com/remote-jobs/sawah-labs-django-developer</link>
</item>"""


def feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss">'
        f"<channel><title>test feed</title>{''.join(items)}</channel></rss>"
    ).encode()


def test_sample_page_fields():
    page = read_page("weworkremotely", sample_body("weworkremotely"))
    assert (page.record_count, len(page.postings), page.rejects) == (6, 6, [])
    laravel, react_native, payments, wordpress, dashboards, support = page.postings

    assert (laravel.source, laravel.source_id) == ("weworkremotely", "kopi-kode-laravel-developer")
    assert laravel.url == "https://weworkremotely.com/remote-jobs/kopi-kode-laravel-developer"
    # The title's escaped ampersand is decoded and the company split off.
    assert (laravel.company, laravel.title) == ("Kopi & Kode", "Laravel Developer")
    assert laravel.posted_at == datetime(2026, 10, 28, 9, 41, 7, tzinfo=timezone.utc)
    assert (laravel.remote, laravel.location, laravel.country) == (True, "Anywhere in the World", None)
    assert (laravel.category, laravel.employment_type, laravel.skills) == ("Back-End Programming", None, [])
    # description_html is the HTML after one round of XML unescaping; its own entities stay.
    assert laravel.description_html.startswith("<p>\n  <strong>Headquarters:</strong> Yogyakarta, Indonesia\n</p>")
    assert "<p>Kopi &amp; Kode builds ordering systems for coffee chains.</p>" in laravel.description_html
    assert laravel.description.startswith("Headquarters: Yogyakarta, Indonesia\n\nKopi & Kode builds ordering systems")
    assert laravel.raw.startswith("<item") and "<guid>https://weworkremotely.com/remote-jobs/kopi-kode-laravel-developer</guid>" in laravel.raw

    assert (react_native.company, react_native.title) == ("Awan Biru Apps", "React Native Developer")
    assert (payments.company, payments.title) == ("Studio Lentera", "Back-End Engineer: Payments")
    assert (wordpress.title, wordpress.location, wordpress.country) == ("WordPress & WooCommerce Developer", "Europe Only", None)
    assert (dashboards.location, dashboards.country, dashboards.category) == ("USA Only", "US", "Front-End Programming")
    assert support.posted_at == datetime(2026, 10, 2, 4, 20, 41, tzinfo=timezone.utc)


def test_item_fields_and_raw_markup():
    [posting] = read_page("weworkremotely", feed(GOOD_ITEM)).postings
    assert (posting.source_id, posting.company, posting.title) == ("sawah-labs-django-developer", "Sawah Labs", "Django Developer")
    assert posting.posted_at == datetime(2026, 10, 5, 10, 30, tzinfo=timezone.utc)
    assert (posting.location, posting.country) == ("Canada Only", "CA")
    assert posting.description_html == "<p>Build <em>APIs</em> &amp; admin pages.</p>"
    assert posting.description == "Build APIs & admin pages."
    # The raw item re-parses on its own, namespace declarations included.
    assert etree.fromstring(posting.raw).findtext("region") == "Canada Only"
    assert 'xmlns:media="http://search.yahoo.com/mrss"' in posting.raw


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sawah Labs: Django Developer", ("Sawah Labs", "Django Developer")),
        ("Sawah Labs: Senior Engineer: Data Platform", ("Sawah Labs", "Senior Engineer: Data Platform")),
        ("Django Developer", (None, "Django Developer")),
        (": Django Developer", (None, ": Django Developer")),
        ("Sawah Labs:", (None, "Sawah Labs:")),
        (None, (None, None)),
    ],
)
def test_split_title(title, expected):
    assert split_title(title) == expected


def test_title_without_colon_is_all_role():
    item = GOOD_ITEM.replace("Sawah Labs: Django Developer", "Django Developer (contract)")
    [posting] = read_page("weworkremotely", feed(item)).postings
    assert (posting.company, posting.title) == (None, "Django Developer (contract)")


def test_link_falls_back_to_guid_and_relative_links_get_the_site():
    without_link = GOOD_ITEM.replace("<link>https://weworkremotely.com/remote-jobs/sawah-labs-django-developer</link>", "")
    relative = GOOD_ITEM.replace("<link>https://weworkremotely.com/remote-jobs/", "<link>/remote-jobs/")
    first, second = read_page("weworkremotely", feed(without_link, relative)).postings
    assert first.url == second.url == "https://weworkremotely.com/remote-jobs/sawah-labs-django-developer"


def test_bad_items_are_rejected_alone():
    no_link = "\n".join(line for line in GOOD_ITEM.splitlines() if "<guid>" not in line and "<link>" not in line)
    bad_date = GOOD_ITEM.replace("Mon, 05 Oct 2026 17:30:00 +0700", "last Monday")
    page = read_page("weworkremotely", feed(GOOD_ITEM, no_link, bad_date))
    assert page.record_count == 3 and len(page.postings) == 1
    missing_link, bad_pub_date = page.rejects
    assert (missing_link.reason, missing_link.detail) == ("missing_field", "MissingField: 'link' is absent, 'guid' is absent")
    assert bad_pub_date.reason == "bad_record" and "last Monday" in bad_pub_date.detail
    assert bad_pub_date.snippet.startswith("<item")


def test_empty_feed_has_no_items():
    page = read_page("weworkremotely", feed())
    assert (page.record_count, page.items) == (0, [])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        # Cut inside an item, and cut after the channel: both lack the closing </rss>.
        (feed(GOOD_ITEM, GOOD_ITEM)[:400], "invalid_xml"),
        (feed(GOOD_ITEM).replace(b"</rss>", b""), "invalid_xml"),
        (b"", "invalid_xml"),
        (b"<!DOCTYPE html><html><body>Error<br></body></html>", "invalid_xml"),
        (b"<html><head><title>Just a moment...</title></head><body>Checking</body></html>", "unexpected_shape"),
        (b'<rss version="2.0"></rss>', "unexpected_shape"),
    ],
)
def test_unexpected_pages_raise_page_error(body, reason):
    with pytest.raises(PageError) as error:
        read_page("weworkremotely", body)
    assert error.value.reason == reason


def test_truncated_sample_is_not_read_as_a_shorter_feed():
    body = sample_body("weworkremotely")
    with pytest.raises(PageError, match="invalid_xml"):
        read_page("weworkremotely", body[: body.rindex(b"</item>") + len(b"</item>")])
