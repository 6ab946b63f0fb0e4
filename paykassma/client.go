package paykassma

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// Client talks to the Paykassma API. It is safe for concurrent use.
type Client struct {
	baseURL    string // scheme and host, optionally a path prefix; no trailing slash
	secret     string
	privateKey string
	http       *http.Client
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient replaces the default HTTP client (10 s timeout).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithPrivateKey sets the key that signs withdrawal requests.
func WithPrivateKey(key string) Option { return func(c *Client) { c.privateKey = key } }

// New makes a client for the API at baseURL (scheme and host, e.g.
// "https://api.example.com"; a path prefix such as ".../sandbox" is kept).
func New(baseURL, secret string, opts ...Option) *Client {
	c := &Client{
		baseURL: strings.TrimRight(baseURL, "/"),
		secret:  secret,
		http:    &http.Client{Timeout: 10 * time.Second},
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

var errTODO = errors.New("paykassma: not implemented yet")

// PaymentSystems calls GET /api/v1/payment-systems/available.
func (c *Client) PaymentSystems(ctx context.Context, req PaymentSystemsRequest) (*PaymentSystems, error) {
	return nil, errTODO
}

// Mediahints calls GET /wallet-type/images/.
func (c *Client) Mediahints(ctx context.Context) (Mediahints, error) { return nil, errTODO }

// CreateTransaction calls POST /api/v1/transaction/create/{walletType}.
func (c *Client) CreateTransaction(ctx context.Context, walletType string, req CreateTransactionRequest) (*Transaction, error) {
	return nil, errTODO
}

// Activate calls POST /api/v1/transaction/activate.
func (c *Client) Activate(ctx context.Context, req ActivateRequest) (Outcome, error) {
	return 0, errTODO
}

// PossibleTransaction calls POST /api/v1/possible-transaction (multipart).
func (c *Client) PossibleTransaction(ctx context.Context, req PossibleTransactionRequest) (Outcome, error) {
	return 0, errTODO
}

// CreatePayment calls the generic POST /api/v1/payment/create/{paymentSystem}.
func (c *Client) CreatePayment(ctx context.Context, paymentSystem string, req CreatePaymentRequest) error {
	return errTODO
}

// CreateBkashPayment calls POST /api/v1/payment/create/bkash_api.
func (c *Client) CreateBkashPayment(ctx context.Context, req BkashPaymentRequest) (*RedirectPayment, error) {
	return nil, errTODO
}

// CreateNagadPayment calls POST /api/v1/payment/create/nagad_api.
func (c *Client) CreateNagadPayment(ctx context.Context, req NagadPaymentRequest) (*RedirectPayment, error) {
	return nil, errTODO
}

// DepositInfo calls GET /api/v1/deposit-info.
func (c *Client) DepositInfo(ctx context.Context, req DepositInfoRequest) (*DepositInfo, error) {
	return nil, errTODO
}

// HashURLs calls POST /payment-plugin/hash-url.
func (c *Client) HashURLs(ctx context.Context, req HashURLsRequest) (*HashedURLs, error) {
	return nil, errTODO
}

// CreateWithdrawal calls POST /v2/withdrawal/create, signed with the private key.
func (c *Client) CreateWithdrawal(ctx context.Context, req WithdrawalRequest) error { return errTODO }

// DepositPostback calls GET /api/v1/postback?type=deposit.
func (c *Client) DepositPostback(ctx context.Context, q DepositPostbackQuery) (*DepositPostback, error) {
	return nil, errTODO
}

// WithdrawalPostback calls GET /api/v1/postback?type=withdrawal.
func (c *Client) WithdrawalPostback(ctx context.Context, withdrawalID string) (*WithdrawalPostback, error) {
	return nil, errTODO
}

// AccountsBalance calls GET /api/v1/accounts-balance.
func (c *Client) AccountsBalance(ctx context.Context) ([]Balance, error) { return nil, errTODO }

// DepositStatuses calls GET /api/v1/pullpostbacks?type=deposit.
func (c *Client) DepositStatuses(ctx context.Context, customOrderIDs []string) ([]DepositStatus, error) {
	return nil, errTODO
}

// WithdrawalStatuses calls GET /api/v1/pullpostbacks?type=withdrawal.
func (c *Client) WithdrawalStatuses(ctx context.Context, withdrawalIDs []string) ([]WithdrawalStatus, error) {
	return nil, errTODO
}
