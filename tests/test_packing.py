"""The hand-over from the crawl to the store's worker (pipelines.db.packing): the worker gets every posting as the
spider made it, whatever it holds, so that it judges, mends or refuses it as it would have in the crawl."""

from __future__ import annotations

import enum
import json
import math
import pickle
from dataclasses import fields, replace
from datetime import date, datetime, timedelta, timezone
from threading import Lock
from zoneinfo import ZoneInfo

import pytest

from crawlers.items import Posting
from pipelines.db.packing import PackedPostings, Unsendable, packed
from tests.test_store import posting


class Colour(enum.Enum):
    RED = "red"


class Count(enum.IntEnum):
    ONE = 1


class Text(str):
    pass


def handed_over(postings: list[Posting]) -> list[Posting]:
    """The postings as the worker's process receives them."""
    return pickle.loads(pickle.dumps(PackedPostings(map(packed, postings))))


def same(value, sent) -> bool:
    """Equal, of the same type, NaN equal to itself."""
    if isinstance(sent, float) and math.isnan(sent):
        return isinstance(value, float) and math.isnan(value)
    return type(value) is type(sent) and value == sent


# Values a buggy spider or an odd record may leave in a field, most of which JSON alone would give back changed, and
# plain ones beside them.
ODD_VALUES = [
    ("description", float("nan")),
    ("pay_max", float("inf")),
    ("pay_min", -float("inf")),
    ("bid_count", 2**70),
    ("title", "Desain \ud83d logo"),
    ("company", Text("PT Maju")),
    ("employment_type", Colour.RED),
    ("bid_count", Count.ONE),
    ("skills", ("PHP", "SEO")),
    ("skills", ["PHP", 3, None]),
    ("skills", [Text("PHP")]),
    ("posted_at", "2026-11-01T00:00:00+00:00"),
    ("posted_at", date(2026, 11, 1)),
    ("valid_through", datetime(2026, 11, 1)),
    ("location", ["Jakarta"]),
    ("location", {"city": "Jakarta"}),
    ("remote", 1),
    ("pay_min", 2.5),
    ("raw", {"id": 1, "note": "a\x00b"}),
    ("raw", {"id": 2**70}),
    ("raw", {1: "a key that is no text"}),
    ("raw", "<div>markup</div>"),
]


@pytest.mark.parametrize(("name", "value"), ODD_VALUES, ids=[f"{name}={value!r}" for name, value in ODD_VALUES])
def test_every_value_reaches_the_worker_as_the_spider_made_it(name, value):
    sent = replace(posting("1"), **{name: value})
    [received] = handed_over([sent])
    assert all(same(getattr(received, f.name), getattr(sent, f.name)) for f in fields(Posting) if f.name != "raw")
    if isinstance(received.raw, bytes):  # written by the store as it is: the record's JSON
        assert json.loads(received.raw) == json.loads(json.dumps(sent.raw))
    else:
        assert received.raw == sent.raw


def test_a_batch_keeps_its_order_and_its_times():
    jakarta = datetime(2026, 11, 1, 9, 30, 15, 250, tzinfo=ZoneInfo("Asia/Jakarta"))
    sent = [
        posting("1", posted_at=jakarta, valid_through=None),
        posting("2", title=float("nan")),
        posting("3", raw={"id": 3, "tags": ["é", None], "budget": {"minimum": 2.5}}),
        posting("4", skills=("PHP",)),
        posting("5", valid_through=datetime(2026, 12, 1, tzinfo=timezone(timedelta(hours=-3)))),
    ]
    received = handed_over(sent)
    assert [p.source_id for p in received] == ["1", "2", "3", "4", "5"]
    assert received[0].posted_at == jakarta and received[0].posted_at.utcoffset() == timedelta(hours=7)
    assert received[4].valid_through == sent[4].valid_through
    assert isinstance(received[2].raw, bytes) and json.loads(received[2].raw) == sent[2].raw


def test_a_value_pickle_cannot_send_becomes_a_note_of_its_type_and_the_rest_of_the_batch_goes():
    batch = PackedPostings(map(packed, [posting("1"), posting("2", description=Lock()), posting("3")]))
    with pytest.raises(TypeError):
        pickle.dumps(batch)
    received = pickle.loads(pickle.dumps(batch.sendable()))
    assert [p.source_id for p in received] == ["1", "2", "3"]
    assert received[1].description == Unsendable("_thread.lock") and received[1].title == "Posting 2"
