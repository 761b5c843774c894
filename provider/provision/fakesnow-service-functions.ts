/**
 * The Python module (`spcs_fakesnow_functions.py`, next to the launcher) that lets DuckDB queries call
 * SPCS service functions. A service function is a DuckDB macro in its database and schema, so
 * `SELECT f(col) FROM t` (or `db.schema.f(col)`) resolves as any function does and the macro persists with
 * the database file. The macro calls one vectorized (Arrow) Python UDF with the function's name, the
 * calling statement's context and each row's arguments as a JSON array: DuckDB hands the UDF up to 2,048
 * rows at a time, and the UDF sends them in one request to the SQL endpoint, which owns the SPCS part
 * (batches of MAX_BATCH_ROWS, headers, instances, AUTO_RESUME) and answers one JSON value per row. The
 * macro casts each value to the function's return type.
 *
 * The context (the endpoint's callback URL and a token naming the statement) is a DuckDB variable the
 * launcher sets on the session's connection from the header the endpoint sends with every statement, so
 * concurrent statements of different sessions each call back with their own.
 */
export const FAKESNOW_SERVICE_FUNCTIONS = String.raw`
import json, urllib.error, urllib.request

import pyarrow as pa
import sqlglot
from duckdb.sqltypes import VARCHAR
from sqlglot import exp
from starlette.responses import JSONResponse

UDF = "__spcs_service_function"
VARIABLE = "spcs_function_context"
CONTEXT_HEADER = "x-spcs-function-context"
JSON_TYPES = {exp.DataType.Type.JSON, exp.DataType.Type.VARIANT, exp.DataType.Type.OBJECT, exp.DataType.Type.ARRAY, exp.DataType.Type.STRUCT, exp.DataType.Type.MAP}


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def ident(name):
    return '"' + name.replace('"', '""') + '"'


# The first failure of a service function in a statement, by the statement's token: DuckDB wraps the UDF's
# exception in its own and fakesnow answers an "Unhandled exception", so the launcher answers this instead.
FAILURES = {}


def call(fn, ctx, args):
    name = fn[0].as_py() if len(fn) else None
    context = ctx[0].as_py() if len(ctx) else None
    if not context:
        raise RuntimeError("service function %s can only be called through the SQL endpoint" % name)
    c = json.loads(context)
    rows = [json.loads(a) if a is not None else [] for a in args.to_pylist()]
    request = urllib.request.Request(c["url"], data=json.dumps({"function": name, "rows": rows}).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "x-spcs-call-token": c["token"]})
    try:
        with urllib.request.urlopen(request, timeout=3600) as r:
            body = json.loads(r.read())
    except urllib.error.URLError as e:
        raise RuntimeError("service function %s: the SQL endpoint did not answer: %s" % (name, e))
    if not body.get("success"):
        FAILURES.setdefault(c["token"], body)
        raise RuntimeError(body.get("message") or "service function %s failed" % name)
    return pa.array([json.dumps(v) for v in body["values"]], type=pa.string())


def install(duck_conn):
    duck_conn.create_function(UDF, call, [VARCHAR, VARCHAR, VARCHAR], VARCHAR, type="arrow", null_handling="special", side_effects=True)


def set_context(server, request):
    """Before a statement runs: its service-function context on the session's own DuckDB connection."""
    context = request.headers.get(CONTEXT_HEADER)
    if not context:
        return
    try:
        conn = server.to_conn(server.to_token(request))
    except Exception:
        return  # fakesnow answers the bad token itself
    try:
        conn._duck_conn.execute("SET VARIABLE %s = %s" % (VARIABLE, sql_string(context)))
    except Exception:
        # An aborted transaction refuses every statement but ROLLBACK: the statement itself must still run
        # (and answer as fakesnow does); only a service function in it would find no context.
        pass


def statement_failure(request, response):
    """After a statement: the service function failure it hit, as Snowflake's error envelope, or the response."""
    context = request.headers.get(CONTEXT_HEADER)
    failure = context and FAILURES.pop(json.loads(context)["token"], None)
    if not failure or (response.status_code == 200 and json.loads(response.body).get("success")):
        return response
    data = {"errorCode": failure.get("code"), "sqlState": failure.get("sqlState"), "queryId": request.headers.get("x-spcs-query-id")}
    return JSONResponse({"success": False, "code": failure.get("code"), "message": failure.get("message"), "data": data})


def duck_type(sf_type):
    return exp.DataType.build(sf_type, dialect="snowflake")


def macro_sql(body):
    params = ["_spcs_a%d" % i for i in range(len(body["arguments"]))]
    qualified = "%s.%s.%s" % (ident(body["database"]), ident(body["schema"]), ident(body["name"]))
    value = "%s(%s, getvariable('%s'), CAST(json_array(%s) AS VARCHAR))" % (UDF, sql_string(body["function"]), VARIABLE, ", ".join(params))
    returns = duck_type(body["returns"])
    result = "CAST(%s AS JSON)" % value if returns.this in JSON_TYPES else "CAST(json_extract_string(%s, '$') AS %s)" % (value, returns.sql(dialect="duckdb"))
    return "CREATE OR REPLACE MACRO %s(%s) AS %s" % (qualified, ", ".join(params), result)


async def register(request, shared_fs):
    """POST /spcs/v1/functions: {database, schema, name, arguments, returns, function} makes the macro."""
    body = json.loads(await request.body())
    try:
        cur = shared_fs.duck_conn.cursor()
        if body.get("drop"):
            cur.execute("DROP MACRO IF EXISTS %s.%s.%s" % (ident(body["database"]), ident(body["schema"]), ident(body["name"])))
        else:
            cur.execute(macro_sql(body))
        cur.close()
    except Exception as e:
        message = str(e).split("\n")[0]
        if "does not exist" in message or "not found" in message.lower():
            message = "Schema '%s.%s' does not exist or not authorized." % (body["database"], body["schema"])
            return JSONResponse({"success": False, "code": "002003", "message": "SQL compilation error:\n" + message, "data": {"errorCode": "002003", "sqlState": "02000"}})
        return JSONResponse({"success": False, "code": "000603", "message": "SQL execution internal error: " + message, "data": {"errorCode": "000603", "sqlState": "XX000"}})
    return JSONResponse({"success": True, "data": None})
`;
