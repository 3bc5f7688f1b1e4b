#!/usr/bin/env bash
# Runs the benchmark: starts its own cluster on loopback (Redis, the WeChat sandbox with a QR quota no run
# can use up, a token-server, two login nodes), runs bench/target/bench.jar against it with every
# process's pid (for CPU and RSS from /proc), and stops everything. The start logic is copied from
# scripts/run-local.sh (same environment for each server) on ports of its own, so a run-local cluster
# can stay up meanwhile.
#
#   scripts/bench.sh                 # the full run (about 10 minutes), figures for docs/benchmarks.md
#   scripts/bench.sh --quick         # a smoke run of every phase (a minute or two)
#   BENCH_JFR=1 scripts/bench.sh …   # also record a JFR profile of both login nodes into bench/target/run/
#   BENCH_LOGIN_NODE_JAR=… scripts/bench.sh …   # measure another build of the login node (a candidate change)
#
# Any other arguments go to the bench jar (java -jar bench/target/bench.jar --help lists them).
# Output: the table on stdout; bench-results.json, bench-results.md and bench-latency.svg in bench/target/run/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/bench/target/run"
mkdir -p "$out"

export SANDBOX_APP_ID=${SANDBOX_APP_ID:-wx5a7e0c1d2b3f4e6a}
export SANDBOX_APP_SECRET=${SANDBOX_APP_SECRET:-5a7e0c1d2b3f4e6a8b9c0d1e2f3a4b5c}
export SANDBOX_TOKEN=${SANDBOX_TOKEN:-sandboxtoken}
NODE1_PORT=${BENCH_NODE1_PORT:-18080}
NODE2_PORT=${BENCH_NODE2_PORT:-18082}
TOKEN_PORT=${BENCH_TOKEN_PORT:-18081}
SANDBOX_PORT=${BENCH_SANDBOX_PORT:-18090}
REDIS_PORT=${BENCH_REDIS_PORT:-16379}
NODE_JAVA_OPTS=${BENCH_NODE_JAVA_OPTS:-}
NODE_JAR=${BENCH_LOGIN_NODE_JAR:-login-node/target/login-node.jar}

need() { command -v "$1" >/dev/null 2>&1; }
need java || { echo "Java 17 is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
need jcmd || { echo "jcmd is needed for the memory figures (it comes with the JDK)" >&2; exit 1; }
need redis-server || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 1; }

# Every held poll is an open file on both ends: take the hard limit (20,000 here) for this shell's children.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files per process: $(ulimit -n)"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $NODE1_PORT $NODE2_PORT $TOKEN_PORT $SANDBOX_PORT $REDIS_PORT; do
  port_free "$p" || { echo "port $p is in use: stop what uses it, or set BENCH_*_PORT" >&2; exit 1; }
done

jars=(wechat-sandbox/target/wechat-sandbox.jar token-server/target/token-server.jar login-node/target/login-node.jar bench/target/bench.jar)
stale=0
for j in "${jars[@]}"; do
  [ -f "$j" ] || stale=1
  [ -f "$j" ] && [ -n "$(find . -path ./.run -prune -o \( -name '*.java' -o -name '*.lua' -o -name '*.html' -o -name pom.xml \) -newer "$j" -print -quit)" ] && stale=1
done
if [ "$stale" = 1 ]; then
  echo "building the jars (mvn package, tests skipped)…"
  mvn -B -q -DskipTests package
fi

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$out" \
  >"$out/redis.log" 2>&1 &
redis_pid=$!
pids+=($redis_pid)

start() { # name, then env assignments, then the command; sets started_pid
  local name=$1; shift
  env "$@" >"$out/$name.log" 2>&1 &
  started_pid=$!
  pids+=($started_pid)
  for _ in $(seq 1 120); do
    grep -q "listening on" "$out/$name.log" 2>/dev/null && return 0
    kill -0 "$started_pid" 2>/dev/null || { echo "$name failed to start:" >&2; tail -5 "$out/$name.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "$name did not start within 30 s; see $out/$name.log" >&2; exit 1
}

api="http://127.0.0.1:$SANDBOX_PORT"
start sandbox HTTP_PORT=$SANDBOX_PORT SANDBOX_CALLBACK_URL="http://127.0.0.1:$NODE2_PORT/wechat/callback" \
  SANDBOX_QR_DAILY_QUOTA=100000000 java -jar wechat-sandbox/target/wechat-sandbox.jar
sandbox_pid=$started_pid
start token-server HTTP_PORT=$TOKEN_PORT REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
  WECHAT_APP_ID="$SANDBOX_APP_ID" WECHAT_APP_SECRET="$SANDBOX_APP_SECRET" WECHAT_API_BASE="$api" \
  java -jar token-server/target/token-server.jar
token_pid=$started_pid
node_pids=()
for n in 1 2; do
  port_var="NODE${n}_PORT"
  opts="$NODE_JAVA_OPTS"
  [ -n "${BENCH_JFR:-}" ] && opts="$opts -XX:StartFlightRecording=filename=$out/login-node-$n.jfr,settings=profile,dumponexit=true"
  start "login-node-$n" HTTP_PORT=${!port_var} NODE_ID="bench-node-$n" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
    WECHAT_APP_ID="$SANDBOX_APP_ID" WECHAT_TOKEN="$SANDBOX_TOKEN" WECHAT_API_BASE="$api" \
    WECHAT_QR_IMAGE_BASE="$api/cgi-bin/showqrcode" POLL_WAIT_MAX_SECONDS=30 \
    java $opts -jar "$NODE_JAR"
  node_pids+=($started_pid)
done

# the nodes answer /ready once the token-server has put a token in Redis
for _ in $(seq 1 80); do
  curl -fs "http://127.0.0.1:$NODE1_PORT/ready" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$NODE2_PORT/ready" >/dev/null 2>&1 && break
  sleep 0.25
done

java -Xmx1g -jar bench/target/bench.jar \
  --nodes "127.0.0.1:$NODE1_PORT,127.0.0.1:$NODE2_PORT" --redis "127.0.0.1:$REDIS_PORT" \
  --pids "redis-server=$redis_pid,wechat-sandbox=$sandbox_pid,token-server=$token_pid,login-node-1=${node_pids[0]},login-node-2=${node_pids[1]}" \
  --json "$out/bench-results.json" --markdown "$out/bench-results.md" --chart "$out/bench-latency.svg" \
  "$@"

if [ -n "${BENCH_JFR:-}" ]; then
  for n in 1 2; do
    jcmd "${node_pids[$((n - 1))]}" JFR.dump filename="$out/login-node-$n.jfr" >/dev/null
  done
  java -cp bench/target/bench.jar io.wxlogin.bench.report.JfrSummary "$out/login-node-1.jfr" "$out/login-node-2.jfr" \
    | tee "$out/jfr-summary.txt" >&2
fi
