"""The curation console's pages under load, on a history holding a large monitoring sweep.

    swift build -c release --product prakerja && swift build -c release --product sweep-benchmark
    .build/release/sweep-benchmark --runs 1 --courses 20000 --scaling 0 --keep /tmp/sweep-20000.sqlite
    python3 Benchmarks/console_load.py --prakerja .build/release/prakerja --history /tmp/sweep-20000.sqlite

A copy of the history gets an admin; `prakerja serve` serves it on a free port. Each page is
asked for --requests times one after another on a kept-alive connection (after 3 unmeasured), in
each of --runs rounds; the figures are each page's median and 95th percentile over the round's
requests, and the medians of those over the rounds (times are the client's, from the request's
first byte sent to the answer's last byte read, on loopback: the server's time plus the client's
own). Then --clients people at once read a mix of the pages for --seconds. The console's peak and
final RSS are the kernel's (/proc/PID/status). Target: every page's p95 under 100 ms, RSS under
200 MB.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from console_server import memory, percentile, serve, signed_in

PASSWORD = "console load benchmark password"


def timed(session, url):
    start = time.perf_counter()
    answer = session.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if answer.status_code != 200:
        sys.exit(f"{url} answered {answer.status_code}: {answer.text[:300]}")
    return elapsed, len(answer.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prakerja", default=".build/release/prakerja")
    parser.add_argument("--history", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="console-load-")
    history = os.path.join(work, "history.sqlite")
    shutil.copy(args.history, history)
    env = dict(os.environ, PRAKERJA_PASSWORD=PASSWORD)
    subprocess.run([args.prakerja, "users", "add", "admin", "--name", "Admin", "--role", "admin", "--store", history],
                   env=env, check=True, capture_output=True)
    server, base = serve(args.prakerja, history)
    try:
        session = signed_in(base, "admin", PASSWORD)
        runs_page = session.get(base + "/runs?kind=monitoring").text
        sweep = re.search(r'href="/runs/([^"/?]+)"', runs_page).group(1)
        courses_page = session.get(f"{base}/runs/{sweep}/courses").text
        total = int(re.search(r"(\d+) dari (\d+) pelatihan", courses_page).group(2))
        provider = re.search(r'<select name="provider">\s*<option value="">—</option>\s*<option value="([^"]+)"', courses_page).group(1)
        last_page = (total + 99) // 100
        pages = [
            ("dashboard", "/"),
            ("runs", "/runs"),
            ("sweep: problems", f"/runs/{sweep}"),
            ("sweep: all results", f"/runs/{sweep}?show=all"),
            ("sweep: last results page", f"/runs/{sweep}?show=all&after={total * 40 - 100}"),
            ("sweep: one indicator", f"/runs/{sweep}?show=all&check=M-PR-05"),
            ("sweep: one course", f"/runs/{sweep}?show=all&group=monitoring.{courses_page.split('<code>')[1].split('<')[0].lower()}"),
            ("courses", f"/runs/{sweep}/courses"),
            ("courses: last page", f"/runs/{sweep}/courses?page={last_page}"),
            ("courses: awaiting review", f"/runs/{sweep}/courses?status=awaiting-review"),
            ("courses: one indicator", f"/runs/{sweep}/courses?indicator=M-PR-05"),
            ("courses: one provider", f"/runs/{sweep}/courses?provider={provider}"),
            ("courses: a method", f"/runs/{sweep}/courses?method=manual"),
            ("a result with evidence", f"/runs/{sweep}/results/1"),
        ]
        print(f"console over a history with a sweep of {total} courses ({total * 40} results); {args.runs} rounds of "
              f"{args.requests} requests a page (p50 / p95 ms, medians over rounds):")
        figures = {name: [] for name, _ in pages}
        for _ in range(args.runs):
            for name, path in pages:
                for _ in range(3):
                    timed(session, base + path)
                times = [timed(session, base + path)[0] for _ in range(args.requests)]
                figures[name].append((statistics.median(times), percentile(times, 0.95)))
        worst = 0
        for name, path in pages:
            p50 = statistics.median(f[0] for f in figures[name])
            p95 = statistics.median(f[1] for f in figures[name])
            worst = max(worst, p95)
            size = timed(session, base + path)[1]
            print(f"  {name:26} {p50:7.1f} / {p95:7.1f}   ({size / 1024:.0f} KB)")

        # People at once: each a session of their own, reading the pages in turn.
        latencies, lock, stop = [], threading.Lock(), time.time() + args.seconds

        def person(index):
            own = signed_in(base, "admin", PASSWORD) if index else session
            mine, step = [], index
            while time.time() < stop:
                mine.append(timed(own, base + pages[step % len(pages)][1])[0])
                step += 1
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=person, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        used = memory(server.pid)
        print(f"  {args.clients} people at once for {args.seconds:.0f} s: {len(latencies) / args.seconds:.0f} pages/s, "
              f"p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms")
        print(f"  console RSS: {used['VmRSS']:.0f} MB now, {used['VmHWM']:.0f} MB at most")
        print(f"  slowest page's p95 {worst:.1f} ms (target under 100 ms); peak RSS {used['VmHWM']:.0f} MB (target under 200 MB)")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
