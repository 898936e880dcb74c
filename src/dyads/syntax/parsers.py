"""The shipped dependency parsers (spaCy pipelines trained by `python -m dyads.syntax.train`
on Universal Dependencies treebanks; see dyads/data/models/README.md), loaded on first use
by an explicit `Parsers` object rather than a module-level cache, so a caller decides how
long a model lives and which process holds it.

The tokenizer changes live here because both training and loading need them: a title's
abbreviation keeps its dot ("Jend.", "Gen."), and a plain hyphen between letters or
digits does not split a word ("Won-sik", "KF-21", "1990-an"). They are baked into the
saved model (plain `spacy.load(path)` tokenizes the same way); `Parsers` applies the
current syntax.yaml once more after loading, so an abbreviation added there takes effect
without retraining."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyads.yamlfile import loads

if TYPE_CHECKING:  # spaCy is imported only when a model is loaded
    from spacy.language import Language
    from spacy.tokens import Doc

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MODELS_DIR = DATA_DIR / "models"
BATCH_SIZE = 64
_UNUSED = ["trainable_lemmatizer", "lemmatizer"]  # pipes extraction does not read

# Strings the default infix rules split at a plain hyphen; a rule that splits any of them
# is replaced by the two rules below (other dashes and the slash still split words).
_HYPHEN_PROBES = ("Won-sik", "KF-21", "1990-an")


def tokenizer_exceptions(language: str, data_dir: Path = DATA_DIR) -> list[str]:
    """The forms in data/lang/<language>/syntax.yaml that must stay one token ([] if none)."""
    path = data_dir / "lang" / language / "syntax.yaml"
    if not path.is_file():
        return []
    raw: Any = loads(path.read_text(encoding="utf-8")) or {}
    forms = raw.get("tokenizer_exceptions") or []
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() == f and f for f in forms):
        raise ValueError(f"{path}: tokenizer_exceptions must be a list of words without spaces")
    return forms


def adapt_tokenizer(nlp: Language, exceptions: list[str] | None = None) -> Language:
    """Make `nlp`'s tokenizer keep hyphenated words and the titles' abbreviations whole.
    Idempotent; both the infix pattern and the special cases are saved with the model."""
    from spacy.lang.char_classes import ALPHA
    from spacy.util import compile_infix_regex

    infixes = [p for p in nlp.Defaults.infixes or [] if not any(re.search(p, s) for s in _HYPHEN_PROBES)]
    infixes += [
        rf"(?<=[{ALPHA}])(?:–|—|--|---|——|~)(?=[{ALPHA}])",  # dashes between words
        rf"(?<=[{ALPHA}0-9])/(?=[{ALPHA}])",  # and/or, TNI/Polri
    ]
    tokenizer: Any = nlp.tokenizer
    pattern = compile_infix_regex(infixes)
    current = getattr(tokenizer.infix_finditer, "__self__", None)
    # setting the property re-adds every special case (~1 s for Indonesian): only on change
    if current is None or current.pattern != pattern.pattern:
        tokenizer.infix_finditer = pattern.finditer
    rules = tokenizer.rules or {}
    for form in exceptions if exceptions is not None else tokenizer_exceptions(nlp.lang or ""):
        if rules.get(form) != [{"ORTH": form}]:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    return nlp


def prune_special_cases(nlp: Language) -> Language:
    """Drop the special cases that cut a string exactly as the rules alone do. Once a
    hyphen no longer splits a word, nearly all of the Indonesian defaults (~15,600
    reduplications such as "negara-negara") are such no-ops, and spaCy re-adds every
    special case one by one when it loads a model (~3 s). Tokenization is unchanged."""
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer: Any = nlp.tokenizer
    bare = Tokenizer(nlp.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                     suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                     token_match=tokenizer.token_match, url_match=tokenizer.url_match)

    def no_op(form: str, pieces: list[dict[Any, str]]) -> bool:
        plain = len(pieces) == 1 and set(pieces[0]) <= {ORTH, "ORTH"}
        return plain and [t.text for t in bare(form)] == [form]

    rules = tokenizer.rules or {}
    kept = {form: pieces for form, pieces in rules.items() if not no_op(form, pieces)}
    if len(kept) < len(rules):
        tokenizer.rules = kept
    return nlp


_EMPTY_TOKENIZER = "dyads.empty_tokenizer.v1"


def _register_empty_tokenizer() -> None:
    import spacy
    from spacy.tokenizer import Tokenizer

    if _EMPTY_TOKENIZER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(_EMPTY_TOKENIZER, func=lambda: lambda nlp: Tokenizer(nlp.vocab))


def _no_breaks(doc: Doc, titles: frozenset[str], split: bool) -> Doc:
    """Forbid sentence starts inside `doc` (all of them, or after a title's abbreviation);
    the parser keeps what is set here."""
    for token in doc[1:]:
        if not split or doc[token.i - 1].text in titles:
            token.is_sent_start = False
    return doc


class Parsers:
    """The shipped parser of each language, each loaded on its first use and then kept by
    this object. `parse` returns None for a language without a model, so callers fall back
    to patterns. Locks keep two threads from loading the same model twice or running it
    at once; pickling drops the loaded models (each worker process loads its own on first
    use), so the object can go to a process pool as it is."""

    def __init__(self, models_dir: Path = MODELS_DIR, data_dir: Path = DATA_DIR) -> None:
        self.models_dir = Path(models_dir)
        self.data_dir = Path(data_dir)
        self._nlp: dict[str, Language | None] = {}
        self._lock = threading.Lock()  # guards loading
        self._parsing: dict[str, threading.Lock] = {}  # one parse at a time per model
        self._titles: dict[str, frozenset[str]] = {}  # tokenizer exceptions: no sentence ends

    def languages(self) -> list[str]:
        """The languages that have a shipped model."""
        if not self.models_dir.is_dir():
            return []
        return sorted(p.name for p in self.models_dir.iterdir() if (p / "config.cfg").is_file())

    def get(self, language: str) -> Language | None:
        """The loaded pipeline for `language`, or None when none is shipped."""
        if language in self._nlp:
            return self._nlp[language]
        with self._lock:
            if language not in self._nlp:
                self._parsing[language] = threading.Lock()
                self._nlp[language] = self._load(language)
        return self._nlp[language]

    def _load(self, language: str) -> Language | None:
        path = self.models_dir / language
        if not re.fullmatch(r"[a-z]{2,3}", language) or not (path / "config.cfg").is_file():
            return None
        import spacy

        exceptions = tokenizer_exceptions(language, self.data_dir)
        self._titles[language] = frozenset(exceptions)
        _register_empty_tokenizer()
        # the saved tokenizer replaces the language's default one, so skip building that
        # (re-adding ~16,000 default special cases took 3 s for Indonesian)
        nlp = spacy.load(path, config={"nlp": {"tokenizer": {"@tokenizers": _EMPTY_TOKENIZER}}})
        return adapt_tokenizer(nlp, exceptions)

    def parse(self, language: str, texts: list[str], *, split: bool = False) -> list[Doc] | None:
        """Tokenize, tag and parse each text (one Doc per text, in order), or None when
        `language` has no model. Pass the sentences that matter rather than whole articles:
        parsing costs about 0.06 ms a word.

        By default each text is parsed as one sentence: on the held-out treebank sentences
        the parser's own segmentation cut about one sentence in ten in two, leaving its
        subject or object in another tree. `split=True` lets the parser find sentence ends
        (for longer texts); it never ends one after a title's abbreviation ("Adm.").
        Calls for one language from several threads take turns (spaCy's vocabulary grows
        while it tokenizes and is not guarded)."""
        nlp = self.get(language)
        if nlp is None:
            return None
        titles = self._titles.get(language, frozenset())
        with self._parsing[language]:
            docs = (_no_breaks(nlp.make_doc(text), titles, split) for text in texts)
            # lemmas come from simplemma (dyads/events/lemmas.py): the lemmatizer is not run
            return list(nlp.pipe(docs, batch_size=BATCH_SIZE, disable=_UNUSED))

    def __getstate__(self) -> dict[str, Any]:
        return {"models_dir": self.models_dir, "data_dir": self.data_dir}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["models_dir"], state["data_dir"])  # type: ignore[misc]
