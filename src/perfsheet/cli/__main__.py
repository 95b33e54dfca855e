# As any Python module run with -m: the process ends the ordinary way (a profiler or debugger that
# runs it gets control back); the installed ``perfsheet`` program is ``perfsheet.cli.run``.
from perfsheet.cli import main

main()
