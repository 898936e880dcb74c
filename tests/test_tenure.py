"""Nobody acts outside their time in office: a title names its holder on the act's date."""

from __future__ import annotations

from dyads import Options, RawDocument, extract


def test_an_office_named_for_an_older_act_is_its_holder_then():
    # the article is of 2024; the title alone names the holder of 2024, the act is of 2016
    text = ("The chair of the NATO Military Committee visited Tokyo in March 2016, "
            "the ministry said on Tuesday.")
    extraction = extract(RawDocument(text.encode(), "test.txt"), Options(published="2024-05-08", language="en"))
    data = extraction.to_dict()
    names = {e["id"]: e["name"] for e in data["entities"]}
    (visit,) = [e for e in data["events"] if e["mode"] == "visit"]
    assert visit["date"] == "2016-03"
    assert [names[a["entity"]] for a in visit["actors"] if a["role"] == "source"] == ["Petr Pavel"]
