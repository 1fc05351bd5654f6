"""Dutch identifiers that deduce misses when teachers type them their own way:
phone numbers with +31/0031, dots, spaces or brackets; BSNs in groups; postcodes;
street addresses in lower case; "huisnummer 7". Replaced by a tag before deduce
runs (:func:`replace_identifiers`)."""

from __future__ import annotations

import re

STREET_SUFFIXES = (
    "straat", "weg", "laan", "plein", "singel", "gracht", "kade", "dijk", "pad", "hof", "markt", "park",
    "dreef", "steeg", "plantsoen", "boulevard", "wal", "baan", "erf", "ring", "veld", "hoek", "poort",
    "burgwal", "haven", "kwartier", "pleintje", "straatje", "steegje", "oord", "zijde", "heuvel", "berg",
    "dam", "burcht", "akker", "wei", "weide", "tuin", "hout", "bos", "rade", "donk", "lei", "vaart",
)
HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?"
# Words that may stand before a street name ("van oldenbarneveltlaan", "dr. schaepmanplein").
STREET_PREFIX = r"(?:(?:van|de|der|den|ter|ten|dr\.|prof\.|mr\.|burg\.|burgemeester|st\.|sint|koningin|prins|prinses|graaf|kerk)\s+){0,3}"
STREET = re.compile(
    rf"\b{STREET_PREFIX}[\w'-]*(?:{'|'.join(STREET_SUFFIXES)})\s+{HOUSE_NUMBER}\b", re.IGNORECASE)
HOUSE_NUMBER_WORD = re.compile(rf"\b(?:huisnummer|huisnr\.?|nummer|nr\.?)\s*{HOUSE_NUMBER}\b", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31[\s.-]?(?:\(0\)\s?)?|\(?0\)?)"  # +31, 0031, 0, (0…)
    r"(?:[\s.()-]*\d){9}(?!\d)"
)
BSN_GROUPED = re.compile(r"(?<![\d.])\d{3}[\s.]\d{3}[\s.]\d{3}(?![\d.])|(?<!\d)\d{4}[\s.]\d{2}[\s.]\d{3}(?!\d)")
BSN_PLAIN = re.compile(r"(?<![\d+])\d{8,9}(?!\d)")
# Two letters after a 4-digit postcode; words like "en", "op" after a year are not postcodes.
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!(?:en|op|in|is|te|de|al|of|om|na|bv|ca|nu|zo|ik|je|we|ze|er|af|an|at|or|as|so)\b)[a-zA-Z]{2}\b")


def replace_identifiers(text: str) -> str:
    text = STREET.sub("[ADRES]", text)
    text = HOUSE_NUMBER_WORD.sub("[ADRES]", text)
    text = PHONE.sub("[TELEFOONNUMMER]", text)
    text = BSN_GROUPED.sub("[BSN]", text)
    text = BSN_PLAIN.sub("[BSN]", text)
    text = POSTCODE.sub("[POSTCODE]", text)
    return text
