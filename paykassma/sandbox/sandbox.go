// Package sandbox is a fake Paykassma API: an http.Handler that answers
// every endpoint the checkout uses with the API document's shapes, keeps its
// state in memory, and serves hosted bKash/Nagad pages to pay on. Triggers in
// the transaction ID (key1) reach each outcome deterministically; see
// sandbox-spec.md.
package sandbox

import (
	"crypto/subtle"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// Options configure a Server.
type Options struct {
	Secret     string // the secret it accepts; "" means "sandbox-secret"
	PrivateKey string // verifies withdrawal signatures; "" means "sandbox-private-key"
	// PagesURL is the URL prefix under which a browser reaches this handler's
	// hosted wallet pages and assets, e.g. "http://localhost:8080/sandbox" or a
	// root-relative "/sandbox". "" means: scheme+host of the incoming request.
	PagesURL string
	Now      func() time.Time // nil: time.Now
	// ReturnAnywhere lets the wallet pages send the browser to any http(s)
	// return URL, as Paykassma does. Only for a sandbox on a host of its own
	// standing in for Paykassma: mounted in the checkout, its pages are on the
	// checkout's origin and would make it an open redirect, so by default
	// they return only to the origin they are served from.
	ReturnAnywhere bool
}

// Server is the sandbox: an http.Handler with its paths at its root
// (/api/v1/..., /wallet-type/images/, /wallet/..., /sandbox-assets/...).
// It is safe for concurrent use.
type Server struct {
	secret     string
	privateKey string
	pagesURL   string
	anywhere   bool // Options.ReturnAnywhere
	now        func() time.Time
	mux        *http.ServeMux

	mu          sync.Mutex
	seq         int                 // numbers identifiers, orders and ids
	creates     map[[2]string]int   // (label, wallet type) -> transaction/create calls
	usedIDs     map[string]bool     // custom ids taken by any payment or order
	activations map[string]int      // custom id -> payments recorded under it
	activated   map[[2]string]bool  // (wallet type, key1) accepted
	pending     map[string]*payment // possible or suspicious payments, by custom id
	savings     map[savingsKey][]*payment
	byCustomID  map[string]*depositPostback
	byTxnID     map[string]*depositPostback
	orders      map[string]*order
	withdrawals map[string]*withdrawal
	balances    []*balance

	faults faultTable // set by SetFault; its own lock
}

// payment is one accepted (or pending) deposit payment.
type payment struct {
	Label, WalletType, Currency string
	Key1                        string // the transaction ID the depositor typed, or the wallet's
	CustomID                    string
	From                        *string
	Amount                      decimal.Decimal
	Created, Activated          time.Time
}

// savingsKey is one savings pot: the document keeps a depositor's small
// payments until they reach "the minimum deposit amount of this payment
// system", and deposit-info answers per wallet_type, so a pot is per PS.
type savingsKey struct{ Label, WalletType, Currency string }

// depositPostback is a credit: the payments that together reached the minimum.
type depositPostback struct {
	TransactionID string
	Label         string
	Currency      string
	Sum           decimal.Decimal
	StockpilingID int64
	Transactions  []*payment
}

type balance struct {
	WalletType, Currency string
	Amount               decimal.Decimal
}

// New makes a sandbox with empty state and the seed balances.
func New(opts Options) *Server {
	s := &Server{
		secret:      opts.Secret,
		privateKey:  opts.PrivateKey,
		pagesURL:    strings.TrimRight(opts.PagesURL, "/"),
		anywhere:    opts.ReturnAnywhere,
		now:         opts.Now,
		creates:     map[[2]string]int{},
		usedIDs:     map[string]bool{},
		activations: map[string]int{},
		activated:   map[[2]string]bool{},
		pending:     map[string]*payment{},
		savings:     map[savingsKey][]*payment{},
		byCustomID:  map[string]*depositPostback{},
		byTxnID:     map[string]*depositPostback{},
		orders:      map[string]*order{},
		withdrawals: map[string]*withdrawal{},
		balances:    seedBalances(),
	}
	if s.secret == "" {
		s.secret = "sandbox-secret"
	}
	if s.privateKey == "" {
		s.privateKey = "sandbox-private-key"
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.mux = s.routes()
	return s
}

func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.Handle("GET /api/v1/payment-systems/available", s.withSecret(s.handlePaymentSystems))
	m.Handle("GET /wallet-type/images/{$}", s.withSecret(s.handleMediahints))
	m.Handle("GET /wallet-type/images", s.withSecret(s.handleMediahints))
	m.Handle("POST /api/v1/transaction/create/{type}", s.withSecret(s.handleCreateTransaction))
	m.Handle("POST /api/v1/transaction/activate", s.withSecret(s.handleActivate))
	m.Handle("POST /api/v1/possible-transaction", s.withSecret(s.handlePossibleTransaction))
	m.Handle("POST /api/v1/payment/create/{ps}", s.withSecret(s.handleCreatePayment))
	m.Handle("GET /api/v1/deposit-info", s.withSecret(s.handleDepositInfo))
	m.Handle("POST /payment-plugin/hash-url", s.withSecret(s.handleHashURL))
	m.HandleFunc("POST /v2/withdrawal/create", s.handleCreateWithdrawal) // signed, no secret
	m.Handle("GET /api/v1/postback", s.withSecret(s.handlePostback))
	m.Handle("GET /api/v1/accounts-balance", s.withSecret(s.handleAccountsBalance))
	m.Handle("GET /api/v1/pullpostbacks", s.withSecret(s.handlePullPostbacks))
	m.Handle("GET /sandbox-assets/", http.StripPrefix("/sandbox-assets", assetHandler()))
	m.HandleFunc("GET /wallet/{brand}/{order}", s.handleWalletPage)
	m.HandleFunc("POST /wallet/{brand}/{order}", s.handleWalletAction)
	m.Handle("POST /_sandbox/credit", s.control(s.handleAdminCredit))
	m.Handle("POST /_sandbox/fault", s.control(s.handleAdminFault))
	m.Handle("GET /_sandbox/activations", s.control(s.handleAdminActivations))
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { notFound(w) })
	return m
}

// ServeHTTP serves the API, the hosted wallet pages and the assets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f, ok := s.takeFault(r.URL.Path); ok {
		s.serveFault(w, r, f)
	} else {
		s.mux.ServeHTTP(w, r)
	}
	if r.MultipartForm != nil { // big screenshots spill to temporary files
		r.MultipartForm.RemoveAll()
	}
}

// withSecret answers as the API does: no secret is a 404, a wrong one an
// "error" naming the secret as the target (never echoing it).
func (s *Server) withSecret(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.URL.Query().Get("secret")
		if got == "" {
			notFound(w)
			return
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.secret)) != 1 {
			writeJSON(w, http.StatusOK, obj{
				"status":        "error",
				"code":          30228,
				"errors":        obj{"target": "secret", "code": 36205, "message": "Wrong secret"},
				"error_message": "Data validation error",
			})
			return
		}
		h(w, r)
	})
}

// control guards the sandbox's own controls, which change what every
// visitor sees: a browser must say the request came from the same origin
// (Sec-Fetch-Site), anything else must carry the sandbox's secret, as its API
// calls do (?secret=). A page on another site can do neither.
func (s *Server) control(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sameOrigin := r.Header.Get("Sec-Fetch-Site") == "same-origin"
		token := subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("secret")), []byte(s.secret)) == 1
		if !sameOrigin && !token {
			writeJSON(w, http.StatusForbidden, obj{"status": "fail",
				"message": "The sandbox's controls take its secret (?secret=) or a same-origin request."})
			return
		}
		h(w, r)
	})
}

// returnsHome reports whether a wallet page may send the browser to target:
// anywhere with ReturnAnywhere, else only to the origin the page is served
// from (PagesURL's, or the request's host when PagesURL is a path).
func (s *Server) returnsHome(r *http.Request, target string) bool {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	if s.anywhere {
		return true
	}
	if home, err := url.Parse(s.pagesURL); err == nil && home.Host != "" {
		return strings.EqualFold(u.Scheme, home.Scheme) && strings.EqualFold(u.Host, home.Host)
	}
	return strings.EqualFold(u.Host, r.Host)
}

// publicBase is the prefix of absolute URLs a browser follows (logos,
// guides, wallet pages): PagesURL, else the request's scheme and host.
func (s *Server) publicBase(r *http.Request) string {
	if s.pagesURL != "" {
		return s.pagesURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// Activations reports how many payments the sandbox recorded under a custom
// transaction id (accepted, possible, under check, or paid on a wallet
// page). Anything but 0 or 1 would mean a double activation.
func (s *Server) Activations(customTransactionID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.activations[customTransactionID]
}

// AllActivations is Activations for every custom id the sandbox has seen.
func (s *Server) AllActivations() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.activations)
}

// handleAdminActivations is AllActivations over HTTP, as JSON
// {"activations": {custom id: count}}: a sandbox standing alone, shared by
// several checkout instances, is where a test counts that every deposit was
// recorded once, whichever instance sent it.
func (s *Server) handleAdminActivations(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, obj{"activations": s.AllActivations()})
}

// Creates reports how many identifiers transaction/create gave a depositor
// for a wallet type.
func (s *Server) Creates(label, walletType string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.creates[[2]string{label, walletType}]
}

// Credit resolves a possible (or suspicious) transaction as genuine, as
// Paykassma's later check would: the payment goes to the depositor's savings
// and is credited once they reach the minimum. Also POST /_sandbox/credit?custom_id=...
func (s *Server) Credit(customID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pending[customID]
	if p == nil {
		return fmt.Errorf("sandbox: no possible transaction with custom id %q", customID)
	}
	delete(s.pending, customID)
	p.Activated = s.now()
	s.activated[[2]string{p.WalletType, p.Key1}] = true
	s.creditLocked(p)
	return nil
}

// handleAdminCredit is Credit over HTTP, for people trying the checkout. It
// takes no secret: the sandbox moves no real money.
func (s *Server) handleAdminCredit(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("custom_id")
	if id == "" {
		writeJSON(w, http.StatusBadRequest, obj{"status": "fail", "message": fieldErrors{"custom_id": {"The custom id field is required."}}})
		return
	}
	if err := s.Credit(id); err != nil {
		writeJSON(w, http.StatusNotFound, obj{"status": "fail", "message": err.Error()})
		return
	}
	ok(w)
}

// nextSeqLocked numbers things; the caller holds s.mu.
func (s *Server) nextSeqLocked() int {
	s.seq++
	return s.seq
}

// recordLocked takes a custom id for a payment; the caller holds s.mu.
func (s *Server) recordLocked(customID string) {
	s.usedIDs[customID] = true
	s.activations[customID]++
}

// creditLocked adds an accepted payment to its savings pot and, once the pot
// reaches the PS's minimum deposit, credits the whole pot: one postback
// naming every payment, and the merchant's balances grow. Caller holds s.mu.
func (s *Server) creditLocked(p *payment) {
	key := savingsKey{p.Label, p.WalletType, p.Currency}
	pot := append(s.savings[key], p)
	sum := decimal.Zero
	for _, q := range pot {
		sum = sum.Add(q.Amount)
	}
	if sum.LessThan(lookupPS(p.WalletType).Min) {
		s.savings[key] = pot
		return
	}
	delete(s.savings, key)
	pb := &depositPostback{
		TransactionID: p.Key1,
		Label:         p.Label,
		Currency:      p.Currency,
		Sum:           sum,
		StockpilingID: int64(1000 + s.nextSeqLocked()),
		Transactions:  pot,
	}
	for _, q := range pot {
		if q.CustomID != "" {
			s.byCustomID[q.CustomID] = pb
		}
		s.byTxnID[q.Key1] = pb
		s.addBalanceLocked(q.WalletType, q.Currency, q.Amount)
	}
}

func (s *Server) addBalanceLocked(walletType, currency string, amount decimal.Decimal) {
	for _, b := range s.balances {
		if b.WalletType == walletType && b.Currency == currency {
			b.Amount = b.Amount.Add(amount)
			return
		}
	}
	s.balances = append(s.balances, &balance{WalletType: walletType, Currency: currency, Amount: amount})
}

func (s *Server) savingsSum(key savingsKey) decimal.Decimal {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum := decimal.Zero
	for _, p := range s.savings[key] {
		sum = sum.Add(p.Amount)
	}
	return sum
}
