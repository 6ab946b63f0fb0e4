package sandbox_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/paykassma/checkout/paykassma/sandbox"
)

func TestSecret_MissingIsNotFoundWrongIsErrorShape(t *testing.T) {
	endpoints := []struct{ method, path string }{
		{"GET", "/api/v1/payment-systems/available"},
		{"GET", "/wallet-type/images/"},
		{"POST", "/api/v1/transaction/create/paytm"},
		{"POST", "/api/v1/transaction/activate"},
		{"POST", "/api/v1/possible-transaction"},
		{"POST", "/api/v1/payment/create/bkash_api"},
		{"GET", "/api/v1/deposit-info"},
		{"POST", "/payment-plugin/hash-url"},
		{"GET", "/api/v1/postback"},
		{"GET", "/api/v1/accounts-balance"},
		{"GET", "/api/v1/pullpostbacks"},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, ep := range endpoints {
			t.Run(ep.path, func(t *testing.T) {
				if a := tg.do(t, ep.method, ep.path, "application/json", []byte("{}")); a.code != http.StatusNotFound {
					t.Errorf("no secret: HTTP %d %s, want 404", a.code, a.body)
				}
				a := tg.do(t, ep.method, ep.path+"?secret=guessed-wrong", "application/json", []byte("{}"))
				if a.code != http.StatusOK {
					t.Errorf("wrong secret: HTTP %d, want 200", a.code)
				}
				assertJSON(t, a.body, `{"status":"error","code":30228,"errors":{"target":"secret","code":36205,"message":"Wrong secret"},"error_message":"Data validation error"}`)
				if bytes.Contains(a.body, []byte("guessed-wrong")) {
					t.Errorf("the answer echoes the secret: %s", a.body)
				}
			})
		}
	})
}

func TestSecret_DefaultIsSandboxSecret(t *testing.T) {
	s := sandbox.New(sandbox.Options{})
	res, err := s.Client().Get("http://sandbox.invalid/api/v1/accounts-balance?secret=sandbox-secret")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d", res.StatusCode)
	}
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	if str(t, b.Bytes(), "status") != "success" {
		t.Errorf("the default secret is refused: %s", b.Bytes())
	}
}

func TestPaymentSystems_APIOrderAndFields(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		q := url.Values{"currency_code[]": {"INR", "BDT"}, "label": {"user-1"}}
		a := tg.api(t, "/api/v1/payment-systems/available", q, nil)
		logo := tg.base + "/sandbox-assets/logo/"
		assertJSON(t, a.body, `{"status":"ok","params":{
			"currency_data":[{"code":"BDT","symbol":"BDT"},{"code":"INR","symbol":"INR"}],
			"wallets":[
			{"type":"paytm","currency_code":"INR","order":1,"logo":"`+logo+`paytm.svg","name":"PayTM","is_manual":false,"uploading_payment_bill":false},
			{"type":"upi_l","currency_code":"INR","order":2,"logo":"`+logo+`upi_l.svg","name":"UPI","is_manual":false,"uploading_payment_bill":false},
			{"type":"upi_ib","currency_code":"INR","order":3,"logo":"`+logo+`upi_ib.svg","name":"UPI IB","is_manual":false,"uploading_payment_bill":false},
			{"type":"phone_pe","currency_code":"INR","order":4,"logo":"`+logo+`phone_pe.svg","name":"PhonePe","is_manual":false,"uploading_payment_bill":false},
			{"type":"imps","currency_code":"INR","order":5,"logo":"`+logo+`imps.svg","name":"IMPS","is_manual":false,"uploading_payment_bill":false},
			{"type":"staging_b_ml","currency_code":"INR","order":6,"logo":"`+logo+`staging_b_ml.svg","name":"Bank transfer (manual)","is_manual":true,"uploading_payment_bill":true},
			{"type":"bkash","currency_code":"BDT","order":7,"logo":"`+logo+`bkash.svg","name":"bKash","is_manual":false,"uploading_payment_bill":false},
			{"type":"nagad","currency_code":"BDT","order":8,"logo":"`+logo+`nagad.svg","name":"Nagad","is_manual":false,"uploading_payment_bill":false},
			{"type":"bkash_api","currency_code":"BDT","order":9,"logo":"`+logo+`bkash_api.svg","name":"bKash (pay in app)","is_manual":false,"uploading_payment_bill":false},
			{"type":"nagad_api","currency_code":"BDT","order":10,"logo":"`+logo+`nagad_api.svg","name":"Nagad (pay in app)","is_manual":false,"uploading_payment_bill":false},
			{"type":"upi_m","currency_code":"INR","order":11,"logo":"`+logo+`upi_m.svg","name":"UPI (shop)","is_manual":false,"uploading_payment_bill":false}
			]}}`)
	})
}

func TestPaymentSystems_FilteredByCurrencyAndValidated(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		a := tg.api(t, "/api/v1/payment-systems/available", url.Values{"currency_code[]": {"BDT"}, "label": {"u"}}, nil)
		var types []string
		for _, w := range field(t, a.body, "params", "wallets").([]any) {
			types = append(types, w.(map[string]any)["type"].(string))
		}
		if got := strings.Join(types, ","); got != "bkash,nagad,bkash_api,nagad_api" {
			t.Errorf("BDT wallets = %s", got)
		}
		a = tg.api(t, "/api/v1/payment-systems/available", url.Values{"label": {"u"}}, nil)
		assertJSON(t, a.body, `{"status":"fail","message":{"currency_code":["The currency code field is required."]}}`)
		a = tg.api(t, "/api/v1/payment-systems/available", url.Values{"currency_code[]": {"INR"}}, nil)
		assertJSON(t, a.body, `{"status":"fail","message":{"label":["The label field is required."]}}`)
	})
}

func TestPaymentSystems_LogosUnderPagesURL(t *testing.T) {
	for _, pages := range []string{"/sandbox", "https://pay.example.com/sandbox/"} {
		s := sandbox.New(sandbox.Options{Secret: secret, PagesURL: pages})
		tg := target{s: s, base: "http://internal.invalid", http: s.Client()}
		a := tg.api(t, "/api/v1/payment-systems/available", url.Values{"currency_code[]": {"INR"}, "label": {"u"}}, nil)
		want := strings.TrimRight(pages, "/") + "/sandbox-assets/logo/paytm.svg"
		if got := field(t, a.body, "params", "wallets").([]any)[0].(map[string]any)["logo"]; got != want {
			t.Errorf("PagesURL %q: logo %v, want %s", pages, got, want)
		}
	}
}

func TestMediahints_SuccessShapeAndKeys(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		a := tg.api(t, "/wallet-type/images/", nil, nil)
		h := tg.base + "/sandbox-assets/hint/"
		assertJSON(t, a.body, `{"status":"success","message":"","code":20000,"data":{
			"paytm":{"id":500,"url":"`+h+`paytm.gif"},
			"upi":{"id":506,"url":"`+h+`upi.mp4"},
			"imps":{"id":486,"url":"`+h+`imps.mp4"},
			"bkash":{"id":510,"url":"`+h+`bkash.gif"},
			"nagad":{"id":511,"url":"`+h+`nagad.gif"},
			"phone_pe":{"id":512,"url":"`+h+`phone_pe.gif"}}}`)
	})
}

func TestCreateTransaction_NewIdentifierEachCall(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		body := map[string]any{"currency": "INR", "label": "user-1"}
		first := tg.api(t, "/api/v1/transaction/create/upi_l", nil, body)
		second := tg.api(t, "/api/v1/transaction/create/upi_l", nil, body)
		id1, id2 := str(t, first.body, "params", "identifier"), str(t, second.body, "params", "identifier")
		if str(t, first.body, "status") != "ok" || !strings.HasSuffix(id1, "@okaxis") || id1 == id2 {
			t.Errorf("identifiers %q then %q (%s)", id1, id2, first.body)
		}
		if n := tg.s.Creates("user-1", "upi_l"); n != 2 {
			t.Errorf("Creates = %d, want 2", n)
		}
		if n := tg.s.Creates("user-2", "upi_l"); n != 0 {
			t.Errorf("Creates for another label = %d, want 0", n)
		}
	})
}

func TestCreateTransaction_Rejections(t *testing.T) {
	cases := []struct {
		name, walletType string
		body             map[string]any
		want             string
	}{
		{"missing fields", "paytm", map[string]any{},
			`{"status":"fail","message":{"currency":["The currency field is required."],"label":["The label field is required."]}}`},
		{"label too long", "paytm", map[string]any{"currency": "INR", "label": strings.Repeat("x", 191)},
			`{"status":"fail","message":{"label":["The label must not be greater than 190 characters."]}}`},
		{"currency of another PS", "paytm", map[string]any{"currency": "BDT", "label": "u"},
			`{"status":"fail","message":{"currency":["The selected currency is invalid."]}}`},
		{"unknown PS", "nope", map[string]any{"currency": "INR", "label": "u"},
			`{"status":"fail","message":"Payment system not found"}`},
		{"redirect PS", "bkash_api", map[string]any{"currency": "BDT", "label": "u"},
			`{"status":"fail","message":"This payment system works through payment/create"}`},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				assertJSON(t, tg.api(t, "/api/v1/transaction/create/"+c.walletType, nil, c.body).body, c.want)
			})
		}
	})
}

func TestActivate_Triggers(t *testing.T) {
	with := func(m map[string]any, kv ...any) map[string]any {
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
			} else {
				m[kv[i].(string)] = kv[i+1]
			}
		}
		return m
	}
	cases := []struct {
		name     string
		before   []map[string]any // activations sent first
		body     map[string]any
		wantCode int
		want     string
	}{
		{"accepted", nil, activateBody("paytm", "1234567890", "c1"), 200, `{"status":"ok"}`},
		{"missing key1", nil, with(activateBody("paytm", "", "c1")), 200,
			`{"status":"fail","message":{"key1":["The key1 field is required."]}}`},
		{"amount required for upi_l", nil, activateBody("upi_l", "1234567890", "c1"), 200,
			`{"status":"fail","message":{"amount":["The amount field is required."]}}`},
		{"amount required for phone_pe", nil, activateBody("phone_pe", "1234567890", "c1"), 200,
			`{"status":"fail","message":{"amount":["The amount field is required."]}}`},
		{"upi_l with amount", nil, with(activateBody("upi_l", "1234567890", "c1"), "amount", json.Number("300.50")), 200, `{"status":"ok"}`},
		{"amount as numeric string", nil, with(activateBody("upi_l", "1234567890", "c1"), "amount", "300.50"), 200, `{"status":"ok"}`},
		{"amount not a number", nil, with(activateBody("upi_l", "1234567890", "c1"), "amount", "lots"), 200,
			`{"status":"fail","message":{"amount":["The amount must be a number."]}}`},
		{"amount with three decimals", nil, with(activateBody("upi_l", "1234567890", "c1"), "amount", json.Number("1.005")), 200,
			`{"status":"fail","message":{"amount":["The amount format is invalid."]}}`},
		{"key1 too short", nil, activateBody("paytm", "12345", "c1"), 200,
			`{"status":"fail","message":{"key1":["Transaction field has wrong length"]}}`},
		{"key1 too long", nil, activateBody("paytm", strings.Repeat("7", 31), "c1"), 200,
			`{"status":"fail","message":{"key1":["Transaction field has wrong length"]}}`},
		{"label too long", nil, with(activateBody("paytm", "1234567890", "c1"), "label", strings.Repeat("l", 191)), 200,
			`{"status":"fail","message":{"label":["The label must not be greater than 190 characters."]}}`},
		{"custom id too long", nil, activateBody("paytm", "1234567890", strings.Repeat("c", 65)), 200,
			`{"status":"fail","message":{"custom_transaction_id":["The custom transaction id must not be greater than 64 characters."]}}`},
		{"currency not 3 letters", nil, with(activateBody("paytm", "1234567890", "c1"), "currency_code", "IN"), 200,
			`{"status":"fail","message":{"currency_code":["The currency code must be 3 characters."]}}`},
		{"label not a string", nil, with(activateBody("paytm", "1234567890", "c1"), "label", 55), 200,
			`{"status":"fail","message":{"label":["The label must be a string."]}}`},
		{"unknown wallet type", nil, activateBody("paypal", "1234567890", "c1"), 200,
			`{"status":"fail","message":{"wallet_type":["The selected wallet type is invalid."]}}`},
		{"manual PS goes to possible-transaction", nil, with(activateBody("staging_b_ml", "1234567890", "c1"), "amount", json.Number("500")), 200,
			`{"status":"fail","message":{"wallet_type":["The selected wallet type is invalid."]}}`},
		{"duplicate custom id", []map[string]any{activateBody("paytm", "1111111111", "c1")},
			activateBody("paytm", "2222222222", "c1"), 200,
			`{"status":"fail","message":{"custom_transaction_id":["The custom transaction id has already been taken."]}}`},
		{"suspicious", nil, activateBody("paytm", "1234567400", "c1"), 400,
			`{"status":"fail","message":"Check of deposit status started. The operation may take longer than expected. Once checked the funds will credit to your account"}`},
		{"possible transaction", nil, activateBody("paytm", "1234567000", "c1"), 200,
			`{"status":"possible_transaction_created","message":"Transaction not found. Possible transaction created"}`},
		{"not found", nil, activateBody("paytm", "1234567999", "c1"), 200,
			`{"status":"fail","message":"Transaction not found"}`},
		{"already activated", []map[string]any{activateBody("paytm", "1234567890", "c0")},
			activateBody("paytm", "1234567890", "c1"), 200,
			`{"status":"fail","message":{"key1":["This transaction has already been activated."]}}`},
		{"same key1 with another PS", []map[string]any{activateBody("paytm", "1234567890", "c0")},
			activateBody("imps", "1234567890", "c1"), 200, `{"status":"ok"}`},
		{"a not-found id may be retried", []map[string]any{activateBody("paytm", "1234567999", "c1")},
			activateBody("paytm", "1234567890", "c1"), 200, `{"status":"ok"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			forEach(t, func(t *testing.T, tg target) {
				for _, b := range c.before {
					tg.api(t, "/api/v1/transaction/activate", nil, b)
				}
				a := tg.api(t, "/api/v1/transaction/activate", nil, c.body)
				if a.code != c.wantCode {
					t.Errorf("HTTP %d, want %d", a.code, c.wantCode)
				}
				assertJSON(t, a.body, c.want)
			})
		})
	}
}

func TestActivate_CountsEachCustomIDOnce(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "1234567890", "once"))
		tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "1234567891", "once"))
		tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "1234567999", "never"))
		if n := tg.s.Activations("once"); n != 1 {
			t.Errorf("Activations(once) = %d, want 1", n)
		}
		if n := tg.s.Activations("never"); n != 0 {
			t.Errorf("Activations(never) = %d, want 0", n)
		}
	})
}

func TestActivate_AcceptsFormBodies(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		v := url.Values{"currency_code": {"INR"}, "wallet_type": {"paytm"}, "label": {"u"}, "key1": {" 1234567890 "}, "custom_transaction_id": {"f1"}}
		a := tg.do(t, "POST", "/api/v1/transaction/activate?secret="+secret, "application/x-www-form-urlencoded", []byte(v.Encode()))
		assertJSON(t, a.body, `{"status":"ok"}`)
	})
}

// multipartBody builds a possible-transaction body; screenshot nil sends none.
func multipartBody(t *testing.T, fields map[string]string, screenshot []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if screenshot != nil {
		fw, err := mw.CreateFormFile("screenshot", "receipt.png")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(screenshot)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPossibleTransaction_Multipart(t *testing.T) {
	manual := func(key1, customID string) map[string]string {
		return map[string]string{"currency_code": "INR", "wallet_type": "staging_b_ml", "label": "u", "key1": key1, "amount": "750.00", "custom_id": customID}
	}
	cases := []struct {
		name       string
		fields     map[string]string
		screenshot []byte
		wantCode   int
		want       string
	}{
		{"accepted with a screenshot", manual("UTR123456789", "m1"), pngBytes(t), 200,
			`{"status":"success","message":"","code":20000,"data":[],"paginate":{"offset":0,"total":1,"limit":1}}`},
		{"accepted without a screenshot", manual("UTR123456789", "m1"), nil, 200,
			`{"status":"success","message":"","code":20000,"data":[],"paginate":{"offset":0,"total":1,"limit":1}}`},
		{"screenshot that is not an image", manual("UTR123456789", "m1"), []byte("%PDF-1.4 not an image"), 200,
			`{"status":"fail","message":{"screenshot":["The screenshot must be an image."]}}`},
		{"amount required", func() map[string]string { f := manual("UTR123456789", "m1"); delete(f, "amount"); return f }(), nil, 200,
			`{"status":"fail","message":{"amount":["The amount field is required."]}}`},
		{"custom id required", func() map[string]string { f := manual("UTR123456789", "m1"); delete(f, "custom_id"); return f }(), nil, 200,
			`{"status":"fail","message":{"custom_id":["The custom id field is required."]}}`},
		{"key1 wrong length", manual("UTR1", "m1"), nil, 200,
			`{"status":"fail","message":{"key1":["Transaction field has wrong length"]}}`},
		{"possible", manual("UTR123456000", "m1"), nil, 200,
			`{"status":"possible_transaction_created","message":"Transaction not found. Possible transaction created"}`},
		{"suspicious", manual("UTR123456400", "m1"), nil, 400,
			`{"status":"fail","message":"Check of deposit status started. The operation may take longer than expected. Once checked the funds will credit to your account"}`},
		{"not found", manual("UTR123456999", "m1"), nil, 200, `{"status":"fail","message":"Transaction not found"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			forEach(t, func(t *testing.T, tg target) {
				ct, body := multipartBody(t, c.fields, c.screenshot)
				a := tg.do(t, "POST", "/api/v1/possible-transaction?secret="+secret, ct, body)
				if a.code != c.wantCode {
					t.Errorf("HTTP %d, want %d", a.code, c.wantCode)
				}
				assertJSON(t, a.body, c.want)
			})
		})
	}
}

func TestPossibleTransaction_DuplicateCustomIDAndJSON(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		body := map[string]any{"currency_code": "INR", "wallet_type": "staging_b_ml", "label": "u", "key1": "UTR123456789", "amount": json.Number("750"), "custom_id": "m1"}
		assertJSON(t, tg.api(t, "/api/v1/possible-transaction", nil, body).body,
			`{"status":"success","message":"","code":20000,"data":[],"paginate":{"offset":0,"total":1,"limit":1}}`)
		body["key1"] = "UTR123456788"
		assertJSON(t, tg.api(t, "/api/v1/possible-transaction", nil, body).body,
			`{"status":"fail","message":{"custom_id":["The custom id has already been taken."]}}`)
	})
}
