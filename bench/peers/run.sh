#!/usr/bin/env bash
# Rapport's exact search against what a user would pick instead, on the same 10k x 384 vectors and queries, in one run:
# faiss's exact flat index and hnswlib (Debian's python3-faiss, python3-hnswlib), sqlite-vec (npm @photostructure/sqlite-vec's
# vec0.so, loaded into Debian's python3 sqlite3), each filtered to one user's partition the way it would be used (an index
# per user; sqlite-vec's partition key). Reports p50/p99 per query (one thread) and recall@10 against the exact answer.
# Peers are installed when running as root (apt, npm into a temporary folder) and skipped with a reason otherwise;
# nothing of theirs is committed.
# Usage: bench/peers/run.sh [out.md]   (from anywhere; writes the table to stdout and to out.md when given)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=/usr/bin/python3   # Debian's own: the apt packages are built for it (a pyenv shim earlier on PATH would not see them)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-numpy python3-faiss python3-hnswlib >"$work/apt.log" 2>&1 \
    || echo "apt-get install failed (see below); missing peers are skipped" >&2
  (cd "$work" && npm install --silent --no-audit --no-fund @photostructure/sqlite-vec >"$work/npm.log" 2>&1) \
    || echo "npm install @photostructure/sqlite-vec failed; sqlite-vec is skipped" >&2
else
  echo "not root: peers are not installed; those missing are skipped" >&2
fi
vec0=$(find "$work/node_modules/@photostructure/sqlite-vec/dist" -path '*linux-x64/vec0.so' 2>/dev/null | head -1 || true)

$python bench/peers/data.py "$work"
dotnet run -c Release --project bench/Rapport.Benchmarks -- --peer-search "$work/vectors.f32" "$work/queries.f32" 384 "$work/rapport.tsv" >"$work/rapport.out"
$python bench/peers/peers.py "$work" "${vec0:-}" "${1:-}"
