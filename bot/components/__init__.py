"""Custom Rasa graph components of Kernteamwijzer."""
