"""Extractors raise PageError with a reason for a response that is not their platform's page."""

import pytest

from crawlers.extract.common import PageError
from tests.platforms import read_page


@pytest.mark.parametrize(
    ("spider", "body", "reason"),
    [
        ("arbeitnow", b'{"data": [{"slug": "a', "invalid_json"),
        ("arbeitnow", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("arbeitnow", b"[]", "unexpected_shape"),
        ("arbeitnow", b'{"data": {}, "links": {"next": null}}', "unexpected_shape"),
        ("arbeitnow", b'{"data": []}', "unexpected_shape"),
        ("arbeitnow", b'{"data": [], "links": {"next": 2}}', "unexpected_shape"),
        ("freelancer", b'{"status": "error", "message": "Too many requests"}', "api_error"),
        ("freelancer", b'{"status": "success", "result": {"projects": {}}}', "unexpected_shape"),
        (
            "freelancer",
            b'{"status": "success", "result": {"projects": [{"id": 1, "owner_id": 2}], "users": [2]}}',
            "unexpected_shape",
        ),
        ("freelancer", b"[]", "unexpected_shape"),
        ("freelancer", b'{"status": "succ', "invalid_json"),
        ("himalayas", b'{"totalCount": 8, "jobs": [{"title": "Da', "invalid_json"),
        ("himalayas", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("himalayas", b"[]", "unexpected_shape"),
        ("himalayas", b'{"totalCount": 8}', "unexpected_shape"),
        ("himalayas", b'{"jobs": {}}', "unexpected_shape"),
        ("himalayas", b'{"jobs": [], "nextCursor": 20}', "unexpected_shape"),
        ("jobicy", b'{"success": false, "statusCode": 400, "jobs": []}', "api_error"),
        ("jobicy", b'{"apiVersion": "2.2.4", "jobs": {}}', "unexpected_shape"),
        ("jobicy", b'{"apiVersion": "2.2.4"}', "unexpected_shape"),
        ("jobicy", b"[]", "unexpected_shape"),
        ("jobicy", b'{"apiVersion": "2.2.4", "jobs": [{"id": 99', "invalid_json"),
        ("jobicy", b"<html><body>Too many requests</body></html>", "invalid_json"),
        ("remoteok", b'{"error": "rate limited"}', "unexpected_shape"),
        ("remoteok", b'[{"last_updated": 1792000000, "legal": "API Terms', "invalid_json"),
        ("remoteok", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("remotive", b"[]", "unexpected_shape"),
        ("remotive", b'{"0-legal-notice": "Legal warning", "job-count": 0}', "unexpected_shape"),
        ("remotive", b'{"jobs": {}}', "unexpected_shape"),
        ("remotive", b'{"0-legal-notice": "Legal warning", "jobs": [{"id": 1', "invalid_json"),
        ("remotive", b"<html><body>Too many requests</body></html>", "invalid_json"),
        ("dealls", b'{"code": 200, "data": {"docs": [{"id": "7a1c0e52b3d9', "invalid_json"),
        ("dealls", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("dealls", b'{"code": 429, "message": "Too many requests"}', "api_error"),
        ("dealls", b"[]", "unexpected_shape"),
        ("dealls", b'{"code": 200}', "unexpected_shape"),
        ("dealls", b'{"code": 200, "data": {"totalPages": 2}}', "unexpected_shape"),
        ("dealls", b'{"code": 200, "data": {"docs": {}}}', "unexpected_shape"),
        ("jobstreet", b'{"data": [{"advertiser": {"id": "6100', "invalid_json"),
        ("jobstreet", b"<html><head><title>Just a moment...</title></head><body>Checking</body></html>", "browser_challenge"),
        ("jobstreet", b"[]", "unexpected_shape"),
        ("jobstreet", b'{"totalCount": 7}', "unexpected_shape"),
        ("jobstreet", b'{"data": {}}', "unexpected_shape"),
        ("jobstreet", b'{"data": {"jobSearchV7": {"results": {"jobs": {}}}}}', "unexpected_shape"),
        ("karirhub", b'{"data": [{"id": "72485191-245e-4262-a012-22d6', "invalid_json"),
        ("karirhub", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("karirhub", b"[]", "unexpected_shape"),
        ("karirhub", b'{"message": "Server Error"}', "unexpected_shape"),
        ("karirhub", b'{"data": {}}', "unexpected_shape"),
        ("lokerid", b'{"jobs": [{"id": 16402115, "title": "Web Pro', "invalid_json"),
        ("lokerid", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("lokerid", b"[]", "unexpected_shape"),
        ("lokerid", b"{}", "unexpected_shape"),
        ("lokerid", b'{"jobs": {}}', "unexpected_shape"),
        ("kalibrr", b'{"count": 7, "jobs": [{"activation_date": "2026-10-', "invalid_json"),
        ("kalibrr", b"<html><body>Checking your browser</body></html>", "browser_challenge"),
        ("kalibrr", b"[]", "unexpected_shape"),
        ("kalibrr", b'{"count": 7}', "unexpected_shape"),
        ("kalibrr", b'{"count": 7, "jobs": {}}', "unexpected_shape"),
        # Nothing matched: Kalibrr substitutes unrelated jobs and says so only here.
        ("kalibrr", b'{"count": 818, "jobs": [], "from_alternative": true, "search_text": "zzzz"}', "substitute_results"),
    ],
)
def test_unexpected_pages_raise_page_error(spider, body, reason):
    with pytest.raises(PageError) as error:
        read_page(spider, body)
    assert error.value.reason == reason
