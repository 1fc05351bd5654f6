"""Custom Rasa graph components of Kernteamwijzer (importing this package changes
nothing in Rasa; the server speed-up is applied by ``bot.tracker_store``)."""
