"""Publication dates as documents write them, first, last or in a dateline, in Indonesian
and English; and the dates that must not be taken for one."""

from __future__ import annotations

import pytest

from dyads.clean.published import Line, find_published, lines_of
from dyads.langdata import Knowledge
from dyads.model import Removal

BODY_ID = "Menteri Pertahanan Korea Selatan bertemu dengan Komandan NATO di Seoul untuk membahas kerja sama pertahanan."
BODY_EN = "South Korea's defense minister met NATO's top commander in Seoul to discuss defense cooperation."


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


@pytest.mark.parametrize(("language", "text", "date", "stamp"), [
    ("id", f"12 April 2022\n\n{BODY_ID}", "2022-04-12", "12 April 2022"),
    ("id", f"Rabu, 14 September 2023\n{BODY_ID}", "2023-09-14", "Rabu, 14 September 2023"),
    ("id", f"Senin, 8 Juli 2024 | 14:20 WIB\n{BODY_ID}", "2024-07-08", "Senin, 8 Juli 2024 | 14:20 WIB"),
    ("id", f"Jakarta, 31/3/2021 – {BODY_ID}", "2021-03-31", "31/3/2021"),
    ("id", f"JAKARTA, 5 Agt 2023 - {BODY_ID}", "2023-08-05", "5 Agt 2023"),
    ("id", f"{BODY_ID}\nDiterbitkan: 9 Juli 2024", "2024-07-09", "9 Juli 2024"),
    ("id", f"{BODY_ID}\n2024/03/01 08:13 KST", "2024-03-01", "2024/03/01 08:13 KST"),
    ("id", f"Oleh Redaksi | Kamis, 29 Agustus 2024 10:05 WIB\n{BODY_ID}", "2024-08-29", "Kamis, 29 Agustus 2024 10:05 WIB"),
    ("id", f"{BODY_ID}\nPewarta: Rina\n15 Desember 2022 20:11 WIB", "2022-12-15", "15 Desember 2022 20:11 WIB"),
    ("en", f"Published: 9 July 2024\n{BODY_EN}", "2024-07-09", "9 July 2024"),
    ("en", f"July 9, 2024 at 3:42 PM\n{BODY_EN}", "2024-07-09", "July 9, 2024 at 3:42 PM"),
    ("en", f"Posted on Feb. 29, 2024\n{BODY_EN}", "2024-02-29", "Feb. 29, 2024"),
    ("en", f"Updated: 2024-07-08 11:02 GMT+7\n{BODY_EN}", "2024-07-08", "2024-07-08 11:02 GMT+7"),
    ("en", f"Tuesday, April 12, 2022\n{BODY_EN}", "2022-04-12", "Tuesday, April 12, 2022"),
    ("en", f"SEOUL, 3/14/2023 - {BODY_EN}", "2023-03-14", "3/14/2023"),
    ("en", f"{BODY_EN}\nFirst published 14/03/2023", "2023-03-14", "14/03/2023"),
    # Korean stamps machine-translated: 입력 ("input") 2023.10.05 14:32
    ("id", f"Masukan 2023.10.05 14:32\n{BODY_ID}", "2023-10-05", "2023.10.05 14:32"),
    ("id", f"Masukan 2023.07.12 06:15 Koreksi 2023.07.12 07:02\n{BODY_ID}", "2023-07-12", "2023.07.12 06:15"),
])
def test_publication_stamps(knowledge, language, text, date, stamp):
    found = find_published(lines_of(text, knowledge.language(language)), [])
    assert found is not None
    published, span = found
    assert published == date
    assert text[span.start:span.end] == stamp


def test_wire_dateline_takes_the_year_of_the_removed_copyright(knowledge):
    text = f"MANILA, July 8 (Reuters) - {BODY_EN}"
    lines = lines_of(text, knowledge.language("en"))
    found = find_published(lines, [Removal("© 2024 Reuters", "copyright")])
    assert found is not None
    assert found[0] == "2024-07-08"
    assert text[found[1].start:found[1].end] == "July 8"
    assert find_published(lines, []) is None


@pytest.mark.parametrize(("language", "text"), [
    # A date inside a sentence is an event's date, not the publication's.
    ("id", "Kunjungan pertama dilakukan oleh Petr Pavel, pada Mei 2016.\nKedua pihak bertemu pada 12 April 2022 di Seoul."),
    ("en", "The first visit was on 12 April 2022, officials said.\nThe treaty was signed on July 9, 2024 in Manila."),
    # Impossible dates are not dates.
    ("id", f"31 Februari 2024\n{BODY_ID}"),
    ("en", f"13/13/2024\n{BODY_EN}"),
])
def test_dates_that_are_not_publication_stamps(knowledge, language, text):
    assert find_published(lines_of(text, knowledge.language(language)), []) is None


def test_only_edges_of_a_long_document_are_read(knowledge):
    middle = [BODY_ID] * 10 + ["14 September 2023"] + [BODY_ID] * 10
    assert find_published(lines_of("\n".join(middle), knowledge.language("id")), []) is None


def test_top_stamp_wins_over_bottom_stamp(knowledge):
    text = f"12 April 2022\n{BODY_ID}\n13 April 2022"
    assert find_published(lines_of(text, knowledge.language("id")), [])[0] == "2022-04-12"


@pytest.mark.parametrize(("stamp", "date"), [
    ("2022年1月6日", "2022-01-06"),
    ("2024年2月29日(木)", "2024-02-29"),
    ("2022年1月6日 19時45分", "2022-01-06"),
    ("2024년 2월 29일", "2024-02-29"),
])
def test_east_asian_stamps_read_in_any_language(knowledge, stamp, date):
    for language in ("id", "en", "ja"):
        found = find_published(lines_of(stamp + "\n" + BODY_ID, knowledge.language(language)), [])
        assert found is not None and found[0] == date
        assert (found[1].start, found[1].end) == (0, len(stamp))


def test_each_line_is_read_with_its_own_language(knowledge):
    """A Malay stamp is read with Malay month words, which Indonesian does not have."""
    stamp = "Isnin, 8 Julai 2024"
    lines = [Line(0, stamp, knowledge.language("ms")), Line(len(stamp) + 1, BODY_ID, knowledge.language("id"))]
    assert find_published(lines, [])[0] == "2024-07-08"
    assert find_published(lines_of(stamp + "\n" + BODY_ID, knowledge.language("id")), []) is None
