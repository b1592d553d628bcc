"""The FastAPI app factory: API routes, the map page and its bundled assets.

    app = create_app(ServeSettings(db="events.db"))   # opens the database, nothing else

No global state: the Store, the settings, the lazily built pipeline, the extraction
queue and the kept counts and markers live on ``app.state``. CORS is off unless
``cors_origins`` names origins. Requests pass, outermost first: security headers, the
catch-all 500, the guard (Host, token, origin: ``guard.py``), the parameter check
(``params.py``), CORS and the body limit.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from eventwire.config import Settings
from eventwire.errors import EventwireError
from eventwire.pipeline import Pipeline
from eventwire.provenance import package_version
from eventwire.serve import errors, extract, live, markers, places, read
from eventwire.serve.answer_cache import AnswerCache
from eventwire.serve.guard import Guard, allowed_names
from eventwire.serve.params import CleanParams
from eventwire.serve.settings import ServeSettings
from eventwire.store.repository import Store

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("eventwire.serve")


def _default_factory(settings: Settings) -> Pipeline:
    from eventwire.pipeline import load_pipeline

    return load_pipeline(settings)


def create_app(settings: ServeSettings) -> FastAPI:
    """Build the app over the database ``settings.db`` (opened, and migrated, here)."""
    if settings.public and settings.token is None:
        raise EventwireError(
            f"{settings.host}: a server bound beyond loopback needs a token; set EVENTWIRE_TOKEN "
            "(e.g. to the output of `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    store = Store.open(settings.db, create=False)
    extractions = extract.ExtractionQueue(
        capacity=settings.extract_queue, timeout_s=settings.extract_timeout_s
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.preload:
            log.info("loading the extraction pipeline (--preload)")
            app.state.pipeline.load()
        yield
        extractions.close()
        store.close()

    app = FastAPI(
        title="eventwire",
        summary="Geolocated, dated, attributed event records extracted from news articles.",
        version=package_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.pipeline = extract.LazyPipeline(
        settings.pipeline_factory or _default_factory, settings.pipeline
    )
    app.state.extractions = extractions
    app.state.places = places.PlaceIndex()
    app.state.answers = AnswerCache(size=settings.answer_cache_size)
    errors.install_handlers(app)
    app.include_router(read.router)
    app.include_router(markers.router)  # issue 17: the map paints from one request
    app.include_router(extract.router)
    app.include_router(live.router)  # issue 18: the map follows `eventwire watch`
    app.include_router(places.router)
    _add_pages(app)
    app.add_middleware(errors.BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"]
        )
    app.add_middleware(CleanParams)
    app.add_middleware(
        Guard,
        token=settings.token,
        token_reads=settings.public,
        allowed_hosts=allowed_names(settings.host, settings.allowed_hosts),
        cors_origins=settings.cors_origins,
    )
    app.add_middleware(errors.CatchAll)
    app.add_middleware(errors.SecurityHeaders, headers=errors.security_headers(settings.tiles))
    return app


def _add_pages(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
        # Swagger UI starts from an inline script; let this one page run it.
        page.headers["content-security-policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:"
        )
        return page
