"""A minimal headless-Chromium driver over the DevTools protocol, for the page tests and the
view benchmark. Debian's ``chromium`` and PyPI's ``websocket-client``; no browser download.

>>> with Chromium() as browser:                       # doctest: +SKIP
...     page = browser.open("file:///tmp/g.html", ready="window.casegraphView.ready")
...     page.errors, page.requests, browser.evaluate("1 + 1")
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BINARY = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--no-default-browser-check", "--window-size=1280,800",
         "--remote-debugging-port=0")


def available() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not Path(BINARY).exists():
        return "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
    try:
        import websocket  # noqa: F401
    except ImportError:
        return "websocket-client is not installed (pip install -e '.[test]')"
    return None


@dataclass
class Loaded:
    """What happened while a page loaded: JS errors and every request it made."""

    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Chromium:
    """One headless browser with one tab, driven over the DevTools protocol."""

    def __init__(self, timeout: float = 60.0):
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="casegraph-chromium-")
        self._proc = subprocess.Popen([BINARY, *FLAGS, f"--user-data-dir={self._profile}",
                                       "about:blank"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._ids = iter(range(1, 1 << 30))
        self._events: list[dict] = []
        self._ws = self._connect()
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget",
                                   {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    def _connect(self):
        import websocket
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chromium did not start")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        return websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=self.timeout,
                                           suppress_origin=True, enable_multithread=False)

    def _call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        ident = next(self._ids)
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        while True:
            reply = json.loads(self._ws.recv())
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def send(self, method: str, params: dict | None = None) -> dict:
        """Call a DevTools method in the tab."""
        return self._call(method, params, self._session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the tab (awaited if it is a promise)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str) -> Any:
        """Poll until the JavaScript ``expression`` is truthy and return its value: a test
        waits for the state it checks, never for a fixed time."""
        start = time.monotonic()
        while not (value := self.evaluate(expression)):
            if time.monotonic() - start > self.timeout:
                raise TimeoutError(f"{expression!r} was still false after {self.timeout:.0f}s")
            time.sleep(0.02)
        return value

    def open(self, url: str, ready: str = "true") -> Loaded:
        """Load ``url`` and wait until the expression ``ready`` is true."""
        self._events.clear()
        start = time.monotonic()
        self.send("Page.navigate", {"url": url})
        while not self.evaluate(f"document.readyState === 'complete' && !!({ready})"):
            if time.monotonic() - start > self.timeout:
                raise TimeoutError(f"{url} was not ready after {self.timeout:.0f}s")
            time.sleep(0.05)
        loaded = Loaded(url, seconds=time.monotonic() - start)
        self.collect(loaded)
        return loaded

    def collect(self, loaded: Loaded) -> Loaded:
        """Add the errors and requests seen since the page was opened to ``loaded``."""
        self.evaluate("0")  # drain events queued so far
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                loaded.errors.append(details.get("exception", {}).get("description")
                                     or details.get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                loaded.errors.append(" ".join(str(a.get("value", a.get("description")))
                                              for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                loaded.errors.append(params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if url != loaded.url.split("#")[0] and not url.startswith("data:"):
                    loaded.requests.append(url)
        self._events.clear()
        return loaded

    def screenshot(self, path: str | Path) -> Path:
        """Save the tab as a PNG."""
        import base64
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self) -> None:
        try:
            self._ws.close()
        finally:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
