"""Stage 1, load: YAML files to plain data with positions."""

from perfsheet.source.loader import PathKey, PositionIndex, SourceFile, load_file, load_text, syntax_mistakes

__all__ = ["PathKey", "PositionIndex", "SourceFile", "load_file", "load_text", "syntax_mistakes"]
