"""End-to-end tests of the web UI in a real browser: the record is built by the real CLI
(`dyads ingest` on the seeds, the samples and a hostile document), `dyads serve` runs as a
subprocess, and Debian's chromium (driven by Playwright) searches, sorts, pages, opens events,
draws the timeline and the network, reviews, and reads the hostile document.

Every page visited is saved as a full-page screenshot under tests/artifacts/screenshots/,
and every page must stay free of console errors and uncaught exceptions (a Content-Security-
Policy violation is reported as a console error, so none may happen either)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from conftest import IN_CI, ROOT, run_cli
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
TIMEOUT_MS = 15_000

# A news report whose text carries markup a scraper might have kept: it must show as text.
HOSTILE_SCRIPT = "<script>alert('pwned')</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE = f"""14 March 2024

Defence ministers meet in Canberra

CANBERRA, March 14 (Canberra Defence Wire) -- Indonesian Defence Minister Prabowo Subianto met Australian Defence Minister Richard Marles in Canberra on Thursday.

A reader comment pasted under the story read {HOSTILE_SCRIPT} and was followed by {HOSTILE_IMG} in the page source.

The two ministers discussed maritime security and training exchanges, officials said.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str, token: str, hostile_document: str) -> None:
        self.base = base
        self.token = token
        self.hostile_document = hostile_document

    def url(self, path: str) -> str:
        return self.base + path

    def get_json(self, path: str) -> Any:
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture(scope="module")
def server(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("web-e2e")
    hostile = work / "hostile" / "canberra-report.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = f"sqlite:///{work / 'record.db'}"

    built = run_cli("ingest", str(seeds), str(ROOT / "samples"), str(hostile.parent), "--db", db)
    assert built.returncode == 0, built.stderr
    created = run_cli("token", "create", "e2e-reviewer", "--db", db)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("dy_"), created.stdout

    port = _free_port()
    log = (work / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "dyads", "serve", "--db", db, "--port", str(port)],
                               cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"dyads serve exited with {process.returncode}:\n{(work / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(base + "/api/events?limit=1", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"dyads serve did not answer within 30 s:\n{(work / 'server.log').read_text()}")
            time.sleep(0.1)
        found = Server(base, token, "").get_json("/api/events?" + urlencode({"q": "Prabowo"}))
        documents = {s["document"] for e in found["events"] for s in e["sources"] if s["path"].endswith("canberra-report.txt")}
        assert len(documents) == 1, found
        yield Server(base, token, documents.pop())
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium, or run scripts/test.sh)")
    from playwright.sync_api import sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", autouse=True)
def screenshots_folder() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class UI:
    """One browser context (its own cookies) and page, watching for console errors, page
    errors and dialogs on every page it shows."""

    def __init__(self, browser: Any, server: Server, name: str) -> None:
        self.server = server
        self.name = name
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.shots = 0
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error on {self.page.url}: {error}"))
        self.page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error on {self.page.url}: {message.text} ({message.location})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.server.url(path), wait_until="load")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    def shot(self, label: str) -> Path:
        self.shots += 1
        path = SCREENSHOTS / f"{self.name}-{self.shots:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"


@pytest.fixture
def ui(browser: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[UI]:
    name = request.node.name.removeprefix("test_")
    for old in SCREENSHOTS.glob(f"{name}-*.png"):
        old.unlink()
    opened = UI(browser, server, name)
    yield opened
    opened.context.close()
    opened.check()


def rows(ui: UI) -> Any:
    return ui.page.locator("#results table.events tbody tr")


def row_ids(ui: UI) -> list[str]:
    hrefs = ui.page.locator("#results td.date a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [h.removeprefix("/events/") for h in hrefs]


def confidences(ui: UI) -> list[float]:
    cells = ui.page.locator("#results tbody tr td.num:last-child").all_inner_texts()
    return [float(c) for c in cells]


# The highlighted evidence lies within the visible part of its source's (scrolling) text box.
EVIDENCE_IN_VIEW = """(mark) => {
    const box = mark.closest('.text').getBoundingClientRect(), at = mark.getBoundingClientRect();
    return at.top >= box.top && at.top < box.bottom;
}"""


def cavoli_visit(server: Server) -> dict[str, Any]:
    """The merged event of Cavoli's visit to Seoul (2024-02-29), reported by several sources."""
    found = server.get_json("/api/events?" + urlencode({"q": "Cavoli", "type": "CONSULT", "mode": "visit"}))
    visits = [e for e in found["events"] if any("Cavoli" in a["name"] for a in e["actors"])]
    assert visits, found
    return max(visits, key=lambda e: len(e["sources"]))


# 1. Search, sort, page ---------------------------------------------------------------------------

def test_search_sort_and_pages(ui: UI, server: Server) -> None:
    page = ui.page
    ui.goto("/events")
    ui.shot("events")
    count = page.locator("#results p.count")
    everything = server.get_json("/api/events?limit=1")["total"]
    assert page.locator("#results p.count").inner_text().startswith(f"{everything} events")
    assert rows(ui).count() == min(everything, 25)

    # Search: htmx swaps the table into #results (no page load) and pushes the URL.
    page.evaluate("window.__noReload = true")
    page.fill("input[name=q]", "Cavoli")
    with page.expect_response(lambda r: "/events?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/events\?.*q=Cavoli"))
    expect(count).not_to_have_text(re.compile(f"^{everything} events"))
    assert page.evaluate("window.__noReload") is True, "the search reloaded the page instead of swapping #results"
    ui.shot("search-cavoli")
    matching = server.get_json("/api/events?" + urlencode({"q": "Cavoli", "limit": 500}))
    shown = row_ids(ui)
    assert 0 < len(shown) < everything
    assert sorted(shown) == sorted(e["id"] for e in matching["events"])
    assert page.locator("#results p.count").inner_text().startswith(f"{len(shown)} event")
    assert page.locator("input[name=q]").input_value() == "Cavoli"
    # empty fields mean "any" and stay out of the query (the server refuses `since=` and reads
    # `type=` as a type no event has)
    assert not re.search(r"[?&](actor|type|since|until|min_sources)=(&|$)", page.url), page.url

    # Choosing a type in the select narrows the same search at once (hx-trigger: change from:select).
    with page.expect_response(lambda r: "type=CONSULT" in r.url):
        page.select_option("select[name=type]", "CONSULT")
    page.wait_for_url(re.compile(r"q=Cavoli.*type=CONSULT|type=CONSULT.*q=Cavoli"))
    consult = server.get_json("/api/events?" + urlencode({"q": "Cavoli", "type": "CONSULT", "limit": 500}))
    expect(count).to_have_text(re.compile(f"^{consult['total']} event"))
    assert 0 < consult["total"] < len(shown)
    assert sorted(row_ids(ui)) == sorted(e["id"] for e in consult["events"])
    assert set(page.locator("#results tbody td .type").all_inner_texts()) == {"CONSULT"}
    ui.shot("search-cavoli-consult")
    page.select_option("select[name=type]", "")

    # Sort by confidence (ascending), then page on: back to every event first.
    page.fill("input[name=q]", "")
    page.click("#filters button[type=submit]")
    expect(count).to_have_text(re.compile(f"^{everything} events"))
    with page.expect_response(lambda r: "sort=confidence" in r.url):
        page.click("#results th a:has-text('Confidence')")
    page.wait_for_url(re.compile(r"sort=confidence"))
    page.locator("#results tbody tr").first.wait_for()
    first_page = confidences(ui)
    assert first_page == sorted(first_page) and len(first_page) == min(everything, 25)
    ui.shot("sorted-by-confidence")
    by_api = server.get_json("/api/events?" + urlencode({"sort": "confidence", "limit": 25}))
    assert [round(e["confidence"], 2) for e in by_api["events"]] == first_page

    if everything > 25:
        first_ids = row_ids(ui)
        with page.expect_response(lambda r: "offset=25" in r.url):
            page.click("#results nav.pages a.next")
        page.wait_for_url(re.compile(r"offset=25"))
        assert "sort=confidence" in page.url
        expect(count).to_contain_text("26–")
        second_page = confidences(ui)
        assert len(second_page) == min(everything - 25, 25)
        assert second_page == sorted(second_page) and second_page[0] >= first_page[-1]
        assert not set(row_ids(ui)) & set(first_ids)
        assert page.locator("#results nav.pages a:has-text('previous')").count() == 1
        ui.shot("page-2")
    assert page.evaluate("window.__noReload") is True
    ui.check()


# 2. An event with its evidence highlighted, sources side by side ---------------------------------

def test_event_page_highlights_evidence(ui: UI, server: Server) -> None:
    page = ui.page
    visit = cavoli_visit(server)
    ui.goto("/events?" + urlencode({"q": "Cavoli"}))
    page.click(f"#results td.date a[href='/events/{visit['id']}']")
    page.wait_for_url(re.compile(f"/events/{visit['id']}$"))
    ui.shot("cavoli-visit")

    detail = server.get_json(f"/api/events/{visit['id']}")
    assert page.locator("h1 .type").inner_text() == "CONSULT"
    assert page.locator("h1 .date").inner_text() == "2024-02-29"
    assert "Christopher Cavoli" in page.locator("dl.facts").inner_text()
    assert page.locator("dd.review-state").inner_text() == "not reviewed"
    sources = page.locator("div.sources article.source")
    assert sources.count() == len(detail["reports"]) >= 2
    assert len(detail["sources"]) >= 2
    languages = set()
    for i in range(sources.count()):
        article = sources.nth(i)
        document_id = article.locator("header > a").first.get_attribute("href").removeprefix("/documents/")
        document = server.get_json(f"/api/documents/{document_id}")
        languages.add(document["language"])
        assert article.get_attribute("lang") == document["language"]
        assert f"{document['language']} ·" in article.locator("header .meta").inner_text()
        marks = article.locator("mark.evidence")
        assert marks.count() == 1
        assert marks.evaluate(EVIDENCE_IN_VIEW), f"the evidence of {document_id} is scrolled out of its box"
        evidence = marks.inner_text()
        report = next(r for r in detail["reports"] if r["document"] == document_id)
        assert evidence == document["text"][report["evidence"]["start"]:report["evidence"]["end"]]
        assert len(evidence) > 20 and evidence in document["text"]
        # the highlight sits inside the document's cleaned text, which the page shows whole
        assert article.locator("div.text").inner_text().strip() == document["text"].strip()
        if document["removed"]:
            summary = article.locator("details.removed summary")
            assert summary.inner_text().startswith(f"Cleaning removed {len(document['removed'])} line")
        if report.get("quote"):
            assert article.locator("blockquote.quote").inner_text() == report["quote"]["text"]
    assert "en" in languages
    assert page.locator("form.review").count() == 0  # not signed in: no review buttons

    # the document page marks the same evidence and links it back to the event
    page.click("div.sources article.source header > a >> nth=0")
    page.wait_for_url(re.compile(r"/documents/"))
    ui.shot("cavoli-document")
    assert page.locator(f"a.evidence-link[href='/events/{visit['id']}'] mark.evidence").count() == 1
    ui.check()


# 3. Dyad timeline ---------------------------------------------------------------------------------

def test_timeline_draws_and_pairs_return_visits(ui: UI, server: Server) -> None:
    page = ui.page
    ui.goto("/timeline?" + urlencode({"a": "Korea Selatan", "b": "NATO"}))
    canvas = page.locator("canvas#timeline-chart[data-drawn]")
    canvas.wait_for()
    drawn = int(canvas.get_attribute("data-drawn"))
    data = server.get_json("/api/timeline?" + urlencode({"a": "Korea Selatan", "b": "NATO"}))
    assert drawn == len([e for e in data["events"] if e["date"]]) > 0
    assert page.locator("h2").first.inner_text().startswith(f"{data['a']['name']} – {data['b']['name']}")
    assert page.locator("ol.timeline > li").count() == len(data["events"])
    assert page.locator("canvas#timeline-chart").evaluate("c => c.width > 0 && c.height > 0")
    listing = page.locator("ol.timeline").inner_text()
    assert "return visit to" in listing
    # the link of a return visit points at the earlier visit's item in the same list
    target = page.locator("ol.timeline span.related a").first.get_attribute("href")
    assert target.startswith("#ev") and page.locator(f"ol.timeline li[id='{target[1:]}']").count() == 1
    ui.shot("korea-nato")
    ui.check()


# 4. Actor network ---------------------------------------------------------------------------------

def test_graph_draws_and_opens_an_actor(ui: UI, server: Server) -> None:
    page = ui.page
    ui.goto("/graph")
    page.locator("#graph[data-drawn]").wait_for()
    drawn = int(page.locator("#graph").get_attribute("data-drawn"))
    assert drawn == len(server.get_json("/api/graph")["nodes"]) > 0
    assert page.evaluate("window.dyadsGraph.nodes().length") == drawn
    assert page.locator("#graph canvas").count() > 0
    ui.shot("network")

    # Click the heaviest actor where Cytoscape drew it, as a user would.
    node = page.evaluate("""() => {
        const n = window.dyadsGraph.nodes().max((n) => n.data('weight')).ele;
        const p = n.renderedPosition();
        return {id: n.id(), label: n.data('label'), x: p.x, y: p.y};
    }""")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    page.wait_for_url(re.compile("/entities/"))
    assert page.url == server.url(f"/entities/{quote(node['id'], safe='')}")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == node["label"]
    assert page.locator("table.events tbody tr").count() > 0
    ui.shot("entity")

    # The filter form is a plain GET form: empty fields stay out of the URL, the network redraws.
    ui.goto("/graph")
    page.select_option("select[name=type]", "AGREE")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(server.url("/graph?type=AGREE"))
    page.locator("#graph[data-drawn]").wait_for()
    agree = server.get_json("/api/graph?type=AGREE")
    assert 0 < int(page.locator("#graph").get_attribute("data-drawn")) == len(agree["nodes"]) < drawn
    ui.shot("network-agree")
    ui.check()


# 5. Review ----------------------------------------------------------------------------------------

def test_review_needs_sign_in_and_csrf(ui: UI, browser: Any, server: Server) -> None:
    page = ui.page
    # Not signed in: the queue shows, without forms, and a posted decision is refused.
    ui.goto("/review")
    ui.shot("queue-signed-out")
    assert page.locator("form.review").count() == 0
    assert "Sign in" in page.locator("main p.problem").inner_text()
    first_id = page.locator("section.review-item").first.get_attribute("id").removeprefix("review-")
    assert page.locator("header form input[name=csrf]").count() == 0  # no sign-out form either
    ui.goto("/login")
    ui.shot("login")
    csrf = page.locator("form input[name=csrf]").input_value()
    refused = page.request.post(server.url(f"/review/{first_id}"), form={"csrf": csrf, "action": "reject"})
    assert refused.status == 401
    assert server.get_json(f"/api/events/{first_id}")["review"] is None

    # A wrong token is refused on the page.
    page.fill("input[name=token]", "dy_not-a-token")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("load")
    # (the 401 of the form post is the page itself, not a failed resource; drop its console line)
    ui.problems = [p for p in ui.problems if "status of 401" not in p]
    assert page.locator("main p.problem").inner_text() == "unknown token"

    # Sign in with the token: the queue shows the decision forms.
    page.fill("input[name=token]", server.token)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"/review$"))
    assert "e2e-reviewer" in page.locator("header .user").inner_text()
    assert page.locator("section.review-item form.review").count() > 0
    ui.shot("queue-signed-in")

    first = page.locator("section.review-item").first
    event_id = first.get_attribute("id").removeprefix("review-")
    before = server.get_json(f"/api/events/{event_id}")
    actors = list(dict.fromkeys(a["id"] for a in before["actors"]))

    def on_timeline() -> bool | None:
        if len(actors) < 2:
            return None
        data = server.get_json("/api/timeline?" + urlencode({"a": actors[0], "b": actors[1]}))
        return event_id in [e["id"] for e in data["events"]]

    def listed() -> bool:
        return event_id in [e["id"] for e in server.get_json("/api/events?limit=500")["events"]]

    assert listed() and on_timeline() in (True, None)

    # Forms without the CSRF field, or with a wrong one, are refused (signed in, same cookies).
    second_id = page.locator("section.review-item").nth(1).get_attribute("id").removeprefix("review-")
    missing = page.request.post(server.url(f"/review/{second_id}"), form={"action": "reject"})
    assert missing.status in (403, 422)
    forged = page.request.post(server.url(f"/review/{second_id}"), form={"csrf": "forged", "action": "reject"})
    assert forged.status == 403
    assert server.get_json(f"/api/events/{second_id}")["review"] is None

    # Reject the first event of the queue.
    first.locator("button[value=reject]").click()
    page.wait_for_url(re.compile(r"/review$"))
    page.wait_for_load_state("load")
    ui.shot("queue-after-reject")
    assert page.locator(f"section#review-{event_id}").count() == 0
    assert not listed()
    assert on_timeline() in (False, None)
    if len(actors) >= 2:
        ui.goto("/timeline?" + urlencode({"a": actors[0], "b": actors[1]}))
        page.locator("canvas#timeline-chart[data-drawn]").wait_for(state="attached")
        ui.shot("timeline-after-reject")
        assert page.locator(f"ol.timeline li[id='{event_id}']").count() == 0
        if page.locator("ol.timeline > li").count() == 0:  # nothing left: no empty chart either
            assert page.locator("canvas#timeline-chart").get_attribute("data-drawn") == "0"
            assert not page.locator("div.chart").is_visible()

    # The event's own page still opens and says it was rejected, and by whom.
    ui.goto(f"/events/{event_id}")
    ui.shot("rejected-event")
    assert page.locator("dd.review-state").inner_text() == "rejected"
    assert "e2e-reviewer: reject" in page.locator("ul.decisions").inner_text()
    assert page.locator("div.sources mark.evidence").first.evaluate(EVIDENCE_IN_VIEW)
    ui.check()


# 6. A hostile document stays text ----------------------------------------------------------------

def test_hostile_document_is_shown_as_text(ui: UI, server: Server) -> None:
    page = ui.page
    response = ui.goto(f"/documents/{server.hostile_document}")
    ui.shot("hostile-document")
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "object-src 'none'" in csp, csp
    main = page.locator("main").inner_text()
    assert HOSTILE_SCRIPT in main and HOSTILE_IMG in main
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert page.evaluate("document.querySelectorAll('main img').length") == 0
    assert page.evaluate("[...document.querySelectorAll('main *')].filter(e => e.hasAttribute('onerror')).length") == 0
    mark = page.locator("mark.evidence")
    assert mark.count() == 1 and "Prabowo Subianto met" in mark.inner_text()

    # The event page shows the same text in its source column, still as text.
    page.click("a.evidence-link")
    page.wait_for_url(re.compile(r"/events/ev"))
    ui.shot("hostile-event")
    assert HOSTILE_SCRIPT in page.locator("div.sources").inner_text()
    assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0

    # And in the search results swapped in by htmx (allowScriptTags is off, nothing runs).
    ui.goto("/events")
    page.fill("input[name=q]", "Prabowo")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=Prabowo"))
    expect(page.locator("#results tbody td.date")).to_have_count(1)
    ui.shot("search-prabowo")
    assert "Prabowo Subianto" in page.locator("#results tbody").inner_text()
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    page.wait_for_timeout(200)  # give a would-be dialog the chance to open
    assert ui.dialogs == []
    ui.check()
