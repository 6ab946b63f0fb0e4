// Package browser proves the checkout in a real browser: its tests drive
// Debian's Chromium through chromedp as a person on a phone would, and run
// axe-core on every screen. It has no code of its own: see the README's
// "In a real browser" for how to run the tests, the screenshots and
// Lighthouse.
package browser
