"""Schemathesis hooks that sign every request the way a SNAP BI payment partner checks it.

Loaded by run_schemathesis.py through SCHEMATHESIS_HOOKS. The access-token request is signed
SHA256withRSA over `client_id|X-TIMESTAMP`; every other call carries the bearer token and an
HMAC-SHA512 over `POST:path:token:hex(SHA-256(minified body)):X-TIMESTAMP` (Specs/signatures.md).
Environment: SNAP_BASE_URL, SNAP_CLIENT_ID, SNAP_CLIENT_SECRET_FILE, SNAP_PRIVATE_KEY_FILE.
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import random

import sys

import requests
import schemathesis
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

# The independent vectors' byte-scanning minifier: it keeps escapes as sent, as partners must.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Conformance", "vectors"))
from generate import minify_by_scanning as minify  # noqa: E402

BASE = os.environ["SNAP_BASE_URL"]
CLIENT_ID = os.environ["SNAP_CLIENT_ID"]
with open(os.environ["SNAP_CLIENT_SECRET_FILE"]) as file:
    SECRET = file.read().strip()
with open(os.environ["SNAP_PRIVATE_KEY_FILE"], "rb") as file:
    KEY = serialization.load_pem_private_key(file.read(), password=None)
TOKEN_PATH = "/v1.0/access-token/b2b"
_token = {}


def timestamp():
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    return now.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def rsa_headers():
    stamp = timestamp()
    signature = KEY.sign(f"{CLIENT_ID}|{stamp}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return {"X-TIMESTAMP": stamp, "X-CLIENT-KEY": CLIENT_ID, "X-SIGNATURE": base64.b64encode(signature).decode(),
            "Content-Type": "application/json"}


def token():
    return _token["value"]


# One token for the run, fetched before any test: the partner refuses a second token request
# signed in the same second (the RSA signature would be identical: a replay).
_token["value"] = requests.post(BASE + TOKEN_PATH, headers=rsa_headers(), data=b'{"grantType":"client_credentials"}',
                                timeout=10).json()["accessToken"]


@schemathesis.hook
def before_call(context, case, kwargs):
    # The transport sends the body as `requests` serializes JSON; the signature covers its
    # minified form, which is the same whatever the whitespace.
    try:
        data = json.dumps(case.body).encode() if isinstance(case.body, (dict, list, str, int, float, bool, type(None))) else b""
    except (TypeError, ValueError):
        data = b""
    headers = dict(case.headers or {})
    if case.formatted_path == TOKEN_PATH:
        headers.update(rsa_headers())
    else:
        access = token()
        stamp = timestamp()
        digest = hashlib.sha256(minify(data)).hexdigest()
        message = f"{case.method.upper()}:{case.formatted_path}:{access}:{digest}:{stamp}".encode()
        headers.update({
            "Content-Type": "application/json",
            "Authorization": f"Bearer {access}",
            "X-TIMESTAMP": stamp,
            "X-SIGNATURE": base64.b64encode(hmac.new(SECRET.encode(), message, hashlib.sha512).digest()).decode(),
            "X-PARTNER-ID": CLIENT_ID,
            "X-EXTERNAL-ID": "".join(random.choice("0123456789") for _ in range(20)),
            "CHANNEL-ID": "95221",
        })
    case.headers = headers
