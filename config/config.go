// Package config loads the checkout's settings: built-in defaults, overlaid by
// an INI file (config.ini), overlaid by SECTION_KEY environment variables.
package config

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"
)

// Config is the checkout's configuration. Build it with Load or Default.
type Config struct {
	// Server is the public HTTP listener.
	Server struct {
		Addr      string        // [server] addr: listen address
		PublicURL string        // [server] public_url: base for absolute return URLs; "" = from the request
		LogFormat string        // [server] log_format: "text" (development) or "json" (production)
		LogFlush  time.Duration // [server] log_flush: how long a log line may wait to be written with others; 0 = at once
		Drain     time.Duration // [server] drain: after SIGTERM, how long /readyz says 503 while requests are still served; 0 = none
		// MemoryLimit is [server] memory_limit: the Go runtime's memory the
		// garbage collector lets grow before it collects; 0 = Go's default.
		MemoryLimit int64
	}
	// Admin is the operations listener (/metrics); never public.
	Admin struct {
		Addr string // [admin] addr
	}
	// Paykassma is the upstream API; an empty BaseURL means the embedded sandbox.
	Paykassma struct {
		BaseURL, Secret, PrivateKey string        // [paykassma] base_url (no trailing slash), secret, private_key
		Timeout                     time.Duration // [paykassma] timeout: per API request
	}
	// Wallets says how each payment system (wallet type) is paid.
	Wallets struct {
		AmountRequired, Redirect []string      // [wallets] amount_required, redirect: lower-case wallet types
		UPIIntent                []string      // [wallets] upi_intent: UPI PSs that pay a merchant, so UPI apps take intent links
		IdentifierTTL            time.Duration // [wallets] identifier_ttl
	}
	// Merchant is the shop embedding the checkout.
	Merchant struct {
		SigningKey                    string   // [merchant] signing_key: HMAC key of entry links; "" = demo mode
		AllowUnsigned                 bool     // [merchant] allow_unsigned: a real Paykassma may run with no signing_key
		AllowedOrigins, ReturnOrigins []string // [merchant] allowed_origins, return_origins: normalized scheme://host[:port]
		Name, LogoURL                 string   // [merchant] name, logo_url
		Accent                        string   // [merchant] accent: #rrggbb for buttons and links; "" = ours
		SupportURL, SupportText       string   // [merchant] support_url (http(s), mailto:, tel:), support_text: where a person stuck gets help
	}
	// Session holds the key of the session cookies.
	Session struct {
		Key      string        // [session] key: "" = random per process
		Lifetime time.Duration // [session] lifetime: how long a visit lasts from its entry, however often used
	}
	// Uploads limits uploaded files (payment screenshots).
	Uploads struct {
		MaxBytes int64 // [uploads] max_size

		ReadTimeout time.Duration // [uploads] read_timeout: how long the upload's body may take to arrive
	}
	// OCR reads payment screenshots (the ocr package).
	OCR struct {
		Command string        // [ocr] command: the tesseract binary; "" = off
		Workers int           // [ocr] workers: tesseract processes at once; 0 = off
		Queue   int           // [ocr] queue: readings that may wait; beyond, "type it instead" at once
		Timeout time.Duration // [ocr] timeout: per reading, waiting included
		Memory  int64         // [ocr] memory: each process's address-space limit (RLIMIT_AS)
		Second  string        // [ocr] second: the model of the second opinion on an unsure TrxID; "" = none
	}
	// Limits caps how fast forms may be sent.
	Limits struct {
		SessionPerMinute int          // [limits] session_per_minute: POSTs per depositor; 0 = no limit
		IPPerMinute      int          // [limits] ip_per_minute: POSTs per client IP; 0 = no limit
		TrustedProxies   []*net.IPNet // [limits] trusted_proxies: whose X-Forwarded-For names the client
		// [limits] upstream_per_minute, upstream_ip_per_minute: requests that
		// reach Paykassma, any method, per depositor (label) and per client IP
		UpstreamPerMinute, UpstreamIPPerMinute int

		BodyTimeout time.Duration // [limits] body_timeout: how long any other body may take to arrive
		ConnsPerIP  int           // [limits] conns_per_ip: open connections per client IP; 0 = no limit
	}
	// Times says in which time zone a depositor reads times.
	Times struct {
		Zones map[string]string // [times] zones: currency code → IANA zone name; other currencies read UTC
	}
}

// option is one config key: its default (in the file's syntax, so the
// defaults go through the same parsing as the file) and how to store it.
type option struct {
	section, key, def string
	set               func(c *Config, v string) error // error text names no key; Load adds it
}

func (o option) name() string { return o.section + "." + o.key }
func (o option) env() string  { return strings.ToUpper(o.section + "_" + o.key) }

// to stores the result of parse in the field that field points to.
func to[T any](parse func(string) (T, error), field func(*Config) *T) func(*Config, string) error {
	return func(c *Config, v string) error {
		x, err := parse(v)
		if err != nil {
			return err
		}
		*field(c) = x
		return nil
	}
}

// options lists every key, in the order of config.ini.
var options = []option{
	{"server", "addr", ":8080", to(parseAddr, func(c *Config) *string { return &c.Server.Addr })},
	{"server", "public_url", "", to(parseBaseURL, func(c *Config) *string { return &c.Server.PublicURL })},
	{"server", "log_format", "text", to(parseLogFormat, func(c *Config) *string { return &c.Server.LogFormat })},
	{"server", "log_flush", "100ms", to(parseLogFlush, func(c *Config) *time.Duration { return &c.Server.LogFlush })},
	{"server", "drain", "0", to(parseDrain, func(c *Config) *time.Duration { return &c.Server.Drain })},
	{"server", "memory_limit", "32MiB", to(parseMemoryLimit, func(c *Config) *int64 { return &c.Server.MemoryLimit })},
	{"admin", "addr", "127.0.0.1:9090", to(parseAdminAddr, func(c *Config) *string { return &c.Admin.Addr })},
	{"paykassma", "base_url", "", to(parseBaseURL, func(c *Config) *string { return &c.Paykassma.BaseURL })},
	{"paykassma", "secret", "", to(parseText, func(c *Config) *string { return &c.Paykassma.Secret })},
	{"paykassma", "private_key", "", to(parseText, func(c *Config) *string { return &c.Paykassma.PrivateKey })},
	{"paykassma", "timeout", "15s", to(parseDuration, func(c *Config) *time.Duration { return &c.Paykassma.Timeout })},
	{"wallets", "amount_required", "upi_l, upi_ib, upi_hb, upi_in, upi_w, upi_m, phone_pe",
		to(parseWalletTypes, func(c *Config) *[]string { return &c.Wallets.AmountRequired })},
	{"wallets", "redirect", "bkash_api, nagad_api", to(parseWalletTypes, func(c *Config) *[]string { return &c.Wallets.Redirect })},
	{"wallets", "upi_intent", "", to(parseWalletTypes, func(c *Config) *[]string { return &c.Wallets.UPIIntent })},
	{"wallets", "identifier_ttl", "30m", to(parseDuration, func(c *Config) *time.Duration { return &c.Wallets.IdentifierTTL })},
	{"merchant", "signing_key", "", to(parseText, func(c *Config) *string { return &c.Merchant.SigningKey })},
	{"merchant", "allow_unsigned", "false", to(parseBool, func(c *Config) *bool { return &c.Merchant.AllowUnsigned })},
	{"merchant", "allowed_origins", "", to(parseOrigins, func(c *Config) *[]string { return &c.Merchant.AllowedOrigins })},
	{"merchant", "return_origins", "", to(parseOrigins, func(c *Config) *[]string { return &c.Merchant.ReturnOrigins })},
	{"merchant", "name", "", to(parseText, func(c *Config) *string { return &c.Merchant.Name })},
	{"merchant", "logo_url", "", to(parseLogoURL, func(c *Config) *string { return &c.Merchant.LogoURL })},
	{"merchant", "accent", "", to(parseColour, func(c *Config) *string { return &c.Merchant.Accent })},
	{"merchant", "support_url", "", to(parseSupportURL, func(c *Config) *string { return &c.Merchant.SupportURL })},
	{"merchant", "support_text", "", to(parseText, func(c *Config) *string { return &c.Merchant.SupportText })},
	{"session", "key", "", to(parseSessionKey, func(c *Config) *string { return &c.Session.Key })},
	{"session", "lifetime", "24h", to(parseDuration, func(c *Config) *time.Duration { return &c.Session.Lifetime })},
	{"uploads", "max_size", "5MB", to(parseSize, func(c *Config) *int64 { return &c.Uploads.MaxBytes })},
	{"uploads", "read_timeout", "60s", to(parseDuration, func(c *Config) *time.Duration { return &c.Uploads.ReadTimeout })},
	{"ocr", "command", "tesseract", to(parseText, func(c *Config) *string { return &c.OCR.Command })},
	{"ocr", "workers", "2", to(parseCount, func(c *Config) *int { return &c.OCR.Workers })},
	{"ocr", "queue", "4", to(parseCount, func(c *Config) *int { return &c.OCR.Queue })},
	{"ocr", "timeout", "5s", to(parseDuration, func(c *Config) *time.Duration { return &c.OCR.Timeout })},
	{"ocr", "memory", "512MB", to(parseSize, func(c *Config) *int64 { return &c.OCR.Memory })},
	{"ocr", "second", "Latin", to(parseText, func(c *Config) *string { return &c.OCR.Second })},
	{"limits", "session_per_minute", "20", to(parseCount, func(c *Config) *int { return &c.Limits.SessionPerMinute })},
	{"limits", "ip_per_minute", "600", to(parseCount, func(c *Config) *int { return &c.Limits.IPPerMinute })},
	{"limits", "upstream_per_minute", "30", to(parseCount, func(c *Config) *int { return &c.Limits.UpstreamPerMinute })},
	{"limits", "upstream_ip_per_minute", "3000", to(parseCount, func(c *Config) *int { return &c.Limits.UpstreamIPPerMinute })},
	{"limits", "trusted_proxies", "", to(parseCIDRs, func(c *Config) *[]*net.IPNet { return &c.Limits.TrustedProxies })},
	{"limits", "body_timeout", "10s", to(parseDuration, func(c *Config) *time.Duration { return &c.Limits.BodyTimeout })},
	{"limits", "conns_per_ip", "64", to(parseCount, func(c *Config) *int { return &c.Limits.ConnsPerIP })},
	{"times", "zones", "INR:Asia/Kolkata, BDT:Asia/Dhaka", to(parseZones, func(c *Config) *map[string]string { return &c.Times.Zones })},
}

// Default returns the built-in defaults, which config.ini repeats.
func Default() *Config {
	c := &Config{}
	for _, o := range options {
		if err := o.set(c, o.def); err != nil {
			panic(fmt.Sprintf("config: default of %s: %v", o.name(), err))
		}
	}
	return c
}

// Load reads the INI file at path ("" = defaults only) and then the SECTION_KEY
// environment variables through getenv (nil = none). A non-empty variable wins
// over the file; an empty one counts as unset. Every problem is reported, each
// naming its key; secret values never appear in the error.
func Load(path string, getenv func(string) string) (*Config, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	file := map[string]string{}
	if path != "" {
		var err error
		if file, err = readFile(path); err != nil {
			return nil, err
		}
	}
	c := &Config{}
	var errs []error
	for _, o := range options {
		v, ok := file[o.name()]
		if !ok {
			v = o.def
		}
		if e := strings.TrimSpace(getenv(o.env())); e != "" {
			v = e
		}
		if err := o.set(c, v); err != nil {
			errs = append(errs, fmt.Errorf("config: %s: %w", o.name(), err))
		}
	}
	if c.Paykassma.BaseURL != "" && c.Paykassma.Secret == "" {
		errs = append(errs, errors.New("config: paykassma.secret: required when paykassma.base_url is set"))
	}
	if c.Paykassma.BaseURL != "" && c.Merchant.SigningKey == "" && !c.Merchant.AllowUnsigned {
		// Demo mode takes the label from the query string: against a real
		// Paykassma anyone could see another depositor's savings and pay as them.
		errs = append(errs, errors.New("config: merchant.signing_key: required when paykassma.base_url is set, "+
			"or else anyone may open the checkout as any depositor by typing ?label=; "+
			"to run so on purpose, set merchant.allow_unsigned = true (MERCHANT_ALLOW_UNSIGNED=true)"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// UsesSandbox reports whether the checkout serves the embedded sandbox instead
// of calling Paykassma.
func (c *Config) UsesSandbox() bool { return c.Paykassma.BaseURL == "" }

// Unsigned reports whether a real Paykassma runs in demo mode, with no
// signing key: allowed only by merchant.allow_unsigned, and warned of at
// every start.
func (c *Config) Unsigned() bool { return !c.UsesSandbox() && c.Merchant.SigningKey == "" }

// AmountRequired reports whether activating a payment of walletType needs the amount.
func (c *Config) AmountRequired(walletType string) bool {
	return slices.Contains(c.Wallets.AmountRequired, walletType)
}

// IsRedirect reports whether walletType is paid through payment/create and a
// redirect to the wallet.
func (c *Config) IsRedirect(walletType string) bool {
	return slices.Contains(c.Wallets.Redirect, walletType)
}

// UPIIntent reports whether walletType's UPI IDs belong to merchants, so a
// upi:// link may open the payer's app: under NPCI's rules apps refuse
// intent payments to personal UPI IDs (README, "UPI under NPCI's rules").
func (c *Config) UPIIntent(walletType string) bool {
	return slices.Contains(c.Wallets.UPIIntent, walletType)
}

// minSessionKey is the shortest session.key accepted, in characters.
const minSessionKey = 32

// SessionKeys returns the session cookies' 32-byte HMAC key and 32-byte AES
// key. Without a session.key they are random (random=true): sessions then do
// not survive a restart nor cross instances. A fixed key derives the same pair
// everywhere, so instances behind a load balancer share sessions.
func (c *Config) SessionKeys() (hashKey, blockKey []byte, random bool, err error) {
	if c.Session.Key == "" {
		hashKey, blockKey = make([]byte, 32), make([]byte, 32)
		rand.Read(hashKey) // never fails (Go 1.24+)
		rand.Read(blockKey)
		return hashKey, blockKey, true, nil
	}
	if _, err := parseSessionKey(c.Session.Key); err != nil {
		return nil, nil, false, fmt.Errorf("config: session.key: %w", err)
	}
	// Distinct info strings: neither key reveals anything about the other.
	secret := []byte(c.Session.Key)
	if hashKey, err = hkdf.Key(sha256.New, secret, nil, "paykassma-checkout session hash key v1", 32); err != nil {
		return nil, nil, false, fmt.Errorf("config: session.key: %w", err)
	}
	if blockKey, err = hkdf.Key(sha256.New, secret, nil, "paykassma-checkout session block key v1", 32); err != nil {
		return nil, nil, false, fmt.Errorf("config: session.key: %w", err)
	}
	return hashKey, blockKey, false, nil
}
