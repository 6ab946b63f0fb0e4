package handlers_test

import (
	"testing"
)

// Two depositors on the same page get the same guides, byte for byte,
// while what is theirs (the state in each link, the nonce) differs; a
// depositor reading Hindi gets the guides in Hindi.
func TestChoose_GuidesAreTheSameForEveryoneAndPersonalPartsAreNot(t *testing.T) {
	e := newEnv(t, options{noCookies: true}) // each link carries its depositor's state
	guides := func(p *page) string {
		s := ""
		p.id("guide").Each(func(_ int, g *goqSel) { s += outer(g) })
		return s
	}
	links := func(p *page) string {
		s := ""
		p.id("method-link").Each(func(_ int, a *goqSel) { s += a.AttrOr("href", "") + "\n" })
		return s
	}
	alice, bob := e.start("alice", "INR"), e.start("bob", "INR")
	if p := alice.id("guide").Length(); p < 3 {
		t.Fatalf("%d guides on alice's page", p)
	}
	if guides(alice) != guides(bob) {
		t.Errorf("two depositors got different guides:\n%s\n%s", guides(alice), guides(bob))
	}
	if links(alice) == links(bob) {
		t.Errorf("two depositors got the same links:\n%s", links(alice))
	}
	nonce := alice.doc.Find("script[nonce]").AttrOr("nonce", "")
	if nonce == "" || nonce == bob.doc.Find("script[nonce]").AttrOr("nonce", "") {
		t.Errorf("the pages' nonces are missing or shared: %q", nonce)
	}
	hindi := e.get("/?label=carol&currency_code=INR&lang=hi").mustStatus(200)
	if guides(hindi) == guides(alice) || hindi.id("guide").Length() != alice.id("guide").Length() {
		t.Errorf("the Hindi page's guides are the English ones")
	}
}
