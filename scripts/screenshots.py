"""Regenerate the README pictures in docs/img/ from the seed briefing, and a tiny headless-Chromium driver.

Usage: .venv/bin/python scripts/screenshots.py   (needs chromium and pdftoppm; writes docs/img/*.png)

The driver speaks the Chrome DevTools Protocol over `--remote-debugging-pipe` (file descriptors 3 and
4, NUL-terminated JSON), so it needs nothing beyond the standard library: no websocket client, no
Playwright or Selenium, no browser download. tests/test_browser.py uses the same `Chromium` class.
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
TITLE = "Iran–Pakistan cross-border strikes, January 2024"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary ($CHROMIUM overrides), or None when none is installed."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


class Chromium:
    """One headless Chromium process with one page, driven over the DevTools pipe."""

    def __init__(self, binary: str, timeout: float = 15.0):
        self.timeout = timeout
        self.events: list[dict] = []
        self._next_id = 0
        self._buffer = b""
        self._profile = tempfile.mkdtemp(prefix="briefing-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds() -> None:  # in the child: Chromium reads commands on fd 3, writes replies on fd 4
            commands, replies = os.dup(to_browser_r), os.dup(from_browser_w)  # above 4: no clobbering
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Network"):
                self.send(f"{domain}.enable")
        except BaseException:
            self.close()
            raise

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one browser-level (or session-level) command and return its result."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def send(self, method: str, **params) -> dict:
        """Send one command to the page."""
        return self.call(method, session=self.session, **params)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, method: str) -> dict:
        """Block until the page emits the event `method` (already-received events count) and return it."""
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read())

    def viewport(self, width: int, height: int, scale: float = 1) -> None:
        """Emulate a device `width` CSS px wide (a phone below 600 px: the viewport meta tag applies)."""
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=scale, mobile=width < 600)

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str):
        """Evaluate a JavaScript expression in the page and return its JSON value."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def requested_urls(self) -> list[str]:
        """Every URL the page asked for since it was opened (from Network.requestWillBeSent events)."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> None:
        """Save a PNG of what the window shows."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Stop the browser and remove its throw-away profile."""
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def build_seed_briefing(out: Path) -> Path:
    """Build the seed briefing into `out` and return the path of its .pdf (the other formats sit beside it)."""
    subprocess.run([sys.executable, "-m", "briefing", "build", str(ROOT / "seeds"), "-o", str(out), "--title", TITLE, "-q"], check=True)
    return next(out.glob("*.pdf"))


def main() -> int:
    """Rebuild docs/img/briefing-pdf-page1.png, briefing-html-1280.png and briefing-html-375.png."""
    chromium = find_chromium()
    if not chromium or not shutil.which("pdftoppm"):
        print("needs chromium and pdftoppm (poppler-utils)", file=sys.stderr)
        return 1
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_seed_briefing(Path(tmp))
        html = pdf.with_suffix(".html")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(IMG / "briefing-pdf-page1")], check=True)
        with Chromium(chromium) as browser:
            # A desktop window and a phone screen (twice as many device pixels, as on a real phone),
            # each with the quote pop-up of the first citation open, as when pointing at or tapping it.
            for width, height, scale, name in ((1280, 1000, 1, "briefing-html-1280.png"),
                                               (375, 812, 2, "briefing-html-375.png")):
                browser.viewport(width, height, scale)
                browser.open(html.as_uri())
                inner = browser.js("innerWidth")
                if inner != width:
                    raise SystemExit(f"expected a {width} px layout, the page saw {inner} px")
                box = browser.js("""(() => { const r = document.querySelector('a.cite').getBoundingClientRect();
                    return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()""")
                browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=box["x"], y=box["y"])
                browser.screenshot(IMG / name)
                browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=0, y=0)
    for name in ("briefing-pdf-page1.png", "briefing-html-1280.png", "briefing-html-375.png"):
        print(f"{IMG / name}  {(IMG / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
