"""govrules import: parse, propose, copy as received, two texts of one work, refusals."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govrules.cli import main
from govrules.knowledge import catalog as cat
from govrules.knowledge.importer import import_texts

from ..conftest import ROOT

SOURCE = ROOT / "data" / "source"
NPCSC_2009 = SOURCE / "全国人民代表大会常务委员会议事规则(2009-04-24).md"
NPCSC_2022 = SOURCE / "全国人民代表大会常务委员会议事规则(2022-06-24).md"
HENAN = SOURCE / "河南省人民代表大会议事规则(2010-07-30).md"


@pytest.fixture()
def data_dir(tmp_path) -> Path:
    """A data directory with the Yueqing entry and the organisation graphs only."""
    target = tmp_path / "data"
    (target / "source").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "org", target / "org")
    shutil.copytree(ROOT / "data" / "norms", target / "norms")
    shutil.copy(SOURCE / "yueqing-government-work-rules-2020.txt", target / "source")
    full = cat.read(ROOT / "data")
    yueqing = full.find("330382-work-rules-2020")
    orgs = [o for o in full.organisations if o["id"] == "330382"]
    cat.write(cat.Catalog([yueqing], orgs), target)
    return target


def test_dry_run_proposes_and_writes_nothing(data_dir):
    before = (data_dir / "catalog.toml").read_bytes()
    outcomes = import_texts([HENAN], data_dir, dry_run=True)
    assert [o.action for o in outcomes] == ["new work"]
    entry = outcomes[0].entry
    assert (entry.id, entry.jurisdiction, entry.type, entry.issuer) == (
        "410000-rules-of-procedure-1994",
        "410000",
        "rules-of-procedure",
        "people-congress",
    )
    assert entry.title_en == "Rules of Procedure of the Henan Provincial People's Congress"
    assert (data_dir / "catalog.toml").read_bytes() == before
    assert not (data_dir / "source" / HENAN.name).exists()


def test_two_texts_of_one_work_become_one_entry_copied_as_received(data_dir):
    outcomes = import_texts([NPCSC_2022, NPCSC_2009], data_dir)
    assert sorted(o.action for o in outcomes) == ["new version", "new work"]
    catalog = cat.read(data_dir)
    entry = catalog.find("100000-rules-of-procedure-1987")
    assert len(entry.sources) == 2
    assert entry.issuer == "standing-committee"
    for path in (NPCSC_2009, NPCSC_2022):
        assert (data_dir / "source" / path.name).read_bytes() == path.read_bytes()
    assert {o["id"] for o in catalog.organisations} == {"330382", "100000"}
    again = import_texts([NPCSC_2009], data_dir)
    assert [o.action for o in again] == ["already imported"]


def test_a_text_that_does_not_parse_imports_nothing(data_dir, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# 某某议事规则\n\n<!-- INFO END -->\n\n没有条文的文字。\n", encoding="utf-8")
    before = (data_dir / "catalog.toml").read_bytes()
    outcomes = import_texts([bad], data_dir)
    assert outcomes[0].error.startswith("does not parse")
    assert (data_dir / "catalog.toml").read_bytes() == before
    assert not (data_dir / "source" / "bad.md").exists()


def test_the_command_reports_and_exits_2_on_errors(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVRULES_ROOT", str(data_dir.parent))
    result = CliRunner().invoke(main, ["import", "--dry-run", str(HENAN)])
    assert result.exit_code == 0, result.output
    assert "would import" in result.stdout and "410000-rules-of-procedure-1994" in result.stdout
    result = CliRunner().invoke(main, ["import", str(tmp_path / "missing.md")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_an_imported_corpus_builds(data_dir, monkeypatch):
    from govrules.knowledge.build import gather

    import_texts([NPCSC_2009, NPCSC_2022, HENAN], data_dir)
    graphs = gather(ROOT, data_dir=data_dir)
    assert "https://w3id.org/govrules/graph/versions/100000-rules-of-procedure-1987" in graphs
