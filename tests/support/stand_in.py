"""A local stand-in for an HTTP service a test needs (Slack's Web API,
Microsoft's login and keys, a slow or failing action server): an aiohttp
server on 127.0.0.1 in its own thread that records every request.

    def respond(stand_in, method, path):      # may also be ``async def``
        return {"ok": True}                   # JSON; None -> 404; or an aiohttp Response

    with StandIn(respond).running() as stand_in:
        stand_in.url                          # "http://127.0.0.1:<port>"
        stand_in.received("POST", "/api/")    # what was sent
"""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List

from aiohttp import web


@dataclass
class Recorded:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Responder = Callable[["StandIn", str, str], Any]


@dataclass
class StandIn:
    respond: Responder
    requests: List[Recorded] = field(default_factory=list)
    port: int = 0
    cancelled: int = 0  # requests whose client hung up before the answer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw_path = request.raw_path.split("?", 1)[0]  # as sent, percent-encoding included
        self.requests.append(Recorded(request.method, raw_path, dict(request.headers), await request.read()))
        try:
            answer = self.respond(self, request.method, raw_path)
            if inspect.isawaitable(answer):
                answer = await answer
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        if isinstance(answer, web.StreamResponse):
            return answer
        if answer is None:
            return web.json_response({"error": "not found"}, status=404)
        return web.json_response(answer)

    def received(self, method: str, path_prefix: str) -> List[Recorded]:
        return [r for r in list(self.requests) if r.method == method and r.path.startswith(path_prefix)]

    def wait_for(self, method: str, path_prefix: str, count: int, timeout: float = 30) -> List[Recorded]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.received(method, path_prefix)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        got = len(self.received(method, path_prefix))
        raise AssertionError(f"{count} × {method} {path_prefix} expected, got {got}")

    @contextmanager
    def running(self) -> Iterator["StandIn"]:
        loop = asyncio.new_event_loop()
        started = threading.Event()
        runner_box: Dict[str, web.AppRunner] = {}

        async def start() -> None:
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._handle)
            runner = web.AppRunner(app, handler_cancellation=True)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            runner_box["runner"] = runner
            started.set()

        thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
        thread.start()
        assert started.wait(10), "stand-in did not start"
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(runner_box["runner"].cleanup(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
