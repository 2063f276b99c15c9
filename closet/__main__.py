"""`python -m closet` runs the CLI."""

from closet.cli import main

if __name__ == "__main__":  # not when a spawned training process imports it
    main()
