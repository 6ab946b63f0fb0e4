// Package paykassma is a client of Paykassma's deposit API, as the checkout
// uses it. This comment is the API in our own words: what the checkout relies
// on, so a reader needs no other document.
//
// # Calls
//
// Every call carries the plugin API secret as the query parameter secret; the
// server's IP address must be known to Paykassma beforehand. Paths are under
// the merchant's API host:
//
//	GET  /api/v1/payment-systems/available   the PSs (wallet types) for a label and currency_code[], in display order, with minimum deposit, is_manual and whether a screenshot is asked
//	GET  /wallet-type/images/                mediahints: a gif or mp4 guide per wallet type or family
//	POST /api/v1/transaction/create/{type}   a P2P payment: the wallet identifier (number, UPI ID, account) the person pays to
//	POST /api/v1/transaction/activate        the person's transaction ID (key1) for that payment, with label, currency, wallet type, custom_transaction_id, and the amount where the PS asks for it (UPI, PhonePe)
//	POST /api/v1/possible-transaction        the same for manual PSs (is_manual), multipart with the payment screenshot
//	POST /api/v1/payment/create/bkash_api    a redirect payment: the wallet page's payment_url; also nagad_api
//	GET  /api/v1/deposit-info                savings of a label and wallet type: stockpiling_sum, lacks_sum, minimum_deposit
//	GET  /api/v1/pullpostbacks?type=deposit  what became of our order ids (custom_transaction_id): a postback when credited, else a message
//	GET  /api/v1/postback?type=deposit       one postback sent earlier, by transaction_id or custom_id
//	POST /payment-plugin/hash-url            hashes of the widget's redirect addresses
//	POST /v2/withdrawal/create               a withdrawal, signed with the private key (see [Sign])
//
// # Status values
//
// Every answer has a "status". The /api/v1 endpoints say "ok" on success,
// the newer ones (possible-transaction, pullpostbacks) "success"; "fail"
// is a refusal with a message; "error" carries errors.target and errors.code
// ("secret": the secret is wrong, [ErrWrongSecret]).
// "possible_transaction_created" answers an activation whose payment was not
// found yet: Paykassma keeps checking and credits it later
// ([PossibleTransactionCreated]). An activation that succeeds means found:
// credited, or added to the label's savings when below the PS's minimum.
//
// # Message shapes
//
// A refusal's "message" is either a string ("Transaction not found") or a map
// of field names to lists of messages ({"key1": ["Transaction field has wrong
// length"]}); [APIError] keeps the first in Message and the second in Fields.
//
// # HTTP 400 and 404
//
// HTTP 400 on transaction/activate or possible-transaction means the
// transaction looks suspicious: its check has started, may take longer than
// usual, and it is credited if genuine ([ErrSuspicious]); on any other
// endpoint a 400 is a plain refusal. HTTP 404 "Not found" is what the API
// answers to a request without the secret ([ErrNotFound]), not a missing
// payment. 5xx, timeouts and answers that are not JSON are [ErrUnavailable].
//
// # Savings
//
// A found payment below the PS's minimum deposit is kept, per label, until
// the sum reaches the minimum; only then is the deposit credited and the
// postback sent (its stockpiling and transactions name every payment that
// took part). deposit-info tells how much is kept and how much is lacking.
//
// # failure_url and fail_url
//
// The redirect flows name their return addresses differently: bKash's
// payment/create/bkash_api takes success_url and failure_url, Nagad's
// payment/create/nagad_api takes success_url and fail_url
// ([BkashPaymentRequest], [NagadPaymentRequest]). A return says only where
// the person was sent: credit comes from the postback alone.
package paykassma
