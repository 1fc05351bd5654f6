"""Keeps personal data (names, phone numbers, addresses, BSNs, ...) out of storage."""
