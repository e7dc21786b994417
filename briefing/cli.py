"""Command-line interface: a thin layer over the pipeline; the only place errors become exit codes."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from briefing.errors import BriefingError, InputError

ALL_FORMATS = ("md", "html", "email", "pdf", "json")

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn news articles about one situation into a sourced briefing.")


def parse_formats(value: str) -> list[str]:
    """Split `md,html` into a checked list of formats."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(ALL_FORMATS)}")
    return formats


class Progress:
    """A progress bar on stderr for runs with more than a moment's work; silent when quiet or small."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar = quiet, None

    def __call__(self, done: int, total: int) -> None:
        if self.quiet or total < 20:
            return
        if self.bar is None:
            from rich.progress import Progress as RichProgress
            self.bar = RichProgress(transient=True, console=_stderr_console())
            self.bar.start()
            self.task = self.bar.add_task("extracting", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.bar.stop()


def _stderr_console():
    from rich.console import Console
    return Console(stderr=True)


MAX_SKIPS_LISTED_PER_FILE = 5


def _natural_key(skip) -> tuple:
    """Order `path#10` after `path#9`."""
    path, _, record = skip.input.partition("#")
    return (path, int(record) if record.isdigit() else -1, record)


def report_skipped(skipped, used: int) -> None:
    """One line per skipped input on stderr, then a summary; never silenced, so nothing is lost unseen."""
    shown: dict[str, int] = {}
    for s in sorted(skipped, key=_natural_key):
        # Records of one file (path#n) beyond the first few are counted, not listed.
        path = s.input.split("#", 1)[0]
        shown[path] = shown.get(path, 0) + 1
        if shown[path] <= MAX_SKIPS_LISTED_PER_FILE:
            typer.echo(f"briefing: skipped {s.input}: {s.reason}", err=True)
    for path, count in shown.items():
        if count > MAX_SKIPS_LISTED_PER_FILE:
            typer.echo(f"briefing: skipped {count - MAX_SKIPS_LISTED_PER_FILE} more records of {path}", err=True)
    if skipped:
        typer.echo(f"briefing: {len(skipped)} input(s) skipped, {used} article(s) used", err=True)


def exit_if_strict(skipped, strict: bool) -> None:
    """With --strict, any skipped input makes the run fail (after the outputs are written)."""
    if strict and skipped:
        raise typer.Exit(2)


InputsArg = typer.Argument(..., help="Article files or folders; '-' reads one article from standard input.")
TitleOpt = typer.Option(None, "--title", help="Briefing title (default: the earliest headline).")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar or list of written files (skipped inputs are still reported).")
StrictOpt = typer.Option(False, "--strict", help="Exit with code 2 when any input was skipped (outputs are still written).")
TemplatesOpt = typer.Option(None, "--templates", help="Folder of templates searched before the built-in ones.")
JobsOpt = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes for extraction (0: one per CPU).")
PaperOpt = typer.Option("A4", "--paper", help="PDF paper size: A4 or Letter.")
CitationsOpt = typer.Option("footnotes", "--citations", help="Markdown citations: footnotes (GitHub/GitLab) or inline (wikis without footnotes).")
EmailToOpt = typer.Option(None, "--to", help="Email recipient for the .eml (repeatable).")
EmailFromOpt = typer.Option(None, "--from", help="Email sender for the .eml.")
SubjectOpt = typer.Option(None, "--subject", help="Email subject (default: the title).")


def render_options(paper: str, citations: str, email_to, email_from, subject) -> dict:
    """Check and bundle the rendering options shared by build and render."""
    if paper.lower() not in ("a4", "letter"):
        raise typer.BadParameter(f"unknown paper {paper!r}; choose A4 or Letter", param_hint="--paper")
    if citations not in ("footnotes", "inline"):
        raise typer.BadParameter(f"unknown citation style {citations!r}; choose footnotes or inline",
                                 param_hint="--citations")
    return dict(paper="Letter" if paper.lower() == "letter" else "A4", citations=citations,
                email_to=email_to or None, email_from=email_from, email_subject=subject)


@app.command()
def build(
    inputs: List[str] = InputsArg,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    formats: str = typer.Option(",".join(ALL_FORMATS), "--format", "-f", help="Comma-separated formats: md,html,email,pdf,json."),
    title: Optional[str] = TitleOpt,
    templates: Optional[Path] = TemplatesOpt,
    paper: str = PaperOpt,
    citations: str = CitationsOpt,
    email_to: Optional[List[str]] = EmailToOpt,
    email_from: Optional[str] = EmailFromOpt,
    subject: Optional[str] = SubjectOpt,
    quiet: bool = QuietOpt,
    strict: bool = StrictOpt,
    jobs: int = JobsOpt,
) -> None:
    """Build a briefing from articles in one or more formats."""
    from briefing.pipeline import build_model
    from briefing.render import write_briefing

    fmts = parse_formats(formats)
    options = render_options(paper, citations, email_to, email_from, subject)
    model = build_model(inputs, title=title, progress=Progress(quiet), jobs=jobs)
    report_skipped(model.skipped, len(model.sources))
    for path in write_briefing(model, out, fmts, templates=templates, **options):
        if not quiet:
            typer.echo(str(path))
    exit_if_strict(model.skipped, strict)


@app.command()
def extract(
    inputs: List[str] = InputsArg,
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the situation model JSON."),
    title: Optional[str] = TitleOpt,
    quiet: bool = QuietOpt,
    strict: bool = StrictOpt,
    jobs: int = JobsOpt,
) -> None:
    """Extract the situation model (JSON) from articles."""
    from briefing.atomic import write_bytes_atomic
    from briefing.pipeline import build_model

    model = build_model(inputs, title=title, progress=Progress(quiet), jobs=jobs)
    report_skipped(model.skipped, len(model.sources))
    write_bytes_atomic(output, model.to_json_bytes())
    exit_if_strict(model.skipped, strict)


@app.command()
def analyze(
    inputs: List[str] = InputsArg,
    jsonl: Path = typer.Option(..., "--jsonl", help="Where to write the findings, one article per line (JSON Lines)."),
    quiet: bool = QuietOpt,
    jobs: int = JobsOpt,
) -> None:
    """Extract per-article findings to JSON Lines (one shard of a large run; combine with `merge`)."""
    from briefing.pipeline import analyze_to_jsonl

    used, skipped = analyze_to_jsonl(inputs, jsonl, progress=Progress(quiet), jobs=jobs)
    report_skipped(skipped, used)


@app.command()
def merge(
    findings: List[Path] = typer.Argument(..., metavar="FINDINGS.jsonl...", help="Findings files written by `briefing analyze`."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the situation model JSON."),
    title: Optional[str] = TitleOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Merge findings files (shards) into one situation model (JSON)."""
    from briefing.atomic import write_bytes_atomic
    from briefing.pipeline import merge_jsonl

    model = merge_jsonl(findings, title=title)
    write_bytes_atomic(output, model.to_json_bytes())
    if not quiet:
        typer.echo(str(output))


@app.command()
def render(
    model_path: Path = typer.Argument(..., metavar="MODEL", help="Situation model JSON written by `briefing extract`."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    formats: str = typer.Option(",".join(ALL_FORMATS), "--format", "-f", help="Comma-separated formats: md,html,email,pdf,json."),
    templates: Optional[Path] = TemplatesOpt,
    paper: str = PaperOpt,
    citations: str = CitationsOpt,
    email_to: Optional[List[str]] = EmailToOpt,
    email_from: Optional[str] = EmailFromOpt,
    subject: Optional[str] = SubjectOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Render a situation model JSON into briefing formats."""
    from pydantic import ValidationError

    from briefing.model import SituationModel
    from briefing.render import write_briefing

    try:
        model = SituationModel.model_validate_json(model_path.read_bytes())
    except OSError as exc:
        raise InputError(f"{model_path}: cannot read ({exc.strerror or exc})") from exc
    except ValidationError as exc:
        raise InputError(f"{model_path}: not a situation model ({exc.error_count()} problems, first: "
                         f"{exc.errors()[0]['msg']})") from exc
    options = render_options(paper, citations, email_to, email_from, subject)
    for path in write_briefing(model, out, parse_formats(formats), templates=templates, **options):
        if not quiet:
            typer.echo(str(path))


def digest_options(out, state, title, templates, send, smtp_host, smtp_port, smtp_user, to, sender,
                   base_url, jobs) -> dict:
    """Keyword arguments shared by `digest` and `watch`."""
    return dict(out_dir=out, state_dir=state, title=title, templates=templates, send=send, smtp_host=smtp_host or "",
                smtp_port=smtp_port, smtp_user=smtp_user or "", to=to or [], sender=sender or "",
                base_url=base_url or "", jobs=jobs)


StateOpt = typer.Option(None, "--state", help="Folder remembering the last run, to show what is new since then.")
SendOpt = typer.Option(False, "--send", help="Also send the digest by SMTP (password from BRIEFING_SMTP_PASSWORD).")
SmtpHostOpt = typer.Option(None, "--smtp-host", help="SMTP server.")
SmtpPortOpt = typer.Option(587, "--smtp-port", help="SMTP port (STARTTLS is used whenever offered).")
SmtpUserOpt = typer.Option(None, "--smtp-user", help="SMTP login; the password is read from BRIEFING_SMTP_PASSWORD.")
ToOpt = typer.Option(None, "--to", help="Recipient address (repeatable).")
FromOpt = typer.Option(None, "--from", help="Sender address.")
BaseUrlOpt = typer.Option(None, "--base-url", help="Where the output folder is published: the email links each situation's full briefing there (without it the email has no such links).")
DigestOutOpt = typer.Option(Path("out"), "--out", "-o", help="Output folder (digest files plus one folder per situation).")


@app.command()
def digest(
    inputs: List[str] = InputsArg, out: Path = DigestOutOpt, state: Optional[Path] = StateOpt,
    title: Optional[str] = typer.Option(None, "--title", help="Digest title."), templates: Optional[Path] = TemplatesOpt,
    send: bool = SendOpt, smtp_host: Optional[str] = SmtpHostOpt, smtp_port: int = SmtpPortOpt,
    smtp_user: Optional[str] = SmtpUserOpt, to: Optional[List[str]] = ToOpt, sender: Optional[str] = FromOpt,
    base_url: Optional[str] = BaseUrlOpt, quiet: bool = QuietOpt, jobs: int = JobsOpt,
) -> None:
    """Group a mixed pile of articles into situations and write (and optionally send) one digest."""
    from briefing.delivery import run_digest

    result, paths = run_digest(inputs, **digest_options(out, state, title, templates, send, smtp_host, smtp_port,
                                                        smtp_user, to, sender, base_url, jobs))
    report_skipped(result.skipped, result.article_count)
    if not quiet:
        typer.echo(f"{len(result.sections)} situations from {result.article_count} articles -> {out / 'digest.html'}")


@app.command()
def watch(
    folder: Path = typer.Argument(..., help="Folder to watch for new or changed articles."),
    interval: float = typer.Option(300, "--interval", min=1, help="Seconds between checks."),
    once: bool = typer.Option(False, "--once", help="Check once, rebuild if needed, and exit."),
    out: Path = DigestOutOpt, state: Optional[Path] = StateOpt,
    title: Optional[str] = typer.Option(None, "--title", help="Digest title."), templates: Optional[Path] = TemplatesOpt,
    send: bool = SendOpt, smtp_host: Optional[str] = SmtpHostOpt, smtp_port: int = SmtpPortOpt,
    smtp_user: Optional[str] = SmtpUserOpt, to: Optional[List[str]] = ToOpt, sender: Optional[str] = FromOpt,
    base_url: Optional[str] = BaseUrlOpt, quiet: bool = QuietOpt, jobs: int = JobsOpt,
) -> None:
    """Rebuild the digest whenever articles arrive in FOLDER (polls modification times)."""
    from briefing.delivery import watch as watch_folder

    def announce(result, paths):
        if not quiet:
            typer.echo(f"{len(result.sections)} situations from {result.article_count} articles -> {out / 'digest.html'}")
    watch_folder(folder, interval, once=once, on_change=announce,
                 **digest_options(out, state, title, templates, send, smtp_host, smtp_port, smtp_user, to, sender,
                                  base_url, jobs))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the situation model."""
    from briefing.model import SituationModel

    typer.echo(json.dumps(SituationModel.model_json_schema(), indent=1))


def main(argv: Optional[list[str]] = None) -> int:
    """Run the CLI in-process and return its exit code; errors become one line on stderr."""
    try:
        # Without standalone mode, an Exit raised inside a command comes back as the return value.
        code = app(args=argv, prog_name="briefing", standalone_mode=False)
        if isinstance(code, int):
            return code
    except BriefingError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        show() if show else print(f"briefing: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: one line for users, the traceback on request
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(f"briefing: internal error: {type(exc).__name__}: {exc} "
              "(set BRIEFING_DEBUG=1 for the traceback)", file=sys.stderr)
        return 70
    return 0


def entry_point() -> None:
    """Console-script entry point."""
    sys.exit(main())
