"""The command line: documented options, exit codes, one-line errors, the JSON contract."""
from __future__ import annotations

import json
import re

import typer.main

from briefing.cli import app, main
from conftest import ROOT, SEEDS


def all_options() -> set[str]:
    """Every long option of every command."""
    command = typer.main.get_command(app)
    opts = set()
    for sub in command.commands.values():
        for param in sub.params:
            opts.update(o for o in getattr(param, "opts", []) if o.startswith("--") and o != "--help")
    return opts


def test_every_cli_option_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    undocumented = sorted(o for o in all_options() if f"`{o}`" not in readme)
    assert not undocumented, f"options missing from README: {undocumented}"


def test_schema_prints_the_contract(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    for field in ("schema_version", "sources", "key_points", "chronology", "actors", "casualties",
                  "diplomatic_moves", "international_reactions", "discrepancies"):
        assert field in schema["properties"]


def test_missing_input_is_one_line_error_with_exit_code(tmp_path, capsys):
    code = main(["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "m.json")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) >= 1 and "nope.txt" in err
    assert "Traceback" not in err
    assert not (tmp_path / "m.json").exists()


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "-f", "docx"]) == 2
    assert "docx" in capsys.readouterr().err


def test_extract_seeds_writes_model_whose_quotes_are_exact_spans(tmp_path):
    out = tmp_path / "model.json"
    assert main(["extract", str(SEEDS), "-o", str(out), "--quiet"]) == 0
    model = json.loads(out.read_text())
    assert model["schema_version"] == 1
    assert [s["id"] for s in model["sources"]] == ["S1", "S2"]
    assert {s["stem"] for s in model["sources"]} == {p.stem for p in SEEDS.glob("*.txt")}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["published"]) for s in model["sources"])


def test_broken_inputs_are_reported_and_strict_fails(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff")
    out = tmp_path / "m.json"
    assert main(["extract", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err and "binary.txt" in err and "2 input(s) skipped" in err
    assert len(json.loads(out.read_text())["sources"]) == 2
    assert main(["extract", str(folder), "-o", str(out), "--strict"]) == 2
    assert out.exists()
