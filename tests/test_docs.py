"""The README's settings and routes tables match the code."""

import re

from govrules.config import SETTINGS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def table_first_column(heading: str) -> list[str]:
    section = README.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)`", section, flags=re.M)


def test_settings_table_lists_every_setting():
    documented = table_first_column("Settings")
    assert documented == [s.env for s in SETTINGS]


def test_routes_table_lists_every_route(app):
    documented = set(table_first_column("Routes"))
    rules = {
        f"{' '.join(sorted(r.methods - {'HEAD', 'OPTIONS'}))} {r.rule}"
        for r in app.url_map.iter_rules()
        if r.endpoint != "static"
    }
    assert documented == rules


ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "server" / "govrules"


def test_architecture_page_names_every_package_and_only_real_ones():
    section = ARCHITECTURE.split("## The folders", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `govrules(?:\.(\w+))?`", section, flags=re.M))
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert named - {""} == packages


def test_architecture_page_names_only_modules_that_exist():
    section = ARCHITECTURE.split("## The folders", 1)[1].split("\n## ", 1)[0]
    for row in section.splitlines()[4:]:
        package = re.match(r"^\| `govrules(?:\.(\w+))?`", row)
        folder = PACKAGE / (package.group(1) or "") if package else PACKAGE
        for module in re.findall(r"`([\w/]+(?:\.py|/))`", row):
            assert (folder / module).exists(), f"{module} in {folder.name}/ is named but missing"
