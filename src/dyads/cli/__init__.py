"""The `dyads` command: thin Typer commands over library functions."""
