package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

const (
	maxJSONBody      = 1 << 20
	maxMultipartBody = 12 << 20
	maxScreenshot    = 5 << 20 // 5120 kilobytes, Laravel's usual image limit
)

// input is a request body as the API's validator sees it: JSON values by
// name. Form values are stored as JSON strings, so one validator serves both.
type input struct {
	values map[string]json.RawMessage
	files  map[string]*multipart.FileHeader
}

// readInput reads a JSON, multipart or urlencoded body. A body that is not
// a JSON object reads as empty, as Laravel does, so the answer is the
// required-field errors.
func readInput(w http.ResponseWriter, r *http.Request) (input, error) {
	in := input{values: map[string]json.RawMessage{}}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		r.Body = http.MaxBytesReader(w, r.Body, maxMultipartBody)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return in, err
		}
		for k, vs := range r.MultipartForm.Value {
			if len(vs) > 0 {
				in.values[k] = jsonString(vs[0])
			}
		}
		in.files = map[string]*multipart.FileHeader{}
		for k, fs := range r.MultipartForm.File {
			if len(fs) > 0 {
				in.files[k] = fs[0]
			}
		}
	case "application/x-www-form-urlencoded":
		r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
		if err := r.ParseForm(); err != nil {
			return in, err
		}
		for k, vs := range r.PostForm {
			if len(vs) > 0 {
				in.values[k] = jsonString(vs[0])
			}
		}
	default:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
		if err != nil {
			return in, err
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(body, &m) == nil && m != nil {
			in.values = m
		}
	}
	return in, nil
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

// queryInput is the query string as input, for the GET endpoints.
func queryInput(q url.Values) input {
	in := input{values: map[string]json.RawMessage{}}
	for k, vs := range q {
		if len(vs) > 0 {
			in.values[k] = jsonString(vs[0])
		}
	}
	return in
}

// queryList collects name, name[] and name[0]... as PHP reads them.
func queryList(q url.Values, name string) []string {
	var out []string
	for k, vs := range q {
		if k == name || k == name+"[]" || (strings.HasPrefix(k, name+"[") && strings.HasSuffix(k, "]")) {
			for _, v := range vs {
				if v = strings.TrimSpace(v); v != "" {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// validator checks fields with Laravel's rules and messages; errs collects
// every failure so one answer lists them all, as the API does.
type validator struct {
	in     input
	errs   fieldErrors
	prefix string // "bank_details." for a nested object's fields
}

func newValidator(in input) *validator { return &validator{in: in, errs: fieldErrors{}} }

func (v *validator) failed() bool { return len(v.errs) > 0 }

// human is Laravel's attribute name: underscores become spaces.
func human(field string) string { return strings.ReplaceAll(field, "_", " ") }

// add records a failure; format's one %s is the field's human name.
func (v *validator) add(field, format string, args ...any) {
	name := v.prefix + field
	v.errs.add(name, fmt.Sprintf(format, append([]any{human(name)}, args...)...))
}

func (v *validator) required(field string) { v.add(field, "The %s field is required.") }

// present reports whether a field holds something: Laravel trims strings
// and turns "" into null, so blanks count as missing.
func (v *validator) present(field string) bool {
	raw, ok := v.in.values[field]
	if !ok {
		return false
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) == "" {
		return false
	}
	return true
}

// str reads a string field (trimmed); max > 0 limits its length in characters.
func (v *validator) str(field string, required bool, max int) string {
	if !v.present(field) {
		if required {
			v.required(field)
		}
		return ""
	}
	var s string
	if err := json.Unmarshal(v.in.values[field], &s); err != nil {
		v.add(field, "The %s must be a string.")
		return ""
	}
	s = strings.TrimSpace(s)
	if max > 0 && utf8.RuneCountInString(s) > max {
		v.add(field, "The %s must not be greater than %d characters.", max)
		return ""
	}
	return s
}

// currency reads a 3-letter currency code and gives it upper-cased.
func (v *validator) currency(field string) string {
	s := v.str(field, true, 0)
	if s == "" {
		return ""
	}
	if utf8.RuneCountInString(s) != 3 {
		v.add(field, "The %s must be 3 characters.")
		return ""
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			v.add(field, "The %s must only contain letters.")
			return ""
		}
	}
	return strings.ToUpper(s)
}

// scalar is a present field's text: a JSON string unquoted and trimmed, as
// Laravel's validators see it; any other JSON value as written.
func (v *validator) scalar(field string) string {
	raw := bytes.TrimSpace(v.in.values[field])
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return strings.TrimSpace(s)
		}
	}
	return string(raw)
}

// amount reads a positive sum with at most two decimals, from a JSON number
// or a numeric string, exactly (never through float64).
func (v *validator) amount(field string, required bool) (decimal.Decimal, bool) {
	if !v.present(field) {
		if required {
			v.required(field)
		}
		return decimal.Decimal{}, false
	}
	// An object, array or boolean is no number: NewFromString refuses it.
	text := v.scalar(field)
	d, err := decimal.NewFromString(text)
	if err != nil || text == "" {
		v.add(field, "The %s must be a number.")
		return decimal.Decimal{}, false
	}
	if !d.IsPositive() {
		v.add(field, "The %s must be greater than 0.")
		return decimal.Decimal{}, false
	}
	if !d.Equal(d.Round(2)) {
		v.add(field, "The %s format is invalid.")
		return decimal.Decimal{}, false
	}
	return d, true
}

// absURL reads a required absolute http(s) URL.
func (v *validator) absURL(field string) string {
	s := v.str(field, true, 0)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add(field, "The %s format is invalid.")
		return ""
	}
	return s
}

// image reads an optional uploaded image (PNG, JPEG, GIF, WebP, BMP by
// content, whatever the part's declared type), at most 5 MB.
func (v *validator) image(field string) (*multipart.FileHeader, error) {
	fh := v.in.files[field]
	if fh == nil {
		// The document types screenshot as string(190): tolerate a string.
		v.str(field, false, 190)
		return nil, nil
	}
	if fh.Size > maxScreenshot {
		v.add(field, "The %s must not be greater than %d kilobytes.", maxScreenshot>>10)
		return nil, nil
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	switch http.DetectContentType(head[:n]) {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp":
		return fh, nil
	}
	v.add(field, "The %s must be an image.")
	return nil, nil
}
