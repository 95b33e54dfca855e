"""The officer's folder and repository: init/new, the editor's JSON Schema, and fix."""
