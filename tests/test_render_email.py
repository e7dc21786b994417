"""Email render: a ready-to-send multipart/alternative message, small, inlined styles, absolute links only."""
from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.model import SituationModel
from briefing.render import slugify, write_briefing
from briefing.render.email import MAX_HTML_BYTES, render_email

FIXTURE = Path(__file__).parent / "fixtures" / "render" / "model.json"


@pytest.fixture
def model() -> SituationModel:
    """The hand-made situation with hostile article text."""
    return SituationModel.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def parts(eml: bytes):
    """(message, text/plain body, text/html body) of an .eml."""
    msg = message_from_bytes(eml, policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    kinds = [p.get_content_type() for p in msg.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    def body(kind):
        return msg.get_body((kind,)).get_content().replace("\r\n", "\n").rstrip("\n")
    return msg, body("plain"), body("html")


def assert_no_relative_links(html: str) -> None:
    """Every link and resource is an absolute web address (mail clients have no base URL)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(href=True):
        assert tag["href"].startswith(("https://", "http://", "mailto:")), tag["href"]
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith(("https://", "http://", "data:")), tag["src"]


def test_eml_is_multipart_alternative_with_headers(model, tmp_path):
    paths = write_briefing(model, tmp_path, ["email"], email_to=["desk@example.org", "ed@example.org"],
                           email_from="Briefing <briefing@example.org>")
    stem = slugify(model.title)
    assert [p.name for p in paths] == [f"{stem}.email.html", f"{stem}.eml"]
    msg, text, html = parts(paths[1].read_bytes())
    assert msg["Subject"] == model.title
    assert msg["To"] == "desk@example.org, ed@example.org" and msg["From"] == "Briefing <briefing@example.org>"
    assert msg["Date"].datetime.year == 2031 and msg["Message-ID"]
    assert html == paths[0].read_text(encoding="utf-8").rstrip("\n")
    assert "KEY POINTS" in text and "[S1]" in text and model.sources[0].url in text


def test_email_html_is_small_inlined_and_absolute(model):
    html, eml = render_email(model)
    assert len(html.encode()) < MAX_HTML_BYTES and "not shown" not in html  # small situations are complete
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["style", "script", "link"])
    assert soup.find("h1")["style"] and soup.find("table")["style"]
    assert_no_relative_links(html)
    preheader = soup.select_one(".preheader")
    assert preheader and model.key_points[0].text[:40] in preheader.get_text()
    assert "display:none" in preheader["style"].replace(" ", "")


def test_email_shows_hostile_text_as_text(model):
    html, eml = render_email(model)
    soup = BeautifulSoup(html, "html.parser")
    assert "<script>alert(1)</script>" in soup.get_text() and "{{ 7*7 }}" in soup.get_text()
    assert "javascript:" not in " ".join(a["href"] for a in soup.find_all("a", href=True))


def test_subject_cannot_inject_headers(model):
    hostile = model.model_copy(update={"title": "Crisis\r\nBcc: everyone@example.org"})
    msg, _, _ = parts(render_email(hostile, subject=None)[1])
    assert msg["Bcc"] is None and msg["Subject"] == "Crisis Bcc: everyone@example.org"


def test_custom_subject_and_no_sender(model):
    msg, _, _ = parts(render_email(model, subject="Morning brief")[1])
    assert msg["Subject"] == "Morning brief" and msg["From"] is None


def test_huge_situation_still_fits_under_the_size_limit(model):
    big = model.model_copy(deep=True)
    for attr in ("chronology", "casualties", "actors", "diplomatic_moves", "international_reactions"):
        setattr(big, attr, getattr(big, attr) * 150)
    html, eml = render_email(big)
    assert len(html.encode()) < MAX_HTML_BYTES and len(eml) < MAX_HTML_BYTES
    assert "more not shown here" in html
    _, text, body = parts(eml)
    assert body == html.rstrip("\n") and "more not shown here" in text
    assert text.count("\n- ") >= 5 * 6  # every section still lists its first items


def test_eml_is_deterministic(model):
    assert render_email(model)[1] == render_email(model)[1]


def test_big_situations_get_the_form_trying_every_limit_in_turn_would_give(model):
    """render_email skips forms that cannot fit; the result is the first form that fits, else the shortest."""
    from email import policy as email_policy

    from briefing.render.email import LIMITS, build_message, render_email_parts

    def reference(m):
        for step, limit in enumerate(LIMITS):
            html, text = render_email_parts(m, None, limit, show_quotes=step == 0)
            eml = build_message(m, html, text).as_bytes(policy=email_policy.SMTP)
            if len(html.encode()) < MAX_HTML_BYTES and len(eml) < MAX_HTML_BYTES:
                break
        return html, eml

    for times in (3, 12, 60):  # fits at some limit, fits only short, fits at no limit
        big = model.model_copy(update={name: getattr(model, name) * times for name in (
            "chronology", "casualties", "actors", "diplomatic_moves", "international_reactions", "discrepancies")})
        assert render_email(big) == reference(big)
