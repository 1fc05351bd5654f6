"""The safety decision the assistant makes for every message.

Layers, in order:

1. patterns (``signals.detect``) over the text and its lemmas, with negation:
   a match is acute danger, whatever the classifier says;
2. the intent classifier: ``acute_danger`` without a pattern match
   - is dropped when the message itself denies danger ("er is geen gevaar",
     "niet acuut");
   - counts as acute danger when the classifier is confident
     (>= ``CONFIDENT``);
   - otherwise (low confidence, no pattern) the message is *not* treated as
     acute but starts the veiligheid route, whose first question is whether
     the child is in danger now and names 112 and Veilig Thuis. A worry that
     the patterns do not recognise thus still reaches 112 in the first reply,
     without a false alarm on a harmless message the classifier half-guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from bot.safety.language import DUTCH, detect_language
from bot.safety.signals import Signal, load_signals

ACUTE_INTENT = "acute_danger"
CONFIDENT = 0.8

ACUTE = "acute"            # 112 and Veilig Thuis first
UNSURE = "unsure"          # the veiligheid route, starting with the acute-danger question
DENIED = "denied"          # the classifier said acute, the message says there is no danger
NONE = "none"


@dataclass(frozen=True)
class SafetyDecision:
    outcome: str
    signal: Optional[Signal]
    language: str
    disclosure: bool
    secrecy: bool

    @property
    def acute(self) -> bool:
        return self.outcome == ACUTE


def decide(text: str, intent: Optional[str] = None, confidence: float = 0.0,
           lemmas: Optional[Sequence[str]] = None) -> SafetyDecision:
    signals = load_signals()
    language = detect_language(text)
    signal = signals.detect(text, lemmas=lemmas, language=language)
    if signal is not None:
        outcome = ACUTE
    elif intent == ACUTE_INTENT and signals.negated_danger(text):
        outcome = DENIED
    elif intent == ACUTE_INTENT:
        outcome = ACUTE if confidence >= CONFIDENT else UNSURE
    else:
        outcome = NONE
    return SafetyDecision(outcome, signal, language, signals.is_disclosure(text), signals.is_secrecy_request(text))


def is_dutch(decision: SafetyDecision) -> bool:
    return decision.language == DUTCH
