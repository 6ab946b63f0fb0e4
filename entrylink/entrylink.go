// Package entrylink signs and verifies the merchant's entry links into the
// checkout: /start?label=…&currency_code=…&exp=…&sig=…, with the parameter
// names of Paykassma's own hosted plugin.
//
// The signature is HMAC-SHA256, hex, keyed with [merchant] signing_key, over
// the canonical string: every query parameter but sig, sorted by name, each
// written name=value (the value as it is, not URL-encoded) and joined by "\n".
// Values may hold no control characters, so no two sets of parameters share
// a canonical string.
//
// The checkout signs its returns to the merchant the same way (SignReturn,
// VerifyReturn): status, reference and exp, for the merchant's server to
// check.
package entrylink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/paykassma/checkout/paykassma"
)

// Errors of Verify. ErrExpired is the only one a depositor can do anything
// about (open the payment again); the others are the merchant's to fix.
var (
	ErrNoSignature = errors.New("entry link: no sig")
	ErrSignature   = errors.New("entry link: wrong signature") // tampered, or signed with another key
	ErrExpired     = errors.New("entry link: expired")
	ErrInvalid     = errors.New("entry link: invalid") // signed, but a parameter is missing or wrong
)

// Link is a verified entry link.
type Link struct {
	Label        string
	CurrencyCode string // upper case
	Lang         string // as given; the checkout decides whether it speaks it
	WalletType   string // open this PS directly; "" = the list
	FixedAmount  *paykassma.Amount
	// CustomTransactionID prefixes the ids minted per attempt: <id>-1, <id>-2, …
	CustomTransactionID             string
	SuccessURL, FailURL, PendingURL string
	// Origin is the page framing the checkout, which receives its events.
	Origin  string
	Expires time.Time
}

// MaxLifetime is how far ahead of now a link's exp may be: a link leaked
// from a merchant's page or a log stops working within this time, whatever
// exp its signer chose.
const MaxLifetime = 7 * 24 * time.Hour

// MaxPrefix is the longest custom_transaction_id: the API takes 64
// characters, and "-" and 12 characters that tell one payment from another
// follow it (deposit.Reference).
const MaxPrefix = 51

var (
	namePattern   = regexp.MustCompile(`^[a-z0-9_]{1,64}$`)
	currency      = regexp.MustCompile(`^[A-Z]{3}$`)
	walletType    = regexp.MustCompile(`^[a-z0-9_]{1,190}$`)
	prefixPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,51}$`)
)

// ValidPrefix reports whether s is a custom_transaction_id the checkout can
// start its references with.
func ValidPrefix(s string) bool { return prefixPattern.MatchString(s) }

// Canonical is the string the signature covers: the parameters but sig,
// sorted by name, name=value joined by "\n". It fails on a repeated
// parameter, a name outside [a-z0-9_] or a value with a control character.
func Canonical(q url.Values) (string, error) {
	names := make([]string, 0, len(q))
	for k, vs := range q {
		if k == "sig" {
			continue
		}
		if !namePattern.MatchString(k) {
			return "", fmt.Errorf("%w: parameter name %q", ErrInvalid, k)
		}
		if len(vs) != 1 {
			return "", fmt.Errorf("%w: %s given %d times", ErrInvalid, k, len(vs))
		}
		if strings.IndexFunc(vs[0], unicode.IsControl) >= 0 || !utf8.ValidString(vs[0]) {
			return "", fmt.Errorf("%w: %s holds a control character", ErrInvalid, k)
		}
		names = append(names, k)
	}
	slices.Sort(names)
	var b strings.Builder
	for i, k := range names {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(k + "=" + q.Get(k))
	}
	return b.String(), nil
}

// Sign returns q with exp (when absent, from expires) and sig set.
func Sign(key string, q url.Values, expires time.Time) (url.Values, error) {
	if key == "" {
		return nil, errors.New("entry link: no signing key")
	}
	out := url.Values{}
	for k, vs := range q {
		out[k] = slices.Clone(vs)
	}
	out.Del("sig")
	if out.Get("exp") == "" {
		out.Set("exp", strconv.FormatInt(expires.Unix(), 10))
	}
	s, err := Canonical(out)
	if err != nil {
		return nil, err
	}
	out.Set("sig", hex.EncodeToString(mac(key, s)))
	return out, nil
}

// mac is the raw HMAC-SHA256 of canonical under key; links carry it in hex.
func mac(key, canonical string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(canonical))
	return m.Sum(nil)
}

// checkSig checks q's sig against the other parameters' canonical string.
func checkSig(key string, q url.Values) error {
	sig := q.Get("sig")
	if sig == "" {
		return ErrNoSignature
	}
	if key == "" {
		return ErrSignature
	}
	s, err := Canonical(q)
	if err != nil {
		return err
	}
	if len(q["sig"]) != 1 {
		return fmt.Errorf("%w: more than one sig", ErrSignature)
	}
	got, err := hex.DecodeString(sig)
	if err != nil {
		return fmt.Errorf("%w: sig is not hex", ErrSignature)
	}
	if !hmac.Equal(got, mac(key, s)) {
		return ErrSignature
	}
	return nil
}

// Verify checks q's signature with key and its expiry at now (passed, or
// more than MaxLifetime ahead), then reads
// the parameters. Origins are checked by the caller (CheckOrigins), which
// knows the config. Unknown parameters are signed like the others and
// otherwise ignored.
func Verify(key string, q url.Values, now time.Time) (*Link, error) {
	if err := checkSig(key, q); err != nil {
		return nil, err
	}
	exp, err := strconv.ParseInt(q.Get("exp"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: exp must be unix seconds", ErrInvalid)
	}
	if !now.Before(time.Unix(exp, 0)) {
		return nil, ErrExpired
	}
	if time.Unix(exp, 0).After(now.Add(MaxLifetime)) {
		return nil, fmt.Errorf("%w: exp is more than %s ahead", ErrInvalid, MaxLifetime)
	}
	l := &Link{
		Label:               strings.TrimSpace(q.Get("label")),
		CurrencyCode:        strings.ToUpper(strings.TrimSpace(q.Get("currency_code"))),
		Lang:                q.Get("lang"),
		WalletType:          q.Get("wallet_type"),
		CustomTransactionID: q.Get("custom_transaction_id"),
		SuccessURL:          q.Get("success_url"),
		FailURL:             q.Get("fail_url"),
		PendingURL:          q.Get("pending_url"),
		Origin:              q.Get("origin"),
		Expires:             time.Unix(exp, 0),
	}
	switch {
	case l.Label == "" || utf8.RuneCountInString(l.Label) > 190:
		return nil, fmt.Errorf("%w: label must be 1 to 190 characters", ErrInvalid)
	case !currency.MatchString(l.CurrencyCode):
		return nil, fmt.Errorf("%w: currency_code must be three letters", ErrInvalid)
	case l.WalletType != "" && !walletType.MatchString(l.WalletType):
		return nil, fmt.Errorf("%w: wallet_type", ErrInvalid)
	case l.CustomTransactionID != "" && !ValidPrefix(l.CustomTransactionID):
		return nil, fmt.Errorf("%w: custom_transaction_id must be 1 to %d of A-Z a-z 0-9 . _ : -", ErrInvalid, MaxPrefix)
	}
	if v := q.Get("fixed_amount"); v != "" {
		a, err := paykassma.ParseAmount(v)
		if err != nil || !a.IsPositive() {
			return nil, fmt.Errorf("%w: fixed_amount must be a positive amount", ErrInvalid)
		}
		l.FixedAmount = &a
	}
	for _, u := range []struct{ name, v string }{{"success_url", l.SuccessURL}, {"fail_url", l.FailURL}, {"pending_url", l.PendingURL}} {
		if u.v != "" && Origin(u.v) == "" {
			return nil, fmt.Errorf("%w: %s must be an absolute http(s) URL", ErrInvalid, u.name)
		}
	}
	if l.Origin != "" {
		u, err := url.Parse(l.Origin)
		o := Origin(l.Origin)
		if err != nil || o == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("%w: origin must be scheme://host[:port]", ErrInvalid)
		}
		l.Origin = o
	}
	return l, nil
}

// CheckOrigins refuses return URLs outside returnOrigins and an embedding
// origin outside frameOrigins, so a signed link is never an open redirect
// nor a way to send the checkout's events elsewhere.
func (l *Link) CheckOrigins(returnOrigins, frameOrigins []string) error {
	for _, u := range []struct{ name, v string }{{"success_url", l.SuccessURL}, {"fail_url", l.FailURL}, {"pending_url", l.PendingURL}} {
		if u.v != "" && !slices.Contains(returnOrigins, Origin(u.v)) {
			return fmt.Errorf("%w: %s is not on an origin in [merchant] return_origins", ErrInvalid, u.name)
		}
	}
	if l.Origin != "" && !slices.Contains(frameOrigins, l.Origin) {
		return fmt.Errorf("%w: origin is not in [merchant] allowed_origins", ErrInvalid)
	}
	return nil
}

// Origin is the origin of an absolute http(s) URL as browsers write it
// (lower case, no default port), or "" when s is not one.
func Origin(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return u.Scheme + "://" + host
}

// URL is the entry link to base (the checkout's scheme://host) for q,
// signed with key and valid until expires.
func URL(base, key string, q url.Values, expires time.Time) (string, error) {
	signed, err := Sign(key, q, expires)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(base, "/") + "/start?" + signed.Encode(), nil
}

// ReturnLifetime is how long a signed return stays valid: the merchant's
// server checks it when the person lands on its return URL, or when its
// page passes on a checkout:done event, moments after it was made.
const ReturnLifetime = time.Hour

// ReturnStatuses are the statuses a return says.
var ReturnStatuses = []string{"success", "pending", "fail", "cancel"}

// returnFields are the parameters a return's sig covers: those of them that
// are not empty (a cancel before any payment has no reference), in the
// canonical form of entry links. The merchant's own parameters of its
// return URL are not covered.
var returnFields = []string{"status", "reference", "exp"}

// Return is a verified return from the checkout to the merchant.
type Return struct {
	Status    string // success, pending, fail or cancel: what the person was told, not a payment
	Reference string // the attempt's custom_transaction_id; "" for a cancel before any
	Expires   time.Time
}

// SignReturn is the signed fields of a return (status, reference when not
// empty, exp and sig) for the return URL and the checkout:done event.
func SignReturn(key, status, reference string, expires time.Time) (url.Values, error) {
	q := url.Values{"status": {status}}
	if reference != "" {
		q.Set("reference", reference)
	}
	return Sign(key, q, expires)
}

// VerifyReturn checks, as the merchant's server does, a return's signature
// with key and its expiry at now: q is the query of the return URL (the
// merchant's own parameters are ignored) or the fields of a checkout:done
// event. A return only says where the person was sent; credit comes from
// Paykassma's postback.
func VerifyReturn(key string, q url.Values, now time.Time) (*Return, error) {
	if q.Get("sig") == "" {
		return nil, fmt.Errorf("return: %w", ErrNoSignature)
	}
	signed := url.Values{"sig": q["sig"]}
	for _, k := range returnFields {
		if len(q[k]) > 1 {
			return nil, fmt.Errorf("return: %w: %s given %d times", ErrInvalid, k, len(q[k]))
		}
		if v := q.Get(k); v != "" {
			signed.Set(k, v)
		}
	}
	if err := checkSig(key, signed); err != nil {
		return nil, fmt.Errorf("return: %w", err)
	}
	exp, err := strconv.ParseInt(signed.Get("exp"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("return: %w: exp must be unix seconds", ErrInvalid)
	}
	if !now.Before(time.Unix(exp, 0)) {
		return nil, fmt.Errorf("return: %w", ErrExpired)
	}
	r := &Return{Status: signed.Get("status"), Reference: signed.Get("reference"), Expires: time.Unix(exp, 0)}
	if !slices.Contains(ReturnStatuses, r.Status) {
		return nil, fmt.Errorf("return: %w: status", ErrInvalid)
	}
	return r, nil
}

// WithOutcome is a merchant's return URL with a signed return's fields
// (SignReturn) added. The merchant's own parameters are kept, but for those
// the return sets: status, reference, exp and sig.
func WithOutcome(returnURL string, signed url.Values) string {
	u, err := url.Parse(returnURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	for _, k := range []string{"status", "reference", "exp", "sig"} {
		q.Del(k)
		if v := signed.Get(k); v != "" {
			q.Set(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
