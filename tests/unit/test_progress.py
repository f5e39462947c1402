"""Long work reports progress: a live bar on a terminal, plain lines piped, nothing when quiet."""

import io

from govrules.cli.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_prints_nothing():
    stream = io.StringIO()
    with progress("build", quiet=True, stream=stream) as say:
        say("ontology: 5 files")
        say.advance()
    assert stream.getvalue() == ""


def test_piped_prints_one_plain_line_per_stage_and_no_bar():
    stream = io.StringIO()
    with progress("build", total=3, stream=stream) as say:
        say("ontology: 5 files")
        say.advance()
        say("store: build/store")
    assert stream.getvalue() == "  ontology: 5 files\n  store: build/store\n"


def test_a_terminal_gets_a_live_bar_with_the_stages_above_it():
    stream = Terminal()
    with progress("import", total=2, stream=stream) as say:
        say("a.md")
        say.advance()
        say("b.md")
        say.advance()
    out = stream.getvalue()
    assert "\x1b[" in out  # drawn with terminal control sequences
    assert "a.md" in out and "b.md" in out
    assert "2/2" in out or "1/2" in out  # the bar counts the items
