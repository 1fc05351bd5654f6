"""The fault tests use the assistant shared by the test session and leave it
running (action server started again, Rasa restarted on the same port)."""

from support.shared_assistant import assistant  # noqa: F401  (fixture)
