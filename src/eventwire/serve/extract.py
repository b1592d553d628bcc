"""``POST /api/extract``: run the pipeline on posted text or HTML, optionally store it.

The pipeline (spaCy models, gazetteer) loads on the first call, or at startup with
``--preload``; one extraction runs at a time because spaCy pipelines are shared.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from eventwire.config import Settings
from eventwire.ingest import make_article
from eventwire.ingest.html import parse_html
from eventwire.pipeline import Pipeline
from eventwire.serve.schemas import ErrorBody, ExtractRequest

router = APIRouter(prefix="/api", tags=["extract"])
_ORIGIN = "request body"


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

    def extract(self, article: Any) -> Any:
        pipeline = self.load()
        with self._lock:
            return pipeline.extract(article)


def check_token(expected: str | None, authorization: str | None) -> None:
    """Raise 401 unless ``Authorization: Bearer <expected>`` (no-op when no token is set)."""
    if expected is None:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(
            401, "writing needs 'Authorization: Bearer <token>' (the server's --token)",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


def _article_fields(body: ExtractRequest) -> dict[str, Any]:
    fields: dict[str, Any] = {"text": body.text}
    if body.html is not None:
        page = parse_html(body.html, origin=_ORIGIN)
        fields = {"text": page.text, "title": page.title, "published": page.published, "source": page.source}
    for name in ("published", "source", "language", "title"):
        if getattr(body, name):
            fields[name] = getattr(body, name)
    return fields


@router.post(
    "/extract",
    responses={
        200: {"description": "The article schema object (article-output.schema.json)"},
        401: {"model": ErrorBody, "description": "store=true without the server's token"},
        413: {"model": ErrorBody, "description": "Body larger than 1 MB"},
        422: {"model": ErrorBody, "description": "Malformed JSON or unusable text"},
    },
)
def extract(
    request: Request,
    body: ExtractRequest,
    store: Annotated[bool, Query(description="Also save the result (needs the token when one is set)")] = False,
    authorization: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """Extract events from posted text or HTML; returns ``Result.to_dict()``."""
    state = request.app.state
    if store:
        check_token(state.settings.token, authorization)
    article = make_article(_article_fields(body), origin=_ORIGIN, max_chars=state.settings.pipeline.max_chars)
    result = state.pipeline.extract(article)
    headers = {}
    if store:
        headers["x-eventwire-stored"] = state.store.save(result)
    return JSONResponse(result.to_dict(), headers=headers)
