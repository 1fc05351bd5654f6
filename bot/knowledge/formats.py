"""Format checks for phone numbers, e-mail addresses, websites and source refs."""
from __future__ import annotations

import re
from typing import Optional

from .schema import LANDELIJK, SourceRef

_EMERGENCY = {"112"}
# 0800 / 0900 / 0906 / 0909 service numbers: 4 to 7 digits after the prefix.
_SERVICE = re.compile(r"^09(00|06|09)[- ]?\d{4,7}$|^0800[- ]?\d{4,7}$")
# Regular numbers: area code (2-4 digits incl. the 0), one optional separator, rest.
_REGULAR = re.compile(r"^0\d{1,3}[- ]?\d{6,8}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_WEBSITE = re.compile(
    r"^(https?://)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(/[^\s]*)?$", re.IGNORECASE
)


def is_phone(value: str) -> bool:
    """Dutch formats as used in the sources: 112, 0800-2000, 0900 1852,
    088-9958484, 023 7891777, 06-52654625, 0640881026."""
    value = value.strip()
    if value in _EMERGENCY:
        return True
    if _SERVICE.match(value):
        return True
    if _REGULAR.match(value):
        return sum(ch.isdigit() for ch in value) == 10
    return False


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def is_website(value: str) -> bool:
    return bool(_WEBSITE.match(value.strip()))


def parse_source_ref(value: str, note: Optional[str] = None) -> Optional[SourceRef]:
    """``file#section`` or ``landelijk``; None when malformed."""
    value = value.strip()
    if value == LANDELIJK:
        return SourceRef(LANDELIJK, None, note)
    if value.count("#") < 1:
        return None
    file, section = value.split("#", 1)
    file, section = file.strip(), section.strip()
    if not file or not section or " " in file or not re.match(r"^[\w.-]+$", file):
        return None
    return SourceRef(file, section, note)
