"""The safety decision the assistant makes for every message.

Layers, in order:

1. patterns (``signals.detect``) over the text and its lemmas, with negation:
   a match is acute danger, whatever the classifier says;
2. the intent classifier: ``acute_danger`` without a pattern match
   - is dropped when the message itself denies danger ("er is geen gevaar",
     "niet acuut");
   - otherwise never raises the full alarm on its own: the message starts
     the veiligheid route, whose first question is whether the child is in
     danger now and names 112 and Veilig Thuis. So a danger the patterns miss
     still gets 112 in the first reply, and a harmless message the classifier
     mistakes for danger ("schrok zich dood van het brandalarm") gets a
     question instead of an alarm. Measured on the blind evaluation sets
     (tests/test_safety_evaluation.py): with the intent classifier allowed to
     raise the alarm at confidence >= 0.8, false alarms were 5.9 %;
3. the binary acute-danger classifier (``classifier.py``, trained with the
   model on many more acute and not-acute examples than the intent
   classifier sees): a probability >= ``ALARM_THRESHOLD`` raises the alarm
   too, unless the message denies danger, is about a lesson, a story or a
   general question, or the patterns found the danger words and ruled them
   out (negated, or a harmless meaning). It catches dangers told in words no
   pattern has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from bot.safety.classifier import ALARM_THRESHOLD
from bot.safety.language import DUTCH, detect_language
from bot.safety.signals import Signal, load_signals

ACUTE_INTENT = "acute_danger"

ACUTE = "acute"            # 112 and Veilig Thuis first
UNSURE = "unsure"          # the veiligheid route: its first question names 112 and Veilig Thuis
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


def decide(text: str, intent: Optional[str] = None, lemmas: Optional[Sequence[str]] = None,
           acute_probability: float = 0.0) -> SafetyDecision:
    """``intent``: the intent classifier's best guess (``acute_danger`` or
    another); ``acute_probability``: the binary classifier's probability."""
    signals = load_signals()
    language = detect_language(text)
    signal = signals.detect(text, lemmas=lemmas, language=language)
    if signal is not None:
        outcome = ACUTE
    elif (acute_probability >= ALARM_THRESHOLD and not signals.is_context_only(text)
          and not signals.ruled_out_signal(text, language)):
        outcome = ACUTE
    elif intent == ACUTE_INTENT and signals.negated_danger(text):
        # "er is geen gevaar" answers the route's question; "niet acuut, maar ik
        # twijfel over blauwe plekken" is a worry: the route, which then does
        # not ask about danger again.
        outcome = DENIED if is_bare_denial(text) else UNSURE
    elif intent == ACUTE_INTENT:
        outcome = UNSURE
    else:
        outcome = NONE
    return SafetyDecision(outcome, signal, language, signals.is_disclosure(text), signals.is_secrecy_request(text))


def is_bare_denial(text: str) -> bool:
    """A short message that only says there is no danger (no "maar ...")."""
    words = re.findall(r"\w+", text.lower())
    return len(words) <= 8 and not set(words) & {"maar", "but", "wel", "toch", "alleen"}


def is_dutch(decision: SafetyDecision) -> bool:
    return decision.language == DUTCH
