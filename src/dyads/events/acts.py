"""Each trigger of a sentence made into candidate events: its roles, status and dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dyads.events.amounts import Amount
from dyads.events.dates import DateMention
from dyads.events.details import location_of, mode_of, typed
from dyads.events.document import (
    AGENT_REACH,
    BOUNDARY,
    POSSESSIVE,
    SPACE,
    SUMMIT_REACH,
    TARGET_REACH,
    WINDOW,
    WORD,
    Candidate,
    DocumentView,
    Mention,
    cue_before,
)
from dyads.events.lemmas import Hit
from dyads.events.quotes import inside
from dyads.events.reference import resolve_pronoun
from dyads.events.roles import (
    clause_end,
    dated_parties,
    destination,
    host_of_place,
    implied_counterpart,
    is_reporting,
    list_continues,
    metonyms,
    visit_roles,
    without_qualifiers,
)
from dyads.events.sentences import Sentence
from dyads.events.timing import (
    crosses,
    date_span,
    dates_for,
    distance,
    earlier_dates,
    is_edition,
    report_clause_end,
    resolve_date,
    setting_dates,
    talks_dates,
)
from dyads.events.tree import (
    ASKED,
    REPORT,
    asked_mode,
    date_owner,
    settings,
    tree_roles,
    trigger_heads,
)
from dyads.events.triggers import (
    independent,
    is_back_reference,
    is_noun,
    kind_of,
    person_follows,
)
from dyads.langdata.schema import TriggerForms
from dyads.model import Span


def plausible(doc: DocumentView, sentence: Sentence) -> list[Hit]:
    """The sentence's triggers that its words leave standing as acts: not quoted, negated,
    hypothetical or a list of areas, with the person or thing their entry needs. Only
    sentences with one are parsed."""
    kept = []
    for hit in doc.between(doc.triggers, sentence):
        if hit.spec.mode == "visit" and (cargo := _cargo(doc, sentence, hit)) is not None:
            hit = dataclasses.replace(hit, spec=cargo, others=())
        for spec in (hit.spec, *hit.others):
            match = dataclasses.replace(hit, spec=spec, others=()) if spec is not hit.spec else hit
            if _stands(doc, sentence, match):
                kept.append(match)
                break
    return kept


def _cargo(doc: DocumentView, sentence: Sentence, hit: Hit) -> TriggerForms | None:
    """What arrives is aid, not a visitor ("The first Abrams tanks have arrived in Ukraine",
    "A Saudi plane carrying food aid landed in Aleppo"): an aid word before an arrival with
    no person named before it makes the arrival a delivery (the language's first AID entry)."""
    needs = doc.lexicon.needs.get("aid")
    if needs is None or not needs.search(doc.text, sentence.start, hit.start()):
        return None
    if any(m.entity["type"] == "person" for m in doc.in_sentence(sentence, ("person",)) if m.end <= hit.start()):
        return None
    return next((t for t in doc.lexicon.triggers.by_form.values() if t.type == "AID"), None)


def _stands(doc: DocumentView, sentence: Sentence, match: Hit) -> bool:
    text, lex, spec = doc.text, doc.lexicon, match.spec
    if inside(doc.quotes, match.start(), match.end()):
        return False
    if cue_before(lex.cues["negation"], text, match.start(), sentence.start, 3):
        return False
    if cue_before(lex.cues["hypothetical"], text, match.start(), sentence.start, 8) \
            and not cue_before(lex.cues["setting"], text, match.start(), sentence.start, 1):
        return False  # "memungkinkan latihan bersama"; but "… perlunya X pada KTT NATO": the summit was held
    if cue_before(lex.cues["lists"], text, match.start(), sentence.start, 6) and spec.type in ("COOPERATE", "CONSULT"):
        return False
    if spec.needs == "person":
        return person_follows(doc, match.end(), sentence.end)
    if not spec.needs:
        return True
    needed = lex.needs[spec.needs].search(text, match.end(), min(sentence.end, match.end() + WINDOW))
    if needed:  # no appeal for it between ("sent out an appeal for aid")
        return not lex.cues["implied_request"].search(text, match.end(), needed.start())
    # the thing as the subject of a passive: "Two helicopters were handed over"
    before = list(lex.needs[spec.needs].finditer(text, max(sentence.start, match.start() - WINDOW), match.start()))
    return bool(before) and not lex.cues["implied_request"].search(text, before[-1].end(), match.start())


def sentence_events(doc: DocumentView, sentence: Sentence, standing: list[Hit], reference: dt.date | None,
                    earlier: list[Candidate], last_people: list[str]) -> list[Candidate]:
    """`standing`: the sentence's plausible triggers."""
    triggers = [(match, match.spec) for match in standing  # "Dalam pertemuan tersebut": the meeting told before
                if not is_back_reference(doc, match, match.spec, sentence, earlier)]
    triggers = independent(doc, triggers)
    if not triggers:
        return []
    actors = [m for m in doc.in_sentence(sentence, ("person", "organization", "country"))
              if not is_reporting(doc, sentence, m)]
    places = doc.in_sentence(sentence, ("place",))
    actors = sorted([*actors, *metonyms(doc, sentence, places)], key=lambda m: m.start)
    actors = without_qualifiers(doc, actors)
    dates = [d for d in doc.between(doc.dates, sentence) if not inside(doc.quotes, d.start, d.end)
             and not doc.in_name(d.start, d.end)  # "Dong Jun" is a name, not June
             and not (doc.stamp and d.start < doc.stamp.end and doc.stamp.start < d.end) and not is_edition(doc, d)]
    if dates:
        report = report_clause_end(doc, sentence, triggers[0][0].start())
        dates = [d for d in dates if d.start >= report]  # "Earlier on Monday, X told a briefing that …": the report's day
    amounts = doc.between(doc.amounts, sentence)
    # each date belongs to the trigger nearest to it, a weak one ("membahas") only if no other is there
    strong = [i for i, (_, t) in enumerate(triggers) if not t.weak] or list(range(len(triggers)))
    owner = {id(d): min(strong, key=lambda i: (crosses(doc, d, triggers[i][0]), distance(d, triggers[i][0])))
             for d in dates}
    parse = doc.parses.get(sentence.start)
    if parse is not None:  # a date dates the act whose clause holds it
        heads = trigger_heads(doc, parse, [match for match, _ in triggers])
        asking = frozenset(i for i, (_, t) in enumerate(triggers) if t.type in ("REQUEST", "REJECT"))
        above = {id(d): date_owner(doc, parse, d.start, d.end, heads, asking) for d in dates}
        # "…, the ministry confirmed on Monday"; "asked … to end the mission by 2025"
        dates = [d for d in dates if above[id(d)] not in (REPORT, ASKED)]
        for d in dates:
            if above[id(d)] in strong:
                owner[id(d)] = above[id(d)]
    found: list[Candidate] = []
    setting_of = settings(doc, parse, [match for match, _ in triggers]) if parse is not None else {}
    for index, (match, spec) in enumerate(triggers):
        own_dates = [d for d in dates if owner[id(d)] == index] \
            or [d for d in dates if index in setting_of and owner[id(d)] == setting_of[index]] \
            or setting_dates(doc, triggers, index, dates, owner) \
            or earlier_dates(triggers, index, dates, owner) or talks_dates(triggers, index, dates, owner)
        next_start = triggers[index + 1][0].start() if index + 1 < len(triggers) else sentence.end
        previous_end = triggers[index - 1][0].end() if index else sentence.start
        found.extend(events_at(doc, sentence, match, spec, actors, places, own_dates, amounts,
                                previous_end, next_start, reference, earlier + found, last_people))
    return found


def events_at(doc: DocumentView, sentence: Sentence, match: Hit, spec: TriggerForms,
               actors: list[Mention], places: list[Mention], dates: list[DateMention], amounts: list[Amount],
               previous_end: int, next_start: int, reference: dt.date | None,
               earlier: list[Candidate], last_people: list[str]) -> list[Candidate]:
    text, lex = doc.text, doc.lexicon
    t_start, t_end = match.span()
    reach = SUMMIT_REACH if spec.mode == "multilateral" else TARGET_REACH
    end = min(clause_end(doc, t_end, next_start), t_end + reach)
    floor = previous_end
    opened = None
    for opened in lex.cues["complementizers"].finditer(text, previous_end, t_start):
        pass
    if opened:  # "… told a briefing that Suh had turned down …": the clause's own subject
        floor = opened.end()
    if previous_end > sentence.start and not opened:
        # "Shoigu mengunjungi Pyongyang … dan Lavrov berkunjung": the new clause's subject
        comma = conjunction = None
        for comma in BOUNDARY.finditer(text, previous_end, t_start):
            pass
        for conjunction in lex.cues["conjunctions"].finditer(text, comma.end() if comma else previous_end, t_start):
            pass
        # a comma opens the new clause ("…, Kamikawa and Kihara paid a call"); a bare
        # conjunction only when no comma does ("… dan Lavrov berkunjung")
        for boundary in (comma, conjunction):
            if boundary and [m for m in actors if boundary.end() <= m.start < t_start]:
                floor = boundary.end()
                break
    before = [m for m in actors if floor <= m.end <= t_start] or \
        ([m for m in actors if sentence.start <= m.end <= t_start] if previous_end > sentence.start and not opened else [])
    after = [m for m in actors if t_end <= m.start < end]
    if after:
        after += list_continues(doc, actors, after[-1], sentence.end)
    sources = [m.entity["id"] for m in before]
    targets = [m.entity["id"] for m in after]
    noun = is_noun(doc, spec, match, sentence)
    if noun:
        lead = " ".join(text[max(sentence.start, t_start - 50):t_start].split()[-4:])
        if lex.cues["setting"].search(" ".join(lead.split()[-2:])) and earlier and earlier[-1].sentence == sentence:
            # "… “membahas …” dalam pertemuan pagi ini": the setting of the act before it
            sources, targets = list(earlier[-1].sources), list(earlier[-1].targets)
        elif not lex.cues["light_verbs"].search(lead) and not lex.cues["setting"].search(lead) \
                and not (spec.mode == "visit" and lex.cues["purpose"].search(" ".join(lead.split()[-1:]))):
            # a noun that is no act of the sentence's subject: "North Korea denounced the visit"
            possessive = [m for m in before if POSSESSIVE.match(text, m.end)
                          and len(WORD.findall(text[m.end:t_start])) <= 3]
            sources = [m.entity["id"] for m in possessive[-1:]]
        if lex.cues["between"].match(text, SPACE.match(text, t_end).end()) or \
                lex.cues["between"].search(text, t_end, min(end, t_end + 40)):
            sources, targets = [m.entity["id"] for m in after[:1]], [m.entity["id"] for m in after[1:]]
    # two acts of one subject: "X melakukan perjalanan ke Y dan mengadakan pembicaraan …"
    joined = lex.cues["conjunctions"].search(text, max(previous_end, t_start - 20), t_start)
    second_act = previous_end > sentence.start and joined and earlier and earlier[-1].sentence == sentence \
        and not [m for m in actors if joined.end() <= m.start < t_start]
    if second_act:
        sources = list(earlier[-1].sources)
    # a relative clause: "Christopher Cavoli, yang sedang mengunjungi Korea Selatan"
    relative = lex.cues["relative"].search(text, max(sentence.start, t_start - 30), t_start)
    if relative and not [m for m in actors if relative.end() <= m.start < t_start]:
        antecedent = [m for m in actors if m.end <= relative.start()]
        if antecedent:
            sources = [antecedent[-1].entity["id"]]
    # a passive's agent: "dilakukan oleh … Petr Pavel", "signed by …"
    agent = lex.cues["by"].search(text, t_end, min(end, t_end + AGENT_REACH))
    if agent:
        behind = [m for m in after if m.start >= agent.end()]
        people = [m for m in behind if m.entity["type"] == "person"]
        agents = [m.entity["id"] for m in (people or behind)[:1]]
        if agents:
            sources, targets = agents, [a for a in targets if a not in agents]
    if lex.cues["plural"].match(text, SPACE.match(text, t_end).end()) and earlier:
        antecedent = next((c for c in reversed(earlier) if len(c.actors) >= 2), None)
        if antecedent:  # "selama percakapan telepon mereka": their call
            sources, targets = antecedent.actors[:1], antecedent.actors[1:2]
    if spec.mode == "visit":
        sources, targets = visit_roles(doc, spec, t_end, end, after, sources)
    if not sources and spec.mode == "multilateral" and after:
        sources, targets = [after[0].entity["id"]], [m.entity["id"] for m in after[1:]]
    if not sources and lex.cues["setting"].match(text, SPACE.match(text, sentence.start).end()) \
            or not sources and lex.cues["conjunctions"].match(text, SPACE.match(text, sentence.start).end()):
        comma = text.find(",", t_end, sentence.end)
        people = [m for m in actors if comma >= 0 and m.start > comma and m.entity["type"] == "person"]
        sources = [people[0].entity["id"]] if people else sources
    window_sources, window_targets = list(sources), list(targets)
    tree = tree_roles(doc, doc.parses[sentence.start], match, actors) if sentence.start in doc.parses else None
    if tree is not None and not tree.asserted:
        return []  # "the pact will allow joint exercises"
    if tree is not None and (tree.sources or tree.pronoun):
        # the tree's subject first; names the window also saw there stay (a parse often
        # drops conjuncts of a long list), a pronoun subject leaves them to reference
        own = [m.entity["id"] for m in tree.sources]
        sources = _in_text_order(own + ([a for a in sources if a not in own] if own else []), actors)
    if tree is not None and tree.targets:
        own = [m.entity["id"] for m in tree.targets if m.entity["id"] not in sources]
        targets = _in_text_order(own + [a for a in targets if a not in own and a not in sources], actors)
    antecedent = None
    if not sources:
        sources, antecedent = resolve_pronoun(doc, sentence, t_start, earlier, last_people, t_end)
    if not sources and targets and kind_of(spec) == "talks":
        # "Pertemuan puncak dengan Presiden To Lam dijadwalkan …": the story's protagonist
        sources = next(([a for a in c.sources if doc.entities.get(a, {}).get("type") == "person"][:1]
                        for c in reversed(earlier) if any(doc.entities.get(a, {}).get("type") == "person" for a in c.sources)), [])
    status = "planned" if cue_before(lex.cues["planned"], text, t_start, max(previous_end, sentence.start), 10) else "occurred"
    if second_act and earlier[-1].status == "planned":
        status = "planned"  # "is scheduled to meet Kihara on Monday before flying to Manila"
    mode = mode_of(doc, spec, sentence)
    kind = spec.type
    if kind in ("REQUEST", "REJECT") and sentence.start in doc.parses:
        # what is asked or refused is the request's complement, not any word of the sentence
        asked = list(tree.targets) if tree is not None else []
        mode = asked_mode(doc, doc.parses[sentence.start], match, lex.modes.get(kind, []), asked)
    told = None  # "rejected the request": the request told before, whose mode the refusal takes
    if kind == "REJECT" and lex.cues["implied_request"].search(text, t_end, min(end, t_end + 30)):
        told = next((c for c in reversed(earlier) if c.type == "REQUEST"), None)
        mode = mode or (told.mode if told else None)
        if told and not targets:
            targets = [a for a in told.sources if a not in sources]  # refused to the one who asked
    if kind in ("REQUEST", "REJECT") and mode is None:
        return []  # no concrete thing asked for: a general appeal (§5)
    if not targets and spec.mode == "visit":
        targets = host_of_place(doc, places, t_end, end)
    if not targets and kind == "AID":  # a delivery's destination receives it
        targets = [a for a in destination(doc, doc.in_sentence(sentence, ("country", "place")), t_end, end) if a not in sources]
    if not targets and (kind == "AID" or spec.mode == "visit"):
        targets = implied_counterpart(doc, sentence, sources, host=spec.mode == "visit")
    following = " ".join(text[t_end:min(next_start, t_end + 90)].split()[:8])
    if status == "occurred" and noun and lex.cues["planned"].search(following):
        status = "planned"  # "latihan Balikatan yang dijadwalkan …", "Pertemuan puncak … dijadwalkan pada tanggal 13"
    chosen_dates = dates_for(dates, t_start, t_end)
    previous = next((c.date for c in reversed(earlier) if c.date), None)  # "pada hari yang sama": the day just told
    resolved = [(resolve_date(d, doc, reference, status, previous), d) for d in chosen_dates] or [(None, None)]
    location = location_of(doc, places, spec, t_end, end, actors)
    made = []
    separate = lex.cues["separate"].search(text, max(sentence.start, t_start - 20), end)
    groups = [[t] for t in targets] if separate and kind == "CONSULT" and len(targets) > 1 else [targets]
    plans = [(date, mention, sources, group) for date, mention in resolved for group in groups]
    pairs = dated_parties(doc, actors, dates, t_end, sentence.end)
    if pairs and {p for p, _ in pairs} <= {*window_sources, *window_targets}:
        # "after Australia in January 2022 and Britain in January 2023": one act with each
        # (the dated parties stand outside the act's own clause, so the tree does not hold them)
        sources, targets = window_sources, window_targets
        named = {p for p, _ in pairs}
        rest_sources = [a for a in sources if a not in named]
        rest_targets = [a for a in targets if a not in named]
        if rest_targets and not named & set(sources):
            # a counterpart stays, the others take the subject's place: "X signed with Japan,
            # after Australia in 2022" is Australia's own act with Japan
            plans = [(resolve_date(d, doc, reference, status, previous), d, [p], rest_targets) for p, d in pairs]
        else:
            plans = [(resolve_date(d, doc, reference, status, previous), d,
                      rest_sources + [p] * (p in sources), rest_targets + [p] * (p in targets)) for p, d in pairs]
        plans.append((None, None, rest_sources, rest_targets))
    for date, mention, own_sources, group in plans:
        own_status = status
        if date and doc.published and own_status == "occurred" and date > doc.published.isoformat()[:len(date)]:
            own_status = "planned"
        explicit = mention is not None
        offset = lex.cues["day_offsets"].search(text, max(sentence.start, t_start - 60), t_start)
        if offset and mention is not None and mention.end <= offset.start() and date and len(date) == 10 \
                and not BOUNDARY.search(text, offset.end(), t_start):
            # "On Monday, Blinken met …, a day after he and Austin held talks": the Sunday (but
            # "On Tuesday, the day before the signing, she called on …" is the Tuesday: the
            # offset phrase closed before the act)
            shift = lex.offsets.get(offset.group().casefold(), 0)
            date = (dt.date.fromisoformat(date) + dt.timedelta(days=shift)).isoformat()
        elif mention is not None and date and len(date) == 10 and mention.end <= t_start \
                and (offset := lex.cues["day_offsets"].search(text, max(sentence.start, mention.start - 60), mention.start)) \
                and not BOUNDARY.search(text, offset.end(), mention.start) and BOUNDARY.search(text, mention.end, t_start):
            # "A day after being sworn in on 17 November, he asked …": the date is the other
            # act's, inside the offset phrase; this one is a day after it
            shift = -lex.offsets.get(offset.group().casefold(), 0)
            date = (dt.date.fromisoformat(date) + dt.timedelta(days=shift)).isoformat()
        if date is None and own_status == "occurred" and earlier and earlier[-1].explicit_date \
                and earlier[-1].sentence != sentence and lex.cues["anaphora"].search(text, sentence.start, t_start):
            date = earlier[-1].date  # "SPA tersebut diteken bertepatan dengan kunjungan …": that day
        if date is None and own_status == "occurred" and antecedent and antecedent.explicit_date \
                and antecedent.sentence != sentence:
            date = antecedent.date  # "On Saturday, Zelensky met … He also met …": that day
        if date is None and own_status == "occurred" and reference is not None:
            date = reference.isoformat()
        candidate = Candidate(kind, mode, own_status, sentence, (t_start, t_end), list(own_sources), list(group),
                               date, Span(*date_span(doc, mention)) if mention else None, explicit, location,
                               [a for a in amounts], weak=spec.weak)
        made.append(candidate)
        if kind == "REJECT" and told is None and lex.cues["implied_request"].search(text, t_end, min(end, t_end + 30)):
            made.append(Candidate("REQUEST", mode, candidate.status, sentence, (t_start, t_end), list(group),
                                   list(own_sources), date, candidate.date_text, explicit, location, []))
    for candidate in made:
        states = {doc.entities[a].get("country") for a in candidate.actors if doc.entities[a].get("country")}
        bodies = [a for a in candidate.actors if doc.entities[a]["type"] == "organization" and not doc.entities[a].get("country")]
        people = [a for a in candidate.actors if doc.entities[a]["type"] == "person"]
        if candidate.type == "CONSULT" and candidate.mode == "meeting" and (len(states) >= 3 or bodies and len(people) <= 1):
            candidate.mode = "multilateral"  # three parties or more, or an alliance's meeting (contract §2)
        if candidate.type == "CONSULT" and candidate.mode in ("meeting", "multilateral") \
                and lex.cues["mediation"].search(text, sentence.start, sentence.end):
            candidate.mode = "third-party"  # "talks with Egyptian and Qatari mediators"
    return [typed(c, doc) for c in made]


def _in_text_order(ids: list[str], actors: list[Mention]) -> list[str]:
    """Parties in the order the sentence names them (those it does not name last)."""
    first = {}
    for mention in actors:
        first.setdefault(mention.entity["id"], mention.start)
    return sorted(dict.fromkeys(ids), key=lambda a: first.get(a, 1 << 30))
