package paykassma

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Client talks to the Paykassma API. It is safe for concurrent use.
type Client struct {
	baseURL    string // scheme and host, optionally a path prefix; no trailing slash
	secret     string
	privateKey string
	http       *http.Client
	secrets    *regexp.Regexp // the secret and the private key in any encoding; see redactString
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient replaces the default HTTP client (15 s overall timeout,
// bounded dial, TLS handshake and response headers). nil keeps the default.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) {
		if h != nil {
			c.http = h
		}
	}
}

// WithTimeout bounds each call as a whole (15 s by default) while keeping the
// client's transport, so the dial, TLS and header limits and the pool of
// connections to Paykassma stay as they are. The caller's client is copied,
// never changed.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		h := *c.http
		h.Timeout = d
		c.http = &h
	}
}

// WithPrivateKey sets the key that signs withdrawal requests.
func WithPrivateKey(key string) Option { return func(c *Client) { c.privateKey = key } }

// New makes a client for the API at baseURL (scheme and host, e.g.
// "https://api.example.com"; a path prefix such as ".../sandbox" is kept).
func New(baseURL, secret string, opts ...Option) *Client {
	c := &Client{
		baseURL: strings.TrimRight(baseURL, "/"),
		secret:  secret,
		http:    defaultHTTPClient(),
	}
	for _, o := range opts {
		o(c)
	}
	c.secrets = secretPattern(c.secret, c.privateKey)
	return c
}

// PaymentSystems calls GET /api/v1/payment-systems/available.
func (c *Client) PaymentSystems(ctx context.Context, req PaymentSystemsRequest) (*PaymentSystems, error) {
	q := url.Values{"currency_code[]": req.CurrencyCodes, "label": {req.Label}}
	a, err := c.send(ctx, request{endpoint: "payment-systems/available", method: http.MethodGet,
		path: "/api/v1/payment-systems/available", query: q})
	if err != nil {
		return nil, err
	}
	return decodePaymentSystems(a)
}

// Mediahints calls GET /wallet-type/images/.
func (c *Client) Mediahints(ctx context.Context) (Mediahints, error) {
	a, err := c.send(ctx, request{endpoint: "wallet-type/images", method: http.MethodGet,
		path: "/wallet-type/images/"})
	if err != nil {
		return nil, err
	}
	return decodeMediahints(a)
}

// CreateTransaction calls POST /api/v1/transaction/create/{walletType}.
func (c *Client) CreateTransaction(ctx context.Context, walletType string, req CreateTransactionRequest) (*Transaction, error) {
	seg, err := pathSegment("transaction/create", walletType)
	if err != nil {
		return nil, err
	}
	a, err := c.postJSON(ctx, "transaction/create/"+walletType, "/api/v1/transaction/create/"+seg, req)
	if err != nil {
		return nil, err
	}
	return decodeTransaction(a)
}

// Activate calls POST /api/v1/transaction/activate.
func (c *Client) Activate(ctx context.Context, req ActivateRequest) (Activation, error) {
	a, err := c.postJSON(ctx, "transaction/activate", "/api/v1/transaction/activate", req)
	if err != nil {
		return 0, err
	}
	return decodeActivation(a)
}

// PossibleTransaction calls POST /api/v1/possible-transaction (multipart).
func (c *Client) PossibleTransaction(ctx context.Context, req PossibleTransactionRequest) (Activation, error) {
	body, contentType, err := possibleTransactionForm(req)
	if err != nil {
		return 0, fmt.Errorf("paykassma possible-transaction: %w", err)
	}
	a, err := c.send(ctx, request{endpoint: "possible-transaction", method: http.MethodPost,
		path: "/api/v1/possible-transaction", body: body, contentType: contentType})
	if err != nil {
		return 0, err
	}
	return decodeActivation(a)
}

// possibleTransactionForm builds the multipart body: the fields as text
// parts, the screenshot as a file part keeping its name and type.
func possibleTransactionForm(req PossibleTransactionRequest) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range [][2]string{
		{"currency_code", req.CurrencyCode},
		{"wallet_type", req.WalletType},
		{"label", req.Label},
		{"key1", req.Key1},
		{"amount", req.Amount.String()},
		{"custom_id", req.CustomID},
	} {
		if err := w.WriteField(f[0], f[1]); err != nil {
			return nil, "", err
		}
	}
	if s := req.Screenshot; s != nil {
		name := s.Name
		if name == "" {
			name = "screenshot"
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", multipart.FileContentDisposition("screenshot", name))
		h.Set("Content-Type", fileContentType(s))
		part, err := w.CreatePart(h)
		if err != nil {
			return nil, "", err
		}
		if _, err := part.Write(s.Data); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// fileContentType keeps the upload's declared type when it is a valid media
// type (re-formatted, so no header can be smuggled in), else sniffs it.
func fileContentType(f *File) string {
	if mt, params, err := mime.ParseMediaType(f.ContentType); err == nil {
		if s := mime.FormatMediaType(mt, params); s != "" {
			return s
		}
	}
	return http.DetectContentType(f.Data)
}

// CreatePayment calls the generic POST /api/v1/payment/create/{paymentSystem}.
func (c *Client) CreatePayment(ctx context.Context, paymentSystem string, req CreatePaymentRequest) error {
	seg, err := pathSegment("payment/create", paymentSystem)
	if err != nil {
		return err
	}
	a, err := c.postJSON(ctx, "payment/create/"+paymentSystem, "/api/v1/payment/create/"+seg, req)
	if err != nil {
		return err
	}
	return decodeAccepted(a)
}

// CreateBkashPayment calls POST /api/v1/payment/create/bkash_api.
func (c *Client) CreateBkashPayment(ctx context.Context, req BkashPaymentRequest) (*RedirectPayment, error) {
	a, err := c.postJSON(ctx, "payment/create/bkash_api", "/api/v1/payment/create/bkash_api", req)
	if err != nil {
		return nil, err
	}
	return decodeBkash(a)
}

// CreateNagadPayment calls POST /api/v1/payment/create/nagad_api.
func (c *Client) CreateNagadPayment(ctx context.Context, req NagadPaymentRequest) (*RedirectPayment, error) {
	a, err := c.postJSON(ctx, "payment/create/nagad_api", "/api/v1/payment/create/nagad_api", req)
	if err != nil {
		return nil, err
	}
	return decodeNagad(a)
}

// DepositInfo calls GET /api/v1/deposit-info.
func (c *Client) DepositInfo(ctx context.Context, req DepositInfoRequest) (*DepositInfo, error) {
	q := url.Values{"label": {req.Label}, "currency": {req.Currency}}
	if req.Manual {
		q.Set("wallet_type", "manual")
		q.Set("code", req.WalletType)
	} else {
		q.Set("wallet_type", req.WalletType)
	}
	a, err := c.send(ctx, request{endpoint: "deposit-info", method: http.MethodGet,
		path: "/api/v1/deposit-info", query: q})
	if err != nil {
		return nil, err
	}
	return decodeDepositInfo(a)
}

// HashURLs calls POST /payment-plugin/hash-url.
func (c *Client) HashURLs(ctx context.Context, req HashURLsRequest) (*HashedURLs, error) {
	a, err := c.postJSON(ctx, "payment-plugin/hash-url", "/payment-plugin/hash-url", req)
	if err != nil {
		return nil, err
	}
	return decodeHashedURLs(a)
}

// errNoPrivateKey is returned by CreateWithdrawal on a client without one.
var errNoPrivateKey = errors.New("paykassma v2/withdrawal/create: no private key to sign with")

// CreateWithdrawal calls POST /v2/withdrawal/create, signed with the private key.
func (c *Client) CreateWithdrawal(ctx context.Context, req WithdrawalRequest) error {
	if c.privateKey == "" {
		return errNoPrivateKey
	}
	unsigned, err := marshalJSON(req)
	if err != nil {
		return fmt.Errorf("paykassma v2/withdrawal/create: %w", err)
	}
	sig, err := Sign(c.privateKey, unsigned)
	if err != nil {
		return fmt.Errorf("paykassma v2/withdrawal/create: sign: %s", c.redactString(err.Error()))
	}
	body, err := withSignature(unsigned, sig)
	if err != nil {
		return fmt.Errorf("paykassma v2/withdrawal/create: %w", err)
	}
	a, err := c.send(ctx, request{endpoint: "v2/withdrawal/create", method: http.MethodPost,
		path: "/v2/withdrawal/create", body: body, contentType: "application/json", noSecret: true})
	if err != nil {
		return err
	}
	return decodeAccepted(a)
}

// withSignature adds "signature" to the very bytes that were signed, so the
// server verifies exactly what we hashed (a second marshal could differ).
func withSignature(signed []byte, sig string) ([]byte, error) {
	t := bytes.TrimRight(signed, " \t\r\n")
	if len(t) < 2 || t[0] != '{' || t[len(t)-1] != '}' {
		return nil, errors.New("signed body is not a JSON object")
	}
	quoted, err := json.Marshal(sig)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(t)+len(quoted)+14)
	out = append(out, t[:len(t)-1]...)
	if len(bytes.TrimSpace(t[1:len(t)-1])) > 0 {
		out = append(out, ',')
	}
	out = append(out, `"signature":`...)
	out = append(out, quoted...)
	return append(out, '}'), nil
}

// DepositPostback calls GET /api/v1/postback?type=deposit.
func (c *Client) DepositPostback(ctx context.Context, q DepositPostbackQuery) (*DepositPostback, error) {
	v := url.Values{"type": {"deposit"}}
	if q.TransactionID != "" {
		v.Set("transaction_id", q.TransactionID)
	}
	if q.CustomID != "" {
		v.Set("custom_id", q.CustomID)
	}
	a, err := c.send(ctx, request{endpoint: "postback", method: http.MethodGet, path: "/api/v1/postback", query: v})
	if err != nil {
		return nil, err
	}
	return decodeDepositPostback(a)
}

// WithdrawalPostback calls GET /api/v1/postback?type=withdrawal.
func (c *Client) WithdrawalPostback(ctx context.Context, withdrawalID string) (*WithdrawalPostback, error) {
	v := url.Values{"type": {"withdrawal"}, "withdrawal_id": {withdrawalID}}
	a, err := c.send(ctx, request{endpoint: "postback", method: http.MethodGet, path: "/api/v1/postback", query: v})
	if err != nil {
		return nil, err
	}
	return decodeWithdrawalPostback(a)
}

// AccountsBalance calls GET /api/v1/accounts-balance.
func (c *Client) AccountsBalance(ctx context.Context) ([]Balance, error) {
	a, err := c.send(ctx, request{endpoint: "accounts-balance", method: http.MethodGet, path: "/api/v1/accounts-balance"})
	if err != nil {
		return nil, err
	}
	return decodeBalances(a)
}

// DepositStatuses calls GET /api/v1/pullpostbacks?type=deposit.
func (c *Client) DepositStatuses(ctx context.Context, customOrderIDs []string) ([]DepositStatus, error) {
	v := url.Values{"type": {"deposit"}, "plugin_custom_order_id[]": customOrderIDs}
	a, err := c.send(ctx, request{endpoint: "pullpostbacks", method: http.MethodGet, path: "/api/v1/pullpostbacks", query: v})
	if err != nil {
		return nil, err
	}
	return decodeDepositStatuses(a)
}

// WithdrawalStatuses calls GET /api/v1/pullpostbacks?type=withdrawal.
func (c *Client) WithdrawalStatuses(ctx context.Context, withdrawalIDs []string) ([]WithdrawalStatus, error) {
	v := url.Values{"type": {"withdrawal"}, "withdrawal_id[]": withdrawalIDs}
	a, err := c.send(ctx, request{endpoint: "pullpostbacks", method: http.MethodGet, path: "/api/v1/pullpostbacks", query: v})
	if err != nil {
		return nil, err
	}
	return decodeWithdrawalStatuses(a)
}

// postJSON sends v as a JSON body.
func (c *Client) postJSON(ctx context.Context, endpoint, path string, v any) (*answer, error) {
	body, err := marshalJSON(v)
	if err != nil {
		return nil, fmt.Errorf("paykassma %s: %w", endpoint, err)
	}
	return c.send(ctx, request{endpoint: endpoint, method: http.MethodPost, path: path,
		body: body, contentType: "application/json"})
}

// marshalJSON is json.Marshal without HTML escaping, so URLs in a body read
// as they are ("&", not "\u0026"), and without a trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// pathSegment escapes a wallet type or payment system for the URL path and
// refuses values that would address another endpoint.
func pathSegment(endpoint, s string) (string, error) {
	if s == "" || s == "." || s == ".." {
		return "", fmt.Errorf("paykassma %s: invalid payment system %q", endpoint, s)
	}
	return url.PathEscape(s), nil
}
