"""Rasa SDK action server of Kernteamwijzer.

Every action reads its content from ``knowledge/`` through ``bot.knowledge``;
the conversational frame (questions, buttons, templates) is in ``domain.yml``.
"""
