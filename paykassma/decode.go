package paykassma

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
)

// answer is a JSON object the API sent with a status that is not a refusal.
// Each endpoint's decoder turns it into that endpoint's typed value.
type answer struct {
	endpoint   string
	httpStatus int
	status     Status
	body       []byte
	scrub      func(error) error // the client's redaction; nil in fuzzing
}

// envelope holds the fields every answer may carry. They are raw so that an
// odd type in one of them (a numeric message, a string code) never hides the
// rest: the API is PHP and not always consistent.
type envelope struct {
	Status       json.RawMessage `json:"status"`
	Message      json.RawMessage `json:"message"`
	Code         json.RawMessage `json:"code"`
	Errors       json.RawMessage `json:"errors"`
	ErrorMessage json.RawMessage `json:"error_message"`
}

// interpret maps an HTTP answer to an *answer, an *APIError (a well-formed
// no, HTTP 400 and 404 whatever their body) or an *UnavailableError (5xx,
// anything that is not the JSON object promised).
func interpret(endpoint string, httpStatus int, contentType string, body []byte) (*answer, error) {
	var env envelope
	jsonErr := unmarshal(body, &env)
	status, _ := stringOf(env.Status)
	refusal := jsonErr == nil && (Status(status) == StatusFail || Status(status) == StatusError)

	switch {
	case httpStatus >= 500:
		return nil, &UnavailableError{Endpoint: endpoint, HTTPStatus: httpStatus, Detail: "server error"}
	case httpStatus == 400 || httpStatus == 404:
		e := &APIError{Endpoint: endpoint, HTTPStatus: httpStatus}
		if jsonErr == nil {
			env.fill(e)
		}
		return nil, e
	case httpStatus >= 400 && refusal:
		// Not in the document, but a JSON refusal (e.g. Laravel's 422) says
		// no as clearly as a 200 with status fail does.
		e := &APIError{Endpoint: endpoint, HTTPStatus: httpStatus}
		env.fill(e)
		return nil, e
	case httpStatus < 200 || httpStatus > 299:
		return nil, &UnavailableError{Endpoint: endpoint, HTTPStatus: httpStatus, Detail: "unexpected HTTP status"}
	case jsonErr != nil:
		return nil, &UnavailableError{Endpoint: endpoint, HTTPStatus: httpStatus,
			Detail: "invalid JSON" + describeType(contentType), Err: jsonErr}
	case refusal:
		e := &APIError{Endpoint: endpoint, HTTPStatus: httpStatus}
		env.fill(e)
		return nil, e
	}

	switch s := Status(status); s {
	case StatusOK, StatusSuccess, StatusPossibleTransactionCreated:
		return &answer{endpoint: endpoint, httpStatus: httpStatus, status: s, body: body}, nil
	default:
		return nil, &UnavailableError{Endpoint: endpoint, HTTPStatus: httpStatus,
			Detail: fmt.Sprintf("unexpected status %q", truncate(status, 40))}
	}
}

// fill copies what a refusal says into e.
func (env *envelope) fill(e *APIError) {
	s, _ := stringOf(env.Status)
	e.Status = Status(s)
	e.Code, _ = intOf(env.Code)

	if msg, ok := stringOf(env.Message); ok {
		e.Message = msg
	} else if fields := fieldsOf(env.Message); fields != nil {
		e.Fields = fields
	} else if msgs := stringsOf(env.Message); len(msgs) > 0 {
		e.Message = strings.Join(msgs, "; ")
	}

	// status "error" explains itself in errors{target, code, message}.
	var errs map[string]json.RawMessage
	if len(env.Errors) > 0 && unmarshal(env.Errors, &errs) == nil && errs != nil {
		target, hasTarget := stringOf(errs["target"])
		code, hasCode := intOf(errs["code"])
		msg, hasMsg := stringOf(errs["message"])
		if hasTarget || hasCode || hasMsg {
			e.Target, e.ErrorCode = target, code
			if e.Message == "" {
				e.Message = msg
			}
		} else if fields := fieldsOf(env.Errors); fields != nil {
			// Laravel's own shape: errors{field: [messages]}.
			if e.Fields == nil {
				e.Fields = map[string][]string{}
			}
			for k, v := range fields {
				e.Fields[k] = append(e.Fields[k], v...)
			}
		}
	}
	if e.Message == "" {
		e.Message, _ = stringOf(env.ErrorMessage)
	}
}

// malformed is the error for a success whose body lacks what the endpoint
// promises: for the caller it is the same as no answer.
func (a *answer) malformed(detail string, err error) error {
	e := &UnavailableError{Endpoint: a.endpoint, HTTPStatus: a.httpStatus, Detail: detail, Err: err}
	if a.scrub != nil {
		return a.scrub(e)
	}
	return e
}

func (a *answer) decode(v any) error {
	if err := unmarshal(a.body, v); err != nil {
		return a.malformed("unexpected JSON shape", err)
	}
	if err := checkDecimals(reflect.ValueOf(v)); err != nil {
		return a.malformed("unusable amount", err)
	}
	return nil
}

// requireOK refuses possible_transaction_created where it means nothing.
func (a *answer) requireOK() error {
	if a.status != StatusOK && a.status != StatusSuccess {
		return a.malformed(fmt.Sprintf("unexpected status %q", a.status), nil)
	}
	return nil
}

func decodePaymentSystems(a *answer) (*PaymentSystems, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		Params *PaymentSystems `json:"params"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.Params == nil {
		return nil, a.malformed("no params", nil)
	}
	for i := range v.Params.Wallets { // the PS stays usable without its logo
		if w := &v.Params.Wallets[i]; !webURL(w.Logo) {
			w.Logo = ""
		}
	}
	return v.Params, nil
}

func decodeMediahints(a *answer) (Mediahints, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		Data json.RawMessage `json:"data"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if isNull(v.Data) {
		return nil, a.malformed("no data", nil)
	}
	hints := Mediahints{}
	if !isEmptyArray(v.Data) { // PHP encodes an empty map as []
		if err := unmarshal(v.Data, &hints); err != nil {
			return nil, a.malformed("unexpected data", err)
		}
	}
	for k, h := range hints { // the guide's steps stay, in text
		if !webURL(h.URL) {
			delete(hints, k)
		}
	}
	return hints, nil
}

func decodeTransaction(a *answer) (*Transaction, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		Params *struct {
			Identifier json.RawMessage `json:"identifier"`
		} `json:"params"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.Params == nil {
		return nil, a.malformed("no params", nil)
	}
	// A phone number or account may come as a JSON number; keep its digits.
	id, ok := stringOf(v.Params.Identifier)
	if !ok {
		if n, isNum := numberOf(v.Params.Identifier); isNum {
			id, ok = n, true
		}
	}
	if !ok || strings.TrimSpace(id) == "" {
		return nil, a.malformed("no identifier", nil)
	}
	return &Transaction{Identifier: id}, nil
}

// decodeActivation serves activate and possible-transaction, the two endpoints
// where possible_transaction_created is an accepted answer.
func decodeActivation(a *answer) (Activation, error) {
	switch a.status {
	case StatusOK, StatusSuccess:
		return Activated, nil
	case StatusPossibleTransactionCreated:
		return PossibleTransactionCreated, nil
	}
	return 0, a.malformed(fmt.Sprintf("unexpected status %q", a.status), nil)
}

// decodeAccepted serves the endpoints whose success carries nothing.
func decodeAccepted(a *answer) error { return a.requireOK() }

func decodeBkash(a *answer) (*RedirectPayment, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		Data *struct {
			OrderID  string `json:"orderId"`
			BkashURL string `json:"bkashUrl"`
			Message  string `json:"message"`
		} `json:"data"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.Data == nil || v.Data.BkashURL == "" {
		return nil, a.malformed("no bkashUrl", nil)
	}
	if err := a.checkWalletURL("bkashUrl", v.Data.BkashURL); err != nil {
		return nil, err
	}
	return &RedirectPayment{OrderID: v.Data.OrderID, URL: v.Data.BkashURL, Message: v.Data.Message}, nil
}

func decodeNagad(a *answer) (*RedirectPayment, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		PaymentURL string `json:"payment_url"`
		Message    string `json:"message"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.PaymentURL == "" {
		return nil, a.malformed("no payment_url", nil)
	}
	if err := a.checkWalletURL("payment_url", v.PaymentURL); err != nil {
		return nil, err
	}
	return &RedirectPayment{URL: v.PaymentURL, Message: v.Message}, nil
}

// checkWalletURL refuses a wallet page the checkout could not safely send a
// person to with a 303, as ErrUnavailable.
func (a *answer) checkWalletURL(field, raw string) error {
	if !webURL(raw) {
		return a.malformed(field+" is not a web page's URL", nil)
	}
	return nil
}

// webURL is the one rule for every address Paykassma gives a browser
// (logos, mediahints, wallet pages): absolute http(s) with a host, or a path
// on the checkout's own origin, which the embedded sandbox uses. Anything
// else ("javascript:", "data:", another scheme, "//host", a "/\host" that
// browsers read as "//host", a relative path) is not followed.
func webURL(raw string) bool {
	if strings.ContainsAny(raw, "\\") {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Scheme == "https" || u.Scheme == "http" {
		return u.Host != "" && u.Opaque == ""
	}
	return u.Scheme == "" && u.Host == "" && strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//")
}

func decodeDepositInfo(a *answer) (*DepositInfo, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v DepositInfo
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	return &v, nil
}

func decodeHashedURLs(a *answer) (*HashedURLs, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		URLs *HashedURLs `json:"urls"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.URLs == nil {
		return nil, a.malformed("no urls", nil)
	}
	return v.URLs, nil
}

func decodeDepositPostback(a *answer) (*DepositPostback, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		Postback *DepositPostback `json:"postback"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.Postback == nil {
		return nil, a.malformed("no postback", nil)
	}
	return v.Postback, nil
}

func decodeWithdrawalPostback(a *answer) (*WithdrawalPostback, error) {
	if err := a.requireOK(); err != nil {
		return nil, err
	}
	var v struct {
		Postback *WithdrawalPostback `json:"postback"`
	}
	if err := a.decode(&v); err != nil {
		return nil, err
	}
	if v.Postback == nil {
		return nil, a.malformed("no postback", nil)
	}
	return v.Postback, nil
}

func decodeBalances(a *answer) ([]Balance, error) {
	var v struct {
		Balances []Balance `json:"balances"`
	}
	if err := decodeData(a, &v); err != nil {
		return nil, err
	}
	return nonNil(v.Balances), nil
}

func decodeDepositStatuses(a *answer) ([]DepositStatus, error) {
	var v struct {
		Transactions []DepositStatus `json:"transactions"`
	}
	if err := decodeData(a, &v); err != nil {
		return nil, err
	}
	return nonNil(v.Transactions), nil
}

func decodeWithdrawalStatuses(a *answer) ([]WithdrawalStatus, error) {
	var v struct {
		Withdrawals []WithdrawalStatus `json:"withdrawals"`
	}
	if err := decodeData(a, &v); err != nil {
		return nil, err
	}
	return nonNil(v.Withdrawals), nil
}

// decodeData decodes the "data" object of the newer endpoints into v; an
// empty PHP array ([]) leaves v empty.
func decodeData(a *answer, v any) error {
	if err := a.requireOK(); err != nil {
		return err
	}
	var w struct {
		Data json.RawMessage `json:"data"`
	}
	if err := a.decode(&w); err != nil {
		return err
	}
	if isNull(w.Data) {
		return a.malformed("no data", nil)
	}
	if isEmptyArray(w.Data) {
		return nil
	}
	if err := unmarshal(w.Data, v); err != nil {
		return a.malformed("unexpected data", err)
	}
	if err := checkDecimals(reflect.ValueOf(v)); err != nil {
		return a.malformed("unusable amount", err)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
