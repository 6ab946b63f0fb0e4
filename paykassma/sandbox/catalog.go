package sandbox

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// flow is how a depositor pays with a PS, which decides the endpoints it accepts.
type flow int

const (
	flowP2P      flow = iota // transaction/create, then transaction/activate
	flowManual               // transaction/create, then possible-transaction
	flowRedirect             // payment/create/{type}, then the hosted wallet page
)

// paymentSystem is one row of the sandbox's fixed catalogue (sandbox-spec.md).
type paymentSystem struct {
	Type     string
	Currency string
	Order    int
	Name     string
	Flow     flow
	Min      decimal.Decimal
	// AmountRequired: activation must carry the amount (UPI, PhonePe, manual),
	// as the API document's table says.
	AmountRequired bool
	// identifier makes the wallet identifier of the n-th transaction/create.
	identifier func(n int) string
}

// maxDeposit is the same for every PS in the sandbox.
var maxDeposit = decimal.NewFromInt(100000)

var catalog = []*paymentSystem{
	{Type: "paytm", Currency: "INR", Order: 1, Name: "PayTM", Min: decimal.NewFromInt(300),
		identifier: func(n int) string { return fmt.Sprintf("98%08d", n%1e8) }},
	{Type: "upi_l", Currency: "INR", Order: 2, Name: "UPI", Min: decimal.NewFromInt(300), AmountRequired: true,
		identifier: func(n int) string { return fmt.Sprintf("checkout%d@okaxis", n) }},
	{Type: "upi_ib", Currency: "INR", Order: 3, Name: "UPI IB", Min: decimal.NewFromInt(300), AmountRequired: true,
		identifier: func(n int) string { return fmt.Sprintf("checkout%d@okicici", n) }},
	{Type: "phone_pe", Currency: "INR", Order: 4, Name: "PhonePe", Min: decimal.NewFromInt(300), AmountRequired: true,
		identifier: func(n int) string { return fmt.Sprintf("checkout%d@ybl", n) }},
	{Type: "imps", Currency: "INR", Order: 5, Name: "IMPS", Min: decimal.NewFromInt(500),
		identifier: func(n int) string { return fmt.Sprintf("501000%08d (HDFC0001234)", n%1e8) }},
	{Type: "staging_b_ml", Currency: "INR", Order: 6, Name: "Bank transfer (manual)", Flow: flowManual,
		Min: decimal.NewFromInt(500), AmountRequired: true,
		identifier: func(n int) string { return fmt.Sprintf("502000%08d", n%1e8) }},
	{Type: "bkash", Currency: "BDT", Order: 7, Name: "bKash", Min: decimal.NewFromInt(200),
		identifier: func(n int) string { return fmt.Sprintf("017%08d", n%1e8) }},
	{Type: "nagad", Currency: "BDT", Order: 8, Name: "Nagad", Min: decimal.NewFromInt(200),
		identifier: func(n int) string { return fmt.Sprintf("018%08d", n%1e8) }},
	{Type: "bkash_api", Currency: "BDT", Order: 9, Name: "bKash (pay in app)", Flow: flowRedirect, Min: decimal.NewFromInt(100)},
	{Type: "nagad_api", Currency: "BDT", Order: 10, Name: "Nagad (pay in app)", Flow: flowRedirect, Min: decimal.NewFromInt(100)},
	// A UPI PS that pays a merchant's UPI ID, which UPI apps still open from
	// a link (the checkout's [wallets] upi_intent lists it).
	{Type: "upi_m", Currency: "INR", Order: 11, Name: "UPI (shop)", Min: decimal.NewFromInt(300), AmountRequired: true,
		identifier: func(n int) string { return fmt.Sprintf("pkshop%d@icici", n) }},
}

func lookupPS(walletType string) *paymentSystem {
	for _, ps := range catalog {
		if ps.Type == walletType {
			return ps
		}
	}
	return nil
}

// family groups wallet types the way the API keys mediahints ("upi" for
// "upi_l"), for the hosted wallet pages and withdrawals.
func family(walletType string) string {
	if i := strings.IndexByte(walletType, '_'); i > 0 {
		return walletType[:i]
	}
	return walletType
}

// defaultAmount is what a P2P payment "was" when the activation carries no
// amount: 150 (below every minimum, so it goes to savings) when key1 ends in
// 150, else a sum above the minimum.
func defaultAmount(ps *paymentSystem, key1 string) decimal.Decimal {
	if strings.HasSuffix(key1, "150") {
		return decimal.NewFromInt(150)
	}
	if ps.Currency == "BDT" {
		return decimal.NewFromInt(250)
	}
	return decimal.NewFromInt(500)
}

// currencySymbols follows the API document's example, where INR's symbol is
// the code itself; unknown currencies get their code too.
var currencySymbols = map[string]string{"USD": "$", "EUR": "€"}

func currencySymbol(code string) string {
	if s, ok := currencySymbols[code]; ok {
		return s
	}
	return code
}

// mediahint is a guide file under assets/hint/.
type mediahint struct {
	Key string
	ID  int64
	Ext string
}

// mediahints is what /wallet-type/images/ lists. staging_b_ml has none on
// purpose: the checkout must cope with a PS without a guide.
var mediahints = []mediahint{
	{"paytm", 500, "gif"},
	{"upi", 506, "mp4"},
	{"imps", 486, "mp4"},
	{"bkash", 510, "gif"},
	{"nagad", 511, "gif"},
	{"phone_pe", 512, "gif"},
}

// seedBalances are the merchant's accounts when the sandbox starts; credited
// deposits add to them and withdrawals take from them.
func seedBalances() []*balance {
	return []*balance{
		{WalletType: "paytm", Currency: "INR", Amount: decimal.NewFromInt(50000)},
		{WalletType: "upi_l", Currency: "INR", Amount: decimal.NewFromInt(25000)},
		{WalletType: "imps", Currency: "INR", Amount: decimal.NewFromInt(10000)},
		{WalletType: "bkash", Currency: "BDT", Amount: decimal.NewFromInt(30000)},
		{WalletType: "nagad", Currency: "BDT", Amount: decimal.NewFromInt(20000)},
	}
}
