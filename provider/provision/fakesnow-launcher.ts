/**
 * The Python program that runs fakesnow's server for the SQL endpoint, written next to its venv by
 * `spcs platform up`. It adds two things fakesnow's own `fakesnow -s` lacks:
 * - one persisted catalog: every session shares one FakeSnow whose databases are DuckDB files under
 *   `--db-path` (fakesnow's FAKESNOW_DB_PATH login parameter would open a new instance per session), and
 *   the files already there are attached at start, so databases survive a restart;
 * - JSON rowsets on request (header `x-spcs-result-format: json`): fakesnow answers queries in Arrow only,
 *   and the Node client reads only JSON. Values are encoded as Snowflake's JSON rowsets carry them;
 * - internal stages kept in the platform's stage folder (`--stage-path`), and the stage commands fakesnow
 *   lacks (fakesnow-stage-commands.ts, written next to this file);
 * - a VARIANT path compared with a string compares its text, as in Snowflake (fakesnow-variant-text.ts),
 *   which the event table's queries rely on;
 * - SPCS service functions callable from any query (fakesnow-service-functions.ts, written next to it).
 */
export const FAKESNOW_LAUNCHER = String.raw`
import argparse, base64, contextvars, datetime, decimal, json, os, sys, uuid

import pyarrow as pa
import uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

import fakesnow.server as server
from fakesnow.instance import FakeSnow

import spcs_fakesnow_functions as functions
import spcs_fakesnow_stages as stages
import spcs_fakesnow_variant as variant

EPOCH = datetime.date(1970, 1, 1)

# The endpoint's query id for the statement being run (header x-spcs-query-id). fakesnow names each result
# with uuid4() once it has run; pinned to the endpoint's id, the client, fakesnow's results cache and
# LAST_QUERY_ID() all see one id, the one a service function's sf-external-function-current-query-id
# header carries. starlette runs the statement in a worker thread, which inherits the context.
QUERY_ID = contextvars.ContextVar("spcs_query_id", default=None)


class PinnedUuid:
    def __getattr__(self, name):
        return getattr(uuid, name)

    def uuid4(self):
        return QUERY_ID.get() or uuid.uuid4()


import fakesnow.cursor
fakesnow.cursor.uuid = PinnedUuid()


def cell(value, sf_type):
    if value is None:
        return None
    if sf_type == "boolean":
        return "1" if value else "0"
    if sf_type.startswith("timestamp") and isinstance(value, dict):
        if value.get("epoch") is None:
            return None
        text = "%d.%09d" % (value["epoch"], value["fraction"])
        return text + (" %d" % value["timezone"] if "timezone" in value else "")
    if sf_type == "date" and isinstance(value, datetime.date):
        return str((value - EPOCH).days)
    if sf_type == "time" and isinstance(value, int):
        return "%d.%09d" % divmod(value, 1_000_000_000)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def arrow_rowset(b64, rowtype):
    if not b64:
        return []
    table = pa.ipc.open_stream(base64.b64decode(b64)).read_all()
    columns = [[cell(v, rowtype[i]["type"].lower()) for v in col.to_pylist()] for i, col in enumerate(table.columns)]
    return [list(row) for row in zip(*columns)]


async def query_request(request):
    functions.set_context(server, request)
    QUERY_ID.set(request.headers.get("x-spcs-query-id"))
    response = await stages.handle(request) or stages.complete_stage_info(functions.statement_failure(request, await server.query_request(request)))
    if request.headers.get("x-spcs-result-format") != "json":
        return response
    body = json.loads(response.body)
    data = body.get("data") or {}
    if body.get("success") and data.get("queryResultFormat") == "arrow":
        try:
            data["rowset"] = arrow_rowset(data.pop("rowsetBase64", ""), data.get("rowtype") or [])
        except Exception as e:  # a type we do not encode yet: a clear error, never a 500 the client retries
            message = "SQL execution internal error: this result cannot be sent as JSON: %r" % (e,)
            return JSONResponse({"success": False, "code": "000603", "message": message, "data": {"errorCode": "000603", "sqlState": "XX000"}})
        data["queryResultFormat"] = "json"
        data["returned"] = len(data["rowset"])
        return JSONResponse(body, status_code=response.status_code)
    return response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db-path", required=True)
    parser.add_argument("--stage-path", required=True)
    args = parser.parse_args()
    stages.install(args.stage_path)
    variant.install()
    os.makedirs(args.db_path, exist_ok=True)
    server.shared_fs = FakeSnow(db_path=args.db_path)
    for name in sorted(os.listdir(args.db_path)):
        if name.endswith(".db") and name[:-3].isidentifier():
            server.shared_fs.connect(name[:-3].upper()).close()
    functions.install(server.shared_fs.duck_conn)

    async def register_function(request):
        return await functions.register(request, server.shared_fs)

    routes = [Route("/queries/v1/query-request", query_request, methods=["POST"]), Route("/spcs/v1/functions", register_function, methods=["POST"]), Route("/fs_bucket/{path:path}", stages.bucket_download, methods=["GET"])]
    routes += [r for r in server.routes if getattr(r, "path", "") != "/queries/v1/query-request"]
    uvicorn.run(Starlette(routes=routes), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    sys.exit(main())
`;
