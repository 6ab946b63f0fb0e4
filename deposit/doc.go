// Package deposit is a payment attempt's lifecycle, apart from HTTP: what a
// PS's form asks and how its answers are checked (Method, Check), the
// reference a payment is sent under (Reference), and the calls to
// Paykassma with what their answers mean for the attempt recorded in the
// depositor's state (PayP2P, PayRedirect, Return, Recheck, Credited).
// The handlers read requests and show Results; they decide nothing here.
//
// # References
//
// A reference (custom_transaction_id, custom_id) is derived, never counted:
// Reference(merchant prefix, the form's nonce, what was typed). The nonce is
// minted each time a pay form is rendered. So the same form sent again with
// the same transaction ID (a double tap, a retry after a timeout, Back and
// send) is the same payment under the same reference, which Paykassma
// refuses to take twice; another transaction ID, another form, another tab,
// visit or instance, or a stale copy of the state never shares one. Nothing
// is kept on a server and nothing rotates: the state's Begin, Settle and
// Abandon only record. A payment sent whose answer never came is retried
// under its own reference, whichever form sends its transaction ID again,
// after asking Paykassma whether it went through.
//
// # "Already used" is not taken on trust
//
// When Paykassma refuses a reference as already used, pullpostbacks decides
// what it holds: a postback listing the transaction ID sent is this payment
// (done); a postback listing only other transaction IDs is another payment,
// and this one is sent once more under a reference of its own. Where
// Paykassma cannot tell, the attempt is recorded as Submitted and the
// outcome page says it has this payment once and is checking, and follows
// it; it never says credited from another payment's postback.
//
// Cases that remain, and why none credits a payment twice or drops one
// silently:
//   - No postback under the reference: pullpostbacks knows nothing of a
//     deposit in savings (below the minimum), a possible transaction, a
//     suspicious one under check, or one not activated. With derived
//     references a used one was sent by this very form with this very
//     transaction ID, so Submitted is what happened; the page follows it
//     until a postback shows, and tells the person not to pay again.
//   - pullpostbacks fails: the same, Submitted, and the status page asks
//     again on each check.
//   - A postback that names no transaction ID under our reference is taken
//     as ours: the reference was derived from our own form.
//   - A stale copy of the state (no cookies, Back) may not hold an attempt
//     still pending in a newer copy: the same transaction ID then goes under
//     a new reference, and Paykassma's own rule (a transaction ID is
//     activated once) refuses it, which the form shows as "already used"
//     beside the field. Nothing is credited twice; nothing is lost, since
//     the first activation stands.
//   - For bKash and Nagad API payments there is no transaction ID: a used
//     reference means this form created the payment before, and the person
//     is on, or back from, that wallet page; the status page says how to
//     start again.
//
// # Counting
//
// Options.Count is told when an attempt's recorded outcome changes to one a
// deposit ends on. A reload that learns nothing counts nothing. A stale
// copy of the state (the st token of an older page, with cookies refused)
// can replay a transition its newer copy already made, and count it again:
// only when the same wallet return or status check is opened from two
// copies of the page, at most once per copy.
package deposit
