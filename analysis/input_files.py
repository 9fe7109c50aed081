"""Reading the files people write by hand and give to pasarkerja: curricula and schedules (YAML, ``load_yaml``),
surveys and alumni lists (CSV, through analysis/spreadsheet.py, on ``read_text``).

Such a file may be a mistake (the wrong file, a database dump) or hostile (a few hundred bytes of YAML aliases that
expand to gigabytes, lists nested thousands deep that overflow the parser's recursion), so every file is read with
caps, and what breaks one is a one-line error naming the file, raised within a second as the caller's error class.
"""

from __future__ import annotations

from pathlib import Path

import yaml

KB, MB = 1024, 1024 * 1024
# A curriculum or a schedule is a few kilobytes and a few hundred values. The caps are a hundred times that, and
# keep the pure-Python YAML reader (some 30 microseconds a value) well under a second on any file.
MAX_YAML_BYTES = 256 * KB
MAX_YAML_VALUES = 10_000
# Curricula and schedules nest seven levels deep; the reader recurses a few frames per level, so this stays far
# below Python's recursion limit.
MAX_YAML_DEPTH = 32


def read_text(path: Path, error: type[Exception], max_bytes: int, save_as: str) -> str:
    """The UTF-8 text of ``path`` (an Excel byte-order mark dropped), read only up to ``max_bytes``: a larger file,
    a file that is not UTF-8 (to be saved again as ``save_as``) or one that cannot be read raises ``error``."""
    try:
        with open(path, "rb") as file:
            content = file.read(max_bytes + 1)  # never more: the file may be huge, or endless like /dev/zero
    except OSError as exc:
        raise error(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    if len(content) > max_bytes:
        raise error(
            f"{path}: the file is larger than {_size(max_bytes)}, more than such a file holds: is it the right file?"
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path}: cannot read the file: it is not UTF-8 text; save it as {save_as}") from None


def load_yaml(path: str | Path, error: type[Exception]) -> object:
    """The YAML document in ``path``, as plain dicts, lists and scalars (yaml.safe_load), or ``error`` with one line
    for a file that is too large, not YAML, uses anchors or aliases (``&name``, ``*name``), holds too many values or
    nests too deep."""
    text = read_text(Path(path), error, MAX_YAML_BYTES, "UTF-8")
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader, with caps
    except _Refused as exc:
        raise error(f"{path}: line {exc.problem_mark.line + 1}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: {_describe_syntax_error(exc)}") from None
    except ValueError as exc:  # a value YAML parses but Python cannot hold: 2024-13-45, an int of 5,000 digits
        raise error(f"{path}: a value cannot be read: {exc}") from None


class _Refused(yaml.MarkedYAMLError):
    """YAML that parses, but that pasarkerja does not read (an alias, an anchor, nesting too deep)."""


class _BoundedLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses anchors and aliases (so no document expands beyond its own size), more than
    MAX_YAML_VALUES values and nesting deeper than MAX_YAML_DEPTH, all while composing, before anything large or deep
    is built."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0
        self.values = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                problem="anchors and aliases (&name, *name) are not accepted: write the value out in full, and put "
                "text starting with & or * in quotes",
                problem_mark=event.start_mark,
            )
        if self.depth == MAX_YAML_DEPTH:
            raise _Refused(
                problem=f"nested more than {MAX_YAML_DEPTH} levels deep: is this the right file?",
                problem_mark=event.start_mark,
            )
        self.values += 1
        if self.values > MAX_YAML_VALUES:
            raise _Refused(
                problem=f"more than {MAX_YAML_VALUES:,} values: is this the right file?", problem_mark=event.start_mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _size(count: int) -> str:
    return f"{count // MB} MB" if count % MB == 0 else f"{count // KB} KB"


def _describe_syntax_error(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    place = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    hint = "check the spaces at the start of this line and the one above; put text with ': ' or ' #' in quotes"
    return " ".join(f"{place}YAML syntax error: {problem} ({hint})".split())
