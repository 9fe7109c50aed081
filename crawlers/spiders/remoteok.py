"""Remote OK's public JSON feed: the whole active board in one response, no paging."""

from __future__ import annotations

from crawlers.extract import remoteok
from crawlers.spiders.base import PlatformSpider, with_query

ENDPOINT = "https://remoteok.com/api"


class RemoteOKSpider(PlatformSpider):
    name = "remoteok"
    extract = staticmethod(remoteok.read_page)
    # Remote OK documents no query arguments; ?tag= is the filter its API users pass, offered as found.
    search_arguments = {"tag": "only jobs carrying this tag, e.g. 'design' (undocumented filter of the feed)"}
    # Remote OK publishes no rate limit, only its terms (link back, name Remote OK): one request, retries 5 s apart.
    custom_settings = {"DOWNLOAD_DELAY": 5.0}

    def page_url(self, position: None) -> str:
        return with_query(ENDPOINT, self.search)
