#!/usr/bin/env bash
# Starts the whole system on this machine: Redis (REDIS_URL if given, else a local redis-server), the
# wechat-sandbox standing in for WeChat, one token-server and two login nodes. WeChat's callbacks go to
# node 2 while the page is served by node 1, so every login crosses nodes over Redis pub/sub.
# Ctrl-C stops everything. Logs: .run/*.log
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run="$root/.run"
mkdir -p "$run"

# The sandbox's demo identity; the servers get the same values (they have no defaults of their own).
export SANDBOX_APP_ID=${SANDBOX_APP_ID:-wx5a7e0c1d2b3f4e6a}
export SANDBOX_APP_SECRET=${SANDBOX_APP_SECRET:-5a7e0c1d2b3f4e6a8b9c0d1e2f3a4b5c}
export SANDBOX_TOKEN=${SANDBOX_TOKEN:-sandboxtoken}
NODE1_PORT=${NODE1_PORT:-8080}
NODE2_PORT=${NODE2_PORT:-8082}
TOKEN_PORT=${TOKEN_PORT:-8081}
SANDBOX_PORT=${SANDBOX_PORT:-8090}

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  echo "installing $* from Debian packages…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; fi
}
need java || apt_install openjdk-17-jdk-headless
need mvn || apt_install maven

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo; echo "stopping…"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $NODE1_PORT $NODE2_PORT $TOKEN_PORT $SANDBOX_PORT; do
  port_free "$p" || { echo "port $p is in use: stop what uses it, or set NODE1_PORT/NODE2_PORT/TOKEN_PORT/SANDBOX_PORT" >&2; exit 1; }
done

jars=(wechat-sandbox/target/wechat-sandbox.jar token-server/target/token-server.jar login-node/target/login-node.jar)
stale=0
for j in "${jars[@]}"; do
  [ -f "$j" ] || stale=1
  [ -f "$j" ] && [ -n "$(find . -path ./.run -prune -o \( -name '*.java' -o -name '*.lua' -o -name '*.html' -o -name pom.xml \) -newer "$j" -print -quit)" ] && stale=1
done
if [ "$stale" = 1 ]; then
  echo "building the jars (mvn package, tests skipped)…"
  mvn -B -q -DskipTests package
fi

if [ -z "${REDIS_URL:-}" ]; then
  need redis-server || apt_install redis-server
  redis_port=6379
  while ! port_free "$redis_port"; do redis_port=$((redis_port + 1)); done
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$run" \
    >"$run/redis.log" 2>&1 &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:$redis_port"
fi

start() { # name, log line to wait for, then env assignments, then the jar
  local name=$1; shift
  env "$@" >"$run/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    grep -q "listening on" "$run/$name.log" 2>/dev/null && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "$name failed to start:" >&2; tail -5 "$run/$name.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "$name did not start within 30 s; see $run/$name.log" >&2; exit 1
}

api="http://127.0.0.1:$SANDBOX_PORT"
start sandbox HTTP_PORT=$SANDBOX_PORT SANDBOX_CALLBACK_URL="http://127.0.0.1:$NODE2_PORT/wechat/callback" \
  java -jar wechat-sandbox/target/wechat-sandbox.jar
start token-server HTTP_PORT=$TOKEN_PORT WECHAT_APP_ID="$SANDBOX_APP_ID" WECHAT_APP_SECRET="$SANDBOX_APP_SECRET" \
  WECHAT_API_BASE="$api" java -jar token-server/target/token-server.jar
for n in 1 2; do
  port_var="NODE${n}_PORT"
  start "login-node-$n" HTTP_PORT=${!port_var} NODE_ID="node-$n" WECHAT_APP_ID="$SANDBOX_APP_ID" \
    WECHAT_TOKEN="$SANDBOX_TOKEN" WECHAT_API_BASE="$api" WECHAT_QR_IMAGE_BASE="$api/cgi-bin/showqrcode" \
    java -jar login-node/target/login-node.jar
done

cat <<MSG

wxlogin is running (Redis $REDIS_URL, sandbox WeChat :$SANDBOX_PORT, token-server :$TOKEN_PORT, login nodes :$NODE1_PORT and :$NODE2_PORT).

  Open  http://127.0.0.1:$NODE1_PORT/

The page shows a QR code and the sandbox call that "scans" it (WeChat then calls node 2):
  curl -s -X POST $api/sandbox/scan -H 'Content-Type: application/json' -d '{"qrContent":"<from the page>","openid":"o_demo_user_00000000000000001"}'

Logs are in .run/. Press Ctrl-C to stop.
MSG
wait
