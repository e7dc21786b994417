"""The seed briefing in a real headless Chromium: phone and desktop widths, citations, pop-ups, no network.

Skips when no Chromium is installed (scripts/install.sh --test installs it). The browser is driven over
the DevTools pipe by scripts/screenshots.py's `Chromium` class, which needs only the standard library.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
WIDTHS = (375, 1280)
PAGES = ("html", "email")

_spec = importlib.util.spec_from_file_location("briefing_screenshots", ROOT / "scripts" / "screenshots.py")
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)


@pytest.fixture(scope="module")
def chromium_path() -> str:
    """The Chromium binary; skips the module when there is none."""
    path = screenshots.find_chromium()
    if not path:
        pytest.skip("Chromium is not installed (bash scripts/install.sh --test installs it)")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory, chromium_path) -> dict[str, Path]:
    """The seed briefing as a web page, an email body and JSON, built by the CLI."""
    out = tmp_path_factory.mktemp("browser")
    assert main(["build", str(SEEDS), "-o", str(out), "-f", "html,email,json", "-q"]) == 0
    files = {"html": next(p for p in out.glob("*.html") if not p.name.endswith(".email.html")),
             "email": next(out.glob("*.email.html")), "json": next(out.glob("*.json"))}
    return files


@pytest.fixture(scope="module")
def browser(chromium_path):
    """One headless Chromium for the whole module (starting one takes about a second)."""
    with screenshots.Chromium(chromium_path) as chromium:
        yield chromium


def open_page(browser, path: Path, width: int) -> None:
    """Show `path` at `width` CSS px with a fresh event log."""
    browser.viewport(width, 800)
    browser.events.clear()
    browser.open(path.as_uri())
    assert browser.js("innerWidth") == width


def cited_quotes(briefing: dict) -> set[str]:
    """Every citation quote anywhere in the briefing JSON."""
    quotes: set[str] = set()
    stack = [briefing]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            quotes.update(c["quote"] for c in node.get("citations") or [] if isinstance(c, dict) and "quote" in c)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return quotes


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_page_never_scrolls_sideways(browser, built, page, width):
    """Nothing is wider than the screen, on a phone or a desktop."""
    open_page(browser, built[page], width)
    scroll_width = browser.js("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"{page} is {scroll_width} px wide at a {width} px viewport"
    # Also catch content cut off by `overflow: hidden` on the page itself; an element inside a box
    # that clips or scrolls on its own (a visually hidden table header, a scrollable figure) is fine.
    too_wide = browser.js(f"""(() => {{
        const contained = e => {{
            for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {{
                const s = getComputedStyle(p);
                if ((s.overflowX !== 'visible' || s.clip !== 'auto') && p.getBoundingClientRect().right <= {width} + 1)
                    return true;
            }}
            return false;
        }};
        return [...document.querySelectorAll('body *')]
            .filter(e => {{ const r = e.getBoundingClientRect(); return r.width > 0 && r.right > {width} + 1; }})
            .filter(e => getComputedStyle(e).visibility !== 'hidden' && !contained(e))
            .slice(0, 5).map(e => e.tagName + '.' + e.className);
    }})()""")
    assert not too_wide, f"elements sticking out of the {width} px viewport: {too_wide}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_in_page_links_all_land(browser, built, page, width):
    """Every `#anchor` link (citation markers, table of contents, back links) has a target."""
    open_page(browser, built[page], width)
    missing = browser.js("""[...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => !id || !document.getElementById(id))""")
    assert not missing, f"links to missing ids: {sorted(set(missing))[:10]}"
    if page == "html":
        assert browser.js("document.querySelectorAll('a.cite[href^=\"#\"]').length") > 0
    else:  # a mail client has no page to jump within: links in an email must be absolute
        relative = browser.js("""[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
            .filter(h => !/^(https?:|mailto:|#)/.test(h))""")
        assert not relative, f"relative links in the email: {relative[:5]}"


def popup_state(browser) -> dict:
    """Visibility, box and quote text of the first citation's pop-up."""
    return browser.js("""(() => {
        const pop = document.querySelector('a.cite .pop');
        const style = getComputedStyle(pop), box = pop.getBoundingClientRect();
        return {display: style.display, visibility: style.visibility, opacity: +style.opacity,
                left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                width: box.width, height: box.height,
                quotes: [...pop.querySelectorAll('.pop-q')].map(q => q.textContent)};
    })()""")


def assert_popup_shows_quote(state: dict, quotes: set[str], width: int) -> None:
    """The pop-up is on screen, inside the viewport, and carries an exact cited quote."""
    assert state["display"] != "none" and state["visibility"] == "visible" and state["opacity"] > 0.5, state
    assert state["width"] > 20 and state["height"] > 10, state
    assert state["left"] >= 0 and state["right"] <= width + 1, f"pop-up leaves the {width} px viewport: {state}"
    assert state["top"] >= 0 and state["bottom"] <= 800 + 1, f"pop-up is off screen: {state}"
    assert state["quotes"], "pop-up shows no quote"
    for shown in state["quotes"]:
        assert shown.strip("“”") in quotes, f"pop-up text is not an exact cited quote: {shown!r}"


@pytest.mark.parametrize("width", WIDTHS)
def test_quote_pops_up_on_hover_and_focus(browser, built, width):
    """Pointing at or tabbing to a citation shows the exact quoted words; otherwise they stay hidden."""
    quotes = cited_quotes(json.loads(built["json"].read_text(encoding="utf-8")))
    open_page(browser, built["html"], width)
    assert popup_state(browser)["display"] == "none", "pop-up visible before any hover"

    box = browser.js("""(() => { const a = document.querySelector('a.cite');
        a.scrollIntoView({block: 'center'}); const r = a.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()""")
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=box["x"], y=box["y"])
    assert_popup_shows_quote(popup_state(browser), quotes, width)

    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1)
    assert popup_state(browser)["display"] == "none", "pop-up stays after the pointer leaves"
    browser.js("document.querySelector('a.cite').focus()")
    assert_popup_shows_quote(popup_state(browser), quotes, width)
    browser.js("document.activeElement.blur()")


@pytest.mark.parametrize("page", PAGES)
def test_page_makes_no_network_requests(browser, built, page):
    """Opening the file loads nothing else: no fonts, scripts, images or trackers from anywhere."""
    for width in WIDTHS:
        open_page(browser, built[page], width)
        others = [u for u in browser.requested_urls() if u != built[page].as_uri() and not u.startswith("data:")]
        assert not others, f"{page} at {width} px requested {others[:5]}"
        resources = browser.js("performance.getEntriesByType('resource').map(e => e.name)")
        assert not [u for u in resources if not u.startswith("data:")], resources


@pytest.mark.parametrize("width", (375, 800, 1150, 1280, 1600))
def test_every_quote_popup_fits_the_window(browser, built, width):
    """Whichever citation is focused, its pop-up stays inside the window and never scrolls it sideways."""
    open_page(browser, built["html"], width)
    escaping = browser.js("""(() => {
        const out = [];
        document.querySelectorAll('a.cite').forEach((a, i) => {
            a.scrollIntoView({block: 'center'});
            a.focus({preventScroll: true});
            const box = a.querySelector('.pop').getBoundingClientRect();
            const wide = document.scrollingElement.scrollWidth;
            if (box.width === 0 || box.left < 0 || box.right > innerWidth + 1 || box.top < 0
                || box.bottom > innerHeight + 1 || wide > innerWidth)
                out.push({citation: i, left: box.left, right: box.right, top: box.top, pageWidth: wide});
            a.blur();
        });
        return out;
    })()""")
    assert not escaping, f"pop-ups outside the {width} px window: {escaping[:3]} ({len(escaping)} in all)"
