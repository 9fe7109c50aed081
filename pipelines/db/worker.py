"""The store's worker: derives and writes a crawl's batches in a process of its own.

A process, not a thread: derivation and the writer are Python, and in a thread they would take their time from the
crawl under the GIL. ``StoreWorker`` is the work (its deriver and its writer are its own state) and lives in that
process; ``WorkerProcess`` is the crawl's handle on it: ``start`` writing for a crawl run, ``submit`` a batch,
``close``, each answered by the worker's return value or its ``WriteFailed``. Postings travel packed
(pipelines.db.packing). The process loads the taxonomy as soon as
it runs, while the crawl brings its database up to date; this module imports neither Scrapy nor Alembic, so that it
starts sooner.
"""

from __future__ import annotations

import asyncio
import collections
import gc
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any

from crawlers.items import Posting, Reject
from pipelines.db.engine import make_engine
from pipelines.db.errors import WriteFailed, describe
from pipelines.db.packing import PackedPostings
from pipelines.db.storable import make_storable, reject_of, unwritten_reject
from pipelines.db.writer import PostingWriter, sync_skills
from pipelines.dedupe import DedupeSettings
from pipelines.derive import Deriver
from pipelines.monitor import covered_counts
from pipelines.validate import find_problem

# Collections of the youngest objects only every this many allocations (Python's default: 700). A batch unpickles
# and derives a few hundred thousand objects that are freed by reference counting; collecting them again and again
# on the way cost the worker a fifth of its time (bench/crawl_throughput.py).
_YOUNG_COLLECTION_THRESHOLD = 100_000
WORKER_NICENESS = 19
"""The worker's niceness where Linux's SCHED_IDLE is not offered (``_run_in_background``)."""


@dataclass(frozen=True)
class BatchWritten:
    """What the worker did with one batch, for the crawl's stats."""

    new: int
    updated: int
    duplicates: int
    """New postings that repeat a vacancy already stored (pipelines.dedupe)."""
    unmapped_tags: int
    """Platform tags the taxonomy lacks."""
    covered: dict[str, int]
    """How many postings fill each key field (pipelines.monitor)."""
    refused: list[Reject]
    """Postings of the batch that cannot be right, or could not be stored, derived or written: stored as these
    rejects instead."""


class StoreWorker:
    """Judges, derives and writes the batches of one crawl run: ``start`` once, ``submit`` each batch, ``close``."""

    def __init__(
        self,
        database_url: str,
        dedupe: DedupeSettings | None = None,
        deriver: Deriver | None = None,
        platform: str = "unknown",
    ):
        self.database_url = database_url
        self.dedupe = dedupe or DedupeSettings()
        self.deriver = deriver
        """A fitted Deriver; ``load`` fits one (the bundled taxonomy and rates) when none is given."""
        self.platform = platform
        """The crawl's platform: the source of a reject whose posting names none."""
        self.writer: PostingWriter | None = None

    def load(self) -> None:
        """Fit the deriver, unless it was given or is fitted already; ``start`` does it when it was not done."""
        if self.deriver is None:
            self.deriver = Deriver().fit()

    def start(self, crawl_run_id: int) -> None:
        """Write for the crawl run ``crawl_run_id``: connect, describe the skills. Raises WriteFailed when the
        database refuses."""
        self.load()
        try:
            engine = make_engine(self.database_url)
            # posting_skills name skills of the bundled taxonomy; the skills table describes them.
            with engine.begin() as connection:
                sync_skills(connection, self.deriver.taxonomy_)
        except Exception as error:
            raise WriteFailed(describe(error)) from None
        self.writer = PostingWriter(engine, crawl_run_id, self.dedupe)

    def submit(self, postings: list[Posting], rejects: list[Reject]) -> BatchWritten:
        """Judge, derive and write one batch: a posting that cannot be right (pipelines.validate) or that the database
        cannot take (``make_storable``, which mends its JSON where that loses nothing) is stored as a reject. Raises
        WriteFailed, with one line from the database, when it refuses writes as a whole; never an error carrying the
        batch's postings."""
        derived, refused = [], []
        now = datetime.now(timezone.utc)
        for posting in postings:
            # make_storable assumes the types find_problem checks: only for a posting that passed it
            if problem := find_problem(posting, now) or next(iter(make_storable(posting)), None):
                refused.append(reject_of(posting, *problem, source=self.platform))
                continue
            try:
                derived.append(self.deriver.derive(posting))
            except Exception as error:  # a bug met by one odd posting must not lose the batch
                refused.append(unwritten_reject(posting, "derive_failed", error))
        try:
            new, updated, duplicates = self.writer.write(derived, rejects + refused)
        except Exception:  # one record the database refuses undoes the batch: find it, store the others
            (new, updated, duplicates), derived, refused_by_database = self.writer.write_each(
                derived, rejects + refused
            )
            refused += refused_by_database
        return BatchWritten(
            new=new,
            updated=updated,
            duplicates=duplicates,
            unmapped_tags=sum(len(posting.unmapped_tags) for posting in derived),
            covered=covered_counts(derived),
            refused=refused,
        )

    def close(self) -> None:
        if self.writer is not None:
            self.writer.engine.dispose()


def _serve(connection: Connection, worker: StoreWorker) -> None:
    """The worker process: runs each call the crawl sends (a method name and its arguments) and answers it, until
    ``close`` or until the crawl's process is gone."""
    _run_in_background()
    gc.set_threshold(_YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
    try:
        worker.load()  # before any call: the crawl brings its database up to date meanwhile
    except Exception:
        pass  # failed again, and answered, at start
    # The taxonomy and the matchers live as long as this process: no full collection walks them again.
    gc.freeze()
    while True:
        try:
            method, arguments = connection.recv()
        except EOFError:
            method, arguments = "close", ()
        try:
            answer = (True, getattr(worker, method)(*arguments))
        except WriteFailed as error:
            answer = (False, error)
        except Exception as error:  # a bug here: described in one line, as any write failure
            answer = (False, WriteFailed(describe(error)))
        try:
            connection.send(answer)
        except OSError:  # the crawl's process is gone
            return
        if method == "close":
            return


def _run_in_background() -> None:
    """Give the processor to any other work first. The crawl's event loop is the one that waits: for the platform's
    answers, for its turn on the processor when the worker holds it. The worker only needs to keep up, and
    backpressure (pipelines/store.py) lets it. SCHED_IDLE rather than niceness 19: a woken thread (the crawl's, or the
    server answering it) then takes the processor from the worker at once, not when the worker's time slice ends,
    which made the crawl wait a few milliseconds a page (bench/crawl_throughput.py)."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux
        os.nice(WORKER_NICENESS)


class WorkerProcess:
    """The crawl's handle on its StoreWorker, in a process of its own. Calls are answered in the order they are made;
    the next one is sent while the worker still works on the one before, so that it never waits for the crawl
    between two batches. Made, and called, from the crawl's event loop."""

    def __init__(self, worker: StoreWorker):
        # Not fork: the crawl's process runs threads, which a fork would copy mid-step. A fork server is a clean
        # process that imports this module and forks the worker from itself; unlike spawn, it does not import the
        # crawl's __main__ (all of Scrapy) first, so the worker is ready sooner.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, worker), name="pasarkerja-store")
        # Ctrl-C, `kill` of the process group and a service manager's stop reach every process; the crawl shuts down
        # gracefully and then closes the worker, which must finish the batches it was handed, not die. A process
        # started while a signal is ignored keeps ignoring it.
        handlers = {stop: signal.signal(stop, signal.SIG_IGN) for stop in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.process.start()
        finally:
            for stop, handler in handlers.items():
                signal.signal(stop, handler)
        theirs.close()
        self.loop = asyncio.get_running_loop()
        self.sending = asyncio.Lock()
        self.waiting: collections.deque[asyncio.Future] = collections.deque()
        """The calls sent and not answered yet, oldest first."""
        # A thread of its own reads the answers: waiting for them would hold up the crawl's event loop.
        self.reader = threading.Thread(target=self._read_answers, name="pasarkerja-store-answers", daemon=True)
        self.reader.start()

    async def start(self, crawl_run_id: int) -> None:
        await self._call("start", crawl_run_id)

    async def submit(self, postings: PackedPostings, rejects: list[Reject]) -> BatchWritten:
        return await self._call("submit", postings, rejects)

    async def close(self) -> None:
        """Close the worker once it has answered every call made; then the process ends."""
        if self.process.is_alive():
            try:
                await self._call("close")
            except WriteFailed:
                pass  # it ended meanwhile: nothing is left to close
        await asyncio.to_thread(self.reader.join)
        self.connection.close()

    async def _call(self, method: str, *arguments: Any) -> Any:
        # Pickled here, in the event loop's thread, and sent from another: pickling there took the interpreter from
        # the event loop just when a page's response was waiting for it (bench/crawl_throughput.py).
        message = _pickled(method, arguments)
        async with self.sending:  # sent in the order made
            answered = self.loop.create_future()
            self.waiting.append(answered)
            # In a thread: the worker reads the next batch only once it has written the one before.
            await asyncio.to_thread(self._send, message)
        ok, answer = await answered
        if not ok:
            raise answer
        return answer

    def _send(self, message: bytes) -> None:
        try:
            self.connection.send_bytes(message)
        except OSError:
            pass  # the worker has ended: the reader answers every call left with WriteFailed

    def _read_answers(self) -> None:
        """In its own thread: each answer settles the oldest call waiting, until the worker's process ends."""
        while True:
            try:
                answer = self.connection.recv()
            except (EOFError, OSError):
                break
            self.loop.call_soon_threadsafe(_settle, self.waiting.popleft(), answer)
        self.process.join(timeout=5)
        ended = (False, WriteFailed(f"the store's worker process ended (exit code {self.process.exitcode})"))
        while self.waiting:
            self.loop.call_soon_threadsafe(_settle, self.waiting.popleft(), ended)


def _pickled(method: str, arguments: tuple) -> bytes:
    """A call as the worker's process receives it (``Connection.recv``)."""
    try:
        return ForkingPickler.dumps((method, arguments))
    except Exception:  # a posting's value pickle cannot send (a parser's object left in a field)
        if not any(isinstance(argument, PackedPostings) for argument in arguments):
            raise
        # Such values go as notes of their type, which the worker rejects; the batch's other postings are stored.
        arguments = tuple(a.sendable() if isinstance(a, PackedPostings) else a for a in arguments)
        return ForkingPickler.dumps((method, arguments))


def _settle(answered: asyncio.Future, answer: tuple[bool, Any]) -> None:
    if not answered.done():
        answered.set_result(answer)
