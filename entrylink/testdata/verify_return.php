<?php
// verify_return is the README's PHP snippet; the Go tests run it on returns
// the checkout signed, and on tampered and expired ones.
function verify_return(string $key, array $params): ?array {
    $lines = [];
    foreach (['exp', 'reference', 'status'] as $name) { // sorted by name
        if (isset($params[$name]) && is_string($params[$name]) && $params[$name] !== '') {
            $lines[] = $name . '=' . $params[$name];
        }
    }
    $want = hash_hmac('sha256', implode("\n", $lines), $key);
    $sig = $params['sig'] ?? null;
    if (!is_string($sig) || !hash_equals($want, strtolower($sig)) || time() >= (int) ($params['exp'] ?? 0)) {
        return null; // forged, tampered with or expired
    }
    return ['status' => $params['status'], 'reference' => $params['reference'] ?? ''];
}

// Test driver: a JSON object {key, query} on stdin (query: the return URL's
// query string); the result as JSON on stdout, null when refused.
$in = json_decode(stream_get_contents(STDIN), true);
parse_str($in['query'], $params);
echo json_encode(verify_return($in['key'], $params)), "\n";
