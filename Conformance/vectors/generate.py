#!/usr/bin/env python3
"""Independent reference implementation of the program's and SNAP BI's signature schemes.

Writes `signatures.json`: worked examples whose expected values come from Python's `hmac`,
`hashlib`, `json` and the `cryptography` package, never from the Swift code they test.

    python3 Conformance/vectors/generate.py          # (re)write signatures.json
    python3 Conformance/vectors/generate.py --check  # exit 1 if signatures.json is stale

The RSA test key pair in keys/ is created once (RSA 2048, e = 65537) and then reused, because
PKCS#1 v1.5 signatures are deterministic for a fixed key. It is a test key: never use it for real.
"""
import base64
import hashlib
import hmac
import json
import sys
from collections import OrderedDict
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys"
PRIVATE_PEM = KEYS / "snap-test-private.pem"
PUBLIC_PEM = KEYS / "snap-test-public.pem"
OUTPUT = HERE / "signatures.json"


def program_signature(client_code: str, sign_key: str, timestamp: str, method: str, path: str, body: bytes) -> str:
    """Lowercase hex HMAC-SHA1 over client_code + timestamp + METHOD + path + body, no separators."""
    message = client_code.encode() + timestamp.encode() + method.upper().encode() + path.encode() + body
    return hmac.new(sign_key.encode(), message, hashlib.sha1).hexdigest()


def minify(body: bytes) -> bytes:
    """SNAP minify: the same JSON without insignificant whitespace, field order kept."""
    if body == b"":
        return b""
    value = json.loads(body.decode("utf-8"), object_pairs_hook=OrderedDict)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def minify_by_scanning(body: bytes) -> bytes:
    """A second, unrelated minifier (drops whitespace outside strings) to cross-check `minify`."""
    out, in_string, escaped = bytearray(), False, False
    for byte in body:
        if in_string:
            out.append(byte)
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte in b" \t\r\n":
            continue
        else:
            out.append(byte)
            in_string = byte == 0x22
    return bytes(out)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(minify(body)).hexdigest()


def snap_symmetric(client_secret: str, method: str, path: str, token: str, body: bytes, timestamp: str):
    string_to_sign = f"{method.upper()}:{path}:{token}:{body_digest(body)}:{timestamp}"
    mac = hmac.new(client_secret.encode(), string_to_sign.encode(), hashlib.sha512).digest()
    return string_to_sign, base64.b64encode(mac).decode()


def rsa_sign(private_key, message: str) -> str:
    return base64.b64encode(private_key.sign(message.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def load_or_create_key():
    if not PRIVATE_PEM.exists():
        KEYS.mkdir(exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        PRIVATE_PEM.write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        PUBLIC_PEM.write_bytes(key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return serialization.load_pem_private_key(PRIVATE_PEM.read_bytes(), password=None)


LP_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
DP_KEY = "dp-sandbox-key-2021-Qw7Zr1"

PROGRAM_CASES = [
    ("redeem status, first session (the DOMAIN.md example message)",
     "client_code", "sign_key", "1698289216", "POST", "/api/v1/integration/payment/redeem-code/status",
     b'{"redeem_code":"GHOPNYXUVMT0","sequence":1}'),
    ("redeem status, post-test",
     "LPKOPI01", LP_KEY, "1635833655", "POST", "/api/v1/integration/payment/redeem-code/status",
     b'{"redeem_code":"GHOPNYXUVMT0","sequence":999}'),
    ("redeem commit",
     "LPKOPI01", LP_KEY, "1635833700", "POST", "/api/v1/integration/payment/redeem-code/commit",
     b'{"redeem_code":"GHOPNYXUVMT0"}'),
    ("attendance URL, pretty-printed body signed byte for byte (no minify in this scheme)",
     "LPKOPI01", LP_KEY, "1635833711", "POST", "/api/v1/integration/oauth/url-generate",
     b'{\n  "redeem_code": "GHOPNYXUVMT0",\n  "redirect_uri": "https://lp.example.id/prakerja/callback",\n'
     b'  "email": "siti.rahma@example.id",\n  "sequence": 2\n}'),
    ("DP quota check, lowercase method is signed uppercase",
     "DPMAJU02", DP_KEY, "1635900000", "post", "/api/v1/integration/payment/quota-schedule",
     b'{"course_code":"CRS-KOPI-001","schedule_code":"SCH-20211102-01"}'),
    ("empty body",
     "DPMAJU02", DP_KEY, "1635900001", "POST", "/api/v1/integration/payment/status", b""),
]

SNAP_SECRET = "snap-client-secret-7d1f0c2e"
SNAP_TOKEN = "eyJhbGciOiJIUzI1NiJ9.cHJha2VyamEtdGVzdA.c2lnbmF0dXJl"

TOPUP_BODY = (
    b'{\n  "partnerReferenceNo": "PRK-20211102-000001",\n  "customerNumber": "6281234567890",\n'
    b'  "customerName": "Siti Rahmawati",\n  "amount": { "value": "600000.00", "currency": "IDR" },\n'
    b'  "feeAmount": { "value": "0.00", "currency": "IDR" },\n'
    b'  "transactionDate": "2021-11-02T13:14:15+07:00",\n'
    b'  "notes": "Insentif Kartu Prakerja bulan ke-1 \xe2\x80\x94 tanpa potongan",\n'
    b'  "additionalInfo": { "nik": "3273014508950001", "incentiveMonth": 1 }\n}'
)

SNAP_SYMMETRIC_CASES = [
    ("e-money top-up, pretty-printed; whitespace inside strings is kept",
     "POST", "/v1.0/emoney/topup", TOPUP_BODY, "2021-11-02T13:14:15+07:00"),
    ("top-up status, already minified",
     "POST", "/v1.0/emoney/topup-status",
     b'{"originalPartnerReferenceNo":"PRK-20211102-000001","serviceCode":"38"}', "2021-11-02T13:20:00+07:00"),
    ("intrabank transfer, escapes and nested arrays kept verbatim",
     "POST", "/v1.0/transfer-intrabank",
     b'{ "partnerReferenceNo" : "PRK-20211102-000002", "amount" : {"value":"600000.00","currency":"IDR"},\n'
     b'\t"beneficiaryAccountNo" : "1234567890", "remark" : "Insentif \\"Prakerja\\" 1/4",'
     b' "transactionDate" : "2021-11-02T13:30:00+07:00",'
     b' "additionalInfo" : { "nik" : "3273014508950001", "incentiveMonth" : 1, "months" : [ 1 , 2 , 3 , 4 ] } }',
     "2021-11-02T13:30:00+07:00"),
    ("GET with an empty body",
     "GET", "/v1.0/balance-inquiry", b"", "2021-11-02T14:00:00+07:00"),
]

SNAP_CLIENT_ID = "PRAKERJA-PROGRAM-01"
TOKEN_CASES = [("B2B access token", SNAP_CLIENT_ID, "2021-11-02T13:14:15+07:00")]

# The partner signs its notifications with its own key, which the program holds the public half of;
# the program listens at the path its config gives the partner (the kit's default).
PARTNER_PRIVATE_PEM = KEYS / "partner-test-private.pem"
NOTIFICATION_CASES = [
    ("top-up notification from the payment partner",
     "POST", "/prakerja/notifications",
     b'{"partnerReferenceNo":"PRK-20211102-000001","referenceNo":"2021110213141500001","serviceCode":"38",'
     b'"latestTransactionStatus":"00","amount":{"value":"600000.00","currency":"IDR"},'
     b'"transactionDate":"2021-11-02T13:14:15+07:00"}',
     "2021-11-02T13:14:20+07:00"),
]


def build():
    key = load_or_create_key()
    vectors = OrderedDict()
    vectors["generator"] = "Conformance/vectors/generate.py (Python hmac, hashlib, json, cryptography)"
    vectors["prakerja"] = []
    for name, code, sign_key, ts, method, path, body in PROGRAM_CASES:
        message = code.encode() + ts.encode() + method.upper().encode() + path.encode() + body
        vectors["prakerja"].append(OrderedDict(
            name=name, clientCode=code, signKey=sign_key, timestamp=ts, method=method, path=path,
            body=body.decode(), message=message.decode(),
            signature=program_signature(code, sign_key, ts, method, path, body)))
    vectors["snapSymmetric"] = []
    for name, method, path, body, ts in SNAP_SYMMETRIC_CASES:
        assert minify(body) == minify_by_scanning(body), name
        string_to_sign, signature = snap_symmetric(SNAP_SECRET, method, path, SNAP_TOKEN, body, ts)
        vectors["snapSymmetric"].append(OrderedDict(
            name=name, clientSecret=SNAP_SECRET, accessToken=SNAP_TOKEN, method=method, path=path,
            timestamp=ts, body=body.decode(), minifiedBody=minify(body).decode(),
            bodySHA256=body_digest(body), stringToSign=string_to_sign, signature=signature))
    vectors["snapAsymmetricToken"] = []
    for name, client_id, ts in TOKEN_CASES:
        string_to_sign = f"{client_id}|{ts}"
        vectors["snapAsymmetricToken"].append(OrderedDict(
            name=name, clientID=client_id, timestamp=ts, stringToSign=string_to_sign,
            privateKey="keys/snap-test-private.pem", publicKey="keys/snap-test-public.pem",
            signature=rsa_sign(key, string_to_sign)))
    vectors["snapAsymmetricNotification"] = []
    partner_key = serialization.load_pem_private_key(PARTNER_PRIVATE_PEM.read_bytes(), password=None)
    for name, method, path, body, ts in NOTIFICATION_CASES:
        assert minify(body) == minify_by_scanning(body), name
        string_to_sign = f"{method}:{path}:{body_digest(body)}:{ts}"
        vectors["snapAsymmetricNotification"].append(OrderedDict(
            name=name, method=method, path=path, timestamp=ts, body=body.decode(),
            bodySHA256=body_digest(body), stringToSign=string_to_sign,
            privateKey="keys/partner-test-private.pem", publicKey="keys/partner-test-public.pem",
            signature=rsa_sign(partner_key, string_to_sign)))
    return json.dumps(vectors, indent=2, ensure_ascii=False) + "\n"


def main():
    text = build()
    if "--check" in sys.argv:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is stale: run {Path(__file__).name} and commit the result", file=sys.stderr)
            return 1
        print(f"{OUTPUT.name}: up to date")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
