#!/usr/bin/env bash
# Make sure a RabbitMQ broker answers at AMQP_URL's host and port (default 127.0.0.1:5672).
# Starts a locally installed broker that is not running; installs Debian's package on a bare
# machine when run as root. Prints a clear message instead of guessing otherwise.
set -euo pipefail
url="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672/}"
hostport="${url#*://}"; hostport="${hostport#*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=5672

reachable() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

reachable && exit 0
case "$host" in 127.*|localhost) ;; *) echo "RabbitMQ at $host:$port does not answer; start it or set AMQP_URL." >&2; exit 1;; esac

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing RabbitMQ from Debian's packages..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  else
    echo "RabbitMQ is not installed and not reachable at $host:$port. Install rabbitmq-server or set AMQP_URL." >&2
    exit 1
  fi
fi
echo "Starting RabbitMQ..."
rabbitmq-server -detached >/dev/null 2>&1 || true
for _ in $(seq 1 60); do reachable && exit 0; sleep 1; done
echo "RabbitMQ did not come up on $host:$port within 60 s." >&2
exit 1
