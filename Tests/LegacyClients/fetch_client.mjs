// The 2022 flow with Node's fetch: the timestamp rounded to the nearest second, not down.
import { createHmac } from "node:crypto";

const [baseURL, clientCode, signKey] = process.argv.slice(2);
const code = "PRAT-TC3-001-200";
for (const operation of ["reset", "status", "commit"]) {
  // Send early in the second half of a second, where Math.round goes up: the timestamp is then ahead.
  const inSecondHalf = () => Date.now() % 1000 >= 600 && Date.now() % 1000 < 800;
  while (!inSecondHalf()) await new Promise((resolve) => setTimeout(resolve, 10));
  const path = `/api/v1/integration/payment/redeem-code/${operation}`;
  const body = JSON.stringify({ redeem_code: code });
  const timestamp = String(Math.round(Date.now() / 1000));
  const signature = createHmac("sha1", signKey).update(clientCode + timestamp + "POST" + path + body).digest("hex");
  const answer = await fetch(baseURL + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", client_code: clientCode, timestamp, signature },
    body,
  });
  const text = await answer.text();
  console.log(`${operation}: ${answer.status} ${text}`);
  console.log(`signed ${operation} at ${timestamp}`);
  if (!JSON.parse(text).success) process.exit(1);
}
