package paykassma

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"regexp"
	"testing"
	"unicode/utf8"
)

var hexSignature = regexp.MustCompile(`^[0-9a-f]{40}$`)

// FuzzSign checks that Sign never panics, is deterministic, leaves the
// payload alone, signs every plain JSON object with 40 lowercase hex digits
// and rejects everything that is not JSON. When php is on PATH, every input
// is also signed by the document's PHP (one process per fuzz worker) and the
// two must agree.
func FuzzSign(f *testing.F) {
	for _, p := range edgePayloads() {
		f.Add("yourprivatekey", []byte(p))
	}
	f.Add("", []byte(`{"10":1,"9a":2,"9":3,"1e1":4," 9":5,"-0":6,"0":7}`))
	f.Add("k", []byte(`{"a":[1.5e300,-0.0,100000000000005.0,9223372036854775808],"a":{"b":"\u00e9"}}`))

	var oracle *phpOracle
	if _, err := exec.LookPath("php"); err == nil {
		oracle = startPHPOracle(f)
		f.Cleanup(oracle.close)
	}

	f.Fuzz(func(t *testing.T, key string, payload []byte) {
		before := bytes.Clone(payload)
		sig, err := Sign(key, payload)
		again, errAgain := Sign(key, payload)
		if sig != again || (err == nil) != (errAgain == nil) {
			t.Fatalf("not deterministic: %q, %v then %q, %v", sig, err, again, errAgain)
		}
		if !bytes.Equal(payload, before) {
			t.Fatal("Sign modified the payload")
		}

		if err == nil && !hexSignature.MatchString(sig) {
			t.Fatalf("signature %q is not 40 lowercase hex digits", sig)
		}
		if err != nil && !errors.Is(err, ErrSignPayload) {
			t.Fatalf("error %v is not ErrSignPayload", err)
		}
		if err == nil && !json.Valid(payload) {
			t.Fatalf("signed invalid JSON %q", payload)
		}
		if err != nil && plainObject(payload) {
			t.Fatalf("rejected a plain JSON object: %v", err)
		}

		if oracle != nil {
			answer, perr := oracle.sign(signCase{key, string(payload)})
			if perr != nil {
				t.Fatalf("php oracle: %v", perr)
			}
			if msg := agreesWithPHP(signCase{key, string(payload)}, answer); msg != "" {
				t.Fatalf("%s\npayload: %q", msg, payload)
			}
		}
	})
}

// plainObject reports a payload PHP's json_decode surely takes as an object:
// valid JSON and UTF-8, an object at the top, no \u escapes (which may be
// unpaired surrogates) and too few brackets to reach the depth limit.
func plainObject(payload []byte) bool {
	trimmed := bytes.TrimLeft(payload, " \t\r\n")
	return json.Valid(payload) && utf8.Valid(payload) &&
		len(trimmed) > 0 && trimmed[0] == '{' &&
		!bytes.Contains(payload, []byte(`\u`)) &&
		bytes.Count(payload, []byte("{"))+bytes.Count(payload, []byte("[")) <= phpJSONMaxNesting
}
