package sandbox

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

type orderedURL struct {
	Order int    `json:"order"`
	URL   string `json:"url"`
}

// handleHashURL hashes redirect addresses for the widget: HMAC-SHA256 of
// each URL keyed by the secret, so only this sandbox could have made it.
func (s *Server) handleHashURL(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(w, r)
	if err != nil {
		fail(w, "Invalid request body")
		return
	}
	v := newValidator(in)
	lists := map[string][]orderedURL{}
	for _, name := range []string{"success_urls", "fail_urls", "pending_urls"} {
		lists[name] = v.orderedURLs(name)
	}
	if !v.failed() && len(lists["success_urls"]) == 0 && len(lists["fail_urls"]) == 0 {
		v.errs.add("success_urls", "The success urls field is required when fail urls is not present.")
		v.errs.add("fail_urls", "The fail urls field is required when success urls is not present.")
	}
	if v.failed() {
		fail(w, v.errs)
		return
	}
	hash := func(list []orderedURL) []orderedURL {
		out := []orderedURL{}
		for _, u := range list {
			m := hmac.New(sha256.New, []byte(s.secret))
			m.Write([]byte(u.URL))
			out = append(out, orderedURL{u.Order, hex.EncodeToString(m.Sum(nil))})
		}
		slices.SortStableFunc(out, func(a, b orderedURL) int { return a.Order - b.Order })
		return out
	}
	writeJSON(w, http.StatusOK, obj{"status": "ok", "urls": obj{
		"success_url": hash(lists["success_urls"]),
		"fail_url":    hash(lists["fail_urls"]),
		"pending_url": hash(lists["pending_urls"]),
	}})
}

// orderedURLs reads a list of {order, url}; absent or null reads as empty.
func (v *validator) orderedURLs(field string) []orderedURL {
	if !v.present(field) {
		return nil
	}
	var items []map[string]json.RawMessage
	if json.Unmarshal(v.in.values[field], &items) != nil {
		v.add(field, "The %s must be an array.")
		return nil
	}
	var out []orderedURL
	for i, item := range items {
		el := field + "." + strconv.Itoa(i)
		var u orderedURL
		raw, has := item["order"]
		n, err := strconv.Atoi(strings.Trim(string(bytes.TrimSpace(raw)), `"`))
		switch {
		case !has || string(raw) == "null":
			v.errs.add(el+".order", fmt.Sprintf("The %s.order field is required.", el))
		case err != nil:
			v.errs.add(el+".order", fmt.Sprintf("The %s.order must be an integer.", el))
		default:
			u.Order = n
		}
		var s string
		if raw, has := item["url"]; !has || string(raw) == "null" {
			v.errs.add(el+".url", fmt.Sprintf("The %s.url field is required.", el))
		} else if json.Unmarshal(raw, &s) != nil || !isAbsURL(strings.TrimSpace(s)) {
			v.errs.add(el+".url", fmt.Sprintf("The %s.url format is invalid.", el))
		} else {
			u.URL = strings.TrimSpace(s)
		}
		out = append(out, u)
	}
	return out
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
