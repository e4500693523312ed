package org.countersign.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.countersign.log.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {
  private static final String PETER_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  @Test
  void generate_seededRandom_isDeterministicAndRoundTrips() throws Exception {
    SignerKey a = SignerKey.generate("example.org/us", TestKeys.insecureSeededRandom(7));
    SignerKey b = SignerKey.generate("example.org/us", TestKeys.insecureSeededRandom(7));
    assertThat(a.encodeSecret()).isEqualTo(b.encodeSecret());
    SignerKey parsed = SignerKey.parse(a.encodeSecret());
    assertThat(parsed.verifierKey()).isEqualTo(a.verifierKey());
    assertThat(VerifierKey.parse(a.verifierKey()).encode()).isEqualTo(a.verifierKey());
    assertThat(a.verifierKey()).startsWith("example.org/us+");
  }

  @Test
  void toString_signerKey_neverShowsTheSecret() throws Exception {
    SignerKey key = SignerKey.parse(PETER_SKEY);
    String secret = PETER_SKEY.substring(PETER_SKEY.lastIndexOf('+') - 0);
    assertThat(key.toString()).isEqualTo("SignerKey[PeterNeumann+c74f20a3, secret redacted]");
    assertThat(key.toString()).doesNotContain(secret.substring(2, 12));
  }

  @Test
  void parse_signerKeyErrors_neverQuoteTheSecret() {
    String noncanonical = PETER_SKEY.substring(0, PETER_SKEY.length() - 1) + "0";
    assertThatThrownBy(() -> SignerKey.parse(noncanonical))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageNotContaining("AYEKFALV");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", // id
        "PRIVATE+KEY+PeterNeumann+C74F20A3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", // hex
        // case
        "PRIVATE+KEY+Peter Neumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", // name
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", // type 2
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKA==", // short
        "PRIVATE+KEY+PeterNeumann+c74f20a3",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "private+key+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n",
      })
  void parse_malformedSignerKey_throws(String skey) {
    assertThatThrownBy(() -> SignerKey.parse(skey)).isInstanceOf(MalformedInputException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PeterNeumann+c74f20a3", // no key
        "PeterNeumann", // nothing
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // empty name
        "Peter\u00a0Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // NBSP
        "Peter\u2003Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // em space
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // 7 hex
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // uppercase
        "PeterNeumann+c74f20a3+", // empty key
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", // unpadded
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ", // trailing space
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX", // non-canonical
      })
  void parse_malformedVerifierKey_throws(String vkey) {
    assertThatThrownBy(() -> VerifierKey.parse(vkey)).isInstanceOf(MalformedInputException.class);
  }

  @Test
  void parse_canonicalKeyOfWrongLength_namesTheLength() {
    byte[] typed = new byte[34];
    typed[0] = 1;
    String b64 = Base64.getEncoder().encodeToString(typed);
    int id = KeyId.compute("n", (byte) 1, new byte[33]);
    assertThatThrownBy(() -> VerifierKey.parse("n+" + KeyId.hex(id) + "+" + b64))
        .hasMessageContaining("32-byte Ed25519 public key, got 33 bytes");
  }

  @Test
  void parse_base64ContainingPlus_splitsOnFirstTwoPlusOnly() throws Exception {
    // sum.golang.org's published key has '+' inside its base64.
    VerifierKey k =
        VerifierKey.parse("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
    assertThat(k.name()).isEqualTo("sum.golang.org");
    assertThat(k.keyId()).isEqualTo(0x033de0ae);
  }

  @Test
  void parse_cosignatureTypeKey_isAcceptedButHasNoPlainVerifier() throws Exception {
    SignerKey key = TestKeys.key("witness.example", 1);
    VerifierKey cosig =
        VerifierKey.of(
            "witness.example", VerifierKey.TYPE_COSIGNATURE_V1, key.publicKey().keyBytes());
    VerifierKey parsed = VerifierKey.parse(cosig.encode());
    assertThat(parsed).isEqualTo(cosig);
    assertThat(parsed.keyId()).isNotEqualTo(key.keyId());
    assertThatThrownBy(parsed::verifier)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0x04");
  }

  @Test
  void requireValid_badNames_throwNamingTheProblem() {
    assertThatThrownBy(() -> KeyNames.requireValid("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> KeyNames.requireValid("a+b")).hasMessageContaining("'+'");
    assertThatThrownBy(() -> KeyNames.requireValid("a\tb"))
        .hasMessageContaining("whitespace U+0009");
    assertThatThrownBy(() -> KeyNames.requireValid("a\u0085b"))
        .hasMessageContaining("whitespace U+0085");
    assertThatThrownBy(() -> KeyNames.requireValid("a\u3000b"))
        .hasMessageContaining("whitespace U+3000");
    assertThatThrownBy(() -> KeyNames.requireValid("a\u0001b")).hasMessageContaining("control");
    assertThatThrownBy(() -> KeyNames.requireValid("a\ud800b")).hasMessageContaining("surrogate");
    assertThat(KeyNames.isValid("example.com/log42")).isTrue();
    assertThat(KeyNames.isValid("日本語\uD83D\uDE00")).isTrue();
  }

  @Test
  void verifier_fromSignerKey_verifiesItsSignaturesOnly() throws Exception {
    SignerKey key = SignerKey.parse(PETER_SKEY);
    NoteVerifier v = key.verifier();
    assertThat(v.verifierKey()).isEqualTo(PETER_VKEY);
    byte[] msg = "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] sig = key.sign(msg);
    v.verify(msg, sig);
    sig[0] ^= 1;
    assertThatThrownBy(() -> v.verify(msg, sig)).hasMessageContaining("PeterNeumann+c74f20a3");
    assertThatThrownBy(() -> v.verify(msg, new byte[63])).hasMessageContaining("64 bytes");
  }
}
