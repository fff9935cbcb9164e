#!/bin/sh
# The 2022 flow with curl: {"redeem_code": ...} only, capitalised header names.
set -eu
base_url=$1 client_code=$2 sign_key=$3
code=PRAT-TC3-001-200
call() {
  path=/api/v1/integration/payment/redeem-code/$1
  body="{\"redeem_code\":\"$code\"}"
  timestamp=$(date +%s)
  signature=$(printf '%s' "$client_code$timestamp""POST$path$body" | openssl dgst -sha1 -hmac "$sign_key" | sed 's/^.* //')
  answer=$(curl -sS --max-time 60 -X POST "$base_url$path" -H 'Content-Type: application/json' -H "Client_code: $client_code" \
    -H "Timestamp: $timestamp" -H "Signature: $signature" --data-binary "$body")
  echo "$1: $answer"
  case $answer in *'"success":true'*) ;; *) exit 1 ;; esac
}
call reset
call status
call commit
