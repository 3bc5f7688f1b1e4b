#!/usr/bin/env bash
# Starts the whole system on this machine in the production topology: Redis (REDIS_URL if given, else a
# local redis-server), the wechat-sandbox standing in for WeChat, one token-server, two login nodes, and
# nginx in front of them with deploy/nginx.conf (the file docker-compose.yml uses). Browsers and the
# sandbox's WeChat callbacks both go through nginx, round robin, so a login usually crosses nodes.
# Ctrl-C stops everything it started. Logs: .run/*.log (nginx's access log: .run/nginx-access.log).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_DIR="$(pwd)/.run"
mkdir -p "$LOG_DIR"
NGINX_PORT=${NGINX_PORT:-8080}
NODE1_PORT=${NODE1_PORT:-8180}
NODE2_PORT=${NODE2_PORT:-8182}
NODE1_MANAGEMENT_PORT=${NODE1_MANAGEMENT_PORT:-9180}
NODE2_MANAGEMENT_PORT=${NODE2_MANAGEMENT_PORT:-9182}
TOKEN_PORT=${TOKEN_PORT:-8081}
TOKEN_MANAGEMENT_PORT=${TOKEN_MANAGEMENT_PORT:-9081}
SANDBOX_PORT=${SANDBOX_PORT:-8090}
PORT_VARS_HINT="NGINX_PORT/NODE1_PORT/NODE2_PORT/TOKEN_PORT/SANDBOX_PORT (and *_MANAGEMENT_PORT)"
SANDBOX_CALLBACK_URL="http://127.0.0.1:$NGINX_PORT/wechat/callback"
SANDBOX_ENV=()
# nginx is the nodes' only client besides loopback tools: its X-Forwarded-For names the browser.
NODE_ENV=(TRUSTED_PROXIES=127.0.0.1/32)
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
# Debian's nginx package also enables its own site on port 80; only the binary is used here.
[ -x /usr/sbin/nginx ] || apt_install nginx

# Each parked poll is an open file in nginx and in a node: take the hard limit for this shell's children.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

trap stop_cluster EXIT INT TERM
require_free_ports "$NGINX_PORT" "$NODE1_PORT" "$NODE2_PORT" "$NODE1_MANAGEMENT_PORT" "$NODE2_MANAGEMENT_PORT" \
  "$TOKEN_PORT" "$TOKEN_MANAGEMENT_PORT" "$SANDBOX_PORT"
build_if_stale wechat-sandbox/target/wechat-sandbox.jar token-server/target/token-server.jar login-node/target/login-node.jar

if [ -z "${REDIS_URL:-}" ]; then
  need redis-server || apt_install redis-server
  redis_port=6379
  while ! port_free "$redis_port"; do redis_port=$((redis_port + 1)); done
  start_redis "$redis_port"
fi
start_cluster
start_nginx "$NGINX_PORT" "$NODE1_PORT" "$NODE2_PORT"

cat <<MSG

wxlogin is running: nginx :$NGINX_PORT in front of login nodes :$NODE1_PORT and :$NODE2_PORT (management
:$NODE1_MANAGEMENT_PORT, :$NODE2_MANAGEMENT_PORT), token-server :$TOKEN_PORT, sandbox WeChat :$SANDBOX_PORT, Redis $REDIS_URL.

  Open  http://127.0.0.1:$NGINX_PORT/

Scan the QR code with the sandbox's phone page, http://127.0.0.1:$SANDBOX_PORT/sandbox/phone, or with curl
(the live codes and their qrContent: curl -s http://127.0.0.1:$SANDBOX_PORT/sandbox/qrcodes):
  curl -s -X POST http://127.0.0.1:$SANDBOX_PORT/sandbox/scan -H 'Content-Type: application/json' -d '{"qrContent":"<qrContent>","openid":"o_demo_user_00000000000000001"}'

Logs are in .run/. Press Ctrl-C to stop.
MSG
wait
