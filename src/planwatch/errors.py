"""The library's own exceptions. Only the edges (CLI, API) translate them for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


class PlanwatchError(Exception):
    """Base of every error planwatch raises on purpose.

    The message is one line that names the place (file, row, record), the problem
    and, where there is one, what to do next.
    """

    code: str = "error"
    http_status: int = 400


class DocumentError(PlanwatchError):
    """A document cannot be read: missing, empty, binary, corrupt, scanned, unknown type.

    `reason` (a stable code where one is set: "empty_file", "csv_encoding" …) and `params` let an edge word it for its
    own readers, as ValidationError's do; the message stays the CLI's.
    """

    code = "document_error"
    http_status = 422

    def __init__(self, message: str, reason: str = "", **params: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


class ExtractionError(PlanwatchError):
    """The extractor was called with arguments it cannot work with."""

    code = "extraction_error"


class StoreError(PlanwatchError):
    """The database refused or could not perform an operation."""

    code = "store_error"


class ReadOnlyError(StoreError):
    """The database was opened read-only (its file or folder cannot be written): it can be read, not changed."""

    code = "read_only"
    http_status = 503


class NotFoundError(PlanwatchError):
    """A plan, indicator, record, task or user that was asked for does not exist.

    `kind` ("task", "plan", "record" …) and `key` (its id or name) say what was missing, so an
    edge can word the message for its own readers (the web in its interface language).
    """

    code = "not_found"
    http_status = 404

    def __init__(self, message: str, kind: str = "", key: object = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.key = key


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem of one row of a table a person handed in (an import): the file, the row as the spreadsheet numbers
    it (the header is row 1), the column when one cell is at fault (the template's name for it: "year", "value" …, with
    its `heading` as the file writes it and its `letter` as a spreadsheet shows it), a stable `reason` code and the
    `params` its wording needs (the cell as text, not quoted: 明年, 2019.5).

    `message` is the CLI's English ("year '明年' is not a year"); an edge words `reason` for its own readers (the web
    in its interface language), as it does ValidationError's reason and params."""

    reason: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict)
    column: str | None = None
    row: int = 0
    file: str = ""
    heading: str = ""
    letter: str = ""


class ValidationError(PlanwatchError):
    """Input rows (imports, forms, API bodies) failed validation; `problems` lists each one.

    `reason` (a stable code: "user_exists", "unit_unknown" …) and `params` (what fills its wording) let an edge
    word the message for its own readers, as NotFoundError's kind and key do; the message stays the CLI's.
    `row_problems`: the problems of a refused table's listed rows, each with its row, column, reason and values (the
    lines of `problems` are their English, row by row).
    """

    code = "validation_error"
    http_status = 422

    def __init__(self, message: str, problems: list[str] | None = None, reason: str = "",
                 row_problems: Sequence[RowProblem] = (), **params: object) -> None:
        super().__init__(message)
        self.problems: list[str] = problems or []
        self.reason = reason
        self.params = params
        self.row_problems: list[RowProblem] = list(row_problems)


class PermissionDenied(PlanwatchError):
    """The current user may not perform this action."""

    code = "forbidden"
    http_status = 403


class ConfigError(PlanwatchError):
    """A file the server's settings name cannot be used (PLANWATCH_EVALUATION_SYSTEM): the operator's to fix, not the
    visitor's. The message (file, line, problem) is the CLI's and the server log's; the web words its own."""

    code = "config_error"
    http_status = 503


class OutputError(PlanwatchError):
    """An output file cannot be written: the path is a folder, its folder is missing, the disk is full."""

    code = "output_error"


class SettingsError(PlanwatchError):
    """A setting (a ``PLANWATCH_…`` environment variable or a line of ``.env``) has a value planwatch cannot use."""

    code = "settings_error"
    http_status = 500


def _bound(limit: object) -> str:
    """A bound as typed (1 not 1.0)."""
    return f"{limit:g}" if isinstance(limit, float) else str(limit)


def value_problem(error: dict[str, object], choices: list[str] | None = None) -> str:
    """What is wrong with a value, from one pydantic error (its ``type``, ``ctx`` and ``msg``), in the CLI's words:
    "is not a whole number", "must be at least 1", "is not one of table, jsonl, csv" — never pydantic's sentence
    ("Input should be a valid integer, unable to parse string as an integer", "Value error, …").

    `choices`: the values allowed, when the caller knows them (an option's choices)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") if isinstance(error.get("ctx"), dict) else {}
    assert isinstance(ctx, dict)
    if choices:
        return f"is not one of {', '.join(choices)}"
    words = {
        "int_parsing": "is not a whole number", "int_from_float": "is not a whole number",
        "int_type": "is not a whole number", "float_parsing": "is not a number", "float_type": "is not a number",
        "finite_number": "is not a finite number", "bool_parsing": "is not true or false (true/false, yes/no, on/off, 1/0)",
        "bool_type": "is not true or false (true/false, yes/no, on/off, 1/0)", "list_type": "is not a list",
        "string_type": "is not text", "missing": "is missing",
    }
    if kind in words:
        return words[kind]
    bounds = {"greater_than_equal": ("ge", "must be at least {}"), "greater_than": ("gt", "must be greater than {}"),
              "less_than_equal": ("le", "must be at most {}"), "less_than": ("lt", "must be less than {}")}
    if kind in bounds and bounds[kind][0] in ctx:
        key, text = bounds[kind]
        return text.format(_bound(ctx[key]))
    if kind == "literal_error" and "expected" in ctx:
        return f"is not one of {str(ctx['expected']).replace(' or ', ', ')}".replace("'", "")
    message = str(error.get("msg", "")).removeprefix("Value error, ").rstrip(".")
    return message[:1].lower() + message[1:] if message else "is not valid"
