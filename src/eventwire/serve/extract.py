"""``POST /api/extract``: run the pipeline on posted text or HTML, optionally store it.

The pipeline (spaCy models, gazetteer) loads on the first call, or at startup with
``--preload``. Extractions run one at a time on one worker thread (spaCy pipelines are
shared) behind a bounded queue (issue 17): a text longer than ``extract_max_chars`` gets
413 before it is queued, a request finding the queue full gets 429, and one not answered
within ``extract_timeout_s`` gets 503. A parse already running cannot be interrupted from
another thread; the client is answered at the deadline all the same, and queued work
whose client has gone is dropped unrun. The token (``guard.py``) covers this route.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from eventwire.config import Settings
from eventwire.ingest import make_article
from eventwire.ingest.html import parse_html
from eventwire.pipeline import Pipeline
from eventwire.records import Article, Result
from eventwire.serve.schemas import ErrorBody, ExtractRequest

router = APIRouter(prefix="/api", tags=["extract"])
_ORIGIN = "request body"
T = TypeVar("T")


class LazyPipeline:
    """Build the pipeline once, on first use; serialize extractions."""

    def __init__(self, factory: Callable[[Settings], Pipeline], settings: Settings) -> None:
        self._factory = factory
        self._settings = settings
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def load(self) -> Pipeline:
        """Return the pipeline, building it if this is the first call."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory(self._settings)
            return self._pipeline

    def extract(self, article: Article) -> Result:
        pipeline = self.load()
        with self._lock:
            return pipeline.extract(article)


class _Dropped(Exception):
    """Queued work whose client is gone."""


class Busy(Exception):
    """The queue is full (429) or the deadline passed (503); ``message`` says which."""

    def __init__(self, status: int, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class ExtractionQueue:
    """One worker thread, at most ``capacity`` jobs admitted, each answered within ``timeout_s``."""

    def __init__(self, *, capacity: int, timeout_s: float) -> None:
        self.capacity = capacity
        self.timeout_s = timeout_s
        self._slots = threading.BoundedSemaphore(capacity)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-extract")

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the worker; raise Busy when full or late."""
        if not self._slots.acquire(blocking=False):
            raise Busy(
                429, f"{self.capacity} extractions are already queued; retry in a few seconds", 5
            )
        abandoned = threading.Event()

        def job() -> T:
            try:
                if abandoned.is_set():
                    raise _Dropped  # its client was answered 503 while it waited
                return work()
            finally:
                self._slots.release()

        future: Future[T] = self._worker.submit(job)
        waiting = asyncio.wrap_future(future)
        # A late failure is read here, not reported as "never retrieved".
        waiting.add_done_callback(lambda f: f.cancelled() or f.exception())
        try:
            # shield: at the deadline only the wait ends; cancelling the job itself would
            # leave its queue slot taken forever when it had not started.
            return await asyncio.wait_for(asyncio.shield(waiting), self.timeout_s)
        except TimeoutError:
            abandoned.set()
            raise Busy(
                503,
                f"extraction took longer than {self.timeout_s:g} s; send a shorter text "
                "or retry when the server is less busy",
                30,
            ) from None

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def _article(body: ExtractRequest, *, max_chars: int) -> Article:
    fields: dict[str, Any] = {"text": body.text}
    if body.html is not None:
        page = parse_html(body.html, origin=_ORIGIN)
        fields = {
            "text": page.text,
            "title": page.title,
            "published": page.published,
            "source": page.source,
        }
    for name in ("published", "source", "language", "title"):
        if getattr(body, name):
            fields[name] = getattr(body, name)
    _check_length(len(fields["text"] or ""), max_chars)
    return make_article(fields, origin=_ORIGIN, max_chars=max_chars)


def _check_length(chars: int, max_chars: int) -> None:
    if chars > max_chars:
        raise HTTPException(
            413,
            f"article text is {chars:,} characters; this server extracts at most {max_chars:,} "
            "per request (eventwire serve --extract-max-chars)",
        )


@router.post(
    "/extract",
    responses={
        200: {"description": "The article schema object (article-output.schema.json)"},
        401: {
            "model": ErrorBody,
            "description": "The server has a token and the request did not send it",
        },
        413: {
            "model": ErrorBody,
            "description": "Body over 1 MB, or text over the extraction limit",
        },
        422: {"model": ErrorBody, "description": "Malformed JSON or unusable text"},
        429: {"model": ErrorBody, "description": "Too many extractions queued; retry later"},
        503: {"model": ErrorBody, "description": "Extraction not done within the time limit"},
    },
)
async def extract(
    request: Request,
    body: ExtractRequest,
    store: Annotated[bool, Query(description="Also save the result")] = False,
) -> JSONResponse:
    """Extract events from posted text or HTML; returns ``Result.to_dict()``."""
    state = request.app.state
    limit = state.settings.extract_max_chars
    if body.text is not None:
        _check_length(len(body.text), limit)  # before queueing: a long text takes no slot

    def work() -> tuple[Result, str | None]:
        result = state.pipeline.extract(_article(body, max_chars=limit))
        return result, (state.store.save(result) if store else None)

    try:
        result, stored = await state.extractions.run(work)
    except Busy as busy:
        raise HTTPException(
            busy.status, str(busy), headers={"Retry-After": str(busy.retry_after)}
        ) from None
    headers = {} if stored is None else {"x-eventwire-stored": stored}
    return JSONResponse(result.to_dict(), headers=headers)
