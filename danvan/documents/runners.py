"""Which code runs which kind of import: each app registers its own, documents knows none of them.

An app that imports files registers a runner from a module its AppConfig.ready() imports:

    @import_runner("initiatives", filename="models.xlsx")
    def run(job: ImportJob) -> None: ...

The runner reads `job.file` (through `documents.workbook`), reports progress with
`core.progress.Progress`, and ends with `documents.services.import_finish`. Documents sits below
the apps whose files it imports, so it never imports them: no cycle between the apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from danvan.documents.models import ImportJob

Runner = Callable[["ImportJob"], None]


@dataclass(frozen=True)
class ImportKind:
    kind: str
    run: Runner
    filename: str  # the stored file's name (the uploader's own name is kept on the job)


_KINDS: dict[str, ImportKind] = {}


def import_runner(kind: str, *, filename: str) -> Callable[[Runner], Runner]:
    def register(run: Runner) -> Runner:
        _KINDS[kind] = ImportKind(kind, run, filename)
        return run

    return register


def import_kind(kind: str) -> ImportKind | None:
    """The registered kind, or None for a kind no installed app imports."""
    return _KINDS.get(kind)
