"""Format validators for phone numbers, e-mail addresses, websites and sources."""
from __future__ import annotations

import pytest

from bot.knowledge.schema import is_email, is_phone, is_website, parse_source_ref


@pytest.mark.parametrize("value", [
    "088-9958484", "088-9958383", "023 7891777", "023-5113660", "06-52654625", "0640881026",
    "0900 1852", "0800-2000", "112", "0251-123456",
])
def test_valid_phones(value):
    assert is_phone(value)


@pytest.mark.parametrize("value", [
    "06-1234", "1234567890", "088-99584845", "+31 6", "bel me", "", "06--52654625", "113",
])
def test_invalid_phones(value):
    assert not is_phone(value)


@pytest.mark.parametrize("value", [
    "info@cjgkennemerland.nl", "l.kammeijer@altra.nl", "frontofficejgz@vrk.nl",
    "kernteam@swv-vo-zk.nl", "m.albers@po-zk.nl",
])
def test_valid_emails(value):
    assert is_email(value)


@pytest.mark.parametrize("value", ["cjg-heemstede.nl", "a@b", "x y@z.nl", "@po-zk.nl"])
def test_invalid_emails(value):
    assert not is_email(value)


@pytest.mark.parametrize("value", [
    "www.ggdkennerland.nl", "www.cjghaarlemmermeer.nl/over-cjg",
    "www.haarlemmermeergemeente.nl/taak/leerplicht-en-rcm", "http://www.rijksoverheid.nl",
    "www.poraad.nl/kind-onderwijs/sociale-veiligheid/afwegingskader-huiselijk-geweld-onderdeel-van-de-meldcode",
])
def test_valid_websites(value):
    assert is_website(value)


@pytest.mark.parametrize("value", ["cjg heemstede", "localhost", "www", "info@x.nl"])
def test_invalid_websites(value):
    assert not is_website(value)


def test_parse_source_ref():
    ref = parse_source_ref("001_6c0135e309740f9e.txt#Wie is mijn leerplichtambtenaar?")
    assert ref.file == "001_6c0135e309740f9e.txt"
    assert ref.section == "Wie is mijn leerplichtambtenaar?"
    assert str(ref) == "001_6c0135e309740f9e.txt#Wie is mijn leerplichtambtenaar?"
    national = parse_source_ref("landelijk", "Rijksoverheid")
    assert national.is_national and national.note == "Rijksoverheid" and str(national) == "landelijk"
    assert parse_source_ref("001.txt") is None
    assert parse_source_ref("#kop") is None
    assert parse_source_ref("001.txt#") is None
