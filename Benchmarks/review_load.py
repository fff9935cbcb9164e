"""Reviewers giving verdicts in the curation console at once, on a history holding a large sweep.

    swift build -c release --product prakerja && swift build -c release --product sweep-benchmark
    .build/release/sweep-benchmark --runs 1 --courses 20000 --scaling 0 --keep /tmp/sweep-20000.sqlite
    python3 Benchmarks/review_load.py --prakerja .build/release/prakerja --history /tmp/sweep-20000.sqlite
    python3 Benchmarks/review_load.py --postgres "$(.ci/postgres start)"   # assessments only, SQLite and PostgreSQL

A copy of the history gets the fixture proposals assessed --assessments times over, an admin,
and --reviewers people: half assessors (of UGM and UI), half monitors (of IPB). The admin shares
the runs out evenly (`POST /reviews/balance`): the assessments to UGM and UI, the sweep to IPB.
Then every reviewer, at once for --seconds, works through their queue: reads it (`GET /reviews`,
in an order of their own), opens a result's page, sends a verdict with its form (`POST
.../review`; one form in ten sent twice, as a double click would), and reads the queue again. A
result a colleague decided meanwhile is refused (409, counted with the reason). The figures are each kind's verdicts per second and the
median, 95th and 99th percentile of a verdict's round trip (client time on loopback), and the
console's RSS. Then the history is read: every form the console answered with 302 must be
recorded exactly once, a form sent twice once, and nothing else recorded.

Without --history the history starts empty and every reviewer is an assessor; with --postgres
SERVER the same is done on a new database of that PostgreSQL server too, side by side.
"""
import argparse
import collections
import os
import re
import random
import secrets
import shutil
import sqlite3
import urllib.parse
import uuid
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from console_server import form_token, memory, percentile, serve, signed_in

PASSWORD = "review load benchmark password"


def postgres_database(server):
    """A new database on the PostgreSQL `server` (a postgres:// URL), as a history's URL."""
    url = urllib.parse.urlsplit(server)
    query = dict(urllib.parse.parse_qsl(url.query))
    env = dict(os.environ)
    if query.get("password", "").startswith("file:"):
        with open(query["password"][5:]) as secret:
            env["PGPASSWORD"] = secret.read().strip()
    name = "review_load_" + uuid.uuid4().hex[:8]
    subprocess.run(["psql", "-h", url.hostname, "-p", str(url.port), "-U", url.username, "-d", "postgres", "-qc", f"CREATE DATABASE {name}"],
                   env=env, check=True)
    return urllib.parse.urlunsplit(url._replace(path="/" + name)), env, (url, name)


def recorded_forms(store, psql):
    """The one-time ids of the forms the history recorded, one per review."""
    sql = "SELECT source FROM review WHERE source LIKE 'console form %'"
    if psql is None:
        rows = [row[0] for row in sqlite3.connect(store).execute(sql)]
    else:
        (url, name), env = psql
        rows = subprocess.run(["psql", "-h", url.hostname, "-p", str(url.port), "-U", url.username, "-d", name, "-Atc", sql], env=env,
                              check=True, capture_output=True, text=True).stdout.splitlines()
    return [row[len("console form "):] for row in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prakerja", default=".build/release/prakerja")
    parser.add_argument("--history", help="an SQLite history to start from (a copy is used): a large sweep for the monitors")
    parser.add_argument("--postgres", help="a PostgreSQL server's URL: the same on a new database there, side by side")
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--assessments", type=int, default=12, help="times the fixture proposals are assessed")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="review-load-")
    history = os.path.join(work, "history.sqlite")
    if args.history:
        shutil.copy(args.history, history)
    lost = measure(args, history, None, "SQLite")
    if args.postgres:
        store, env, where = postgres_database(args.postgres)
        lost += measure(args, store, (where, env), "PostgreSQL")
    if lost:
        sys.exit("a verdict was lost or recorded twice")


def measure(args, store, psql, label):
    """The benchmark on the history `store`; how many verdicts were lost or recorded twice."""
    work = tempfile.mkdtemp(prefix="review-load-")
    env = dict(os.environ, PRAKERJA_PASSWORD=PASSWORD)
    proposals = sorted(os.path.join("Conformance/fixtures/proposals", name) for name in os.listdir("Conformance/fixtures/proposals"))
    for _ in range(args.assessments):
        subprocess.run([args.prakerja, "assess", *proposals, "--store", store, "--report-dir", os.path.join(work, "reports")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    people = [("admin", ["--role", "admin"])]
    for index in range(args.reviewers):
        if index % 2 == 0 or not args.history:
            people.append((f"asesor{index}", ["--role", "assessor", "--institution", "UGM" if index % 4 == 0 else "UI"]))
        else:
            people.append((f"pemantau{index}", ["--role", "monitor", "--institution", "IPB"]))
    for login, role in people:
        subprocess.run([args.prakerja, "users", "add", login, "--name", login, *role, "--store", store], env=env, check=True,
                       stdout=subprocess.DEVNULL)

    server, base = serve(args.prakerja, store)
    try:
        admin = signed_in(base, "admin", PASSWORD)
        page = admin.get(base + "/reviews").text
        runs = re.findall(r'action="/runs/([^"/]+)/assign"', page)
        started = time.perf_counter()
        answer = admin.post(base + "/reviews/balance", data={"csrf": form_token(page)}, allow_redirects=False)
        print(f"the admin shares {len(runs)} runs out among the institutions: {answer.status_code} in {time.perf_counter() - started:.2f} s")
        # Then gives each assessment to one assessor, in turn, as a team lead would: colleagues
        # of one institution then meet only on the critical results that want a second reviewer.
        assessors = [login for login, role in people if "assessor" in role]
        for index, run in enumerate(runs):
            admin.post(base + f"/runs/{run}/assign", data={"csrf": form_token(page), "to": f"person:{assessors[index % len(assessors)]}"},
                       allow_redirects=False)

        sent, lock = [], threading.Lock()  # (login, kind, nonce, status, seconds)
        reasons = collections.Counter()  # why verdicts were refused
        window = {}  # when every reviewer is signed in and has their queue, the clock starts

        def start_clock():
            window["start"] = time.time()
            window["stop"] = window["start"] + args.seconds

        barrier = threading.Barrier(len(people) - 1, action=start_clock)

        # Signed in one after another: sign-ins begun at once from one address are throttled
        # as guesses would be (20 at a time).
        sessions = {login: signed_in(base, login, PASSWORD) for login, _ in people[1:]}

        def queue(session, rng):
            """The results waiting for this reviewer, in an order of their own."""
            links = sorted(set(re.findall(r'href="(/runs/[^"/]+/results/\d+)"', session.get(base + "/reviews").text)))
            rng.shuffle(links)
            return links

        def reviewer(login):
            session, rng = sessions[login], random.Random(login)
            links = queue(session, rng)
            kind = "sweep" if login.startswith("pemantau") else "assessment"
            barrier.wait()
            # Each verdict: the result's page, then its form (one in ten sent twice, as a double
            # click), then the queue again. A result a colleague decided meanwhile is refused (409).
            while time.time() < window["stop"]:
                if not links:
                    return
                link = links[0]
                token = form_token(session.get(base + link).text)
                nonce = secrets.token_urlsafe(32)
                form = {"csrf": token, "form": nonce, "verdict": rng.choice(["pass", "pass", "fail"]), "note": f"{login} checked it"}
                for _ in range(2 if rng.random() < 0.1 else 1):
                    begun = time.perf_counter()
                    answer = session.post(base + link + "/review", data=form, allow_redirects=False)
                    elapsed = time.perf_counter() - begun
                    with lock:
                        sent.append((login, kind, nonce, answer.status_code, elapsed))
                        if answer.status_code != 302:
                            why = re.search(r"<p>([^<]*)</p>", answer.text)
                            reasons[re.sub(r"\S*\d\S*", "N", why.group(1) if why else str(answer.status_code))] += 1
                links = queue(session, rng)

        threads = [threading.Thread(target=reviewer, args=(login,)) for login, _ in people[1:]]
        peak = 0.0
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            peak = max(peak, memory(server.pid)["VmRSS"])
            time.sleep(0.5)
        elapsed = time.time() - window["start"]
        final, high = memory(server.pid)["VmRSS"], memory(server.pid)["VmHWM"]
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{label}: {args.reviewers} reviewers for {args.seconds:.0f} s on {args.history or 'a new history'}"
          f" (+ {args.assessments} x {len(proposals)} assessments)")
    for kind in ("assessment", "sweep"):
        mine = [entry for entry in sent if entry[1] == kind]
        times = [entry[4] * 1000 for entry in mine if entry[3] == 302]
        refused = [entry for entry in mine if entry[3] != 302]  # 409: a colleague decided it first
        if not mine:
            print(f"  {kind}: no verdict sent (nothing in the queues)")
            continue
        print(f"  {kind:10} {len(times):6} verdicts ({len(times) / elapsed:6.1f}/s)  p50 {statistics.median(times):7.1f} ms"
              f"  p95 {percentile(times, 0.95):7.1f} ms  p99 {percentile(times, 0.99):7.1f} ms  refused {len(refused)}"
              + (f" ({sorted({entry[3] for entry in refused})})" if refused else ""))
    for reason, count in reasons.most_common(4):
        print(f"  refused {count} times: {reason[:150]}")
    print(f"  console RSS: peak {max(peak, high):.0f} MB (kernel high-water mark {high:.0f} MB), at the end {final:.0f} MB")

    accepted = {entry[2] for entry in sent if entry[3] == 302}
    recorded = recorded_forms(store, psql)
    twice = len(recorded) - len(set(recorded))
    missing = accepted - set(recorded)
    unexpected = set(recorded) - accepted
    doubled = sum(1 for nonce in accepted if sum(1 for entry in sent if entry[2] == nonce) > 1)
    print(f"  recorded {len(recorded)} reviews for {len(accepted)} forms answered 302 ({doubled} of them sent twice):"
          f" {len(missing)} missing, {twice} recorded twice, {len(unexpected)} not answered 302")
    return len(missing) + twice + len(unexpected)


if __name__ == "__main__":
    main()
