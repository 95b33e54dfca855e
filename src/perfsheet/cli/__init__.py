"""The command line: it parses arguments, calls the library and maps results to exit codes."""

import os

# pydantic looks for plugins among every installed package's entry points when it builds its first
# model; perfsheet uses none, and a command should not pay for the search at every start.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Importing a commands module registers its commands on ``app``. Each command imports the library it
# needs when it runs: `validate`, run before every commit, should not pay for the Word writer.
# The modules that declare commands keep their annotations as objects (no ``from __future__ import
# annotations``): Typer reads every command's signature on every run, and a string annotation costs it
# a compile and an eval each, five times the rest of building the commands.
from perfsheet.cli import document_commands, file_commands, import_commands
from perfsheet.cli.root import app, main, run

__all__ = ["app", "document_commands", "file_commands", "import_commands", "main", "run"]
