"""A small Chrome DevTools Protocol client for the web chat browser test: starts
Debian's headless Chromium and drives one page over the DevTools WebSocket
(``websockets``, installed with Rasa)."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Dict

import websockets

from bot.rasa_env import stop

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
)


class BrowserError(AssertionError):
    pass


class Page:
    """One browser tab: commands, JavaScript evaluation, real input events."""

    def __init__(self, socket: Any) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self._pending: Dict[int, asyncio.Future] = {}
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for raw in self._socket:
            message = json.loads(raw)
            future = self._pending.pop(message.get("id"), None)
            if future is not None and not future.done():
                future.set_result(message)

    async def send(self, method: str, **params: Any) -> Dict[str, Any]:
        number = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[number] = future
        await self._socket.send(json.dumps({"id": number, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, timeout=60)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, awaitPromise=True,
                                 returnByValue=True, userGesture=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(f"JavaScript error: {details.get('exception', {}).get('description') or details}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 20, what: str = "") -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = await self.evaluate(f"!!({expression})")
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {what or expression}")
            await asyncio.sleep(0.1)

    async def navigate(self, url: str) -> None:
        await self.send("Page.navigate", url=url)
        await self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'", what="page load")

    async def reload(self) -> None:
        await self.evaluate("window.__beforeReload = true")
        await self.send("Page.reload", ignoreCache=True)
        await self.wait_for("document.readyState === 'complete' && !window.__beforeReload", what="reload")

    async def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element."""
        box = await self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()")
        if not box:
            raise BrowserError(f"nothing to click at {selector}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=box["x"], y=box["y"],
                            button="left", clickCount=1)

    async def type_text(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def press(self, key: str, shift: bool = False) -> None:
        codes = {"Enter": (13, "\r"), "Tab": (9, "")}
        code, text = codes[key]
        modifiers = 8 if shift else 0
        await self.send("Input.dispatchKeyEvent", type="keyDown", key=key, code=key,
                        windowsVirtualKeyCode=code, text=text, modifiers=modifiers)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=key,
                        windowsVirtualKeyCode=code, modifiers=modifiers)

    async def screenshot(self, path: Path) -> Path:
        data = await self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))
        return path

    async def close(self) -> None:
        self._reader.cancel()
        await self._socket.close()


def _devtools_port(profile: Path, process: subprocess.Popen, timeout: float = 30) -> int:
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrowserError(f"chromium exited with {process.returncode}")
        if port_file.exists():
            lines = port_file.read_text().splitlines()
            if lines and lines[0].isdigit():
                return int(lines[0])
        time.sleep(0.1)
    raise BrowserError("chromium did not open its DevTools port")


@asynccontextmanager
async def chromium_page(width: int = 1024, height: int = 768, log: Path | None = None) -> AsyncIterator[Page]:
    """Starts Chromium with an empty profile and yields its first tab."""
    if not CHROMIUM.exists():
        raise BrowserError(f"{CHROMIUM} is missing; run scripts/install-test-services.sh")
    profile = Path(tempfile.mkdtemp(prefix="kernteamwijzer-chromium-"))
    output = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
        stdout=output, stderr=output, stdin=subprocess.DEVNULL,
    )
    page = None
    try:
        port = _devtools_port(profile, process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            targets = json.load(reply)
        target = next(t for t in targets if t.get("type") == "page")
        socket = await websockets.connect(target["webSocketDebuggerUrl"], max_size=None)
        page = Page(socket)
        for domain in ("Page.enable", "Runtime.enable", "Network.enable"):
            await page.send(domain)
        yield page
    finally:
        if page is not None:
            await page.close()
        stop(process)
        if log:
            output.close()
        shutil.rmtree(profile, ignore_errors=True)
