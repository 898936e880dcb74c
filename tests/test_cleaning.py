"""Cleaning on realistic pages: spam and furniture go, with reasons; articles — including
ones that talk about gambling, cookies or sharing — survive untouched."""

from __future__ import annotations

import pytest

from conftest import extract_one

INDONESIAN_WITH_SPAM = """\
Kamis, 29 Agustus 2024

CANBERRA – Menteri Pertahanan Prabowo Subianto dan Wakil Perdana Menteri sekaligus Menteri Pertahanan Australia Richard Marles menandatangani Perjanjian Kerja Sama Pertahanan (DCA) di Canberra pada hari Kamis.
Bagikan: Facebook Twitter WhatsApp
Perjanjian itu akan memperkuat latihan bersama, pendidikan militer, dan kerja sama industri pertahanan kedua negara.
Baca juga: Prabowo Bertemu Austin di Pentagon, Bahas Kerja Sama Pertahanan
“Ini adalah tonggak sejarah dalam hubungan pertahanan Indonesia dan Australia,” kata Marles dalam konferensi pers bersama.
Prabowo mengatakan Indonesia akan terus menjaga kebijakan luar negeri bebas aktif.
Kami menggunakan cookie untuk meningkatkan pengalaman Anda. Dengan melanjutkan, Anda menyetujui penggunaan cookie.
Editor: Rina Hartati
© 2024 Antara News
slot gacor hari ini
situs judi online terpercaya
link alternatif sbobet
togel hongkong
By gacor77
"""

ENGLISH_WITH_FURNITURE = """\
Published: 9 July 2024

MANILA — Japan and the Philippines signed a Reciprocal Access Agreement on Monday, allowing their forces to train on each other's soil.
Share this article
Japanese Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara signed the pact with Philippine Defense Secretary Gilberto Teodoro in Manila.
READ MORE: Philippines, China trade accusations over shoal collision
"This agreement is a milestone," Teodoro told reporters after the signing.
We use cookies to improve your experience. By continuing to browse this site you agree to our use of cookies.
Advertisement
Reporting by Karen Lema; Editing by Ed Davies
Copyright © 2024 The Jakarta Post. All rights reserved.
"""

GAMBLING_CRACKDOWN = """\
Jakarta, 14/9/2023 – TNI Angkatan Laut dan Polri menggelar patroli bersama di Selat Singapura untuk memberantas jaringan judi online lintas negara.
Kepala Staf TNI AL Laksamana Muhammad Ali mengatakan patroli itu juga menyasar kapal yang mengangkut server situs judi ke Kepulauan Riau.
Menurut Kementerian Komunikasi dan Informatika, lebih dari 800 ribu situs judi online telah diblokir sejak 2018.
“Kami tidak akan membiarkan perairan kita dipakai untuk bandar judi,” kata Ali kepada wartawan.
Polisi menyita 20 komputer dan uang tunai Rp 1,2 miliar dari kapal tersebut.
Judi online merugikan masyarakat.
"""

COOKIES_AND_SHARES = """\
July 9, 2024 at 3:42 PM

WASHINGTON (Reuters) - U.S. Defense Secretary Lloyd Austin said on Tuesday that allies should share the burden of deterrence in the Indo-Pacific.
"We all share the same goal," Austin said, adding that the Pentagon would not share intelligence it had not verified.
The casino city of Macau was not on the agenda, officials said.
Share prices of defense contractors rose after the announcement.
"""


def _extract(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_one(path)
    assert result.extraction is not None, result.error
    return result.extraction.document


def test_indonesian_spam_and_furniture_go_with_reasons(tmp_path):
    doc = _extract(tmp_path, "dca.txt", INDONESIAN_WITH_SPAM)
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons == {
        "Bagikan: Facebook Twitter WhatsApp": "share-buttons",
        "Baca juga: Prabowo Bertemu Austin di Pentagon, Bahas Kerja Sama Pertahanan": "related-link",
        "Kami menggunakan cookie untuk meningkatkan pengalaman Anda. Dengan melanjutkan, Anda menyetujui penggunaan cookie.": "cookie-notice",
        "Editor: Rina Hartati": "credits",
        "© 2024 Antara News": "copyright",
        "slot gacor hari ini": "spam",
        "situs judi online terpercaya": "spam",
        "link alternatif sbobet": "spam",
        "togel hongkong": "spam",
        "By gacor77": "spam",
    }
    assert doc.language == "id"
    assert doc.published == "2024-08-29"
    for line in INDONESIAN_WITH_SPAM.splitlines():
        if line and line not in reasons:
            assert line in doc.text


def test_english_furniture_goes_and_the_article_stays(tmp_path):
    doc = _extract(tmp_path, "raa.txt", ENGLISH_WITH_FURNITURE)
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons == {
        "Share this article": "share-buttons",
        "READ MORE: Philippines, China trade accusations over shoal collision": "related-link",
        "We use cookies to improve your experience. By continuing to browse this site you agree to our use of cookies.": "cookie-notice",
        "Advertisement": "advertisement",
        "Reporting by Karen Lema; Editing by Ed Davies": "credits",
        "Copyright © 2024 The Jakarta Post. All rights reserved.": "copyright",
    }
    assert doc.language == "en"
    assert '"This agreement is a milestone," Teodoro told reporters after the signing.' in doc.text


@pytest.mark.parametrize(("name", "text", "language"), [
    ("judi.txt", GAMBLING_CRACKDOWN, "id"),
    ("share.txt", COOKIES_AND_SHARES, "en"),
])
def test_articles_about_gambling_or_sharing_survive_untouched(tmp_path, name, text, language):
    doc = _extract(tmp_path, name, text)
    assert doc.removed == []
    assert doc.text == text.strip()
    assert doc.language == language


def test_blank_line_runs_fold_to_one_paragraph_break(tmp_path):
    doc = _extract(tmp_path, "gaps.txt", "Menteri bertemu Jenderal di Jakarta pada hari Senin.\n\n\n\n  \nKedua pihak membahas latihan bersama.\n")
    assert doc.text == "Menteri bertemu Jenderal di Jakarta pada hari Senin.\n\nKedua pihak membahas latihan bersama."
