// Package e2e tests the checkout in its production shape, as deploy/ ships
// it: nginx terminating TLS (a certificate the test makes) in front of two
// instances that share one session key, the standalone sandbox as their
// Paykassma, clients on several loopback addresses. It runs the built
// binaries as processes, so an instance can be sent SIGTERM or killed:
// a deposit in Chromium at the top level and in a merchant's frame, then
// cmd/loadtest through a rolling restart and through a kill -9.
//
// It needs nginx and chromium (scripts/test.sh installs them); without
// them it skips, unless it runs as root, where it fails: CI installs them.
package e2e
