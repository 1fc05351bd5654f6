"""Custom Rasa graph components of Kernteamwijzer.

The Rasa server imports this package when it loads the model, so the
speed-up in ``bot.rasa_speedups`` is installed here for every server process.
"""

from bot import rasa_speedups

rasa_speedups.apply()
