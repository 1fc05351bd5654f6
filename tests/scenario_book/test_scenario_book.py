"""The scenario book: a trainer's scenario file is run through the real
assistant and rendered; wrong files are named with their line; the HTML is
checked in headless Chromium."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT, logs_dir
from bot.scenario_book.__main__ import main
from bot.scenario_book.content import scenario_page
from bot.scenario_book.render import write_book

FIXTURE = Path(__file__).with_name("fixture_scenario.yml")
CHROMIUM = Path("/usr/bin/chromium")


def transcript(**overrides):
    data = {
        "id": "voorbeeld", "title": "Voorbeeld <b>titel</b>", "subject": None, "region": "utrecht",
        "case": "Een leerkracht twijfelt.", "learning_goal": "Je leert de route kennen.",
        "discussion": ["Wat zou jij doen?", "Wie betrek je?"], "passed": True, "error": None,
        "turns": [{
            "user": "ik twijfel <script>alert(1)</script>", "click": None, "actions": ["action_veiligheid"],
            "slots": {"topic": "veiligheid"}, "checks": [{"kind": "contains", "expected": "x", "passed": True}],
            "replies": [{"text": "Praat erover met je *aandachtsfunctionaris*.\n• Veilig Thuis: 0800-2000\nBron: Routeboek",
                         "buttons": [{"title": "Meer", "payload": "/affirm"}]}],
        }],
    }
    data.update(overrides)
    return data


def test_page_content_comes_from_the_run():
    page = scenario_page(transcript())
    assert page.subject == "veiligheid" and page.route == ("action_veiligheid",)
    assert "• Veilig Thuis: 0800-2000" in page.people_and_contacts and page.sources == ("Bron: Routeboek",)


def test_html_escapes_text_and_formats_bold_and_bullets(tmp_path):
    index = write_book([scenario_page(transcript())], tmp_path)
    html = index.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<strong>aandachtsfunctionaris</strong>" in html and "<li>Veilig Thuis: 0800-2000</li>" in html
    assert (tmp_path / "veiligheid.md").read_text(encoding="utf-8").startswith("# (On)veiligheid")


def test_a_failing_scenario_is_marked(tmp_path):
    failing = transcript(passed=False, turns=[{**transcript()["turns"][0],
                                               "checks": [{"kind": "contains", "expected": "112", "passed": False}]}])
    html = write_book([scenario_page(failing)], tmp_path).read_text(encoding="utf-8")
    assert "voldoet niet meer" in html


def test_a_wrong_scenario_file_names_file_and_line(tmp_path, capsys):
    broken = tmp_path / "kapot.yml"
    broken.write_text("conversations:\n  - id: x\n    title: t\n    case: c\n    turns:\n      - usr: hoi\n",
                      encoding="utf-8")
    assert main([str(broken), "--out", str(tmp_path / "out")]) == 2
    assert "kapot.yml:6" in capsys.readouterr().err


def test_a_scenario_added_from_a_file_is_run_and_rendered(tmp_path):
    out = tmp_path / "book"
    assert main([str(FIXTURE), "--out", str(out)]) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Een leerkracht van groep 6 wil weten" in html and "Welke situatie past" in html
    assert "wie betaalt eigenlijk een iq onderzoek?" in html
    bot_replies = html.split('class="bot"')[1:]
    assert bot_replies, "no reply of the assistant in the book"
    assert "onderzoek" in (out / "onderzoek.md").read_text(encoding="utf-8").lower()


def test_the_book_renders_in_headless_chromium(tmp_path):
    if not CHROMIUM.exists():
        code = subprocess.call([str(PROJECT_ROOT / "scripts" / "install-test-services.sh")], cwd=PROJECT_ROOT)
        assert code == 0 and CHROMIUM.exists(), "chromium could not be installed"
    index = write_book([scenario_page(transcript()), scenario_page(transcript(id="twee", region=None))], tmp_path)
    shot = logs_dir() / "screenshots" / "scenario-book.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    profile = tmp_path / "profile"
    profile.mkdir()
    subprocess.run([str(CHROMIUM), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--window-size=1280,1600", f"--screenshot={shot}",
                    index.as_uri()], check=True, timeout=120, capture_output=True)
    assert shot.exists() and shot.stat().st_size > 10_000
