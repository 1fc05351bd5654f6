"""The acute-danger safety net, usable without Rasa.

``detect(text)`` returns the first acute-danger :class:`Signal` in a message, or
None. The patterns are data (``knowledge/acute_signals.yml``); this package holds
the matcher (``signals``), a cheap language guess (``language``) and the final
decision that combines the patterns with the intent classifier (``decision``).
"""

from bot.safety.decision import SafetyDecision, decide
from bot.safety.language import DUTCH, detect_language
from bot.safety.signals import Signal, SignalSet, detect, load_signals

__all__ = ["DUTCH", "SafetyDecision", "Signal", "SignalSet", "decide", "detect", "detect_language", "load_signals"]
