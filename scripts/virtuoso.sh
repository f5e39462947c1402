#!/usr/bin/env bash
# Start or stop a scratch Virtuoso Open Source server bound to 127.0.0.1 only.
#   scripts/virtuoso.sh start DIR PORT [ISQL_PORT]  HTTP (SPARQL) on 127.0.0.1:PORT, isql on
#                                                   ISQL_PORT (default PORT+1)
#   scripts/virtuoso.sh stop DIR
# DIR holds the database and its own virtuoso.ini; file access is limited to DIR (DirsAllowed).
# The user 'govrules' (password $VIRTUOSO_PASSWORD, default 'govrules') gets SPARQL_UPDATE, for
# http://127.0.0.1:PORT/sparql-auth (digest authentication).
set -euo pipefail
cmd=${1:?usage: virtuoso.sh start|stop DIR [PORT] [ISQL_PORT]}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
case "$cmd" in
start)
  port=${3:?PORT}
  isql_port=${4:-$((port + 1))}
  password=${VIRTUOSO_PASSWORD:-govrules}
  command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found: apt-get install virtuoso-opensource" >&2; exit 2; }
  root=/var/lib/virtuoso-opensource-7/vsp
  cat >"$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$isql_port
DisableUnixSocket = 1
DirsAllowed = $dir
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 60
ServerThreads = 10
MaxQueryMem = 1G
DefaultIsolation = 2

[HTTPServer]
ServerPort = 127.0.0.1:$port
ServerRoot = $root
MaxClientConnections = 10
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
EnabledDavVSP = 0
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DefaultQuery = SELECT * WHERE { ?s ?p ?o } LIMIT 10
MaxSortedTopRows = 100000
INI
  (cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait)
  for _ in $(seq 1 60); do
    isql-vt "127.0.0.1:$isql_port" dba dba exec="status();" >/dev/null 2>&1 && break
    sleep 0.5
  done
  isql-vt "127.0.0.1:$isql_port" dba dba >/dev/null <<SQL
DB.DBA.USER_CREATE('govrules', '$password');
GRANT SPARQL_UPDATE TO "govrules";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET('govrules', 3);
SQL
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/sparql?query=ASK%7B%7D" && exit 0
    sleep 0.5
  done
  echo "virtuoso did not answer on 127.0.0.1:$port; see $dir/virtuoso.log" >&2
  exit 1
  ;;
stop)
  ini="$dir/virtuoso.ini"
  [ -f "$ini" ] || exit 0
  isql_port=$(sed -n 's/^ServerPort = 127.0.0.1:\([0-9]*\)$/\1/p' "$ini" | head -1)
  isql-vt "127.0.0.1:$isql_port" dba dba exec="shutdown();" >/dev/null 2>&1 || true
  for _ in $(seq 1 40); do
    [ -f "$dir/virtuoso.lck" ] || exit 0
    sleep 0.25
  done
  pid=$(cat "$dir/virtuoso.lck" 2>/dev/null | tr -dc '0-9')
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  ;;
*)
  echo "usage: virtuoso.sh start|stop DIR [PORT] [ISQL_PORT]" >&2
  exit 2
  ;;
esac
