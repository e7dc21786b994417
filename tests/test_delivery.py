"""Delivery: the digest goes out over real SMTP (aiosmtpd on loopback), with STARTTLS and login when offered."""
from __future__ import annotations

import re
import shutil
import socket
import ssl
import subprocess
from datetime import datetime, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from briefing.delivery import DeliveryError, run_digest

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


class Inbox:
    """aiosmtpd handler keeping every received message."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def pile(tmp_path) -> Path:
    """A small pile: the seeds plus one corpus folder's articles."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds not present")
    folder = tmp_path / "pile"
    folder.mkdir()
    for f in sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*/*.txt"))[:5]:
        shutil.copy(f, folder / f"{f.parent.name[:3]}-{f.name}")
    return folder


def received_message(raw: bytes):
    """Parse a received message and check what every digest email must be."""
    assert len(raw) < 100_000
    message = message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert {p.get_content_type() for p in message.iter_parts()} == {"text/plain", "text/html"}
    return message


def test_send_over_plain_smtp_on_loopback(tmp_path, pile, monkeypatch):
    monkeypatch.delenv("BRIEFING_SMTP_PASSWORD", raising=False)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        digest, _ = run_digest([str(pile)], tmp_path / "out", send=True, smtp_host="127.0.0.1",
                               smtp_port=controller.port, sender="desk@example.org", to=["reader@example.org"], now=NOW)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    mail_from, rcpt, raw = inbox.messages[0]
    assert (mail_from, rcpt) == ("desk@example.org", ["reader@example.org"])
    message = received_message(raw)
    assert message["Subject"] == digest.title
    html = message.get_body(("html",)).get_content()
    assert all(s.headline.split()[0] in html for s in digest.sections)
    assert (tmp_path / "out" / "digest.eml").read_bytes()  # .eml always written


def test_password_never_needed_without_user_but_required_with_one(tmp_path, pile, monkeypatch):
    monkeypatch.delenv("BRIEFING_SMTP_PASSWORD", raising=False)
    with pytest.raises(DeliveryError, match="BRIEFING_SMTP_PASSWORD"):
        run_digest([str(pile)], tmp_path / "out", send=True, smtp_host="127.0.0.1", smtp_port=free_port(),
                   smtp_user="desk", to=["reader@example.org"], now=NOW)
    assert (tmp_path / "out" / "digest.eml").is_file()


def test_failed_send_does_not_advance_state(tmp_path, pile):
    state = tmp_path / "state"
    with pytest.raises(DeliveryError):
        run_digest([str(pile)], tmp_path / "out", state_dir=state, send=True, smtp_host="127.0.0.1",
                   smtp_port=free_port(), to=["reader@example.org"], now=NOW)
    assert not (state / "index.json").exists()  # next run still reports everything as new


@pytest.fixture
def tls_files(tmp_path):
    """A self-signed certificate for 127.0.0.1 made with the openssl tool (skips without it)."""
    if not shutil.which("openssl"):
        pytest.skip("openssl not available")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_starttls_and_login_with_password_from_environment(tmp_path, pile, tls_files, monkeypatch):
    cert, key = tls_files
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    client_context = ssl.create_default_context(cafile=str(cert))
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret" and session.ssl is not None
        logins.append((auth_data.login, ok))
        return AuthResult(success=ok)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), tls_context=server_context,
                            require_starttls=True, authenticator=authenticator, auth_require_tls=True)
    controller.start()
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "s3cret")
    try:
        run_digest([str(pile)], tmp_path / "out", send=True, smtp_host="127.0.0.1", smtp_port=controller.port,
                   smtp_user="desk", sender="desk@example.org", to=["reader@example.org"], now=NOW,
                   ssl_context=client_context)
    finally:
        controller.stop()
    assert logins == [(b"desk", True)]
    received_message(inbox.messages[0][2])


def test_cli_digest_send(tmp_path, pile, monkeypatch, capsys):
    from briefing.cli import main

    monkeypatch.delenv("BRIEFING_SMTP_PASSWORD", raising=False)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        code = main(["digest", str(pile), "-o", str(tmp_path / "out"), "--title", "Morning digest", "--send",
                     "--base-url", "https://news.example.org/today",
                     "--smtp-host", "127.0.0.1", "--smtp-port", str(controller.port),
                     "--from", "desk@example.org", "--to", "a@example.org", "--to", "b@example.org"])
    finally:
        controller.stop()
    assert code == 0
    _, rcpt, raw = inbox.messages[0]
    assert rcpt == ["a@example.org", "b@example.org"]
    message = received_message(raw)
    assert message["Subject"] == "Morning digest"
    assert 'href="https://news.example.org/today/' in message.get_body(("html",)).get_content()
    assert 'href="https://' not in (tmp_path / "out" / "digest.html").read_text()  # the page keeps relative links
    # Without --base-url the email carries no link a mail client could not follow; the page still links.
    assert main(["digest", str(pile), "-o", str(tmp_path / "local"), "-q"]) == 0
    email_hrefs = re.findall(r'href="([^"#][^"]*)"', (tmp_path / "local" / "digest.email.html").read_text())
    assert not [h for h in email_hrefs if not h.startswith(("https://", "http://", "mailto:"))], email_hrefs
    assert re.search(r'href="[^"#:]+\.html"', (tmp_path / "local" / "digest.html").read_text())
    code = main(["digest", str(pile), "-o", str(tmp_path / "out"), "--send", "--smtp-host", "127.0.0.1",
                 "--smtp-port", str(free_port()), "--to", "a@example.org"])
    assert code == 5 and "failed" in capsys.readouterr().err


def test_oversized_digest_email_drops_least_important_sections(tmp_path):
    from briefing.delivery import write_digest
    from briefing.digest import Digest, DigestPoint, DigestSection

    sections = [DigestSection(id=f"s{i}", slug=f"s{i}", headline=f"Situation {i}", source_count=3,
                              key_points=[DigestPoint(text="A long key point about what happened. " * 20, sources=["S1"])] * 4,
                              importance=1000 - i) for i in range(120)]
    digest = Digest(title="Big day", generated_at=NOW.isoformat(), article_count=360, sections=sections)
    paths, message = write_digest(digest, tmp_path)
    raw = (tmp_path / "digest.eml").read_bytes()
    received_message(raw)
    html = message.get_body(("html",)).get_content()
    assert "Situation 0<" in html and "Situation 119<" not in html  # the most important ones stay
    assert "more situations in digest.html" in html
    assert "Situation 119" in (tmp_path / "digest.html").read_text()  # the page keeps everything
