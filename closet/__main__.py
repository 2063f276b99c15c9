"""`python -m closet` runs the CLI."""

from closet.cli import main

main()
