"""The messages the benchmarks send: short conversations of five turns that
walk through a subject, and an endless cycle for long conversations."""

from __future__ import annotations

# Five-turn conversations as teachers write them (no personal data).
CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    ("hoi", "een leerling is 13 keer te laat gekomen", "Haarlem", "wie betaalt een iq onderzoek", "dank je wel"),
    ("goedemorgen", "ik maak me zorgen over de thuissituatie van een leerling", "nee, het is niet acuut",
     "hoe bereik ik de leerplichtambtenaar in Heemstede", "bedankt"),
    ("hallo", "wat is de verwijsindex", "mag een leerling verlof krijgen voor een bruiloft", "Zandvoort", "dank je"),
)

# The minimal `rasa init` bot understands English small talk.
MINIMAL_CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    ("hi", "I am sad", "yes", "thanks", "bye"),
    ("hello", "great", "are you a bot?", "no", "goodbye"),
    ("hey", "very bad", "no", "I am happy", "see you"),
)

LONG_CONVERSATION_CYCLE: tuple[str, ...] = (
    "hoi",
    "ik maak me zorgen over de thuissituatie van een leerling",
    "nee, het is niet acuut",
    "hoe bereik ik de leerplichtambtenaar in Heemstede",
    "een leerling is 13 keer te laat gekomen",
    "wie betaalt een iq onderzoek",
    "wat is de verwijsindex",
    "dank je wel",
)

MINIMAL_LONG_CONVERSATION_CYCLE: tuple[str, ...] = ("hi", "I am sad", "yes", "great", "are you a bot?", "bye")


def conversation_turn(turn: int, minimal: bool = False) -> str:
    """The message of ``turn`` (1-based) in a long conversation."""
    cycle = MINIMAL_LONG_CONVERSATION_CYCLE if minimal else LONG_CONVERSATION_CYCLE
    return cycle[(turn - 1) % len(cycle)]
