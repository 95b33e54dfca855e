from perfsheet.cli import run

run()
