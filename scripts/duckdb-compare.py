#!/usr/bin/env python3
"""DuckDB on the very same data as coexist-bench, for `scripts/bench --compare`.

Loads the 10M-stream CSV that coexist-bench wrote (and PATH.subnets.csv, its subnet-to-building map),
runs the same query shapes with 2 threads, and prints each median beside coexist's (PATH.figures.tsv)
as a ratio. DuckDB has no CQD classification, so the aggregation spells out the audio thresholds.
"""
import os
import statistics
import sys
import time

import duckdb

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/coexist-bench-10M.csv"
ours = {}
if os.path.exists(path + ".figures.tsv"):
    for line in open(path + ".figures.tsv"):
        name, ms = line.rstrip("\n").split("\t")
        ours[name] = float(ms)

con = duckdb.connect()
con.execute("SET threads = 2")

def timed(sql, runs=5):
    times = []
    for _ in range(runs):
        a = time.perf_counter()
        con.execute(sql).fetchall()
        times.append((time.perf_counter() - a) * 1000)
    return statistics.median(times)

POOR = ("(jitter_ms > 30 OR packet_loss_rate > 0.1 OR round_trip_ms > 500 "
        "OR concealed_ratio > 0.07 OR audio_degradation > 1.0)")
CLASSIFIED = ("(ice <> 'failed' AND jitter_ms IS NOT NULL AND packet_loss_rate IS NOT NULL AND round_trip_ms IS NOT NULL "
              "AND concealed_ratio IS NOT NULL AND audio_degradation IS NOT NULL)")

size_mb = os.path.getsize(path) / 1e6
load_ms = timed(f"CREATE OR REPLACE TABLE streams AS SELECT * FROM read_csv('{path}', header = true)", runs=3)
con.execute(f"CREATE OR REPLACE TABLE subnets AS SELECT * FROM read_csv('{path}.subnets.csv', header = true)")
con.execute("CREATE OR REPLACE TABLE s AS SELECT streams.*, subnets.building FROM streams "
            "LEFT JOIN subnets USING (subnet)")

queries = {
    "aggregation": f"""
        SELECT building, connection, count(*) AS streams,
               count(*) FILTER ({CLASSIFIED} AND {POOR}) AS poor,
               100.0 * count(*) FILTER ({CLASSIFIED} AND {POOR}) / nullif(count(*) FILTER ({CLASSIFIED}), 0) AS poor_pct,
               100.0 * count(*) FILTER (transport = 'tcp') / count(*) AS tcp_pct,
               100.0 * count(*) FILTER (setup_failed = 1) / nullif(count(*) FILTER (cdr_available = 1), 0) AS setup_pct,
               100.0 * count(*) FILTER (dropped = 1) / nullif(count(*) FILTER (cdr_available = 1 AND setup_failed = 0), 0) AS drop_pct
        FROM s WHERE modality = 'audio' GROUP BY building, connection""",
    "filter_count": """
        SELECT count(*) FROM s WHERE building = 'NYC-1' AND transport = 'tcp' AND modality = 'audio' AND jitter_ms > 20""",
    "top20": f"""
        SELECT subnet, 100.0 * count(*) FILTER ({POOR}) / count(*) AS poor_pct, count(*) AS n
        FROM s WHERE modality = 'audio' AND {CLASSIFIED}
        GROUP BY subnet HAVING count(*) >= 10 ORDER BY poor_pct DESC, n DESC LIMIT 20""",
}

def report(name, label, ms, extra=""):
    mine = ours.get(name)
    if not mine:
        ratio = "no coexist figure recorded"
    elif ms >= mine:
        ratio = f"coexist {mine:.1f} ms: {ms / mine:.1f}x faster"
    else:
        ratio = f"coexist {mine:.1f} ms: {mine / ms:.1f}x slower"
    print(f"duckdb {label:<38} {ms:8.1f} ms{extra}   ({ratio})")

report("import", f"CSV load ({int(size_mb)} MB)", load_ms, f"  {size_mb / (load_ms / 1000):.0f} MB/s")
for name, sql in queries.items():
    report(name, name.replace("_", " ") + " (10M)", timed(sql))
