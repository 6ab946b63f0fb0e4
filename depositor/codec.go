package depositor

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

const (
	// SessionName is the cookie's name over plain http (and on localhost).
	SessionName = "pk"
	// HostSessionName is its name over https: with the __Host- prefix a
	// browser keeps the cookie only if it is Secure, has no Domain and has
	// Path=/, so no sibling subdomain nor plain-http page can plant or
	// shadow it.
	HostSessionName = "__Host-" + SessionName
	// Field is the name of the form field and link parameter that carry the
	// state where a browser keeps no cookie (e.g. inside a merchant's frame).
	Field = "st"
	// MaxAge is how long a state stays valid, in the cookie and in links.
	MaxAge = 24 * 60 * 60
	// maxEncoded keeps the cookie within what every browser stores (4096
	// bytes with its name and attributes).
	maxEncoded = 3800
	valueKey   = "s"
	// refreshAfter is how old a cookie holding the very state a page would
	// write may be before it is written again anyway: unchanged, it is left
	// as it is (a cookie costs a compression and two encryptions), and
	// refreshed often enough that it still lasts about MaxAge past the last
	// visit.
	refreshAfter = 60 * 60
	// DefaultLifetime is how long a visit lasts from its start unless the
	// codec is told otherwise (SetLifetime).
	DefaultLifetime = 24 * time.Hour
)

// Codec moves a State in and out of a request: the session cookie first,
// else the st form field or link parameter. Both are signed and encrypted
// with the same keys, so instances sharing the keys share the depositor.
type Codec struct {
	store    *sessions.CookieStore
	sc       *securecookie.SecureCookie
	cookies  *cookieCache
	now      func() int64 // unix seconds; a test's clock may differ
	lifetime int64        // seconds a visit lasts from its Start
}

// NewCodec makes a codec from the hash key (32 or 64 bytes) and the block
// (encryption) key (16, 24 or 32 bytes).
func NewCodec(hashKey, blockKey []byte) (*Codec, error) {
	if n := len(hashKey); n != 32 && n != 64 {
		return nil, fmt.Errorf("session hash key: %d bytes, want 32 or 64", n)
	}
	if n := len(blockKey); n != 16 && n != 24 && n != 32 {
		return nil, fmt.Errorf("session block key: %d bytes, want 16, 24 or 32", n)
	}
	store := sessions.NewCookieStore(hashKey, blockKey)
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   MaxAge,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
	store.MaxAge(MaxAge)
	for _, sc := range store.Codecs {
		sc.(*securecookie.SecureCookie).SetSerializer(valuesSerializer{})
	}
	sc := securecookie.New(hashKey, blockKey).MaxAge(MaxAge).SetSerializer(securecookie.NopEncoder{})
	return &Codec{store: store, sc: sc, cookies: newCookieCache(), now: func() int64 { return time.Now().Unix() },
		lifetime: int64(DefaultLifetime / time.Second)}, nil
}

// SetLifetime sets how long a visit lasts from its start (session.lifetime):
// the cookie's MaxAge slides with every save, this does not.
func (c *Codec) SetLifetime(d time.Duration) { c.lifetime = int64(d / time.Second) }

// current is st if its visit is within its lifetime, else nil. A state
// without a start (written before it was recorded) starts now.
func (c *Codec) current(st *State) *State {
	if st == nil {
		return nil
	}
	if st.Start == 0 {
		st.Start = c.now()
	}
	if c.now()-st.Start > c.lifetime {
		return nil
	}
	return st
}

// Load reads the depositor's state from the cookie, else from the st field
// (and from the st field when the cookie holds another visit): a GET's or
// HEAD's in the query, its body never read; another method's in the form,
// whose body the caller must have capped (the handlers parse it first, in
// memory). fromCookie
// says where it came from; the state is nil when neither holds a valid one
// (absent, tampered with, expired, or made with other keys).
func (c *Codec) Load(r *http.Request) (st *State, fromCookie bool) {
	if st, fromCookie = c.Peek(r); st != nil {
		st = st.Clone()
	}
	return st, fromCookie
}

// Peek is Load for a caller that only reads the state: it may share its
// maps and slices with other requests' (the verified cookie's, kept), so
// it must never be changed; Clone it first. Load's two copies, one for
// the middleware and one for the handler, were a tenth of a page's
// garbage (BENCHMARKS.md, issue 17 round 3).
func (c *Codec) Peek(r *http.Request) (st *State, fromCookie bool) {
	var fromField *State
	if tok := field(r); tok != "" {
		var b []byte
		if err := c.sc.Decode(Field, tok, &b); err == nil {
			if fromField = c.current(decode(b)); fromField != nil {
				fromField.seen = nil // not what the cookie holds: Store must write it
			}
		}
	}
	// The cookie may be newer than the page's st (another tab, the back
	// button), but only when both are the same visit: a page opened in a
	// frame and submitted to the top window finds there the cookie of some
	// other visit.
	if st := c.current(c.fromCookie(r)); st != nil && (fromField == nil || fromField.ID == st.ID) {
		return st, true
	}
	return fromField, false
}

// field is the st token a request carries outside the cookie.
func field(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.Query().Get(Field)
	}
	return r.FormValue(Field)
}

// fromCookie is the state in the request's session cookie; nil when there
// is none or it is not valid. A cookie verified before comes from the
// cache (cookiecache.go), its age checked as securecookie checks it.
func (c *Codec) fromCookie(r *http.Request) *State {
	// Both names: a cookie set before the __Host- one, or over plain http.
	if st := c.fromNamedCookie(r, HostSessionName); st != nil {
		return st
	}
	return c.fromNamedCookie(r, SessionName)
}

func (c *Codec) fromNamedCookie(r *http.Request, name string) *State {
	ck, err := r.Cookie(name)
	if err != nil {
		return nil
	}
	key := sha256.Sum256([]byte(ck.Value))
	if e := c.cookies.get(key); e != nil {
		if c.expired(e.at) {
			c.cookies.remove(key)
			return nil
		}
		st := *e.st // shared maps and slices: see Peek
		st.seen = &seen{orig: e.st, raw: e.raw, at: e.at, name: name, entry: e}
		return &st
	}
	sess, err := c.store.Get(r, name)
	if err != nil {
		return nil
	}
	b, ok := sess.Values[valueKey].([]byte)
	if !ok {
		return nil
	}
	st := decode(b)
	at := cookieTime(ck.Value)
	if st == nil || c.expired(at) {
		return nil
	}
	e := &cookieEntry{st: st.Clone(), raw: st.seen.raw, at: at}
	st.seen = &seen{orig: e.st, raw: st.seen.raw, at: at, name: name, entry: e}
	c.cookies.put(key, e)
	return st
}

// expired reports whether a cookie stamped at (unix seconds) is past
// MaxAge: securecookie's own rule, applied again so that a cached cookie
// expires when it would have.
func (c *Codec) expired(at int64) bool {
	return at <= 0 || c.now()-at > MaxAge
}

// Save writes st to the session cookie and returns the token for the st
// field and links. With crossSite the cookie is SameSite=None; Secure;
// Partitioned, the only kind a browser keeps inside a merchant's frame on
// another site (CHIPS); else SameSite=Lax, for plain http where a Secure
// cookie would be dropped.
//
// A state too big for a cookie loses its oldest attempts until it fits,
// rather than failing the page.
//
// A cross-site cookie is named HostSessionName unless the request came to
// localhost: Secure, it reaches a browser only over https, or over plain
// http on localhost, where browsers differ on the __Host- prefix.
func (c *Codec) Save(w http.ResponseWriter, r *http.Request, st *State, crossSite bool) (string, error) {
	tok, err := c.Store(w, r, st, crossSite)
	if err != nil || tok != "" {
		return tok, err
	}
	return c.Token(st)
}

// Store is Save without the token unless it came for free: it writes the
// session cookie only when st differs from what the request's cookie held
// (or that cookie is over an hour old), and then returns the token too;
// otherwise it writes nothing and returns "". Most pages change nothing,
// and most come with the cookie, so they need neither.
func (c *Codec) Store(w http.ResponseWriter, r *http.Request, st *State, crossSite bool) (string, error) {
	name := cookieName(r, crossSite)
	if st.seen != nil && st.seen.name == name && c.now()-st.seen.at < refreshAfter && st.unchanged() {
		return "", nil
	}
	tok, b, err := c.fit(st)
	if err != nil {
		return "", err
	}
	sess, _ := c.store.Get(r, name) // on error, a fresh session: overwritten below
	sess.Options.Secure, sess.Options.Partitioned = crossSite, crossSite
	if crossSite {
		sess.Options.SameSite = http.SameSiteNoneMode
	}
	sess.Values[valueKey] = b
	if err := c.store.Save(r, w, sess); err != nil {
		return "", fmt.Errorf("save session: %w", err)
	}
	if _, err := r.Cookie(SessionName); err == nil && name != SessionName {
		// The cookie under its old name is replaced: dropped, with the
		// attributes it was set with (a partitioned cookie is deleted only
		// by a partitioned Set-Cookie).
		old := *sess.Options
		old.MaxAge = -1
		http.SetCookie(w, sessions.NewCookie(SessionName, "", &old))
	}
	// What the browser holds now, should the page save again.
	st.seen = &seen{orig: st.Clone(), raw: b, at: c.now(), name: name}
	return tok, nil
}

// cookieName is the session cookie's name for a response to r: see Save.
func cookieName(r *http.Request, crossSite bool) string {
	if !crossSite {
		return SessionName
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return SessionName
	}
	return HostSessionName
}

// Token encodes st for the st field and links.
func (c *Codec) Token(st *State) (string, error) {
	if st.seen != nil && st.seen.raw != nil {
		// Unchanged since the cookie: its bytes, encrypted for the field.
		// A pay page's form carries the token on every view (BENCHMARKS.md,
		// issue 17): deflating the state again was a tenth of that page.
		if st.unchanged() {
			// A token minted for this very cookie a moment ago serves again:
			// the state is the cookie's, so the token is the same but for
			// its timestamp, at most tokenReuse older (it expires that much
			// sooner, of MaxAge). Signing and encrypting it was half of what
			// the form's token cost a pay page (BENCHMARKS.md, issue 17
			// round 2).
			now := c.now()
			if tok, ok := st.seen.entry.token(now); ok {
				return tok, nil
			}
			// Encode encrypts its argument in place: give it a copy.
			if tok, err := c.sc.Encode(Field, bytes.Clone(st.seen.raw)); err == nil && len(tok) <= maxEncoded {
				st.seen.entry.keepToken(tok, now)
				return tok, nil
			}
		}
	}
	tok, _, err := c.fit(st)
	return tok, err
}

// fit encodes st, dropping its oldest attempts while the token is too long.
// It deflates fast first; only a state too long that way is deflated at
// the best level before an attempt is dropped, so what is kept is what the
// best level alone would keep.
func (c *Codec) fit(st *State) (string, []byte, error) {
	if st.Start == 0 {
		st.Start = c.now() // a new visit
	}
	for {
		j, err := json.Marshal(st)
		if err != nil {
			return "", nil, fmt.Errorf("encode state: %w", err)
		}
		if len(j) <= storedMax {
			b := stored(j)
			// Encode encrypts its argument in place: give it a copy.
			if tok, err := c.sc.Encode(Field, bytes.Clone(b)); err == nil && len(tok) <= maxEncoded {
				return tok, b, nil
			}
		}
		for _, pool := range []*sync.Pool{&fastWriters, &writers} {
			b, err := deflate(j, pool)
			if err != nil {
				return "", nil, err
			}
			tok, err := c.sc.Encode(Field, bytes.Clone(b))
			if err == nil && len(tok) <= maxEncoded {
				return tok, b, nil
			}
		}
		if len(st.Attempts) == 0 {
			return "", nil, fmt.Errorf("encode state: too big for a cookie")
		}
		st.Attempts = st.Attempts[:len(st.Attempts)-1]
	}
}

// Deflaters and inflaters are pooled: a new flate writer allocates about
// 800 KB (BENCHMARKS.md, "Why the code is shaped this way").
var (
	writers = sync.Pool{New: func() any {
		zw, _ := flate.NewWriter(nil, flate.BestCompression) // the level is valid
		return zw
	}}
	readers = sync.Pool{New: func() any { return flate.NewReader(nil) }}
	// fastWriters deflate at BestSpeed, whose Reset costs next to nothing:
	// the best level clears 512 KB of hash tables on every Reset, which was
	// a tenth of a new depositor's first page (BENCHMARKS.md, issue 17).
	fastWriters = sync.Pool{New: func() any {
		zw, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
		return zw
	}}
)

// storedMax is the longest state JSON kept as it is, in one stored deflate
// block (RFC 1951 3.2.4: a 5-byte header, then the bytes), rather than
// deflated: a new depositor's state is ~80 bytes, which deflating made
// longer, and a deflater weighs ~800 KB, so every new visit at once held
// one each (issue 17, round 3). Any inflater reads a stored block, so
// instances from before this read these states too. Longer states, with
// attempts, deflate well and are deflated.
const storedMax = 512

// stored is j as one final stored deflate block (len(j) <= storedMax).
func stored(j []byte) []byte {
	b := make([]byte, 5, 5+len(j))
	b[0] = 1 // BFINAL 1, BTYPE 00: stored
	binary.LittleEndian.PutUint16(b[1:], uint16(len(j)))
	binary.LittleEndian.PutUint16(b[3:], ^uint16(len(j)))
	return append(b, j...)
}

// unstored is the bytes of a state kept by stored, or nil for any other
// deflate stream.
func unstored(b []byte) []byte {
	if len(b) < 5 || b[0] != 1 {
		return nil
	}
	n := binary.LittleEndian.Uint16(b[1:])
	if binary.LittleEndian.Uint16(b[3:]) != ^n || int(n) != len(b)-5 {
		return nil
	}
	return b[5:]
}

// deflate compresses a state's JSON with a writer from pool: the state
// goes in a cookie and in URLs. fit marshals the state once, for the stored
// block and both levels alike.
func deflate(j []byte, pool *sync.Pool) ([]byte, error) {
	var buf bytes.Buffer
	zw := pool.Get().(*flate.Writer)
	defer pool.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(j); err != nil {
		return nil, fmt.Errorf("encode state: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("encode state: %w", err)
	}
	return buf.Bytes(), nil
}

// decode inflates and parses a state; the JSON it came from is kept in
// seen, so Store can tell whether anything changed.
func decode(b []byte) *State {
	j := unstored(b)
	if j == nil {
		zr := readers.Get().(io.ReadCloser)
		defer readers.Put(zr)
		// Capped: a valid token was signed by us, but a bound costs nothing.
		if err := zr.(flate.Resetter).Reset(io.LimitReader(bytes.NewReader(b), 64<<10), nil); err != nil {
			return nil
		}
		var err error
		if j, err = io.ReadAll(io.LimitReader(zr, 256<<10)); err != nil {
			return nil
		}
	}
	var st State
	if err := json.NewDecoder(bytes.NewReader(j)).Decode(&st); err != nil || st.Label == "" {
		return nil
	}
	st.seen = &seen{raw: b}
	return &st
}

// valuesSerializer writes the session's one value as its bytes behind a
// zero byte: gorilla's default (gob) compiles its types anew for every
// cookie read (BENCHMARKS.md). A cookie written by the gob serializer
// (which never starts with a zero byte) is still read.
type valuesSerializer struct{}

func (valuesSerializer) Serialize(src interface{}) ([]byte, error) {
	if m, ok := src.(map[interface{}]interface{}); ok && len(m) == 1 {
		if b, ok := m[valueKey].([]byte); ok {
			return append([]byte{0}, b...), nil
		}
	}
	return securecookie.GobEncoder{}.Serialize(src)
}

func (valuesSerializer) Deserialize(b []byte, dst interface{}) error {
	if m, ok := dst.(*map[interface{}]interface{}); ok && len(b) > 0 && b[0] == 0 {
		if *m == nil {
			*m = map[interface{}]interface{}{}
		}
		(*m)[valueKey] = b[1:]
		return nil
	}
	return securecookie.GobEncoder{}.Deserialize(b, dst)
}

// seen is what the session cookie held when the state was loaded from it.
type seen struct {
	// orig is the state as the cookie holds it: shared, never changed.
	orig *State
	// raw is the state as the cookie held it, deflated: while the state is
	// unchanged, its st token is these bytes encrypted, with no deflating.
	raw  []byte
	at   int64  // when the cookie was written, unix seconds
	name string // the cookie's name: one under the old name is rewritten
	// entry is the verified cookie's entry in the cache, which keeps the
	// st token last minted from it; nil for a state not from the cookie.
	entry *cookieEntry
}

// cookieTime is when a (valid) session cookie was written: the timestamp
// securecookie puts first in the value ("date|value|mac").
func cookieTime(value string) int64 {
	b, err := base64.URLEncoding.DecodeString(value)
	if err != nil {
		return 0
	}
	date, _, _ := bytes.Cut(b, []byte("|"))
	t, _ := strconv.ParseInt(string(date), 10, 64)
	return t
}
