"""The `closet` command: one module per command group, each added here explicitly.

| command | module |
|---|---|
| `closet db start/stop/status/password/provision` | `db` |
| `closet load` | `load` |
| `closet crawl snaps/goods` | `crawl` |
| `closet describe`, `enrich`, `stats`, `models fetch` | `enrich` |
| `closet train` | `train` |
| `closet eval run/split/fitb/retrieval/score-fitb/score-retrieval/occasion` | `eval` |
| `closet wardrobe outfits/next` (old name, hidden: `closet closet ...`) | `wardrobe` |
| `closet serve`, `ui`, `sample-path` | `serve` |
| `closet synth` | `synth` |
"""

from __future__ import annotations

import sys

import typer

from closet.cli import crawl, db, enrich, load, serve, synth, train, wardrobe
from closet.cli import eval as evaluation
from closet.cli.output import fail

__all__ = ["app", "fail", "main"]

app = typer.Typer(
    help="closet: a graph-native outfit recommender on Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.app, name="db")
app.command("load")(load.load)
app.command("crawl")(crawl.crawl)
app.command("describe")(enrich.describe_command)
app.command("enrich")(enrich.enrich_command)
app.command("stats")(enrich.stats_command)
enrich.models_app.command("fetch")(enrich.models_fetch_command)
app.add_typer(enrich.models_app, name="models")
app.command("train")(train.train_command)
app.add_typer(evaluation.app, name="eval")
app.add_typer(wardrobe.app, name="wardrobe")
app.add_typer(wardrobe.app, name="closet", hidden=True)  # the group's old name
app.command("serve")(serve.serve)
app.command("ui")(serve.ui)
app.command("sample-path")(serve.sample_path)
app.command("synth")(synth.synth_command)


def main() -> None:
    """Entry point for `python -m closet`."""
    app(prog_name="closet")


if __name__ == "__main__" and sys.argv:
    main()
