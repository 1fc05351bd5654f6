"""Field types for phone numbers, e-mail addresses, websites and sources."""
from __future__ import annotations

import pytest
from pydantic import ValidationError, parse_obj_as

from bot.knowledge.schema import Email, Phone, SourceRef, Url


def valid(field_type, value) -> bool:
    try:
        parse_obj_as(field_type, value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("value", [
    "088-9958484", "088-9958383", "023 7891777", "023-5113660", "06-52654625", "0640881026",
    "0900 1852", "0800-2000", "112", "0251-123456",
])
def test_valid_phones(value):
    assert valid(Phone, value)


@pytest.mark.parametrize("value", [
    "06-1234", "1234567890", "088-99584845", "+31 6", "bel me", "", "06--52654625", "113", 640881026,
])
def test_invalid_phones(value):
    assert not valid(Phone, value)


@pytest.mark.parametrize("value", [
    "info@cjgkennemerland.nl", "l.kammeijer@altra.nl", "frontofficejgz@vrk.nl",
    "kernteam@swv-vo-zk.nl", "m.albers@po-zk.nl",
])
def test_valid_emails(value):
    assert valid(Email, value)


@pytest.mark.parametrize("value", ["cjg-heemstede.nl", "a@b", "x y@z.nl", "@po-zk.nl"])
def test_invalid_emails(value):
    assert not valid(Email, value)


@pytest.mark.parametrize("value", [
    "www.ggdkennerland.nl", "www.cjghaarlemmermeer.nl/over-cjg",
    "www.haarlemmermeergemeente.nl/taak/leerplicht-en-rcm", "http://www.rijksoverheid.nl",
    "www.poraad.nl/kind-onderwijs/sociale-veiligheid/afwegingskader-huiselijk-geweld-onderdeel-van-de-meldcode",
])
def test_valid_websites(value):
    assert valid(Url, value)


@pytest.mark.parametrize("value", ["cjg heemstede", "localhost", "www", "info@x.nl"])
def test_invalid_websites(value):
    assert not valid(Url, value)


def test_source_ref():
    ref = parse_obj_as(SourceRef, "001_6c0135e309740f9e.txt#Wie is mijn leerplichtambtenaar?")
    assert ref.file == "001_6c0135e309740f9e.txt"
    assert ref.section == "Wie is mijn leerplichtambtenaar?"
    assert str(ref) == "001_6c0135e309740f9e.txt#Wie is mijn leerplichtambtenaar?"
    national = parse_obj_as(SourceRef, "landelijk")
    assert national.is_national and str(national) == "landelijk"
    for malformed in ("001.txt", "#kop", "001.txt#", "geen bron"):
        assert not valid(SourceRef, malformed), malformed
