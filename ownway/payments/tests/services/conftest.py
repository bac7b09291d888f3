"""Every payment run in these tests writes its bank files into a folder of the test's own."""

import pytest


@pytest.fixture(autouse=True)
def _bacs_dir(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path / "bacs"


@pytest.fixture
def unwritable_bacs_dir(settings, tmp_path):
    """Point ``OWNWAY_BACS_DIR`` where no folder can be made (under a file), as a full or read-only disk would."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.OWNWAY_BACS_DIR = blocker / "bacs"
    return settings.OWNWAY_BACS_DIR
