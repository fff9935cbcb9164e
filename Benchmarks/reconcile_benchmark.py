"""`prakerja disbursements reconcile` next to DuckDB doing the same join and classification from
the same CSV files, in one run, on this machine.

    swift build -c release --product prakerja
    pip install duckdb
    python3 Benchmarks/reconcile_benchmark.py --prakerja .build/release/prakerja --instructions 24000000

DuckDB writes the files (deterministic): --instructions rows of the program's instructions (a
recipient's four months, five payment partners, due dates through 2021) and one statement file
per partner in which most payments are right and a planted share is not: never paid, pending,
paid late, paid twice under one reference, a recipient's month paid under a second instruction,
another amount, a fee, another holder's account, payments never instructed, and a few dirty rows.
Then, in each of --runs rounds, the kit and DuckDB (its own process: `duckdb` from PyPI, every
core) reconcile them; each is timed from its start to its exit with its peak RSS (the kernel's
high-water mark, GNU time). The two must agree on every partner's figures (a check on both), and
the medians are printed side by side. Targets: the kit at least as fast as DuckDB, peak RSS under 1 GB.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PARTNERS = ["DANA", "OVO", "GOPAY", "LINKAJA", "BNI"]
KINDS = ["late", "neverPaid", "paidTwice", "wrongAmount", "fee", "holderMismatch", "notInstructed"]

# The instructions and statements, written by DuckDB. Instruction i is recipient i // 4's month
# i % 4 + 1; h is a hash of i that picks what goes wrong with its payment (per 10,000).
GENERATE = """
CREATE TEMP TABLE base AS
SELECT i, 'PRK-' || strftime(eligible, '%Y%m%d') || '-' || lpad(CAST(i AS VARCHAR), 9, '0') AS reference,
       ['DANA','OVO','GOPAY','LINKAJA','BNI'][1 + (i % 5)::INT] AS partner,
       CAST(3200000000000000 + i // 4 AS VARCHAR) AS nik, i % 4 + 1 AS month, eligible, hash(i) % 10000 AS h
FROM (SELECT range AS i, DATE '2021-01-04' + CAST((range // 4) % 200 + 30 * (range % 4) AS INTEGER) AS eligible FROM range({n}));
-- a recipient's month instructed a second time (and paid: a double payment)
CREATE TEMP TABLE i AS
SELECT i * 2 AS position, * FROM base
UNION ALL SELECT i * 2 + 1, i, 'PRK-D-' || CAST(i AS VARCHAR), partner, nik, month, eligible, h FROM base WHERE h BETWEEN 127 AND 128;
COPY (SELECT reference, partner, nik, month AS incentiveMonth, '600000.00' AS amount, eligible AS eligibleOn FROM i ORDER BY position)
  TO '{folder}/instructions.csv' (HEADER);
CREATE TEMP TABLE s AS
SELECT reference, 'P' || lpad(CAST(position AS VARCHAR), 10, '0') AS partnerReference, partner,
       CASE WHEN h BETWEEN 100 AND 109 THEN 590000 ELSE 600000 END AS amount,
       CASE WHEN h BETWEEN 110 AND 119 THEN 2500 ELSE 0 END AS fee,
       strftime(eligible + CAST(CASE WHEN h BETWEEN 60 AND 89 THEN 12 ELSE 2 END AS INTEGER), '%Y-%m-%d') || 'T10:00:00+07:00' AS paidAt,
       CASE WHEN h BETWEEN 120 AND 124 THEN CAST(3300000000000000 + i AS VARCHAR) ELSE nik END AS holderNIK,
       CASE WHEN h BETWEEN 40 AND 59 THEN '03' ELSE '00' END AS status, position * 2 AS position
FROM i WHERE h >= 40
UNION ALL  -- paid twice under one reference
SELECT reference, 'Q' || lpad(CAST(position AS VARCHAR), 10, '0'), partner, 600000, 0,
       strftime(eligible + 3, '%Y-%m-%d') || 'T10:00:00+07:00', nik, '00', position * 2 + 1 FROM i WHERE h BETWEEN 90 AND 99
UNION ALL  -- paid with no instruction
SELECT 'PRK-X-' || CAST(i AS VARCHAR), 'X' || lpad(CAST(i AS VARCHAR), 10, '0'), partner, 600000, 0,
       strftime(eligible + 2, '%Y-%m-%d') || 'T10:00:00+07:00', nik, '00', position * 2 + 1 FROM i WHERE h BETWEEN 125 AND 126 AND position % 2 = 0;
"""

# The same reconciliation in SQL: an instruction's due day is the fifth working day after its
# eligible day (weekends and the 2021 holidays off), as the kit's calendar counts.
RECONCILE = """
SET threads TO {threads};
SET enable_progress_bar = false;
CREATE TEMP TABLE holiday(d DATE);
INSERT INTO holiday VALUES {holidays};
CREATE TEMP TABLE day AS
SELECT d::DATE AS d, (isodow(d) < 6 AND d NOT IN (SELECT d FROM holiday)) AS working
FROM range(DATE '2021-01-01', DATE '2022-01-01', INTERVAL 1 DAY) t(d);
CREATE TEMP TABLE numbered AS
SELECT d, working, sum(CASE WHEN working THEN 1 ELSE 0 END) OVER (ORDER BY d) AS n FROM day;
CREATE TEMP TABLE due AS
SELECT a.d AS eligible, min(b.d) AS due FROM numbered a JOIN numbered b ON b.working AND b.n = a.n + {days} GROUP BY a.d;
CREATE TEMP TABLE ins AS SELECT reference, partner, nik, incentiveMonth AS month, CAST(amount AS DECIMAL(18,2)) AS amount, eligibleOn,
  row_number() OVER () AS position
  FROM read_csv('{folder}/instructions.csv', header = true, all_varchar = true);
CREATE TEMP TABLE st AS SELECT * FROM read_csv({statements}, header = true, all_varchar = true, ignore_errors = true);
CREATE TEMP TABLE paid AS
SELECT reference, count(DISTINCT partnerReference) AS payments, arg_min(st, partnerReference) AS first
FROM st WHERE status = '00' GROUP BY reference;
CREATE TEMP TABLE judged AS
SELECT ins.*, p.payments, p.first,
       row_number() OVER (PARTITION BY ins.nik, ins.month, p.payments IS NOT NULL ORDER BY ins.position) AS nthPaid
FROM ins LEFT JOIN paid p USING (reference);
SELECT j.partner,
       count(*) AS instructions,
       count(j.payments) AS paid,
       count(*) FILTER (WHERE j.payments IS NULL) AS neverPaid,
       count(*) FILTER (WHERE j.payments > 1) + count(*) FILTER (WHERE j.payments IS NOT NULL AND j.nthPaid > 1) AS paidTwice,
       count(*) FILTER (WHERE CAST(j.first.amount AS DECIMAL(18,2)) <> j.amount) AS wrongAmount,
       count(*) FILTER (WHERE CAST(j.first.fee AS DECIMAL(18,2)) <> 0) AS fee,
       count(*) FILTER (WHERE j.first.holderNIK <> j.nik) AS holderMismatch,
       count(*) FILTER (WHERE CAST(substr(j.first.paidAt, 1, 10) AS DATE) > d.due) AS late
FROM judged j LEFT JOIN due d ON d.eligible = CAST(j.eligibleOn AS DATE) GROUP BY j.partner ORDER BY j.partner
"""

# DuckDB's reader (ignore_errors) takes the planted row with an unclosed quote as a payment of
# PRK-broken; the kit sets it aside as malformed: that row is left out of DuckDB's count.
NOT_INSTRUCTED = """
SELECT partner, count(*) FROM read_csv({statements}, header = true, all_varchar = true, ignore_errors = true)
WHERE status = '00' AND reference <> 'PRK-broken' AND reference NOT IN (SELECT reference FROM read_csv('{folder}/instructions.csv', header = true, all_varchar = true))
GROUP BY partner ORDER BY partner;
"""


def timed(command, env=None):
    """Runs `command`; its wall seconds and peak RSS in MB (GNU time), and its output."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], capture_output=True, text=True, env=env)
    if result.returncode not in (0, 1, 4):  # 1 exceptions, 4 a dirty feed: the verdicts, not failures
        sys.exit(f"{command[0]} exited {result.returncode}: {result.stderr[-2000:]}{result.stdout[-2000:]}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024, result.stdout


def holidays():
    with open("Sources/PrakerjaModels/Resources/indonesia-holidays.json") as file:
        days = json.load(file)["years"]["2021"]["holidays"]
    return ", ".join(f"(DATE '{day['date']}')" for day in days)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prakerja", default=".build/release/prakerja")
    parser.add_argument("--instructions", type=int, default=24_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--scratch", default=tempfile.gettempdir())
    parser.add_argument("--generate-only", action="store_true", help="write the files (if missing) and stop")
    args = parser.parse_args()
    import duckdb

    folder = os.path.join(args.scratch, f"reconcile-{args.instructions}")
    os.makedirs(folder, exist_ok=True)
    if not os.path.exists(os.path.join(folder, "instructions.csv")):
        print(f"writing {args.instructions:,} instructions and their statements to {folder} ...", flush=True)
        connection = duckdb.connect()
        connection.execute(GENERATE.format(n=args.instructions, folder=folder))
        for partner in PARTNERS:
            connection.execute(
                f"COPY (SELECT * EXCLUDE (position) FROM s WHERE partner = '{partner}' ORDER BY position) TO '{folder}/{partner.lower()}.csv' (HEADER)")
        connection.close()
        # A few dirty rows, as a partner's export has them.
        with open(os.path.join(folder, "dana.csv"), "a") as dana:
            dana.write("PRK-broken,D-broken,DANA,600000\n")
            dana.write('PRK-broken,"D-unclosed,DANA,600000,0,2021-05-01T10:00:00+07:00,3200000000000000,00\n')
    statements = [os.path.join(folder, f"{partner.lower()}.csv") for partner in PARTNERS]
    sizes = sum(os.path.getsize(path) for path in [os.path.join(folder, "instructions.csv"), *statements])
    print(f"{args.instructions:,} instructions, {sizes / 1e9:.2f} GB of CSV")
    if args.generate_only:
        return

    listed = repr(statements)  # a Python list of strings is a DuckDB list literal
    sql = RECONCILE.format(threads=args.threads, holidays=holidays(), days=5, folder=folder, statements=listed)
    program = (
        "import duckdb, json, sys\n"
        "c = duckdb.connect()\n"
        f"rows = None\nfor statement in {sql!r}.split(';'):\n"
        "    if statement.strip(): rows = c.execute(statement).fetchall()\n"
        f"extra = c.execute({NOT_INSTRUCTED.format(folder=folder, statements=listed)!r}).fetchall()\n"
        "print(json.dumps({'partners': rows, 'notInstructed': extra}, default=str))\n"
    )
    kit_times, kit_rss, duck_times, duck_rss = [], [], [], []
    for run in range(1, args.runs + 1):
        reports = os.path.join(folder, "reports")
        command = [args.prakerja, "disbursements", "reconcile", "--instructions", os.path.join(folder, "instructions.csv"), "--report-dir", reports]
        for path in statements:
            command += ["--statements", path]
        seconds, rss, _ = timed(command)
        kit_times.append(seconds)
        kit_rss.append(rss)
        with open(os.path.join(reports, "reconciliation.json")) as file:
            kit = json.load(file)
        seconds, rss, output = timed([sys.executable, "-c", program])
        duck_times.append(seconds)
        duck_rss.append(rss)
        duck = json.loads(output)
        print(f"run {run}: prakerja {kit_times[-1]:.1f} s, {kit_rss[-1]:.0f} MB; duckdb {duck_times[-1]:.1f} s, {duck_rss[-1]:.0f} MB", flush=True)
        if run == 1:
            agree(kit, duck)
    ratio = statistics.median(duck_times) / statistics.median(kit_times)
    print(f"\nmedian of {args.runs}: prakerja {statistics.median(kit_times):.1f} s (peak {max(kit_rss):.0f} MB), "
          f"duckdb {statistics.median(duck_times):.1f} s (peak {max(duck_rss):.0f} MB): the kit at {ratio:.2f}x DuckDB's speed")


def agree(kit, duck):
    """The kit's and DuckDB's figures, partner by partner: they must be the same."""
    columns = ["instructions", "paid", "neverPaid", "paidTwice", "wrongAmount", "fee", "holderMismatch", "late"]
    extra = dict(duck["notInstructed"])
    problems = []
    for row in duck["partners"]:
        partner = row[0]
        mine = next(p for p in kit["partners"] if p["partner"] == partner)
        for name, theirs in zip(columns, row[1:]):
            ours = mine[name] if name in ("instructions", "paid") else mine["exceptions"].get(name, 0)
            if ours != theirs:
                problems.append(f"{partner} {name}: prakerja {ours}, duckdb {theirs}")
        if mine["notInstructed"] != extra.get(partner, 0):
            problems.append(f"{partner} notInstructed: prakerja {mine['notInstructed']}, duckdb {extra.get(partner, 0)}")
    print("prakerja and DuckDB agree on every partner's figures" if not problems else "DISAGREE:\n  " + "\n  ".join(problems))
    if problems:
        sys.exit(1)
    print(f"dirty rows set aside by prakerja: {kit['problemCounts']}")


if __name__ == "__main__":
    main()
