"""The shape of every language data file; a file that does not fit fails at load time with
its path and the field that is wrong."""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

Reason = Literal[
    "spam", "related-link", "share-buttons", "cookie-notice", "copyright",
    "advertisement", "navigation", "credits", "byline", "caption", "popular",
    "comment-form", "newsletter", "tags",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BoilerplateRule(_Strict):
    reason: Reason
    pattern: str
    max_words: int = Field(default=20, ge=1)
    sentences_too: bool = False
    position: Literal["any", "tail"] = "any"
    # The line heads a list of other stories ("Most Popular", "Berita Terkait"): the
    # headline-shaped lines under it go too, with the same reason.
    heads_list: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _compiled(value)


class InlineRule(_Strict):
    """A teaser or credit that may sit inside a paragraph ("… kata dia. Baca juga: Judul
    Lain Kalimat berikut …"): `marker` opens it after a sentence's end or an opening
    bracket; it ends at the closing bracket, the line's end, or where the headline's
    words give way to the next sentence (dyads/clean/inline.py)."""

    reason: Reason
    marker: str
    max_words: int = Field(default=25, ge=1)
    brackets_only: bool = False  # cut only inside brackets: "(Photo: Reuters)"

    @field_validator("marker")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _compiled(value)


class CleaningFile(_Strict):
    boilerplate: list[BoilerplateRule] = []
    inline: list[InlineRule] = []
    # Lower-case words a headline in title case keeps lower-case ("di", "dan"; "of", "the").
    headline_joiners: list[str] = []
    # Capitalised words that open a sentence and seldom stand inside a headline ("The",
    # "Sementara"): where a teaser's headline runs into the next sentence, one of them
    # marks the seam.
    sentence_openers: list[str] = []


def _compiled(value: str) -> str:
    try:
        regex.compile(value, regex.IGNORECASE)
    except regex.error as exc:
        raise ValueError(f"pattern does not compile: {exc}") from None
    return value


class AgoWords(_Strict):
    units: dict[str, Literal["day", "week", "month", "year"]] = {}
    after: list[str] = []


class DatesFile(_Strict):
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    numeric_order: list[Literal["dmy", "mdy", "ymd"]] = ["ymd"]
    # How a dotted all-numeric date (12.03.2024) is ordered, when it differs from
    # numeric_order (English writes 3/12/2024 month first but 12.03.2024 day first).
    dotted_order: list[Literal["dmy", "mdy", "ymd"]] | None = None
    published_labels: list[str] = []
    # Labels of a later revision ("Updated:", "Diperbarui"): such a stamp is the
    # publication date only when the page gives no other.
    updated_labels: list[str] = []
    timezones: list[str] = []
    # Extra date layouts as regular expressions with {year}, {month}, {day} and
    # {month_name} placeholders, e.g. '{year}年{month}月{day}日'.
    formats: list[str] = []
    # Relative expressions of events' dates (dyads/events/dates.py): kind -> phrases.
    relative: dict[Literal["today", "yesterday", "tomorrow", "last_week", "next_week", "last_month",
                           "this_month", "next_month", "last_year", "this_year", "next_year",
                           "same_month", "that_day", "day_before", "day_after"], list[str]] = {}
    before: list[str] = []  # after a month or weekday: the last one ("November lalu")
    after: list[str] = []  # after a month or weekday: the next one ("Juli mendatang")
    previous_year: list[str] = []  # after a month: of last year ("Juli tahun lalu")
    next_year_words: list[str] = []
    last: list[str] = []  # before a month or weekday: the last one ("last Tuesday")
    next: list[str] = []
    prefixes: list[str] = []  # words a date phrase may start with ("pada", "on")
    day_words: list[str] = []  # "tanggal 29"
    since: list[str] = []
    ago: AgoWords | None = None
    numbers: dict[str, int] = {}

    @field_validator("months")
    @classmethod
    def _months(cls, value: dict[str, int]) -> dict[str, int]:
        bad = {k: v for k, v in value.items() if not 1 <= v <= 12}
        if bad:
            raise ValueError(f"month numbers must be 1..12: {bad}")
        return {k.lower(): v for k, v in value.items()}

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value: dict[str, int]) -> dict[str, int]:
        bad = {k: v for k, v in value.items() if not 1 <= v <= 7}
        if bad:
            raise ValueError(f"ISO weekday numbers must be 1..7: {bad}")
        return {k.lower(): v for k, v in value.items()}


class LanguageFile(_Strict):
    name: str
    # Words that tell this language from the others of its confusable group (scripts.yaml),
    # matched as written: a lower-case entry does not match a capitalised word, so names
    # ("Kerajaan Malaysia", "Polis Diraja") do not vote.
    markers: list[str] = []


class ScriptRule(_Strict):
    scripts: list[str]
    language: str


class ScriptFamily(_Strict):
    name: str
    scripts: list[str]
    classify: bool = False
    rules: list[ScriptRule] = []


class ScriptsFile(_Strict):
    families: list[ScriptFamily]
    groups: list[list[str]] = []
    classifier_languages: list[str] | None = None


class OfficeForms(_Strict):
    office: str  # an office kind of data/gazetteer/offices.yaml
    forms: list[str]


class TitlesFile(_Strict):
    """Words for offices and ranks that stand before a person's name, or for the person."""

    offices: list[OfficeForms] = []
    ranks: list[str] = []
    honorifics: list[str] = []
    # Name tokens that machine translation turned into words ("Won" -> "Menang").
    translated_names: dict[str, list[str]] = {}
    # Words after a title that make it a past holder's ("ketua … saat itu, Petr Pavel").
    former: list[str] = []
    # Phrases that contain a name but mention no entity ("dolar AS": a currency).
    not_names: list[str] = []
    # Words that start a body's name, never a person's ("Partai Buruh", "Komite Tetap").
    not_person_words: list[str] = []
    # Head words of titles whose portfolio and body come between them and the name:
    # "Menteri Angkatan Bersenjata Prancis Florence Parly" (head, portfolio, country, name).
    heads: list[str] = []
    # Lower-case words a portfolio may contain ("Ketua dan CEO", "Menteri Urusan …").
    connectors: list[str] = []
    # Words before an office's title that make it another office: "Wakil Menteri
    # Pertahanan", "Deputy Defense Minister" name no minister.
    deputies: list[str] = []
    # A state's adjectives that qualify a title before it ("Romanian President"), by ISO
    # 3166-1 alpha-3 code: adjectives the gazetteer's demonyms do not already list.
    country_adjectives: dict[str, list[str]] = {}
    # Words between an appositive's comma and its title: "Josep Borrell, the EU foreign
    # policy chief".
    appositive_articles: list[str] = []


class TriggerForms(_Strict):
    type: Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
    mode: str | None = None
    forms: list[str]
    weak: bool = False  # an event only when another sentence's event takes it in
    nouns: list[str] = []  # forms that name the act rather than do it ("kunjungan", "talks")
    needs: str | None = None  # a key of `needs`: words one of which must follow
    # Stems whose every derivation names this act ("kunjung": kunjungan, mengunjungi, dikunjungi).
    lemmas: list[str] = []


class EventsFile(_Strict):
    """Event triggers and the cues around them (data/lang/*/events.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    triggers: list[TriggerForms] = []
    # simplemma's code for this language's lemmas (events/lemmas.py), or none.
    lemmatizer: str | None = None
    # Whether a listed form counts in every inflection of its words ("meets", "holding talks").
    inflect_forms: bool = False
    # Endings of inflections that name an activity rather than assert an act ("policy of
    # sending aid", "will take turns hosting"): such a word counts only when listed as it is.
    activity_endings: list[str] = []
    # Clitics glued to a word ("pertemuannya"): the word without them is looked up.
    clitics: list[str] = []
    needs: dict[str, list[str]] = {}
    modes: dict[str, dict[str, list[str]]] = {}
    planned: list[str] = []
    negation: list[str] = []
    hypothetical: list[str] = []
    lists: list[str] = []
    implied_request: list[str] = []
    singular: list[str] = []
    plural: list[str] = []
    to: list[str] = []
    by: list[str] = []
    at: list[str] = []
    with_: list[str] = Field(default=[], alias="with")
    relative: list[str] = []
    speech: list[str] = []
    # Words that make an event the setting of another in its sentence ("menolak … selama
    # percakapan telepon mereka pada hari Jumat"): the other takes its date.
    setting: list[str] = []
    # Words joining two acts of one subject ("… dan mengadakan pembicaraan", "before meeting").
    conjunctions: list[str] = []
    # Verbs that make a noun trigger an act of their subject ("melakukan kunjungan", "held talks").
    light_verbs: list[str] = []
    # Words before a noun that make it one ("the visit", "his trip"), for languages that need it.
    determiners: list[str] = []
    # "antara X dan Y", "between X and Y": both sides follow the trigger.
    between: list[str] = []
    # Words that open a reported clause, whose subject is its own ("… said that Suh had …").
    complementizers: list[str] = []
    # Abbreviations a sentence does not end at ("Carlito Galvez Jr. later …").
    abbreviations: list[str] = []
    # "pembicaraan terpisah dengan A dan B": one event with each counterpart.
    separate: list[str] = []
    # Words that introduce what is asked for ("meminta … untuk menyediakan senjata").
    purpose: list[str] = []
    # Plural references to states ("kedua negara", "the two countries").
    country_words: list[str] = []
    # Plural references to people ("kedua pemimpin", "the two ministers"): the people of the
    # act last told by two or more of them, not their states.
    person_words: list[str] = []
    # Lower-case words that may stand between a verb and the person it takes ("received the
    # visiting president X", "menerima kunjungan Presiden X").
    person_lead: list[str] = []
    # Words that make talks a third party's mediation (contract §2: CONSULT third-party).
    mediation: list[str] = []
    # Words pointing back to what the previous sentence told ("SPA tersebut", "that visit"):
    # an undated act there takes that sentence's date (§5: the sentence it depends on).
    anaphora: list[str] = []
    # "B, a day after A": A's day is one before B's, whose date it borrows (phrase -> days).
    day_offsets: dict[str, int] = {}
    # Words that make a noun trigger point back to an act already told ("the talks", "pertemuan
    # tersebut"): before it (English) or within two words after it (Indonesian).
    # What a general appeal asks for (§5: "urged … to deepen cooperation" is no request).
    appeals: list[str] = []
    back_before: list[str] = []
    back_after: list[str] = []
    contexts: dict[str, list[str]] = {}


class RolesFile(_Strict):
    """Who does what to whom, read from the dependency tree (data/lang/*/roles.yaml;
    relations are Universal Dependencies'; used by dyads/events/tree.py)."""

    subject: list[str] = []  # the doer of an active clause
    passive_subject: list[str] = []  # the one acted on, in a passive clause
    passive_markers: list[str] = []  # a child relation that makes its clause passive
    passive_voice: list[str] = []  # morphological features of a passive verb ("Voice=Pass": "diteken")
    bare_agent: list[str] = []  # relations of a case-less noun after a passive verb that is its agent
    object: list[str] = []
    obliques: list[str] = []  # dependents whose role their case word decides
    case: list[str] = ["case"]  # the relation of that case word
    case_roles: dict[str, Literal["source", "target", "agent", "none"]] = {}
    possessor: list[str] = []  # of a noun trigger: its doer ("kunjungan Bauer", "Austin's visit")
    inherit_subject: list[str] = []  # a clause that shares its head's subject (conj, xcomp)
    relative: list[str] = []  # a clause whose head noun is its subject (acl:relcl)
    phrase_cut: list[str] = []  # dependents that leave a party's phrase (clauses)
    nouns: list[str] = ["NOUN", "PROPN"]  # part-of-speech tags of a trigger that names the act
    modal_heads: list[str] = []  # lemmas that govern an act not asserted ("allow", "consider")
    # What a request or refusal is about: the dependents that hold it, and the mode a clause
    # (asking someone to do something) or a noun (asking for a thing) gives when no mode word does.
    complement: list[str] = []
    clause_complement: list[str] = []
    clause_mode: str = "change"
    noun_mode: str = "assist"


class AmountsFile(_Strict):
    """How amounts of money are written (data/lang/*/amounts.yaml)."""

    decimal: str = "."
    thousands: str = ","
    scales: dict[str, float] = {}
    prefix: dict[str, str] = {}  # currency sign or code before the number -> ISO 4217
    suffix: dict[str, str] = {}  # currency word after the number (and scale) -> ISO 4217
