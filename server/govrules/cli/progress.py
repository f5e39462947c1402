"""Progress of long work: a live bar on a terminal, plain lines when piped, nothing when quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)


class Reporter:
    """What long work calls: ``step(message)`` for a stage, ``advance()`` for one item done."""

    def __init__(self, say=None, bar: Progress | None = None, task=None, label: str = ""):
        self._say, self._bar, self._task, self.label = say, bar, task, label

    def __call__(self, message: str) -> None:
        self.step(message)

    def step(self, message: str) -> None:
        """Report a finished stage of the work."""
        if self._bar is not None:
            self._bar.console.print(f"  {message}", highlight=False)
            self._bar.update(self._task, description=f"{self.label}: {message}")
        elif self._say is not None:
            self._say(f"  {message}")

    def advance(self, count: int = 1) -> None:
        """Count *count* more items done (a bar on a terminal; nothing otherwise)."""
        if self._bar is not None:
            self._bar.advance(self._task, count)


@contextmanager
def progress(
    label: str, *, quiet: bool = False, total: int | None = None, stream=None
) -> Iterator[Reporter]:
    """Yield a :class:`Reporter` for long work, shown on *stream* (standard error).

    On a terminal the stages scroll above a live bar (a spinner when *total* is unknown);
    piped, each stage is one plain line and there is no bar; with *quiet*, nothing at all.
    """
    stream = stream or sys.stderr
    if quiet:
        yield Reporter()
        return
    if not stream.isatty():
        yield Reporter(say=lambda line: print(line, file=stream, flush=True), label=label)
        return
    console = Console(file=stream, force_terminal=True)
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as bar:
        yield Reporter(bar=bar, task=bar.add_task(label, total=total), label=label)
