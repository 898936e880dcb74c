"""The event vocabulary of contract §2 in one place: types, modes, contexts and statuses,
and which modes are dyads' own (the PLOVER export moves those into `comment`).

Filters, review and exports check values against these, so a misspelt value is an error
that lists the valid ones instead of a query that silently finds nothing.
"""

from __future__ import annotations

from dyads.errors import DyadsError

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# Contract §2's table: the modes each type takes in dyads.
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "meeting", "phone", "multilateral", "third-party"),
    "AGREE": ("agreement", "contract"),
    "COOPERATE": ("exercise", "exchange", "program"),
    "AID": ("military", "humanitarian", "economic"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
}
ALL_MODES = tuple(sorted({mode for modes in MODES.values() for mode in modes}))

# The modes the §2 table marks "(dyads)": not PLOVER's, so not in a PLOVER record's `mode`.
DYADS_ONLY_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"meeting"}),
    "AGREE": frozenset({"contract"}),
    "COOPERATE": frozenset({"program"}),
    "AID": frozenset({"economic"}),
}

CONTEXTS = ("military", "intelligence", "executive", "legislative", "election", "political_institutions",
            "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
            "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
            "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
            "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
            "misinformation", "crime", "corruption", "illegal_drugs", "trafficking")

STATUSES = ("occurred", "planned")


def plover_mode(event_type: str, mode: str | None) -> bool:
    """Whether PLOVER itself defines `mode` for `event_type` (contract §2, difference 3)."""
    return mode is not None and mode in MODES.get(event_type, ()) and mode not in DYADS_ONLY_MODES.get(event_type, ())


def checked(option: str, values: list[str], valid: tuple[str, ...], upper: bool = False) -> list[str]:
    """`values` normalised (types in capitals, the rest in lower case), or E103 naming the
    option, the first bad value and the valid ones."""
    result = []
    for value in values:
        normal = value.strip().upper() if upper else value.strip().lower()
        if normal not in valid:
            raise DyadsError("E103", option=option, value=value, choices=", ".join(valid))
        result.append(normal)
    return result
