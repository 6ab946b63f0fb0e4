package paykassma

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
)

// maxBody caps how much of an answer is read, so a broken or hostile server
// cannot exhaust memory. The largest real answer (pullpostbacks with full
// stockpiling maps) is a few kilobytes per order.
const maxBody = 1 << 20

// redacted replaces the secret wherever a URL or message would show it.
const redacted = "REDACTED"

// defaultHTTPClient bounds every stage of a call: a hung Paykassma must turn
// into ErrUnavailable for the depositor, not into a request that never ends.
func defaultHTTPClient() *http.Client {
	return &http.Client{
		Timeout: 15 * time.Second,
		Transport: &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{
				Timeout:   5 * time.Second,
				KeepAlive: 30 * time.Second,
			}).DialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: 12 * time.Second,
			ExpectContinueTimeout: time.Second,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   16,
		},
	}
}

// request is one call to the API, before the secret is added.
type request struct {
	endpoint    string // names the call in errors, e.g. "transaction/activate"
	method      string
	path        string // appended to baseURL; dynamic segments already escaped
	query       url.Values
	body        []byte
	contentType string
	noSecret    bool // v2/withdrawal/create is signed instead
}

// send performs r and interprets the answer: a nil error means a JSON object
// whose status the endpoint may accept; anything else is an *APIError or an
// *UnavailableError, scrubbed of the secret.
func (c *Client) send(ctx context.Context, r request) (*answer, error) {
	a, err := c.roundTrip(ctx, r)
	if err != nil {
		return nil, c.scrub(err)
	}
	a.scrub = c.scrub
	return a, nil
}

func (c *Client) roundTrip(ctx context.Context, r request) (*answer, error) {
	u, err := url.Parse(c.baseURL + r.path)
	if err != nil {
		return nil, &UnavailableError{Endpoint: r.endpoint, Detail: "bad base URL", Err: err}
	}
	q := url.Values{}
	for k, v := range r.query {
		q[k] = v
	}
	if !r.noSecret {
		q.Set("secret", c.secret)
	}
	// Encode escapes the brackets of "currency_code[]" as %5B%5D, which is
	// what RFC 3986 asks and what PHP decodes back to an array.
	u.RawQuery = q.Encode()

	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, &UnavailableError{Endpoint: r.endpoint, Detail: "building request", Err: err}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "paykassma-checkout")
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, &UnavailableError{Endpoint: r.endpoint, Err: err}
	}
	defer resp.Body.Close()

	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, &UnavailableError{Endpoint: r.endpoint, HTTPStatus: resp.StatusCode, Detail: "reading body", Err: err}
	}
	if len(raw) > maxBody {
		return nil, &UnavailableError{Endpoint: r.endpoint, HTTPStatus: resp.StatusCode,
			Detail: fmt.Sprintf("body larger than %d bytes", maxBody)}
	}
	return interpret(r.endpoint, resp.StatusCode, resp.Header.Get("Content-Type"), raw)
}

// scrub removes the secret and the private key from err wherever it could
// show them. Go's *url.Error prints the whole request URL, query included, so
// it is rebuilt with a redacted URL; messages the server sent back are
// redacted too, in case it echoes what it was given.
func (c *Client) scrub(err error) error {
	switch e := err.(type) {
	case *UnavailableError:
		e.Detail = c.redactString(e.Detail)
		e.Err = c.scrubCause(e.Err)
	case *APIError:
		e.Message = c.redactString(e.Message)
		if e.Fields != nil {
			fields := make(map[string][]string, len(e.Fields))
			for k, msgs := range e.Fields {
				clean := make([]string, len(msgs))
				for i, m := range msgs {
					clean[i] = c.redactString(m)
				}
				fields[c.redactString(k)] = clean
			}
			e.Fields = fields
		}
	}
	return err
}

func (c *Client) scrubCause(err error) error {
	if err == nil {
		return nil
	}
	if ue, ok := err.(*url.Error); ok {
		err = &url.Error{Op: ue.Op, URL: c.redactURL(ue.URL), Err: c.scrubCause(ue.Err)}
	}
	if msg := err.Error(); c.redactString(msg) != msg {
		// The cause itself quotes the secret (a custom transport, a
		// redirect): keep only its identity for errors.Is, never its text.
		return &redactedError{msg: c.redactString(msg), cause: err}
	}
	return err
}

func (c *Client) redactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.RawQuery != "" {
		q := u.Query()
		if q.Has("secret") {
			q.Set("secret", redacted)
			u.RawQuery = q.Encode()
			raw = u.String()
		}
	}
	return c.redactString(raw)
}

// redactString replaces the secret and the private key however a server
// might quote them (see secretPattern).
func (c *Client) redactString(s string) string {
	re := c.secrets
	if re == nil {
		re = secretPattern(c.secret, c.privateKey)
	}
	if re == nil {
		return s
	}
	return re.ReplaceAllLiteralString(s, redacted)
}

// secretPattern matches the values in every encoding a message could echo
// them in: raw; percent-escaped, whole or in part, in upper or lower hex,
// a space as "+" (query, path, PHP's urlencode and rawurlencode); JSON-escaped
// ("\u0026", PHP's "\/", any rune as \uXXXX); HTML-escaped ("&amp;",
// "&#38;"); and base64, padded or not, standard or URL-safe. Letters match
// in any case. nil when there is nothing
// to hide.
func secretPattern(values ...string) *regexp.Regexp {
	var alts []string
	for _, v := range values {
		if v == "" {
			continue
		}
		var b strings.Builder
		for _, r := range v {
			forms := []string{regexp.QuoteMeta(string(r))}
			var esc strings.Builder
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&esc, "%%%02x", c)
			}
			forms = append(forms, esc.String())
			if r <= 0xFFFF {
				forms = append(forms, fmt.Sprintf(`\\u%04x`, r))
			}
			forms = append(forms, fmt.Sprintf("&#0*%d;", r), fmt.Sprintf("&#x0*%x;", r))
			if named := html.EscapeString(string(r)); named != string(r) && !strings.HasPrefix(named, "&#") {
				forms = append(forms, named)
			}
			switch r {
			case ' ':
				forms = append(forms, `\+`)
			case '/', '"', '\\':
				forms = append(forms, `\\`+regexp.QuoteMeta(string(r)))
			}
			b.WriteString("(?:" + strings.Join(forms, "|") + ")")
		}
		alts = append(alts, b.String())
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			alts = append(alts, regexp.QuoteMeta(enc.EncodeToString([]byte(v))))
			alts = append(alts, regexp.QuoteMeta(enc.WithPadding(base64.NoPadding).EncodeToString([]byte(v))))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// Longer alternatives first: a padded base64 form before its unpadded prefix.
	sort.SliceStable(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
	return regexp.MustCompile("(?i)" + strings.Join(alts, "|"))
}

// redactedError stands in for a cause whose text held the secret. It has no
// Unwrap, so the original text is unreachable, but errors.Is still sees
// through it (context.DeadlineExceeded, net errors).
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string        { return e.msg }
func (e *redactedError) Is(target error) bool { return errors.Is(e.cause, target) }

// Timeout keeps net.Error's answer, which callers use to tell a timeout.
func (e *redactedError) Timeout() bool {
	var ne net.Error
	return errors.As(e.cause, &ne) && ne.Timeout()
}
