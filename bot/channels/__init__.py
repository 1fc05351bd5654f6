"""Project input/output channels for Rasa (Slack, Microsoft Teams, web chat)."""
