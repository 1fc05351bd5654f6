"""The REST tests talk to the assistant shared by the test session."""

from support.shared_assistant import assistant  # noqa: F401  (fixture)
