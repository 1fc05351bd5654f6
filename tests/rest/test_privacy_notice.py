"""The teacher is told once per conversation that names are not needed."""

from bot.channels.privacy_notice import contains_personal_data, notice_for


def test_told_once_per_conversation():
    assert notice_for("conv-1", "het gaat om daan hoogendijk") is not None
    assert notice_for("conv-1", "en sanne ook") is None
    assert notice_for("conv-2", "bel 06-12345678") is not None


def test_no_notice_without_personal_data():
    assert notice_for("conv-3", "hoeveel dagen verlof mag een leerling krijgen?") is None
    assert not contains_personal_data("/ask_verlof")
    assert notice_for("conv-3", "het gaat om daan") is not None
