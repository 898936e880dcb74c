"""Entity linking on real sentences: garbled and translated names, roles at the article's
date, short forms, unknown people after titles, and the traps (currencies, headlines,
past holders, common words); linking by office, country and date, new titled people with
role and country, and the tenure helper the events stage calls."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from dyads import Options, RawDocument, extract
from dyads.entities import holder_for, holder_on, offices_of, serves_on
from dyads.langdata import Knowledge


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
    text = "Menteri Pertahanan Xorbu mengatakan kerja sama akan diperkuat pada tahun ini."
    entities = _entities(text, "2022-04-12", "id")  # no state named: "Xorbu" resembles no holder anywhere
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
    text = "Menteri Urusan Maritim Uruguay Marta Lacalle dan Prabowo menandatangani kontrak di Jakarta."
    entities = _entities(text, "2022-02-11", "id")
    lacalle = entities["Marta Lacalle"]
    assert lacalle["type"] == "person" and lacalle["wikidata"] is None and lacalle["country"] == "URY"
    assert lacalle["affiliation"] == entities["Uruguay"]["id"]
    assert lacalle["roles"] == ["Menteri Urusan Maritim Uruguay"]


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


# Linking by office, country and date ------------------------------------------------------

@pytest.fixture(scope="module")
def gazetteer():
    return Knowledge.default().gazetteer


def _people(entities: dict[str, dict]) -> dict[str, dict]:
    return {name: e for name, e in entities.items() if e["type"] == "person"}


@pytest.mark.parametrize(("published", "holder"), [("2024-02-20", "Shin Won-sik"), ("2021-11-03", "Suh Wook")])
def test_garbled_name_after_a_stated_office_is_its_holder_that_day(published, holder):
    text = "Menteri Pertahanan Korea Selatan Singh Menang-sik tiba di Jakarta untuk membahas proyek jet tempur bersama."
    people = _people(_entities(text, published, "id"))
    assert list(people) == [holder]
    assert {"Singh Menang-sik", "Menteri Pertahanan Korea Selatan Singh Menang-sik"} <= set(people[holder]["aliases"])
    (link,) = offices_of(people[holder])
    assert (link.office, link.country, link.basis) == ("defense-minister", "KOR", "qualifier")
    assert text[link.start:link.end] == "Singh Menang-sik"


@pytest.mark.parametrize(("published", "holder"), [("2024-02-20", "Shin Won-sik"), ("2021-06-01", "Suh Wook")])
def test_english_garbled_name_after_an_adjective_or_possessive_office(published, holder):
    for text in ("The South Korean Defense Minister Shinn arrived in Canberra on Tuesday for talks on submarines.",
                 "South Korea's Defense Minister Shinn arrived in Canberra on Tuesday for talks on submarines."):
        people = _people(_entities(text, published, "en"))
        assert list(people) == [holder], text
        assert "Shinn" in people[holder]["aliases"]
        assert people[holder]["country"] == "KOR"


def test_confidence_says_how_the_link_was_made():
    stated = _people(_entities("Menteri Pertahanan Korea Selatan Singh Menang-sik tiba di Jakarta kemarin.", "2024-02-20", "id"))
    guessed = _people(_entities("Menteri Pertahanan Korea Selatan Singh Menang-sik tiba di Jakarta kemarin.", "2021-11-03", "id"))
    named = _people(_entities("Menteri Pertahanan Korea Selatan Shin Won-sik tiba di Jakarta kemarin.", "2024-02-20", "id"))
    # a full name > the holder named with a state, whose name it resembles > the holder it does not resemble
    assert named["Shin Won-sik"]["confidence"] > stated["Shin Won-sik"]["confidence"] > guessed["Suh Wook"]["confidence"]


def test_a_name_resembling_someone_else_does_not_win_over_the_sole_holder():
    # "Prabovo" and "Austen" resemble Indonesia's and the United States' ministers, but the
    # title names South Korea's, and one person held that office that day
    id_text = "Menteri Pertahanan Korea Selatan Prabovo menerima tamu dari Jakarta di Seoul hari ini."
    en_text = "South Korean Defense Minister Austen received a delegation from Washington in Seoul today."
    for text, language in ((id_text, "id"), (en_text, "en")):
        people = _people(_entities(text, "2024-02-20", language))
        assert list(people) == ["Shin Won-sik"], text


def test_a_known_full_name_of_another_person_is_that_person():
    text = "Menteri Pertahanan Korea Selatan Prabowo Subianto? Bukan: Prabowo bertemu mitranya di Seoul."
    people = _people(_entities(text, "2024-02-20", "id"))
    assert "Prabowo Subianto" in people and "Shin Won-sik" not in people


@pytest.mark.parametrize(("written", "language", "holder"), [
    ("Menteri Pertahanan Singh Menang-sik", "id", "Shin Won-sik"),
    ("Menteri Pertahanan Prabowu", "id", "Prabowo Subianto"),
    ("Defense Minister Shinn", "en", "Shin Won-sik"),
    ("Defense Minister Prabovo", "en", "Prabowo Subianto"),
])
def test_several_holders_in_the_states_talked_about_similarity_decides(written, language, holder):
    # the text talks about Indonesia and South Korea: each has a defense minister that day
    context = {"id": " menerima delegasi Indonesia di Seoul, Korea Selatan, pekan ini.",
               "en": " received a delegation from Indonesia in Seoul, South Korea, this week."}[language]
    people = _people(_entities(written + context, "2024-02-20", language))
    assert list(people) == [holder]
    (link,) = offices_of(people[holder])
    assert link.basis == "context"


def test_a_rank_after_an_office_carries_it():
    text = "Kepala Staf Angkatan Darat Jenderal Marulli bertemu dengan delegasi Australia di Jakarta pekan ini."
    assert "Maruli Simanjuntak" in _people(_entities(text, "2024-02-20", "id"))
    assert "Dudung Abdurachman" in _people(_entities(text, "2022-06-01", "id"))


def test_country_named_for_a_name_by_machine_translation():
    text = ("Prabowo bertemu Perdana Menteri Australia Anthony Albanese di Canberra. Dalam konferensi pers bersama, "
            "PM Albania mengatakan kerja sama akan diperdalam.")
    entities = _entities(text, "2024-08-21", "id")
    assert "Albania" not in entities
    assert {"Albania", "PM Albania"} <= set(entities["Anthony Albanese"]["aliases"])


# New people named by the text --------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "name", "role", "country"), [
    ("Romanian President Dorotea Bisbal met NATO's secretary general in Bucharest on Monday.", "en",
     "Dorotea Bisbal", "President", "ROU"),
    ("Menteri Pertahanan Uruguay Dorotea Bisbal bertemu dengan mitranya dari Korea Selatan di Montevideo.", "id",
     "Dorotea Bisbal", "Menteri Pertahanan", "URY"),
    ("Czech Defense Minister Dorotea Bisbal signed the contract in Prague on Friday.", "en",
     "Dorotea Bisbal", "Defense Minister", "CZE"),
    ("Presiden Yoon Suk Yeol dan Ibu Negara Kim Ha-neul tiba di Vilnius pada hari Senin.", "id",
     "Kim Ha-neul", "Ibu Negara", None),
    ("President Yoon Suk Yeol and first lady Kim Ha-neul arrived in Vilnius on Monday.", "en",
     "Kim Ha-neul", "first lady", None),
])
def test_unknown_titled_person_becomes_a_new_person_with_role_and_country(text, language, name, role, country):
    entities = _entities(text, "2023-07-10", language)
    person = entities[name]
    assert (person["type"], person["wikidata"], person["roles"], person["country"]) == ("person", None, [role], country)
    assert person["confidence"] < 0.6
    if country:
        assert person["affiliation"] == next(e["id"] for e in entities.values() if e["type"] == "country" and e["country"] == country)


@pytest.mark.parametrize(("text", "language", "role"), [
    ("Marco Ferrante, the EU foreign policy chief, said the bloc would send more ammunition.", "en", "foreign policy chief"),
    ("EU foreign policy chief Marco Ferrante said the bloc would send more ammunition.", "en", "foreign policy chief"),
    ("Perwakilan Tinggi Uni Eropa Marco Ferrante mengatakan blok itu akan mengirim amunisi.", "id", "Perwakilan Tinggi"),
    ("Marco Ferrante, Perwakilan Tinggi Uni Eropa, mengatakan blok itu akan mengirim amunisi.", "id", "Perwakilan Tinggi"),
])
def test_an_international_bodys_official_has_no_country_but_its_body(text, language, role):
    entities = _entities(text, "2023-05-20", language)
    person = entities["Marco Ferrante"]
    assert person["roles"] == [role] and person["country"] is None
    assert person["affiliation"] == entities["European Union"]["id"]


@pytest.mark.parametrize(("text", "language"), [
    ("Menhan Korsel Kunjungi Jakarta, Bahas Kerja Sama Jet Tempur Baru\nMenteri Pertahanan Indonesia menerima tamunya.", "id"),
    ("Defense Minister Visits Jakarta To Discuss Fighter Jet Deal\nThe minister arrived on Monday.", "en"),
    ("Kepala Staf Angkatan Darat Wilayah Pasifik (USARPAC) hadir dalam latihan itu di Jakarta.", "id"),
    ("On Monday, the EU foreign policy chief said the bloc would send more ammunition to Seoul.", "en"),
    ("Presiden Terpilih Prabowo Subianto bertemu delegasi Korea Selatan di Jakarta.", "id"),
])
def test_bodies_headlines_and_sentence_openers_do_not_become_people(text, language):
    people = _people(_entities(text, "2024-08-20", language))
    assert set(people) <= {"Prabowo Subianto", "Joko Widodo", "Shin Won-sik"}
    assert "Joko Widodo" not in people or "Terpilih" not in people["Joko Widodo"]["aliases"]


def test_a_title_at_a_line_end_names_no_one_on_the_next_line():
    text = "Delegasi itu tiba di Seoul untuk bertemu dengan Menteri Pertahanan\nMasuk 2024.02.20 10:15\nIsi berita."
    assert not _people(_entities(text, "2024-02-20", "id"))


def test_an_amount_in_won_is_no_one_in_japanese():
    text = "韓国の防衛事業庁は分担金を6000億ウォンに調整した。"
    assert not _people(_entities(text, "2024-06-01", "ja"))


def test_a_day_or_a_full_stop_after_a_bare_title_is_no_name():
    text = ("Kerja sama pertahanan dengan Korea Selatan dibahas di Seoul, kata Menteri Pertahanan. "
            "Pertemuan itu berlangsung hari Selasa.")
    assert not _people(_entities(text, "2024-02-20", "id"))


@pytest.mark.parametrize(("text", "language"), [
    ("Wakil Menteri Pertahanan Korea Selatan membuka pertemuan di Seoul.", "id"),
    ("The South Korean Deputy Defense Minister opened the meeting in Seoul.", "en"),
    ("Former Defense Minister Lee told reporters in Seoul that the South Korean deal was signed.", "en"),
])
def test_deputies_and_former_holders_are_not_the_holder(text, language):
    assert "Shin Won-sik" not in _entities(text, "2024-02-20", language)


# The tenure helper ------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "holder"), [
    ("2024-02-29", "Shin Won-sik"),
    ("2022-04-11", "Suh Wook"),
    ("2024-10", "Kim Yong-hyun"),
    ("2024-09", None),  # Shin until the 6th, Kim from the 6th: two holders that month
    ("2024-09-06", None),
    ("2024-09-07", "Kim Yong-hyun"),
    ("2023", None),  # Lee Jong-sup, then Shin Won-sik
    ("2021", "Suh Wook"),
])
def test_holder_on_at_every_precision(gazetteer, day, holder):
    found = holder_on(gazetteer, "defense-minister", "KOR", day)
    assert (found.name if found else None) == holder


def test_holder_on_unique_and_unknown_offices(gazetteer):
    assert holder_on(gazetteer, "saceur", None, "2024-02").name == "Christopher Cavoli"
    assert holder_on(gazetteer, "saceur", "KOR", "2024-02").name == "Christopher Cavoli"  # NATO's serve no state
    assert holder_on(gazetteer, "first-lady", "KOR", "2024-02") is None
    assert holder_on(gazetteer, "defense-minister", None, "2024-02-29") is None  # every state has one


@pytest.mark.parametrize(("day", "office", "serves"), [
    ("2024", None, True), ("2024-09", None, True), ("2024-09-06", None, True), ("2024-09-07", None, False),
    ("2023-10", "defense-minister", True), ("2023-10-06", "defense-minister", False), ("2022", None, False),
    ("2024-02", "foreign-minister", False),
])
def test_serves_on_at_every_precision(gazetteer, day, office, serves):
    assert serves_on(gazetteer["shin-won-sik"], day, office) is serves


def test_an_event_on_another_day_finds_that_days_holder(gazetteer):
    text = "Menteri Pertahanan Korea Selatan Singh Menang-sik tiba di Jakarta kemarin."
    (link,) = offices_of(_people(_entities(text, "2024-02-20", "id"))["Shin Won-sik"])
    assert serves_on(gazetteer[link.key], "2024-02", link.office)
    assert not serves_on(gazetteer[link.key], "2024-11-01", link.office)
    assert holder_for(gazetteer, link, "2024-11-01").name == "Kim Yong-hyun"
    assert offices_of({"name": "read back from JSON"}) == ()


def test_entities_with_office_links_are_plain_json_and_survive_pickling():
    import pickle

    text = "Menteri Pertahanan Korea Selatan Singh Menang-sik tiba di Jakarta kemarin."
    shin = _people(_entities(text, "2024-02-20", "id"))["Shin Won-sik"]
    assert json.loads(json.dumps(shin)) == shin
    assert offices_of(pickle.loads(pickle.dumps(shin))) == offices_of(shin)


@pytest.mark.parametrize(("language", "text"), [
    ("id", "Kesepakatan itu menyusul kunjungan kenegaraan Presiden Mohamed Muizzu ke China pada Januari lalu."),
    ("en", "The deal followed a state visit to China by President Mohamed Muizzu in January."),
])
def test_a_shared_first_name_links_no_one(language, text):
    # the UAE's Mohamed bin Zayed is a president the gazetteer knows; Muizzu is not
    entities = _entities(text, "2024-03-05", language)
    assert "Mohamed bin Zayed Al Nahyan" not in entities


def test_a_family_name_behind_an_article_is_part_of_the_name_and_links_no_one_else():
    entities = _entities("Saudi Crown Prince Mohammed bin Salman received Syria's interim president Ahmed al-Sharaa "
                         "in Riyadh on Sunday.", "2025-02-03", "en")
    assert "Ahmed al-Sharaa" in entities and "Salman bin Abdulaziz" not in entities
