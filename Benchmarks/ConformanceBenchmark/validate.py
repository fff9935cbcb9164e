"""The same validation as the Swift benchmark, with Python's jsonschema (Draft 2020-12).

Usage: python3 validate.py SCHEMA_DOCUMENT.json POINTER PAYLOADS.jsonl RUNS
Prints one line per run: megabytes per second of JSON validated (instances parsed beforehand).
"""
import json
import sys
import time

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

document_path, pointer, payload_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(document_path) as file:
    document = json.load(file)
uri = "urn:prakerja:contract"
registry = Registry().with_resource(uri, Resource.from_contents(document, default_specification=DRAFT202012))
validator = Draft202012Validator({"$ref": uri + "#" + pointer}, registry=registry)
with open(payload_path) as file:
    lines = [line for line in file if line.strip()]
instances = [json.loads(line) for line in lines]
size = sum(len(line.encode()) for line in lines)
for _ in range(runs):
    started = time.perf_counter()
    invalid = sum(0 if validator.is_valid(instance) else 1 for instance in instances)
    elapsed = time.perf_counter() - started
    print(f"{size / elapsed / 1e6:.2f} {invalid}")
