package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/shopspring/decimal"
)

// money renders an exact amount as a bare JSON number with two decimals;
// decimal.Decimal alone would marshal as a quoted string.
type money decimal.Decimal

func (m money) MarshalJSON() ([]byte, error) {
	return []byte(decimal.Decimal(m).StringFixed(2)), nil
}

// obj is a JSON object; field maps (map[string][]string) marshal with sorted
// keys, which keeps answers deterministic.
type obj = map[string]any

// fieldErrors is the "message" of a validation failure: field -> messages.
type fieldErrors map[string][]string

func (e fieldErrors) add(field, msg string) { e[field] = append(e[field], msg) }

func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // URLs keep their "&" readable
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"status":"fail","message":"sandbox: cannot encode answer"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// fail answers {"status":"fail","message":...}: a string or a field map.
func fail(w http.ResponseWriter, message any) {
	writeJSON(w, http.StatusOK, obj{"status": "fail", "message": message})
}

func failFields(w http.ResponseWriter, field, msg string) {
	fail(w, fieldErrors{field: {msg}})
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, obj{"status": "fail", "message": "Not found"})
}

func ok(w http.ResponseWriter) { writeJSON(w, http.StatusOK, obj{"status": "ok"}) }

// success wraps data in the newer endpoints' envelope (status success, code 20000).
func success(w http.ResponseWriter, data any) {
	writeJSON(w, http.StatusOK, successBody(data, nil))
}

type paginate struct {
	Offset int `json:"offset"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
}

type successEnvelope struct {
	Status   string    `json:"status"`
	Message  string    `json:"message"`
	Code     int       `json:"code"`
	Data     any       `json:"data"`
	Paginate *paginate `json:"paginate,omitempty"`
}

func successBody(data any, p *paginate) successEnvelope {
	return successEnvelope{Status: "success", Message: "", Code: 20000, Data: data, Paginate: p}
}
