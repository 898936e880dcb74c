"""The shape of every language data file; a file that does not fit fails at load time with
its path and the field that is wrong."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

import regex

Reason = Literal[
    "spam", "related-link", "share-buttons", "cookie-notice", "copyright",
    "advertisement", "navigation", "credits",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BoilerplateRule(_Strict):
    reason: Reason
    pattern: str
    max_words: int = Field(default=20, ge=1)
    sentences_too: bool = False
    position: Literal["any", "tail"] = "any"

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            regex.compile(value, regex.IGNORECASE)
        except regex.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        return value


class CleaningFile(_Strict):
    boilerplate: list[BoilerplateRule] = []


class DatesFile(_Strict):
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    numeric_order: list[Literal["dmy", "mdy", "ymd"]] = ["ymd"]
    published_labels: list[str] = []
    timezones: list[str] = []
    # Extra date layouts as regular expressions with {year}, {month}, {day} and
    # {month_name} placeholders, e.g. '{year}年{month}月{day}日'.
    formats: list[str] = []

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
    # Head words of titles whose portfolio and body come between them and the name:
    # "Menteri Angkatan Bersenjata Prancis Florence Parly" (head, portfolio, country, name).
    heads: list[str] = []
    # Lower-case words a portfolio may contain ("Ketua dan CEO", "Menteri Urusan …").
    connectors: list[str] = []
