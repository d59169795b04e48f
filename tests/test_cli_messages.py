"""CLI messages: a missing library, help texts, per-file error lines, counts and plurals."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", [["stories"], ["show", "1"], ["search", "harbour"], ["follow", "list"],
                                     ["follow", "remove", "https://example.invalid/feed"], ["serve"]])
def test_a_read_command_on_a_missing_library_fails_and_creates_nothing(
        tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import newsdesk.web.serve

    monkeypatch.setattr(newsdesk.web.serve, "run", lambda *a, **k: None)  # a server must not start
    db = tmp_path / "sub" / "nowhere.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {db}: no library at this path; ") and "newsdesk ingest" in line
    assert list(tmp_path.iterdir()) == []
