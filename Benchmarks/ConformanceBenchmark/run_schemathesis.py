"""Runs schemathesis against a payment partner and prints what the benchmark compares:
`<requests> <seconds> <peak RSS MB> <failures>`.

Usage: python3 run_schemathesis.py SPEC BASE_URL MAX_EXAMPLES (with the SNAP_* environment of
schemathesis_hooks.py). The checks are the ones both tools make: server errors, status codes,
content types, response schemas and negative data.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

spec, base, examples = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as reports:
    har = os.path.join(reports, "run.har")
    environment = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks", PYTHONPATH=here)
    started = time.perf_counter()
    completed = subprocess.run(
        ["schemathesis", "run", spec, "--url", base, "--workers", "1", "--max-examples", examples, "--seed", "2021",
         "--phases", "examples,coverage,fuzzing",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection",
         "--report", "har", "--report-har-path", har, "--no-color"],
        # (In the temporary folder: schemathesis keeps a cache in `.schemathesis/` where it runs.)
        env=environment, capture_output=True, text=True, cwd=reports)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    try:
        with open(har) as file:
            requests_made = len(json.load(file)["log"]["entries"])
    except (OSError, ValueError, KeyError):
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        sys.exit(1)
    failures = completed.stdout.count("FAILED")
    print(f"{requests_made} {elapsed:.3f} {peak:.1f} {failures}")
    if os.environ.get("SCHEMATHESIS_OUTPUT"):
        sys.stderr.write(completed.stdout[-4000:])
