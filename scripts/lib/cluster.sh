# Starting the local system, shared by scripts/run-local.sh and scripts/bench.sh (sourced, not run).
# The caller sets LOG_DIR, NODE1_PORT, NODE2_PORT, TOKEN_PORT, SANDBOX_PORT and REDIS_URL, and may set
# NODE1_MANAGEMENT_PORT, NODE2_MANAGEMENT_PORT, TOKEN_MANAGEMENT_PORT (default 0: any free port),
# SANDBOX_CALLBACK_URL (default: node 2 directly), NODE_JAR, NODE_JAVA_OPTS, NODE_JFR_DIR and the arrays
# SANDBOX_ENV / NODE_ENV (extra VAR=value pairs).

# The sandbox's demo identity; the servers get the same values (they have no defaults of their own).
export SANDBOX_APP_ID=${SANDBOX_APP_ID:-wx5a7e0c1d2b3f4e6a}
export SANDBOX_APP_SECRET=${SANDBOX_APP_SECRET:-5a7e0c1d2b3f4e6a8b9c0d1e2f3a4b5c}
export SANDBOX_TOKEN=${SANDBOX_TOKEN:-sandboxtoken}

# A parked poll lives up to POLL_WAIT_MAX_SECONDS, many young collections: promoted at its first survival instead
# of copied between survivor spaces at each one, which cut the bench's notify p99 to about a third
# (docs/benchmarks.md, "The nodes' young collections")
LOGIN_NODE_JVM_FLAGS="-XX:MaxTenuringThreshold=1"

pids=()
stop_cluster() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() { # ports…; the message names the variables that move them
  for p in "$@"; do
    port_free "$p" || { echo "port $p is in use: stop what uses it, or set ${PORT_VARS_HINT:-the *_PORT variables}" >&2; exit 1; }
  done
}

build_if_stale() { # jars…: mvn package when one is missing or older than a source file
  local stale=0 j
  for j in "$@"; do
    [ -f "$j" ] || stale=1
    [ -f "$j" ] && [ -n "$(find . \( -path ./.run -o -path "*/target" -o -path "*/node_modules" \) -prune -o \( -name '*.java' -o -name '*.lua' -o -name '*.html' -o -name pom.xml \) -newer "$j" -print -quit)" ] && stale=1
  done
  if [ "$stale" = 1 ]; then
    echo "building the jars (mvn package, tests skipped)…"
    mvn -B -q -DskipTests package
  fi
}

start_server() { # name, VAR=value…, command…; waits for "listening on"; sets started_pid
  local name=$1; shift
  env "$@" >"$LOG_DIR/$name.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 1 120); do
    grep -q "listening on" "$LOG_DIR/$name.log" 2>/dev/null && return 0
    kill -0 "$started_pid" 2>/dev/null || { echo "$name failed to start:" >&2; tail -5 "$LOG_DIR/$name.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "$name did not start within 30 s; see $LOG_DIR/$name.log" >&2; exit 1
}

start_redis() { # port: a throwaway redis-server (no persistence); sets redis_pid and REDIS_URL
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --dir "$LOG_DIR" >"$LOG_DIR/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  export REDIS_URL="redis://127.0.0.1:$1"
}

# Without SANDBOX_CALLBACK_URL the sandbox delivers WeChat's callbacks to node 2 while the bench's browsers
# use node 1, so every login crosses nodes over Redis pub/sub. Sets sandbox_pid, token_pid and node_pids.
start_cluster() {
  local api="http://127.0.0.1:$SANDBOX_PORT" n port_var mgmt_var opts
  start_server sandbox HTTP_PORT="$SANDBOX_PORT" \
    SANDBOX_CALLBACK_URL="${SANDBOX_CALLBACK_URL:-http://127.0.0.1:$NODE2_PORT/wechat/callback}" \
    "${SANDBOX_ENV[@]}" java -jar wechat-sandbox/target/wechat-sandbox.jar
  sandbox_pid=$started_pid
  start_server token-server HTTP_PORT="$TOKEN_PORT" MANAGEMENT_PORT="${TOKEN_MANAGEMENT_PORT:-0}" REDIS_URL="$REDIS_URL" \
    WECHAT_APP_ID="$SANDBOX_APP_ID" WECHAT_APP_SECRET="$SANDBOX_APP_SECRET" WECHAT_API_BASE="$api" \
    java -jar token-server/target/token-server.jar
  token_pid=$started_pid
  node_pids=()
  for n in 1 2; do
    port_var="NODE${n}_PORT"
    mgmt_var="NODE${n}_MANAGEMENT_PORT"
    # what the login node's JVM runs with in production too (deploy/login-node.Dockerfile, docs/deploy.md), then
    # NODE_JAVA_OPTS, whose flags win
    opts="$LOGIN_NODE_JVM_FLAGS ${NODE_JAVA_OPTS:-}"
    [ -n "${NODE_JFR_DIR:-}" ] && opts="$opts -XX:StartFlightRecording=filename=$NODE_JFR_DIR/login-node-$n.jfr,settings=profile,dumponexit=true"
    # shellcheck disable=SC2086 # opts is a list of JVM flags
    start_server "login-node-$n" HTTP_PORT="${!port_var}" MANAGEMENT_PORT="${!mgmt_var:-0}" NODE_ID="${NODE_ID_PREFIX:-node}-$n" REDIS_URL="$REDIS_URL" \
      WECHAT_APP_ID="$SANDBOX_APP_ID" WECHAT_TOKEN="$SANDBOX_TOKEN" WECHAT_API_BASE="$api" \
      WECHAT_QR_IMAGE_BASE="$api/cgi-bin/showqrcode" "${NODE_ENV[@]}" \
      java $opts -jar "${NODE_JAR:-login-node/target/login-node.jar}"
    node_pids+=("$started_pid")
  done
}

# nginx with deploy/nginx.conf, the same file docker-compose.yml uses, copied into $LOG_DIR/nginx/ with two
# changes: its `listen` port, and the upstream's server lines (wxlogin-upstream.conf) naming the login
# nodes' loopback ports. Access log (JSON, no query strings): $LOG_DIR/nginx-access.log. Sets nginx_pid.
start_nginx() { # listen port, node ports…
  local dir="$LOG_DIR/nginx" listen=$1 p
  shift
  command -v "${NGINX:-/usr/sbin/nginx}" >/dev/null 2>&1 || { echo "nginx is needed (apt-get install nginx)" >&2; exit 1; }
  mkdir -p "$dir"
  grep -qx '    listen 8080;' deploy/nginx.conf || { echo "deploy/nginx.conf has no 'listen 8080;' line to move" >&2; exit 1; }
  sed "s/^    listen 8080;\$/    listen $listen;/" deploy/nginx.conf >"$dir/nginx.conf"
  : >"$dir/wxlogin-upstream.conf"
  for p in "$@"; do echo "server 127.0.0.1:$p;" >>"$dir/wxlogin-upstream.conf"; done
  "${NGINX:-/usr/sbin/nginx}" -p "$dir" -c "$dir/nginx.conf" -e stderr -g "daemon off; pid $dir/nginx.pid;" \
    >"$LOG_DIR/nginx-access.log" 2>"$LOG_DIR/nginx.log" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  for _ in $(seq 1 40); do
    port_free "$listen" || return 0
    kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx failed to start:" >&2; tail -5 "$LOG_DIR/nginx.log" >&2; exit 1; }
    sleep 0.25
  done
  echo "nginx did not start within 10 s; see $LOG_DIR/nginx.log" >&2; exit 1
}
