"""`dyads gazetteer`: extend the product's knowledge of the world."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from dyads.cli.console import error, out, progress
from dyads.errors import DyadsError
from dyads.gazetteer.load import GazetteerError, load, read_file, user_dir
from dyads.gazetteer.schema import OfficesFile, UserFile
from dyads.langdata.knowledge import DATA_DIR

app = typer.Typer(
    help="Extend the gazetteer: a Wikidata dump you downloaded, or your own entries.\n\n"
         "Your additions live in $DYADS_GAZETTEER (default ~/.local/share/dyads/gazetteer) "
         "and are loaded after the shipped gazetteer: an entry with the same key replaces it.",
    no_args_is_help=True,
)


def _target(directory: Path | None) -> Path:
    return directory or user_dir()


@app.command("build")
def build(
    dump: Annotated[Path, typer.Argument(help="A Wikidata JSON dump (latest-all.json.bz2, .gz or plain), or an excerpt in the same format.", show_default=False)],
    directory: Annotated[Path | None, typer.Option("--dir", help="Gazetteer folder to write to (default: $DYADS_GAZETTEER).")] = None,
) -> None:
    """Add countries, positions' holders (heads of state and government, defense and
    foreign ministers, chiefs of defense… with tenures) and organizations from a Wikidata
    dump. Streams the dump twice; memory stays small whatever its size.

    [bold]Example[/bold]

      dyads gazetteer build latest-all.json.bz2
    """
    from dyads.gazetteer.wikidata import build as build_from_dump

    if not dump.is_file():
        error(f"{dump}: no such file [E001]")
        raise typer.Exit(2)
    offices = OfficesFile.model_validate(read_file(DATA_DIR / "gazetteer" / "offices.yaml"))
    titles = [t for forms in offices.offices.values() for t in forms]
    target = _target(directory)
    output = target / "wikidata.json"

    def check(candidate: Path) -> None:
        try:
            _check_with(candidate, target, output.name)
        except GazetteerError as exc:
            raise DyadsError("E112", detail=str(exc)) from None

    try:
        with progress("reading the dump") as bar:
            report = build_from_dump(dump, output, titles, progress=lambda n: bar.update(bar.task_ids[0], completed=n),
                                     check=check)
    except (OSError, EOFError) as exc:
        error(f"{dump}: cannot read the dump ({exc}) [E010]")
        raise typer.Exit(2) from None
    except DyadsError as exc:  # not a dump, nothing in it, or a file that would not load: the old one stays
        error(f"{dump}: {exc}")
        raise typer.Exit(2) from None
    out.print(f"{report.items} items read: {report.countries} countries, {report.positions} positions, "
              f"{report.people} office holders, {report.organizations} organizations → {output}", markup=False)


@app.command("add")
def add(
    file: Annotated[Path, typer.Argument(help="A YAML or JSON file with lists `people`, `organizations`, `places`, `countries` in the shipped files' format.", show_default=False)],
    directory: Annotated[Path | None, typer.Option("--dir", help="Gazetteer folder to add to (default: $DYADS_GAZETTEER).")] = None,
) -> None:
    """Add your own entries (checked first; a file with an error is refused whole).

    [bold]Example[/bold]

      dyads gazetteer add my-officials.yaml
    """
    if not file.is_file():
        error(f"{file}: no such file [E001]")
        raise typer.Exit(2)
    try:
        data = UserFile.model_validate(read_file(file) or {})
    except GazetteerError as exc:
        error(f"{file}: {DyadsError('E112', detail=str(exc))}")
        raise typer.Exit(2) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        error(f"{file}: {DyadsError('E112', detail=where + ': ' + first['msg'])}")
        raise typer.Exit(2) from None
    if not (data.people or data.organizations or data.places or data.countries):
        error(f"{file}: {DyadsError('E111', detail='no people, organizations, places or countries')}")
        raise typer.Exit(2)
    target = _target(directory)
    target.mkdir(parents=True, exist_ok=True)
    destination = target / (file.stem + (".json" if file.suffix == ".json" else ".yaml"))
    # a temporary file beside the destination, renamed over it only once checked
    handle, name = tempfile.mkstemp(dir=target, prefix=f".{destination.name}.", suffix=".partial")
    os.close(handle)
    partial = Path(name)
    try:
        shutil.copyfile(file, partial)
        _check_with(partial, target, destination.name)
        os.replace(partial, destination)
    except GazetteerError as exc:
        error(f"{file}: {DyadsError('E112', detail=str(exc))}")
        raise typer.Exit(2) from None
    finally:
        partial.unlink(missing_ok=True)
    out.print(f"added {len(data.people)} people, {len(data.organizations)} organizations, "
              f"{len(data.places)} places, {len(data.countries)} countries → {destination}", markup=False)


def _check_with(candidate: Path, target: Path, name: str) -> None:
    """Load the gazetteer as it will be with the candidate file in place as `name`."""
    with tempfile.TemporaryDirectory() as scratch:
        for existing in target.glob("*"):
            if existing.suffix in (".yaml", ".yml", ".json") and existing.name != name:
                shutil.copyfile(existing, Path(scratch) / existing.name)
        shutil.copyfile(candidate, Path(scratch) / name)
        load(DATA_DIR, Path(scratch))
