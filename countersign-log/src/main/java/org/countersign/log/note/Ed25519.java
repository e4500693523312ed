package org.countersign.log.note;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.jspecify.annotations.Nullable;

/**
 * RFC 8032 Ed25519 on raw 32-byte keys, through the JDK's own provider (JDK 15+).
 *
 * <p>The JDK speaks DER: a raw public key becomes an X.509 SubjectPublicKeyInfo by prefixing the
 * fixed 12-byte header for OID 1.3.101.112, and a raw seed becomes a PKCS #8 PrivateKeyInfo by
 * prefixing a fixed 16-byte header. The JDK offers no call that derives a public key from a seed,
 * so {@link #publicKeyOf} runs the key-pair generator on a random source that yields exactly that
 * seed: the generator reads its 32 seed bytes from the source (RFC 8032 §5.1.5) and nothing else.
 */
public final class Ed25519 {
  /** Size of a raw public key, a seed (private key) and half a signature. */
  public static final int KEY_SIZE = 32;

  /** Size of a signature. */
  public static final int SIGNATURE_SIZE = 64;

  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private Ed25519() {}

  /**
   * A JDK public key for 32 raw bytes.
   *
   * @throws MalformedInputException if the JDK refuses the encoding
   */
  public static PublicKey publicKey(byte[] raw) throws MalformedInputException {
    requireLength(raw, KEY_SIZE, "Ed25519 public key");
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
    } catch (InvalidKeySpecException e) {
      throw new MalformedInputException("not an Ed25519 public key: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw missingProvider(e);
    }
  }

  /** A JDK private key for a 32-byte seed. The caller keeps the seed secret. */
  static PrivateKey privateKey(byte[] seed) {
    requireLength(seed, KEY_SIZE, "Ed25519 seed");
    byte[] der = concat(PKCS8_PREFIX, seed);
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw missingProvider(e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** The raw 32-byte public key that belongs to {@code seed}. */
  static byte[] publicKeyOf(byte[] seed) {
    requireLength(seed, KEY_SIZE, "Ed25519 seed");
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
      KeyPair pair = g.generateKeyPair();
      byte[] spki = pair.getPublic().getEncoded();
      return Arrays.copyOfRange(spki, spki.length - KEY_SIZE, spki.length);
    } catch (GeneralSecurityException e) {
      throw missingProvider(e);
    }
  }

  /** Signs {@code message}; Ed25519 is deterministic, so equal inputs give equal signatures. */
  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (InvalidKeyException | SignatureException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    } catch (GeneralSecurityException e) {
      throw missingProvider(e);
    }
  }

  /**
   * Verifies an Ed25519 signature.
   *
   * @param what names the key in the error message, e.g. {@code "example.com/log+1a2b3c4d"}
   * @throws BadSignatureException if the signature is not 64 bytes or does not verify
   */
  public static void verify(PublicKey key, byte[] message, byte[] signature, String what)
      throws BadSignatureException {
    if (signature.length != SIGNATURE_SIZE) {
      throw new BadSignatureException(
          "invalid signature for key "
              + what
              + ": Ed25519 signatures are 64 bytes, got "
              + signature.length);
    }
    boolean ok;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      ok = s.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      // The JDK throws for encodings it cannot decode (e.g. a point off the curve): not valid.
      ok = false;
    } catch (GeneralSecurityException e) {
      throw missingProvider(e);
    }
    if (!ok) {
      throw new BadSignatureException("invalid signature for key " + what);
    }
  }

  private static void requireLength(byte[] b, int n, String what) {
    if (b.length != n) {
      throw new IllegalArgumentException(what + " must be " + n + " bytes, got " + b.length);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static IllegalStateException missingProvider(GeneralSecurityException e) {
    return new IllegalStateException("this JDK has no usable Ed25519 provider (needs JDK 15+)", e);
  }

  /** A "random" source that yields one given seed, then refuses: for key derivation only. */
  private static final class FixedSeed extends SecureRandom {
    private byte @Nullable [] seed;

    FixedSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("Ed25519 key derivation asked for unexpected random bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
      seed = null;
    }
  }
}
