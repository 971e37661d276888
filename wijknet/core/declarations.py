"""One declaration of an entity's editable fields, shared by its form, its service and the files
it is imported from and exported to.

A declaration (in `<app>/fields.py`) is a tuple of `(name, key)` pairs, in the order the form
shows them:

- `name` is what the form and the service call the field (for a ModelForm: the model field);
- `key` is where the value stands in the file: a column of a CSV file, or a key of the network
  file, where a dotted key is nested (`"contact.email"` → `contact: {email: …}`) and `None` means
  the file says it by position, not by a key (an action's goal: the goal it is listed under).

The form takes `names(DECLARATION)` as its `Meta.fields`, the service refuses other names
(`core.writes.check_fields`), the export writes `to_file(...)` and the import reads
`from_file(...)`; `wijknet/tests/test_field_declarations.py` checks that each entity's form,
service, import, export and documentation agree with its declaration.
"""

Declaration = tuple[tuple[str, str | None], ...]


def names(declaration: Declaration) -> list[str]:
    """The names form and service use, in order."""
    return [name for name, _key in declaration]


def keys(declaration: Declaration) -> list[str]:
    """The top-level keys in the file, in order (a nested key counts once, by its first part)."""
    found = []
    for _name, key in declaration:
        if key is not None and key.split(".")[0] not in found:
            found.append(key.split(".")[0])
    return found


def nested_keys(declaration: Declaration, key: str) -> list[str]:
    """The keys inside a nested key: `nested_keys(PARTNER_FIELDS, "contact")` → name, email,
    phone."""
    return [k.split(".", 1)[1] for _n, k in declaration if k and k.startswith(f"{key}.")]


def to_file(values: dict, declaration: Declaration) -> dict:
    """`{name: value}` → the file's mapping, nested by dotted keys, in the declared order."""
    out: dict = {}
    for name, key in declaration:
        if key is None or name not in values:
            continue
        *parents, last = key.split(".")
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = values[name]
    return out


def from_file(item: dict, declaration: Declaration, **resolved) -> dict:
    """A file's (validated) mapping → `{name: value}` for the service. `resolved` gives the
    values the file only refers to (a partner by name, a member by e-mail): those replace what
    the file holds, and must be given for the names without a key."""
    values = {}
    for name, key in declaration:
        if name in resolved:
            values[name] = resolved[name]
            continue
        if key is None:
            raise TypeError(f"{name} has no key in the file: pass it resolved")
        value = item
        for part in key.split("."):
            value = value[part]
        values[name] = value
    return values
