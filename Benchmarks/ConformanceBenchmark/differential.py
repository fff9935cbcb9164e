"""Broken documents for the validator's differential check against jsonschema-rs.

Usage: python3 differential.py SCHEMA.json POINTER SEEDS.jsonl OUT.jsonl VERDICTS.jsonl [COUNT [SEED]]
POINTER "" takes the whole document as the schema. SEEDS.jsonl "synthesize" makes the seeds from the
schema itself (its examples, constants, enums and bounds), for schemas with no documents to hand.

Writes COUNT documents to OUT.jsonl, each a seed (a page cut to one to three of its items) with one
mutation, as a careless or hostile job portal would send it: a member removed or added, a value of
another type, a string emptied, too long, badly formed as a date, an e-mail or a URL, a number out of
range or fractional, an array emptied or with an item repeated. VERDICTS.jsonl has, line for line,
{"mutation": "...", "valid": <jsonschema-rs is_valid>}; `conformance-benchmark --differential`
compares the kit's two evaluations with it.
"""
import json
import random
import sys

import jsonschema_rs

contract_path, pointer, pages_path, out_path, verdicts_path = sys.argv[1:6]
count = int(sys.argv[6]) if len(sys.argv) > 6 else 3000
rng = random.Random(int(sys.argv[7]) if len(sys.argv) > 7 else 2026)
with open(contract_path) as file:
    contract = json.load(file)
# A schema inside a document is entered at its pointer; a whole schema document as it is.
root = dict(contract, **{"$ref": "#" + pointer}) if pointer else contract
validator = jsonschema_rs.Draft202012Validator(root, validate_formats=True)


def parsed(line):
    try:
        return json.loads(line)
    except ValueError:
        return None  # the adversarial feeds hold lines that are not JSON; they seed nothing


def resolve(schema):
    """The schema a local `$ref` names (followed until it names no other)."""
    for _ in range(32):
        if not isinstance(schema, dict) or not str(schema.get("$ref", "")).startswith("#/"):
            return schema
        target = contract
        for token in schema["$ref"][2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        schema = target
    return schema


def synthesize(schema, depth=0):
    """An instance built from the schema's own examples, constants, enums and bounds."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or depth > 8:
        return None
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    if schema.get("examples"):
        return rng.choice(schema["examples"])
    if "example" in schema:
        return schema["example"]
    if schema.get("enum"):
        return rng.choice(schema["enum"])
    for key in ("allOf", "oneOf", "anyOf"):
        if schema.get(key):
            parts = [synthesize(part, depth + 1) for part in schema[key]]
            objects = [part for part in parts if isinstance(part, dict)]
            if key == "allOf" and objects:
                return {k: v for part in objects for k, v in part.items()}
            return rng.choice(parts)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = rng.choice(kind)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return {
            name: synthesize(sub, depth + 1) for name, sub in properties.items() if name in required or rng.random() < 0.7
        }
    if kind == "array":
        return [synthesize(schema.get("items", {}), depth + 1) for _ in range(max(schema.get("minItems", 1), 1))]
    if kind == "integer":
        return schema.get("minimum", 1)
    if kind == "number":
        return schema.get("minimum", 1.5)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "null":
        return None
    return "x" * max(schema.get("minLength", 1), 1)


if pages_path == "synthesize":
    target = resolve({"$ref": "#" + pointer}) if pointer else contract
    pages = [synthesize(target) for _ in range(20)]
else:
    with open(pages_path) as file:
        pages = [value for value in map(parsed, file) if value is not None]


def nodes(value, path=()):
    """Every (path, value) in the document."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from nodes(child, path + (index,))


def replace(document, path, new):
    if not path:
        return new
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return document


STRANGE_STRINGS = [
    "", " ", "x" * 5000, "2026-13-45T25:61:00Z", "2026-02-30", "2026-12-01 09:00:00", "not-an-email", "a@", "@b.c",
    "http//missing-colon", "ftp://", "\u0000", "\ud7ff\ue000", "🙂", "null", "12", "-1", "true", "IDR", "idr",
]
STRANGE_NUMBERS = [0, -1, 1.5, -0.0, 1e300, 2**63, -(2**63) - 1, 0.1, 100, 999999999999, 1e-9]
OTHER_VALUES = [None, True, False, 0, 1.25, "", "text", [], {}, [None], {"": None}]


def mutate(document):
    """One mutation of the document, in place where it can be; returns (description, document)."""
    path, value = rng.choice(list(nodes(document)))
    where = "/" + "/".join(str(step) for step in path)
    kind = rng.randrange(8)
    if kind == 0 and isinstance(value, dict) and value:
        key = rng.choice(list(value))
        del value[key]
        return f"removed {where}/{key}", document
    if kind == 1 and isinstance(value, dict):
        value[rng.choice(["extra", "id", "salary", "Title", "__proto__", ""])] = rng.choice(OTHER_VALUES)
        return f"added a member to {where}", document
    if kind == 2 and isinstance(value, str):
        new = rng.choice(STRANGE_STRINGS)
        return f"string at {where} -> {new[:20]!r}", replace(document, path, new)
    if kind == 3 and isinstance(value, (int, float)) and not isinstance(value, bool):
        new = rng.choice(STRANGE_NUMBERS)
        return f"number at {where} -> {new!r}", replace(document, path, new)
    if kind == 4 and isinstance(value, list):
        if value and rng.random() < 0.5:
            value.append(json.loads(json.dumps(rng.choice(value))))
            return f"repeated an item of {where}", document
        return f"emptied {where}", replace(document, path, [])
    if kind == 5 and isinstance(value, str) and value:
        new = value[: rng.randrange(len(value))] if rng.random() < 0.5 else value + rng.choice(["Z", " ", "0", "é"])
        return f"edited string at {where} -> {new[:20]!r}", replace(document, path, new)
    new = rng.choice(OTHER_VALUES)
    return f"value at {where} -> {json.dumps(new)}", replace(document, path, new)


with open(out_path, "w") as out, open(verdicts_path, "w") as verdicts:
    written = valid = 0
    while written < count:
        page = json.loads(json.dumps(rng.choice(pages)))
        document = page
        if isinstance(page, dict) and isinstance(page.get("items"), list) and len(page["items"]) > 3:
            document = dict(page, items=rng.sample(page["items"], rng.randint(1, 3)))
        description, document = mutate(document)
        verdict = validator.is_valid(document)
        valid += verdict
        out.write(json.dumps(document) + "\n")
        verdicts.write(json.dumps({"mutation": description, "valid": verdict}) + "\n")
        written += 1
print(f"differential.py: {count} mutated documents, {valid} valid by jsonschema-rs, {count - valid} invalid")
