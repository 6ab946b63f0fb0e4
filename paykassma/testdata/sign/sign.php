<?php
// Reference for paykassma.Sign: the API document's generateSignature and
// multiImplode, copied as plain functions (the key is a parameter instead of
// the document's literal 'yourprivatekey'), applied to json_decode($payload, true).
//
// Single:  php sign.php PRIVATE_KEY < payload.json     prints the signature
// Batch:   php sign.php --batch < lines                 one answer per line
//   Each input line is base64(private key) SP base64(payload); each answer
//   line is "ok <signature>" or "error <reason>". Answers are flushed line by
//   line, so a test can also use one process as a live oracle.
//
// Run it with `php -n` so php.ini cannot change precision (float printing).

function generateSignature(array $data, string $privateKey) {
    ksort($data);
    $implode = multiImplode(':', $data);
    return sha1($privateKey . md5($implode));
}

function multiImplode($glue, $array): string
{
    $finArray = [];
    foreach ($array as $val) {
        $finArray[] = is_array($val) ? multiImplode($glue, $val) :
$val;
    }
    return implode($glue, $finArray);
}

// signPayload answers for one payload: json_decode must succeed and give an
// array that came from a JSON object (a JSON list also decodes to an array).
function signPayload(string $privateKey, string $payload): string
{
    $data = json_decode($payload, true);
    if (json_last_error() !== JSON_ERROR_NONE) {
        return 'error ' . json_last_error_msg();
    }
    $trimmed = ltrim($payload, " \t\n\r");
    if (!is_array($data) || $trimmed === '' || $trimmed[0] !== '{') {
        return 'error not a JSON object';
    }
    return 'ok ' . generateSignature($data, $privateKey);
}

if (($argv[1] ?? '') === '--batch') {
    while (($line = fgets(STDIN)) !== false) {
        $parts = explode(' ', rtrim($line, "\n"));
        if (count($parts) !== 2) {
            echo "error bad batch line\n";
        } else {
            echo signPayload(base64_decode($parts[0], true), base64_decode($parts[1], true)), "\n";
        }
        fflush(STDOUT);
    }
    exit(0);
}

if (!isset($argv[1])) {
    fwrite(STDERR, "usage: php sign.php PRIVATE_KEY < payload.json | php sign.php --batch < lines\n");
    exit(2);
}
$answer = signPayload($argv[1], stream_get_contents(STDIN));
if (strncmp($answer, 'ok ', 3) !== 0) {
    fwrite(STDERR, $answer . "\n");
    exit(1);
}
echo substr($answer, 3), "\n";
