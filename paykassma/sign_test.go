package paykassma

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// docExample is the API document's example withdrawal request body, without
// its "signature" field.
const docExample = `{
    "withdrawal_id": "1234567",
    "payment_system": "paytm",
    "amount": 1000,
    "currency_code": "INR",
    "label": "55",
    "is_test": false,
    "comment": "withdrawal",
    "account_number": "11111111",
    "payments_details": {
        "payments_provider": "56",
        "payments_method": "MOBILE_MONEY"
    },
    "bank_details": {
        "bank_code": "MAHB0001821",
        "branch_code": "000254",
        "bank_code_in_payments_system": "9393"
    }
}`

// The expected values were computed by testdata/sign/sign.php (the
// document's PHP) with PHP 8.2; imploded is what multiImplode returns.
func TestSign_MatchesPHPKnownVectors(t *testing.T) {
	tests := []struct {
		name     string
		key      string
		payload  string
		imploded string
		want     string
	}{
		{
			name:     "document example body, ksorted at the top only",
			key:      "yourprivatekey",
			payload:  docExample,
			imploded: "11111111:1000:MAHB0001821:000254:9393:withdrawal:INR::55:paytm:56:MOBILE_MONEY:1234567",
			want:     "d4d72d95681836388ccd726f33946c6a6c597d92",
		},
		{
			name:     "empty object signs the empty string",
			key:      "k",
			payload:  `{}`,
			imploded: "",
			want:     "e32cf7e6cf7c787e4abaf8420d48434f54e71eb1",
		},
		{
			name:     "true is 1, false and null are empty, empty containers keep a slot",
			key:      "yourprivatekey",
			payload:  `{"t":true,"f":false,"n":null,"s":"é😀:x","i":-0,"e":[],"o":{},"l":[1,[2,[]],{"z":null}]}`,
			imploded: "::0:1:2:::::é😀:x:1",
			want:     "658ea7f2cafc6bd01186c0137b08ffc63144789d",
		},
		{
			name: "floats print with precision 14",
			key:  "yourprivatekey",
			payload: `{"f":[0.1,0.30000000000000004,1e25,1.0,-0.0,1.5e-7,100.10,1e14,1e15,0.0001,0.00001,` +
				`100000000000005.0,9223372036854775808,1e400,-1e400]}`,
			imploded: "0.1:0.3:1.0E+25:1:-0:1.5E-7:100.1:1.0E+14:1.0E+15:0.0001:1.0E-5:" +
				"1.0000000000000E+14:9.2233720368548E+18:INF:-INF",
			want: "93328dc17135a08552cb124836cbf356d1985d7c",
		},
		{
			name:     "ksort compares numeric keys as numbers and others as strings",
			key:      "yourprivatekey",
			payload:  `{"b":1,"10":2,"9":3,"a":4,"9a":5,"1.5":6,"-1":7,"":8," 2":9,"01":10,"-0":11}`,
			imploded: "8:7:11:10:6:9:3:2:5:4:1",
			want:     "1daa672f5345df85c2f4fb296f0ec3845f7e6084",
		},
		{
			name:     "a repeated key keeps its first place and its last value",
			key:      "yourprivatekey",
			payload:  `{"a":1,"b":2,"a":3,"\u0061":4}`,
			imploded: "4:2",
			want:     "8cd4fbdc7178f98ca42c32698e0f5341d05d062a",
		},
		{
			name: "over 16 keys with a non-transitive order follow zend_sort",
			key:  "yourprivatekey",
			payload: `{"10":"a","9a":"b","9":"c","1e1":"d","10a":"e","a":"f","b":"g","1":"h","2":"i","3":"j",` +
				`"4":"k","5":"l","6":"m","7":"n","8":"o","11":"p","12":"q","x":"r"}`,
			imploded: "h:i:j:k:l:m:n:o:c:a:e:d:p:q:b:f:g:r",
			want:     "b2df8292be380d5cc1ab47038142172e70bf147f",
		},
		{
			name:     "private key is used as UTF-8 bytes",
			key:      "ключ 🔑",
			payload:  `{"amount":"100.50","currency_code":"BDT"}`,
			imploded: "100.50:BDT",
			want:     "0fcb81c6e6867209372cc9929bb200bb8fe5b22f",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imploded, err := signedString([]byte(tt.payload))
			if err != nil {
				t.Fatalf("signedString: %v", err)
			}
			if string(imploded) != tt.imploded {
				t.Errorf("imploded = %q, want %q", imploded, tt.imploded)
			}
			got, err := Sign(tt.key, []byte(tt.payload))
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			if got != tt.want {
				t.Errorf("Sign = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSign_RejectsWhatPHPCannotSign(t *testing.T) {
	const key = "s3cr3t-private-key"
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	tests := []struct{ name, payload string }{
		{"list", `[1,2]`},
		{"empty list", `[]`},
		{"string", `"a"`},
		{"number", `1`},
		{"null", `null`},
		{"empty input", ``},
		{"whitespace only", " \n"},
		{"truncated", `{"a":1`},
		{"trailing comma", `{"a":1,}`},
		{"trailing data", `{"a":1} {}`},
		{"single quotes", `{'a':1}`},
		{"unquoted key", `{a:1}`},
		{"leading zero", `{"a":01}`},
		{"bare fraction", `{"a":.5}`},
		{"uppercase literal", `{"a":TRUE}`},
		{"byte order mark", "\xef\xbb\xbf{}"},
		{"raw control character in string", "{\"a\":\"\x01\"}"},
		{"invalid UTF-8", "{\"a\":\"\xff\"}"},
		{"UTF-8 encoded surrogate", "{\"a\":\"\xed\xa0\x80\"}"},
		{"unpaired high surrogate escape", `{"a":"\ud800"}`},
		{"unpaired low surrogate escape", `{"a":"\udc00"}`},
		{"bad escape", `{"a":"\x41"}`},
		{"nested deeper than json_decode's 512", `{"a":` + deep(511) + `}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sign(key, []byte(tt.payload))
			if err == nil {
				t.Fatalf("Sign = %s, want an error", got)
			}
			if !errors.Is(err, ErrSignPayload) {
				t.Errorf("error %v is not ErrSignPayload", err)
			}
			if strings.Contains(err.Error(), key) {
				t.Errorf("error %q contains the private key", err)
			}
		})
	}
	if _, err := Sign(key, []byte(`{"a":`+deep(510)+`}`)); err != nil {
		t.Errorf("511 nested containers, the most json_decode takes: %v", err)
	}
}

// trickyKeys are keys where PHP's json_decode and ksort do something
// surprising: integer keys, numeric strings (with whitespace, signs,
// exponents, overflow), and strings that compare byte-wise.
var trickyKeys = []string{
	"", "a", "A", "b", "Z", "z", "_", "abc", "abc1", "a1", "1abc", "9a", "10a", "null", "true",
	"0", "1", "2", "9", "10", "11", "100", "-1", "-2", "-10", "01", "001", "-0", "00", "-01",
	"1.5", "1.50", "-1.5", "1e3", "1E3", "1e+3", "1e-3", " 1", "1 ", "\t1", "1\n", "+1", ".5", "5.",
	"1.", "-.5", "0x1A", "1e", "1e+", "1.e3", "0.0", "-0.0", "1e0", "0e5", "1_000", "\u00a01", "１",
	"\v1", "\f1", "1\v", "1\x00", "\x00", "\x001", "3.0000000000000001", "3", "2.9999999999999999",
	"9007199254740993", "9007199254740992.0", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809", "18446744073709551616", "12345678901234567890",
	"12345678901234567890.5", "99999999999999999999", "00000000000000000000001", "-9223372036854775808 ",
	" 9223372036854775808", "9223372036854775808 ", "1e400", "-1e400", "1e-400", "INF", "NAN",
	"é", "ß", "日本", "😀", "\uFFFD", ":", "a:b",
}

// jsonGen writes random JSON text, deterministically for a seed, covering what
// json_decode, ksort and implode treat specially.
type jsonGen struct{ r *rand.Rand }

func (g *jsonGen) pick(options ...string) string { return options[g.r.Intn(len(options))] }

func (g *jsonGen) ws() string {
	if g.r.Intn(4) != 0 {
		return ""
	}
	return g.pick(" ", "\n    ", "\t", "\r\n", "  ")
}

// quote writes s as a JSON string, escaping characters in varied ways.
func (g *jsonGen) quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '/' && g.r.Intn(2) == 0:
			b.WriteString(`\/`)
		case r < 0x20:
			short := map[rune]string{'\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`}[r]
			if short != "" && g.r.Intn(2) == 0 {
				b.WriteString(short)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		case g.r.Intn(6) == 0 && r <= 0xFFFF:
			fmt.Fprintf(&b, g.pick(`\u%04x`, `\u%04X`), r)
		case g.r.Intn(3) == 0 && r > 0xFFFF:
			hi, lo := 0xD800+((r-0x10000)>>10), 0xDC00+((r-0x10000)&0x3FF)
			fmt.Fprintf(&b, `\u%04x\u%04X`, hi, lo)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (g *jsonGen) text() string {
	var b strings.Builder
	for n := g.r.Intn(9); n > 0; n-- {
		switch g.r.Intn(10) {
		case 0:
			b.WriteRune(rune(g.r.Intn(0x20))) // control characters
		case 1:
			b.WriteString(g.pick("é", "日", "😀", "\uFFFD", "\U0010FFFF", "\u00a0", "ß", "\u2028"))
		case 2:
			b.WriteRune(rune(0x80 + g.r.Intn(0xD800-0x80)))
		case 3:
			b.WriteString(g.pick(":", `"`, `\`, "/", " ", "\x00"))
		default:
			b.WriteByte(byte(0x21 + g.r.Intn(0x5E)))
		}
	}
	return b.String()
}

// numericLike makes strings near PHP's numeric-string grammar.
func (g *jsonGen) numericLike() string {
	var b strings.Builder
	b.WriteString(g.pick("", "", "", " ", "\t", "\n", "\v", "\f", "\r"))
	b.WriteString(g.pick("", "", "-", "+"))
	for n := g.r.Intn(23); n > 0; n-- {
		if n > 15 && g.r.Intn(2) == 0 {
			b.WriteByte('0')
		} else {
			b.WriteByte(byte('0' + g.r.Intn(10)))
		}
	}
	if g.r.Intn(3) == 0 {
		b.WriteByte('.')
		for n := g.r.Intn(4); n > 0; n-- {
			b.WriteByte(byte('0' + g.r.Intn(10)))
		}
	}
	if g.r.Intn(4) == 0 {
		b.WriteString(g.pick("e", "E", "e+", "e-", "E-"))
		for n := g.r.Intn(4); n > 0; n-- {
			b.WriteByte(byte('0' + g.r.Intn(10)))
		}
	}
	b.WriteString(g.pick("", "", "", " ", "\n", "a", "\x00", " x"))
	return b.String()
}

// key picks a member name; many are tricky, so they repeat. Objects over
// 1024 members use mostly fresh names so enough stay distinct.
func (g *jsonGen) key(many bool) string {
	if many && g.r.Intn(10) != 0 {
		if g.r.Intn(2) == 0 {
			return g.numericLike()
		}
		return g.text() + g.numericLike()
	}
	switch g.r.Intn(8) {
	case 0, 1, 2, 3:
		return trickyKeys[g.r.Intn(len(trickyKeys))]
	case 4, 5:
		return g.numericLike()
	case 6:
		return strconv.Itoa(g.r.Intn(40) - 5)
	}
	return g.text()
}

func (g *jsonGen) digits(n int) string {
	var b strings.Builder
	b.WriteByte(byte('1' + g.r.Intn(9)))
	for i := 1; i < n; i++ {
		b.WriteByte(byte('0' + g.r.Intn(10)))
	}
	return b.String()
}

func (g *jsonGen) number() string {
	switch g.r.Intn(12) {
	case 0:
		return strconv.Itoa(g.r.Intn(2001) - 1000)
	case 1:
		return g.pick("9223372036854775807", "9223372036854775808", "-9223372036854775808",
			"-9223372036854775809", "18446744073709551615", "18446744073709551616", "-0", "0",
			"1000000000000000000", "9999999999999999999", "99999999999999999999999", "-123456789012345678901")
	case 2:
		return g.pick("", "-") + g.digits(1+g.r.Intn(25))
	case 3:
		return g.pick("1e400", "-1e400", "1E+400", "1e-400", "-1e-400", "-0.0", "0.0", "0e0", "-0E+0",
			"4.9e-324", "5e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623159e308",
			"0.1", "0.30000000000000004", "100.10", "1e14", "1e15", "1e13", "99999999999999.5",
			"10000000000000.5", "10000000000001.5", "0.00001", "0.0001", "1.5e-7", "123456789012345678.0",
			"0.1e1", "1.0", "-1.5", "3.0e0", "1E2", "1e-5", "12345678901234.5", "99999999999999.9",
			"999999999999995.0", "0.000099999999999995")
	case 4:
		// Exact ties at the 15th significant digit: PHP rounds half to even.
		k := 10000000000000 + g.r.Int63n(90000000000000)
		if g.r.Intn(2) == 0 {
			return strconv.FormatInt(k, 10) + ".5"
		}
		return strconv.FormatInt(k*10+5, 10) + ".0"
	case 5, 6:
		// A random double, printed shortest or with extra digits.
		var f float64
		for {
			f = math.Float64frombits(g.r.Uint64())
			if !math.IsNaN(f) && !math.IsInf(f, 0) {
				break
			}
		}
		return strconv.FormatFloat(f, g.pick("e", "E", "g")[0], g.r.Intn(25)-1, 64)
	case 7:
		f := g.r.NormFloat64() * math.Pow(10, float64(g.r.Intn(40)-20))
		return strconv.FormatFloat(f, g.pick("f", "e", "g")[0], g.r.Intn(20)-1, 64)
	}
	// A decimal with digits on both sides and an optional exponent.
	s := g.pick("", "-") + g.pick("0", g.digits(1+g.r.Intn(18))) + "." + g.digits(1+g.r.Intn(18))
	if g.r.Intn(2) == 0 {
		s += g.pick("e", "E", "e+", "e-", "E-") + strconv.Itoa(g.r.Intn(330))
	}
	return s
}

func (g *jsonGen) value(depth int) string {
	n := 10
	if depth >= 4 {
		n = 7 // scalars only
	}
	switch g.r.Intn(n) {
	case 0, 1, 2:
		return g.number()
	case 3, 4:
		return g.quote(g.text())
	case 5:
		return g.quote(g.numericLike())
	case 6:
		return g.pick("true", "false", "null")
	case 7, 8:
		return g.list(depth + 1)
	}
	return g.object(depth+1, g.r.Intn(6))
}

func (g *jsonGen) list(depth int) string {
	var items []string
	for n := g.r.Intn(5); n > 0; n-- {
		items = append(items, g.ws()+g.value(depth)+g.ws())
	}
	return "[" + strings.Join(items, ",") + g.ws() + "]"
}

// object writes an object with n members; some keys repeat, which
// json_decode resolves to the first position and the last value.
func (g *jsonGen) object(depth, n int) string {
	var keys, members []string
	for i := 0; i < n; i++ {
		k := g.key(n > 1024)
		if len(keys) > 0 && g.r.Intn(10) == 0 {
			k = keys[g.r.Intn(len(keys))]
		}
		keys = append(keys, k)
		members = append(members, g.ws()+g.quote(k)+g.ws()+":"+g.ws()+g.value(depth)+g.ws())
	}
	return "{" + strings.Join(members, ",") + g.ws() + "}"
}

// topLevel writes the object to sign: usually small, sometimes over 16 keys
// (zend_sort's quicksort) or over 1024 (its median-of-5 pivot).
func (g *jsonGen) topLevel() string {
	n := g.r.Intn(9)
	switch x := g.r.Intn(200); {
	case x == 0:
		n = 1100 + g.r.Intn(200)
	case x < 30:
		n = 17 + g.r.Intn(60)
	}
	return g.ws() + g.object(0, n) + g.ws()
}

// mutate damages a payload the way a fuzzer would; some results stay valid.
func (g *jsonGen) mutate(s string) string {
	b := []byte(s)
	for n := 1 + g.r.Intn(3); n > 0 && len(b) > 0; n-- {
		i := g.r.Intn(len(b))
		noise := g.pick("{", "}", "[", "]", `"`, ":", ",", `\`, `\u`, `\ud800`, "0", "-", ".", "e", " ",
			"\x00", "\x80", "\xff", "\xed\xa0\x80", "\xc3", "true", "nul", "1e999")
		switch g.r.Intn(4) {
		case 0:
			b = append(b[:i], b[i+1:]...)
		case 1:
			b = append(b[:i], append([]byte(noise), b[i:]...)...)
		case 2:
			b[i] = noise[0]
		default:
			b = b[:i]
		}
	}
	return string(b)
}

// edgePayloads are hand-written cases for the PHP comparison.
func edgePayloads() []string {
	nest := func(open, close string, n int, inner string) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	return []string{
		docExample, `{}`, ` {} `, `{"a":{}}`, `{"a":[]}`, `{"a":[[],[[]],{}]}`, `{"a":[1,[],2]}`,
		`{"a":1,"b":2,"a":3}`, `{"1":"x","\u0031":"y","01":"z"}`, `{"b":1,"a":{"z":1,"y":2,"z":3}}`,
		`{"t":true,"f":false,"n":null,"s":"","z":0}`, `{"é":"😀","\ud83d\ude00":"\u00e9"}`,
		`{"a":"\u0000","\u0000":"b"}`, `{"a":"x:y","b":"\/"}`,
		`{"f":[0.1,0.2,0.30000000000000004,1e25,1.0,-0.0,1.5e-7,100.10,1e14,1e15,1e13,0.0001,0.00001]}`,
		`{"i":[9223372036854775807,9223372036854775808,-9223372036854775808,-9223372036854775809,-0]}`,
		`{"inf":[1e400,-1e400,1e-400,-1e-400]}`,
		`{"10":1,"9":2,"9a":3,"a":4,"":5,"-1":6,"1.5":7," 2":8,"2 ":9,"1e1":10,"0x1":11}`,
		`{"-9223372036854775808":1,"-9223372036854775808 ":2,"-9223372036854775809":3,"9223372036854775808":4}`,
		"{\"a\":" + nest("[", "]", 510, "1") + "}", // 511 containers: the most json_decode takes
		"{\"a\":" + nest("[", "]", 511, "1") + "}", // 512: too deep
		"{\"a\":" + nest("{\"b\":", "}", 510, "[]") + "}",
		"{\"a\":" + nest("{\"b\":", "}", 511, "[]") + "}",
		// Not objects, or not JSON.
		`[]`, `[1]`, `1`, `"a"`, `null`, `true`, ``, ` `, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{,}`,
		`{"a":1}x`, `{"a":1}{}`, "\xef\xbb\xbf{}", `{"a":TRUE}`, `{"a":01}`, `{"a":.5}`, `{"a":1.}`,
		`{"a":-}`, `{"a":+1}`, `{"a":1e}`, `{"a":0x1}`, `{"a":NaN}`, `{"a":"\x"}`, `{"a":"\U0041"}`,
		`{"a":"\u004G"}`, `{"a":"\ud800"}`, `{"a":"\udc00"}`, `{"a":"\ud800\u0041"}`, `{"a":"\ud800x"}`,
		"{\"a\":\"\x01\"}", "{\"a\":\"\x7f\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xc0\x80\"}",
		"{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xff\"}", "{\"a\":1}\x00", "{'a':1}", `{a:1}`,
		"{\"a\":1}\n", "\t{\"a\":1}\r\n", "{\"a\"\v:1}", "{\"a\":\"\u2028\"}",
	}
}

// signCase is one input for the PHP comparison.
type signCase struct{ key, payload string }

// keyPairCases are two-member objects whose signature shows which key ksort
// puts first: every pair of tricky keys, and pairs of numeric-like strings.
func keyPairCases() []signCase {
	g := &jsonGen{r: rand.New(rand.NewSource(7))}
	var cases []signCase
	add := func(a, b string) {
		cases = append(cases, signCase{"k", "{" + g.quote(a) + ":1," + g.quote(b) + ":2}"})
	}
	for _, a := range trickyKeys {
		for _, b := range trickyKeys {
			if a != b {
				add(a, b)
			}
		}
	}
	for i := 0; i < 3000; i++ {
		add(g.numericLike(), g.numericLike())
	}
	return cases
}

func generatedSignCases() (valid, mutated []signCase) {
	g := &jsonGen{r: rand.New(rand.NewSource(20240611))}
	keys := []string{"yourprivatekey", "", "k", "ключ 🔑", "with space", "a:b"}
	for i := 0; i < 2000; i++ {
		valid = append(valid, signCase{keys[i%len(keys)], g.topLevel()})
	}
	for i := 0; i < 1000; i++ {
		mutated = append(mutated, signCase{keys[i%len(keys)], g.mutate(valid[g.r.Intn(len(valid))].payload)})
	}
	return valid, mutated
}

// phpCommand runs testdata/sign/sign.php in batch mode, or skips the test when
// PHP is not installed. -n keeps php.ini (precision!) out of it.
func phpCommand(t testing.TB) *exec.Cmd {
	t.Helper()
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php not on PATH; install php-cli to compare with the document's PHP")
	}
	return exec.Command(php, "-n", "-d", "display_errors=stderr", "-d", "memory_limit=1G",
		"testdata/sign/sign.php", "--batch")
}

func phpBatchLine(c signCase) string {
	return base64.StdEncoding.EncodeToString([]byte(c.key)) + " " +
		base64.StdEncoding.EncodeToString([]byte(c.payload)) + "\n"
}

// phpSignAll signs every case in one PHP process; each answer is
// "ok <signature>" or "error <reason>".
func phpSignAll(t *testing.T, cases []signCase) []string {
	t.Helper()
	cmd := phpCommand(t)
	var in, out, stderr bytes.Buffer
	for _, c := range cases {
		in.WriteString(phpBatchLine(c))
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("php: %v\n%s", err, stderr.String())
	}
	answers := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(answers) != len(cases) {
		t.Fatalf("php answered %d lines for %d cases; stderr:\n%s", len(answers), len(cases), stderr.String())
	}
	return answers
}

// agreesWithPHP compares Sign with one PHP answer; "" means they agree.
func agreesWithPHP(c signCase, answer string) string {
	got, err := Sign(c.key, []byte(c.payload))
	if sig, ok := strings.CutPrefix(answer, "ok "); ok {
		if err != nil {
			return fmt.Sprintf("PHP signs it %s, Sign fails: %v", sig, err)
		}
		if got != sig {
			return fmt.Sprintf("PHP %s, Sign %s", sig, got)
		}
		return ""
	}
	if err == nil {
		return fmt.Sprintf("PHP says %q, Sign gives %s", answer, got)
	}
	if !errors.Is(err, ErrSignPayload) {
		return fmt.Sprintf("error %v is not ErrSignPayload", err)
	}
	return ""
}

func TestSign_AgreesWithPHP(t *testing.T) {
	phpCommand(t) // skips without PHP
	valid, mutated := generatedSignCases()
	var edges []signCase
	for _, p := range edgePayloads() {
		edges = append(edges, signCase{"yourprivatekey", p})
	}
	for _, set := range []struct {
		name      string
		cases     []signCase
		wantValid bool
	}{
		{"generated", valid, true},
		{"key pairs", keyPairCases(), true},
		{"mutated", mutated, false},
		{"edge", edges, false},
	} {
		t.Run(set.name, func(t *testing.T) {
			answers := phpSignAll(t, set.cases)
			signed, bad := 0, 0
			for i, c := range set.cases {
				if strings.HasPrefix(answers[i], "ok ") {
					signed++
				} else if set.wantValid {
					t.Errorf("case %d: PHP rejects a generated payload (%s): %.200q", i, answers[i], c.payload)
				}
				if msg := agreesWithPHP(c, answers[i]); msg != "" {
					if bad++; bad <= 10 {
						t.Errorf("case %d (key %q): %s\npayload: %.300q", i, c.key, msg, c.payload)
					}
				}
			}
			t.Logf("%d payloads: PHP signs %d, rejects %d; Sign disagrees on %d",
				len(set.cases), signed, len(set.cases)-signed, bad)
		})
	}
}

// phpOracle is one long-running PHP process answering line by line.
type phpOracle struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	in    *bufio.Writer
	out   *bufio.Reader
}

func startPHPOracle(t testing.TB) *phpOracle {
	t.Helper()
	cmd := phpCommand(t)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &phpOracle{cmd: cmd, stdin: stdin, in: bufio.NewWriter(stdin), out: bufio.NewReader(stdout)}
}

func (o *phpOracle) sign(c signCase) (string, error) {
	if _, err := o.in.WriteString(phpBatchLine(c)); err != nil {
		return "", err
	}
	if err := o.in.Flush(); err != nil {
		return "", err
	}
	line, err := o.out.ReadString('\n')
	return strings.TrimSuffix(line, "\n"), err
}

// close ends the PHP process: it exits when its input ends.
func (o *phpOracle) close() {
	o.stdin.Close()
	o.cmd.Wait()
}
