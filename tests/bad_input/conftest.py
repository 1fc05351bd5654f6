"""The bad-input suite runs over the REST channel and the web chat of the
assistant shared by the test session."""

from __future__ import annotations

import pytest

from support.chat_clients import CHANNELS
from support.shared_assistant import assistant  # noqa: F401  (fixture)


@pytest.fixture(params=sorted(CHANNELS))
def client(request, assistant):  # noqa: F811
    """A new conversation in each channel."""
    return CHANNELS[request.param](assistant)
