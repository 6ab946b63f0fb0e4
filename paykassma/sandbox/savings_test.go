package sandbox_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

func depositInfo(t *testing.T, tg target, q url.Values) answer {
	t.Helper()
	return tg.api(t, "/api/v1/deposit-info", q, nil)
}

func TestSavings_SmallPaymentsAccumulateThenCreditTogether(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		info := url.Values{"label": {"user-1"}, "wallet_type": {"paytm"}, "currency": {"INR"}}
		assertJSON(t, depositInfo(t, tg, info).body,
			`{"status":"ok","stockpiling_sum":0.00,"lacks_sum":0.00,"minimum_deposit":300.00}`)

		// key1 ending in 150: a payment of 150, below PayTM's 300.
		assertJSON(t, tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "1111111150", "small-1")).body, `{"status":"ok"}`)
		assertJSON(t, depositInfo(t, tg, info).body,
			`{"status":"ok","stockpiling_sum":150.00,"lacks_sum":150.00,"minimum_deposit":300.00}`)
		assertJSON(t, tg.api(t, "/api/v1/postback", url.Values{"type": {"deposit"}, "custom_id": {"small-1"}}, nil).body,
			`{"status":"fail","message":"Postback not found"}`)
		// Another depositor's savings are their own.
		other := url.Values{"label": {"user-2"}, "wallet_type": {"paytm"}, "currency": {"INR"}}
		assertJSON(t, depositInfo(t, tg, other).body,
			`{"status":"ok","stockpiling_sum":0.00,"lacks_sum":0.00,"minimum_deposit":300.00}`)

		assertJSON(t, tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "2222222150", "small-2")).body, `{"status":"ok"}`)
		assertJSON(t, depositInfo(t, tg, info).body,
			`{"status":"ok","stockpiling_sum":0.00,"lacks_sum":0.00,"minimum_deposit":300.00}`)

		postback := `{"transaction_id":"2222222150","label":"user-1","stockpiling":{"INR":300.00},"stockpiling_id":%s,"transactions":[
			{"amount":150.00,"currency_code":"INR","wallet_type":"paytm","transaction_id":"1111111150","transaction_type":0,"from":null,
			 "created_datetime":"2024-05-06 07:08:09","activated_datetime":"2024-05-06 07:08:09","custom_id":"small-1"},
			{"amount":150.00,"currency_code":"INR","wallet_type":"paytm","transaction_id":"2222222150","transaction_type":0,"from":null,
			 "created_datetime":"2024-05-06 07:08:09","activated_datetime":"2024-05-06 07:08:09","custom_id":"small-2"}]}`
		byCustom := tg.api(t, "/api/v1/postback", url.Values{"type": {"deposit"}, "custom_id": {"small-1"}}, nil)
		if str(t, byCustom.body, "status") != "ok" {
			t.Fatalf("no postback after reaching the minimum: %s", byCustom.body)
		}
		id := field(t, byCustom.body, "postback", "stockpiling_id")
		assertJSON(t, byCustom.body, `{"status":"ok","postback":`+fmt.Sprintf(postback, id)+`}`)
		byTxn := tg.api(t, "/api/v1/postback", url.Values{"type": {"deposit"}, "transaction_id": {"2222222150"}}, nil)
		assertJSON(t, byTxn.body, string(byCustom.body))

		// pullpostbacks finds it under every custom id involved; its example
		// has no top-level transaction_id.
		pulled := tg.api(t, "/api/v1/pullpostbacks", url.Values{"type": {"deposit"}, "plugin_custom_order_id[]": {"small-1", "small-2", "unknown"}}, nil)
		inner := fmt.Sprintf(`{"label":"user-1","stockpiling":{"INR":300.00},"stockpiling_id":%s,"transactions":[
			{"amount":150.00,"currency_code":"INR","wallet_type":"paytm","transaction_id":"1111111150","transaction_type":0,"from":null,
			 "created_datetime":"2024-05-06 07:08:09","activated_datetime":"2024-05-06 07:08:09","custom_id":"small-1"},
			{"amount":150.00,"currency_code":"INR","wallet_type":"paytm","transaction_id":"2222222150","transaction_type":0,"from":null,
			 "created_datetime":"2024-05-06 07:08:09","activated_datetime":"2024-05-06 07:08:09","custom_id":"small-2"}]}`, id)
		assertJSON(t, pulled.body, `{"status":"success","message":"","code":20000,"data":{"transactions":[
			{"plugin_custom_order_id":"small-1","postback":`+inner+`},
			{"plugin_custom_order_id":"small-2","postback":`+inner+`},
			{"plugin_custom_order_id":"unknown","message":"Postback not found"}]},
			"paginate":{"offset":0,"total":3,"limit":3}}`)
	})
}

// The document keeps savings until they reach "the minimum deposit amount of
// this payment system", and deposit-info answers per wallet_type: a payment
// by bKash is saved toward bKash's minimum and shows only there, so what
// deposit-info says adds up (saved + lacking = minimum) for every PS.
func TestSavings_AreKeptPerPaymentSystem(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		tg.api(t, "/api/v1/transaction/activate", nil, activateBody("bkash", "BK12345150", "b1"))
		assertJSON(t, depositInfo(t, tg, url.Values{"label": {"user-1"}, "wallet_type": {"bkash"}, "currency": {"BDT"}}).body,
			`{"status":"ok","stockpiling_sum":150.00,"lacks_sum":50.00,"minimum_deposit":200.00}`)
		assertJSON(t, depositInfo(t, tg, url.Values{"label": {"user-1"}, "wallet_type": {"bkash_api"}, "currency": {"BDT"}}).body,
			`{"status":"ok","stockpiling_sum":0.00,"lacks_sum":0.00,"minimum_deposit":100.00}`)
		// A second small payment by bKash reaches bKash's minimum: credited together.
		tg.api(t, "/api/v1/transaction/activate", nil, activateBody("bkash", "BK67890150", "b2"))
		assertJSON(t, depositInfo(t, tg, url.Values{"label": {"user-1"}, "wallet_type": {"bkash"}, "currency": {"BDT"}}).body,
			`{"status":"ok","stockpiling_sum":0.00,"lacks_sum":0.00,"minimum_deposit":200.00}`)
		if got := str(t, tg.api(t, "/api/v1/postback", url.Values{"type": {"deposit"}, "custom_id": {"b1"}}, nil).body, "status"); got != "ok" {
			t.Errorf("the two payments reaching bKash's minimum were not credited: %s", got)
		}
	})
}

func TestDepositInfo_ManualAndRejections(t *testing.T) {
	cases := []struct {
		name  string
		query url.Values
		want  string
	}{
		{"manual by code", url.Values{"label": {"u"}, "wallet_type": {"manual"}, "code": {"staging_b_ml"}, "currency": {"INR"}},
			`{"status":"ok","stockpiling_sum":0.00,"lacks_sum":0.00,"minimum_deposit":500.00}`},
		{"manual PS named directly", url.Values{"label": {"u"}, "wallet_type": {"staging_b_ml"}, "currency": {"INR"}},
			`{"status":"fail","message":"Use wallet_type=manual"}`},
		{"manual without code", url.Values{"label": {"u"}, "wallet_type": {"manual"}, "currency": {"INR"}},
			`{"status":"fail","message":{"code":["The code field is required when wallet type is manual."]}}`},
		{"manual with a P2P code", url.Values{"label": {"u"}, "wallet_type": {"manual"}, "code": {"paytm"}, "currency": {"INR"}},
			`{"status":"fail","message":"Manual payment system not found"}`},
		{"unknown type", url.Values{"label": {"u"}, "wallet_type": {"paypal"}, "currency": {"INR"}},
			`{"status":"fail","message":"Payment system not found"}`},
		{"wrong currency", url.Values{"label": {"u"}, "wallet_type": {"paytm"}, "currency": {"BDT"}},
			`{"status":"fail","message":{"currency":["The selected currency is invalid."]}}`},
		{"missing fields", url.Values{},
			`{"status":"fail","message":{"label":["The label field is required."],"wallet_type":["The wallet type field is required."],"currency":["The currency field is required."]}}`},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { assertJSON(t, depositInfo(t, tg, c.query).body, c.want) })
		}
	})
}

func TestCredit_ResolvesPossibleTransaction(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		body := activateBody("paytm", "9876543000", "maybe")
		assertJSON(t, tg.api(t, "/api/v1/transaction/activate", nil, body).body,
			`{"status":"possible_transaction_created","message":"Transaction not found. Possible transaction created"}`)
		postback := url.Values{"type": {"deposit"}, "custom_id": {"maybe"}}
		assertJSON(t, tg.api(t, "/api/v1/postback", postback, nil).body, `{"status":"fail","message":"Postback not found"}`)

		if err := tg.s.Credit("maybe"); err != nil {
			t.Fatal(err)
		}
		a := tg.api(t, "/api/v1/postback", postback, nil)
		if str(t, a.body, "status") != "ok" || str(t, a.body, "postback", "transaction_id") != "9876543000" {
			t.Errorf("after Credit: %s", a.body)
		}
		if err := tg.s.Credit("maybe"); err == nil {
			t.Error("a second Credit of the same id succeeded")
		}
		if err := tg.s.Credit("never-seen"); err == nil {
			t.Error("Credit of an unknown id succeeded")
		}
	})
}

func TestCredit_AdminEndpointResolvesSuspicious(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		a := tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "9876543400", "checked"))
		if a.code != http.StatusBadRequest {
			t.Fatalf("suspicious: HTTP %d", a.code)
		}
		if a := tg.do(t, "POST", "/_sandbox/credit?custom_id=checked&secret="+secret, "", nil); a.code != http.StatusOK {
			t.Fatalf("credit: HTTP %d %s", a.code, a.body)
		}
		if a := tg.do(t, "POST", "/_sandbox/credit?custom_id=checked&secret="+secret, "", nil); a.code != http.StatusNotFound {
			t.Errorf("second credit: HTTP %d, want 404", a.code)
		}
		pulled := tg.api(t, "/api/v1/pullpostbacks", url.Values{"type": {"deposit"}, "plugin_custom_order_id[]": {"checked"}}, nil)
		items := field(t, pulled.body, "data", "transactions").([]any)
		if len(items) != 1 || items[0].(map[string]any)["postback"] == nil {
			t.Errorf("pullpostbacks after credit: %s", pulled.body)
		}
	})
}

func TestPostbacks_Rejections(t *testing.T) {
	cases := []struct {
		name, path string
		query      url.Values
		want       string
	}{
		{"pullpostbacks deposit without ids", "/api/v1/pullpostbacks", url.Values{"type": {"deposit"}},
			`{"status":"fail","message":{"plugin_custom_order_id":["The plugin custom order id field is required when type is deposit."]}}`},
		{"pullpostbacks withdrawal without ids", "/api/v1/pullpostbacks", url.Values{"type": {"withdrawal"}},
			`{"status":"fail","message":{"withdrawal_id":["The withdrawal id field is required when type is withdrawal."]}}`},
		{"pullpostbacks without type", "/api/v1/pullpostbacks", url.Values{},
			`{"status":"fail","message":{"type":["The type field is required."]}}`},
		{"postback with a bad type", "/api/v1/postback", url.Values{"type": {"refund"}},
			`{"status":"fail","message":{"type":["The selected type is invalid."]}}`},
		{"deposit postback without an id", "/api/v1/postback", url.Values{"type": {"deposit"}},
			`{"status":"fail","message":{"transaction_id":["The transaction id field is required when custom id is not present."]}}`},
		{"unknown withdrawal", "/api/v1/postback", url.Values{"type": {"withdrawal"}, "withdrawal_id": {"nope"}},
			`{"status":"fail","message":"Postback not found"}`},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { assertJSON(t, tg.api(t, c.path, c.query, nil).body, c.want) })
		}
	})
}
