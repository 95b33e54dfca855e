"""Stage 1, load: YAML files to plain data with positions."""

from perfsheet.source.loader import load_file, load_text, syntax_mistakes
from perfsheet.source.tree import PathKey, PositionIndex, SourceFile

__all__ = ["PathKey", "PositionIndex", "SourceFile", "load_file", "load_text", "syntax_mistakes"]
