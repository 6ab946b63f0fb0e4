package config

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	_ "time/tzdata" // the zones of [times] zones, on a machine without tzdata too
)

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

// parseLogFlush is "0" or "off" (each line written as it comes), or a wait
// of at most a few seconds: lines that wait are lost if the process is
// killed, so the wait stays short.
func parseLogFlush(v string) (time.Duration, error) {
	if v == "0" || strings.EqualFold(v, "off") {
		return 0, nil
	}
	d, err := parseDuration(v)
	if err != nil {
		return 0, err
	}
	if d > 5*time.Second {
		return 0, fmt.Errorf("%q is too long: lines would wait that long to be written (at most 5s)", v)
	}
	return d, nil
}

// parseDrain is "0" or "off" (stop at once, for development), or how long
// an instance keeps serving after SIGTERM while balancers move away: at
// most a few minutes, or a deploy would wait on it.
func parseDrain(v string) (time.Duration, error) {
	if v == "0" || strings.EqualFold(v, "off") {
		return 0, nil
	}
	d, err := parseDuration(v)
	if err != nil {
		return 0, err
	}
	if d > 5*time.Minute {
		return 0, fmt.Errorf("%q is too long: a deploy would wait that long per instance (at most 5m)", v)
	}
	return d, nil
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

// parseSupportURL is where a person gets help: a web page, an e-mail
// address (mailto:) or a phone number (tel:).
func parseSupportURL(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err == nil && (isHTTP(u) || (u.Scheme == "mailto" || u.Scheme == "tel") && u.Opaque != "") {
		return v, nil
	}
	return "", errors.New("must be an http(s), mailto: or tel: URL")
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

// parseMemoryLimit is "0" or "off" (Go's default collector), or a size of
// at least 16 MiB: below that the collector would run all the time on the
// checkout's own few megabytes of live data.
func parseMemoryLimit(v string) (int64, error) {
	if v == "0" || strings.EqualFold(v, "off") {
		return 0, nil
	}
	n, err := parseSize(v)
	if err != nil {
		return 0, err
	}
	if n < 16<<20 {
		return 0, fmt.Errorf("%q is too small: the collector would run all the time (at least 16MiB, or 0 for Go's default)", v)
	}
	return n, nil
}

// parseBool is true or false.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", v)
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

// parseZones is "INR:Asia/Kolkata, BDT:Asia/Dhaka": per currency code, the
// IANA time zone its depositors live in. Every zone must load.
func parseZones(v string) (map[string]string, error) {
	zones := map[string]string{}
	for _, item := range splitList(v) {
		code, zone, ok := strings.Cut(item, ":")
		code, zone = strings.ToUpper(strings.TrimSpace(code)), strings.TrimSpace(zone)
		if !ok || len(code) != 3 || zone == "" {
			return nil, fmt.Errorf("%q is not CURRENCY:Zone/Name", item)
		}
		if _, err := time.LoadLocation(zone); err != nil {
			return nil, fmt.Errorf("%q is not a time zone", zone)
		}
		zones[code] = zone
	}
	return zones, nil
}
