"""The web chat page in real headless Chromium (Debian's /usr/bin/chromium,
driven over the DevTools protocol) against the running assistant.

Screenshots are written to logs/screenshots/webchat-*.png, the axe-core
results to logs/screenshots/webchat-axe.json."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT, logs_dir
from webchat_cdp import Page, chromium_page

AXE = PROJECT_ROOT / "tests/channels/webchat_axe/node_modules/axe-core/axe.min.js"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}

MESSAGES = "[...document.querySelectorAll('#messages .message')]"
BOT_COUNT = "document.querySelectorAll('#messages .message-bot').length"
STORED = "JSON.parse(sessionStorage.getItem('kernteamwijzer.webchat') || 'null')"


def screenshots() -> Path:
    return logs_dir() / "screenshots"


@pytest.fixture(scope="session")
def browser_tools() -> None:
    """Chromium and axe-core, installed by the project's script when absent."""
    log = logs_dir() / "install-test-services.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        code = subprocess.call([str(PROJECT_ROOT / "scripts/install-test-services.sh")], cwd=PROJECT_ROOT,
                               stdout=output, stderr=subprocess.STDOUT)
    if code != 0:
        pytest.fail("scripts/install-test-services.sh failed:\n" + "\n".join(log.read_text().splitlines()[-15:]))


def run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario(), timeout=90))


async def open_chat(page: Page, url: str, phone: bool = True) -> None:
    if phone:
        await page.send("Emulation.setDeviceMetricsOverride", **PHONE)
    else:
        await page.send("Emulation.clearDeviceMetricsOverride")
    await page.navigate(f"{url}/webhooks/webchat/")
    await page.wait_for(f"{BOT_COUNT} > 0 && document.querySelector('.choices button')", what="the greeting")


async def transcript(page: Page) -> list:
    return await page.evaluate(f"{MESSAGES}.map(m => m.className + ': ' + m.querySelector('.bubble').innerText)")


async def send_typed(page: Page, text: str) -> None:
    bots = await page.evaluate(BOT_COUNT)
    await page.click("#question")
    await page.type_text(text)
    await page.press("Enter")
    await page.wait_for(f"{BOT_COUNT} > {bots} && document.querySelector('.typing-dots').hidden",
                        what=f"an answer to {text!r}")


def test_topic_question_reload_and_new_conversation(webchat_server, browser_tools):
    async def scenario() -> None:
        async with chromium_page(log=logs_dir() / "webchat-chromium.log") as page:
            await open_chat(page, webchat_server.url)
            greeting = await transcript(page)
            assert "Kernteamwijzer" in greeting[0]
            note = await page.evaluate("document.getElementById('privacy-note').innerText")
            assert "anoniem" in note and "Namen" in note
            await page.screenshot(screenshots() / "webchat-1-welkom.png")

            # A topic button, clicked with the mouse: shown as the teacher's
            # message, then answered; the answer's *headings* are bold.
            bots = await page.evaluate(BOT_COUNT)
            topic = "Wie betaalt een IQ-onderzoek?"
            index = await page.evaluate(
                f"[...document.querySelectorAll('.choices button')].findIndex(b => b.textContent === {json.dumps(topic)})")
            assert index >= 0
            await page.click(f".choices button:nth-child({index + 1})")
            await page.wait_for(f"{BOT_COUNT} > {bots} + 2", what="the answer to the topic button")
            after_topic = await transcript(page)
            assert f"message message-user: {topic}" in after_topic
            assert any("capaciteitenonderzoek" in line for line in after_topic)
            assert await page.evaluate("document.querySelectorAll('.message-bot .bubble strong').length") >= 2
            assert await page.evaluate("document.querySelectorAll('.choices').length") == 0

            # A typed question, sent with Enter.
            await send_typed(page, "Wat moet ik doen als een leerling vaak te laat komt?")
            conversation = await transcript(page)
            assert conversation[-1].startswith("message message-bot")
            assert any("te laat" in line for line in conversation)
            assert await page.evaluate("document.activeElement.id") == "question"
            # Phone-sized: nothing sticks out sideways, and only the conversation
            # scrolls (header, privacy line and input stay in view).
            assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert await page.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
            assert await page.evaluate("document.getElementById('messages').scrollHeight"
                                       " > document.getElementById('messages').clientHeight")
            await page.screenshot(screenshots() / "webchat-2-gesprek-telefoon.png")
            session = (await page.evaluate(STORED))["session"]

            # A reload shows the same conversation, without a second greeting.
            await page.reload()
            await page.wait_for(f"{MESSAGES}.length === {len(conversation)}", what="the restored conversation")
            assert await transcript(page) == conversation
            assert (await page.evaluate(STORED))["session"] == session
            await page.screenshot(screenshots() / "webchat-3-na-herladen.png")

            # "Nieuw gesprek", reached and pressed with the keyboard only.
            await page.click("#question")
            for _ in range(30):
                if await page.evaluate("document.activeElement.id") == "new-conversation":
                    break
                await page.press("Tab", shift=True)
            assert await page.evaluate("document.activeElement.id") == "new-conversation"
            await page.press("Enter")
            await page.wait_for(f"{MESSAGES}.length === 1 && {BOT_COUNT} === 1", what="a new conversation")
            fresh = await transcript(page)
            assert not any("message-user" in line for line in fresh)
            assert await page.evaluate("document.getElementById('typing-text').textContent") == "Nieuw gesprek gestart."
            stored = await page.evaluate(STORED)
            assert stored["session"] != session
            assert [message["from"] for message in stored["messages"]] == ["bot"]
            await page.screenshot(screenshots() / "webchat-4-nieuw-gesprek.png")

    run(scenario)


UNSAFE_USER = '<img src=x onerror="window.__hacked=1"><script>window.__hacked=2</script><b>vet</b>'
UNSAFE_BOT = ("*Belangrijk* <img src=x onerror=\"window.__hacked=3\">\n"
              "• eerste punt met https://www.rijksoverheid.nl/onderwerpen\n"
              "• mail <script>window.__hacked=4</script> naar info@example.nl\n"
              "[klik hier](javascript:window.__hacked=5) en <a href=\"javascript:window.__hacked=6\">dit</a>")


def test_untrusted_text_is_shown_as_text_and_formatting_is_rendered(webchat_server, browser_tools):
    async def scenario() -> None:
        async with chromium_page() as page:
            # Without the page's Content-Security-Policy, so that only the
            # rendering (textContent, never innerHTML) keeps markup inert.
            await page.send("Page.setBypassCSP", enabled=True)
            await open_chat(page, webchat_server.url, phone=False)
            await send_typed(page, UNSAFE_USER)
            user_bubble = await page.evaluate(
                "[...document.querySelectorAll('.message-user .bubble')].pop().innerText")
            assert user_bubble == UNSAFE_USER

            # A bot message with markup, as if the server had sent it: stored
            # replies and live replies go through the same renderer.
            await page.evaluate(
                f"(() => {{ const s = {STORED}; s.messages.push({{from: 'bot', text: {json.dumps(UNSAFE_BOT)},"
                " buttons: [{title: '<b>knop</b>', payload: '/greet'}]});"
                " sessionStorage.setItem('kernteamwijzer.webchat', JSON.stringify(s)); })()")
            await page.reload()
            await page.wait_for("document.querySelectorAll('#messages .message-bot ul').length > 0",
                                what="the planted message")
            await asyncio.sleep(0.5)  # give an injected handler the time to run
            result = await page.evaluate("""(() => {
                const last = [...document.querySelectorAll('#messages .message-bot')].pop();
                return {
                  hacked: window.__hacked === undefined ? null : window.__hacked,
                  injected: document.querySelectorAll('#messages img, #messages script, #messages b').length,
                  strong: [...last.querySelectorAll('strong')].map(e => e.textContent),
                  items: [...last.querySelectorAll('ul > li')].map(e => e.textContent),
                  links: [...last.querySelectorAll('a')].map(a => a.getAttribute('href')),
                  text: last.querySelector('.bubble').innerText,
                  button: last.querySelector('.choices button').textContent,
                };
            })()""")
            assert result["hacked"] is None and result["injected"] == 0
            assert result["strong"] == ["Belangrijk"]
            assert len(result["items"]) == 2
            assert result["links"] == ["https://www.rijksoverheid.nl/onderwerpen", "mailto:info@example.nl"]
            assert '<img src=x onerror="window.__hacked=3">' in result["text"]
            assert "<script>window.__hacked=4</script>" in result["text"]
            assert "[klik hier](javascript:window.__hacked=5)" in result["text"]
            assert result["button"] == "<b>knop</b>"
            await page.screenshot(screenshots() / "webchat-5-onveilige-tekst.png")

    run(scenario)


def test_a_clear_message_when_the_server_cannot_be_reached(webchat_server, browser_tools):
    async def scenario() -> None:
        async with chromium_page() as page:
            await open_chat(page, webchat_server.url)
            await page.send("Network.emulateNetworkConditions", offline=True, latency=0,
                            downloadThroughput=-1, uploadThroughput=-1)
            await page.click("#question")
            await page.type_text("Wie betaalt een IQ-onderzoek?")
            await page.press("Enter")
            await page.wait_for("!document.getElementById('problem').hidden", what="the error message")
            problem = await page.evaluate("document.getElementById('problem').innerText")
            assert "niet bereikbaar" in problem
            assert await page.evaluate("document.getElementById('problem').getAttribute('role')") == "alert"
            await page.screenshot(screenshots() / "webchat-6-niet-bereikbaar.png")

            await page.send("Network.emulateNetworkConditions", offline=False, latency=0,
                            downloadThroughput=-1, uploadThroughput=-1)
            bots = await page.evaluate(BOT_COUNT)
            await page.click("#retry")
            await page.wait_for(f"{BOT_COUNT} > {bots} && document.getElementById('problem').hidden",
                                what="the answer after retrying")
            users = await page.evaluate("document.querySelectorAll('.message-user').length")
            assert users == 1  # retrying does not repeat the question

    run(scenario)


def test_a_page_opened_from_an_address_not_allowed_cannot_chat(webchat_server, browser_tools):
    """Only http://127.0.0.1:<port> is configured; the same server opened as
    http://localhost:<port> is another origin, and the browser is refused."""
    async def scenario() -> None:
        async with chromium_page() as page:
            await page.navigate(webchat_server.url.replace("127.0.0.1", "localhost") + "/webhooks/webchat/")
            await page.wait_for("!document.getElementById('problem').hidden", what="the refusal")
            assert "niet te gebruiken" in await page.evaluate("document.getElementById('problem-text').textContent")
            assert await page.evaluate(BOT_COUNT) == 0
            assert (await page.evaluate(STORED))["session"] is None
            await page.screenshot(screenshots() / "webchat-8-adres-niet-toegestaan.png")

    run(scenario)


async def axe_violations(page: Page) -> list:
    await page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = await page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'wcag22aa', 'best-practice']}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))")
    return result


def test_axe_reports_no_serious_or_critical_violations(webchat_server, browser_tools):
    async def scenario() -> None:
        found = {}
        async with chromium_page() as page:
            for layout, phone in (("telefoon", True), ("breed", False)):
                await open_chat(page, webchat_server.url, phone=phone)
                await send_typed(page, "Hoe vraag ik verlof aan?")
                found[layout] = await axe_violations(page)
                if layout == "breed":
                    await page.screenshot(screenshots() / "webchat-7-breed.png")
                await page.evaluate("sessionStorage.clear()")
        screenshots().mkdir(parents=True, exist_ok=True)
        (screenshots() / "webchat-axe.json").write_text(json.dumps(found, indent=2, ensure_ascii=False))
        serious = [v for violations in found.values() for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == []

    run(scenario)
