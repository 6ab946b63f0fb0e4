package depositor

import (
	"crypto/sha256"
	"sync"
)

// cookieCacheSize bounds the verified cookies remembered: an entry is the
// state and its JSON, about 0.6 KB for a depositor with a few attempts and
// 3 KB at most, so about 1 MB usually and 6 MB at worst, within the RSS
// budget (issue 9: < 50 MB).
const cookieCacheSize = 2048

// cookieCache remembers session cookies already verified, decrypted and
// decoded, by the SHA-256 of their exact value. A depositor sends the same
// cookie with every request until the state changes (reloads, the status
// page's polling, the PS pages), and a hit is as trustworthy as a fresh
// decode: these very bytes were authenticated with this codec's keys.
// Only valid cookies enter, so a flood of forged ones fills nothing.
//
// It is two generations of maps: a lookup that finds an entry in the old
// one moves it to the new one, and when the new one is full the old one is
// dropped. That is least recently used within a factor of two, with no
// list to maintain.
type cookieCache struct {
	mu       sync.Mutex
	cur, old map[[sha256.Size]byte]*cookieEntry
}

// cookieEntry is one verified cookie: its state (never handed out: Load
// gives a clone), its bytes and when securecookie stamped it.
type cookieEntry struct {
	st  *State
	raw []byte // the state as the cookie held it (deflate format)
	at  int64

	// tok is the st token last minted from raw, and minted when (unix
	// seconds): the same depositor's next page within tokenReuse carries
	// it again instead of signing and encrypting anew (Codec.Token).
	tokMu sync.Mutex
	tok   string
	tokAt int64
}

// tokenReuse is how long (seconds) a token minted from a cookie is given
// again for the same unchanged state: it then expires at most that much
// before a fresh one would, of its 24 hours.
const tokenReuse = 60

// token is the kept token, if minted within tokenReuse of now.
func (e *cookieEntry) token(now int64) (string, bool) {
	if e == nil {
		return "", false
	}
	e.tokMu.Lock()
	defer e.tokMu.Unlock()
	if e.tok == "" || now < e.tokAt || now-e.tokAt >= tokenReuse {
		return "", false
	}
	return e.tok, true
}

// keepToken keeps tok, minted at now from this entry's cookie.
func (e *cookieEntry) keepToken(tok string, now int64) {
	if e == nil {
		return
	}
	e.tokMu.Lock()
	defer e.tokMu.Unlock()
	e.tok, e.tokAt = tok, now
}

func newCookieCache() *cookieCache {
	return &cookieCache{cur: map[[sha256.Size]byte]*cookieEntry{}}
}

func (cc *cookieCache) get(key [sha256.Size]byte) *cookieEntry {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if e := cc.cur[key]; e != nil {
		return e
	}
	e := cc.old[key]
	if e != nil {
		delete(cc.old, key)
		cc.putLocked(key, e)
	}
	return e
}

func (cc *cookieCache) put(key [sha256.Size]byte, e *cookieEntry) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.putLocked(key, e)
}

func (cc *cookieCache) putLocked(key [sha256.Size]byte, e *cookieEntry) {
	if len(cc.cur) >= cookieCacheSize/2 {
		cc.old, cc.cur = cc.cur, make(map[[sha256.Size]byte]*cookieEntry, cookieCacheSize/2)
	}
	cc.cur[key] = e
}

func (cc *cookieCache) remove(key [sha256.Size]byte) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	delete(cc.cur, key)
	delete(cc.old, key)
}

// len is how many cookies are remembered, for tests.
func (cc *cookieCache) len() int {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	return len(cc.cur) + len(cc.old)
}
