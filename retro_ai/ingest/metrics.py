"""Parse metrics tables (CSV/TSV, JSON, YAML) into MetricRows that remember their file line.

Values stay strings as written: `retro_ai.verify.numbers` reads numbers, units and placeholders from
them, and the report can quote a row verbatim. Every malformed row is reported with its line so
the user can fix the file instead of getting a silently wrong achievement rate.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import yaml

from retro_ai.errors import InputError
from retro_ai.ingest.source import MetricRow

if TYPE_CHECKING:
    from retro_ai.schema import Direction

MetricsFormat = Literal["csv", "json", "yaml"]

_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "name", "kpi", "指标", "metric name", "指标名称"),
    "target": ("target", "goal", "目标", "目标值"),
    "actual": ("actual", "result", "实际", "实际值"),
    "unit": ("unit", "单位"),
    "direction": ("direction", "better", "方向"),
    "baseline": ("baseline", "基线", "基准"),
    "category": ("category", "类别"),
    "stated_rate": ("stated rate", "rate", "达成率"),
}
_FIELD_BY_KEY = {alias: field for field, aliases in _FIELD_ALIASES.items() for alias in aliases}
_VALUE_FIELDS = ("target", "actual", "baseline")

_DIRECTIONS: dict[str, Direction] = {
    "higher": "higher",
    "higher is better": "higher",
    "up": "higher",
    "increase": "higher",
    "越高越好": "higher",
    "lower": "lower",
    "lower is better": "lower",
    "down": "lower",
    "decrease": "lower",
    "越低越好": "lower",
    "binary": "binary",
    "yes/no": "binary",
}

_PAREN_SUFFIX = re.compile(r"\s*[(（\[](?P<inner>[^)）\]]*)[)）\]]\s*$")
_JSON_WS = " \t\n\r"
_SHAPE = 'a {} list of metric objects, or {{"metrics": [...]}}, each with a "metric" key'
_YAML_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
MAX_YAML_DEPTH = 50  # a metrics file needs 3 levels; PyYAML's composer recurses once per level
_YAML_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_YAML_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _normalise_key(key: str) -> str:
    return " ".join(key.replace("_", " ").replace("-", " ").split()).lower()


def _field_for(key: str) -> tuple[str | None, str | None]:
    """Map a column name to (field, unit hint); "Target (%)" gives ("target", "%")."""
    normalised = _normalise_key(key.lstrip("\ufeff"))
    if normalised in _FIELD_BY_KEY:
        return _FIELD_BY_KEY[normalised], None
    match = _PAREN_SUFFIX.search(normalised)
    if match is not None:
        field = _FIELD_BY_KEY.get(normalised[: match.start()].strip())
        if field is not None:
            return field, match["inner"].strip() or None
    return None, None


class _Columns:
    """Which input key feeds which MetricRow field, plus units implied by headers."""

    def __init__(self, keys: Iterable[str], fail: Callable[[str], InputError]) -> None:
        self.by_key: dict[str, str] = {}
        self.unit_hint: str | None = None
        seen: dict[str, str] = {}
        for key in keys:
            field, hint = _field_for(key)
            if field is None:
                continue
            if field in seen:
                raise fail(f"columns {seen[field]!r} and {key!r} both give the {field}")
            seen[field] = key
            self.by_key[key] = field
            if hint and field in _VALUE_FIELDS and self.unit_hint is None:
                self.unit_hint = hint

    def has_metric(self) -> bool:
        return "metric" in self.by_key.values()


def _direction(value: str, fail: Callable[[str], InputError]) -> Direction:
    key = " ".join(value.replace("_", " ").replace("-", " ").split()).lower()
    key = key.replace(" / ", "/")
    try:
        return _DIRECTIONS[key]
    except KeyError:
        raise fail(f"unknown direction {value!r} (expected higher, lower or binary)") from None


def _build_row(
    line: int, values: dict[str, str], columns: _Columns, fail: Callable[[str], InputError]
) -> MetricRow:
    """Make one MetricRow from already-stringified values keyed by input key."""
    fields: dict[str, str] = {}
    for key, value in values.items():
        field = columns.by_key.get(key)
        if field is not None:
            fields[field] = value.strip()
    metric = fields.get("metric", "")
    if not metric:
        raise fail("empty metric name")
    if not fields.get("target") and not fields.get("actual"):
        raise fail(f"metric {metric!r} has neither a target nor an actual value")
    direction = fields.get("direction") or None
    return MetricRow(
        line=line,
        metric=metric,
        target=fields.get("target", ""),
        actual=fields.get("actual", ""),
        unit=fields.get("unit") or columns.unit_hint,
        direction=_direction(direction, fail) if direction else None,
        baseline=fields.get("baseline") or None,
        category=fields.get("category") or None,
        stated_rate=fields.get("stated_rate") or None,
    )


def _line_error(name: str, line: int) -> Callable[[str], InputError]:
    return lambda what: InputError(f"{name}: line {line}: {what}")


def _sniff_delimiter(header: str) -> str:
    """Pick among , ; tab the delimiter whose header split finds a metric column, most fields."""

    def score(delimiter: str) -> tuple[bool, int, int]:
        fields = next(csv.reader([header], delimiter=delimiter))
        known = [f for f in (_field_for(field)[0] for field in fields) if f is not None]
        return "metric" in known, len(known), len(fields)

    return max((",", ";", "\t"), key=score)


def _parse_csv(text: str, name: str) -> list[MetricRow]:
    lines = [line + "\n" for line in text.split("\n")]
    header_line = next((line for line in lines if line.strip()), "")
    reader = csv.reader(lines, delimiter=_sniff_delimiter(header_line), strict=True)
    header: list[str] | None = None
    columns: _Columns | None = None
    rows: list[MetricRow] = []
    while True:
        start = reader.line_num + 1
        fail = _line_error(name, start)
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise fail(f"malformed CSV: {exc}") from None
        if not any(cell.strip() for cell in record):
            continue
        if header is None or columns is None:
            header = [cell.strip() for cell in record]
            columns = _Columns(header, fail)
            if not columns.has_metric():
                raise fail(
                    "header has no metric column (expected one of: "
                    + ", ".join(_FIELD_ALIASES["metric"][:4])
                    + ")"
                )
            continue
        extra = record[len(header) :]
        if len(record) < len(header) or any(cell.strip() for cell in extra):
            raise fail(f"expected {len(header)} fields as in the header, found {len(record)}")
        rows.append(_build_row(start, dict(zip(header, record, strict=False)), columns, fail))
    if columns is None:
        raise InputError(f"{name}: no header row found")
    if not rows:
        raise InputError(f"{name}: no metric rows below the header")
    return rows


def _scalar(value: Any, key: str, fail: Callable[[str], InputError]) -> str:
    """Stringify a JSON/YAML value as written: 5 -> "5", true -> "true", null -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        raise fail(f"{key!r} must be a single value, not a {type(value).__name__}")
    return str(value)  # str, int, float, and YAML dates


def _rows_from_objects(
    items: list[Any],
    lines: list[int],
    name: str,
    kind: str,
    literals: list[dict[str, str]] | None = None,
) -> list[MetricRow]:
    """Rows from parsed objects; `literals` holds numbers' text as written, per item."""
    rows: list[MetricRow] = []
    for index, (item, line) in enumerate(zip(items, lines, strict=True)):
        fail = _line_error(name, line)
        if not isinstance(item, dict):
            raise fail(f"expected a metric object, found {type(item).__name__}")
        keyed = {str(key): value for key, value in item.items()}
        columns = _Columns(keyed, fail)
        if not columns.has_metric():
            raise fail('object has no "metric" key')
        written = literals[index] if literals else {}
        values = {key: written.get(key) or _scalar(keyed[key], key, fail) for key in columns.by_key}
        rows.append(_build_row(line, values, columns, fail))
    if not rows:
        raise InputError(f"{name}: no metric rows: expected {_SHAPE.format(kind)}")
    return rows


def _metrics_list(data: Any, name: str, kind: str) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("metrics"), list):
        return data["metrics"]
    if isinstance(data, list):
        return data
    raise InputError(f"{name}: not a metrics file: expected {_SHAPE.format(kind)}")


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _JSON_WS:
        pos += 1
    return pos


def _json_item_offsets(text: str) -> list[int]:
    """Offsets of the metric objects in already-validated JSON text (top list or "metrics")."""
    decoder = json.JSONDecoder()
    pos = _skip_ws(text, 0)
    if text[pos] == "{":  # find the last "metrics" value, as json.loads keeps the last key
        array_at = -1
        pos = _skip_ws(text, pos + 1)
        while text[pos] != "}":
            key, pos = decoder.raw_decode(text, pos)
            pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past ':'
            if key == "metrics":
                array_at = pos
            _, pos = decoder.raw_decode(text, pos)
            pos = _skip_ws(text, pos)
            if text[pos] == ",":
                pos = _skip_ws(text, pos + 1)
        pos = array_at
    offsets: list[int] = []
    pos = _skip_ws(text, pos + 1)  # past '['
    while text[pos] != "]":
        offsets.append(pos)
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        if text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
    return offsets


def _parse_json(text: str, name: str) -> list[MetricRow]:
    try:
        # Numbers keep their literal text ("0.10" stays "0.10"): values are strings as written.
        data = json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: line {exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:  # the decoder recurses per level and stops at the interpreter's limit
        raise InputError(f"{name}: invalid JSON: nested too deeply") from None
    items = _metrics_list(data, name, "JSON")
    lines = [text.count("\n", 0, offset) + 1 for offset in _json_item_offsets(text)]
    return _rows_from_objects(items, lines, name, "JSON")


def _yaml_items(text: str) -> tuple[list[int], list[dict[str, str]]]:
    """Each metric item's 1-based line and the literal text of its numeric values."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = root
    if isinstance(root, yaml.MappingNode):
        node = None
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "metrics":
                node = value
    if not isinstance(node, yaml.SequenceNode):
        return [], []
    lines = [item.start_mark.line + 1 for item in node.value]
    literals = [
        {
            str(key.value): value.value
            for key, value in item.value
            if isinstance(value, yaml.ScalarNode) and value.tag in _YAML_NUMBER_TAGS
        }
        if isinstance(item, yaml.MappingNode)
        else {}
        for item in node.value
    ]
    return lines, literals


def _check_yaml_depth(text: str, name: str) -> None:
    """Refuse YAML nested deeper than MAX_YAML_DEPTH before composing it.

    Scanning is iterative, composing recurses once per level: a file nested 100,000 deep would
    overflow the stack, so depth is counted on the tokens first.
    """
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, _YAML_OPEN):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                line = token.start_mark.line + 1
                raise InputError(
                    f"{name}: line {line}: invalid YAML: nested more than {MAX_YAML_DEPTH} "
                    "levels deep"
                )
        elif isinstance(token, _YAML_CLOSE):
            depth -= 1


def _parse_yaml(text: str, name: str) -> list[MetricRow]:
    try:
        _check_yaml_depth(text, name)
        data = yaml.safe_load(text)
        lines, literals = _yaml_items(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" line {mark.line + 1}:" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        raise InputError(f"{name}:{where} invalid YAML: {problem}") from None
    items = _metrics_list(data, name, "YAML")
    if len(lines) != len(items):  # the composed tree disagrees (merge keys): no row lines
        lines, literals = [1] * len(items), []
    return _rows_from_objects(items, lines, name, "YAML", literals)


def parse_metrics(text: str, fmt: MetricsFormat, *, name: str = "<input>") -> list[MetricRow]:
    """Parse decoded metrics `text` in `fmt` into rows carrying their 1-based file line.

    Raises InputError "<name>: line N: <what is wrong>" for malformed rows or syntax.
    """
    if fmt == "csv":
        return _parse_csv(text, name)
    if fmt == "json":
        return _parse_json(text, name)
    return _parse_yaml(text, name)
