package paykassma

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrSignPayload is returned by Sign when the payload is not a JSON object
// that PHP's json_decode accepts.
var ErrSignPayload = errors.New("paykassma: sign: payload is not a JSON object")

// Sign computes the withdrawal signature of a JSON object, equal to the API
// document's PHP generateSignature on json_decode($payload, true):
// sha1(privateKey . md5(multiImplode(':', ksort(data)))) in lowercase hex.
//
// The server recomputes the signature from the JSON it receives, so Sign
// reproduces PHP 8 exactly rather than approximately: json_decode's key and
// number handling, ksort's ordering of mixed keys (including its sort
// algorithm, which decides the order when PHP's key comparison is not
// transitive), and the way implode prints scalars (floats with precision=14,
// PHP's default). Only the top level is sorted; nested arrays keep their order.
func Sign(privateKey string, payload []byte) (string, error) {
	imploded, err := signedString(payload)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(imploded)
	sig := sha1.Sum([]byte(privateKey + hex.EncodeToString(sum[:])))
	return hex.EncodeToString(sig[:]), nil
}

// signedString is multiImplode(':', ksort(json_decode(payload, true))), the
// string whose md5 the signature covers.
func signedString(payload []byte) ([]byte, error) {
	p := jsonParser{data: payload}
	top, err := p.document()
	if err != nil {
		return nil, err
	}
	if top.array == nil || !top.array.object {
		return nil, fmt.Errorf("%w: top-level value is not an object", ErrSignPayload)
	}
	ksort(top.array)
	return multiImplode(nil, top.array), nil
}

// phpValue is a decoded JSON value as PHP holds it after json_decode($x, true).
// Scalars are kept as the string implode prints for them.
type phpValue struct {
	str   string
	array *phpArray // non-nil for a JSON object or list
}

// phpArray is a PHP array in iteration order.
type phpArray struct {
	object  bool
	entries []phpEntry
	index   map[phpKey]int // objects only: where each key sits, for duplicates
}

type phpEntry struct {
	key phpKey
	val phpValue
	pos int // insertion position, ksort's tie-breaker
}

// phpKey is an array key: json_decode turns "123" (canonical decimal that
// fits int64) into an integer key and keeps every other string.
type phpKey struct {
	isInt bool
	i     int64
	s     string
}

func multiImplode(dst []byte, a *phpArray) []byte {
	for n, e := range a.entries {
		if n > 0 {
			dst = append(dst, ':')
		}
		if e.val.array != nil {
			dst = multiImplode(dst, e.val.array)
		} else {
			dst = append(dst, e.val.str...)
		}
	}
	return dst
}

// set stores a decoded member. Like json_decode (zend_symtable_update), a
// repeated key keeps its first position and takes the last value.
func (a *phpArray) set(key phpKey, val phpValue) {
	if i, ok := a.index[key]; ok {
		a.entries[i].val = val
		return
	}
	a.index[key] = len(a.entries)
	a.entries = append(a.entries, phpEntry{key: key, val: val, pos: len(a.entries)})
}

func makeKey(s string) phpKey {
	// _zend_handle_numeric_str_ex: an optional '-', digits, no leading zero
	// (so "-0" and "01" stay strings), within int64.
	d := strings.TrimPrefix(s, "-")
	canonical := d != "" && !(d[0] == '0' && len(s) > 1)
	for i := 0; canonical && i < len(d); i++ {
		canonical = d[i] >= '0' && d[i] <= '9'
	}
	if canonical {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return phpKey{isInt: true, i: n}
		}
	}
	return phpKey{s: s}
}

// phpFloatString prints f as PHP 8 does in implode and string conversion:
// "%.14G" through zend_gcvt (precision=14), e.g. 0.3 for 0.1+0.2, 1.0E+25,
// 1.0E-5, 100.1, -0, INF.
func phpFloatString(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NAN"
	}
	var b []byte
	if math.Signbit(f) {
		b = append(b, '-')
		f = -f
	}
	if f == 0 {
		return string(append(b, '0'))
	}
	// 14 significant digits, correctly rounded with ties to even, as
	// zend_dtoa mode 2 does; then trailing zeros dropped.
	e := strconv.FormatFloat(f, 'e', 13, 64) // d.ddddddddddddde±XX
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.TrimRight(mant[:1]+mant[2:], "0")
	if f >= 1e14 && f < 1e15 && f == math.Trunc(f) {
		// zend_dtoa's integer path settles an exact tie at the 15th digit
		// without trimming zeros: 100000000000005.0 prints 1.0000000000000E+14.
		if n := int64(f); n%10 == 5 && (n/10)%2 == 0 {
			digits = strconv.FormatInt(n/10, 10)
		}
	}
	x, _ := strconv.Atoi(exp)
	decpt := x + 1 // digits before the decimal point

	switch {
	case decpt < -3 || decpt > 14:
		b = append(b, digits[0], '.')
		if len(digits) == 1 {
			b = append(b, '0')
		} else {
			b = append(b, digits[1:]...)
		}
		b = append(b, 'E')
		if x < 0 {
			b = append(b, '-')
			x = -x
		} else {
			b = append(b, '+')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	case decpt <= 0:
		b = append(b, "0."...)
		b = append(b, strings.Repeat("0", -decpt)...)
		b = append(b, digits...)
	default:
		if len(digits) <= decpt {
			b = append(b, digits...)
			b = append(b, strings.Repeat("0", decpt-len(digits))...)
		} else {
			b = append(b, digits[:decpt]...)
			b = append(b, '.')
			b = append(b, digits[decpt:]...)
		}
	}
	return string(b)
}

// jsonParser decodes JSON the way PHP's json_decode($x, true) does with its
// defaults: RFC 8259 syntax, strict UTF-8, no unpaired surrogate escapes,
// and at most 511 nested arrays/objects (depth 512).
type jsonParser struct {
	data  []byte
	pos   int
	depth int
}

const phpJSONMaxNesting = 511

func (p *jsonParser) fail(what string) error {
	return fmt.Errorf("%w: invalid JSON at byte %d: %s", ErrSignPayload, p.pos, what)
}

func (p *jsonParser) document() (phpValue, error) {
	p.skipSpace()
	v, err := p.value()
	if err != nil {
		return phpValue{}, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return phpValue{}, p.fail("data after the value")
	}
	return v, nil
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) literal(word, printed string) (phpValue, error) {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(word)) {
		return phpValue{}, p.fail("unexpected character")
	}
	p.pos += len(word)
	return phpValue{str: printed}, nil
}

func (p *jsonParser) value() (phpValue, error) {
	if p.pos >= len(p.data) {
		return phpValue{}, p.fail("unexpected end")
	}
	switch c := p.data[p.pos]; {
	case c == '{' || c == '[':
		return p.container(c == '{')
	case c == '"':
		s, err := p.str()
		return phpValue{str: s}, err
	case c == 't':
		return p.literal("true", "1")
	case c == 'f':
		return p.literal("false", "")
	case c == 'n':
		return p.literal("null", "")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return phpValue{}, p.fail("unexpected character")
}

func (p *jsonParser) container(object bool) (phpValue, error) {
	if p.depth++; p.depth > phpJSONMaxNesting {
		return phpValue{}, p.fail("nesting deeper than PHP's json_decode allows")
	}
	a := &phpArray{object: object}
	if object {
		a.index = make(map[phpKey]int)
	}
	end := byte(']')
	if object {
		end = '}'
	}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == end {
		p.pos++
		p.depth--
		return phpValue{array: a}, nil
	}
	for {
		var key string
		if object {
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return phpValue{}, p.fail("expected a string key")
			}
			k, err := p.str()
			if err != nil {
				return phpValue{}, err
			}
			key = k
			p.skipSpace()
			if p.pos >= len(p.data) || p.data[p.pos] != ':' {
				return phpValue{}, p.fail("expected ':'")
			}
			p.pos++
			p.skipSpace()
		}
		v, err := p.value()
		if err != nil {
			return phpValue{}, err
		}
		if object {
			a.set(makeKey(key), v)
		} else {
			a.entries = append(a.entries, phpEntry{key: phpKey{isInt: true, i: int64(len(a.entries))}, val: v, pos: len(a.entries)})
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return phpValue{}, p.fail("unexpected end")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case end:
			p.pos++
			p.depth--
			return phpValue{array: a}, nil
		default:
			return phpValue{}, p.fail("expected ',' or the end of the container")
		}
	}
}

func (p *jsonParser) number() (phpValue, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return phpValue{}, p.fail("malformed number")
	}
	isFloat := false
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return phpValue{}, p.fail("malformed number")
		}
		isFloat = true
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return phpValue{}, p.fail("malformed number")
		}
		isFloat = true
	}
	tok := string(p.data[start:p.pos])
	if !isFloat {
		// json_decode keeps integers that fit int64 (so "-0" is 0) and makes
		// every larger one a float.
		if n, err := strconv.ParseInt(tok, 10, 64); err == nil {
			return phpValue{str: strconv.FormatInt(n, 10)}, nil
		}
	}
	return phpValue{str: phpFloatString(parseFloatLikePHP(tok))}, nil
}

// parseFloatLikePHP is zend_strtod for a well-formed decimal: correctly
// rounded, ±INF on overflow and ±0 on underflow instead of an error.
func parseFloatLikePHP(tok string) float64 {
	f, err := strconv.ParseFloat(tok, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0 // unreachable: callers pass a well-formed decimal
	}
	return f
}

func (p *jsonParser) str() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	var buf []byte // nil until the string has an escape
	for {
		if p.pos >= len(p.data) {
			return "", p.fail("unterminated string")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			s := p.data[start:p.pos]
			p.pos++
			if buf != nil {
				return string(append(buf, s...)), nil
			}
			return string(s), nil
		case c == '\\':
			buf = append(buf, p.data[start:p.pos]...)
			var err error
			if buf, err = p.escape(buf); err != nil {
				return "", err
			}
			start = p.pos
		case c < 0x20:
			return "", p.fail("control character in string")
		case c < utf8.RuneSelf:
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", p.fail("malformed UTF-8")
			}
			p.pos += size
		}
	}
}

// escape decodes the escape at p.pos (a backslash) onto buf.
func (p *jsonParser) escape(buf []byte) ([]byte, error) {
	if p.pos+1 >= len(p.data) {
		return nil, p.fail("unterminated string")
	}
	var simple byte
	switch p.data[p.pos+1] {
	case '"', '\\', '/':
		simple = p.data[p.pos+1]
	case 'b':
		simple = '\b'
	case 'f':
		simple = '\f'
	case 'n':
		simple = '\n'
	case 'r':
		simple = '\r'
	case 't':
		simple = '\t'
	case 'u':
	default:
		return nil, p.fail("bad escape")
	}
	if simple != 0 {
		p.pos += 2
		return append(buf, simple), nil
	}
	r, ok := p.hex4(p.pos + 2)
	if !ok {
		return nil, p.fail("bad \\u escape")
	}
	p.pos += 6
	switch {
	case r >= 0xDC00 && r <= 0xDFFF:
		return nil, p.fail("unpaired UTF-16 surrogate")
	case r >= 0xD800 && r <= 0xDBFF:
		lo, ok := rune(0), false
		if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
			lo, ok = p.hex4(p.pos + 2)
		}
		if !ok || lo < 0xDC00 || lo > 0xDFFF {
			return nil, p.fail("unpaired UTF-16 surrogate")
		}
		p.pos += 6
		r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
	}
	return utf8.AppendRune(buf, r), nil
}

func (p *jsonParser) hex4(at int) (rune, bool) {
	if at+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[at : at+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// ksort sorts a's entries as PHP 8's ksort($a) with SORT_REGULAR does. PHP's
// key comparison is not transitive (numeric strings compare as numbers, other
// strings byte-wise: "10" < "9a" < "9" < "10"), so the order it leaves depends
// on the algorithm; this is a port of zend_sort (Zend/zend_sort.c) with the
// stable fallback on insertion position that PHP 8 adds.
func ksort(a *phpArray) {
	e := a.entries
	s := zendSorter{
		cmp: func(i, j int) int {
			if c := compareKeys(e[i].key, e[j].key); c != 0 {
				return c
			}
			return compareInts(int64(e[i].pos), int64(e[j].pos))
		},
		swap: func(i, j int) { e[i], e[j] = e[j], e[i] },
	}
	s.sort(0, len(e))
}

// compareKeys is php_array_key_compare_unstable_i.
func compareKeys(a, b phpKey) int {
	switch {
	case a.isInt && b.isInt:
		return compareInts(a.i, b.i)
	case !a.isInt && !b.isInt:
		return smartStrcmp(a.s, b.s)
	case a.isInt:
		return compareLongToString(a.i, b.s)
	default:
		return -compareLongToString(b.i, a.s)
	}
}

func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareFloats(a, b float64) int { // ZEND_NORMALIZE_BOOL(a - b)
	switch d := a - b; {
	case d < 0:
		return -1
	case d > 0:
		return 1
	}
	return 0
}

// smartStrcmp is zendi_smart_strcmp: two numeric strings compare as numbers,
// anything else byte-wise.
func smartStrcmp(s1, s2 string) int {
	n1 := phpNumericString(s1)
	if n1.kind == notNumeric {
		return strings.Compare(s1, s2)
	}
	n2 := phpNumericString(s2)
	if n2.kind == notNumeric {
		return strings.Compare(s1, s2)
	}
	if n1.oflow != 0 && n1.oflow == n2.oflow && n1.d-n2.d == 0 {
		// Integers overflowed to the same side: a float comparison is lossy.
		return strings.Compare(s1, s2)
	}
	if n1.kind == isLong && n2.kind == isLong {
		return compareInts(n1.l, n2.l)
	}
	d1, d2 := n1.d, n2.d
	switch {
	case n1.kind == isLong:
		if n2.oflow != 0 {
			return -n2.oflow
		}
		d1 = float64(n1.l)
	case n2.kind == isLong:
		if n1.oflow != 0 {
			return n1.oflow
		}
		d2 = float64(n2.l)
	case d1 == d2 && math.IsInf(d1, 0):
		return strings.Compare(s1, s2)
	}
	return compareFloats(d1, d2)
}

// compareLongToString is compare_longs_to_string: PHP 8 compares an integer
// with a non-numeric string as strings.
func compareLongToString(l int64, s string) int {
	switch n := phpNumericString(s); n.kind {
	case isLong:
		return compareInts(l, n.l)
	case isDouble:
		return compareFloats(float64(l), n.d)
	}
	return strings.Compare(strconv.FormatInt(l, 10), s)
}

type numericKind uint8

const (
	notNumeric numericKind = iota
	isLong
	isDouble
)

type phpNumber struct {
	kind  numericKind
	l     int64
	d     float64
	oflow int // ±1 when an integer string is beyond int64
}

// phpNumericString is _is_numeric_string_ex(str, len, &l, &d, false, &oflow):
// optional leading and trailing whitespace, a sign, digits with an optional
// fraction and exponent; no hex, no "inf". It reads bytes as the C code does,
// with a NUL after the end.
func phpNumericString(s string) phpNumber {
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	isSpace := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
	}
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }

	if s == "" {
		return phpNumber{}
	}
	str := 0
	for isSpace(at(str)) {
		str++
	}
	ptr := str
	neg := false
	if at(ptr) == '-' {
		neg = true
		ptr++
	} else if at(ptr) == '+' {
		ptr++
	}

	var n phpNumber
	isFloat := false
	digits := 0
	var tmp uint64
	if isDigit(at(ptr)) {
		for at(ptr) == '0' {
			ptr++
		}
		// With a dval wanted, PHP stops counting at 20 digits: an overflow.
	scan:
		for ; digits < 20; digits, ptr = digits+1, ptr+1 {
			c := at(ptr)
			switch {
			case isDigit(c):
				tmp = tmp*10 + uint64(c-'0')
				continue
			case c == '.':
				isFloat = true
			case c == 'e' || c == 'E':
				e := ptr + 1
				if at(e) == '-' || at(e) == '+' {
					ptr = e
					e++
				}
				isFloat = isDigit(at(e))
			}
			break scan
		}
		if digits >= 20 {
			n.oflow = 1
			if neg {
				n.oflow = -1
			}
			isFloat = true
		}
	} else if at(ptr) == '.' && isDigit(at(ptr+1)) {
		isFloat = true
	} else {
		return phpNumber{}
	}
	if isFloat {
		n.kind = isDouble
		n.d, ptr = zendStrtod(s, str)
	} else {
		n.kind = isLong
	}
	for i := ptr; i < len(s); i++ {
		if !isSpace(s[i]) {
			return phpNumber{}
		}
	}
	if n.kind == isLong {
		if digits == 19 {
			// strcmp against LONG_MIN's digits reads on to the C string's NUL,
			// so trailing whitespace makes "-9223372036854775808 " a double.
			rest := s[ptr-digits:]
			if i := strings.IndexByte(rest, 0); i >= 0 {
				rest = rest[:i]
			}
			if c := strings.Compare(rest, "9223372036854775808"); !(c < 0 || (c == 0 && neg)) {
				n.kind = isDouble
				n.d, _ = zendStrtod(s, str)
				n.oflow = 1
				if neg {
					n.oflow = -1
				}
				return n
			}
		}
		n.l = int64(tmp)
		if neg {
			n.l = -n.l
		}
	}
	return n
}

// zendStrtod parses the longest decimal prefix of s[start:] (sign, digits,
// optional '.' and digits, optional exponent) and returns its value and end.
func zendStrtod(s string, start int) (float64, int) {
	i := start
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	mantissa := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		mantissa++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			mantissa++
		}
	}
	if mantissa == 0 {
		return 0, start
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	return parseFloatLikePHP(s[start:i]), i
}

// zendSorter is zend_sort: insertion sort up to 16 elements, otherwise a
// quicksort with a median-of-3 (or of 5 from 1024 elements) pivot.
type zendSorter struct {
	cmp  func(i, j int) int
	swap func(i, j int)
}

func (z zendSorter) sort2(a, b int) {
	if z.cmp(a, b) > 0 {
		z.swap(a, b)
	}
}

func (z zendSorter) sort3(a, b, c int) {
	if z.cmp(a, b) <= 0 {
		if z.cmp(b, c) <= 0 {
			return
		}
		z.swap(b, c)
		if z.cmp(a, b) > 0 {
			z.swap(a, b)
		}
		return
	}
	if z.cmp(c, b) <= 0 {
		z.swap(a, c)
		return
	}
	z.swap(a, b)
	if z.cmp(b, c) > 0 {
		z.swap(b, c)
	}
}

func (z zendSorter) sort4(a, b, c, d int) {
	z.sort3(a, b, c)
	if z.cmp(c, d) > 0 {
		z.swap(c, d)
		if z.cmp(b, c) > 0 {
			z.swap(b, c)
			if z.cmp(a, b) > 0 {
				z.swap(a, b)
			}
		}
	}
}

func (z zendSorter) sort5(a, b, c, d, e int) {
	z.sort4(a, b, c, d)
	if z.cmp(d, e) > 0 {
		z.swap(d, e)
		if z.cmp(c, d) > 0 {
			z.swap(c, d)
			if z.cmp(b, c) > 0 {
				z.swap(b, c)
				if z.cmp(a, b) > 0 {
					z.swap(a, b)
				}
			}
		}
	}
}

func (z zendSorter) insertSort(start, n int) {
	switch n {
	case 0, 1:
	case 2:
		z.sort2(start, start+1)
	case 3:
		z.sort3(start, start+1, start+2)
	case 4:
		z.sort4(start, start+1, start+2, start+3)
	case 5:
		z.sort5(start, start+1, start+2, start+3, start+4)
	default:
		end, sentry := start+n, start+6
		for i := start + 1; i < sentry; i++ {
			j := i - 1
			if z.cmp(j, i) <= 0 {
				continue
			}
			for j != start {
				j--
				if z.cmp(j, i) <= 0 {
					j++
					break
				}
			}
			for k := i; k > j; k-- {
				z.swap(k, k-1)
			}
		}
		for i := sentry; i < end; i++ {
			j := i - 1
			if z.cmp(j, i) <= 0 {
				continue
			}
			for {
				j -= 2
				if z.cmp(j, i) <= 0 {
					j++
					if z.cmp(j, i) <= 0 {
						j++
					}
					break
				}
				if j == start {
					break
				}
				if j == start+1 {
					j--
					if z.cmp(i, j) > 0 {
						j++
					}
					break
				}
			}
			for k := i; k > j; k-- {
				z.swap(k, k-1)
			}
		}
	}
}

func (z zendSorter) sort(start, n int) {
	for n > 16 {
		end := start + n
		offset := n >> 1
		pivot := start + offset
		if n>>10 != 0 {
			delta := offset >> 1
			z.sort5(start, start+delta, pivot, pivot+delta, end-1)
		} else {
			z.sort3(start, pivot, end-1)
		}
		z.swap(start+1, pivot)
		pivot = start + 1
		i, j := pivot+1, end-1
	partition:
		for {
			for z.cmp(pivot, i) > 0 {
				if i++; i == j {
					break partition
				}
			}
			if j--; j == i {
				break
			}
			for z.cmp(j, pivot) > 0 {
				if j--; j == i {
					break partition
				}
			}
			z.swap(i, j)
			if i++; i == j {
				break
			}
		}
		z.swap(pivot, i-1)
		if (i-1)-start < end-i {
			z.sort(start, i-start-1)
			start, n = i, end-i
		} else {
			z.sort(i, end-i)
			n = i - start - 1
		}
	}
	z.insertSort(start, n)
}
