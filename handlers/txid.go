// What the pages say of the transaction ID a wallet gives after a payment.

package handlers

import (
	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/i18n"
)

// txidHelp says where the wallet shows the transaction ID, with an example.
func txidHelp(lang string, fam deposit.Family) string {
	switch fam {
	case "upi":
		return i18n.T(lang, "txid.upi")
	case "phonepe":
		return i18n.T(lang, "txid.phonepe")
	case "paytm":
		return i18n.T(lang, "txid.paytm")
	case "imps":
		return i18n.T(lang, "txid.imps")
	case "bkash":
		return i18n.T(lang, "txid.bkash")
	case "nagad":
		return i18n.T(lang, "txid.nagad")
	case "manual":
		return i18n.T(lang, "txid.manual")
	}
	return i18n.T(lang, "txid.other")
}

// txidHint is the short hint under the transaction ID field.
func txidHint(lang string, fam deposit.Family) string {
	switch fam {
	case "upi", "phonepe":
		return i18n.T(lang, "field.key1.hint.12digits")
	case "bkash":
		return i18n.T(lang, "field.key1.hint.bkash")
	case "manual":
		return i18n.T(lang, "field.key1.hint.manual")
	}
	return i18n.T(lang, "field.key1.hint.other")
}

// key1InputMode is the keyboard a phone offers for the transaction ID:
// digits for the wallets whose IDs are all digits.
func key1InputMode(f deposit.Family) string {
	switch f {
	case deposit.UPI, deposit.PhonePe, deposit.PayTM, deposit.IMPS:
		return "numeric"
	}
	return "text"
}
