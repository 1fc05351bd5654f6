"""Names typed in lower case are removed before storage (own development
examples; the held-out measurement is in tests/test_privacy_evaluation.py)."""

import pytest

from bot.privacy.redaction import redact


@pytest.mark.parametrize("text, gone", [
    ("daan hoogendijk uit groep 4 is verhuisd", ["daan", "hoogendijk"]),
    ("… en sanne komt vaak zonder eten", ["sanne"]),
    ("het gaat om yusra el amrani, ze is 8", ["yusra", "amrani"]),
    ("leerling kees van der berg zegt dat hij honger heeft", ["kees", "berg"]),
    ("meester b. zei dat mo uit groep 6 vaak te laat is", [" b.", " mo "]),
    ("mevr. k. de jong belde vanochtend", [" k.", "jong"]),
    ("j.d. uit groep 3 heeft honger", ["j.d."]),
    ("de moeder van jan-willem belde over zijn broertje thijmen", ["jan-willem", "thijmen"]),
    ("Mevrouw De Vries belde over Thomas", ["Vries", "Thomas"]),
    ("bel me op 023-5123456 of mail naar juf.els@school.nl", ["5123456", "juf.els"]),
])
def test_names_and_numbers_are_removed(text, gone):
    redacted = redact(text)
    for fragment in gone:
        assert fragment not in redacted, (fragment, redacted)


@pytest.mark.parametrize("text", [
    "ik ben ib'er in haarlem en heb een vraag over verlof",
    "ik maak me zorgen over een leerling die vaak moe is",
    "hoe vaak mag een kind te laat komen voordat ik leerplicht bel?",
    "d.w.z. dat het kind o.a. honger heeft",
])
def test_ordinary_questions_are_kept(text):
    assert redact(text) == text
