// Package config loads the checkout's settings: built-in defaults, overlaid by
// an INI file (config.ini), overlaid by SECTION_KEY environment variables.
package config

import (
	"bytes"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bigkevmcd/go-configparser"
)

// Config is the checkout's configuration. Build it with Load or Default.
type Config struct {
	// Server is the public HTTP listener.
	Server struct {
		Addr      string // [server] addr: listen address
		PublicURL string // [server] public_url: base for absolute return URLs; "" = from the request
		LogFormat string // [server] log_format: "text" (development) or "json" (production)
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
		IdentifierTTL            time.Duration // [wallets] identifier_ttl
	}
	// Merchant is the shop embedding the checkout.
	Merchant struct {
		SigningKey                    string   // [merchant] signing_key: HMAC key of entry links; "" = demo mode
		AllowedOrigins, ReturnOrigins []string // [merchant] allowed_origins, return_origins: normalized scheme://host[:port]
		Name, LogoURL                 string   // [merchant] name, logo_url
		Accent                        string   // [merchant] accent: #rrggbb for buttons and links; "" = ours
	}
	// Session holds the key of the session cookies.
	Session struct {
		Key string // [session] key: "" = random per process
	}
	// Uploads limits uploaded files (payment screenshots).
	Uploads struct {
		MaxBytes int64 // [uploads] max_size
	}
	// Limits caps how fast forms may be sent.
	Limits struct {
		SessionPerMinute int          // [limits] session_per_minute: POSTs per depositor; 0 = no limit
		IPPerMinute      int          // [limits] ip_per_minute: POSTs per client IP; 0 = no limit
		TrustedProxies   []*net.IPNet // [limits] trusted_proxies: whose X-Forwarded-For names the client
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
	{"admin", "addr", "127.0.0.1:9090", to(parseAdminAddr, func(c *Config) *string { return &c.Admin.Addr })},
	{"paykassma", "base_url", "", to(parseBaseURL, func(c *Config) *string { return &c.Paykassma.BaseURL })},
	{"paykassma", "secret", "", to(parseText, func(c *Config) *string { return &c.Paykassma.Secret })},
	{"paykassma", "private_key", "", to(parseText, func(c *Config) *string { return &c.Paykassma.PrivateKey })},
	{"paykassma", "timeout", "15s", to(parseDuration, func(c *Config) *time.Duration { return &c.Paykassma.Timeout })},
	{"wallets", "amount_required", "upi_l, upi_ib, upi_hb, upi_in, upi_w, upi_m, phone_pe",
		to(parseWalletTypes, func(c *Config) *[]string { return &c.Wallets.AmountRequired })},
	{"wallets", "redirect", "bkash_api, nagad_api", to(parseWalletTypes, func(c *Config) *[]string { return &c.Wallets.Redirect })},
	{"wallets", "identifier_ttl", "30m", to(parseDuration, func(c *Config) *time.Duration { return &c.Wallets.IdentifierTTL })},
	{"merchant", "signing_key", "", to(parseText, func(c *Config) *string { return &c.Merchant.SigningKey })},
	{"merchant", "allowed_origins", "", to(parseOrigins, func(c *Config) *[]string { return &c.Merchant.AllowedOrigins })},
	{"merchant", "return_origins", "", to(parseOrigins, func(c *Config) *[]string { return &c.Merchant.ReturnOrigins })},
	{"merchant", "name", "", to(parseText, func(c *Config) *string { return &c.Merchant.Name })},
	{"merchant", "logo_url", "", to(parseLogoURL, func(c *Config) *string { return &c.Merchant.LogoURL })},
	{"merchant", "accent", "", to(parseColour, func(c *Config) *string { return &c.Merchant.Accent })},
	{"session", "key", "", to(parseSessionKey, func(c *Config) *string { return &c.Session.Key })},
	{"uploads", "max_size", "5MB", to(parseSize, func(c *Config) *int64 { return &c.Uploads.MaxBytes })},
	{"limits", "session_per_minute", "20", to(parseCount, func(c *Config) *int { return &c.Limits.SessionPerMinute })},
	{"limits", "ip_per_minute", "600", to(parseCount, func(c *Config) *int { return &c.Limits.IPPerMinute })},
	{"limits", "trusted_proxies", "", to(parseCIDRs, func(c *Config) *[]*net.IPNet { return &c.Limits.TrustedProxies })},
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
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// UsesSandbox reports whether the checkout serves the embedded sandbox instead
// of calling Paykassma.
func (c *Config) UsesSandbox() bool { return c.Paykassma.BaseURL == "" }

// AmountRequired reports whether activating a payment of walletType needs the amount.
func (c *Config) AmountRequired(walletType string) bool {
	return slices.Contains(c.Wallets.AmountRequired, walletType)
}

// IsRedirect reports whether walletType is paid through payment/create and a
// redirect to the wallet.
func (c *Config) IsRedirect(walletType string) bool {
	return slices.Contains(c.Wallets.Redirect, walletType)
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

// readFile returns the file's values keyed "section.key" (lower case),
// rejecting what go-configparser would misread or silently drop, and unknown
// sections and keys. The errors quote no line: it could hold a secret.
func readFile(path string) (map[string]string, error) {
	p, perr := configparser.NewConfigParserFromFile(path)
	if pathErr := (*fs.PathError)(nil); errors.As(perr, &pathErr) {
		return nil, fmt.Errorf("config: %w", perr)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if errs := lint(path, raw); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if perr != nil { // lint should have caught it; the library's text quotes the line
		return nil, fmt.Errorf("config: %s: cannot parse", path)
	}

	known := map[string]bool{}
	var sections []string
	for _, o := range options {
		known[o.name()] = true
		if !slices.Contains(sections, o.section) {
			sections = append(sections, o.section)
		}
	}
	var errs []error
	if len(p.Defaults()) > 0 { // [DEFAULT] would leak into every section: addr is in two
		errs = append(errs, fmt.Errorf("config: %s: unknown section [DEFAULT] (sections: %s)", path, strings.Join(sections, ", ")))
	}
	values := map[string]string{}
	for _, s := range p.Sections() {
		if !slices.Contains(sections, s) {
			errs = append(errs, fmt.Errorf("config: %s: unknown section [%s] (sections: %s)", path, s, strings.Join(sections, ", ")))
			continue
		}
		items, _ := p.Items(s) // s comes from Sections
		for _, k := range items.Keys() {
			name := s + "." + strings.ToLower(k)
			if !known[name] {
				errs = append(errs, fmt.Errorf("config: %s: unknown key %s", path, name))
				continue
			}
			values[name] = items[k]
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return values, nil
}

var (
	headerLine     = regexp.MustCompile(`^\[([^]]+)\]$`)
	headerAnywhere = regexp.MustCompile(`\[([^]]+)\]`) // what the library looks for, unanchored
)

// maxLine stays under bufio.Reader's 4096-byte buffer: the library reads a
// longer line as two.
const maxLine = 4000

// lint finds the lines go-configparser (this version) would drop or misread
// without an error: ; comments, lines without =, keys before any section,
// a repeated [section] (its keys land in the previous section), a repeated
// key (the last silently wins) and [brackets] in a value (read as a header).
func lint(path string, raw []byte) []error {
	var errs []error
	bad := func(n int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("config: %s:%d: "+format, append([]any{path, n}, args...)...))
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	seenSection := map[string]bool{}
	var section string
	var seenKey map[string]bool
	for i, l := range strings.Split(string(raw), "\n") {
		n := i + 1
		if len(l) > maxLine {
			bad(n, "line longer than %d bytes", maxLine)
			continue
		}
		line := strings.TrimSpace(l)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, ";"):
			bad(n, "comments start with #, not ;")
		case strings.HasPrefix(line, "["):
			m := headerLine.FindStringSubmatch(line)
			if m == nil {
				bad(n, "a [section] header must be alone on its line")
				continue
			}
			section = m[1]
			if seenSection[section] {
				bad(n, "section [%s] repeated: give each section once", section)
			}
			seenSection[section] = true
			seenKey = map[string]bool{}
		default:
			eq := strings.IndexAny(line, "=:")
			if eq <= 0 {
				bad(n, "expected key = value")
				continue
			}
			key := strings.ToLower(strings.TrimSpace(line[:eq]))
			if section == "" {
				bad(n, "%s is outside any [section]", key)
				continue
			}
			name := section + "." + key
			if headerAnywhere.MatchString(line) {
				bad(n, "%s: the parser reads [brackets] as a section header; set it with the environment variable %s",
					name, strings.ToUpper(section+"_"+key))
			}
			if seenKey[key] {
				bad(n, "%s repeated", name)
			}
			seenKey[key] = true
		}
	}
	return errs
}

func parseText(v string) (string, error) { return v, nil }

func parseAddr(v string) (string, error) {
	_, port, err := net.SplitHostPort(v)
	if err == nil {
		_, err = strconv.ParseUint(port, 10, 16) // 0 = any free port
	}
	if err != nil {
		return "", fmt.Errorf("%q is not a listen address (host:port or :port)", v)
	}
	return v, nil
}

// parseAdminAddr is a listen address, or "" or "off" for no admin server.
func parseAdminAddr(v string) (string, error) {
	if v == "" || strings.EqualFold(v, "off") {
		return "", nil
	}
	return parseAddr(v)
}

func parseLogFormat(v string) (string, error) {
	switch f := strings.ToLower(v); f {
	case "text", "json":
		return f, nil
	}
	return "", fmt.Errorf("%q is not a log format (text or json)", v)
}

func parseDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration", v)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be positive", v)
	}
	return d, nil
}

// parseBaseURL accepts "" or an http(s) URL with a host and perhaps a path
// prefix, and drops the trailing slash so callers can append paths.
func parseBaseURL(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || !isHTTP(u) || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", errors.New("must be an http(s) URL") // no value: it may carry credentials
	}
	return strings.TrimRight(v, "/"), nil
}

var colour = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// parseColour accepts "" or a #rrggbb colour: it goes into a stylesheet.
func parseColour(v string) (string, error) {
	if v != "" && !colour.MatchString(v) {
		return "", fmt.Errorf("%q is not a colour (#rrggbb, e.g. #0b57d0)", v)
	}
	return strings.ToLower(v), nil
}

func parseLogoURL(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if u, err := url.Parse(v); err != nil || !isHTTP(u) {
		return "", errors.New("must be an http(s) URL")
	}
	return v, nil
}

func isHTTP(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil && u.Opaque == ""
}

// splitList splits on commas, trims, and drops empties and repeats.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

var walletType = regexp.MustCompile(`^[a-z0-9_]+$`)

// parseWalletTypes rejects anything but API wallet type names, so a missing
// comma ("upi_l upi_ib") is an error rather than a type that never matches.
func parseWalletTypes(v string) ([]string, error) {
	list := splitList(strings.ToLower(v))
	for _, t := range list {
		if !walletType.MatchString(t) {
			return nil, fmt.Errorf("%q is not a wallet type", t)
		}
	}
	return list, nil
}

var hostname = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// parseOrigins normalizes each origin to what browsers send in Origin:
// lower case, no default port, no trailing slash. Wildcards and paths are
// refused: the values go into the CSP header and are compared exactly.
func parseOrigins(v string) ([]string, error) {
	var out []string
	for _, s := range splitList(v) {
		o, ok := normalizeOrigin(s)
		if !ok {
			return nil, fmt.Errorf("%q is not an origin (scheme://host[:port])", s)
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out, nil
}

func normalizeOrigin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || !isHTTP(u) || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", false
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if net.ParseIP(host) == nil && !hostname.MatchString(host) {
		return "", false
	}
	if (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return u.Scheme + "://" + host, true
}

func parseSessionKey(v string) (string, error) {
	if v != "" && utf8.RuneCountInString(v) < minSessionKey {
		return "", fmt.Errorf("must be at least %d characters (e.g. openssl rand -base64 32)", minSessionKey)
	}
	return v, nil
}

var size = regexp.MustCompile(`^(?i)([0-9]+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$`)

// parseSize reads a byte count with an optional 1024-based unit: "5MB", "512KB", "1048576".
func parseSize(v string) (int64, error) {
	m := size.FindStringSubmatch(v)
	if m == nil {
		return 0, fmt.Errorf("%q is not a size (e.g. 5MB, 512KB, 1048576)", v)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	unit := int64(1)
	switch u := strings.ToLower(m[2]); {
	case strings.HasPrefix(u, "k"):
		unit = 1 << 10
	case strings.HasPrefix(u, "m"):
		unit = 1 << 20
	case strings.HasPrefix(u, "g"):
		unit = 1 << 30
	}
	if err != nil || n > math.MaxInt64/unit {
		return 0, fmt.Errorf("%q is too large", v)
	}
	if n == 0 {
		return 0, fmt.Errorf("%q must be positive", v)
	}
	return n * unit, nil
}

// parseCount is a whole number, 0 or more.
func parseCount(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a count (0 or more)", v)
	}
	return n, nil
}

// parseCIDRs is a list of networks (10.0.0.0/8) or single addresses.
func parseCIDRs(v string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, s := range splitList(v) {
		if !strings.Contains(s, "/") {
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, fmt.Errorf("%q is not an IP address or CIDR network", s)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not an IP address or CIDR network", s)
		}
		out = append(out, n)
	}
	return out, nil
}
