#!/bin/bash
# HEALTHCHECK of the wxlogin images: GET /health on the server's public port answers 200. Bash's /dev/tcp
# instead of curl, so the slim JRE image needs no extra package.
set -eu
exec 3<>"/dev/tcp/127.0.0.1/${HTTP_PORT:-8080}"
printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3
case "$status" in "HTTP/1."?" 200"*) exit 0 ;; *) exit 1 ;; esac
