"""The 2022 flow with requests: signs the compact text, sends json.dumps (with spaces)."""
import hashlib, hmac, json, sys, time

import requests

base_url, client_code, sign_key = sys.argv[1:4]
code = "PRAT-TC3-001-200"
for operation in ("reset", "status", "commit"):
    path = "/api/v1/integration/payment/redeem-code/" + operation
    data = {"redeem_code": code}
    timestamp = str(int(time.time()))
    signed = '{"redeem_code":"' + code + '"}'
    signature = hmac.new(sign_key.encode(), (client_code + timestamp + "POST" + path + signed).encode(), hashlib.sha1).hexdigest()
    headers = {"Content-Type": "application/json", "client_code": client_code, "timestamp": timestamp, "signature": signature}
    answer = requests.post(base_url + path, data=json.dumps(data), headers=headers, timeout=60)
    print(operation + ":", answer.status_code, answer.text)
    if not answer.json().get("success"):
        sys.exit(1)
