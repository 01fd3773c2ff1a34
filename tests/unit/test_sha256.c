/*
 * SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf"
 * examples) and a one-million-'a' message, hashed in uneven pieces.
 */
#include <string.h>

#include "test_util.h"
#include "util/sha256.h"

static void test_fips_vectors(void **state)
{
    char hex[65];
    (void)state;
    cc_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    cc_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    cc_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_million_a_in_pieces(void **state)
{
    static char chunk[997];
    cc_sha256_ctx ctx;
    unsigned char d[32];
    char hex[65];
    size_t left = 1000000;
    int i;
    (void)state;
    memset(chunk, 'a', sizeof(chunk));
    cc_sha256_init(&ctx);
    while (left) {
        size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
        cc_sha256_update(&ctx, chunk, n);
        left -= n;
    }
    cc_sha256_final(&ctx, d);
    for (i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_vectors),
        cmocka_unit_test(test_million_a_in_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
