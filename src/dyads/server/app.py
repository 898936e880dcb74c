"""The FastAPI application: JSON API, web pages, static files, and the security headers
every response carries (scraped documents are untrusted: a strict Content-Security-Policy
means even an unescaped script could not run)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from dyads import __version__
from dyads.server import api, web
from dyads.server.deps import Settings
from dyads.server.work import SESSION_SECONDS, Work, default_workers
from dyads.store.engine import open_engine

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SESSION_COOKIE = "dyads_session"
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY"}


def create_app(db: str | None = None, private: bool = False, secret: str | None = None,
               extract_workers: int | None = None, secure_cookies: bool | None = None) -> FastAPI:
    """`db`: the record's URL (default: $DYADS_DB or ./dyads.db); `private`: reading needs a
    token too; `secret`: signs the web session (default: $DYADS_SECRET, else random per start);
    `extract_workers`: processes extracting posted documents; `secure_cookies`: mark the
    session cookie Secure always (default: $DYADS_SECURE_COOKIES, else only for requests that
    came over HTTPS, as uvicorn reads them, X-Forwarded-Proto from a trusted proxy included)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.work.shutdown()

    app = FastAPI(title="dyads", version=__version__, lifespan=lifespan,
                  description="The record of defense-diplomacy events: who met whom, when, where, with every source.")
    app.state.settings = Settings(engine=open_engine(db), private=private)
    app.state.gazetteer = None
    app.state.work = Work(extract_workers=extract_workers or default_workers())
    always_secure = secure_cookies if secure_cookies is not None else os.environ.get("DYADS_SECURE_COOKIES", "") in ("1", "true", "yes")
    app.add_middleware(SessionMiddleware, secret_key=secret or os.environ.get("DYADS_SECRET") or secrets.token_urlsafe(32),
                       session_cookie=SESSION_COOKIE, same_site="strict", max_age=SESSION_SECONDS)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        if _gated(request):
            async with app.state.work.the_gate():  # waiting here holds no thread and no connection
                response = await call_next(request)
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if always_secure or request.url.scheme == "https":
            _secure_session_cookie(response)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors())
        if request.url.path.startswith("/api/"):
            detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
            return JSONResponse({"error": f"invalid request: {problems}", "detail": detail}, status_code=422)
        return web.error_page(request, 422, f"invalid request: {problems}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Any:
        if request.url.path.startswith("/api/") or not web.wants_html(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return web.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Any:
        return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)

    app.include_router(api.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=str(files("dyads.server") / "static")), name="static")
    return app


def _gated(request: Request) -> bool:
    """Everything that may query the record waits for the gate; a posted document takes it
    only around its own short database steps (its extraction runs outside)."""
    path = request.url.path
    return not (path.startswith("/static/") or (request.method == "POST" and path == "/api/documents"))


def _secure_session_cookie(response: Any) -> None:
    prefix = f"{SESSION_COOKIE}=".encode()
    response.raw_headers[:] = [
        (key, value + b"; secure" if key == b"set-cookie" and value.startswith(prefix) and b"secure" not in value.lower() else value)
        for key, value in response.raw_headers
    ]
