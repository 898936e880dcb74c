"""Every shipped language file loads and fits its schema; a broken one is reported with
its path."""

from __future__ import annotations

import shutil

import pytest

from dyads.langdata import Knowledge
from dyads.langdata.knowledge import DATA_DIR, LanguageDataError


def test_every_shipped_file_loads():
    knowledge = Knowledge.load()
    assert {"id", "en", "ms", "xx"} <= set(knowledge.languages)
    for code, language in knowledge.languages.items():
        if code != "xx":
            assert language.name
            # every language also carries the language-independent rules
            assert len(language.boilerplate) >= len(knowledge.languages["xx"].boilerplate)
    assert knowledge.language("id").dates.months["agustus"] == 8
    assert knowledge.language("en").dates.weekdays["monday"] == 1
    assert "KST" in knowledge.language("id").dates.timezones


def test_unknown_language_falls_back_to_common_knowledge():
    knowledge = Knowledge.default()
    assert knowledge.language("sw").code == "xx"
    assert knowledge.language(None).code == "xx"


@pytest.mark.parametrize(("file", "content", "message"), [
    ("cleaning.yaml", "boilerplate:\n  - reason: spam\n    pattern: '(unclosed'\n", "pattern does not compile"),
    ("cleaning.yaml", "boilerplate:\n  - reason: not-a-reason\n    pattern: 'x'\n", "reason"),
    ("dates.yaml", "months:\n  smarch: 13\n", "month numbers must be 1..12"),
    ("language.yaml", "name: Test\nunknown_field: 1\n", "unknown_field"),
])
def test_broken_file_names_itself(tmp_path, file, content, message):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "lang" / "id" / file).write_text(content, encoding="utf-8")
    with pytest.raises(LanguageDataError) as caught:
        Knowledge.load(data)
    assert str(data / "lang" / "id" / file) in str(caught.value)
    assert message in str(caught.value)


def test_a_new_language_is_a_folder_not_code(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    folder = data / "lang" / "tl"
    folder.mkdir()
    (folder / "language.yaml").write_text("name: Tagalog\nmarkers: [ang, ng, mga]\n", encoding="utf-8")
    (folder / "dates.yaml").write_text("months: {hulyo: 7}\nnumeric_order: [mdy]\n", encoding="utf-8")
    knowledge = Knowledge.load(data)
    assert knowledge.language("tl").name == "Tagalog"
    assert knowledge.language("tl").dates.months == {"hulyo": 7}
