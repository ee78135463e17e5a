#!/usr/bin/env bash
# Reproduces docs/BENCHMARKS.md in one run: a fresh PostgreSQL 15 cluster with default
# durability, then pgbench's bare 2-row UPDATE (the ceiling), the seed design's SERIALIZABLE
# transaction (the baseline), and `modex bench` (booking mix, holds only, a hot-seat fight,
# watchers, rendering). Takes about ten minutes; prints everything on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product modex >&2
modex=.build/release/modex
export MODEX_HOME=${MODEX_BENCH_HOME:-/tmp/modex-bench-cluster}
pgbin=/usr/lib/postgresql/15/bin
"$modex" db stop >/dev/null 2>&1 || true
rm -rf "$MODEX_HOME"
"$modex" migrate >/dev/null
conn="host=$MODEX_HOME/run dbname=modex user=modex"
psql() { command psql -X -q "$conn" "$@"; }
# pgbench with per-transaction logging, so its latency percentiles sit beside modex's.
pgbench() {
    local logs; logs=$(mktemp -d)
    (cd "$logs" && "$pgbin/pgbench" -h "$MODEX_HOME/run" -U modex -n -l "$@" modex 2>&1 | grep -E "^(tps|number of failed)" | tr '\n' ' ')
    cat "$logs"/pgbench_log.* | awk '$3 ~ /^[0-9]+$/ {print $3 / 1000}' | sort -n | awk '{v[NR] = $1} END {
        if (NR) printf "p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR] }'
    rm -rf "$logs"
}
# A number from `modex bench --json` output: json_number JSON KEY.
json_number() { grep -o "\"$2\" *: *[0-9.]*" <<<"$1" | grep -o '[0-9.]*$'; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $("$pgbin/postgres" --version)"
echo "== modex bench watchers, quiet cluster"; "$modex" bench watchers --sessions 200 --venue-seats 20000 2>/dev/null
echo "== creating the 1,000,000-seat bench show"
"$modex" bench --clients 1 --seconds 1 --holds-only >/dev/null 2>&1
show=$(psql -Atc "SELECT max(show_id) FROM shows WHERE seat_count = 1000000")

cat > /tmp/modex-bare.sql <<SQL
\set a random(0, 999999)
\set b random(0, 999999)
BEGIN;
UPDATE seats SET layout_col = layout_col WHERE show_id = $show AND seat_id = :a;
UPDATE seats SET layout_col = layout_col WHERE show_id = $show AND seat_id = :b;
END;
SQL
psql -c "CREATE TABLE IF NOT EXISTS seed_seats (seat_id int PRIMARY KEY, status text NOT NULL DEFAULT 'AVAILABLE')" \
     -c "CREATE TABLE IF NOT EXISTS seed_bookings (id serial PRIMARY KEY, seat_ids int[], status text, expires_at timestamptz)" \
     -c "INSERT INTO seed_seats SELECT g FROM generate_series(0, 999999) g ON CONFLICT DO NOTHING"
cat > /tmp/modex-seed.sql <<'SQL'
\set a random(0, 999999)
\set b random(0, 999999)
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT seat_id, status FROM seed_seats WHERE seat_id IN (:a, :b) FOR UPDATE;
UPDATE seed_seats SET status = 'RESERVED' WHERE seat_id IN (:a, :b);
INSERT INTO seed_bookings (seat_ids, status, expires_at) VALUES (ARRAY[:a, :b], 'PENDING', now() + interval '2 minutes');
UPDATE seed_bookings SET status = 'CONFIRMED' WHERE id = currval('seed_bookings_id_seq');
UPDATE seed_seats SET status = 'BOOKED' WHERE seat_id IN (:a, :b);
COMMIT;
SQL
for c in 1 8 32; do
    echo "== pgbench bare 2-row UPDATE, $c clients: $(pgbench -c $c -j 2 -T 10 -f /tmp/modex-bare.sql)"
done
for c in 1 8 32; do
    echo "== pgbench seed SERIALIZABLE, $c clients: $(pgbench -c $c -j 2 -T 10 --max-tries 10 -f /tmp/modex-seed.sql)"
done
for c in 1 8 32; do
    echo "== modex bench booking mix, $c clients"; "$modex" bench --clients $c --seconds 10 --show "$show" 2>/dev/null
done
echo "== modex bench booking mix, 32 clients, every change announced on its own (--announce-interval-ms 0)"
"$modex" bench --clients 32 --seconds 10 --announce-interval-ms 0 --show "$show" 2>/dev/null
echo "== modex bench holds only, 32 clients"; "$modex" bench --clients 32 --seconds 10 --holds-only --show "$show" 2>/dev/null
# The ceiling drifts with this machine's speed by more than the margin being measured, so the
# 32-client comparison is repeated with the two runs back to back.
# Each run also reports the full-page images PostgreSQL wrote to the WAL meanwhile: a run that
# starts soon after a checkpoint writes a whole page the first time it touches each one, which
# is most of what makes this machine's numbers drift from run to run.
wal_reset() { psql -Atc "SELECT pg_stat_reset_shared('wal')" >/dev/null; }
wal_since_reset() { psql -Atc "SELECT format('%s full-page images, %s MB of WAL', wal_fpi, round(wal_bytes / 1000000)) FROM pg_stat_wal"; }
for round in 1 2 3; do
    wal_reset; ceiling=$(pgbench -c 32 -j 2 -T 10 -f /tmp/modex-bare.sql); ceiling_wal=$(wal_since_reset)
    wal_reset; mix=$("$modex" bench --clients 32 --seconds 10 --show "$show" --json 2>/dev/null); mix_wal=$(wal_since_reset)
    own=$("$modex" bench --clients 32 --threads 32 --seconds 10 --show "$show" --json 2>/dev/null)
    echo "== round $round, 32 clients: ceiling $ceiling" | sed 's/number of failed transactions: 0 (0.000%) //; s/ (without initial connection time)//'
    echo "   ($ceiling_wal)"
    tps=$(sed -n 's/.*tps = \([0-9.]*\).*/\1/p' <<<"$ceiling")
    awk -v t="$(json_number "$mix" transactions_per_second)" -v p="$(json_number "$mix" hold_p99_ms)" -v c="$tps" \
        -v k="$(json_number "$mix" conflicts)" -v f="$(json_number "$mix" seats_taken_before_percent)" \
        'BEGIN { printf "   booking mix %.0f tx/s, hold p99 %.2f ms: %.2f x the ceiling (%d conflicts; show %.1f %% taken before)\n", t, p, t / c, k, f }'
    echo "   ($mix_wal)"
    # The same mix with a thread per terminal (each picker is a process of its own), after it.
    awk -v t="$(json_number "$own" transactions_per_second)" -v p="$(json_number "$own" hold_p99_ms)" -v c="$tps" \
        'BEGIN { printf "   a thread per terminal: %.0f tx/s, hold p99 %.2f ms: %.2f x the ceiling\n", t, p, t / c }'
done
# Where the hold p99 crosses 15 ms: the ceiling and the booking mix back to back at each count.
for c in 12 16 24; do
    ceiling=$(pgbench -c $c -j 2 -T 10 -f /tmp/modex-bare.sql)
    mix=$("$modex" bench --clients $c --seconds 10 --show "$show" --json 2>/dev/null)
    echo "== $c clients: ceiling $(sed 's/number of failed transactions: 0 (0.000%) //; s/ (without initial connection time)//' <<<"$ceiling")"
    echo "   booking mix $(json_number "$mix" transactions_per_second | cut -d. -f1) tx/s, hold p50 $(json_number "$mix" hold_p50_ms) ms, p99 $(json_number "$mix" hold_p99_ms) ms"
done
# 32 terminals paced (an open loop) instead of flat out: a box office's 32 clerks make a few
# holds a second between them; each hold is timed from when it was due.
for rate in 32 500 1000; do
    mix=$("$modex" bench --clients 32 --seconds 10 --rate $rate --show "$show" --json 2>/dev/null)
    echo "== 32 clients, open loop at $rate holds/s: $(json_number "$mix" holds_per_second | cut -d. -f1) holds/s, hold p50 $(json_number "$mix" hold_p50_ms) ms, p99 $(json_number "$mix" hold_p99_ms) ms, $(json_number "$mix" errors) errors"
done
echo "== modex bench hot seats: 32 clients fight over 10 seats for 30 s"; "$modex" bench --clients 32 --seconds 30 --hot 10 2>/dev/null
echo "== modex bench watchers, right after the load above (autovacuum and checkpoint at work)"; "$modex" bench watchers --sessions 200 --venue-seats 20000 2>/dev/null
echo "== modex bench --render"; "$modex" bench --render
echo "== modex check"; "$modex" check --sweep-lag 100000
"$modex" db stop >/dev/null
