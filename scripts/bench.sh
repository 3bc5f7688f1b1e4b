#!/usr/bin/env bash
# Runs the benchmark: starts its own cluster on loopback (Redis, the WeChat sandbox with a QR quota no run
# can use up, a token-server, two login nodes), runs bench/target/bench.jar against it with every
# process's pid (for CPU and RSS from /proc), and stops everything. It starts the servers exactly as
# scripts/run-local.sh does (scripts/lib/cluster.sh), on ports of its own, so a run-local cluster can stay up.
#
#   scripts/bench.sh                 # the full run (about 12 minutes), figures for docs/benchmarks.md
#   scripts/bench.sh --quick         # a smoke run of every phase (two or three minutes)
#   scripts/bench.sh --pin …         # the cluster on one core, the load generator on the other (taskset)
#   BENCH_JFR=1 scripts/bench.sh …   # also record JFR profiles of both login nodes and of the bench's workers
#                                    # into bench/target/run/ (summaries in jfr-summary.txt)
#   BENCH_LOGIN_NODE_JAR=… scripts/bench.sh …   # measure another build of the login node (a candidate change)
#   BENCH_JAR=… scripts/bench.sh …   # another build of the load generator (its own cost, before/after)
#   BENCH_COMPARE_NODE_JAR=… scripts/bench.sh --phases cost …   # and then a second build on a fresh cluster:
#                                    # before/after of a change in one run, one cost table
#
# The nodes run with their production defaults, QR rate limits included: every browser the bench plays
# presents its own address in X-Forwarded-For, which the nodes believe from the bench's loopback addresses
# (TRUSTED_PROXIES). The cost phase (CPU and Redis commands per login by flow) also runs on two more clusters
# started one after the other: QR rate limits off, and LOGIN_CONFIRM=reply; --no-feature-clusters skips them.
# Any other arguments go to the bench jar (java -jar bench/target/bench.jar --help lists them).
# Output: the tables on stdout; bench-results.json, bench-results.md and bench-latency.svg in bench/target/run/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/bench/target/run"
mkdir -p "$out"

pin=0
feature_clusters=1
args=()
for a in "$@"; do
  case "$a" in
    --pin) pin=1 ;;
    --no-feature-clusters) feature_clusters=0 ;;
    *) args+=("$a") ;;
  esac
done
quick=()
phases="latency,throughput,capacity,redis,cost"
for i in "${!args[@]}"; do
  [ "${args[$i]}" = --quick ] && quick=(--quick)
  [ "${args[$i]}" = --phases ] && phases=${args[$((i + 1))]:-}
done
[[ ",$phases," == *,cost,* ]] || { feature_clusters=0; unset BENCH_COMPARE_NODE_JAR; }

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
[ -n "${BENCH_JFR:-}" ] && NODE_JFR_DIR="$out" && export BENCH_WORKER_JFR="$out"
SANDBOX_ENV=(SANDBOX_QR_DAILY_QUOTA=100000000)
# The bench is thousands of browsers behind its own loopback addresses, which the nodes trust as proxies; each
# browser's X-Forwarded-For address is its own, so the per-address and per-subnet QR limits keep their defaults.
# What is raised: the day's QR quota (a run creates millions of codes) and the in-flight cap on qrcode/create
# calls (a guard against a slow WeChat, which the bench's parallel QR creation would otherwise trip).
BASE_NODE_ENV=(POLL_WAIT_MAX_SECONDS=30 TRUSTED_PROXIES=127.0.0.0/8 QR_DAILY_QUOTA=1000000000
  QR_CREATE_IN_FLIGHT_MAX=100000)
# The OpenID provider, for the cost phase's oidc flow: one confidential client, as the bench's --oidc-* defaults
OIDC_ENV=(OIDC_ISSUER="http://127.0.0.1:$NODE1_PORT"
  "OIDC_CLIENTS=[{\"client_id\":\"bench\",\"client_secret\":\"bench-client-secret-not-for-production\",\"name\":\"Bench\",\"redirect_uris\":[\"http://127.0.0.1:18099/callback\"]}]")
# the token-server keeps the signing keys and the nodes open them with this; demo value, bench only
export OIDC_KEYS_SECRET=bench-oidc-keys-secret-0123456789abcdef
# --pin: the cores for the cluster and for the load generator
CLUSTER_CPU=${BENCH_PIN_CLUSTER_CPU:-0}
LOAD_CPU=${BENCH_PIN_LOAD_CPU:-1}
# shellcheck source=lib/cluster.sh
. scripts/lib/cluster.sh

need() { command -v "$1" >/dev/null 2>&1; }
need java || { echo "Java 17 is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
need jcmd || { echo "jcmd is needed for the memory figures (it comes with the JDK)" >&2; exit 1; }
need redis-server || { echo "redis-server is needed (apt-get install redis-server)" >&2; exit 1; }
[ "$pin" = 1 ] && { need taskset || { echo "--pin needs taskset (apt-get install util-linux)" >&2; exit 1; }; }

# Every held poll is an open file on both ends: take the hard limit (20,000 here) for this shell's children.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files per process: $(ulimit -n)"

build_if_stale wechat-sandbox/target/wechat-sandbox.jar token-server/target/token-server.jar \
  login-node/target/login-node.jar bench/target/bench.jar

# Pins every thread of the cluster's processes to CLUSTER_CPU; threads they start later inherit it. Pinned after
# start, so each JVM sizes itself (GC, event loops) exactly as in the shared-core run and only placement differs.
pin_cluster() {
  local p
  for p in "${pids[@]}"; do taskset -a -cp "$CLUSTER_CPU" "$p" >/dev/null; done
  echo "pinned the cluster (${#pids[@]} processes) to CPU $CLUSTER_CPU; the load generator runs on CPU $LOAD_CPU"
}

# Starts Redis and the servers with NODE_ENV, pinned with --pin, and waits until both nodes are ready (a token
# in Redis). A node without a management port yet (an older build) answers /ready on its public port.
up() {
  pids=()
  trap stop_cluster EXIT INT TERM
  require_free_ports "$NODE1_PORT" "$NODE2_PORT" "$TOKEN_PORT" "$SANDBOX_PORT" "$REDIS_PORT" \
    "$NODE1_MANAGEMENT_PORT" "$NODE2_MANAGEMENT_PORT" "$TOKEN_MANAGEMENT_PORT"
  start_redis "$REDIS_PORT"
  start_cluster
  [ "$pin" = 1 ] && pin_cluster
  local n port mgmt ready
  for _ in $(seq 1 360); do
    ready=0
    for n in 1 2; do
      port="NODE${n}_PORT"
      mgmt="NODE${n}_MANAGEMENT_PORT"
      curl -fs "http://127.0.0.1:${!mgmt}/ready" >/dev/null 2>&1 || curl -fs "http://127.0.0.1:${!port}/ready" >/dev/null 2>&1 \
        && ready=$((ready + 1))
    done
    [ "$ready" = 2 ] && return 0
    sleep 0.25
  done
  echo "the nodes did not become ready within 90 s; see $LOG_DIR/login-node-*.log" >&2
  exit 1
}

bench() { # bench jar arguments…
  local cmd=(java -Xmx1g -jar "${BENCH_JAR:-bench/target/bench.jar}")
  [ "$pin" = 1 ] && cmd=(taskset -c "$LOAD_CPU" "${cmd[@]}")
  "${cmd[@]}" --nodes "127.0.0.1:$NODE1_PORT,127.0.0.1:$NODE2_PORT" --redis "127.0.0.1:$REDIS_PORT" \
    --pids "redis-server=$redis_pid,wechat-sandbox=$sandbox_pid,token-server=$token_pid,login-node-1=${node_pids[0]},login-node-2=${node_pids[1]}" \
    "$@"
}

NODE_ENV=("${BASE_NODE_ENV[@]}" "${OIDC_ENV[@]}")
up
bench --json "$out/bench-results.json" --markdown "$out/bench-results.md" --chart "$out/bench-latency.svg" \
  "${args[@]+"${args[@]}"}"

if [ -n "${BENCH_JFR:-}" ]; then
  for n in 1 2; do
    jcmd "${node_pids[$((n - 1))]}" JFR.dump filename="$out/login-node-$n.jfr" >/dev/null
  done
  java -cp bench/target/bench.jar io.wxlogin.bench.report.JfrSummary "$out/login-node-1.jfr" "$out/login-node-2.jfr" \
    "$out"/bench-worker-*.jfr | tee "$out/jfr-summary.txt" >&2
  unset BENCH_WORKER_JFR
fi

# The cost phase on node configurations (or a node build) of their own, each on a fresh cluster (logs in
# bench/target/run/<name>/), merged into the main results
extra=()
feature() { # name, label, flows, node env…
  local name=$1 label=$2 flows=$3
  shift 3
  stop_cluster
  LOG_DIR="$out/$name"
  mkdir -p "$LOG_DIR"
  NODE_ENV=("${BASE_NODE_ENV[@]}" "$@")
  up
  # a fresh cluster's JVMs are still compiling after the cost phase's own 15 s: warm them for as long as the
  # main cluster's warm-up and latency runs did (BENCH_FRESH_WARMUP_SECONDS)
  local warm=(--cost-warmup-seconds "${BENCH_FRESH_WARMUP_SECONDS:-60}")
  [ "${#quick[@]}" -gt 0 ] && warm=()
  bench --phases cost --warmup-seconds 0 --cost-flows "$flows" --cost-label "$label" "${quick[@]+"${quick[@]}"}" \
    "${warm[@]+"${warm[@]}"}" \
    --json "$out/cost-$name.json" --markdown "$LOG_DIR/bench-results.md" --chart "$LOG_DIR/bench-latency.svg" >/dev/null
  extra+=("$out/cost-$name.json")
}
if [ "$feature_clusters" = 1 ]; then
  feature limits-off "QR rate limits off" plain QR_PER_ADDRESS_PER_MINUTE=0 QR_PER_ADDRESS_PER_DAY=0 \
    QR_PER_SUBNET_PER_MINUTE=0 QR_PER_SUBNET_PER_DAY=0
  feature reply "LOGIN_CONFIRM=reply" reply LOGIN_CONFIRM=reply
fi
if [ -n "${BENCH_COMPARE_NODE_JAR:-}" ]; then
  NODE_JAR=$BENCH_COMPARE_NODE_JAR
  feature candidate "candidate $(basename "$BENCH_COMPARE_NODE_JAR")" "${BENCH_COMPARE_FLOWS:-plain}" "${OIDC_ENV[@]}"
fi
if [ "${#extra[@]}" -gt 0 ]; then
  stop_cluster
  java -cp bench/target/bench.jar io.wxlogin.bench.report.Merge "$out/bench-results.json" "$out/bench-results.md" "${extra[@]}"
fi
