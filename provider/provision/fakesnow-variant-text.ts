/**
 * A Python module the fakesnow launcher installs (written next to it as `spcs_fakesnow_variant.py`): one
 * more of fakesnow's own sqlglot transforms, for a Snowflake rule fakesnow 0.12 lacks. In Snowflake a
 * VARIANT holding a string compares equal to that string and converts to it where text is expected, so
 * `RESOURCE_ATTRIBUTES:"snow.service.name" = 'S'` and `upper(v:name)` work on the string itself; in
 * DuckDB the extraction is JSON (`"S"` with its quotes), so the comparison fails to cast 'S' as JSON or is
 * false. The transform reads the path as text (`->>`) where it meets a string literal in `=` / `<>` or is
 * the argument of UPPER / LOWER: the queries SPCS documents for the event table and the ones `snow spcs
 * service events` sends. Other uses of a path keep fakesnow's behaviour.
 */
export const FAKESNOW_VARIANT_TEXT = String.raw`
import sqlglot.expressions as exp
import fakesnow.cursor as fakesnow_cursor


def _unwrap(e):
    while isinstance(e, exp.Paren):
        e = e.this
    return e


def _as_text(e):
    inner = _unwrap(e)
    if isinstance(inner, exp.JSONExtract):
        inner.replace(exp.JSONExtractScalar(this=inner.this, expression=inner.expression))


def _is_string(e):
    e = _unwrap(e)
    return isinstance(e, exp.Literal) and e.is_string


def variant_text(node):
    if isinstance(node, (exp.EQ, exp.NEQ)):
        if _is_string(node.expression):
            _as_text(node.this)
        elif _is_string(node.this):
            _as_text(node.expression)
    elif isinstance(node, (exp.Upper, exp.Lower)):
        _as_text(node.this)
    return node


def install():
    original = fakesnow_cursor.FakeSnowflakeCursor._transform

    def _transform(self, expression, params):
        return original(self, expression, params).transform(variant_text, copy=False)

    fakesnow_cursor.FakeSnowflakeCursor._transform = _transform
`;
