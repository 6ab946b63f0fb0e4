package paykassma

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// decoders are the endpoints' decoding paths, as the client methods run them
// after interpret.
var decoders = []struct {
	endpoint string
	decode   func(*answer) (any, error)
}{
	{"payment-systems/available", func(a *answer) (any, error) { return decodePaymentSystems(a) }},
	{"wallet-type/images", func(a *answer) (any, error) { return decodeMediahints(a) }},
	{"transaction/create/paytm", func(a *answer) (any, error) { return decodeTransaction(a) }},
	{"transaction/activate", func(a *answer) (any, error) { return decodeActivation(a) }},
	{"payment/create/help2pay", func(a *answer) (any, error) { return struct{}{}, decodeAccepted(a) }},
	{"payment/create/bkash_api", func(a *answer) (any, error) { return decodeBkash(a) }},
	{"payment/create/nagad_api", func(a *answer) (any, error) { return decodeNagad(a) }},
	{"deposit-info", func(a *answer) (any, error) { return decodeDepositInfo(a) }},
	{"payment-plugin/hash-url", func(a *answer) (any, error) { return decodeHashedURLs(a) }},
	{"postback", func(a *answer) (any, error) { return decodeDepositPostback(a) }},
	{"postback", func(a *answer) (any, error) { return decodeWithdrawalPostback(a) }},
	{"accounts-balance", func(a *answer) (any, error) { return decodeBalances(a) }},
	{"pullpostbacks", func(a *answer) (any, error) { return decodeDepositStatuses(a) }},
	{"pullpostbacks", func(a *answer) (any, error) { return decodeWithdrawalStatuses(a) }},
}

// FuzzDecode feeds arbitrary answers through every endpoint's decoding:
// each must give a usable value or a typed error, and never panic.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(200, b)
	}
	for _, s := range []string{
		`{"status":"fail","message":{"a":"b","c":[1,{"d":null}],"e":null}}`,
		`{"status":"error","errors":{"key1":["x"]},"code":"30228"}`,
		`{"status":"ok","postback":{"stockpiling":[],"payments_details":[]}}`,
		`{"status":"success","data":{"balances":[{"amount":1e99999}]}}`,
		`{"status":"ok","params":{"identifier":12.5e3}}`,
		`null`, `[]`, `"ok"`, ``, `<html></html>`,
	} {
		f.Add(200, []byte(s))
	}
	f.Add(400, []byte(`{"status":"fail","message":"Check of deposit status started."}`))
	f.Add(422, []byte(`{"status":"fail","message":{"k":["v"]}}`))

	f.Fuzz(func(t *testing.T, httpStatus int, body []byte) {
		for _, d := range decoders {
			a, err := interpret(d.endpoint, httpStatus, "application/json", body)
			var v any
			if err == nil {
				v, err = d.decode(a)
			}
			if err != nil {
				var apiErr *APIError
				var unavail *UnavailableError
				if !errors.As(err, &apiErr) && !errors.As(err, &unavail) {
					t.Fatalf("%s: error %T %v is neither *APIError nor *UnavailableError", d.endpoint, err, err)
				}
				if err.Error() == "" {
					t.Fatalf("%s: empty error message", d.endpoint)
				}
				continue
			}
			if httpStatus < 200 || httpStatus > 299 {
				t.Fatalf("%s: HTTP %d decoded as a success", d.endpoint, httpStatus)
			}
			if o, ok := v.(Activation); ok && o != Activated && o != PossibleTransactionCreated {
				t.Fatalf("%s: outcome %d", d.endpoint, o)
			}
			if rv := reflect.ValueOf(v); (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Map || rv.Kind() == reflect.Slice) && rv.IsNil() {
				t.Fatalf("%s: nil %T without an error", d.endpoint, v)
			}
			assertPrintable(t, v)
		}
	})
}

// assertPrintable formats every decimal in v, which is what a page does with
// an amount: a value that decoded but cannot be shown is no value.
func assertPrintable(t *testing.T, v any) {
	t.Helper()
	var walk func(reflect.Value)
	walk = func(rv reflect.Value) {
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(rv.Elem())
			}
		case reflect.Slice:
			for i := 0; i < rv.Len(); i++ {
				walk(rv.Index(i))
			}
		case reflect.Map:
			for it := rv.MapRange(); it.Next(); {
				walk(it.Value())
			}
		case reflect.Struct:
			if s, ok := rv.Interface().(interface{ String() string }); ok && rv.Type().PkgPath() == "github.com/shopspring/decimal" {
				if len(s.String()) > 1<<16 {
					t.Fatalf("an amount prints as %d characters", len(s.String()))
				}
				return
			}
			for i := 0; i < rv.NumField(); i++ {
				if rv.Type().Field(i).IsExported() {
					walk(rv.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(v))
}
