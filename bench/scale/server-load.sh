#!/usr/bin/env bash
# The server-shaped load (bench/Rapport.Benchmarks --server-load) with the cache's two precisions on the same seeded file,
# one after the other: users x memories under a cache bound; peak RSS, hit rate, p50/p99 of a search.
# Usage: bench/scale/server-load.sh [out.md] [extra --server-load options, e.g. --users 2000 --memories 1000 --cache-mb 256]
# Seeding 2,000 x 1,000 writes a SQLite file of about 4 GB into a temporary folder (removed at the end).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-}
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build bench/Rapport.Benchmarks -c Release -v q -nologo >/dev/null
{
  echo "Command: bench/scale/server-load.sh ${out:-} $*"
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; commit $(git rev-parse --short HEAD); load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  for precision in full compact; do
    echo
    echo "--precision $precision"
    dotnet run -c Release --no-build --project bench/Rapport.Benchmarks -- --server-load --precision "$precision" --db "$work/rapport.db" "$@"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
} | tee "${out:-/dev/null}"
