"""Entity linking on real sentences: garbled and translated names, roles at the article's
date, short forms, unknown people after titles, and the traps (currencies, headlines,
past holders, common words)."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from dyads import Options, RawDocument, extract


def _entities(text: str, published: str | None = None, language: str | None = None) -> dict[str, dict]:
    raw = RawDocument(text.encode("utf-8"), "t.txt")
    entities = extract(raw, Options(published=published, language=language)).entities
    return {e["name"]: e for e in entities}


def _spans(text: str, entity: dict) -> list[str]:
    return [text[m["start"]:m["end"]] for m in entity["mentions"]]


def test_seed_entities_scored_in_full(seeds):
    result = run_cli("eval", str(seeds), "--json")
    total = json.loads(result.stdout)["total"]
    assert (total["entity_recall"], total["entity_precision"], total["alias_recall"]) == (1.0, 1.0, 1.0)


SEED_LIKE = (
    "Ketua Komite Militer NATO, Laksamana. Rob Bauer, melakukan perjalanan langka ke Korea Selatan dan mengadakan "
    "pembicaraan terpisah dengan Kepala Staf Gabungan Korea Selatan, Jenderal. Won In-choul, dan Menteri Pertahanan Suh Wook.\n"
    "Umum Menang dan adm. Bauer membahas situasi keamanan di Semenanjung Korea, kata JCS Korea Selatan."
)


def test_machine_translated_name_and_short_forms():
    entities = _entities(SEED_LIKE, "2022-04-12", "id")
    won = entities["Won In-choul"]
    assert "Menang" in won["aliases"] and "Umum Menang" in won["aliases"]
    assert _spans(SEED_LIKE, won) == ["Won In-choul", "Menang"]
    bauer = entities["Rob Bauer"]
    assert {"Rob Bauer", "Bauer", "Ketua Komite Militer NATO"} <= set(bauer["aliases"])
    assert bauer["country"] is None  # NATO's officials serve no state
    committee = entities["NATO Military Committee"]
    assert bauer["affiliation"] == committee["id"]
    assert won["affiliation"] == entities["Joint Chiefs of Staff"]["id"]
    assert won["roles"] == ["Chairman of the Joint Chiefs of Staff"]


@pytest.mark.parametrize(("published", "minister"), [("2022-04-12", "Suh Wook"), ("2024-03-01", "Shin Won-sik")])
def test_a_title_without_a_name_is_its_holder_that_day(published, minister):
    text = "Menteri Pertahanan Korea Selatan bertemu dengan Komandan Operasi Aliansi NATO di Seoul untuk membahas kerja sama."
    entities = _entities(text, published, "id")
    assert entities[minister]["aliases"] == ["Menteri Pertahanan Korea Selatan"]
    assert entities[minister]["country"] == "KOR"
    commander = "Christopher Cavoli" if published.startswith("2024") else "Tod D. Wolters"
    assert commander in entities or published.startswith("2022")


def test_garbled_name_next_to_a_title_resolves_to_the_office_holder():
    text = ("Pada tanggal 29, Menteri Pertahanan Korea Selatan Shin Won-sik bertemu dengan Komandan Operasi Aliansi "
            "NATO Christopher Cavoli.\n"
            "Menteri Pertahanan Singh dan Jenderal Cavoli sangat memuji kerja sama kedua belah pihak.")
    entities = _entities(text, "2024-03-01", "id")
    assert {"Singh", "Menteri Pertahanan Singh"} <= set(entities["Shin Won-sik"]["aliases"])
    assert "Cavoli" in entities["Christopher Cavoli"]["aliases"]
    assert "Singh" not in entities  # no new person made of the garbled name


def test_garbled_name_without_a_matching_holder_is_no_one():
    text = "Menteri Pertahanan Singh mengatakan kerja sama akan diperkuat pada tahun ini."
    entities = _entities(text, "2022-04-12", "id")  # Suh Wook's time: "Singh" resembles no holder
    assert not [e for e in entities.values() if e["type"] == "person"]


def test_translated_given_name_in_a_full_name():
    text = "Kepala DAPA akan bertemu dengan Menteri Pertahanan Indonesia Bravo Subianto di Jakarta hari ini."
    entities = _entities(text, "2023-10-05", "id")
    assert "Bravo Subianto" in entities["Prabowo Subianto"]["aliases"]


def test_past_holder_is_not_todays():
    text = ("Kunjungan itu adalah yang kedua, setelah kunjungan pertama oleh ketua Komite Militer NATO saat itu, "
            "Petr Pavel, pada Mei 2016.")
    entities = _entities(text, "2022-04-12", "id")
    assert "Rob Bauer" not in entities
    assert "Petr Pavel" in entities


def test_unknown_person_after_a_title_is_reported_without_wikidata():
    text = "Menteri Angkatan Bersenjata Prancis Florence Parly dan Prabowo menandatangani kontrak di Jakarta."
    entities = _entities(text, "2022-02-11", "id")
    parly = entities["Florence Parly"]
    assert parly["type"] == "person" and parly["wikidata"] is None and parly["country"] == "FRA"
    assert parly["affiliation"] == entities["France"]["id"]


def test_headline_words_are_not_people():
    text = ("Prabowo Buka ADMM-Plus ke-10, Menhan AS Teken Pengaturan Kerja Sama Pertahanan dengan RI\n"
            "Menteri Pertahanan Prabowo Subianto membuka pertemuan para menteri pertahanan ASEAN di Jakarta.")
    entities = _entities(text, "2023-11-17", "id")
    assert not any("Teken" in name for name in entities)


def test_currency_is_not_a_country_and_common_words_keep_their_case():
    text = ("Biaya proyek sebesar 8,1 triliun won (sekitar 5,99 miliar dolar AS) dibagi antara Korea Selatan dan "
            "Indonesia, kata kantor berita Antara.")
    entities = _entities(text, "2023-10-05", "id")
    assert "United States" not in entities
    (agency,) = [e for e in entities.values() if e["wikidata"] is None and e["type"] == "organization"]
    assert _spans(text, agency) == ["kantor berita Antara"]  # not "antara" (between)


def test_generic_ministry_name_goes_to_the_state_the_text_is_about():
    korea = ("Menteri Pertahanan Korea Selatan Suh Wook bertemu Bauer di Seoul. Korea Selatan dan NATO sepakat, "
             "kata Kementerian Pertahanan.")
    japan = ("Menteri Pertahanan Jepang Nobuo Kishi bertemu mitranya di Tokyo. Jepang dan Australia sepakat, "
             "kata Kementerian Pertahanan.")
    assert "Ministry of National Defense" in _entities(korea, "2022-04-12", "id")
    assert "Ministry of Defense" in {e["name"] for e in _entities(japan, "2022-01-07", "id").values()
                                     if e["country"] == "JPN"}


def test_english_titles_and_names():
    text = ("SEOUL, Feb 29 (Yonhap) -- South Korean Defense Minister Shin Won-sik met Gen. Christopher Cavoli, "
            "NATO's Supreme Allied Commander Europe, in Seoul on Thursday. Shin asked for NATO's support.")
    entities = _entities(text, "2024-02-29", "en")
    assert _spans(text, entities["Shin Won-sik"]) == ["Shin Won-sik", "Shin"]
    assert "Christopher Cavoli" in entities and "Seoul" in entities
    assert entities["Seoul"]["type"] == "place"


def test_every_mention_points_at_its_words():
    entities = _entities(SEED_LIKE, "2022-04-12", "id")
    for entity in entities.values():
        for mention in entity["mentions"]:
            assert SEED_LIKE[mention["start"]:mention["end"]] in entity["aliases"]
        assert 0 < entity["confidence"] <= 1
