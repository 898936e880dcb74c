"""Events on real sentences: the contract's date rules, amounts, quotes, roles, and the
§5 traps (appeals, negations, lists of areas, refusals that imply requests)."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from dyads import Options, RawDocument, extract
from dyads.events.amounts import find_amounts
from dyads.events.dates import find_dates, resolve
from dyads.langdata import Knowledge


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


def _date(knowledge, language, text, published, reference=None, planned=False, previous=None):
    (mention,) = find_dates(text, 0, len(text), knowledge.language(language))
    pub = dt.date.fromisoformat(published)
    ref = dt.date.fromisoformat(reference) if reference else pub
    return text[mention.start:mention.end], resolve(mention, pub, ref, planned, previous)


@pytest.mark.parametrize(("language", "text", "published", "expected"), [
    ("id", "pada hari Senin", "2022-04-12", "2022-04-11"),
    ("id", "pada hari Jumat", "2022-04-12", "2022-04-08"),
    ("id", "Senin lalu", "2022-04-11", "2022-04-04"),
    ("id", "kemarin", "2023-11-17", "2023-11-16"),
    ("id", "pekan lalu", "2024-03-05", "2024-02"),
    ("id", "pada tanggal 29", "2024-03-01", "2024-02-29"),
    ("id", "tanggal 31", "2024-03-01", "2024-01-31"),
    ("id", "November lalu", "2022-04-12", "2021-11"),
    ("id", "April lalu", "2022-04-12", "2022-04"),
    ("id", "Juli tahun lalu", "2024-03-01", "2023-07"),
    ("id", "pada bulan Maret", "2022-04-12", "2022-03"),
    ("id", "awal bulan ini", "2024-03-20", "2024-03"),
    ("id", "sejak 2006", "2022-04-12", "2006"),
    ("id", "pada Mei 2016", "2022-04-12", "2016-05"),
    ("id", "Selasa (30/3)", "2021-03-31", "2021-03-30"),
    ("id", "Rabu (15/11/2023)", "2023-11-17", "2023-11-15"),
    ("id", "dua hari yang lalu", "2024-03-01", "2024-02-28"),
    ("id", "bulan lalu", "2024-01-10", "2023-12"),
    ("id", "tahun lalu", "2024-01-10", "2023"),
    ("en", "last Tuesday", "2022-04-12", "2022-04-05"),
    ("en", "on Monday", "2022-04-12", "2022-04-11"),
    ("en", "earlier this month", "2024-07-09", "2024-07"),
    ("en", "last June", "2023-01-30", "2022-06"),
    ("en", "in November last year", "2024-07-09", "2023-11"),
    ("en", "July 9, 2024", "2024-07-10", "2024-07-09"),
    ("en", "two days ago", "2024-03-01", "2024-02-28"),
])
def test_past_dates(knowledge, language, text, published, expected):
    assert _date(knowledge, language, text, published)[1] == expected


@pytest.mark.parametrize(("language", "text", "published", "expected"), [
    ("id", "pada hari Jumat", "2022-04-12", "2022-04-15"),
    ("id", "bulan depan", "2024-11-28", "2024-12"),
    ("id", "pada bulan November", "2024-08-30", "2024-11"),
    ("id", "tahun depan", "2023-11-17", "2024"),
    ("en", "on Tuesday", "2023-01-30", "2023-01-31"),
    ("en", "next month", "2025-03-28", "2025-04"),
])
def test_planned_dates_look_ahead(knowledge, language, text, published, expected):
    assert _date(knowledge, language, text, published, planned=True)[1] == expected


def test_today_words_take_the_story_reference_day(knowledge):
    # A wire story published on Tuesday about Monday: "this morning" is Monday morning.
    assert _date(knowledge, "id", "pagi ini", "2022-04-12", reference="2022-04-11")[1] == "2022-04-11"
    assert _date(knowledge, "en", "on the same day", "2022-04-12", reference="2022-04-11")[1] == "2022-04-11"
    assert _date(knowledge, "id", "pada bulan yang sama", "2022-04-12", previous="2021-06")[1] == "2021-06"


def test_resolution_ignores_the_machine_time_zone(knowledge):
    previous = os.environ.get("TZ")
    try:
        for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
            os.environ["TZ"] = zone
            time.tzset()
            assert _date(knowledge, "id", "pada tanggal 29", "2024-03-01")[1] == "2024-02-29"
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("id", "perlengkapan senilai 1 miliar won ($811.000)", [(1_000_000_000, "KRW"), (811_000, "USD")]),
    ("id", "anggaran Rp 1,2 triliun", [(1_200_000_000_000, "IDR")]),
    ("id", "kontrak senilai USD 8,1 miliar", [(8_100_000_000, "USD")]),
    ("id", "hibah 600 juta yen (sekitar Rp 62 miliar)", [(600_000_000, "JPY"), (62_000_000_000, "IDR")]),
    ("id", "5,99 miliar dolar AS", [(5_990_000_000, "USD")]),
    ("en", "a deal worth $8.1 billion", [(8_100_000_000, "USD")]),
    ("en", "up to A$368 billion", [(368_000_000_000, "AUD")]),
    ("en", "1 billion won ($811,000) in supplies", [(1_000_000_000, "KRW"), (811_000, "USD")]),
    ("en", "17,600 troops and 42 jets", []),
])
def test_amounts_every_stated_form(knowledge, language, text, expected):
    found = [(a.to_dict()["value"], a.currency) for a in find_amounts(text, 0, len(text), knowledge.language(language))]
    assert found == expected


def _events(text, published, language="id"):
    extraction = extract(RawDocument(text.encode("utf-8"), "t.txt"), Options(published=published, language=language))
    names = {e["id"]: e["name"] for e in extraction.entities}
    events = [
        (e["type"], e["mode"], e["date"], e["status"], tuple((names[a["entity"]], a["role"]) for a in e["actors"]))
        for e in extraction.events
    ]
    return events, extraction


VISIT = (
    "SEOUL – NATO berupaya meningkatkan kerja sama dengan Korea Selatan, kata ketua badan militer utamanya pada hari Senin.\n"
    "Ketua Komite Militer NATO, Laksamana. Rob Bauer, melakukan perjalanan langka ke Korea Selatan dan mengadakan "
    "pembicaraan terpisah dengan Kepala Staf Gabungan Korea Selatan, Jenderal. Won In-choul, dan Menteri Pertahanan Suh Wook.\n"
    "Kunjungan balasan dilakukan setelah Won melakukan panggilan ke Komite Militer NATO di Brussels, Belgia, November lalu."
)


def test_visit_and_separate_meetings_on_the_reference_day():
    events, _ = _events(VISIT, "2022-04-12")
    assert ("CONSULT", "visit", "2022-04-11", "occurred", (("Rob Bauer", "source"), ("South Korea", "target"))) in events
    assert ("CONSULT", "meeting", "2022-04-11", "occurred", (("Rob Bauer", "source"), ("Won In-choul", "target"))) in events
    assert ("CONSULT", "meeting", "2022-04-11", "occurred", (("Rob Bauer", "source"), ("Suh Wook", "target"))) in events
    # "melakukan panggilan ke" is "paid a call on": a visit, not a phone call
    assert ("CONSULT", "visit", "2021-11", "occurred",
            (("Won In-choul", "source"), ("NATO Military Committee", "target"))) in events
    assert not [e for e in events if e[1] == "phone"]


def test_refusal_implies_the_request_and_takes_the_call_date():
    text = ("Menteri pertahanan Korea Selatan Suh Wook menolak permintaan rekannya dari Ukraina Oleksii Reznikov untuk "
            "menyediakan senjata anti-pesawat selama percakapan telepon mereka pada hari Jumat, kata juru bicara.")
    events, _ = _events(text, "2022-04-12")
    assert ("REJECT", "assist", "2022-04-08", "occurred", (("Suh Wook", "source"), ("Oleksii Reznikov", "target"))) in events
    assert ("REQUEST", "assist", "2022-04-08", "occurred", (("Oleksii Reznikov", "source"), ("Suh Wook", "target"))) in events
    assert [e[1] for e in events if e[0] == "CONSULT"] == ["phone"]
    assert not [e for e in events if e[0] == "AID"]  # the weapons asked for were not sent


@pytest.mark.parametrize("text", [
    # an appeal for cooperation is not a request for a concrete thing (§5)
    "Menteri Luar Negeri AS Antony Blinken mendesak NATO untuk memperdalam kerja samanya dengan Korea Selatan.",
    # a negated act is no event
    "Menteri Pertahanan Suh Wook tidak mengunjungi Jepang tahun ini karena jadwal yang padat.",
    # areas of cooperation are not acts
    "Kedua belah pihak terus memperkuat kerja sama di berbagai bidang seperti latihan militer dan keamanan siber.",
])
def test_statements_are_not_events(text):
    events, _ = _events(text, "2022-04-12")
    assert [e for e in events if e[0] in ("REQUEST", "CONSULT", "COOPERATE")] == []


def test_planned_visit_and_coordinated_dates():
    text = ("Menteri Pertahanan Prabowo Subianto akan berkunjung ke Australia bulan depan.\n"
            "Korea Selatan berpartisipasi dalam pertemuan para menteri luar negeri NATO pada bulan Desember dan April lalu.")
    events, _ = _events(text, "2022-04-12")
    assert ("CONSULT", "visit", "2022-05", "planned", (("Prabowo Subianto", "source"), ("Australia", "target"))) in events
    multilateral = sorted(e[2] for e in events if e[1] == "multilateral")
    assert multilateral == ["2021-12", "2022-04"]


def test_joint_exercise_and_single_country_drill():
    text = ("TNI dan Angkatan Darat AS menggelar latihan bersama Super Garuda Shield di Jawa Timur pada bulan Agustus.\n"
            "Korea Utara menggelar latihan militer bersama di lepas pantai timur pada bulan Juni.")
    events, _ = _events(text, "2023-09-01")
    assert [e[0] for e in events if e[2] == "2023-08"] == ["COOPERATE"]
    assert [e[0] for e in events if e[2] == "2023-06"] == ["MOBILIZE"]


def test_english_wire_story_and_evidence_offsets():
    text = ("SEOUL, Feb 29 (Yonhap) -- South Korean Defense Minister Shin Won-sik met Gen. Christopher Cavoli, "
            "NATO's Supreme Allied Commander Europe, in Seoul on Thursday and asked for NATO's support.")
    events, extraction = _events(text, "2024-03-01", "en")
    assert ("CONSULT", "meeting", "2024-02-29", "occurred",
            (("Shin Won-sik", "source"), ("Christopher Cavoli", "target"))) in events
    for event in extraction.events:
        evidence = extraction.document.text[event["evidence"]["start"]:event["evidence"]["end"]]
        assert evidence.startswith("SEOUL") and "met" in evidence
        if event["date_text"]:
            assert event["date_text"] in evidence


def test_amount_and_quote_attached_to_their_event():
    text = ("Pada bulan Maret, militer Korea Selatan mengirimkan perlengkapan militer tidak mematikan senilai "
            "1 miliar won ($811.000) ke Ukraina.\n"
            "“Kami akan terus bekerja sama secara erat dengan NATO,” kata Menteri Pertahanan Shin Won-sik.")
    events, extraction = _events(text, "2024-04-12")
    (aid,) = [e for e in extraction.events if e["type"] == "AID"]
    assert aid["mode"] == "military" and aid["date"] == "2024-03"
    assert {"value": 811000, "currency": "USD"} in aid["amounts"]
    (quote,) = extraction.quotes
    assert quote["text"] == "Kami akan terus bekerja sama secara erat dengan NATO,"
    assert extraction.document.text[quote["start"]:quote["end"]] == quote["text"]
    speaker = next(e for e in extraction.entities if e["id"] == quote["speaker"])
    assert speaker["name"] == "Shin Won-sik"


def test_reference_day_from_the_lead_paragraph_after_headline_and_stamp():
    # the headline and the stamp line are no sentences; the lead's reporting day dates the story
    text = ("Kepala DAPA ke Indonesia untuk membahas kontribusi KF-21 dengan Menteri Pertahanan\n"
            "Masukan 2023.10.05 14:32\n\n"
            "(Seoul = Berita Yonhap) Kepala Administrasi Program Akuisisi Pertahanan (DAPA) Eom Dong-hwan berangkat ke "
            "Indonesia pada hari Rabu untuk menyelesaikan masalah tunggakan, kata DAPA pada hari Kamis.\n\n"
            "Eom dijadwalkan bertemu dengan Menteri Pertahanan Prabowo Subianto hari ini.")
    events, _ = _events(text, "2023-10-06")
    assert [e[2] for e in events if e[1] == "visit" and ("Eom Dong-hwan", "source") in e[4]] == ["2023-10-04"]
    assert ("CONSULT", "meeting", "2023-10-05", "planned",
            (("Eom Dong-hwan", "source"), ("Prabowo Subianto", "target"))) in events


def test_reference_day_from_a_later_sentence_of_the_lead():
    # the lead's first sentence is undated; its second dates the signing
    text = ("JAKARTA – Pemerintah Indonesia resmi memesan dua kapal selam dari Prancis. Kontrak itu "
            "ditandatangani Kementerian Pertahanan dan Naval Group di Jakarta pada Kamis pekan lalu.\n\n"
            "Menteri Pertahanan Prabowo Subianto juga bertemu dengan Menteri Angkatan Bersenjata Prancis Florence "
            "Parly hari ini.")
    events, _ = _events(text, "2024-04-03")
    assert ("CONSULT", "meeting", "2024-03-28", "occurred",
            (("Prabowo Subianto", "source"), ("Florence Parly", "target"))) in events


def test_the_same_day_is_the_day_of_the_event_just_told():
    text = ("Presiden Prabowo Subianto mengadakan pembicaraan dengan Presiden Xi Jinping di Beijing pada hari Sabtu.\n"
            "Prabowo tiba di ibu kota Tiongkok pada Jumat malam.\n"
            "Di akhir pertemuan, kedua kepala negara menyaksikan penandatanganan tujuh dokumen kerja sama.\n"
            "Sebelumnya pada hari yang sama, Prabowo bertemu dengan Perdana Menteri Li Qiang.")
    events, _ = _events(text, "2024-11-10")
    assert ("CONSULT", "meeting", "2024-11-09", "occurred", (("Prabowo Subianto", "source"), ("Li Qiang", "target"))) in events


def test_scheduled_noun_resolves_its_day_forward():
    # "Pertemuan puncak … dijadwalkan pada tanggal 20": planned, so the next 20th, not the last
    text = ("Presiden Rusia Vladimir Putin tiba di Pyongyang pada tanggal 19.\n"
            "Pertemuan puncak dengan Presiden To Lam dijadwalkan pada tanggal 20.")
    events, _ = _events(text, "2024-06-19")
    assert ("CONSULT", "meeting", "2024-06-20", "planned", (("Vladimir Putin", "source"), ("To Lam", "target"))) in events


def test_a_year_that_ends_a_name_is_no_date():
    text = ("Panglima TNI Yudo Margono dan Letnan Jenderal Xavier Brunson secara resmi membuka latihan gabungan "
            "Super Garuda Shield 2023 di Situbondo, Jawa Timur, kemarin.")
    events, _ = _events(text, "2023-09-01")
    assert ("COOPERATE", "exercise", "2023-08-31", "occurred",
            (("Yudo Margono", "source"), ("Xavier Brunson", "source"))) in events


def test_a_date_before_a_conjunction_dates_the_act_before_it():
    text = ("Polish Defense Minister Mariusz Blaszczak visited Seoul in May and held talks with his South Korean "
            "counterpart, Lee Jong-sup, on cooperation in the defense industry.")
    events, _ = _events(text, "2022-08-27", "en")
    assert ("CONSULT", "visit", "2022-05", "occurred", (("Mariusz Błaszczak", "source"), ("South Korea", "target"))) in events
    assert [e[2] for e in events if e[1] == "meeting"] == ["2022-05"]


def test_an_undated_trip_takes_the_date_of_the_talks_held_there():
    text = ("Australia and Indonesia signed a defence cooperation agreement on Thursday.\n"
            "The signing comes nine days after Indonesian Defence Minister Prabowo Subianto travelled to Canberra, "
            "where he held talks with Australian Prime Minister Anthony Albanese at Parliament House on August 20.")
    events, _ = _events(text, "2024-08-29", "en")
    assert ("CONSULT", "visit", "2024-08-20", "occurred", (("Prabowo Subianto", "source"), ("Australia", "target"))) in events
    assert ("CONSULT", "meeting", "2024-08-20", "occurred",
            (("Prabowo Subianto", "source"), ("Anthony Albanese", "target"))) in events


def test_a_pronoun_subject_takes_the_date_of_its_antecedent_sentence():
    text = ("SINGAPORE: Ukrainian President Volodymyr Zelensky said on Sunday that the summit would go ahead.\n"
            "On Saturday, Zelensky met Indonesian Defence Minister Prabowo Subianto.\n"
            "He also met Timor-Leste President Jose Ramos-Horta.\n"
            "US Defense Secretary Lloyd Austin met Chinese Defence Minister Dong Jun on Friday. "
            "The two had spoken by video call in April.")
    events, _ = _events(text, "2024-06-02", "en")
    assert [e[2] for e in events if e[1] == "meeting" and ("José Ramos-Horta", "target") in e[4]] == ["2024-06-01"]
    # "the two": both people of the meeting told before
    assert [(e[2], {name for name, _ in e[4]}) for e in events if e[1] == "phone"] == [
        ("2024-04", {"Lloyd Austin", "Dong Jun"})]


def test_an_undated_meeting_of_the_story_is_not_an_earlier_dated_one():
    text = ("JAKARTA – Menteri Pertahanan Prabowo Subianto dan Menteri Pertahanan AS Lloyd Austin menandatangani "
            "Pengaturan Kerja Sama Pertahanan di Jakarta, Kamis (16/11).\n"
            "Penandatanganan dilakukan usai pertemuan bilateral Prabowo dengan Austin.\n"
            "Prabowo dan Austin sebelumnya bertemu di Pentagon, Virginia, pada Agustus lalu.")
    events, _ = _events(text, "2023-11-17")
    assert sorted(e[2] for e in events if e[1] == "meeting") == ["2023-08", "2023-11-16"]


def test_talks_and_drills_with_no_party_named_are_between_the_story_states():
    text = ("TOKYO — The defense chiefs of Japan, the United States and South Korea on Sunday signed a memorandum "
            "on trilateral security cooperation.\n"
            "The first Freedom Edge drills, involving air, naval and cyber forces, were held in late June.\n"
            "The next trilateral ministerial meeting will be held in South Korea next year.")
    events, _ = _events(text, "2024-07-28", "en")
    states = (("Japan", "source"), ("United States", "source"), ("South Korea", "source"))
    assert ("COOPERATE", "exercise", "2024-06", "occurred", states) in events
    assert ("CONSULT", "multilateral", "2025", "planned", states) in events


def test_two_states_imply_no_summit():
    text = ("MANILA — Japan and the Philippines signed a reciprocal access agreement on Monday.\n"
            "The first such meeting took place in Tokyo in April 2022.\n"
            "Leaders will gather for an upcoming peace summit in Switzerland next month.")
    events, _ = _events(text, "2024-07-09", "en")
    assert ("CONSULT", "meeting", "2022-04", "occurred", (("Japan", "source"), ("Philippines", "source"))) in events
    assert not [e for e in events if e[1] == "multilateral"]


def test_day_word_before_a_month_is_a_day_of_that_month():
    assert _date(Knowledge.default(), "id", "pada tanggal 2 Juni", "2024-07-29") == ("2 Juni", "2024-06-02")


@pytest.mark.parametrize(("language", "text"), [
    ("en", ("Japan and the Philippines signed a reciprocal access agreement on Monday.\n"
            "The Philippines is the third country to sign such a pact with Japan, after Australia in January 2022 "
            "and Britain in January 2023.")),
    ("id", ("Jepang dan Filipina menandatangani Perjanjian Akses Timbal Balik pada hari Senin.\n"
            "Filipina menjadi negara ketiga yang meneken RAA dengan Jepang, setelah Australia pada Januari 2022 "
            "dan Inggris pada Januari 2023.")),
])
def test_parties_with_their_own_dates_are_separate_acts(language, text):
    events, _ = _events(text, "2024-07-09", language)
    agreements = sorted((e[2], {name for name, _ in e[4]}) for e in events if e[0] == "AGREE")
    assert agreements == [("2022-01", {"Japan", "Australia"}),
                          ("2023-01", {"Japan", "United Kingdom"}),
                          ("2024-07-08", {"Japan", "Philippines"})]


def test_the_day_of_a_report_does_not_date_the_act_it_reports():
    text = ("Earlier on Monday, defense ministry spokesman Boo Seung-chan told a regular briefing that Defense "
            "Minister Suh Wook had turned down a request from his Ukrainian counterpart, Oleksii Reznikov, for "
            "anti-aircraft weapons during a phone call last Friday.")
    events, _ = _events(text, "2022-04-11", "en")
    assert ("REJECT", "assist", "2022-04-08", "occurred", (("Suh Wook", "source"), ("Oleksii Reznikov", "target"))) in events
    assert ("REQUEST", "assist", "2022-04-08", "occurred", (("Oleksii Reznikov", "source"), ("Suh Wook", "target"))) in events


def test_a_planned_meeting_then_a_flight_with_the_talks_named_twice():
    text = ("TOKYO — U.S. Defense Secretary Lloyd Austin and Japanese Defense Minister Minoru Kihara met on Sunday.\n"
            "Austin is scheduled to meet Kihara again for bilateral talks on Monday before flying to Manila.")
    events, _ = _events(text, "2024-07-28", "en")
    assert ("CONSULT", "meeting", "2024-07-29", "planned", (("Lloyd Austin", "source"), ("Minoru Kihara", "target"))) in events
    # "flying to": planned like the act it follows, on its day, to the city (no country named)
    assert ("CONSULT", "visit", "2024-07-29", "planned", (("Lloyd Austin", "source"), ("Manila", "target"))) in events
    assert len([e for e in events if e[1] == "meeting"]) == 2


def test_a_list_of_counterparts_runs_past_the_reach():
    text = ("Pada tanggal 12, Presiden Yoon Suk Yeol dijadwalkan mengadakan pertemuan empat negara ``AP4'' dengan "
            "Perdana Menteri Jepang Fumio Kishida, Perdana Menteri Australia Anthony Albanese dan Perdana Menteri "
            "Selandia Baru Chris Hipkins.")
    events, _ = _events(text, "2023-07-11")
    assert ("CONSULT", "multilateral", "2023-07-12", "planned",
            (("Yoon Suk Yeol", "source"), ("Fumio Kishida", "target"), ("Anthony Albanese", "target"),
             ("Chris Hipkins", "target"))) in events


def test_a_day_after_dates_the_earlier_act_one_day_before():
    text = ("On Monday, U.S. Secretary of State Antony Blinken met Australian Foreign Minister Penny Wong in Tokyo, "
            "a day after he held security talks with Japanese Foreign Minister Yoko Kamikawa.")
    events, _ = _events(text, "2024-07-30", "en")
    dates = {name: e[2] for e in events if e[1] == "meeting" for name, role in e[4] if role == "target"}
    assert dates == {"Penny Wong": "2024-07-29", "Yoko Kamikawa": "2024-07-28"}


@pytest.mark.parametrize(("language", "text", "previous", "expected"), [
    ("id", "Sehari sebelumnya", "2019-08-14", "2019-08-13"),
    ("id", "keesokan harinya", "2019-08-31", "2019-09-01"),
    ("en", "the previous day", "2021-03-01", "2021-02-28"),
    ("en", "a day later", "2020-12-31", "2021-01-01"),
    ("en", "the following day", None, "2021-05-07"),  # no day told yet: from the story's day
])
def test_the_day_before_or_after_the_day_just_told(knowledge, language, text, previous, expected):
    assert _date(knowledge, language, text, "2021-05-06", previous=previous)[1] == expected


@pytest.mark.parametrize(("language", "text", "source"), [
    ("en", "Beijing supplied drones to Mali on Monday.", "Beijing"),  # no China named: the city itself
    ("en", "China's envoy spoke on Friday. Beijing supplied drones to Mali on Monday.", "China"),
    ("id", "Tiongkok menyatakan dukungan. Namun Beijing memasok drone kepada Mali pada hari Senin.", "China"),
])
def test_a_capital_opening_a_clause_acts_for_its_state(language, text, source):
    events, _ = _events(text, "2024-05-10", language)
    assert [e[4][0][0] for e in events if e[0] == "AID"] == [source]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Ministers met in Beijing on Monday with officials of Mali."),
    ("id", "Para menteri bertemu di Beijing pada hari Senin dengan pejabat Mali."),
])
def test_a_capital_after_a_case_word_is_a_place(language, text):
    events, _ = _events(text, "2024-05-10", language)
    assert all(name != "China" for e in events for name, _ in e[4])


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Ukraine asked South Korea for air-defence weapons. Seoul turned down the request on Tuesday."),
    ("id", "Ukraina meminta senjata pertahanan udara kepada Korea Selatan. Namun Seoul menolak permintaan itu pada hari Selasa."),
])
def test_refusing_the_request_told_before_takes_its_thing_and_its_asker(language, text):
    events, _ = _events(text, "2024-05-10", language)
    rejects = [e for e in events if e[0] == "REJECT"]
    assert [(e[1], e[2], [n for n, _ in e[4]]) for e in rejects] == [("assist", "2024-05-07", ["South Korea", "Ukraine"])]
    assert sum(e[0] == "REQUEST" for e in events) == 1  # the request is not told twice


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Two Mi-35 attack helicopters were handed over to Mali by Russia in September 2017."),
    ("id", "Dua helikopter serang Mi-35 diserahkan Rusia kepada Mali pada September 2017."),
])
def test_aid_named_as_the_subject_of_a_passive(language, text):
    events, _ = _events(text, "2024-05-10", language)
    assert [(e[0], e[2]) for e in events] == [("AID", "2017-09")]


def test_the_two_leaders_are_people_not_their_states():
    text = ("Presiden Kenya William Ruto bertemu Presiden Tanzania Samia Suluhu Hassan di Nairobi pada hari Senin. "
            "Pertemuan sebelumnya dari kedua pemimpin terjadi pada bulan Maret 2023 di Dar es Salaam.")
    events, _ = _events(text, "2024-05-10")
    earlier = [e for e in events if e[2] == "2023-03"]
    assert earlier and {n for n, _ in earlier[0][4]} == {"William Ruto", "Samia Suluhu Hassan"}


@pytest.mark.parametrize(("language", "text"), [
    ("en", "A day after being sworn in on November 17, 2023, Maldives President Mohamed Muizzu formally asked India to withdraw its troops."),
    ("id", "Sehari setelah dilantik pada 17 November 2023, Presiden Maladewa Mohamed Muizzu secara resmi meminta India menarik personel militernya."),
])
def test_a_date_inside_a_day_offset_dates_the_other_act(language, text):
    events, _ = _events(text, "2023-11-20", language)
    assert [(e[0], e[2]) for e in events] == [("REQUEST", "2023-11-18")]


def test_a_day_that_does_not_exist_dates_nothing():
    events, _ = _events("Kamis, 0 April 2024 – Menteri Pertahanan Indonesia mengunjungi Jepang pada 31 Juni 2024.", "2024-07-02")
    assert all(e[2] is None or e[2] >= "2024-01" for e in events)


@pytest.mark.parametrize(("text", "expected"), [
    # an urging: the one called on is asked to change course
    ("EU foreign policy chief Josep Borrell called on Iran to return to the nuclear talks.",
     [("REQUEST", "change", ("Josep Borrell", "Iran"))]),
    # a courtesy call: the same words, no "to" after them
    ("Blinken called on President Ferdinand Marcos Jr. at the palace.",
     [("CONSULT", "meeting", ("Antony Blinken", "Ferdinand Marcos Jr."))]),
])
def test_called_on_is_an_urging_or_a_courtesy_call(text, expected):
    events, _ = _events(text, "2024-05-10", "en")
    assert [(e[0], e[1], tuple(n for n, _ in e[4] if n != "European Union")) for e in events] == expected


def test_a_state_named_by_its_adjective_acts():
    events, _ = _events("The Iraqi government asked the United Nations for humanitarian aid for displaced families.",
                        "2024-05-10", "en")
    assert [(e[0], [n for n, _ in e[4]]) for e in events] == [("REQUEST", ["Iraq", "United Nations"])]


@pytest.mark.parametrize(("text", "expected"), [
    # a di- verb is passive; its agent may follow it with no "oleh"
    ("Perjanjian itu diteken Menteri Pertahanan Maladewa Mohamed Ghassan Maumoon dan Menteri Pertahanan Tiongkok "
     "Dong Jun di Male, Senin (4/3).", ("AGREE", "2024-03-04", {"Mohamed Ghassan Maumoon", "Dong Jun"})),
    ("Menteri Pertahanan Prabowo Subianto diterima Presiden Xi Jinping di Beijing pada hari Senin.",
     ("CONSULT", "2024-03-04", {"Prabowo Subianto", "Xi Jinping"})),
])
def test_the_agent_of_an_indonesian_passive(text, expected):
    events, _ = _events(text, "2024-03-05")
    assert [(e[0], e[2], {n for n, _ in e[4]}) for e in events] == [expected]


def test_an_undated_lead_takes_the_day_of_the_next_paragraph():
    text = ("Male (ANTARA) - Pemerintah Maladewa dan Tiongkok menandatangani perjanjian bantuan militer.\n\n"
            "Perjanjian itu diteken di Male, Senin (4/3), menurut kementerian. Sebelumnya kedua menteri bertemu.")
    events, _ = _events(text, "2024-03-06")
    assert {e[2] for e in events} == {"2024-03-04"}


def test_an_agreement_with_no_party_named_is_between_the_story_states():
    text = ("WELLINGTON - New Zealand and Fiji signed a status of forces agreement on Tuesday. "
            "It builds on a maritime security arrangement signed in 2019.")
    events, _ = _events(text, "2024-05-10", "en")
    earlier = [e for e in events if e[2] == "2019"]
    assert earlier and {n for n, _ in earlier[0][4]} == {"New Zealand", "Fiji"}


def test_a_reception_of_the_visiting_president():
    events, _ = _events("Chinese President Xi Jinping received visiting Brazilian President Luiz Inacio Lula da Silva "
                        "at the Great Hall of the People on Friday.", "2023-04-15", "en")
    meetings = [e for e in events if e[:2] == ("CONSULT", "meeting")]
    assert [{n for n, _ in e[4]} for e in meetings] == [{"Xi Jinping", "Luiz Inácio Lula da Silva"}]


@pytest.mark.parametrize(("text", "expected"), [
    ("The first U.S.-made Abrams tanks have arrived in Ukraine, officials said on Monday.",
     ("AID", "military", {"United States", "Ukraine"})),
    ("A Saudi plane carrying 35 tonnes of food aid landed in Aleppo on Tuesday, the first such flight to Syria.",
     ("AID", "humanitarian", {"Saudi Arabia", "Syria"})),
])
def test_an_arrival_of_aid_is_a_delivery_not_a_visit(text, expected):
    events, _ = _events(text, "2024-05-10", "en")
    assert [(e[0], e[1], {n for n, _ in e[4]}) for e in events] == [expected]


def test_refusing_to_act_is_a_refusal():
    events, _ = _events("Russia on Monday refused to extend the Black Sea grain deal, rejecting calls from the "
                        "United Nations to keep it in force.", "2023-07-18", "en")
    assert [(e[0], e[2]) for e in events if e[0] == "REJECT"] == [("REJECT", "2023-07-17")]
    assert _events("The ministry declined to comment on the report.", "2023-07-18", "en")[0] == []


@pytest.mark.parametrize(("text", "expected"), [
    # the counterpart hangs on the object noun
    ("Sri Lanka reached a staff-level agreement with the IMF on Thursday for a loan.",
     {"Sri Lanka", "International Monetary Fund"}),
    # an agreement to act
    ("Saudi Arabia and Iran agreed on Thursday to restore diplomatic relations.", {"Saudi Arabia", "Iran"}),
])
def test_agreements_told_around_their_noun_or_their_verb(text, expected):
    events, _ = _events(text, "2024-05-10", "en")
    assert [(e[0], e[2], {n for n, _ in e[4]}) for e in events] == [("AGREE", "2024-05-09", expected)]


def test_a_date_of_what_is_asked_does_not_date_the_request():
    events, _ = _events("The Iraqi government asked the U.N. Security Council on Wednesday to end the work of its "
                        "political mission in the country by the end of 2025.", "2024-05-10", "en")
    assert [(e[0], e[2], e[3]) for e in events] == [("REQUEST", "2024-05-08", "occurred")]


def test_mediated_talks_are_third_party():
    events, _ = _events("A Hamas delegation arrived in Cairo on Sunday for talks with Egyptian and Qatari mediators "
                        "on a Gaza truce.", "2024-03-04", "en")
    assert {(e[0], e[1]) for e in events} == {("CONSULT", "visit"), ("CONSULT", "third-party")}
