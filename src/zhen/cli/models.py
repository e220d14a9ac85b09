"""`zhen models`: the Argos Translate packages zhen (and argospm) can use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zhen import paths
from zhen.cli import options
from zhen.cli.listing import emit_listing
from zhen.render import listings
from zhen.render.words import plural
from zhen.translate.packages import (
    Package,
    broken_folders,
    install_from_index,
    install_package,
    list_packages,
    remove_package,
    verify_packages,
)
from zhen.translate.probe import shown


def _size(size: int) -> str:
    return f"{size / 1024**2:.1f} MB" if size >= 1024**2 else f"{size / 1024:.0f} KB"


@click.group("models")
@options.output_controls
def models() -> None:
    """List, install, verify and remove offline translation packages (.argosmodel)."""


@models.command("list")
@options.output_format(("text", "json", "csv", "tsv"), "text",
                       "text: for reading; json (docs/schema/zhen.schema.json); csv/tsv: one row "
                       "per package.")
@options.output_file
@options.output_controls
def list_command(output_format, output_file) -> None:
    """Installed packages: folder, language pair, version, size and path.

    A folder that holds no usable package is named on standard error, with the reason."""

    installed = list_packages()
    directory = paths.argos_packages_dir()
    def text() -> str:
        if not installed:
            return f"No packages installed in {directory}.\n"
        return "".join(f"{package.name}\t{package.from_code} → {package.to_code}\t"
                       f"{package.package_version}\t{_size(package.size)}\t{package.path}\n"
                       for package in installed)

    emit_listing(output_file, output_format, text=text,
                 document=lambda: listings.packages_document(directory, installed),
                 rows=lambda: listings.packages_rows(installed))
    for folder, problem in broken_folders():
        options.inform(f"skipped {shown(str(folder))}: {problem} (remove it with "
                       f"`zhen models remove {shown(folder.name)}`)")


@models.command("install")
@click.argument("arguments", nargs=-1, required=True, metavar="FILE.argosmodel | FROM TO")
@click.option(
    "--from-index",
    is_flag=True,
    help="Download FROM TO (e.g. zh en) from the Argos package index (needs a network).",
)
@click.option("--force", is_flag=True, help="Replace a different package in the same folder.")
@options.output_controls
def install_command(arguments: tuple[str, ...], from_index: bool, force: bool) -> None:
    """Install a package file, validated first, or download one with --from-index."""

    if from_index:
        if len(arguments) != 2:
            raise click.UsageError(
                "--from-index takes two language codes, e.g. `--from-index zh en`"
            )
        installed = [install_from_index(*arguments, force=force)]
    else:
        installed = [install_package(Path(argument), force=force) for argument in arguments]
    for package in installed:
        click.echo(
            f"Installed {package.label} ({package.from_code} → {package.to_code}) in {package.path}"
        )


@models.command("remove")
@click.argument("name")
@options.output_controls
def remove_command(name: str) -> None:
    """Delete an installed package, named by folder, code (translate-zh_en) or pair (zh-en)."""

    removed = remove_package(name)
    if isinstance(removed, Package):
        click.echo(f"Removed {removed.label} from {removed.path}")
    else:
        click.echo(f"Removed the broken folder {shown(str(removed))}")


@models.command("verify")
@click.argument("name", required=False)
@options.output_format(("text", "json"), "text",
                       "text: one line per package folder; json (docs/schema/zhen.schema.json).")
@options.output_file
@options.output_controls
def verify_command(name: str | None, output_format, output_file) -> None:
    """Check that packages load (every folder of the packages directory, or NAME).

    Exit status 1 when a package has problems or there is none to verify.
    """

    checks = verify_packages(name)
    directory = paths.argos_packages_dir()

    def text() -> str:
        return "".join(
            f"{check.package.label if check.package else check.path.name}\t"
            f"{'; '.join(check.problems) if check.problems else 'ok'}\t{check.path}\n"
            for check in checks)

    emit_listing(output_file, output_format, text=text,
                 document=lambda: listings.verify_document(directory, checks))
    broken = [check for check in checks if check.problems]
    if broken:
        verb = "has" if len(broken) == 1 else "have"
        click.echo(f"Error: {len(broken)} of {plural(len(checks), 'package folder')} {verb} "
                   "problems", err=True)
        sys.exit(1)
    if not checks:
        click.echo(f"Error: no packages installed in {directory}: nothing to verify (install one "
                   "with `zhen models install FILE.argosmodel`)", err=True)
        sys.exit(1)
