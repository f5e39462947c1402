"""The build enforces coverage: a marked sentence that no norm reads stops it."""

import re
import shutil
import subprocess

import pytest

from govrules.errors import BuildError
from govrules.knowledge.build import assemble

from ..conftest import BIN, ROOT

NORMS = "norms/330382-work-rules-2020.ttl"


def test_build_fails_when_a_norm_is_missing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / NORMS).read_text(encoding="utf-8")
    # Drop the only norm of 第八条 (the executive vice-mayor presides when the mayor is away).
    text, removed = re.subn(r"\nnorm:art_8-1\n(?:    .*\n)+", "\n", text)
    assert removed == 1
    (data / NORMS).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match="do not cover") as caught:
        assemble(ROOT, data_dir=data)
    assert "art_8/para_1" in caught.value.message
    assert "uncovered 1" in caught.value.message


def test_coverage_command_reports_every_paragraph():
    run = subprocess.run([BIN / "govrules", "coverage"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "paragraphs: 43 (covered 39, explained 4, uncovered 0)" in run.stdout
    assert "uncovered 0); errors: 0" in run.stdout
