// Paykassma's messages in our words.

package handlers

import (
	"strings"

	"github.com/paykassma/checkout/i18n"
)

// apiMessages are the messages the API document (paykassma-api.md) lists,
// by their text in lower case without a final full stop, as the i18n keys
// of our words for them. The API speaks English only; a page shows these
// words and keeps Paykassma's own as a folded detail.
var apiMessages = map[string]string{
	"not found":                          "api.said.notfound",
	"transaction field has wrong length": "api.said.length",
	"transaction not found. possible transaction created":                                                                              "api.said.possible",
	"check of deposit status started. the operation may take longer than expected. once checked the funds will credit to your account": "api.said.checking",
	"transaction not found": "api.said.txnotfound",
	"successful":            "api.said.successful",
	"insufficient balance":  "api.said.balance",
	"wrong secret":          "api.said.secret",
	"data validation error": "api.said.validation",
	"postback not found":    "api.said.nopostback",
}

// apiSaid is Paykassma's message msg in lang's words, or "" for a message
// the document does not list.
func apiSaid(lang, msg string) string {
	k := strings.TrimSuffix(strings.ToLower(strings.Join(strings.Fields(msg), " ")), ".")
	if key, ok := apiMessages[k]; ok {
		return i18n.T(lang, key)
	}
	return ""
}
