#!/usr/bin/env bash
# Starts the whole system on this machine: Redis (REDIS_URL if given, else a local redis-server), the
# wechat-sandbox standing in for WeChat, one token-server and two login nodes. WeChat's callbacks go to
# node 2 while the page is served by node 1, so every login crosses nodes over Redis pub/sub.
# Ctrl-C stops everything. Logs: .run/*.log
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_DIR="$(pwd)/.run"
mkdir -p "$LOG_DIR"
NODE1_PORT=${NODE1_PORT:-8080}
NODE2_PORT=${NODE2_PORT:-8082}
TOKEN_PORT=${TOKEN_PORT:-8081}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
PORT_VARS_HINT="NODE1_PORT/NODE2_PORT/TOKEN_PORT/SANDBOX_PORT"
SANDBOX_ENV=()
NODE_ENV=()
# shellcheck source=lib/cluster.sh
. scripts/lib/cluster.sh

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  echo "installing $* from Debian packages…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; fi
}
need java || apt_install openjdk-17-jdk-headless
need mvn || apt_install maven

trap stop_cluster EXIT INT TERM
require_free_ports "$NODE1_PORT" "$NODE2_PORT" "$TOKEN_PORT" "$SANDBOX_PORT"
build_if_stale wechat-sandbox/target/wechat-sandbox.jar token-server/target/token-server.jar login-node/target/login-node.jar

if [ -z "${REDIS_URL:-}" ]; then
  need redis-server || apt_install redis-server
  redis_port=6379
  while ! port_free "$redis_port"; do redis_port=$((redis_port + 1)); done
  start_redis "$redis_port"
fi
start_cluster

api="http://127.0.0.1:$SANDBOX_PORT"
cat <<MSG

wxlogin is running (Redis $REDIS_URL, sandbox WeChat :$SANDBOX_PORT, token-server :$TOKEN_PORT, login nodes :$NODE1_PORT and :$NODE2_PORT).

  Open  http://127.0.0.1:$NODE1_PORT/

The page shows a QR code and the sandbox call that "scans" it (WeChat then calls node 2):
  curl -s -X POST $api/sandbox/scan -H 'Content-Type: application/json' -d '{"qrContent":"<from the page>","openid":"o_demo_user_00000000000000001"}'

Logs are in .run/. Press Ctrl-C to stop.
MSG
wait
