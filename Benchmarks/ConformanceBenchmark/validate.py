"""The same validation as the Swift benchmark, with a Python validator (Draft 2020-12).

Usage: python3 validate.py SCHEMA_DOCUMENT.json POINTER PAYLOADS.jsonl RUNS [ENGINE [PASSES]]
ENGINE: jsonschema (the default), jsonschema-rs (instances parsed beforehand), or
jsonschema-rs-parsing (each instance parsed with json.loads inside the timed loop).
PASSES: how many times a run validates every instance (1 by default); one untimed pass comes
first, so a run measures a warm validator, as the Swift benchmark's runs do.
Prints one line per run: megabytes per second of JSON validated, and how many were invalid.
Formats are asserted, as the kit asserts them for a contract (both Python validators would
otherwise only annotate `format` in Draft 2020-12 and skip the date-time checks).
"""
import json
import sys
import time

document_path, pointer, payload_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
engine = sys.argv[5] if len(sys.argv) > 5 else "jsonschema"
passes = int(sys.argv[6]) if len(sys.argv) > 6 else 1
with open(document_path) as file:
    document = json.load(file)
uri = "urn:prakerja:contract"
if engine == "jsonschema":
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry = Registry().with_resource(uri, Resource.from_contents(document, default_specification=DRAFT202012))
    validator = Draft202012Validator(
        {"$ref": uri + "#" + pointer}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
else:
    import jsonschema_rs

    # The contract as the schema's root, entered at the pointer: its "#/components/..." references resolve in it.
    validator = jsonschema_rs.Draft202012Validator(dict(document, **{"$ref": "#" + pointer}), validate_formats=True)
with open(payload_path) as file:
    lines = [line for line in file if line.strip()]
instances = [json.loads(line) for line in lines]
size = sum(len(line.encode()) for line in lines)


def invalid_count():
    if engine == "jsonschema-rs-parsing":
        return sum(0 if validator.is_valid(json.loads(line)) else 1 for line in lines)
    return sum(0 if validator.is_valid(instance) else 1 for instance in instances)


invalid_count()
for _ in range(runs):
    started = time.perf_counter()
    invalid = sum(invalid_count() for _ in range(passes)) // passes
    elapsed = time.perf_counter() - started
    print(f"{size * passes / elapsed / 1e6:.2f} {invalid}")
