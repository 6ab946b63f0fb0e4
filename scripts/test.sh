#!/usr/bin/env bash
# Every test of the checkout, from a fresh Debian machine with Go 1.26:
# installs what the tests need, checks the tree is tidy, then runs go test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: php-cli cross-checks paykassma.Sign against
# the API document's own PHP code; chromium runs the browser tests (browser/),
# fonts-noto-core renders Hindi and Bengali in them, npm installs axe-core;
# nginx fronts two instances over TLS in the end-to-end test (e2e/);
# tesseract-ocr with its English data reads the payment screenshots, its
# Latin-script data gives the second opinion on an unsure TrxID.
need=()
command -v php >/dev/null 2>&1 || need+=(php-cli)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
# tesseract-ocr reads payment screenshots (ocr/, handlers/read.go, browser/read_test.go).
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
dpkg -s tesseract-ocr-eng >/dev/null 2>&1 || need+=(tesseract-ocr-eng)
dpkg -s tesseract-ocr-script-latn >/dev/null 2>&1 || need+=(tesseract-ocr-script-latn)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "== installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt (unattended-upgrades on a fresh machine) may hold the dpkg
    # lock: wait up to five minutes for it rather than fail.
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${need[@]}" >/dev/null
  else
    echo "== missing ${need[*]}: install them (sudo apt-get install ${need[*]}); tests that need them will skip" >&2
  fi
fi

echo "== go mod download"
go mod download

# axe-core for the browser tests, exactly as browser/package-lock.json pins
# it (Lighthouse, a devDependency, is only for browser/lighthouse.sh).
if [ ! -f browser/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "== npm ci (browser/)"
    (cd browser && npm ci --omit=dev --no-audit --no-fund)
  else
    echo "== missing npm: the browser tests will fail without axe-core" >&2
  fi
fi

echo "== templ generate is up to date"
sums() { find . -name '*_templ.go' -not -path './.git/*' -print0 | sort -z | xargs -0r sha256sum; }
before=$(sums)
go tool templ generate >/dev/null 2>&1
if [ "$before" != "$(sums)" ]; then
  echo "generated templ files were stale: 'go tool templ generate' changed them; commit the result" >&2
  exit 1
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test"
go test -race -count=1 ./...
