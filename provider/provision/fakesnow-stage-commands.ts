/**
 * A Python module written next to fakesnow's launcher (`spcs_fakesnow_stages.py`): the stage commands
 * fakesnow 0.12 lacks or gets wrong, on the one folder where the platform keeps every internal stage's
 * files (`<home>/stages/<DB>/<SCHEMA>/<STAGE>/<path>`, fakesnow's own bucket layout, so its CREATE STAGE
 * and PUT write there and stage volumes bind-mount the same folders):
 * - GET: answered as Snowflake answers it on GCS (a DOWNLOAD command with one presigned URL per file),
 *   served by `GET /fs_bucket/<path>` on fakesnow's port, the mirror of fakesnow's PUT upload route;
 * - REMOVE / RM, and LIST / LS of a folder or with PATTERN (fakesnow lists only whole stages);
 * - CREATE OR REPLACE STAGE empties the stage's folder instead of deleting it: a running service
 *   bind-mounts that folder, and a deleted one would leave it looking at a ghost.
 * Paths: a stage's folder comes from fakesnow's `internal_dir`, which refuses anything outside the
 * bucket; a file path from the statement is matched against files found on disk, never joined blindly.
 */
export const FAKESNOW_STAGE_COMMANDS = String.raw`
import datetime, email.utils, gzip, hashlib, json, os, re, shutil, types, uuid
from urllib.parse import quote, urlparse
from urllib.request import url2pathname

import snowflake.connector.errors
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, JSONResponse, Response

import fakesnow.server as server
from fakesnow.transforms import stage

COMMAND = re.compile(r"^\s*(get|remove|rm|list|ls)\s+('(?:[^']|'')*'|@[^\s;]+)(.*?)[\s;]*$", re.I | re.S)
QUOTED_OR_WORD = re.compile(r"\s*('(?:[^']|'')*'|\S+)(.*)$", re.S)
PATTERN = re.compile(r"\bpattern\s*=\s*'((?:[^']|'')*)'", re.I)
PARALLEL = re.compile(r"\bparallel\s*=\s*(\d+)", re.I)


def _empty_folder(path, *args, **kwargs):
    """rmtree for CREATE OR REPLACE STAGE: keeps the folder (a bind mount's source), removes its contents."""
    if not os.path.isdir(path):
        raise FileNotFoundError(path)
    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def install(root):
    """Points fakesnow's internal stages at the platform's stage folder."""
    os.makedirs(root, exist_ok=True)
    stage.LOCAL_BUCKET_PATH = os.path.realpath(root)
    stage.shutil = types.SimpleNamespace(rmtree=_empty_folder, copyfile=shutil.copyfile)


def _unquote(text):
    return text[1:-1].replace("''", "'") if text.startswith("'") else text


def _error(code, message, sqlstate="42000"):
    return JSONResponse({"data": {"errorCode": code, "sqlState": sqlstate}, "code": code, "message": message, "success": False})


def _column(name, sf_type):
    fixed = sf_type == "fixed"
    return {"name": name, "database": "", "schema": "", "table": "", "nullable": True, "type": sf_type, "byteLength": None if fixed else 16777216,
            "length": None if fixed else 16777216, "scale": 0 if fixed else None, "precision": 38 if fixed else None, "collation": None}


def _rows(conn, columns, rows):
    return JSONResponse({"success": True, "data": {
        "parameters": [{"name": "TIMEZONE", "value": "Etc/UTC"}], "rowtype": [_column(n, t) for n, t in columns],
        "rowset": [[None if v is None else str(v) for v in r] for r in rows], "total": len(rows), "returned": len(rows),
        "queryResultFormat": "json", "queryId": str(uuid.uuid4()), "statementTypeId": 0x1000,
        "finalDatabaseName": conn.database, "finalSchemaName": conn.schema}})


def _stage_files(conn, reference, pattern):
    """The files under '@stage[/prefix]' (as fakesnow resolves the stage), each (absolute path, LIST name, path after the prefix's folder)."""
    var, _, prefix = reference[1:].partition("/")
    catalog, schema, name = stage.parts_from_var(var, current_database=conn.database, current_schema=conn.schema)
    found = conn._duck_conn.execute(stage.stage_lookup_sql(catalog, schema, name, conn.table_stages)).fetchone()
    if found is None:
        raise stage.not_found_error(f"{catalog}.{schema}.{name}")
    root = stage.internal_dir(found[0])
    base = prefix[: prefix.rfind("/") + 1]
    regex = re.compile(pattern) if pattern is not None else None
    out = []
    for folder, _dirs, names in os.walk(root):
        for file in names:
            full = os.path.join(folder, file)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if not rel.startswith(prefix) or (regex and not regex.fullmatch(rel)):
                continue
            out.append((full, stage.internal_file_name(full), rel[len(base):]))
    return sorted(out, key=lambda f: f[1])


def _md5(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _list(conn, reference, rest):
    pattern = PATTERN.search(rest)
    rows = []
    for full, name, _ in _stage_files(conn, reference, pattern and _unquote("'" + pattern.group(1) + "'")):
        st = os.stat(full)
        modified = email.utils.formatdate(st.st_mtime, usegmt=True)
        rows.append((name, st.st_size, _md5(full), modified))
    return _rows(conn, [("name", "text"), ("size", "fixed"), ("md5", "text"), ("last_modified", "text")], rows)


def _remove(conn, reference, rest):
    pattern = PATTERN.search(rest)
    rows = []
    for full, name, _ in _stage_files(conn, reference, pattern and _unquote("'" + pattern.group(1) + "'")):
        os.unlink(full)
        rows.append((name, "removed"))
    return _rows(conn, [("name", "text"), ("result", "text")], rows)


def _get(request, conn, reference, rest):
    m = QUOTED_OR_WORD.match(rest)
    if not m:
        return _error("001003", "SQL compilation error:\nsyntax error: GET needs a local folder, e.g. 'file:///tmp/out/'.")
    local, options = _unquote(m.group(1)), m.group(2)
    url = urlparse(local)
    if url.scheme.lower() != "file":
        return _error("001003", "SQL compilation error:\nsyntax error: the GET target must be a file:// URL, e.g. 'file:///tmp/out/'.")
    local_dir = url2pathname(url.path) if not url.netloc else url.netloc + url2pathname(url.path)
    pattern = PATTERN.search(options)
    parallel = PARALLEL.search(options)
    files = _stage_files(conn, reference, pattern and _unquote("'" + pattern.group(1) + "'"))
    label = reference[1:].partition("/")[0].lower()
    base = request.url.scheme + "://" + request.url.netloc + "/fs_bucket/"
    return JSONResponse({"success": True, "data": {
        "command": "DOWNLOAD",
        # The connector drops everything up to the first '/', so the file lands at its path below the prefix's folder.
        "src_locations": [label + "/" + rel for _, _, rel in files],
        "presignedUrls": [base + quote(os.path.relpath(full, stage.LOCAL_BUCKET_PATH)) for full, _, _ in files],
        "stageInfo": {**STAGE_INFO_DEFAULTS, "locationType": "GCS", "location": label + "/", "creds": {}},
        "localLocation": local_dir, "parallel": int(parallel.group(1)) if parallel else 10, "overwrite": True,
        "autoCompress": False, "queryId": str(uuid.uuid4()),
        "finalDatabaseName": conn.database, "finalSchemaName": conn.schema}})


# Fields connector 5.x (its Rust core) requires in every stageInfo; 4.x reads none of them.
STAGE_INFO_DEFAULTS = {"region": "local", "path": "", "endPoint": None, "storageAccount": None, "isClientSideEncrypted": False,
                       "useRegionalUrl": False, "useS3RegionalUrl": False, "useVirtualUrl": False}


def complete_stage_info(response):
    """fakesnow's PUT answer, with the stageInfo fields connector 5.x requires."""
    if b'"stageInfo"' not in response.body:
        return response
    body = json.loads(response.body)
    info = (body.get("data") or {}).get("stageInfo")
    if not isinstance(info, dict):
        return response
    body["data"]["stageInfo"] = {**STAGE_INFO_DEFAULTS, **info}
    url = info.get("presignedUrl")
    if url and "?" not in url:
        # 5.x sends OVERWRITE=FALSE uploads with x-goog-if-generation-match and refuses a URL that does not
        # sign it; fakesnow ignores the query and the header alike (a PUT replaces the file, with 4.x too).
        body["data"]["stageInfo"]["presignedUrl"] = url + "?X-Goog-SignedHeaders=host%3Bx-goog-if-generation-match%3Bx-goog-meta-encryptiondata%3Bx-goog-meta-matdesc%3Bx-goog-meta-sfc-digest"
    return JSONResponse(body, status_code=response.status_code)


async def handle(request):
    """Answers GET, REMOVE and LIST; None for every other statement (fakesnow answers it)."""
    body = await request.body()
    if request.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    m = COMMAND.match(parsed.get("sqlText") or "")
    if not m or parsed.get("describeOnly"):
        return None
    verb, reference, rest = m.group(1).lower(), _unquote(m.group(2)), m.group(3)
    if not reference.startswith("@"):
        return None
    try:
        conn = server.to_conn(server.to_token(request))
        if verb == "get":
            return _get(request, conn, reference, rest)
        return await run_in_threadpool(_list if verb in ("list", "ls") else _remove, conn, reference, rest)
    except server.ServerError as e:
        return JSONResponse({"data": None, "code": e.code, "message": e.message, "success": False, "headers": None}, status_code=e.status_code)
    except (snowflake.connector.errors.ProgrammingError, snowflake.connector.errors.OperationalError) as e:
        return _error("%06d" % e.errno, e.msg, e.sqlstate or "42000")
    except re.error as e:
        return _error("001003", "SQL compilation error:\ninvalid PATTERN regular expression: %s" % e)


async def bucket_download(request):
    """A file of an internal stage, for GET's presigned URLs; nothing outside the stage folder."""
    root = stage.LOCAL_BUCKET_PATH
    target = os.path.realpath(os.path.join(root, request.path_params["path"]))
    if not target.startswith(root + os.sep) or not os.path.isfile(target):
        return Response(status_code=404)
    return FileResponse(target)
`;
