"""A month of complaints folded into a monitoring sweep: `prakerja monitor` of --courses approved
courses against the reference provider and platform, with the program's feeds and without, in
one run, on this machine.

    swift build -c release --product prakerja
    python3 Benchmarks/complaint_fold_benchmark.py --prakerja .build/release/prakerja --courses 2000 --complaints 2000000

`prakerja reference proposals` and `prakerja reference feeds` write the courses and the feeds
(three months of enrolments and complaints about the courses, the newest month's survey
answers, and enough complaints about payments and nothing in particular to make the newest
month --complaints rows, as the contact centre's 1.9 million forms a month are); the reference
training provider and digital platform serve the same catalogue. Then, in each of --runs rounds,
the sweep runs without the feeds and with them (in turn, so the machine's drift falls on both),
each timed from its start to its exit with its peak RSS (GNU time). Target: the sweep with the
feeds at most 2x the time of the sweep without them.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

# The reference partners started and configured as the browser flows start them.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Browser"))
from browser_support import partner_config, start_reference  # noqa: E402

AT = "2026-12-03T08:00:00Z"


def timed(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], capture_output=True, text=True)
    if result.returncode not in (0, 1):  # 1: courses awaiting review or troubled, the sweep's verdict
        sys.exit(f"{' '.join(command[:2])} exited {result.returncode}: {result.stderr[-2000:]}{result.stdout[-2000:]}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prakerja", default=".build/release/prakerja")
    parser.add_argument("--courses", type=int, default=2000)
    parser.add_argument("--complaints", type=int, default=2_000_000, help="rows of the newest month's complaints")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    prakerja = os.path.abspath(args.prakerja)
    work = tempfile.mkdtemp(prefix="complaint-fold-")
    approved, feeds = os.path.join(work, "approved"), os.path.join(work, "feeds")
    subprocess.run([prakerja, "reference", "proposals", "--courses", str(args.courses), "--at", AT, "--output", approved], check=True)
    # The courses' own complaints first, to know how many more make the month's rows.
    written = subprocess.run(
        [prakerja, "reference", "feeds", "--courses", str(args.courses), "--at", AT, "--output", feeds], check=True, capture_output=True, text=True)
    course_rows = int(written.stdout.split()[0])
    other = max(0, args.complaints - course_rows)
    written = subprocess.run(
        [prakerja, "reference", "feeds", "--courses", str(args.courses), "--at", AT, "--output", feeds, "--other-complaints", str(other)],
        check=True, capture_output=True, text=True)
    print(written.stdout.strip())
    size = os.path.getsize(os.path.join(feeds, "complaints.csv")) / 1e6
    catalogue = ["--courses", str(args.courses), "--at", AT]
    provider, provider_url = start_reference(prakerja, "training-provider", os.path.join(work, "provider.log"), *catalogue)
    platform, platform_url = start_reference(prakerja, "digital-platform", os.path.join(work, "platform.log"), *catalogue)
    try:
        # No rate limit to speak of: the sweep's own work is what is timed.
        lp = partner_config("reference-training-provider", provider_url, work, requests_per_second=5000)
        dp = partner_config("reference-digital-platform", platform_url, work, requests_per_second=5000)
        base = [prakerja, "monitor", "--approved", approved, "--provider", lp, "--platform", dp, "--no-store", "--format", "json", "--concurrency", "16"]
        with_feeds = ["--complaints", os.path.join(feeds, "complaints.csv"), "--enrolments", os.path.join(feeds, "enrolments.csv"),
                      "--survey", os.path.join(feeds, "survey.csv")]
        figures = {"without": [], "with": []}
        for run in range(args.runs):
            for name, extra in [("without", []), ("with", with_feeds)]:
                seconds, rss, output = timed(base + extra + ["--report-dir", os.path.join(work, f"reports-{name}")])
                figures[name].append((seconds, rss))
                found = re.search(r"(\d+) courses warning", output)
                print(f"run {run + 1}: {name:7} the feeds {seconds:7.1f} s, peak {rss:6.0f} MB"
                      + (f", {found.group(1)} courses warning" if found else ""), flush=True)
    finally:
        for process in (provider, platform):
            process.terminate()
            process.wait(timeout=10)
    without = statistics.median(s for s, _ in figures["without"])
    with_ = statistics.median(s for s, _ in figures["with"])
    print(f"\nmonitoring sweep of {args.courses} courses, median of {args.runs} runs (release, this machine):")
    print(f"  without the feeds        {without:7.1f} s   peak {max(r for _, r in figures['without']):6.0f} MB")
    print(f"  with {args.complaints:,} complaints ({size:.0f} MB)  {with_:7.1f} s   peak {max(r for _, r in figures['with']):6.0f} MB")
    ratio = with_ / without
    print(f"  ratio {ratio:.2f}x (target: at most 2x) -> {'met' if ratio <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
