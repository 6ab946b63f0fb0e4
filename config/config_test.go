package config

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// env is a getenv over a map.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// writeINI writes content to a temporary config file and returns its path.
func writeINI(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.ini")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoad_ShippedFileEqualsDefault(t *testing.T) {
	got, err := Load("../config.ini", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, Default()) {
		t.Errorf("config.ini differs from Default():\n got %+v\nwant %+v", got, Default())
	}
	noFile, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(noFile, Default()) {
		t.Errorf("Load(\"\") = %+v, want Default()", noFile)
	}
}

func TestShippedFile_EveryKeyPresentWithComment(t *testing.T) {
	raw, err := os.ReadFile("../config.ini")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	for _, o := range options {
		section, found := "", false
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "[") {
				section = strings.Trim(l, "[]")
				continue
			}
			if section == o.section && strings.HasPrefix(l, o.key+" =") {
				found = true
				if i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "#") {
					t.Errorf("%s has no # comment above it", o.name())
				}
			}
		}
		if !found {
			t.Errorf("%s missing from config.ini", o.name())
		}
	}
}

func TestDefault_WorksWithNoAccount(t *testing.T) {
	c := Default()
	checks := []struct {
		name      string
		got, want any
	}{
		{"server.addr", c.Server.Addr, ":8080"},
		{"admin.addr", c.Admin.Addr, "127.0.0.1:9090"},
		{"sandbox", c.UsesSandbox(), true},
		{"paykassma.timeout", c.Paykassma.Timeout, 15 * time.Second},
		{"server.log_flush", c.Server.LogFlush, 100 * time.Millisecond},
		{"server.memory_limit", c.Server.MemoryLimit, int64(32 << 20)},
		{"wallets.amount_required", c.Wallets.AmountRequired, []string{"upi_l", "upi_ib", "upi_hb", "upi_in", "upi_w", "upi_m", "phone_pe"}},
		{"wallets.redirect", c.Wallets.Redirect, []string{"bkash_api", "nagad_api"}},
		{"wallets.upi_intent", len(c.Wallets.UPIIntent), 0},
		{"wallets.identifier_ttl", c.Wallets.IdentifierTTL, 30 * time.Minute},
		{"uploads.max_size", c.Uploads.MaxBytes, int64(5 << 20)},
		{"session.key", c.Session.Key, ""},
	}
	for _, tc := range checks {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestWalletKinds_FollowTheLists(t *testing.T) {
	c := Default()
	tests := []struct {
		walletType             string
		amountNeeded, redirect bool
	}{
		{"upi_l", true, false},
		{"phone_pe", true, false},
		{"paytm", false, false},
		{"bkash", false, false},
		{"bkash_api", false, true},
		{"nagad_api", false, true},
	}
	for _, tc := range tests {
		if got := c.AmountRequired(tc.walletType); got != tc.amountNeeded {
			t.Errorf("AmountRequired(%q) = %v, want %v", tc.walletType, got, tc.amountNeeded)
		}
		if got := c.IsRedirect(tc.walletType); got != tc.redirect {
			t.Errorf("IsRedirect(%q) = %v, want %v", tc.walletType, got, tc.redirect)
		}
	}
}

// fileValues sets one value of each kind, which the env cases then override.
const fileValues = `
[server]
addr = :7000
[paykassma]
base_url = https://api.example.com/
secret = file-secret
timeout = 20s
[wallets]
redirect = bkash_api
identifier_ttl = 10m
[merchant]
allowed_origins = https://shop.example
allow_unsigned = true
[uploads]
max_size = 1MB
`

func TestLoad_EnvWinsOverFile(t *testing.T) {
	path := writeINI(t, fileValues)
	tests := []struct {
		name     string
		env      map[string]string
		get      func(*Config) any
		fromFile any
		fromEnv  any
	}{
		{"string", map[string]string{"PAYKASSMA_SECRET": "env-secret"},
			func(c *Config) any { return c.Paykassma.Secret }, "file-secret", "env-secret"},
		{"address", map[string]string{"SERVER_ADDR": "127.0.0.1:0"},
			func(c *Config) any { return c.Server.Addr }, ":7000", "127.0.0.1:0"},
		{"URL, trailing slash dropped", map[string]string{"PAYKASSMA_BASE_URL": "http://localhost:9999/prefix/"},
			func(c *Config) any { return c.Paykassma.BaseURL }, "https://api.example.com", "http://localhost:9999/prefix"},
		{"list, trimmed, empties dropped", map[string]string{"WALLETS_REDIRECT": " bkash_api , ,nagad_api,, Foo_API "},
			func(c *Config) any { return c.Wallets.Redirect }, []string{"bkash_api"}, []string{"bkash_api", "nagad_api", "foo_api"}},
		{"origins, normalized", map[string]string{"MERCHANT_ALLOWED_ORIGINS": "HTTPS://Shop.Example:443/, http://localhost:3000"},
			func(c *Config) any { return c.Merchant.AllowedOrigins }, []string{"https://shop.example"}, []string{"https://shop.example", "http://localhost:3000"}},
		{"duration", map[string]string{"WALLETS_IDENTIFIER_TTL": "1h30m"},
			func(c *Config) any { return c.Wallets.IdentifierTTL }, 10 * time.Minute, 90 * time.Minute},
		{"timeout", map[string]string{"PAYKASSMA_TIMEOUT": "5s"},
			func(c *Config) any { return c.Paykassma.Timeout }, 20 * time.Second, 5 * time.Second},
		{"log flush off", map[string]string{"SERVER_LOG_FLUSH": "off"},
			func(c *Config) any { return c.Server.LogFlush }, 100 * time.Millisecond, time.Duration(0)},
		{"log flush 0", map[string]string{"SERVER_LOG_FLUSH": "0"},
			func(c *Config) any { return c.Server.LogFlush }, 100 * time.Millisecond, time.Duration(0)},
		{"log flush", map[string]string{"SERVER_LOG_FLUSH": "1s"},
			func(c *Config) any { return c.Server.LogFlush }, 100 * time.Millisecond, time.Second},
		{"memory limit off", map[string]string{"SERVER_MEMORY_LIMIT": "off"},
			func(c *Config) any { return c.Server.MemoryLimit }, int64(32 << 20), int64(0)},
		{"memory limit", map[string]string{"SERVER_MEMORY_LIMIT": "64MiB"},
			func(c *Config) any { return c.Server.MemoryLimit }, int64(32 << 20), int64(64 << 20)},
		{"size", map[string]string{"UPLOADS_MAX_SIZE": "512KB"},
			func(c *Config) any { return c.Uploads.MaxBytes }, int64(1 << 20), int64(512 << 10)},
		{"empty variable counts as unset", map[string]string{"PAYKASSMA_SECRET": "  "},
			func(c *Config) any { return c.Paykassma.Secret }, "file-secret", "file-secret"},
		{"no file value: env over default", map[string]string{"MERCHANT_SIGNING_KEY": "k", "SESSION_KEY": strings.Repeat("s", 32)},
			func(c *Config) any { return c.Merchant.SigningKey + "|" + c.Session.Key }, "|", "k|" + strings.Repeat("s", 32)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file, err := Load(path, env(nil))
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.get(file); !reflect.DeepEqual(got, tc.fromFile) {
				t.Errorf("from file: %#v, want %#v", got, tc.fromFile)
			}
			withEnv, err := Load(path, env(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.get(withEnv); !reflect.DeepEqual(got, tc.fromEnv) {
				t.Errorf("with env: %#v, want %#v", got, tc.fromEnv)
			}
		})
	}
}

// A real Paykassma without a signing key would take any label from the query
// string: anyone could see another depositor's savings and pay as them.
func TestLoad_RealPaykassmaWantsASigningKeyOrAnExplicitChoice(t *testing.T) {
	real := map[string]string{"PAYKASSMA_BASE_URL": "https://api.example.com", "PAYKASSMA_SECRET": "s"}
	with := func(k, v string) map[string]string {
		m := maps.Clone(real)
		m[k] = v
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		ok   bool
	}{
		{"sandbox, no key: demo mode", nil, true},
		{"sandbox, allow_unsigned: nothing to allow", map[string]string{"MERCHANT_ALLOW_UNSIGNED": "true"}, true},
		{"real, no key", real, false},
		{"real, allow_unsigned false", with("MERCHANT_ALLOW_UNSIGNED", "false"), false},
		{"real, key", with("MERCHANT_SIGNING_KEY", "k"), true},
		{"real, allow_unsigned true", with("MERCHANT_ALLOW_UNSIGNED", "true"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load("", env(tc.env))
			if tc.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tc.ok {
				if err == nil {
					t.Fatalf("accepted: %+v", c.Merchant)
				}
				if !strings.Contains(err.Error(), "merchant.allow_unsigned = true") {
					t.Errorf("error %q does not say how to run unsigned on purpose", err)
				}
			}
		})
	}
	if c, _ := Load("", env(with("MERCHANT_ALLOW_UNSIGNED", "true"))); c == nil || !c.Unsigned() {
		t.Error("Unsigned() = false for a real Paykassma allowed to run unsigned")
	}
	if c, _ := Load("", env(with("MERCHANT_SIGNING_KEY", "k"))); c == nil || c.Unsigned() {
		t.Error("Unsigned() = true with a signing key")
	}
}

func TestParseSize_AcceptsUnitsAndByteCounts(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"5MB", 5 << 20},
		{"512KB", 512 << 10},
		{"1048576", 1 << 20},
		{"2 mb", 2 << 20},
		{"1G", 1 << 30},
		{"100B", 100},
	}
	for _, tc := range tests {
		got, err := parseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestLoad_InvalidValueNamesItsKey(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"WALLETS_IDENTIFIER_TTL": "abc"}, `config: wallets.identifier_ttl: "abc" is not a duration`},
		{map[string]string{"WALLETS_IDENTIFIER_TTL": "30"}, `config: wallets.identifier_ttl: "30" is not a duration`},
		{map[string]string{"WALLETS_IDENTIFIER_TTL": "-1m"}, `config: wallets.identifier_ttl: "-1m" must be positive`},
		{map[string]string{"PAYKASSMA_TIMEOUT": "fast"}, `config: paykassma.timeout: "fast" is not a duration`},
		{map[string]string{"SERVER_LOG_FLUSH": "6s"}, `config: server.log_flush: "6s" is too long`},
		{map[string]string{"SERVER_LOG_FLUSH": "-1s"}, `config: server.log_flush: "-1s" must be positive`},
		{map[string]string{"SERVER_LOG_FLUSH": "soon"}, `config: server.log_flush: "soon" is not a duration`},
		{map[string]string{"SERVER_MEMORY_LIMIT": "8MiB"}, `config: server.memory_limit: "8MiB" is too small`},
		{map[string]string{"SERVER_MEMORY_LIMIT": "lots"}, `config: server.memory_limit: "lots" is not a size`},
		{map[string]string{"PAYKASSMA_BASE_URL": "api.example.com", "PAYKASSMA_SECRET": "s"}, `config: paykassma.base_url: must be an http(s) URL`},
		{map[string]string{"PAYKASSMA_BASE_URL": "ftp://api.example.com", "PAYKASSMA_SECRET": "s"}, `config: paykassma.base_url: must be an http(s) URL`},
		{map[string]string{"PAYKASSMA_BASE_URL": "https://api.example.com"}, `config: paykassma.secret: required when paykassma.base_url is set`},
		{map[string]string{"PAYKASSMA_BASE_URL": "https://api.example.com", "PAYKASSMA_SECRET": "s"},
			`config: merchant.signing_key: required when paykassma.base_url is set`},
		{map[string]string{"PAYKASSMA_BASE_URL": "https://api.example.com", "PAYKASSMA_SECRET": "s", "MERCHANT_ALLOW_UNSIGNED": "yes"},
			`config: merchant.allow_unsigned: "yes" is not true or false`},
		{map[string]string{"SERVER_PUBLIC_URL": "/checkout"}, `config: server.public_url: must be an http(s) URL`},
		{map[string]string{"MERCHANT_LOGO_URL": "javascript:alert(1)"}, `config: merchant.logo_url: must be an http(s) URL`},
		{map[string]string{"MERCHANT_SUPPORT_URL": "javascript:alert(1)"}, `config: merchant.support_url: must be an http(s), mailto: or tel: URL`},
		{map[string]string{"MERCHANT_SUPPORT_URL": "tel:"}, `config: merchant.support_url: must be an http(s), mailto: or tel: URL`},
		{map[string]string{"MERCHANT_ALLOWED_ORIGINS": "https://shop.example, foo"}, `config: merchant.allowed_origins: "foo" is not an origin (scheme://host[:port])`},
		{map[string]string{"MERCHANT_ALLOWED_ORIGINS": "https://*.shop.example"}, `config: merchant.allowed_origins: "https://*.shop.example" is not an origin`},
		{map[string]string{"MERCHANT_RETURN_ORIGINS": "https://shop.example/return"}, `config: merchant.return_origins: "https://shop.example/return" is not an origin`},
		{map[string]string{"WALLETS_AMOUNT_REQUIRED": "upi_l upi_ib"}, `config: wallets.amount_required: "upi_l upi_ib" is not a wallet type`},
		{map[string]string{"WALLETS_REDIRECT": "bkash/api"}, `config: wallets.redirect: "bkash/api" is not a wallet type`},
		{map[string]string{"SERVER_ADDR": "8080"}, `config: server.addr: "8080" is not a listen address`},
		{map[string]string{"ADMIN_ADDR": "localhost:metrics"}, `config: admin.addr: "localhost:metrics" is not a listen address`},
		{map[string]string{"UPLOADS_MAX_SIZE": "5XB"}, `config: uploads.max_size: "5XB" is not a size`},
		{map[string]string{"UPLOADS_MAX_SIZE": "1.5MB"}, `config: uploads.max_size: "1.5MB" is not a size`},
		{map[string]string{"UPLOADS_MAX_SIZE": "0"}, `config: uploads.max_size: "0" must be positive`},
		{map[string]string{"UPLOADS_MAX_SIZE": "99999999999GB"}, `config: uploads.max_size: "99999999999GB" is too large`},
		{map[string]string{"SESSION_KEY": "short-but-secret"}, `config: session.key: must be at least 32 characters`},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			c, err := Load("", env(tc.env))
			if err == nil {
				t.Fatalf("Load accepted %v: %+v", tc.env, c)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestLoad_ReportsEveryInvalidKey(t *testing.T) {
	_, err := Load("", env(map[string]string{"SERVER_ADDR": "x", "UPLOADS_MAX_SIZE": "x"}))
	if err == nil || !strings.Contains(err.Error(), "server.addr") || !strings.Contains(err.Error(), "uploads.max_size") {
		t.Errorf("error %v, want both server.addr and uploads.max_size", err)
	}
}

func TestLoad_InvalidFileValueNamesItsKey(t *testing.T) {
	// The library keeps an inline comment in the value; validation then catches it.
	path := writeINI(t, "[server]\naddr = :8080 # the port\n")
	_, err := Load(path, env(nil))
	if err == nil || !strings.Contains(err.Error(), `config: server.addr: ":8080 # the port" is not a listen address`) {
		t.Errorf("error %v, want it to name server.addr", err)
	}
}

func TestLoad_SecretsNeverInErrors(t *testing.T) {
	const secret = "s3cr3t-VALUE-do-not-print"
	tests := []struct {
		name, file string
		env        map[string]string
	}{
		{"short session key", "", map[string]string{"SESSION_KEY": secret}},
		{"misspelt key", "[paykassma]\nsecert = " + secret + "\n", nil},
		{"line without =", "[paykassma]\nsecret " + secret + "\n", nil},
		{"key before any section", "secret = " + secret + "\n", nil},
		{"brackets in a secret", "[paykassma]\nsecret = [" + secret + "]\n", nil},
		{"credentials in base_url", "", map[string]string{"PAYKASSMA_BASE_URL": "https://user:" + secret + "@api.example.com", "PAYKASSMA_SECRET": "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := ""
			if tc.file != "" {
				path = writeINI(t, tc.file)
			}
			_, err := Load(path, env(tc.env))
			if err == nil {
				t.Fatal("Load accepted it")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error shows the secret: %v", err)
			}
		})
	}
}

func TestLoad_FileMistakesRejected(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"misspelt key", "[server]\nadr = :8080\n", "unknown key server.adr"},
		{"misspelt section", "[sever]\naddr = :8080\n", "unknown section [sever]"},
		{"section names are case-sensitive", "[Server]\naddr = :8080\n", "unknown section [Server]"},
		{"DEFAULT section", "[DEFAULT]\naddr = :1\n", "unknown section [DEFAULT]"},
		{"semicolon comment", "[server]\n; old port\naddr = :8080\n", ":2: comments start with #"},
		{"line without =", "[server]\naddr 8080\n", ":2: expected key = value"},
		{"key before any section", "addr = :8080\n", ":1: addr is outside any [section]"},
		{"repeated section", "[server]\naddr = :1\n[admin]\naddr = :2\n[server]\npublic_url = https://x.example\n", ":5: section [server] repeated"},
		{"repeated key, any case", "[server]\naddr = :1\nADDR = :2\n", ":3: server.addr repeated"},
		{"brackets in a value", "[server]\naddr = [::1]:8080\n", ":2: server.addr: the parser reads [brackets] as a section header; set it with the environment variable SERVER_ADDR"},
		{"header with trailing text", "[server] x\naddr = :1\n", ":1: a [section] header must be alone on its line"},
		{"line too long for the parser", "[merchant]\nname = " + strings.Repeat("n", 5000) + "\n", ":2: line longer than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeINI(t, tc.file)
			_, err := Load(path, env(nil))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestLoad_FileSyntaxAccepted(t *testing.T) {
	file := "\ufeff# comment\r\n[server]\r\n  # indented comment\r\nADDR: :7000\r\n\r\n[merchant]\r\nname = Shop #1; best\r\n"
	c, err := Load(writeINI(t, file), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Server.Addr != ":7000" || c.Merchant.Name != "Shop #1; best" {
		t.Errorf("addr %q name %q, want :7000 and the name verbatim", c.Server.Addr, c.Merchant.Name)
	}
}

func TestLoad_MissingFileIsOpenError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.ini")
	_, err := Load(path, env(nil))
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "config: open "+path+": ") {
		t.Errorf("error %v, want config: open %s: ... wrapping fs.ErrNotExist", err, path)
	}
}

func TestSessionKeys(t *testing.T) {
	fixed := strings.Repeat("k", 31) + "!"
	withKey := func(key string) *Config {
		c := Default()
		c.Session.Key = key
		return c
	}

	t.Run("empty key: random per call", func(t *testing.T) {
		h1, b1, random, err := withKey("").SessionKeys()
		if err != nil || !random {
			t.Fatalf("random %v, err %v; want random, no error", random, err)
		}
		h2, b2, _, _ := withKey("").SessionKeys()
		if len(h1) != 32 || len(b1) != 32 || bytes.Equal(h1, h2) || bytes.Equal(b1, b2) || bytes.Equal(h1, b1) {
			t.Errorf("keys not 32 fresh random bytes each: %x %x %x %x", h1, b1, h2, b2)
		}
	})

	t.Run("fixed key: two instances share sessions", func(t *testing.T) {
		h1, b1, random, err := withKey(fixed).SessionKeys()
		if err != nil || random {
			t.Fatalf("random %v, err %v; want derived keys", random, err)
		}
		h2, b2, _, err := withKey(fixed).SessionKeys()
		if err != nil || !bytes.Equal(h1, h2) || !bytes.Equal(b1, b2) {
			t.Errorf("second instance derived other keys: %x %x vs %x %x (%v)", h1, b1, h2, b2, err)
		}
		if len(h1) != 32 || len(b1) != 32 || bytes.Equal(h1, b1) {
			t.Errorf("want distinct 32-byte hash and block keys, got %x %x", h1, b1)
		}
		if bytes.Contains(h1, []byte(fixed[:16])) || bytes.Contains(b1, []byte(fixed[:16])) {
			t.Error("derived key contains the configured key")
		}
		h3, b3, _, _ := withKey(strings.Repeat("k", 31) + "?").SessionKeys()
		if bytes.Equal(h1, h3) || bytes.Equal(b1, b3) {
			t.Error("a different session.key derived the same keys")
		}
	})

	t.Run("short key rejected", func(t *testing.T) {
		_, _, _, err := withKey(fixed[:31]).SessionKeys()
		if err == nil || !strings.Contains(err.Error(), "session.key") || strings.Contains(err.Error(), fixed[:31]) {
			t.Errorf("error %v, want one naming session.key without the key", err)
		}
	})
}

func TestZones_PerCurrencyLoadAndBadOnesAreRefused(t *testing.T) {
	got, err := parseZones("inr:Asia/Kolkata, BDT:Asia/Dhaka")
	if err != nil || got["INR"] != "Asia/Kolkata" || got["BDT"] != "Asia/Dhaka" {
		t.Errorf("parseZones = %v, %v", got, err)
	}
	for _, bad := range []string{"INR", "INR:Mars/Olympus", "RUPEE:Asia/Kolkata"} {
		if _, err := parseZones(bad); err == nil {
			t.Errorf("parseZones(%q) accepted", bad)
		}
	}
}
