"""The shipped parsers (dyads/data/models) through `Parsers`: they load, cut titles and
hyphenated names as the tokenizer rules say, attach subject, object and the dengan/with
oblique to the main verb of plain news sentences (written for this test), and the smoke
training run makes a model that loads."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from dyads.syntax.parsers import MODELS_DIR, Parsers, tokenizer_exceptions

ROOT = Path(__file__).resolve().parent.parent
UD = Path(os.environ.get("DYADS_UD") or ROOT.parent / "shared" / "ud")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def parsers() -> Parsers:
    return Parsers()


def _arcs(doc) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(dependent, relation, head) for every token."""
    return {(t.text, t.dep_, t.head.text) for t in doc}


def test_both_models_are_shipped_with_their_licence_and_scores(parsers: Parsers) -> None:
    assert parsers.languages() == ["en", "id"]
    assert (MODELS_DIR / "LICENSE.md").is_file() and (MODELS_DIR / "README.md").is_file()
    for language in ("id", "en"):
        assert (MODELS_DIR / language / "scores.json").is_file()
        size = sum(p.stat().st_size for p in (MODELS_DIR / language).rglob("*") if p.is_file())
        assert size < 30_000_000


@pytest.mark.parametrize("language", ["id", "en"])
def test_models_load_with_the_expected_components(parsers: Parsers, language: str) -> None:
    nlp = parsers.get(language)
    assert nlp is not None and nlp.lang == language
    assert {"tok2vec", "morphologizer", "parser"} <= set(nlp.pipe_names)
    assert parsers.get(language) is nlp  # loaded once, then kept


def test_english_keeps_the_agent_label(parsers: Parsers) -> None:
    nlp = parsers.get("en")
    assert nlp is not None and "obl:agent" in nlp.get_pipe("parser").labels


INDONESIAN = [
    # (sentence, arcs that must be there)
    ("Menteri Pertahanan Indonesia menerima delegasi militer Jepang di Jakarta.",
     {("Menteri", "nsubj", "menerima"), ("delegasi", "obj", "menerima")}),
    ("Panglima TNI bertemu dengan Kepala Staf Angkatan Laut Filipina pada hari Senin.",
     {("Panglima", "nsubj", "bertemu"), ("Kepala", "obl", "bertemu"), ("dengan", "case", "Kepala")}),
    ("Pemerintah Korea Selatan menjual dua kapal patroli kepada Angkatan Laut Indonesia.",
     {("Pemerintah", "nsubj", "menjual"), ("kapal", "obj", "menjual")}),
]
ENGLISH = [
    ("The Indonesian defense minister received a Japanese military delegation in Jakarta.",
     {("minister", "nsubj", "received"), ("delegation", "obj", "received"), ("Jakarta", "obl", "received")}),
    ("The army chief met with his Philippine counterpart on Monday.",
     {("chief", "nsubj", "met"), ("counterpart", "obl", "met"), ("with", "case", "counterpart")}),
    ("South Korea sold two patrol ships to the Indonesian navy.",
     {("Korea", "nsubj", "sold"), ("ships", "obj", "sold")}),
]


@pytest.mark.parametrize("language,cases", [("id", INDONESIAN), ("en", ENGLISH)])
def test_subject_object_and_oblique_attach_to_the_main_verb(parsers: Parsers, language: str, cases) -> None:  # type: ignore[no-untyped-def]
    docs = parsers.parse(language, [text for text, _ in cases])
    assert docs is not None and len(docs) == len(cases)
    for doc, (text, arcs) in zip(docs, cases):
        assert doc.text == text
        assert arcs <= _arcs(doc), (text, sorted(_arcs(doc)))


@pytest.mark.parametrize("language,text,tokens", [
    ("id", "Jend. Andika Perkasa bertemu Won-sik di Seoul.", ["Jend.", "Andika", "Won-sik", "Seoul", "."]),
    ("id", "Letjen. Budi dan Laksda. Ahmad hadir, kata Kol. Hasan.", ["Letjen.", "Laksda.", "Kol.", "Hasan", "."]),
    ("en", "Gen. Kim met Lt. Col. Park Won-sik in Seoul.", ["Gen.", "Lt.", "Col.", "Won-sik", "Seoul", "."]),
    ("en", "Sen. Smith and Adm. Jones arrived.", ["Sen.", "Adm.", "Jones", "arrived", "."]),
])
def test_titles_keep_their_dot_and_hyphenated_names_stay_whole(parsers: Parsers, language: str, text: str,
                                                                 tokens: list[str]) -> None:
    docs = parsers.parse(language, [text])
    assert docs is not None
    words = [t.text for t in docs[0]]
    for token in tokens:
        assert token in words, words
    # even where the parser finds sentence ends, a title's dot is none
    split = parsers.parse(language, [text + " " + text], split=True)
    assert split is not None
    assert [s.text for s in split[0].sents] == [text, text]


def test_each_text_is_one_sentence_unless_split_is_asked(parsers: Parsers) -> None:
    text = "Indonesia membeli pesawat tempur. Australia menjual kapal selam."
    whole = parsers.parse("id", [text])
    split = parsers.parse("id", [text], split=True)
    assert whole is not None and split is not None
    assert len(list(whole[0].sents)) == 1
    assert [s.text for s in split[0].sents] == ["Indonesia membeli pesawat tempur.", "Australia menjual kapal selam."]


def test_the_exception_lists_come_from_the_data_files() -> None:
    assert {"Jend.", "Letjen.", "Mayjen.", "Laksda.", "Laksdya.", "Marsekal.", "Kol.", "Dr.", "Ir.", "H.",
            "adm.", "Jenderal."} <= set(tokenizer_exceptions("id"))
    assert {"Gen.", "Lt.", "Col.", "Adm.", "Maj.", "Brig.", "Sgt.", "Capt.", "Cmdr.", "Dr.", "Mr.", "Mrs.",
            "Ms.", "Sen.", "Rep.", "Gov.", "Pres."} <= set(tokenizer_exceptions("en"))
    assert tokenizer_exceptions("ko") == []


def test_an_abbreviation_added_to_the_data_file_works_without_retraining(tmp_path: Path) -> None:
    (tmp_path / "lang" / "id").mkdir(parents=True)
    (tmp_path / "lang" / "id" / "syntax.yaml").write_text("tokenizer_exceptions: [Serka.]\n", encoding="utf-8")
    text = "Serka. Budi bertemu Kol. Hasan."
    assert [t.text for t in Parsers().parse("id", [text])[0]][:2] == ["Serka", "."]  # type: ignore[index]
    docs = Parsers(data_dir=tmp_path).parse("id", [text])
    assert docs is not None and [t.text for t in docs[0]][:2] == ["Serka.", "Budi"]


def test_a_language_without_a_model_gives_none(parsers: Parsers) -> None:
    assert parsers.get("ko") is None
    assert parsers.parse("ko", ["국방부 장관이 회담했다."]) is None
    assert parsers.parse("../id", ["x"]) is None  # not a language code: no path tricks
    assert parsers.parse("id", []) == []


def test_parsers_pickle_without_their_models(parsers: Parsers) -> None:
    assert parsers.get("id") is not None
    payload = pickle.dumps(parsers)
    assert len(payload) < 10_000  # the loaded model stays behind
    copy = pickle.loads(payload)
    docs = copy.parse("id", ["Indonesia membeli pesawat tempur."])
    assert docs is not None and len(docs[0]) == 5


def test_smoke_training_makes_a_loadable_model(tmp_path: Path) -> None:
    if not UD.is_dir():
        if IN_CI:
            pytest.fail(f"the treebanks are missing: {UD}")
        pytest.skip("../shared/ud is not beside this checkout")
    out = tmp_path / "models" / "en"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    run = subprocess.run([sys.executable, "-m", "dyads.syntax.train", "--language", "en", "--smoke",
                          "--ud", str(UD), "--out", str(out)],
                         check=False, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (out / "scores.json").is_file()
    docs = Parsers(models_dir=tmp_path / "models").parse("en", ["Gen. Smith met the minister."])
    assert docs is not None and [t.text for t in docs[0]][:2] == ["Gen.", "Smith"]
    assert all(t.head is not None for t in docs[0])
    # the shipped folder is untouched by a smoke run
    assert (MODELS_DIR / "en" / "config.cfg").is_file()


def test_a_multiword_trigger_stands_for_its_verb(knowledge):
    from dyads.events.document import Parse
    from dyads.events.lemmas import Hit
    from dyads.events.tree import trigger_token

    text = "Josep Borrell called on Iran to return to the talks."
    [doc] = knowledge.parsers.parse("en", [text])
    start = text.index("called on")
    hit = Hit(start, start + len("called on"), "called on", "called on", None)  # type: ignore[arg-type]
    token = trigger_token(Parse(doc, 0), hit)
    assert token is not None and token.text == "called"
