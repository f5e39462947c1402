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
