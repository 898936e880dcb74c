"""`extract(raw) -> Extraction`: the one entry point of the pipeline, a pure function of the
document, the options and the loaded knowledge (no database, no global state), so the CLI,
the server, the tests and a distributed engine run the same code.

Stages, in order:
1. decode     bytes to text (BOM, UTF-8, detected encoding); binary input is refused
2. page       for HTML: the main text, title and metadata date (trafilatura, htmldate)
3. repair     mojibake repair that leaves quotes, widths and spacing alone (ftfy)
4. languages  each line's language by script or classifier; the document's by majority
5. clean      whole lines of spam and page furniture removed (a teaser glued into a
              paragraph cut out as a piece of its own), each removal recorded
6. segments   the kept lines, with offsets into the cleaned text and their languages
7. published  the option, else metadata, else the text's dateline or stamp (with its
              offsets), else the URL's date
8. title      metadata title, else the opening headline line
9. entities   gazetteer names, titles, short and garbled forms, resolved to identities
              through role and tenure at the publication date (dyads.entities)
10. events    PLOVER events and quotes: triggers, roles, dates resolved against the
              publication date and the story's reference day, merged per real-world
              event (dyads.events)
"""

from __future__ import annotations

from dyads.clean import boilerplate, languages
from dyads.clean.decode import decode, repair
from dyads.clean.html import html_to_text
from dyads.clean.publication import publication_date
from dyads.clean.published import Line
from dyads.clean.title import find_title
from dyads.entities import link_entities
from dyads.events import extract_events
from dyads.errors import DocumentError
from dyads.langdata import Knowledge
from dyads.limits import deadline
from dyads.model import Document, Extraction, RawDocument, Removal, Segment
from dyads.options import Options

_DEFAULT_OPTIONS = Options()


def extract(raw: RawDocument, options: Options | None = None, knowledge: Knowledge | None = None) -> Extraction:
    options = options or _DEFAULT_OPTIONS
    knowledge = knowledge or Knowledge.default()
    with deadline(options.max_seconds):
        return _extract(raw, options, knowledge)


def _extract(raw: RawDocument, options: Options, knowledge: Knowledge) -> Extraction:
    if len(raw.content) > options.max_document_bytes:
        raise DocumentError("E006", limit=options.max_document_bytes)

    # 1–3: text
    meta_title, meta_published = raw.title, raw.published
    meta_source, page_url = "given with the document (feed item date or JSON published)", None
    if raw.kind == "html":
        page = html_to_text(raw.content, options.max_html_depth)
        text = page.text
        meta_title = meta_title or page.title
        if not meta_published and page.published:
            meta_published, meta_source = page.published, "the page's metadata (htmldate)"
        page_url = page.url
    else:
        text = decode(raw.content)
    lines = repair(text).split("\n")

    # 4: languages, before cleaning so that cleaning uses the document's own rules
    stated = options.language or raw.language
    line_languages = [languages.line_language(line, knowledge) for line in lines]
    language = stated or languages.document_language(line_languages, knowledge)

    # 5: clean (a teaser glued into a paragraph is cut out as a piece of its own)
    own = [knowledge.language(l.language) if l.language and l.language != language else None
           for l in line_languages]
    pieces = boilerplate.clean(lines, knowledge.language(language), own)

    # 6: segments over the kept pieces (blank runs folded to one paragraph break)
    cleaned, spans, removed = _join(pieces)
    if not cleaned:
        raise DocumentError("E060")
    kept_languages = [line_languages[p.line] for p in pieces if p.reason is None and p.text]
    if not stated:
        language = languages.document_language(kept_languages, knowledge)
    final = languages.assign(kept_languages, language, knowledge)
    segments = [Segment(start, end, lang) for (start, end), lang in zip(spans, final)]

    # 7: publication date: option, metadata, the text's stamp, the URL (clean/publication.py);
    # the text's own stamp is read even when the date is given: it dates no event
    lines = [Line(s.start, cleaned[s.start:s.end], knowledge.language(s.language)) for s in segments]
    others = [knowledge.language(language), *(knowledge.languages[c] for c in sorted(knowledge.languages))]
    publication = publication_date(
        option=options.published, metadata=meta_published, metadata_detail=meta_source, lines=lines,
        removed=removed, languages=others, urls=(raw.url, page_url),
    )
    published, evidence, stamp = publication.date, publication.evidence, publication.stamp

    # 8: title
    title = meta_title or find_title(cleaned, segments, language, evidence or stamp)

    document = Document(
        id=raw.id,
        path=raw.path,
        text=cleaned,
        title=title,
        published=published,
        published_evidence=evidence,
        language=language,
        segments=segments,
        removed=removed,
        published_source=publication.source,
    )
    entities = link_entities(cleaned, language, published, knowledge)
    events, quotes = extract_events(cleaned, segments, entities, language, published, title, knowledge, stamp)
    return Extraction(document=document, entities=entities, events=events, quotes=quotes)


def _join(pieces: list[boilerplate.Piece]) -> tuple[str, list[tuple[int, int]], list[Removal]]:
    """Kept pieces joined by newlines; a run of blank lines becomes one empty line. Returns
    the text, the span of each non-empty piece, and the removals, each with its offsets in
    the text cleaning read and where it stood in the cleaned text."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    removed: list[Removal] = []
    offset = 0
    blank_pending = False
    for piece in pieces:
        if piece.reason:
            removed.append(Removal(piece.text, piece.reason, piece.start, piece.end, offset))
            continue
        if not piece.text:
            blank_pending = bool(parts)
            continue
        if parts:
            separator = "\n\n" if blank_pending else "\n"
            parts.append(separator)
            offset += len(separator)
        parts.append(piece.text)
        spans.append((offset, offset + len(piece.text)))
        offset += len(piece.text)
        blank_pending = False
    return "".join(parts), spans, removed
