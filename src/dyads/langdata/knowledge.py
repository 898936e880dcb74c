"""Loads and compiles the shipped language data once; stages receive it as an explicit
object (no hidden module state), like a loaded spaCy pipeline."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import regex
import yaml
from pydantic import BaseModel, ValidationError

from dyads.langdata.schema import (
    AmountsFile,
    BoilerplateRule,
    CleaningFile,
    DatesFile,
    EventsFile,
    InlineRule,
    RolesFile,
    LanguageFile,
    ScriptsFile,
    TitlesFile,
)
from dyads.yamlfile import loads

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COMMON = "xx"  # spaCy's code for "any language"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class LanguageDataError(Exception):
    """A shipped or user data file that does not fit its schema."""


def load_yaml(path: Path, model: type[M]) -> M:
    try:
        raw: Any = loads(path.read_text(encoding="utf-8")) or {}
        return model.model_validate(raw)
    except (yaml.YAMLError, ValidationError, OSError) as exc:
        raise LanguageDataError(f"{path}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: BoilerplateRule
    pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class CompiledInline:
    rule: InlineRule
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class LanguageKnowledge:
    """Everything one language contributes, merged with the language-independent part."""

    code: str
    name: str
    markers: tuple[str, ...]
    boilerplate: tuple[CompiledRule, ...]
    dates: DatesFile
    titles: TitlesFile
    events: EventsFile
    amounts: AmountsFile
    roles: RolesFile = field(default_factory=RolesFile)
    inline: tuple[CompiledInline, ...] = ()
    headline_joiners: frozenset[str] = frozenset()
    sentence_openers: frozenset[str] = frozenset()
    # Patterns that stages derive from this data, built once per loaded language
    # (an explicit cache owned by the knowledge object, not module state).
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def derive(self, key: str, build: Callable[["LanguageKnowledge"], T]) -> T:
        if key not in self.derived:
            self.derived[key] = build(self)
        return self.derived[key]  # type: ignore[no-any-return]


def _compile_rules(rules: list[BoilerplateRule]) -> tuple[CompiledRule, ...]:
    return tuple(CompiledRule(r, regex.compile(r.pattern, regex.IGNORECASE | regex.VERSION1)) for r in rules)


@dataclass(frozen=True)
class Knowledge:
    """Everything extraction knows: language data, the language classifier and the
    gazetteer (the last two loaded on first use, then kept by this object)."""

    languages: dict[str, LanguageKnowledge]
    scripts: ScriptsFile
    data_dir: Path = DATA_DIR
    user_gazetteer: Path | None = None
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def _once(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._loaded:
            self._loaded[key] = build()
        return self._loaded[key]  # type: ignore[no-any-return]

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, user_gazetteer: Path | None = None) -> "Knowledge":
        lang_dir = data_dir / "lang"
        common_cleaning = _optional(lang_dir / COMMON / "cleaning.yaml", CleaningFile)
        common_dates = _optional(lang_dir / COMMON / "dates.yaml", DatesFile)
        common_amounts = _optional(lang_dir / COMMON / "amounts.yaml", AmountsFile)
        languages: dict[str, LanguageKnowledge] = {}
        for folder in sorted(p for p in lang_dir.iterdir() if p.is_dir()):
            code = folder.name
            meta = load_yaml(folder / "language.yaml", LanguageFile) if code != COMMON else None
            cleaning = _optional(folder / "cleaning.yaml", CleaningFile)
            dates = _optional(folder / "dates.yaml", DatesFile)
            if code != COMMON:
                dates = dates.model_copy(update={
                    "timezones": [*common_dates.timezones, *dates.timezones],
                    "formats": [*common_dates.formats, *dates.formats],
                })
            rules = cleaning.boilerplate if code == COMMON else [*common_cleaning.boilerplate, *cleaning.boilerplate]
            inline = cleaning.inline if code == COMMON else [*common_cleaning.inline, *cleaning.inline]
            joiners = {*common_cleaning.headline_joiners, *cleaning.headline_joiners}
            openers = {*common_cleaning.sentence_openers, *cleaning.sentence_openers}
            languages[code] = LanguageKnowledge(
                code=code,
                name=meta.name if meta else "any language",
                markers=tuple(meta.markers) if meta else (),
                boilerplate=_compile_rules(rules),
                inline=tuple(CompiledInline(r, regex.compile(r.marker, regex.IGNORECASE | regex.VERSION1))
                             for r in inline),
                headline_joiners=frozenset(w.lower() for w in joiners),
                sentence_openers=frozenset(openers),
                dates=dates,
                titles=_optional(folder / "titles.yaml", TitlesFile),
                events=_optional(folder / "events.yaml", EventsFile),
                roles=_optional(folder / "roles.yaml", RolesFile),
                amounts=_merge_amounts(common_amounts, _optional(folder / "amounts.yaml", AmountsFile), code),
            )
        scripts = load_yaml(data_dir / "scripts.yaml", ScriptsFile)
        return cls(languages=languages, scripts=scripts, data_dir=data_dir, user_gazetteer=user_gazetteer)

    @classmethod
    def default(cls) -> "Knowledge":
        return _default_knowledge()

    def language(self, code: str | None) -> LanguageKnowledge:
        """The knowledge of `code`, or the language-independent part when we have none."""
        if code and code in self.languages:
            return self.languages[code]
        return self.languages[COMMON]

    @property
    def classifier(self) -> Any:
        """py3langid's identifier, restricted to the news languages of scripts.yaml."""

        def build() -> Any:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            if self.scripts.classifier_languages:
                identifier.set_languages(self.scripts.classifier_languages)
            return identifier

        return self._once("classifier", build)

    @property
    def classified(self) -> dict[str, tuple[str, float]]:
        """The classifier's answers by sample, kept while this knowledge is loaded: datelines,
        boilerplate and syndicated copies repeat across a batch (clean/languages.py bounds it)."""
        return self._once("classified", dict)

    @property
    def gazetteer(self) -> Any:
        """The shipped gazetteer plus the user's own entries (dyads.gazetteer)."""
        from dyads.gazetteer.load import load

        return self._once("gazetteer", lambda: load(self.data_dir, self.user_gazetteer))

    @property
    def parsers(self) -> Any:
        """The shipped dependency parsers (dyads.syntax), each loaded on first use."""
        from dyads.syntax.parsers import Parsers

        return self._once("parsers", Parsers)

    @property
    def name_matcher(self) -> Any:
        from dyads.entities.matcher import NameMatcher

        not_names = tuple(n for language in self.languages.values() for n in language.titles.not_names)
        return self._once("name_matcher", lambda: NameMatcher(self.gazetteer, not_names))


def _merge_amounts(common: AmountsFile, own: AmountsFile, code: str) -> AmountsFile:
    """Currency signs are shared by every language; number format and words are its own."""
    if code == COMMON:
        return own
    return own.model_copy(update={"prefix": {**common.prefix, **own.prefix}, "suffix": {**common.suffix, **own.suffix}})


def _optional(path: Path, model: type[M]) -> M:
    return load_yaml(path, model) if path.exists() else model()


@functools.cache
def _default_knowledge() -> Knowledge:
    from dyads.gazetteer.load import user_dir

    return Knowledge.load(user_gazetteer=user_dir())
