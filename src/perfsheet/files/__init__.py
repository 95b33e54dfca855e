"""The one way perfsheet touches the officer's files: safe reads, atomic writes, edits in place."""
