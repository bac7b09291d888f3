"""``ownway demo --fresh`` builds the city again on the same day: the old city's bank files are the demo's own and
go with its database, but a council's own directory of bank files is never touched."""

from __future__ import annotations

from ownway.cli import demo_bank_files_clear


def test_the_demos_own_bank_files_go(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    settings.OWNWAY_BACS_DIR.mkdir()
    (settings.OWNWAY_BACS_DIR / "DP-20261205-000001.csv").write_text("old run")
    (settings.OWNWAY_BACS_DIR / "notes.txt").write_text("not a bank file")
    assert demo_bank_files_clear() == 1
    assert [path.name for path in settings.OWNWAY_BACS_DIR.iterdir()] == ["notes.txt"]


def test_a_councils_own_directory_is_left_alone(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.OWNWAY_BACS_DIR = tmp_path / "bank"
    settings.OWNWAY_BACS_DIR.mkdir()
    (settings.OWNWAY_BACS_DIR / "DP-20261205-000001.csv").write_text("sent to the bank")
    assert demo_bank_files_clear() == 0
    assert (settings.OWNWAY_BACS_DIR / "DP-20261205-000001.csv").exists()


def test_no_directory_yet(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"
    assert demo_bank_files_clear() == 0
