"""Per-document scores of CONTRACT §3: cleaning, publication date, entities, events.

Counts rather than ratios are kept per file, so that totals are sums (micro averages)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from dyads.eval.gold import Gold, GoldEvent
from dyads.eval.names import EntityIndex, norm, norm_set

SCORED_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST", "REJECT"})


@dataclass
class Counts:
    spam_total: int = 0
    spam_removed: int = 0
    evidence_total: int = 0
    evidence_kept: int = 0
    published_total: int = 0
    published_right: int = 0
    entity_gold: int = 0
    entity_found: int = 0
    entity_predicted: int = 0
    entity_predicted_matching: int = 0
    alias_total: int = 0
    alias_found: int = 0
    event_gold: int = 0
    event_predicted: int = 0
    event_exact: int = 0
    event_matched: int = 0
    # gold events missed although an act of their type was found in their sentence: the
    # trigger was right, the actors were not
    event_wrong_actors: int = 0
    mode_right: int = 0
    location_right: int = 0
    amount_total: int = 0
    amount_right: int = 0
    quote_total: int = 0
    quote_right: int = 0

    def add(self, other: "Counts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def metrics(self) -> dict[str, float | None]:
        return {
            "cleaning_spam_removed": _ratio(self.spam_removed, self.spam_total),
            "cleaning_evidence_kept": _ratio(self.evidence_kept, self.evidence_total),
            "published": _ratio(self.published_right, self.published_total),
            "entity_recall": _ratio(self.entity_found, self.entity_gold),
            "entity_precision": _ratio(self.entity_predicted_matching, self.entity_predicted, empty=self.entity_gold == 0),
            "alias_recall": _ratio(self.alias_found, self.alias_total),
            "event_precision": _ratio(self.event_exact, self.event_predicted, empty=self.event_gold == 0),
            "event_recall": _ratio(self.event_exact, self.event_gold),
            "event_f1": _f1(self.event_exact, self.event_predicted, self.event_gold),
            "event_f1_any_date": _f1(self.event_matched, self.event_predicted, self.event_gold),
            "date_accuracy": _ratio(self.event_exact, self.event_matched),
            "wrong_actors": _ratio(self.event_wrong_actors, self.event_gold),
            "mode_accuracy": _ratio(self.mode_right, self.event_matched),
            "location_accuracy": _ratio(self.location_right, self.event_matched),
            "amount_accuracy": _ratio(self.amount_right, self.amount_total),
            "quote_accuracy": _ratio(self.quote_right, self.quote_total),
        }


def _ratio(part: int, whole: int, empty: bool = False) -> float | None:
    if whole == 0:
        return 1.0 if empty else None
    return part / whole


def _f1(hits: int, predicted: int, gold: int) -> float | None:
    if predicted == 0 and gold == 0:
        return None
    if hits == 0:
        return 0.0
    precision, recall = hits / predicted, hits / gold
    return 2 * precision * recall / (precision + recall)


@dataclass
class FileScore:
    name: str
    counts: Counts = field(default_factory=Counts)
    published: tuple[str | None, str | None] = (None, None)  # (predicted, gold)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    error: str | None = None


def score(name: str, extraction: dict[str, Any], gold: Gold) -> FileScore:
    result = FileScore(name)
    _score_cleaning(extraction["document"]["text"], gold, result)
    predicted = extraction["document"].get("published")
    result.published = (predicted, gold.published)
    result.counts.published_total = 1
    result.counts.published_right = int(predicted == gold.published)
    if predicted != gold.published:
        result.misses.append(f"published: {predicted} (gold {gold.published})")
    _score_entities(extraction.get("entities") or [], gold, result)
    _score_events(extraction, gold, result)
    return result


def _score_cleaning(text: str, gold: Gold, result: FileScore) -> None:
    c = result.counts
    for spam in gold.must_not_survive_cleaning:
        c.spam_total += 1
        if spam in text:
            result.misses.append(f"cleaning: kept {spam!r}")
        else:
            c.spam_removed += 1
    for event in gold.events:
        c.evidence_total += 1
        if event.evidence in text:
            c.evidence_kept += 1
        else:
            result.misses.append(f"cleaning: lost evidence {event.evidence[:60]!r}")


def _is_person(kind: str | None) -> bool:
    return kind == "person"


def _score_entities(entities: list[dict[str, Any]], gold: Gold, result: FileScore) -> None:
    c = result.counts
    index = EntityIndex(entities)
    for g in gold.entities:
        if g.type == "place":
            continue
        c.entity_gold += 1
        names = norm_set(g.names)
        match = next(
            (e for e in entities if _is_person(e.get("type")) == _is_person(g.type) and index.own_names(e) & names),
            None,
        )
        if match is None:
            result.misses.append(f"entity: {g.names[0]} ({g.type})")
        else:
            c.entity_found += 1
        if g.type == "person":
            aliases = norm_set(match.get("aliases") or []) if match else set()
            for surface in g.surface:
                c.alias_total += 1
                if norm(surface) in aliases:
                    c.alias_found += 1
                elif match is not None:
                    result.misses.append(f"alias: {surface!r} of {g.names[0]}")
    gold_names = norm_set(n for g in gold.entities for n in [*g.names, *g.surface])
    for e in entities:
        if e.get("type") == "place":
            continue
        c.entity_predicted += 1
        if index.own_names(e) & gold_names:
            c.entity_predicted_matching += 1
        else:
            result.extras.append(f"entity: {e.get('name')} ({e.get('type')})")


def _covers(groups: list[list[str]], actors: list[set[str]]) -> bool:
    """Each gold actor group covered by a distinct predicted actor (a small bipartite match)."""
    wanted = [norm_set(group) for group in groups]

    def assign(i: int, used: frozenset[int]) -> bool:
        if i == len(wanted):
            return True
        return any(j not in used and wanted[i] & names and assign(i + 1, used | {j}) for j, names in enumerate(actors))

    return assign(0, frozenset())


def _describe_gold(event: GoldEvent) -> str:
    who = " | ".join(group[0] for group in event.actors if group)
    return f"{event.type}/{event.mode} {event.date} {event.status} [{who}] «{event.evidence[:70]}»"


def _describe(event: dict[str, Any], index: EntityIndex) -> str:
    who = " | ".join(
        str(index.by_id.get(a.get("entity"), {}).get("name", a.get("entity"))) for a in event.get("actors") or []
    )
    return f"{event.get('type')}/{event.get('mode')} {event.get('date')} {event.get('status')} [{who}]"


def _score_events(extraction: dict[str, Any], gold: Gold, result: FileScore) -> None:
    c = result.counts
    index = EntityIndex(extraction.get("entities") or [])
    predicted = [e for e in extraction.get("events") or [] if e.get("type") in SCORED_TYPES]
    golds = [g for g in gold.events if g.type in SCORED_TYPES]
    c.event_gold, c.event_predicted = len(golds), len(predicted)
    actor_names = [[index.names(a.get("entity")) for a in p.get("actors") or []] for p in predicted]

    def candidate(g: GoldEvent, j: int) -> bool:
        p = predicted[j]
        return p.get("type") == g.type and p.get("status") == g.status and _covers(g.actors, actor_names[j])

    matched: dict[int, int] = {}  # gold index -> predicted index
    taken: set[int] = set()
    for i, g in enumerate(golds):  # pass 1: the exact gold date string
        for j in range(len(predicted)):
            if j not in taken and predicted[j].get("date") == g.date and candidate(g, j):
                matched[i] = j
                taken.add(j)
                c.event_exact += 1
                break
    for i, g in enumerate(golds):  # pass 2: any date, same mode then same month first
        if i in matched:
            continue
        options = [j for j in range(len(predicted)) if j not in taken and candidate(g, j)]
        if options:
            month = (g.date or "")[:7]
            j = min(options, key=lambda k: (predicted[k].get("mode") != g.mode,
                                             len(month) < 7 or (predicted[k].get("date") or "")[:7] != month, k))
            matched[i] = j
            taken.add(j)
            result.misses.append(f"date: {_describe_gold(g)} predicted {predicted[j].get('date')}")
    c.event_matched = len(matched)
    text = (extraction.get("document") or {}).get("text") or ""
    for i, g in enumerate(golds):
        if i not in matched:
            result.misses.append(f"event: {_describe_gold(g)}")
            c.event_wrong_actors += int(_same_act_found(g, text, predicted, taken))
            continue
        p = predicted[matched[i]]
        c.mode_right += int(p.get("mode") == g.mode)
        c.location_right += int(_location_right(p.get("location"), g.location, index))
        if g.amount is not None:
            c.amount_total += 1
            c.amount_right += int(any(
                a.get("currency") == g.amount.currency and abs(float(a.get("value", 0)) - g.amount.value) <= 1e-6 * max(1.0, g.amount.value)
                for a in p.get("amounts") or []
            ))
        if g.quote is not None:
            c.quote_total += 1
            c.quote_right += int(_quote_right(p.get("quote"), g.quote.speaker, g.quote.text, index))
    for j, p in enumerate(predicted):
        if j not in taken:
            result.extras.append(f"event: {_describe(p, index)}")


def _same_act_found(g: GoldEvent, text: str, predicted: list[dict[str, Any]], taken: set[int]) -> bool:
    """Whether an unmatched prediction of the gold event's type and status stands in its
    evidence sentence (the trigger was found; its actors were wrong or missing)."""
    start = text.find(g.evidence) if g.evidence else -1
    if start < 0:
        return False
    end = start + len(g.evidence)
    for j, p in enumerate(predicted):
        evidence = p.get("evidence") or {}
        if j not in taken and p.get("type") == g.type and p.get("status") == g.status \
                and evidence.get("start", -1) < end and start < evidence.get("end", -1):
            return True
    return False


def _location_right(location: str | None, gold: list[str] | None, index: EntityIndex) -> bool:
    if not gold:
        return location is None
    if location is None:
        return False
    entity = index.by_id.get(location)
    return bool(entity and index.own_names(entity) & norm_set(gold))


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _quote_right(quote: dict[str, Any] | None, speaker: str, text: str, index: EntityIndex) -> bool:
    if not quote:
        return False
    if norm(speaker) not in index.names(quote.get("speaker")):
        return False
    predicted, wanted = _squash(quote.get("text") or ""), _squash(text)
    return bool(predicted and wanted) and (wanted in predicted or predicted in wanted)
