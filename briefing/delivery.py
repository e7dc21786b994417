"""Delivery: the digest as HTML, Markdown, an email-safe page and a .eml message, sent over SMTP on request."""
from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
import sys
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime
from datetime import datetime
from pathlib import Path
from typing import Optional
from urllib.parse import urljoin

from briefing.atomic import write_bytes_atomic, write_text_atomic
from briefing.digest import Digest
from briefing.errors import BriefingError, DeliveryError

PASSWORD_ENV = "BRIEFING_SMTP_PASSWORD"
EMAIL_SIZE_LIMIT = 100_000  # bytes; larger messages get clipped by common mail clients


def template_environment(templates: Optional[Path] = None, markdown: bool = False):
    """The renderer's Jinja environment (user templates first); a plain one if the renderer lacks it."""
    try:
        from briefing.render.env import make_environment
        return make_environment(templates, markdown=markdown)
    except ImportError:
        from importlib import resources

        from jinja2 import ChoiceLoader, Environment, FileSystemLoader
        builtin = FileSystemLoader(str(resources.files("briefing.templates")))
        loaders = ([FileSystemLoader(str(templates))] if templates else []) + [builtin]
        return Environment(loader=ChoiceLoader(loaders), trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True,
                           autoescape=lambda name: bool(name) and name.endswith(".html.j2"))


def read_css(name: str, templates: Optional[Path] = None) -> str:
    """A stylesheet: the user's copy when present, else the built-in one."""
    if templates and (Path(templates) / name).is_file():
        return (Path(templates) / name).read_text(encoding="utf-8")
    from importlib import resources
    return resources.files("briefing.templates").joinpath(name).read_text(encoding="utf-8")


def preheader_text(digest: Digest) -> str:
    """The inbox preview line: which situations, new ones first."""
    heads = [s.headline for s in digest.sections if s.changes and not s.changes.empty] or \
        [s.headline for s in digest.sections]
    text = f"{len(digest.sections)} situations: " + "; ".join(heads[:3])
    return text[:140]


def render_email_html(digest: Digest, keep: int, templates: Optional[Path] = None) -> str:
    """Table-layout email of the `keep` most important sections, CSS inlined into style attributes."""
    import css_inline

    css = read_css("digest.email.css", templates)
    html = template_environment(templates).get_template("digest.email.html.j2").render(
        digest=digest, sections=digest.sections[:keep], css=css, preheader=preheader_text(digest),
        omitted=len(digest.sections) - keep)
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False)
    return inliner.inline(html)


def render_text(digest: Digest, omitted: int = 0, templates: Optional[Path] = None) -> str:
    """The plain-text alternative of the email."""
    env = template_environment(templates)
    sections = digest.sections[: len(digest.sections) - omitted]
    return env.get_template("digest.txt.j2").render(digest=digest, sections=sections, omitted=omitted)


def build_message(digest: Digest, html: str, text: str, sender: str = "", to: Optional[list[str]] = None
                  ) -> EmailMessage:
    """A multipart/alternative message: plain text first, HTML second."""
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["Subject"] = digest.title
    msg["From"] = sender or "briefing digest <briefing@localhost>"
    if to:
        msg["To"] = ", ".join(to)
    # Date and Message-ID follow from the digest itself, so rebuilding the same digest gives the same file.
    msg["Date"] = format_datetime(datetime.fromisoformat(digest.generated_at))
    domain = sender.rpartition("@")[2].strip("> ") or "localhost"
    msg["Message-ID"] = f"<digest.{hashlib.sha1((html + text).encode()).hexdigest()[:20]}@{domain}>"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    msg.set_boundary(f"=_briefing_{hashlib.sha1((text + html).encode()).hexdigest()[:24]}")
    return msg


def email_within_limit(digest: Digest, templates: Optional[Path], sender: str, to: Optional[list[str]]
                       ) -> tuple[EmailMessage, str]:
    """The message (and its HTML) with as many of the most important sections as fit under 100 KB."""
    def message_for(keep: int) -> tuple[EmailMessage, str]:
        html = render_email_html(digest, keep, templates)
        text = render_text(digest, len(digest.sections) - keep, templates)
        return build_message(digest, html, text, sender, to), html

    best = message_for(len(digest.sections))
    if len(best[0].as_bytes()) < EMAIL_SIZE_LIMIT or len(digest.sections) <= 1:
        return best
    low, high = 1, len(digest.sections) - 1  # binary search for the largest count that fits
    best = message_for(1)
    while low <= high:
        mid = (low + high) // 2
        candidate = message_for(mid)
        if len(candidate[0].as_bytes()) < EMAIL_SIZE_LIMIT:
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    return best


def write_digest(digest: Digest, out_dir: Path, templates: Optional[Path] = None, sender: str = "",
                 to: Optional[list[str]] = None, base_url: str = "") -> tuple[list[Path], EmailMessage]:
    """Write digest.html, digest.md, digest.email.html and digest.eml; returns the paths and the message."""
    out_dir = Path(out_dir)
    env = template_environment(templates)
    page = env.get_template("digest.html.j2").render(digest=digest, css=read_css("digest.css", templates))
    markdown = template_environment(templates, markdown=True).get_template("digest.md.j2").render(digest=digest)
    # In a mail client a relative link leads nowhere: point it at where out/ is published, or leave it out.
    mail_digest = digest.model_copy(deep=True)
    for section in mail_digest.sections:
        section.link = urljoin(base_url.rstrip("/") + "/", section.link) if section.link and base_url else ""
    message, email_html = email_within_limit(mail_digest, templates, sender, to)
    paths = [write_text_atomic(out_dir / "digest.html", page),
             write_text_atomic(out_dir / "digest.md", markdown),
             write_text_atomic(out_dir / "digest.email.html", email_html),
             write_bytes_atomic(out_dir / "digest.eml", message.as_bytes())]
    return paths, message


def send_message(message: EmailMessage, host: str, port: int = 587, user: str = "",
                 ssl_context: Optional[ssl.SSLContext] = None, timeout: float = 30) -> None:
    """Send over SMTP: STARTTLS whenever the server offers it; log in only when a user is given.

    The password comes from the BRIEFING_SMTP_PASSWORD environment variable, never from a flag.
    """
    password = os.environ.get(PASSWORD_ENV, "")
    if user and not password:
        raise DeliveryError(f"--smtp-user given but {PASSWORD_ENV} is not set")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=ssl_context or ssl.create_default_context())
                smtp.ehlo()
            elif user:
                raise DeliveryError(f"{host}:{port} does not offer STARTTLS; refusing to send a password in clear")
            if user:
                smtp.login(user, password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"sending to {host}:{port} failed: {exc}") from exc


def run_digest(inputs: list[str], out_dir: Path, state_dir: Optional[Path] = None, title: Optional[str] = None,
               templates: Optional[Path] = None, send: bool = False, smtp_host: str = "", smtp_port: int = 587,
               smtp_user: str = "", sender: str = "", to: Optional[list[str]] = None,
               base_url: str = "", now=None, ssl_context: Optional[ssl.SSLContext] = None, jobs: int = 1
               ) -> tuple[Digest, list[Path]]:
    """Build, write and (optionally) send the digest; the state advances only after all of that worked."""
    from briefing.digest import build_digest
    from briefing.state import save_state

    if send and not (smtp_host and to):
        raise DeliveryError("--send needs --smtp-host and at least one --to address")
    digest, states, briefings = build_digest(inputs, Path(out_dir), state_dir, title=title,
                                             templates=templates, now=now, jobs=jobs)
    paths, message = write_digest(digest, Path(out_dir), templates, sender, to, base_url)
    if send:
        send_message(message, smtp_host, smtp_port, smtp_user, ssl_context=ssl_context)
    if state_dir:
        save_state(Path(state_dir), states)
    return digest, paths + briefings


def snapshot(folder: Path) -> dict[str, list[float]]:
    """Modification time and size of every visible file under `folder`."""
    return {str(p): [p.stat().st_mtime, p.stat().st_size] for p in sorted(Path(folder).rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def watch(folder: Path, interval: float, once: bool = False, on_change=None, **digest_options) -> int:
    """Rebuild the digest whenever files under `folder` appear or change (polling); returns the build count."""
    marker = Path(digest_options.get("state_dir") or digest_options["out_dir"]) / ".watch-snapshot.json"
    last = json.loads(marker.read_text()) if marker.is_file() else {}
    builds = 0
    while True:
        current = snapshot(folder)
        if current and current != last:
            try:
                digest, paths = run_digest([str(folder)], **digest_options)
            except BriefingError as exc:
                if once:
                    raise
                # A long-running watcher reports the failure and tries again at the next change or tick.
                print(f"briefing: watch: {exc}", file=sys.stderr)
            else:
                write_text_atomic(marker, json.dumps(current, sort_keys=True))
                last, builds = current, builds + 1
                if on_change:
                    on_change(digest, paths)
        if once:
            return builds
        time.sleep(interval)
