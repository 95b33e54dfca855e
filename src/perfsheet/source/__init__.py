"""Stage 1, load: YAML files to plain data with positions."""

from perfsheet.source.loader import PathKey, PositionIndex, SourceFile, load_file, load_text

__all__ = ["PathKey", "PositionIndex", "SourceFile", "load_file", "load_text"]
