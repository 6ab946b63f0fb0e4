package paykassma

import "github.com/shopspring/decimal"

// Status is the "status" field every response carries.
type Status string

// The statuses the API answers with; which one means success depends on the
// endpoint (ok on /api/v1, success on the newer endpoints).
const (
	StatusOK                         Status = "ok"
	StatusSuccess                    Status = "success"
	StatusFail                       Status = "fail"
	StatusError                      Status = "error"
	StatusPossibleTransactionCreated Status = "possible_transaction_created"
)

// PaymentSystemsRequest asks which PSs serve a depositor in some currencies.
type PaymentSystemsRequest struct {
	CurrencyCodes []string // sent as currency_code[]=INR&currency_code[]=BDT
	Label         string   // the depositor's id on the merchant's site
}

// PaymentSystems is payment-systems/available's answer.
type PaymentSystems struct {
	Currencies []Currency `json:"currency_data"`
	Wallets    []Wallet   `json:"wallets"`
}

// Currency is a currency code with the symbol to show beside amounts.
type Currency struct {
	Code   string `json:"code"`
	Symbol string `json:"symbol"`
}

// Wallet is one payment system (PS) a depositor can pay with.
type Wallet struct {
	Type                 string `json:"type"`
	CurrencyCode         string `json:"currency_code"`
	Order                int    `json:"order"`
	Logo                 string `json:"logo"`
	Name                 string `json:"name"`
	IsManual             bool   `json:"is_manual"`
	UploadingPaymentBill bool   `json:"uploading_payment_bill"`
}

// Mediahint is a guide (gif or mp4) showing how to pay with a PS.
type Mediahint struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
}

// Mediahints are keyed by wallet type or by its family ("upi" for "upi_l").
type Mediahints map[string]Mediahint

// For finds the guide of a wallet type: by its exact type, then by the part
// before the first "_", as the API keys them.
func (m Mediahints) For(walletType string) (Mediahint, bool) {
	if h, ok := m[walletType]; ok {
		return h, true
	}
	for i := 0; i < len(walletType); i++ {
		if walletType[i] == '_' {
			h, ok := m[walletType[:i]]
			return h, ok
		}
	}
	return Mediahint{}, false
}

// CreateTransactionRequest is the body of transaction/create/{wallet_type}.
type CreateTransactionRequest struct {
	Currency string `json:"currency"`
	Label    string `json:"label"`
}

// Transaction is a created P2P payment: the wallet identifier to pay to.
type Transaction struct {
	Identifier string `json:"identifier"`
}

// ActivateRequest is the body of transaction/activate (is_manual = false).
type ActivateRequest struct {
	CurrencyCode        string  `json:"currency_code"`
	WalletType          string  `json:"wallet_type"`
	Label               string  `json:"label"`
	Key1                string  `json:"key1"` // the transaction ID the depositor typed
	Amount              *Amount `json:"amount,omitempty"`
	CustomTransactionID string  `json:"custom_transaction_id"`
}

// PossibleTransactionRequest is the multipart body of possible-transaction
// (is_manual = true). Note custom_id, where activate has custom_transaction_id.
type PossibleTransactionRequest struct {
	CurrencyCode string
	WalletType   string
	Label        string
	Key1         string
	Amount       Amount
	CustomID     string
	Screenshot   *File // optional; sent as the file part "screenshot"
}

// File is an uploaded file held in memory.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Activation is Paykassma's answer to an accepted activate or
// possible-transaction call: activated, or a possible transaction it keeps
// checking. (What became of a depositor's attempt is depositor.Outcome.)
type Activation int

const (
	// Activated: the payment was found and credited (or added to savings).
	Activated Activation = iota + 1
	// PossibleTransactionCreated: not found yet; Paykassma keeps checking.
	PossibleTransactionCreated
)

// CreatePaymentRequest is the generic payment/create/{payment_system} body.
type CreatePaymentRequest struct {
	Language            string `json:"language"`
	Currency            string `json:"currency"`
	Bank                string `json:"bank"`
	Amount              Amount `json:"amount"`
	Label               string `json:"label"`
	RedirectURL         string `json:"redirect_url"`
	CustomTransactionID string `json:"custom_transaction_id"`
}

// BkashPaymentRequest is the body of payment/create/bkash_api.
type BkashPaymentRequest struct {
	Amount              Amount `json:"amount"`
	AccountNumber       string `json:"account_number"` // 11 digits, starting 01
	Currency            string `json:"currency"`
	Label               string `json:"label"`
	CustomTransactionID string `json:"custom_transaction_id"`
	SuccessURL          string `json:"success_url"`
	FailureURL          string `json:"failure_url"`
	CancelURL           string `json:"cancel_url"`
}

// NagadPaymentRequest is the body of payment/create/nagad_api (fail_url,
// not bKash's failure_url).
type NagadPaymentRequest struct {
	Amount              Amount `json:"amount"`
	Currency            string `json:"currency"`
	Label               string `json:"label"`
	CustomTransactionID string `json:"custom_transaction_id"`
	SuccessURL          string `json:"success_url"`
	FailURL             string `json:"fail_url"`
	CancelURL           string `json:"cancel_url"`
}

// RedirectPayment is a created payment whose page the depositor is sent to.
type RedirectPayment struct {
	OrderID string // bKash's orderId; empty for Nagad
	URL     string // bKash's bkashUrl or Nagad's payment_url
	Message string
}

// DepositInfoRequest asks for a depositor's savings with one PS.
type DepositInfoRequest struct {
	Label      string
	WalletType string
	Currency   string
	// Manual sends wallet_type=manual&code=<WalletType>, as the API wants
	// for manual PSs.
	Manual bool
}

// DepositInfo is the depositor's savings: what has accumulated, what still
// lacks to reach the minimum deposit, and that minimum.
type DepositInfo struct {
	StockpilingSum decimal.Decimal `json:"stockpiling_sum"`
	LacksSum       decimal.Decimal `json:"lacks_sum"`
	MinimumDeposit decimal.Decimal `json:"minimum_deposit"`
}

// OrderedURL is a redirect address and its number in the widget's list.
type OrderedURL struct {
	Order int    `json:"order"`
	URL   string `json:"url"`
}

// HashURLsRequest is the body of payment-plugin/hash-url.
type HashURLsRequest struct {
	SuccessURLs []OrderedURL `json:"success_urls"`
	FailURLs    []OrderedURL `json:"fail_urls"`
	PendingURLs []OrderedURL `json:"pending_urls"`
}

// HashedURLs are the hashes to put in the widget code (valid for a day).
type HashedURLs struct {
	Success []OrderedURL `json:"success_url"`
	Fail    []OrderedURL `json:"fail_url"`
	Pending []OrderedURL `json:"pending_url"`
}

// WithdrawalRequest is the body of v2/withdrawal/create before signing.
// Amount is an integer, as the API says; optional fields are omitted when
// empty so the signature covers exactly what is sent.
type WithdrawalRequest struct {
	WithdrawalID    string           `json:"withdrawal_id,omitempty"`
	PaymentSystem   string           `json:"payment_system"`
	Amount          int64            `json:"amount"`
	CurrencyCode    string           `json:"currency_code"`
	Label           string           `json:"label"`
	IsTest          bool             `json:"is_test"`
	Comment         string           `json:"comment,omitempty"`
	AccountNumber   string           `json:"account_number,omitempty"`
	AccountName     string           `json:"account_name,omitempty"`
	AccountEmail    string           `json:"account_email,omitempty"`
	AccountType     string           `json:"account_type,omitempty"`
	DocumentType    string           `json:"document_type,omitempty"`
	DocumentID      string           `json:"document_id,omitempty"`
	AccountDigit    string           `json:"account_digit,omitempty"`
	IBAN            string           `json:"iban,omitempty"`
	PaymentsDetails *PaymentsDetails `json:"payments_details,omitempty"`
	BankDetails     *BankDetails     `json:"bank_details,omitempty"`
}

// PaymentsDetails are a withdrawal's payment method and provider.
type PaymentsDetails struct {
	PaymentsProvider string `json:"payments_provider,omitempty"`
	PaymentsMethod   string `json:"payments_method,omitempty"`
}

// BankDetails identify the bank of a withdrawal.
type BankDetails struct {
	BankCode                string `json:"bank_code,omitempty"`
	BranchCode              string `json:"branch_code,omitempty"`
	BankCodeInPaymentSystem string `json:"bank_code_in_payments_system,omitempty"`
}

// DepositPostbackQuery finds a deposit's postback by Paykassma's
// transaction id or by our custom id (one of them).
type DepositPostbackQuery struct {
	TransactionID string
	CustomID      string
}

// DepositPostback is what Paykassma reports of a credited deposit.
type DepositPostback struct {
	TransactionID string                     `json:"transaction_id"`
	Label         string                     `json:"label"`
	Stockpiling   map[string]decimal.Decimal `json:"stockpiling"`
	StockpilingID int64                      `json:"stockpiling_id"`
	Transactions  []PostbackTransaction      `json:"transactions"`
}

// PostbackTransaction is one payment that took part in a credited deposit.
type PostbackTransaction struct {
	Amount            decimal.Decimal `json:"amount"`
	CurrencyCode      string          `json:"currency_code"`
	WalletType        string          `json:"wallet_type"`
	TransactionID     string          `json:"transaction_id"`
	TransactionType   int             `json:"transaction_type"`
	From              *string         `json:"from"`
	CreatedDatetime   string          `json:"created_datetime"`
	ActivatedDatetime string          `json:"activated_datetime"`
	CustomID          *string         `json:"custom_id"`
}

// Withdrawal statuses in postbacks.
const (
	WithdrawalProcessed = 1
	WithdrawalRejected  = 5
)

// WithdrawalPostback is what Paykassma reports of a processed withdrawal.
type WithdrawalPostback struct {
	WithdrawalID    string             `json:"withdrawal_id"`
	Status          int                `json:"status"`
	Comment         string             `json:"comment"`
	PaymentSystem   string             `json:"payment_system"`
	Amount          decimal.Decimal    `json:"amount"`
	CurrencyCode    string             `json:"currency_code"`
	Label           string             `json:"label"`
	AccountNumber   string             `json:"account_number"`
	AccountName     string             `json:"account_name"`
	AccountEmail    *string            `json:"account_email"`
	PaymentsDetails map[string]*string `json:"payments_details"`
	BankDetails     map[string]*string `json:"bank_details"`
}

// Balance is one of the merchant's account balances (may be negative).
type Balance struct {
	WalletType   string          `json:"wallet_type"`
	CurrencyCode string          `json:"currency_code"`
	Amount       decimal.Decimal `json:"amount"`
}

// DepositStatus is pullpostbacks' answer for one of our order ids: a
// postback when the deposit was credited, else a message.
type DepositStatus struct {
	PluginCustomOrderID string           `json:"plugin_custom_order_id"`
	Message             string           `json:"message,omitempty"`
	Postback            *DepositPostback `json:"postback,omitempty"`
}

// WithdrawalStatus is pullpostbacks' answer for one withdrawal id.
type WithdrawalStatus struct {
	WithdrawalID string              `json:"withdrawal_id"`
	Message      string              `json:"message,omitempty"`
	Postback     *WithdrawalPostback `json:"postback,omitempty"`
}
