package sandbox_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"image/gif"
	"net/http"
	"net/url"
	"testing"
)

func hmacHex(u string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(u))
	return hex.EncodeToString(m.Sum(nil))
}

func TestHashURL_HashesSortedByOrder(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		body := map[string]any{
			"success_urls": []map[string]any{{"order": 2, "url": "https://test.com/success2.jpg"}, {"order": 1, "url": "https://test.com/success1.jpg"}},
			"fail_urls":    []map[string]any{{"order": 1, "url": "https://test.com/fail1.jpg"}},
			"pending_urls": nil,
		}
		assertJSON(t, tg.api(t, "/payment-plugin/hash-url", nil, body).body, `{"status":"ok","urls":{
			"success_url":[{"order":1,"url":"`+hmacHex("https://test.com/success1.jpg")+`"},{"order":2,"url":"`+hmacHex("https://test.com/success2.jpg")+`"}],
			"fail_url":[{"order":1,"url":"`+hmacHex("https://test.com/fail1.jpg")+`"}],
			"pending_url":[]}}`)
	})
}

func TestHashURL_Rejections(t *testing.T) {
	cases := []struct {
		name string
		body map[string]any
		want string
	}{
		{"both lists empty", map[string]any{"success_urls": []any{}, "fail_urls": []any{}, "pending_urls": []any{}},
			`{"status":"fail","message":{"success_urls":["The success urls field is required when fail urls is not present."],"fail_urls":["The fail urls field is required when success urls is not present."]}}`},
		{"url without order", map[string]any{"success_urls": []map[string]any{{"url": "https://a.example/"}}},
			`{"status":"fail","message":{"success_urls.0.order":["The success_urls.0.order field is required."]}}`},
		{"not a URL", map[string]any{"fail_urls": []map[string]any{{"order": 1, "url": "javascript:alert(1)"}}},
			`{"status":"fail","message":{"fail_urls.0.url":["The fail_urls.0.url format is invalid."]}}`},
		{"not a list", map[string]any{"success_urls": "https://a.example/"},
			`{"status":"fail","message":{"success_urls":["The success urls must be an array."]}}`},
	}
	forEach(t, func(t *testing.T, tg target) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { assertJSON(t, tg.api(t, "/payment-plugin/hash-url", nil, c.body).body, c.want) })
		}
	})
}

func TestAccountsBalance_SeedAndCredits(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		assertJSON(t, tg.api(t, "/api/v1/accounts-balance", nil, nil).body, `{"status":"success","message":"","code":20000,"data":{"balances":[
			{"wallet_type":"paytm","currency_code":"INR","amount":50000.00},
			{"wallet_type":"upi_l","currency_code":"INR","amount":25000.00},
			{"wallet_type":"imps","currency_code":"INR","amount":10000.00},
			{"wallet_type":"bkash","currency_code":"BDT","amount":30000.00},
			{"wallet_type":"nagad","currency_code":"BDT","amount":20000.00}]}}`)
		body := activateBody("phone_pe", "PP1234567", "pp")
		body["amount"] = jsonNumber("300.25")
		tg.api(t, "/api/v1/transaction/activate", nil, body)
		balances := field(t, tg.api(t, "/api/v1/accounts-balance", nil, nil).body, "data", "balances").([]any)
		last := balances[len(balances)-1].(map[string]any)
		if last["wallet_type"] != "phone_pe" || last["amount"] != jsonNumber("300.25") {
			t.Errorf("a credited PhonePe deposit shows as %v", last)
		}
	})
}

func TestAssets_LogosAndHintsAreServed(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		// Every URL the API hands out resolves to a real file of its type.
		var urls []string
		ps := tg.api(t, "/api/v1/payment-systems/available", url.Values{"currency_code[]": {"INR", "BDT"}, "label": {"u"}}, nil)
		for _, w := range field(t, ps.body, "params", "wallets").([]any) {
			urls = append(urls, w.(map[string]any)["logo"].(string))
		}
		for _, h := range field(t, tg.api(t, "/wallet-type/images/", nil, nil).body, "data").(map[string]any) {
			urls = append(urls, h.(map[string]any)["url"].(string))
		}
		for _, u := range urls {
			p, _ := url.Parse(u)
			a := tg.do(t, "GET", p.RequestURI(), "", nil)
			if a.code != http.StatusOK {
				t.Errorf("%s: HTTP %d", u, a.code)
				continue
			}
			if len(a.body) > 20<<10 {
				t.Errorf("%s is %d bytes, over 20 KB", u, len(a.body))
			}
			switch ct := a.header.Get("Content-Type"); ct {
			case "image/svg+xml":
				var svg struct {
					XMLName xml.Name
				}
				if err := xml.Unmarshal(a.body, &svg); err != nil || svg.XMLName.Local != "svg" {
					t.Errorf("%s is not an SVG: %v", u, err)
				}
			case "image/gif":
				if g, err := gif.DecodeAll(bytes.NewReader(a.body)); err != nil || len(g.Image) == 0 {
					t.Errorf("%s is not a GIF: %v", u, err)
				}
			case "video/mp4":
				if len(a.body) < 12 || string(a.body[4:8]) != "ftyp" || !bytes.Contains(a.body, []byte("moov")) {
					t.Errorf("%s is not an MP4", u)
				}
			default:
				t.Errorf("%s served as %q", u, ct)
			}
		}
		if len(urls) != 17 {
			t.Errorf("%d asset URLs, want 11 logos and 6 hints", len(urls))
		}
	})
}

func TestAssets_RangeRequestsAndUnknownFiles(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		req, _ := http.NewRequest("GET", tg.base+"/sandbox-assets/hint/upi.mp4", nil)
		req.Header.Set("Range", "bytes=0-7")
		res, err := tg.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusPartialContent {
			t.Errorf("range request: HTTP %d, want 206 (video players seek)", res.StatusCode)
		}
		for _, p := range []string{"/sandbox-assets/hint/", "/sandbox-assets/logo/nope.svg", "/sandbox-assets/hint/..%2f..%2fsandbox.go"} {
			if a := tg.do(t, "GET", p, "", nil); a.code != http.StatusNotFound {
				t.Errorf("%s: HTTP %d, want 404", p, a.code)
			}
		}
	})
}
