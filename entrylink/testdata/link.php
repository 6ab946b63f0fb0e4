<?php
// entry_link is the README's PHP snippet; the Go tests run it and verify its links.
function entry_link(string $base, string $key, array $params, int $ttl = 900): string {
    $params['exp'] = (string) (time() + $ttl);
    ksort($params, SORT_STRING);
    $lines = [];
    foreach ($params as $name => $value) {
        $lines[] = $name . '=' . $value;
    }
    $params['sig'] = hash_hmac('sha256', implode("\n", $lines), $key);
    return $base . '/start?' . http_build_query($params, '', '&', PHP_QUERY_RFC3986);
}

// Test driver: a JSON object {base, key, params} on stdin, the link on stdout.
$in = json_decode(stream_get_contents(STDIN), true);
echo entry_link($in['base'], $in['key'], $in['params']), "\n";
