# Sourced by bench/ab.sh and bench/ab_browser.sh: a scratch folder for the bench database and
# logs ($data), servers started in the background ($pids), both cleaned up on exit, and
# `wait_up <port>` until a server answers.
data=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
wait_up() {
  for _ in $(seq 120); do curl -fsS -o /dev/null "http://127.0.0.1:$1/login" 2>/dev/null && return; sleep 0.25; done
}
