package sandbox_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// signed appends the signature paykassma.Sign gives for body (a JSON
// object written out by hand, so its member order is exactly what is sent).
func signed(t *testing.T, privateKey, body string) []byte {
	t.Helper()
	sig, err := paykassma.Sign(privateKey, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.TrimSuffix(strings.TrimSpace(body), "}") + `,"signature":"` + sig + `"}`)
}

func withdraw(t *testing.T, tg target, body []byte) answer {
	t.Helper()
	return tg.do(t, "POST", "/v2/withdrawal/create", "application/json", body)
}

const paytmWithdrawal = `{"withdrawal_id":"w-1","payment_system":"paytm","amount":1000,"currency_code":"INR","label":"55","is_test":false,
	"comment":"withdrawal","account_number":"11111111",
	"payments_details":{"payments_provider":"56","payments_method":"MOBILE_MONEY"},
	"bank_details":{"bank_code":"MAHB0001821","branch_code":"000254","bank_code_in_payments_system":"9393"}}`

func TestWithdrawal_SignedIsProcessedAndReported(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		// Nested members stay in the order sent: the signature sorts only the top level.
		assertJSON(t, withdraw(t, tg, signed(t, "test-key", paytmWithdrawal)).body, `{"status":"ok"}`)

		postback := `{"withdrawal_id":"w-1","status":1,"comment":"withdrawal","payment_system":"paytm","amount":1000,
			"currency_code":"INR","label":"55","account_number":"11111111","account_name":"","account_email":null,
			"payments_details":{"payments_provider":"56"},"bank_details":{"bank_code":"MAHB0001821","branch_code":"000254"}}`
		assertJSON(t, tg.api(t, "/api/v1/postback", url.Values{"type": {"withdrawal"}, "withdrawal_id": {"w-1"}}, nil).body,
			`{"status":"ok","postback":`+postback+`}`)
		assertJSON(t, tg.api(t, "/api/v1/pullpostbacks", url.Values{"type": {"withdrawal"}, "withdrawal_id[]": {"w-1", "w-2"}}, nil).body,
			`{"status":"success","message":"","code":20000,"data":{"withdrawals":[
				{"withdrawal_id":"w-1","postback":`+postback+`},{"withdrawal_id":"w-2","message":"Postback not found"}]},
				"paginate":{"offset":0,"total":2,"limit":2}}`)

		bal := tg.api(t, "/api/v1/accounts-balance", nil, nil)
		if got := field(t, bal.body, "data", "balances").([]any)[0]; got.(map[string]any)["amount"] != jsonNumber("49000.00") {
			t.Errorf("paytm INR balance after withdrawing 1000 from 50000: %v", got)
		}
	})
}

func TestWithdrawal_Rejections(t *testing.T) {
	invalidSig := `{"status":"fail","message":{"signature":["Invalid signature"]}}`
	cases := []struct {
		name string
		body func(t *testing.T) []byte
		want string
	}{
		{"signed with another key", func(t *testing.T) []byte { return signed(t, "other-key", paytmWithdrawal) }, invalidSig},
		{"no signature", func(t *testing.T) []byte { return []byte(paytmWithdrawal) }, invalidSig},
		{"body changed after signing", func(t *testing.T) []byte {
			return []byte(strings.Replace(string(signed(t, "test-key", paytmWithdrawal)), `"amount":1000`, `"amount":9000`, 1))
		}, invalidSig},
		{"signed over untrimmed values", func(t *testing.T) []byte {
			return signed(t, "test-key", strings.Replace(paytmWithdrawal, `"label":"55"`, `"label":" 55 "`, 1))
		}, invalidSig},
		{"not JSON", func(t *testing.T) []byte { return []byte("withdraw please") }, invalidSig},
		{"bKash needs an email", func(t *testing.T) []byte {
			return signed(t, "test-key", `{"payment_system":"bkash","amount":500,"currency_code":"BDT","label":"55","is_test":true,"account_number":"01770618575"}`)
		}, `{"status":"fail","message":{"account_email":["The account email field is required."]}}`},
		{"IMPS needs a name and a bank code", func(t *testing.T) []byte {
			return signed(t, "test-key", `{"payment_system":"imps","amount":500,"currency_code":"INR","label":"55","is_test":true,"account_number":"5010001"}`)
		}, `{"status":"fail","message":{"account_name":["The account name field is required."],"bank_details.bank_code":["The bank details.bank code field is required."]}}`},
		{"amount not an integer, is_test missing", func(t *testing.T) []byte {
			return signed(t, "test-key", `{"payment_system":"paytm","amount":500.5,"currency_code":"INR","label":"55","account_number":"1"}`)
		}, `{"status":"fail","message":{"amount":["The amount must be an integer."],"is_test":["The is test field is required."]}}`},
		{"unknown PS and wrong currency", func(t *testing.T) []byte {
			return signed(t, "test-key", `{"payment_system":"paypal","amount":500,"currency_code":"US","label":"55","is_test":false,"account_number":"1"}`)
		}, `{"status":"fail","message":{"currency_code":["The currency code must be 3 characters."],"payment_system":["The selected payment system is invalid."]}}`},
		{"insufficient balance", func(t *testing.T) []byte {
			return signed(t, "test-key", `{"payment_system":"nagad","amount":60000,"currency_code":"BDT","label":"55","is_test":false,"account_number":"01770618575"}`)
		}, `{"status":"fail","message":{"withdrawals_sum_amount":["Insufficient balance"]}}`},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { assertJSON(t, withdraw(t, tg, c.body(t)).body, c.want) })
		}
	})
}

func TestWithdrawal_DuplicateIDRejected(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		body := signed(t, "test-key", paytmWithdrawal)
		assertJSON(t, withdraw(t, tg, body).body, `{"status":"ok"}`)
		assertJSON(t, withdraw(t, tg, body).body, `{"status":"fail","message":{"withdrawal_id":["The withdrawal id has already been taken."]}}`)
	})
}

func TestWithdrawal_NeedsNoSecret(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		a := tg.do(t, "POST", "/v2/withdrawal/create?secret=wrong", "application/json", signed(t, "test-key", paytmWithdrawal))
		assertJSON(t, a.body, `{"status":"ok"}`)
	})
}
