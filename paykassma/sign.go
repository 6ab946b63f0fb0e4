package paykassma

import "errors"

// Sign computes the withdrawal signature of a JSON object, equal to the API
// document's PHP generateSignature on json_decode($payload, true).
func Sign(privateKey string, payload []byte) (string, error) {
	return "", errors.New("paykassma: Sign not implemented yet")
}
