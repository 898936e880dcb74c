"""The analyst's pages, rendered on the server (Jinja2, autoescaped) and made interactive
with htmx; charts and the network are drawn by the shipped Chart.js and Cytoscape from the
pages' JSON twins. Forms that change the record carry a CSRF token bound to the session."""

from __future__ import annotations

import secrets
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from dyads.errors import DyadsError
from dyads.server.api import Filter, Limit, Offset, Sort, entity_payload
from dyads.server.deps import Conn, failure, reader, who
from dyads.store import details, review, tokens
from dyads.server.work import serialized_write
from dyads.store.query import count_events, find_events

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("dyads.server") / "templates"))
Reader = Annotated[str | None, Depends(reader)]
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return token


def check_csrf(request: Request, given: str) -> None:
    expected = request.session.get("csrf")
    if not expected or not secrets.compare_digest(expected, given or ""):
        raise HTTPException(403, "the form expired or came from another site (CSRF check failed): reload the page and try again")


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    with request.app.state.settings.engine.connect() as conn:
        user = who(request, conn)
    return templates.TemplateResponse(request, name, {"csrf": csrf_token(request), "user": user, **context},
                                      status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=302)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, conn: Conn, _: Reader, f: Filter, limit: Limit = 25, offset: Offset = 0,
                sort: Sort = "-date") -> HTMLResponse:
    found = find_events(conn, f, limit=limit, offset=offset, order=sort)
    total = count_events(conn, f)
    params = {k: v for k, v in request.query_params.multi_items() if k not in ("offset", "sort")}

    def link(**change: Any) -> str:
        merged = [(k, v) for k, v in params.items() if k not in change] + [(k, v) for k, v in change.items()]
        return "/events?" + urlencode(merged)

    context = {"events": found, "total": total, "offset": offset, "limit": limit, "sort": sort, "link": link,
               "query": dict(request.query_params), "types": TYPES}
    name = "_events_table.html" if request.headers.get("hx-request") else "events.html"
    return render(request, name, **context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request, conn: Conn, _: Reader) -> HTMLResponse:
    try:
        event = details.event_detail(conn, event_id)
    except DyadsError as exc:
        raise failure(exc) from None
    sources = []
    for report in event["reports"]:
        document = details.document_detail(conn, report["document"])
        span = report["evidence"]
        sources.append({"report": report, "document": document,
                        "pieces": details.highlighted(document["text"], [(span["start"], span["end"], event_id)])})
    return render(request, "event.html", event=event, sources=sources, types=TYPES)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: str, request: Request, conn: Conn, _: Reader) -> HTMLResponse:
    try:
        document = details.document_detail(conn, document_id)
    except DyadsError as exc:
        raise failure(exc) from None
    spans = [(e["evidence"]["start"], e["evidence"]["end"], e["event"]) for e in document["events"]]
    return render(request, "document.html", document=document, pieces=details.highlighted(document["text"], spans))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, conn: Conn, _: Reader, a: str = "", b: str = "") -> HTMLResponse:
    from dyads.server.api import timeline

    data, problem = None, None
    if a.strip() and b.strip():
        try:
            data = timeline(request, conn, None, a, b, 200)
        except HTTPException as exc:
            problem = exc.detail
    by_id = {e["id"]: e for e in data["events"]} if data else {}
    return render(request, "timeline.html", a=a, b=b, data=data, problem=problem, by_id=by_id,
                  api=("/api/timeline?" + urlencode({"a": a, "b": b})) if data else None)


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, _: Reader, since: str = "", until: str = "", type: str = "") -> HTMLResponse:
    query = {k: v for k, v in (("since", since), ("until", until), ("type", type)) if v}
    return render(request, "graph.html", query=query, types=TYPES, api="/api/graph?" + urlencode(query))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(entity_id: str, request: Request, conn: Conn, _: Reader) -> HTMLResponse:
    return render(request, "entity.html", entity=entity_payload(request, conn, entity_id))


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, conn: Conn, _: Reader, offset: Offset = 0) -> HTMLResponse:
    found, total = review.queue(conn, 20, offset)
    return render(request, "review.html", events=found, total=total, offset=offset, types=TYPES)


@router.post("/review/{event_id}")
def review_form(event_id: str, request: Request, csrf: Annotated[str, Form()], action: Annotated[str, Form()],
                type: Annotated[str, Form()] = "", mode: Annotated[str, Form()] = "",
                date: Annotated[str, Form()] = "", status: Annotated[str, Form()] = "",
                back: Annotated[str, Form()] = "/review") -> RedirectResponse:
    check_csrf(request, csrf)
    with request.app.state.settings.engine.connect() as conn:
        name = who(request, conn)
    if name is None:
        raise HTTPException(401, "sign in with a token to review (dyads token create NAME)")
    changes = {k: v for k, v in (("type", type), ("mode", mode), ("date", date), ("status", status)) if v.strip()}
    try:
        with serialized_write(request) as conn:
            new_id = review.decide(conn, event_id, action, name, changes if action == "correct" else None)
    except DyadsError as exc:
        raise failure(exc) from None
    target = back if back.startswith("/") and not back.startswith("//") else "/review"
    return RedirectResponse(target.replace(event_id, new_id or event_id), status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", problem=None)


@router.post("/login")
def login(request: Request, csrf: Annotated[str, Form()], token: Annotated[str, Form()]) -> Any:
    check_csrf(request, csrf)
    with request.app.state.settings.engine.connect() as conn:
        name = tokens.holder(conn, token)
    if name is None:
        return render(request, "login.html", status_code=401, problem="unknown token")
    state = request.app.state.work
    state.close_session(request.session.get("sid"))
    request.session.clear()
    request.session["sid"] = state.open_session(tokens.fingerprint(token))  # the cookie never holds the token
    request.session["csrf"] = secrets.token_urlsafe(24)  # a new session, a new CSRF token
    return RedirectResponse("/review", status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> RedirectResponse:
    check_csrf(request, csrf)
    request.app.state.work.close_session(request.session.get("sid"))  # a copy of the cookie dies too
    request.session.clear()
    return RedirectResponse("/events", status_code=303)
