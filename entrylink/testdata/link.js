// entryLink is the README's JavaScript snippet (Node.js: keep the key on the
// server); the Go tests run it and verify its links.
const crypto = require("node:crypto");

function entryLink(base, key, params, ttlSeconds = 900) {
  const p = { ...params, exp: String(Math.floor(Date.now() / 1000) + ttlSeconds) };
  const canonical = Object.keys(p).sort().map((k) => `${k}=${p[k]}`).join("\n");
  const sig = crypto.createHmac("sha256", key).update(canonical).digest("hex");
  return `${base}/start?${new URLSearchParams({ ...p, sig })}`;
}

// Test driver: a JSON object {base, key, params} on stdin, the link on stdout.
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const { base, key, params } = JSON.parse(input);
  console.log(entryLink(base, key, params));
});
