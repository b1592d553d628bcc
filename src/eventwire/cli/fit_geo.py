"""``eventwire fit geo``: fit the toponym resolver's weights on the first 70 % of gold corpora."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.errors import EvaluationError

_CORPORA = Path("../shared/data/geoparsing")


def corpus_files(folder: Path) -> list[Path]:
    """The corpora the bundled weights are fitted on, in the order the weights file lists them."""
    from eventwire.evaluate.geofit import FIT_CORPORA

    paths = [folder / name for name in FIT_CORPORA]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise EvaluationError(
            f"{', '.join(missing)}: no such corpus file; expected {', '.join(FIT_CORPORA)}"
        )
    return paths


def fit_geo_text(paths: list[Path], *, gazetteer: Path | None = None) -> str:
    """Fit on the fitting split (first 70 %) of each corpus; the weights file's text."""
    from eventwire.evaluate.geocorpora import read_corpus
    from eventwire.evaluate.geofit import fit_weights, weights_text
    from eventwire.geo.demonyms import load_demonyms
    from eventwire.geo.gazetteer import Gazetteer, open_default

    gaz = open_default() if gazetteer is None else Gazetteer.open(gazetteer)
    corpora = [read_corpus(p).split("fit") for p in paths]
    return weights_text(fit_weights(corpora, gaz, lexicon=load_demonyms()))


def fit_geo(
    corpora: Annotated[
        Path,
        typer.Option(
            "--corpora",
            help="Folder of the gold corpora (lgl.xml, TR-News.xml, GWN.xml, "
            "GeoVirus.xml). Default: ../shared/data/geoparsing.",
        ),
    ] = _CORPORA,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the weights JSON here. Default: stdout."),
    ] = None,
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file. Default: the bundled one.")
    ] = None,
) -> None:
    """Fit the resolver weights on the first 70 % of each gold corpus; print the weights JSON.

    Example: eventwire fit geo --corpora ../shared/data/geoparsing -o geo-weights.json
    """
    text = fit_geo_text(corpus_files(corpora), gazetteer=gazetteer)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)


def register(app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Add ``fit geo`` to the ``fit`` group."""
    groups["fit"].command("geo")(fit_geo)
