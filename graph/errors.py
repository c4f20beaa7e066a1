"""Typed errors: every refusal the engine makes has a class and a message a user can read.

The refusals an interface shows most (wiring, typed values, opening a file) also carry a
``code`` and its ``params``: ``MESSAGES[code].format(**params)`` is the English message,
and the editor phrases the same code in the interface language (``editor/i18n.py``,
``error_text``). A param may itself be a coded error (a file problem inside "{source}:
{problem}"). The command line prints the English message, as before.
"""

from __future__ import annotations

from typing import Any, TypeVar

MESSAGES: dict[str, str] = {
    # Circuit.connect
    "port_on_input": "'{node}' is an input node: it has no input ports",
    "no_such_port": "'{node}' ({gate}) has no input port {port}",
    "port_taken": "input port {port} of '{node}' is already wired",
    "feeds_itself": "'{node}' cannot feed itself",
    "loop": "wiring '{src}' into '{dst}' would make a loop: {loop}",
    # value_text.parse_value
    "not_a_value": "{text} is not a number or a list of numbers such as {example}",
    "not_finite": "{text} is not a finite number",
    # fileio
    "file_problem": "{source}: {problem}",
    "file_empty": "{source}: the file is empty",
    "not_json": "{source}: line {line}, column {column}: not valid JSON: {detail}",
    "not_json_cut": "{source}: line {line}, column {column}: not valid JSON: {detail} "
                    "(the file ends too early: was it cut off?)",
    "no_format": 'not a Chainwire file: there is no "format": "chainwire" entry',
    "newer_format": "written by a newer Chainwire (format {version}); this one reads up to "
                    "{supported}. Update Chainwire to open it.",
    "file_too_large": "{source}: the file is too large ({size}; the limit is {most})",
    "text_too_large": "{source}: the text is too large ({count} characters; the limit is "
                      "{most})",
    "too_many_tokens": "{source}: the file holds too many JSON tokens (more than {most}: "
                       'values, keys and brackets; see docs/file-format.md, "Limits")',
    "utf16": "{source}: the file is UTF-16 text; Chainwire files are UTF-8 (save it again "
             "as UTF-8)",
    "not_utf8": "{source}: line {line}, column {column}: not UTF-8 text (byte 0x{byte}); is "
                "this really a Chainwire file?",
    "nested_at": "{source}: line {line}, column {column}: nested more than {most} levels deep",
    "nested": "{source}: nested more than {most} levels deep",
    "huge_integer": "{source}: not a usable JSON number: an integer of more than 4,300 "
                    "digits is too large (it overflows to infinity)",
    "line_column": "line {line}, column {column}: {problem}",
    "duplicate_key": "duplicate key {key} in one object",
    "duplicate_key_somewhere": "duplicate key in an object",
    "token_not_finite": "{token} is not allowed: numbers in a circuit file must be finite",
    "number_overflows": "the number {token} is too large (it overflows to infinity)",
    # files that cannot be read or replaced (graph/fileio/targets.py, atomic.py): the
    # strerror of an OSError (``coded_os``); saving ("cannot save ...")
    "os_folder": "it is a folder, not a file", "os_no_name": "no file name was given",
    "os_not_regular": "it is {kind}, not a regular file", "os_socket": "a socket",
    "os_fifo": "a named pipe (FIFO)", "os_char": "a character device",
    "os_block": "a block device", "os_link": "a symbolic link", "os_special": "a special file",
    "os_no_folder": "the folder {folder} does not exist",
    "os_dangling": "it is a symbolic link to {target}, which does not exist",
    "os_stream": "it is a link in {folder} to an open stream, not a regular file",
    "os_links": "too many levels of symbolic links",
    "os_read_only_fs": "the file system is read-only",
    "os_read_only": "permission denied: the file is read-only",
    "os_cannot_create": "permission denied: cannot create a file in the folder {folder}",
    "os_disk_full": "only {written} of {total} bytes could be written (is the disk full?)",
    "cannot_save": "cannot save {path}: {reason}", "os_says": "{text}",
    "not_a_valid_file": "the circuit cannot be written as a valid file: {problem}",
    # Python's json messages (the detail of "not_json"), as Python words them
    "json_value": "Expecting value", "json_comma": "Expecting ',' delimiter",
    "json_colon": "Expecting ':' delimiter",
    "json_name": "Expecting property name enclosed in double quotes",
    "json_unterminated": "Unterminated string starting at",
    "json_control": "Invalid control character at", "json_escape": "Invalid \\escape",
    "json_u_escape": "Invalid \\uXXXX escape", "json_extra": "Extra data",
    "json_comma_object": "Illegal trailing comma before end of object",
    "json_comma_array": "Illegal trailing comma before end of array",
    # what a file's value is (value_text.kind, coded by fileio.values.kind)
    "kind_number": "the number {number}", "kind_text": "the text {text}",
    "kind_list": "a list", "kind_object": "an object", "kind_missing": "missing",
    "kind_list_of": "a list of {count}",
    # a file's entries (graph/fileio/validate.py, entries.py, values.py, groups.py)
    "where": "{where}: {problem}",
    "where_node": "node {node} (nodes[{index}])",
    "the_entry": "the entry {key}", "an_unknown_entry": "an unknown entry",
    "coordinate": "{what} {axis}",
    "top_level": "the top level must be a JSON object, not {kind}",
    "format_is": 'not a Chainwire file: "format" is {kind}, expected "{name}"',
    "no_version": 'the "version" entry is missing (this Chainwire writes version {version})',
    "version_type": '"version" must be a whole number like {version}, not {kind}',
    "version_small": '"version" {version} does not exist: versions start at 1',
    "no_nodes": 'there is no "nodes" list',
    "must_list": '"{key}" must be a list, not {kind}',
    "must_text": '"{key}" must be text, not {kind}',
    "must_object": '"{key}" must be an object, not {kind}',
    "must_id": '"{key}" must be a node id, not {kind}',
    "item_object": "{where} must be an object, not {kind}",
    "it_object": "it must be an object, not {kind}",
    "wire_object": "a wire must be an object, not {kind}",
    "too_many_nodes": "too many nodes ({count}; the limit is {most})",
    "too_many_wires": "too many wires ({count}; the limit is {most})",
    "too_many_annotations": "too many annotations ({count}; the limit is {most})",
    "no_such_node": '"{key}" names node {node}, but there is no such node',
    "no_entry": 'it has no "{key}"',
    "id_type": '"id" must be a non-empty text, not {kind}',
    "id_used": "the id {node} is already used by nodes[{index}]; ids must be unique",
    "no_type": 'it has no "type" (one of: {known})',
    "unknown_type": "unknown gate type {type} (known: {known})",
    "no_pos": 'it has no "pos" [x, y]',
    "input_value": 'an input node needs a "value"',
    "value_type": '"value" must be a number or a list of numbers, not {kind}',
    "gate_no_value": 'a {type} gate has no "value" (only input nodes do)',
    "gate_no_param": 'a {type} gate has no "param" (only {with_param} do)',
    "node_needs": 'a {type} node needs its "{type}" entry',
    "reserved": '"{key}" is reserved for compound gates, which this Chainwire cannot read',
    "port_type": '"port" must be a whole number, not {kind}',
    "file_port_on_input": "{node} is an input node: it has no input ports",
    "one_port": "{node} has one input, port 0; there is no port {port}",
    "ports_range": "{node} has ports 0 to {last}; there is no port {port}",
    "file_port_taken": "port {port} of {node} is already wired by wires[{first}]; a port "
                       "takes one wire",
    "file_loop": "{wires} make a loop: {names}; a circuit must not feed back into itself",
    "font_size": '"font_size" must be positive, not {size}',
    "must_finite": "{what} must be a finite number, not {value}",
    "must_number": "{what} must be a number, not {kind}",
    "number_digits": "{what} is too large to be a number ({digits} digits)",
    "two_numbers": "{what} must be two numbers [x, y], not {got}",
    "key_not_text": "{what} has an object key that is not text",
    "contains_not_finite": "{what} contains {value}: numbers must be finite",
    "too_deep": "{what} is nested more than {most} levels deep",
    "not_json_value": "{what} contains a {type}, which is not a JSON value",
    "group_on": 'only a node of type "group" has one, not a {type} node',
    "group_unknown": "unknown entry {key} (a group has: {keys})",
    "ports_ids": '"ports" must be a list of node ids, not {kind}',
    # groups (graph/groups.py, group_edits.py, gates_group.py)
    "groups_deep": "groups are nested more than {most} deep",
    "group_named": "group '{name}'", "part_named": "part {part}",
    "part_no_value": "its input part {part} has no value",
    "group_def_type": "it must be a group definition, not {type}",
    "group_needs_name": "a group needs a name (text)",
    "group_needs_symbol": "a group needs a symbol (text)",
    "group_name_long": "a group's name has at most {most} characters",
    "group_symbol_long": "a group's symbol has at most {most} characters",
    "part_type": "a part must be a node, not {type}",
    "part_twice": "the id {part} is used by two parts",
    "wire_no_parts": "wire {wire} joins parts that do not exist",
    "part_no_port": "part {part} ({gate}) has no input port {port}",
    "part_port_twice": "input port {port} of part {part} is wired twice",
    "port_twice": "a port is listed twice", "parts_loop": "its parts make a loop",
    "group_ports": "a group has at most {most} ports (as many as an add gate's inputs), "
                   "not {count}",
    "port_not_input": "port {port} must be one of its input parts",
    "port_feeds_none": "port {port} feeds no part",
    "group_output": "its output {node} must be one of its gates",
    "part_unwired": "part {part} ({gate}) is not fully wired",
    "part_idle": "part {part} does not lead to its output",
    "no_parts": "a {gate} gate has no parts to expand into",
    "group_no_node": "no node with id {node}",
    "group_select": "select the gates to group (inputs alone make no gate)",
    "group_outputs": "a group has one output, but {names} all feed the rest of the circuit",
    "group_ends": "a group has one output, but the selection ends in {names}",
    "group_feeds": "a group has one output, but '{node}' feeds the rest of the circuit and "
                   "the selection ends in '{end}'",
    "group_output_inside": "the output f ('{node}') is inside the selection but does not "
                           "end it",
    "cannot_expand": "'{node}' ({gate}) cannot be expanded: only a group or a gate made of "
                     "parts (sigmoid) can",
    "part_too_far": "its part {part} would be at ({x}, {y}), too far out to draw: positions "
                    "must lie within ±{most}",
    "collapse_parts": "select exactly the parts of a sigmoid, in a chain: {parts}",
    "group_needs_definition": "a group needs its definition",
    "group_inputs": "the {group} group needs {count} inputs wired, has {wired}",
    "code_too_long": "the {group} group is too large to write as code (an expression of more "
                     "than {most} characters); expand it first (Edit → Expand) to write it "
                     "part by part",
    # typed and file values (graph/value_text.py) and where a circuit cannot be drawn
    # (graph/extent.py): coded here, for their raise sites to use
    "value_too_many_text": "a value has at most {most} numbers; this text has {count} or more",
    "value_too_many": "a value has at most {most} numbers; this one has {count}",
    "value_too_deep": "a value has at most {most} dimensions (a vector or a matrix)",
    "value_not_list": "not a list of numbers such as {example}: {detail} (column {column})",
    "value_too_large": "a number in the list is too large (it overflows to infinity)",
    "value_digits": "the number is too large ({digits} digits)",
    "value_not_value": "not a number or a list of numbers such as {example}",
    "value_empty": "an empty list has no numbers; a value needs at least one",
    "value_row_empty": "row 1 is empty; a row needs at least one number",
    "value_row_kind": "row {row} is {kind}, not a list: a matrix is a list of rows, such as "
                      "{example}",
    "value_row_width_one": "row {row} has 1 number, row 1 has {width}",
    "value_row_width": "row {row} has {count} numbers, row 1 has {width}",
    "value_cell_kind": "row {row}, column {column} is {kind}, not a number",
    "value_item_list": "item {item} is a list but item 1 is not: a matrix is a list of rows, "
                       "such as {example}",
    "value_item_kind": "item {item} is {kind}, not a number",
    "too_far_node": "node {node} is at {at}, too far out to draw: positions must lie within "
                    "±{most}",
    "too_far_annotation": "annotation {index} is at {at}, too far out to draw: positions must "
                          "lie within ±{most}",
    # array shapes (graph/shapes.py, gates_array.py, shape_check.py): a shape is
    # "(2×3)" or the coded "scalar"; a list of them is coded too ("a, b and c")
    "shape_scalar": "scalar",
    "shapes_and": "{some} and {last}",
    "shapes_comma": "{first}, {rest}",
    "shapes_broadcast": "{gate} needs shapes that broadcast together: got {shapes}",
    "shape_too_big": "{gate} would make {shape}, more than {most} elements",
    "matmul_not_arrays": "{gate} needs vectors or matrices: got {a} and {b}",
    "matmul_inner": "{gate} needs {a}·{want}: got {a} and {b}",
    "shape_in_group": "inside the {group} group, part '{part}': {problem}",
    "shape_further_on": "'{node}' further on would not fit: {problem}",
    # step callouts on arrays (the gates' grad_text and grad_shapes, graph/steps.py)
    "callout_rule": "d{port} = {local} · d{out}", "max_wins": "1 if it wins",
    "callout_every": "d{port} = d{out} in every element",
    "callout_elementwise": "{shape} = {out} ⊙ {out}",
    "callout_summed": "{shape} = Σ[{out} ⊙ {out}]",
    "callout_ones": "{shape} = ones{shape} · scalar",
    "callout_transposed": "{shape} = {out}ᵀ",
    "callout_shapes": "{rule}   {shapes}",
    # expressions (graph/expr.py): "column 9: operator '%' is not allowed ..."
    "at_column": "column {column}: {what}",
    "expr_empty": "the expression is empty", "expr_division_by_zero": "division by zero",
    "expr_ends_early": "the expression ends too early (an operand is missing)",
    "expr_syntax": "syntax error: {detail}",
    "expr_operator": "operator '{op}' is not allowed (allowed: + - * / @ **2)",
    "expr_unknown_function": "unknown function '{word}' (allowed: {allowed})",
    "expr_exponent": "only the exponent 2 is allowed (x**2, a square gate), not {shown}",
    "expr_not_allowed": "{kind} is not allowed",
    "expr_comparison": "a comparison", "expr_lambda": "a lambda",
    "expr_conditional": "a conditional expression",
    "expr_indexing": "indexing", "expr_attribute": "attribute access",
    "expr_tuple": "a tuple (a comma)",
    "expr_list": "a list", "expr_dict": "a dict",
    "expr_set": "a set", "expr_comprehension": "a comprehension",
    "expr_generator": "a generator", "expr_f_string": "an f-string",
    "expr_star_argument": "a '*' argument", "expr_slice": "a slice",
    "expr_too_long": "the expression is too long ({length} characters; at most {most})",
    "expr_too_deep": "the expression is nested too deeply",
    "expr_too_deep_levels": "the expression is nested too deeply (more than {most} levels)",
    "expr_too_deep_chain": "the expression is nested too deeply (more than {most} levels; "
                           "each '@' of a chain is one more level)",
    "expr_matmul_number": "'@' multiplies vectors and matrices, not the number {number} "
                          "(to scale, write *)",
    "expr_only_transpose": "attribute access is not allowed ('.{typed}'): the only one is "
                           ".T, the transpose",
    "expr_transpose_call": "'.T' is not a function: write {spelled} without '()'",
    "expr_method": "attribute access is not allowed (functions: {allowed})",
    "expr_call_name": "only the functions {allowed} can be called",
    "expr_unknown_function_hint": "unknown function '{word}' (allowed: {allowed}); {hint}",
    "expr_hint_write": "write {instead}",
    "expr_hint_name": "just use a name",
    "expr_hint_pow": "only x**2 is available",
    "expr_reads_as": "'{typed}' reads as '{name}', which cannot be a variable name",
    "expr_function_name": "'{name}' is a function, not a variable: call it, e.g. {example}",
    "expr_not_finite_name": "'{name}' is not allowed: constants must be finite numbers",
    "expr_gate_name": "'{name}' is a gate name and cannot be a variable name",
    "expr_nul": "the expression contains a NUL character",
    "expr_not_character": "{shown} is not a character (bytes that were not UTF-8?)",
    "expr_same_name": "'{word}' and '{first}' are different names that Python reads as one "
                      "('{name}'); spell them the same or pick another name",
    "expr_argument": "argument", "expr_arguments": "arguments",
    "expr_args_most": "{function} takes at most {most} {noun}, not {count}",
    "expr_args_exactly": "{function} needs {fewest} {noun}, not {count}",
    "expr_args_at_least": "{function} needs at least {fewest} {noun}, not {count}",
    "expr_keyword_arguments": "keyword arguments are not allowed",
    "expr_star_arguments": "'*' arguments are not allowed",
    "expr_not": "'not' is not allowed",
    "expr_invert": "operator '~' is not allowed",
    "expr_text": "text is not allowed; write a number or a name",
    "expr_complex": "complex numbers are not allowed",
    "expr_too_large": "the number is too large (constants must be finite)",
    # Python's own syntax messages (the detail of "expr_syntax"), as Python words them
    "py_invalid_syntax": "invalid syntax",
    "py_forgot_comma": "invalid syntax. Perhaps you forgot a comma?",
    "py_never_closed": "'{bracket}' was never closed",
    "py_unmatched": "unmatched '{bracket}'",
    "py_mismatch": "closing parenthesis '{closing}' does not match opening parenthesis "
                   "'{opening}'",
    "py_decimal": "invalid decimal literal",
    "py_character": "invalid character '{char}' (U+{hex})",
    "py_non_printable": "invalid non-printable character U+{hex}",
    "py_unterminated": "unterminated string literal (detected at line {line})",
    "py_unterminated_triple": "unterminated triple-quoted string literal (detected at line "
                              "{line})",
    "py_continuation": "unexpected character after line continuation character",
    "py_hex": "invalid hexadecimal literal", "py_octal": "invalid octal literal",
    "py_binary": "invalid binary literal", "py_indent": "unexpected indent",
    "py_digit_octal": "invalid digit '{digit}' in octal literal",
    "py_digit_binary": "invalid digit '{digit}' in binary literal",
    "py_leading_zeros": "leading zeros in decimal integer literals are not permitted; use an "
                        "0o prefix for octal integers",
    "py_print": "Missing parentheses in call to 'print'. Did you mean print(...)?",
    "py_else": "expected 'else' after 'if' expression",
    "py_positional": "positional argument follows keyword argument",
    "py_generator": "Generator expression must be parenthesized",
    "py_unpacking": "iterable argument unpacking follows keyword argument unpacking",
    "expr_not_number": "{value} is not a number",
    # why a value or the gradients are undefined (Evaluation.undefined, no_gradient_reason)
    "no_input_wired": "{gate} gate '{node}' has no input wired",
    "too_few_inputs": "{gate} gate '{node}' needs at least {least} inputs, has {count}",
    "gate_port_extra": "{gate} gate '{node}' has no input port {port}",
    "wrong_inputs": "{gate} gate '{node}' needs {most} inputs, has {count}",
    "depends_on_undefined": "'{node}' depends on '{source}', which is undefined",
    "output_undefined": "the output '{node}' is undefined: {why}",
    "circuit_empty": "the circuit is empty",
    "no_output_chosen": "{count} nodes have no outgoing wire and none is marked as the "
                        "output; choose one with 'Set as output'",
}
"""English templates of the coded refusals, by code."""

E = TypeVar("E", bound=BaseException)
OSE = TypeVar("OSE", bound=OSError)


class CodedText(str):
    """An English message (a plain ``str`` to every reader) that also carries its
    ``code`` and ``params``, for the reasons kept as text rather than raised."""

    code: str
    params: dict[str, Any]


def coded_text(code: str, /, **params: Any) -> CodedText:
    """``MESSAGES[code]`` filled with ``params``, remembering both."""
    text = CodedText(MESSAGES[code].format(**params))
    text.code, text.params = code, params
    return text


def coded(kind: type[E], code: str, /, **params: Any) -> E:
    """An error of ``kind`` whose message is ``MESSAGES[code]`` filled with ``params``."""
    error = kind(MESSAGES[code].format(**params))
    # any exception class may carry them (ValueError too), so none declares them
    error.code, error.params = code, params  # type: ignore[attr-defined]
    return error


def text_of(error: BaseException) -> str:
    """``str(error)``, as a ``CodedText`` when the error is coded: a refusal kept as text
    (an evaluation's shape problems) can still be phrased in the interface language."""
    code = getattr(error, "code", None)
    return coded_text(code, **getattr(error, "params", {})) if code in MESSAGES else str(error)


def coded_os(kind: type[OSE], number: int | None, code: str, /, **params: Any) -> OSE:
    """``coded`` for an OSError: ``MESSAGES[code]`` filled in is its ``strerror`` (errno
    ``number``), or, ``number`` None, its one message."""
    text = MESSAGES[code].format(**params)
    error = kind(text) if number is None else kind(number, text)
    error.code, error.params = code, params  # type: ignore[attr-defined]
    return error


def error_from(kind: type[E], text: str) -> E:
    """An error of ``kind`` saying ``text``, keeping its code when ``text`` is coded."""
    if isinstance(text, CodedText):
        return coded(kind, text.code, **text.params)
    return kind(text)


class ChainwireError(Exception):
    """Base of every error Chainwire raises on purpose."""


class CircuitError(ChainwireError):
    """An edit to a circuit was refused; the circuit is unchanged."""


class CycleError(CircuitError):
    """The wire would close a loop; circuits are acyclic."""


class PortError(CircuitError):
    """The port does not exist or is already taken."""


class UnknownGateError(CircuitError):
    """No gate type has this name."""


class UnknownNodeError(CircuitError, KeyError):
    """No node has this id."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0]) if self.args else ""


class FileFormatError(ChainwireError):
    """A circuit file cannot be read; the message names what is wrong and where."""


class ExpressionError(ChainwireError):
    """An expression cannot be turned into a circuit; ``column`` is 1-based, or None."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


class NotAFileError(OSError):
    """The path names a FIFO, socket, device or stream, not a regular file: Chainwire
    neither reads nor replaces it (``graph/fileio/targets.py``). An OSError, so code that
    handles disk problems handles this one too."""
