"""Roles read from the dependency tree: who acts (source) and on whom (target), by the
relations of the language's roles.yaml, not by distance in characters.

For a trigger the clause is found first: the verb itself, or for a noun that names the act
the light verb it is the object of ("held talks", "melakukan kunjungan"). Then:
- its subject is the source, or in a passive clause the target (the agent, "oleh"/"by",
  becomes the source); a clause with no subject of its own shares its head's (conj,
  xcomp), and a relative clause's subject is the noun it hangs on;
- its object, and obliques whose case word has a role ("dengan", "ke", "with", "to"),
  are targets; obliques whose case word has none ("menurut", "according to") are nobody's
  party, and neither is the speaker of a reporting verb the clause depends on;
- a noun trigger's own bare dependent is its doer ("kunjungan Bauer", "Austin's visit").
A party's phrase is its subtree less the clauses under it, and its entities are the
mentions inside that phrase. A trigger under a word that does not assert it ("would allow
joint exercises") is reported as not asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dyads.events.document import DocumentView, Mention, Parse
from dyads.events.lemmas import Hit
from dyads.langdata.schema import RolesFile

if TYPE_CHECKING:
    import regex
    from spacy.tokens import Token

_DEPTH = 4  # how far up a clause looks for a subject it shares


@dataclass(slots=True)
class TreeRoles:
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    pronoun: bool = False  # the subject is a word with no entity (a pronoun, "kedua pihak")
    asserted: bool = True
    noun: bool = False


def tree_roles(view: DocumentView, parse: Parse, hit: Hit, actors: list[Mention]) -> TreeRoles | None:
    rules: RolesFile = view.language.roles
    token = trigger_token(parse, hit)
    if token is None:
        return None
    found = TreeRoles(noun=token.pos_ in rules.nouns)
    clause = token
    if found.noun and token.head.i != token.i and (
            _light_head(view, parse, token) is not None or _setting(view, token, rules)):
        clause = token.head  # "held talks", "took part in the meeting": the verb's subject acts
    found.asserted = not _governed_by(token, rules)
    voiced = any(feature in str(clause.morph) for feature in rules.passive_voice)  # "diteken", "diserahkan"
    passive = voiced or any(c.dep_ in rules.passive_subject or c.dep_ in rules.passive_markers for c in clause.children)
    cues = view.lexicon.cues
    subjects = _subjects(clause, rules)
    if subjects and subjects[0].head.i != clause.i:
        passive = False  # a subject shared with the clause above acts here ("dijadwalkan untuk menghadiri")
    for subject in subjects:
        word = subject.text
        if cues["relative"].fullmatch(word) and clause.dep_ in rules.relative and clause.head.i != clause.i:
            subject = clause.head  # "Cavoli, yang sedang mengunjungi …": the noun it hangs on
        mentions = _mentions(view, parse, subject, rules, actors)
        if not mentions and (cues["singular"].fullmatch(word) or cues["plural"].fullmatch(word)):
            found.pronoun = True  # "ia", "they": reference resolves it
        acted_on = passive and (subject.dep_ in rules.passive_subject or voiced)
        (found.targets if acted_on else found.sources).extend(mentions)
    heads = [token] if clause.i == token.i else [token, clause]
    for head in heads:
        for child in head.children:
            if child.dep_ in rules.object and head.i == clause.i and not (head.i == token.i and found.noun):
                found.targets.extend(_mentions(view, parse, child, rules, actors))
                # "reached an agreement with the IMF": the counterpart may hang on the object
                for grand in child.children:
                    if grand.dep_ in rules.obliques and _case_role(grand, rules) == "target":
                        found.targets.extend(_mentions(view, parse, grand, rules, actors))
            elif child.dep_ in rules.obliques or (voiced and child.dep_ in rules.bare_agent):
                role = _case_role(child, rules)
                if role is None and voiced and child.dep_ in rules.bare_agent and head.i == clause.i and child.i > clause.i:
                    role = "agent"  # "Perjanjian itu diteken Menteri X": the agent follows with no "oleh"
                if _particle_of(child, hit, parse, rules):
                    role = "target"  # the object of a listed prepositional verb: "called on X", "met with X"
                mentions = _mentions(view, parse, child, rules, actors)
                if role == "agent":
                    found.targets.extend(m for m in found.sources if m not in found.targets)
                    found.sources = mentions
                elif role in ("target", "source"):
                    (found.targets if role == "target" else found.sources).extend(mentions)
                elif role is None and head.i == token.i and found.noun and child.dep_ in rules.possessor \
                        and not found.sources:
                    found.sources.extend(mentions)
            elif child.dep_ in rules.possessor and head.i == token.i and found.noun:
                # "kunjungan Bauer": its doer; "mengadakan pertemuan menteri NATO": a party
                (found.targets if found.sources else found.sources).extend(_mentions(view, parse, child, rules, actors))
    found.targets = [m for m in found.targets if m not in found.sources]
    return found


def asked_mode(view: DocumentView, parse: Parse, hit: Hit, modes: list[tuple[str, "regex.Pattern[str]"]],
               exclude: list[Mention]) -> str | None:
    """What a request or refusal is about, read from its complement: the mode whose words
    the complement holds, else the mode its shape gives (a clause, a noun); None when it has
    no complement ("menolak", "declined to comment" aside, a bare appeal)."""
    rules: RolesFile = view.language.roles
    token = trigger_token(parse, hit)
    if token is None:
        return None
    parts = [c for c in token.children if c.dep_ in rules.complement
             and not (c.dep_ in rules.obliques and _case_role(c, rules) in ("target", "source", "agent"))]
    taken = {(m.start, m.end) for m in exclude}
    appeal = False
    for part in parts:
        words = sorted(_phrase(part, rules, cut=False), key=lambda t: t.i)
        start, end = parse.offset + words[0].idx, parse.offset + words[-1].idx + len(words[-1].text)
        if (start, end) in taken or not any(w.pos_ in ("NOUN", "VERB", "PROPN") for w in words):
            continue
        phrase = view.text[start:end]
        for mode, pattern in modes:
            if pattern.search(phrase):
                return mode
        appeal = appeal or bool(view.lexicon.cues["appeals"].search(phrase))
    if appeal:
        return None  # an appeal (§5)
    if hit.spec.type == "REJECT":
        # "refused to extend the grain deal": refusing to act is refusing a change asked
        # ("declined to comment" is no act: the negation cues drop it before)
        clauses = [p for p in parts if p.dep_ in rules.clause_complement and p.pos_ == "VERB"]
        return rules.clause_mode if clauses else None  # else a refusal of no request and nothing asked
    for part in parts:
        if part.dep_ in rules.clause_complement:
            return rules.clause_mode
    for part in parts:
        if part.pos_ == "NOUN":
            return rules.noun_mode
    return None


REPORT = -1  # date_owner's answer for a date of the report, not of an act
ASKED = -2  # … for a date of what is asked or refused, not of the asking


def date_owner(view: DocumentView, parse: Parse, start: int, end: int, heads: "dict[int, int]",
               asking: "frozenset[int]" = frozenset()) -> int | None:
    """The act a date phrase dates: the first trigger (or the light verb of one) above it in
    the tree; REPORT when a reporting verb comes first ("…, the ministry confirmed on
    Monday"); ASKED when it sits in what a request or refusal (trigger indices `asking`)
    is about ("asked the Council to end the mission by 2025": the end's date, not the
    request's). `heads` maps a token index to the trigger it stands for."""
    rules: RolesFile = view.language.roles
    tokens = _tokens(parse, start - parse.offset, end - parse.offset)
    if not tokens:
        return None
    token = tokens[0]
    speech = view.lexicon.cues["speech"]
    below = None
    for _ in range(2 * _DEPTH):
        if token.i in heads:
            if heads[token.i] in asking and below is not None and below.dep_ in rules.clause_complement \
                    and below.i > token.i:  # what is asked follows the asking
                return ASKED
            return heads[token.i]
        below = token
        if token.pos_ == "VERB" and speech.fullmatch(token.text):
            return REPORT
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def settings(view: DocumentView, parse: Parse, hits: list[Hit]) -> dict[int, int]:
    """Trigger index -> the trigger whose setting it is ("Dalam pembicaraan …, X meminta …":
    the talks are where the request was made, so they share its date)."""
    rules: RolesFile = view.language.roles
    tokens = {trigger_token(parse, hit): index for index, hit in enumerate(hits)}
    found = {}
    for token, index in tokens.items():
        if token is not None and token.head in tokens and token.head.i != token.i and _setting(view, token, rules):
            found[index] = tokens[token.head]
    return found


def trigger_heads(view: DocumentView, parse: Parse, hits: list[Hit]) -> dict[int, int]:
    """Token index -> trigger index, for each trigger's own token and its light verb."""
    heads: dict[int, int] = {}
    for index, hit in enumerate(hits):
        token = trigger_token(parse, hit)
        if token is None:
            continue
        heads.setdefault(token.i, index)
        light = _light_head(view, parse, token)
        if light is not None:
            heads.setdefault(light.i, index)
    return heads


def trigger_token(parse: Parse, hit: Hit) -> "Token | None":
    """The token that stands for the trigger's words: of those whose head lies outside
    them, the one nearest the root."""
    start, end = hit.start() - parse.offset, hit.end() - parse.offset
    inside = _tokens(parse, start, end)
    if not inside:
        return None
    heads = [t for t in inside if t.head.i == t.i or not (start <= t.head.idx < end)]
    # "held talks with": the word nearest the root ("held"), not the preposition
    return min(heads or inside, key=lambda t: sum(1 for _ in t.ancestors))


def _setting(view: DocumentView, token: "Token", rules: RolesFile) -> bool:
    """Whether a noun trigger is where its verb happens ("berpartisipasi … dalam pertemuan",
    "spoke at the summit"): an oblique whose case word is a setting or place word."""
    if token.dep_ not in rules.obliques or token.head.pos_ != "VERB":
        return False
    cues = view.lexicon.cues
    return any(c.dep_ in rules.case and (cues["setting"].fullmatch(c.text) or cues["at"].fullmatch(c.text))
               for c in token.children)


def _light_head(view: DocumentView, parse: Parse, token: "Token") -> "Token | None":
    """The light verb a noun trigger is the object of ("held talks", "melakukan kunjungan"),
    the verb's words possibly several; None when there is none."""
    rules: RolesFile = view.language.roles
    verb = token.head
    if verb.i == token.i or token.pos_ not in rules.nouns or token.dep_ not in rules.object:
        return None
    return verb if view.lexicon.cues["light_verbs"].match(view.text, parse.offset + verb.idx) else None


def _tokens(parse: Parse, start: int, end: int) -> "list[Token]":
    """The tokens that begin within [start, end) of the sentence's own offsets."""
    span = parse.doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if start <= t.idx < end] if span is not None else []


def _subjects(clause: "Token", rules: RolesFile) -> "list[Token]":
    current = clause
    for _ in range(_DEPTH):
        own = [c for c in current.children if c.dep_ in rules.subject or c.dep_ in rules.passive_subject]
        if own:
            return own
        if current.dep_ in rules.relative and current.head.i != current.i:
            return [current.head]
        if current.dep_ in rules.inherit_subject and current.head.i != current.i:
            current = current.head
            continue
        break
    return []


def _particle_of(oblique: "Token", hit: Hit, parse: Parse, rules: RolesFile) -> bool:
    """Whether the oblique's case word is part of the trigger as listed ("on" of "called on")."""
    return any(c.dep_ in rules.case and hit.start() <= parse.offset + c.idx < hit.end() for c in oblique.children)


def _case_role(oblique: "Token", rules: RolesFile) -> str | None:
    """The role its case word gives an oblique: "target", "source", "agent", "none", or
    None when it has no case word ("kunjungan Bauer")."""
    words = [c for c in oblique.children if c.dep_ in rules.case]
    if not words:
        return "agent" if oblique.dep_ == "obl:agent" else None
    role = rules.case_roles.get(words[0].text.casefold())
    return role if role is not None else "none"


def _governed_by(token: "Token", rules: RolesFile) -> bool:
    """Whether a word that does not assert the act governs the trigger within its clause
    ("would allow joint exercises", "mempertimbangkan pengiriman")."""
    current = token
    for _ in range(_DEPTH):
        if current.head.i == current.i:
            return False
        current = current.head
        if current.lemma_.casefold() in rules.modal_heads or current.text.casefold() in rules.modal_heads:
            return True
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in rules.inherit_subject:
            return False
    return False


def _phrase(token: "Token", rules: RolesFile, cut: bool = True) -> "list[Token]":
    """The words of a party: its subtree without the clauses hanging under it."""
    kept = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if cut and child.dep_ in rules.phrase_cut or child.dep_ == "punct":
            continue
        kept.append(child)
        stack.extend(child.children)
    return kept


def _mentions(view: DocumentView, parse: Parse, token: "Token", rules: RolesFile,
              actors: list[Mention]) -> list[Mention]:
    spans = [(parse.offset + t.idx, parse.offset + t.idx + len(t.text)) for t in _phrase(token, rules)]
    return [m for m in actors if any(start <= m.start < end or m.start <= start < m.end for start, end in spans)]
