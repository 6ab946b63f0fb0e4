#!/usr/bin/env bash
# Lighthouse (12.x, mobile preset: Moto G-class phone, simulated slow 4G)
# on the checkout's choose and pay pages, with Debian's chromium.
# Not run in CI; record the scores in BENCHMARKS.md.
#
#   bash browser/lighthouse.sh            # reports in /tmp/lighthouse
#   OUT=dir PORT=18123 bash browser/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")"
out=${OUT:-/tmp/lighthouse}
port=${PORT:-18123}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
mkdir -p "$out"

# Lighthouse is a devDependency: scripts/test.sh installs only axe-core.
[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund

# The checkout as `go run .` serves it (sandbox mode), built once so the
# measurement does not include compiling.
bin=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$bin"' EXIT
(cd .. && go build -o "$bin/checkout" .)
(cd .. && SERVER_ADDR="127.0.0.1:$port" exec "$bin/checkout" >"$out/server.log" 2>&1) &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# The choose page as the merchant's link opens it; the pay page by its link
# there, which carries the depositor's state (Lighthouse starts without a
# cookie).
choose="$base/?label=lighthouse&currency_code=INR"
href=$(curl -fsS "$choose" | grep -o 'href="/pay/paytm[^"]*"' | head -1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
[ -n "$href" ] || { echo "no PayTM link on the choose page" >&2; exit 1; }
pay="$base$href"

for page in choose pay; do
  url=$choose; [ "$page" = pay ] && url=$pay
  node_modules/.bin/lighthouse "$url" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run" \
    --only-categories=performance,accessibility --form-factor=mobile \
    --output=json --output=html --output-path="$out/$page"
  node -e '
    const r = require(process.argv[1]);
    const s = c => Math.round(r.categories[c].score * 100);
    const a = id => r.audits[id].displayValue || "";
    console.log(`${process.argv[2]}: performance ${s("performance")}, accessibility ${s("accessibility")}` +
      ` (FCP ${a("first-contentful-paint")}, LCP ${a("largest-contentful-paint")}, TBT ${a("total-blocking-time")}, CLS ${a("cumulative-layout-shift")})`);
    for (const [id, au] of Object.entries(r.audits))
      if (au.score !== null && au.score < 0.9 && au.scoreDisplayMode !== "informative" && au.scoreDisplayMode !== "manual")
        console.log(`  - ${id}: ${au.title} ${au.displayValue || ""}`);
  ' "$out/$page.report.json" "$page"
done
echo "reports: $out/{choose,pay}.report.html"
