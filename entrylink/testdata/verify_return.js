// verifyReturn is the README's JavaScript snippet (Node.js); the Go tests
// run it on returns the checkout signed, and on tampered and expired ones.
const crypto = require("node:crypto");

function verifyReturn(key, params) { // the return URL's URLSearchParams, or a checkout:done event's detail
  const p = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const canonical = ["exp", "reference", "status"].filter((k) => p[k]).map((k) => `${k}=${p[k]}`).join("\n");
  const want = crypto.createHmac("sha256", key).update(canonical).digest();
  const got = Buffer.from(String(p.sig || ""), "hex");
  if (got.length !== want.length || !crypto.timingSafeEqual(got, want) || !(Date.now() / 1000 < Number(p.exp))) {
    return null; // forged, tampered with or expired
  }
  return { status: p.status, reference: p.reference || "" };
}

// Test driver: a JSON object {key, query} on stdin (query: the return URL's
// query string); the result as JSON on stdout, null when refused.
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const { key, query } = JSON.parse(input);
  console.log(JSON.stringify(verifyReturn(key, new URLSearchParams(query))));
});
