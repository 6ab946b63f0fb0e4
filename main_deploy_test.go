package main

import (
	"testing"
)

// TestDeployConfig_LoadsWithItsSecretsFromTheEnvironment: the production
// example is valid as shipped, and wants nothing in the file that the
// environment should carry.
func TestDeployConfig_LoadsWithItsSecretsFromTheEnvironment(t *testing.T) {
	env := map[string]string{
		"PAYKASSMA_SECRET":      "from-the-environment",
		"PAYKASSMA_PRIVATE_KEY": "from-the-environment",
		"MERCHANT_SIGNING_KEY":  "a-merchant-signing-key-of-32-characters!",
		"SESSION_KEY":           "a-session-key-of-at-least-32-characters",
	}
	cfg, err := loadConfig("deploy/config.ini", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.UsesSandbox() || cfg.Paykassma.Secret != env["PAYKASSMA_SECRET"] || cfg.Session.Key != env["SESSION_KEY"] ||
		cfg.Merchant.SigningKey != env["MERCHANT_SIGNING_KEY"] || cfg.Server.Drain == 0 || len(cfg.Limits.TrustedProxies) == 0 {
		t.Error("deploy/config.ini: want the real API, the secrets from the environment, a drain and nginx trusted") // never print cfg: it holds them
	}
}
