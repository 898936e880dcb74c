"""The FastAPI application: JSON API, web pages, static files, and the security headers
every response carries (scraped documents are untrusted: a strict Content-Security-Policy
means even an unescaped script could not run)."""

from __future__ import annotations

import os
import secrets
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
from dyads.store.engine import open_engine

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY"}


def create_app(db: str | None = None, private: bool = False, secret: str | None = None) -> FastAPI:
    """`db`: the record's URL (default: $DYADS_DB or ./dyads.db); `private`: reading needs a
    token too; `secret`: signs the web session (default: $DYADS_SECRET, else random per start)."""
    app = FastAPI(title="dyads", version=__version__,
                  description="The record of defense-diplomacy events: who met whom, when, where, with every source.")
    app.state.settings = Settings(engine=open_engine(db), private=private)
    app.state.gazetteer = None
    app.add_middleware(SessionMiddleware, secret_key=secret or os.environ.get("DYADS_SECRET") or secrets.token_urlsafe(32),
                       session_cookie="dyads_session", same_site="strict", max_age=12 * 3600)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
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
