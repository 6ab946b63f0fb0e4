package paykassma

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

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
