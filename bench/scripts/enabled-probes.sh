#!/usr/bin/env bash
# The enabled-probe comparison: the C# probes, the stock sys/sdt.h C program and the
# C program calling our 5-byte-nop stub, run back to back under the same tracer, first
# bpftrace (counting per probe), then tracefs uprobe events (in a private instance).
# Each program writes a ready file ("probe PROVIDER NAME FILE" lines), waits for its
# semaphores to be raised, times its loops and exits; this script attaches the tracer,
# then detaches and records what the tracer counted.
#
#   enabled-probes.sh OUT_DIR BENCH_EXE NATIVE_DIR ITERATIONS REPEATS ROUNDS [PROGRAM...]
#
# PROGRAM: cs (the C# probes), csdt (stock sys/sdt.h), cnop5 (our stub from C); all by default.
# ROUNDS: how many times the programs run in turn under each tracer, so that a spell of
# load from other processes on a shared machine hits every program alike.
#
# Leaves in OUT_DIR, per round N: enabled-<tracer>-<program>-rN.tsv (timings) and
# counts-<tracer>-<program>-rN.tsv (what the tracer counted).
# Needs root. Removes every uprobe event and tracefs instance it creates, and stops only
# the processes it started, by pid.
set -euo pipefail

out=$1 bench=$2 native=$3 iterations=$4 repeats=$5 rounds=$6
shift 6
programs=("$@")
[ ${#programs[@]} -gt 0 ] || programs=(cs csdt cnop5)
tracing=/sys/kernel/tracing
group="usdtbench$$"                 # unique per run: never touches anyone else's events
instance="$tracing/instances/usdtbench_$$"
started=()                          # pids this script started
events=()                           # uprobe events this script added

cleanup() {
  local pid event
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for event in "${events[@]}"; do
    echo 0 > "$instance/events/$group/$event/enable" 2>/dev/null || true
  done
  for event in "${events[@]}"; do
    echo "-:$group/$event" >> "$tracing/uprobe_events" 2>/dev/null || true
  done
  events=()
  [ -d "$instance" ] && rmdir "$instance" 2>/dev/null || true
}
trap cleanup EXIT

# File offset of a virtual address of an ELF file: uprobes take offsets, notes give
# addresses (equal in our generated libraries, not in a PIE executable's data segment).
file_offset() {
  local file=$1 address=$(( $2 )) offset vaddr memsz
  while read -r offset vaddr memsz; do
    if (( address >= vaddr && address < vaddr + memsz )); then
      printf '0x%x\n' $(( address - vaddr + offset )); return
    fi
  done < <(readelf -lW "$file" | awk '$1 == "LOAD" { print $2, $3, $6 }')
  echo "no segment of $file holds $2" >&2; return 1
}

# "LOCATION SEMAPHORE" addresses of probe PROVIDER:NAME, from the file's .note.stapsdt.
note_addresses() {
  readelf -n "$1" | awk -v provider="$2" -v name="$3" '
    $1 == "Provider:" { p = $2 } $1 == "Name:" { n = $2 }
    $1 == "Location:" && p == provider && n == name { gsub(",", ""); print $2, $6; exit }'
}

# Starts a program in the background and waits for its ready file; sets $pid.
start_program() {
  local ready=$1; shift
  rm -f "$ready"
  "$@" &
  pid=$!
  started+=("$pid")
  for _ in $(seq 600); do
    [ -f "$ready" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "enabled: $1 exited before it was ready" >&2; return 1; }
    sleep 0.05
  done
  echo "enabled: $1 never got ready" >&2; return 1
}

forget() {
  local keep=() p
  for p in "${started[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  started=("${keep[@]}")
}

finish_program() {
  local status=0
  wait "$pid" || status=$?
  forget "$pid"
  return $status
}

under_bpftrace() {
  local name=$1 ready=$2 counts=$3 script="" provider probe file
  while read -r _ provider probe file; do
    script+="usdt:$file:$provider:$probe { @${provider}__$probe = count(); } "
  done < "$ready"
  bpftrace -p "$pid" -e "$script" > "${counts%.tsv}.log" 2>&1 &
  local tracer=$!
  started+=("$tracer")
  finish_program
  # bpftrace prints its maps when interrupted (and exits by itself once the target is gone).
  kill -INT "$tracer" 2>/dev/null || true
  wait "$tracer" || true
  forget "$tracer"
  sed -nE 's/^@([A-Za-z0-9_]+)__([A-Za-z0-9_]+): ([0-9]+)$/\1:\2\t\3/p' "${counts%.tsv}.log" > "$counts"
}

under_tracefs() {
  local name=$1 ready=$2 counts=$3 provider probe file location semaphore event
  mkdir "$instance"
  echo 4096 > "$instance/buffer_size_kb"
  while read -r _ provider probe file; do
    read -r location semaphore < <(note_addresses "$file" "$provider" "$probe")
    event="${name}_${provider}_${probe}"
    # PATH:OFFSET(REF_CTR_OFFSET): the kernel raises the semaphore while the event is on.
    echo "p:$group/$event $file:$(file_offset "$file" "$location")($(file_offset "$file" "$semaphore"))" >> "$tracing/uprobe_events"
    events+=("$event")
    echo 1 > "$instance/events/$group/$event/enable"
  done < "$ready"
  finish_program
  local event
  for event in "${events[@]}"; do echo 0 > "$instance/events/$group/$event/enable"; done
  # Every event written: those still in the ring buffer plus those overwritten.
  cat "$instance"/per_cpu/cpu*/stats | awk '$1 == "entries:" || $1 == "overrun:" { n += $2 } END { printf "*\t%d\n", n }' > "$counts"
  cleanup
}

run_all() {
  local tracer=$1 round name ready
  for round in $(seq "$rounds"); do
  for name in "${programs[@]}"; do
    ready="$out/ready-$tracer-$name"
    local args=(--ready "$ready" --out "$out/enabled-$tracer-$name-r$round.tsv" --iterations "$iterations" --repeats "$repeats")
    case $name in
      cs)    start_program "$ready" "$bench" enabled "${args[@]}" ;;
      csdt)  start_program "$ready" "$native/sdt_probe" "${args[@]}" ;;
      cnop5) start_program "$ready" "$native/nop5_probe" --library "$native/libcnop5.so" "${args[@]}" ;;
    esac
    echo "enabled: round $round/$rounds, $name under $tracer (pid $pid)" >&2
    "under_$tracer" "$name" "$ready" "$out/counts-$tracer-$name-r$round.tsv"
  done
  done
}

run_all bpftrace
if [ -e "$tracing/uprobe_events" ]; then
  run_all tracefs
else
  echo "enabled: no tracefs at $tracing (mount -t tracefs nodev $tracing): bpftrace only" >&2
fi
