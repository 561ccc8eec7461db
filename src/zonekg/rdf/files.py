"""Writing files so that a reader never sees half of one, and a build never leaves half a set.

Every output of the project goes through here (the build, exports, the HTML view, the ontology
docs). :func:`commit` is the all-or-nothing write of a build:

1. every new file (and the Oxigraph store folder) is *staged* beside its target under a name
   starting with :data:`TEMP`, and fsynced;
2. a journal (``build/.transaction.json``) lists the renames and deletions, and is fsynced;
3. the renames and deletions are carried out, then the journal is removed.

A kill before step 2 leaves only staged temporaries, which the next run deletes (the old set
stays); a kill during step 3 leaves the journal, which the next run (:func:`recover`) carries
out to the end (the new set). Either way a reader of ``build/`` sees one whole set.
Any OSError (no permission, read-only file system, full disk, a file where a folder should be)
becomes one :class:`ZoneKGError` line naming the path and the cause, with the temporaries removed.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from zonekg.model.errors import ZoneKGError

#: Prefix of every staged file or folder: only names with it are ever deleted as leftovers.
TEMP = ".zonekg-tmp."
#: The journal of a build's renames, inside build/.
JOURNAL = ".transaction.json"

#: A staged folder is made by a function that creates it at the path it is given.
DirMaker = Callable[[Path], object]  # makes a folder at the path given; what it returns is ignored


def os_error(exc: OSError, path: Path | str | None = None) -> ZoneKGError:
    """One line for the user: which path, and why (strerror, e.g. 'No space left on device')."""
    where = path if path is not None else (exc.filename or "?")
    cause = exc.strerror or str(exc)
    if exc.errno == errno.ENOTDIR:
        cause = "a file is in the way where a folder is needed"
    return ZoneKGError(f"cannot write: {cause}", where)


@contextmanager
def user_errors(path: Path | str | None = None) -> Iterator[None]:
    """Turn an OSError inside the block into a ZoneKGError (one line, exit 1 in the CLI)."""
    try:
        yield
    except OSError as exc:
        raise os_error(exc, path) from None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stage_file(target: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP}{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def _stage_dir(target: Path, make: DirMaker) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP}{target.name}.", dir=target.parent))
    try:
        tmp.rmdir()  # the maker creates the folder itself
        make(tmp)
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _ensure_dir(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ZoneKGError("cannot write: it is a file, and a folder is needed here", folder)
    folder.mkdir(parents=True, exist_ok=True)


def _apply(journal: Path, plan: dict) -> None:
    """Carry out a journal's renames and deletions; safe to run again after a kill at any point."""
    for tmp, final in plan["renames"]:
        tmp, final = Path(tmp), Path(final)
        if not tmp.exists() and not tmp.is_symlink():
            continue  # renamed before the kill
        if tmp.is_dir():
            if final.exists():
                old = final.with_name(f"{TEMP}{final.name}.old")
                _remove(old)
                os.replace(final, old)
            os.replace(tmp, final)
        else:
            os.replace(tmp, final)
    for gone in plan["delete"]:
        _remove(Path(gone))
    for folder in {Path(final).parent for _tmp, final in plan["renames"]}:
        _fsync_dir(folder)
    journal.unlink()
    _sweep(plan["folders"])


def _sweep(folders: list[str]) -> None:
    """Delete leftover temporaries (names starting with TEMP) in these folders."""
    for folder in map(Path, folders):
        if folder.is_dir():
            for leftover in folder.glob(f"{TEMP}*"):
                _remove(leftover)


def recover(build_dir: Path, folders: list[Path]) -> str | None:
    """Finish a build that was killed after its journal was written, or clear what a build killed
    earlier left behind. Returns a line for the user when there was something to do."""
    journal = build_dir / JOURNAL
    with user_errors(build_dir):
        if journal.is_file():
            try:
                plan = json.loads(journal.read_text(encoding="utf-8"))
            except ValueError:
                plan = None  # killed while writing the journal: the renames never started
            if plan is not None:
                _apply(journal, plan)
                return "finished the file renames of an interrupted build"
            journal.unlink()
        leftovers = [p for f in folders if f.is_dir() for p in f.glob(f"{TEMP}*")]
        _sweep([str(f) for f in folders])
    return "removed the temporary files of an interrupted build" if leftovers else None


def commit(build_dir: Path, files: dict[Path, bytes], dirs: Mapping[Path, DirMaker] | None = None,
           delete: Sequence[Path] = ()) -> None:
    """Write ``files`` and the folders made by ``dirs`` to their target paths and delete ``delete``,
    all together or not at all (see the module's doc)."""
    dirs = dirs or {}
    targets = [*files, *dirs]
    folders = sorted({t.parent for t in targets} | {build_dir})
    staged: list[tuple[Path, Path]] = []
    journal = build_dir / JOURNAL
    current: Path | str = build_dir
    try:
        for folder in folders:
            current = folder
            _ensure_dir(folder)
        for target, data in files.items():
            current = target
            if target.is_dir():
                raise ZoneKGError("cannot write: a folder is in the way where a file is needed", target)
            staged.append((_stage_file(target, data), target))
        for target, make in dirs.items():
            current = target
            staged.append((_stage_dir(target, make), target))
        plan = {"renames": [[str(t), str(f)] for t, f in staged], "delete": [str(p) for p in delete],
                "folders": [str(f) for f in folders]}
        current = journal
        staged_journal = _stage_file(journal, json.dumps(plan, ensure_ascii=False, indent=1).encode("utf-8"))
        staged.append((staged_journal, journal))
        for folder in folders:
            _fsync_dir(folder)
        os.replace(staged_journal, journal)
    except OSError as exc:
        _discard(staged)
        raise os_error(exc, current) from None
    except BaseException:
        _discard(staged)
        raise
    try:
        _apply(journal, plan)
    except OSError as exc:
        raise ZoneKGError(f"cannot finish the renames ({exc.strerror or exc}); the next build completes them",
                          exc.filename or build_dir) from None


def _discard(staged: list[tuple[Path, Path]]) -> None:
    for tmp, _final in staged:
        try:
            _remove(tmp)
        except OSError:
            pass


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file beside its target, then rename each into place (no half-written file,
    no temporary left behind; an OSError becomes one ZoneKGError line)."""
    staged: list[tuple[Path, Path]] = []
    current: Path = out_dir
    try:
        _ensure_dir(out_dir)
        for name, data in files.items():
            current = out_dir / name
            staged.append((_stage_file(current, data), current))
        for tmp, final in staged:
            current = final
            os.replace(tmp, final)
    except OSError as exc:
        raise os_error(exc, current) from None
    finally:
        _discard([(t, f) for t, f in staged if t.exists()])
