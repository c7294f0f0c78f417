#!/usr/bin/env bash
# The generic dotnet:method__entry/return pair under a tracer: a workload of a variant woven
# with GenericProbes times its rounds untraced, traced, and untraced again after the tracer
# left (Usdt.Benchmarks.Wholesale traced); this script attaches each tracer in turn and
# records what it counted, so the report can give the slowdown and the cost per call.
#
#   generic-pair.sh OUT_DIR WHOLESALE_EXE VARIANT_DIR WORKLOAD SCALE TIMED_ROUNDS PROCESSES [TRACER...]
#
# TRACER: ucalls (bcc's `ucalls -l java PID`: a count per method), ucalls-latency
# (`ucalls -l java -L PID`: entry and return, latency per method), bpftrace (one count
# over method__entry, attached to the pair's library with -p PID), managed (no tracer:
# the program raises the entry semaphore itself, so the traced rounds cost the managed
# side alone); all by default.
# PROCESSES: how many times the tracers run in turn, each on a fresh process, so that a
# spell of load from other processes hits every tracer alike.
#
# Leaves in OUT_DIR, per tracer and process N: generic-<tracer>-rN.tsv (phase, round, ms)
# and generic-counts-<tracer>-rN.tsv ("calls" and the method__entry events the tracer
# counted over the traced rounds). Needs root. Adds no tracefs events; stops only the
# processes it started, by pid.
set -euo pipefail

out=$1 exe=$2 variant=$3 workload=$4 scale=$5 rounds=$6 processes=$7
shift 7
tracers=("$@")
[ ${#tracers[@]} -gt 0 ] || tracers=(managed ucalls ucalls-latency bpftrace)
started=()

cleanup() {
  local pid
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

forget() {
  local keep=() p
  for p in "${started[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  started=("${keep[@]}")
}

# Waits up to $2 seconds for file $1 while process $3 lives.
wait_file() {
  local i
  for i in $(seq $(( $2 * 20 ))); do
    [ -f "$1" ] && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

run_one() {
  local tracer=$1 n=$2 ready="$out/generic-ready" log="$out/generic-$tracer-r$n.log"
  rm -f "$ready" "$ready.done" "$ready.attached"
  # "managed": no tracer, the program raises the semaphore itself.
  local own=()
  [ "$tracer" = managed ] && own=(--raise-semaphore)
  "$exe" traced --variant-dir "$variant" --workload "$workload" --scale "$scale" --rounds "$rounds" \
    --ready "$ready" --attached "$ready.attached" --out "$out/generic-$tracer-r$n.tsv" "${own[@]}" &
  local program=$!
  started+=("$program")
  wait_file "$ready" 600 "$program" || { echo "generic: the workload never got ready (see above)" >&2; wait "$program" || true; forget "$program"; return 1; }
  local library
  library=$(cut -f2 "$ready")
  echo "generic: process $n/$processes, $workload under $tracer (pid $program)" >&2
  if [ "$tracer" = managed ]; then
    touch "$ready.attached"
    wait "$program" || { local s=$?; forget "$program"; return $s; }
    forget "$program"
    return 0
  fi
  # A background job of a script starts with SIGINT ignored, and Python keeps it so: ucalls
  # would never see the Ctrl-C that makes it print its counts and release the semaphores.
  local interruptible=(env --default-signal=INT)
  # What the tracer prints once its probes are attached: bcc raises the semaphores when it
  # enables the probes, seconds before its BPF program is compiled and attached.
  local attached_line
  case $tracer in
    ucalls)         PYTHONUNBUFFERED=1 "${interruptible[@]}" ucalls -l java "$program" > "$log" 2>&1 &
                    attached_line='^Tracing calls' ;;
    ucalls-latency) PYTHONUNBUFFERED=1 "${interruptible[@]}" ucalls -l java -L "$program" > "$log" 2>&1 &
                    attached_line='^Tracing calls' ;;
    # bpftrace raises the semaphore as it attaches the probe (the uprobe's reference counter).
    bpftrace)       "${interruptible[@]}" bpftrace -p "$program" -e "usdt:$library:dotnet:method__entry { @calls = count(); }" > "$log" 2>&1 &
                    attached_line='^Attaching' ;;
    *) echo "generic: unknown tracer $tracer" >&2; return 64 ;;
  esac
  local tracing=$!
  started+=("$tracing")
  local i
  for i in $(seq 6000); do
    grep -q "$attached_line" "$log" 2>/dev/null && break
    kill -0 "$tracing" 2>/dev/null || break
    sleep 0.05
  done
  if grep -q "$attached_line" "$log" 2>/dev/null; then
    touch "$ready.attached"
  else
    echo "generic: $tracer never attached (see $log)" >&2
  fi
  # The program times its traced rounds once the tracer has raised the entry semaphore and
  # attached, then writes the done file.
  wait_file "$ready.done" 1800 "$program" || echo "generic: $tracer: the traced rounds did not finish" >&2
  kill -INT "$tracing" 2>/dev/null || true
  # Printing a large map takes a while; a tracer that still has not left is stopped.
  for i in $(seq 1200); do kill -0 "$tracing" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$tracing" 2>/dev/null; then
    echo "generic: $tracer did not exit on SIGINT within 60 s: stopping it (its counts are lost)" >&2
    kill -TERM "$tracing" 2>/dev/null || true
  fi
  wait "$tracing" || true
  forget "$tracing"
  local status=0
  wait "$program" || status=$?
  forget "$program"
  # ucalls prints "METHOD  # CALLS [TIME]" rows at exit; bpftrace "@calls: N".
  case $tracer in
    ucalls)         awk 'p && NF >= 2 { n += $NF } /^METHOD +# CALLS/ { p = 1 } END { printf "calls\t%d\n", n }' "$log" ;;
    ucalls-latency) awk 'p && NF >= 3 { n += $(NF-1) } /^METHOD +# CALLS/ { p = 1 } END { printf "calls\t%d\n", n }' "$log" ;;
    bpftrace)       sed -nE 's/^@calls: ([0-9]+)$/calls\t\1/p' "$log" ;;
  esac > "$out/generic-counts-$tracer-r$n.tsv"
  return $status
}

for n in $(seq "$processes"); do
  for tracer in "${tracers[@]}"; do
    run_one "$tracer" "$n"
  done
done
rm -f "$out/generic-ready" "$out/generic-ready.done" "$out/generic-ready.attached"
