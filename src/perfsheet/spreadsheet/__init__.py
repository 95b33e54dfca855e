"""Stage: spreadsheets. ``export`` writes collections as one .xlsx workbook (the sheets declared in
``templates/workbook.yaml``); ``reading`` reads such a workbook, or an indicator sheet made by hand, back
into project files; ``package`` reads an untrusted .xlsx safely into plain cells."""
