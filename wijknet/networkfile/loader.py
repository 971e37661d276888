"""Read a network file safely: a size limit before reading, and a YAML loader for hostile input.

An administrator imports files that others send, so the file is treated as hostile:

- its size is checked (`stat`) before it is read, and no more than the limit is ever read;
- anchors and aliases (`&a`, `*a`) are refused: a few lines of aliases can expand to billions of
  values ("billion laughs"); a network file never needs them (the export writes none);
- a key that appears twice in one mapping is refused (YAML would silently keep the last one);
- nesting deeper than `MAX_DEPTH` is refused;
- a value YAML reads as a date or number but that cannot exist (`2025-02-30`, a number of
  thousands of digits) becomes an `Impossible` value instead of a Python traceback; the
  validator reports it with its field;
- mappings and lists remember the line of each entry (`Lines`), so every problem can name the
  line as well as the field (`line_of`).

Messages name the line and never print a whole value (wijknet/core/imports.py: shorten).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.template.defaultfilters import filesizeformat

from wijknet.core.imports import shorten, shorten_repr

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20


class NetworkFileError(Exception):
    """The file cannot be read as a network file; the message is Dutch and names the line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"regel {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Impossible:
    """A scalar YAML reads as a date, time or number that cannot exist (`2025-02-30`)."""

    text: str
    line: int

    def __repr__(self):
        return shorten_repr(self.text)


class LineDict(dict):
    """A mapping from the file; `lines[key]` is the line of each key, `line` its own."""

    line: int | None = None
    lines: dict


class LineList(list):
    """A list from the file; `lines[i]` is the line of each item, `line` its own."""

    line: int | None = None
    lines: list


def _line(node) -> int:
    return node.start_mark.line + 1


class _Loader(yaml.SafeLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise NetworkFileError(
                "Verwijzingen (&anker en *alias) zijn niet toegestaan in een netwerkbestand; "
                "schrijf elke waarde voluit.",
                event.start_mark.line + 1,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise NetworkFileError(
                f"Te diep genest (meer dan {MAX_DEPTH} niveaus).", event.start_mark.line + 1
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep)
        seen: dict = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise NetworkFileError(
                    "Samenvoegen met << is niet toegestaan in een netwerkbestand.",
                    _line(key_node),
                )
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise NetworkFileError(
                    "Een veldnaam moet een naam zijn, geen lijst of verzameling.", _line(key_node)
                ) from None
            if key in seen:
                raise NetworkFileError(
                    f"Het veld {shorten_repr(key)} staat twee keer in dezelfde verzameling "
                    f"(ook op regel {seen[key]}); YAML zou stil de laatste waarde houden.",
                    _line(key_node),
                )
            seen[key] = _line(key_node)
        return super().construct_mapping(node, deep)

    def construct_line_map(self, node):
        data = LineDict()
        data.line = _line(node)
        data.lines = {}
        yield data
        data.update(self.construct_mapping(node))
        for key_node, _value in node.value:
            data.lines[self.construct_object(key_node)] = _line(key_node)

    def construct_line_seq(self, node):
        data = LineList()
        data.line = _line(node)
        data.lines = [_line(item) for item in node.value]
        yield data
        data.extend(self.construct_sequence(node))


def _guarded(constructor):
    def construct(loader, node):
        try:
            return constructor(loader, node)
        except (ValueError, OverflowError):
            return Impossible(shorten(node.value, 200), _line(node))

    return construct


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_line_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_line_seq)
for _tag, _constructor in (
    ("timestamp", yaml.SafeLoader.construct_yaml_timestamp),
    ("int", yaml.SafeLoader.construct_yaml_int),
    ("float", yaml.SafeLoader.construct_yaml_float),
):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _guarded(_constructor))


def load_text(text: str):
    """Parse a network file's text; raises NetworkFileError with a Dutch message."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = shorten(error.problem or error.context or "", 200)
        raise NetworkFileError(
            f"Dit is geen geldige YAML: {problem}.", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as error:
        raise NetworkFileError(f"Dit is geen geldige YAML: {shorten(error, 200)}") from None
    except RecursionError:
        raise NetworkFileError("Te diep genest.") from None
    finally:
        loader.dispose()


def load_path(path: Path, max_bytes: int = MAX_BYTES):
    """Read and parse a network file; its size is checked before it is read. Raises
    NetworkFileError (unreadable, too big, not UTF-8, not valid or hostile YAML)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(size, max_bytes)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # the file may have grown, or not be a file
    except OSError as error:
        raise NetworkFileError(f"Kan {path} niet lezen: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NetworkFileError(
            f"Het bestand is geen UTF-8-tekst (byte {error.start}); sla het op als UTF-8."
        ) from None
    return load_text(text)


def _too_big(size: int, max_bytes: int) -> NetworkFileError:
    return NetworkFileError(
        f"Het bestand is {filesizeformat(size)} groot; een netwerkbestand mag hoogstens "
        f"{filesizeformat(max_bytes)} zijn."
    )


_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def line_of(data, path: str) -> int | None:
    """The line of `path` (`meetings[3].present[1]`) in data read by this loader: the line of
    the deepest part of the path that exists (an unknown field: its own line)."""
    node, line = data, getattr(data, "line", None)
    for match in _STEP.finditer(path):
        index, key = match.groups()
        lines = getattr(node, "lines", None)
        if index is not None and isinstance(node, LineList) and int(index) < len(node):
            line, node = lines[int(index)], node[int(index)]
        elif key is not None and isinstance(node, LineDict) and key in lines:
            line, node = lines[key], node[key]
        else:
            break
    return line
