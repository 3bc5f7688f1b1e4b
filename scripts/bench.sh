#!/usr/bin/env bash
# Runs the benchmark: starts its own cluster on loopback (Redis, the WeChat sandbox with a QR quota no run
# can use up, a token-server, two login nodes), runs bench/target/bench.jar against it with every
# process's pid (for CPU and RSS from /proc), and stops everything. It starts the servers exactly as
# scripts/run-local.sh does (scripts/lib/cluster.sh), on ports of its own, so a run-local cluster can stay up.
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

LOG_DIR="$out"
NODE1_PORT=${BENCH_NODE1_PORT:-18080}
NODE2_PORT=${BENCH_NODE2_PORT:-18082}
TOKEN_PORT=${BENCH_TOKEN_PORT:-18081}
SANDBOX_PORT=${BENCH_SANDBOX_PORT:-18090}
REDIS_PORT=${BENCH_REDIS_PORT:-16379}
# each server's management port (/ready, /metrics) is its HTTP port + 1000, as the bench's --management-offset says
NODE1_MANAGEMENT_PORT=$((NODE1_PORT + 1000))
NODE2_MANAGEMENT_PORT=$((NODE2_PORT + 1000))
TOKEN_MANAGEMENT_PORT=$((TOKEN_PORT + 1000))
PORT_VARS_HINT="BENCH_*_PORT"
NODE_JAVA_OPTS=${BENCH_NODE_JAVA_OPTS:-}
NODE_JAR=${BENCH_LOGIN_NODE_JAR:-login-node/target/login-node.jar}
NODE_ID_PREFIX=bench-node
[ -n "${BENCH_JFR:-}" ] && NODE_JFR_DIR="$out"
SANDBOX_ENV=(SANDBOX_QR_DAILY_QUOTA=100000000)
# the bench is thousands of browsers from a few loopback addresses: the per-client limits are off
NODE_ENV=(POLL_WAIT_MAX_SECONDS=30 QR_PER_ADDRESS_PER_MINUTE=0 QR_PER_ADDRESS_PER_DAY=0 QR_PER_SUBNET_PER_MINUTE=0
  QR_PER_SUBNET_PER_DAY=0 QR_DAILY_QUOTA=1000000000 QR_CREATE_IN_FLIGHT_MAX=100000 POLLS_PER_ADDRESS_MAX=1000000
  POLLS_PER_SCENE_MAX=1000 CONNECTIONS_PER_ADDRESS_MAX=1000000)
# shellcheck source=lib/cluster.sh
. scripts/lib/cluster.sh

need() { command -v "$1" >/dev/null 2>&1; }
need java || { echo "Java 17 is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
need jcmd || { echo "jcmd is needed for the memory figures (it comes with the JDK)" >&2; exit 1; }
need redis-server || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 1; }

# Every held poll is an open file on both ends: take the hard limit (20,000 here) for this shell's children.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files per process: $(ulimit -n)"

trap stop_cluster EXIT INT TERM
require_free_ports "$NODE1_PORT" "$NODE2_PORT" "$TOKEN_PORT" "$SANDBOX_PORT" "$REDIS_PORT" \
  "$NODE1_MANAGEMENT_PORT" "$NODE2_MANAGEMENT_PORT" "$TOKEN_MANAGEMENT_PORT"
build_if_stale wechat-sandbox/target/wechat-sandbox.jar token-server/target/token-server.jar \
  login-node/target/login-node.jar bench/target/bench.jar
start_redis "$REDIS_PORT"
start_cluster

# the nodes answer /ready once the token-server has put a token in Redis
for _ in $(seq 1 80); do
  curl -fs "http://127.0.0.1:$NODE1_MANAGEMENT_PORT/ready" >/dev/null 2>&1 \
    && curl -fs "http://127.0.0.1:$NODE2_MANAGEMENT_PORT/ready" >/dev/null 2>&1 && break
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
