package org.countersign.treaty.escrow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.countersign.log.Hash;

/**
 * The party's local, encrypted copy of a declaration's private part (items and salts): the only
 * place it is stored. It is never sent anywhere; losing it means the party can no longer open its
 * commitment, and leaking it reveals the whole declaration.
 *
 * <h2>File format, version 1</h2>
 *
 * <pre>
 *   header     = "CSESCROW" (8 bytes) || version u8 = 1 || keyKind u8 || iterations u32 || kdfSalt[16] || nonce[12]
 *   ciphertext = AES-256-GCM(key, nonce, plaintext, additional data = header), 128-bit tag appended
 *   plaintext  = "countersign/escrow/vault/v1" 0x00 || root[32] || u32 count
 *                || count x { u32 len || EscrowItem.canonicalBytes || salt[32] }
 * </pre>
 *
 * <p>{@code keyKind} 1 derives the key from a passphrase with PBKDF2-HMAC-SHA256 ({@code
 * iterations}, at least {@value #MIN_ITERATIONS}, default {@value #DEFAULT_ITERATIONS}, OWASP's
 * 2023 figure for this function) over a random 16-byte salt; {@code keyKind} 2 uses a raw 256-bit
 * key (iterations and salt zero). The header is authenticated as additional data, so a changed
 * version, kind, iteration count, salt or nonce fails like a changed ciphertext. Opening rebuilds
 * the declaration and compares its root with the stored one, which catches an encoder bug as well.
 * Every write uses a fresh random nonce and salt, and replaces the file atomically with owner-only
 * permissions where the file system supports them.
 *
 * <p>Guarantees: confidentiality and integrity of the file against anyone without the key; nothing
 * about offline passphrase guessing beyond the iteration count. Not thread-safe to share while
 * {@link #close()} runs.
 */
public final class EscrowVault implements AutoCloseable {
  /** Default PBKDF2-HMAC-SHA256 iteration count. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** Fewest iterations accepted, for writing and reading. */
  public static final int MIN_ITERATIONS = 100_000;

  /** Most iterations accepted when reading, so that a file cannot demand unbounded work. */
  public static final int MAX_ITERATIONS = 10_000_000;

  /** Largest vault file read. */
  public static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 64;

  static final byte[] MAGIC = "CSESCROW".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_LENGTH = 8 + 1 + 1 + 4 + 16 + 12;
  private static final byte KIND_PASSPHRASE = 1;
  private static final byte KIND_RAW_KEY = 2;
  private static final byte[] PLAIN_TAG =
      "countersign/escrow/vault/v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_LENGTH = 32;
  private static final int TAG_BITS = 128;

  private final byte kind;
  private final char[] passphrase; // empty for a raw key
  private final byte[] rawKey; // empty for a passphrase
  private final int iterations;

  private EscrowVault(byte kind, char[] passphrase, byte[] rawKey, int iterations) {
    this.kind = kind;
    this.passphrase = passphrase;
    this.rawKey = rawKey;
    this.iterations = iterations;
  }

  /** A vault keyed by a passphrase with the default iteration count. The array is copied. */
  public static EscrowVault withPassphrase(char[] passphrase) {
    return withPassphrase(passphrase, DEFAULT_ITERATIONS);
  }

  /**
   * A vault keyed by a passphrase, deriving with {@code iterations} rounds when writing (reading
   * uses the count in the file).
   *
   * @throws IllegalArgumentException for an empty passphrase or an iteration count out of range
   */
  public static EscrowVault withPassphrase(char[] passphrase, int iterations) {
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("the escrow passphrase must not be empty");
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "PBKDF2 iterations must be "
              + MIN_ITERATIONS
              + ".."
              + MAX_ITERATIONS
              + ", got "
              + iterations);
    }
    return new EscrowVault(KIND_PASSPHRASE, passphrase.clone(), new byte[0], iterations);
  }

  /**
   * A vault keyed by a raw 256-bit key. The array is copied.
   *
   * @throws IllegalArgumentException unless the key is 32 bytes
   */
  public static EscrowVault withRawKey(byte[] key) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a vault key is " + KEY_LENGTH + " bytes, got " + key.length);
    }
    return new EscrowVault(KIND_RAW_KEY, new char[0], key.clone(), 0);
  }

  /**
   * A vault keyed by a key file holding 64 lowercase hex digits (a trailing newline allowed).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it does not hold exactly one 256-bit hex key
   */
  public static EscrowVault withKeyFile(Path keyFile) throws IOException {
    if (Files.size(keyFile) > 128) {
      throw new IllegalArgumentException(
          "key file " + keyFile + " is too large to be a 256-bit hex key");
    }
    String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
    String hex = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "key file " + keyFile + " must hold 64 lowercase hex digits");
    }
    byte[] key = HexFormat.of().parseHex(hex);
    try {
      return withRawKey(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Writes a fresh key file (see {@link #newKeyFileText}) at {@code file}, owner-only where POSIX.
   * The file is created with its permissions, so the key is never readable by others, not even for
   * a moment; an existing file is never overwritten.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   * @throws IOException if it cannot be written
   */
  public static void createKeyFile(Path file, RandomGenerator random) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && Files.getFileStore(parent).supportsFileAttributeView("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file, newKeyFileText(random), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } else {
      Files.writeString(
          file, newKeyFileText(random), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    }
  }

  /** A fresh key file text (64 hex digits and a newline) from a strong generator. */
  public static String newKeyFileText(RandomGenerator random) {
    byte[] key = new byte[KEY_LENGTH];
    random.nextBytes(key);
    String text = HexFormat.of().formatHex(key) + "\n";
    Arrays.fill(key, (byte) 0);
    return text;
  }

  /**
   * Encrypts the declaration's private part. {@code random} supplies the nonce and the KDF salt and
   * MUST be a {@link java.security.SecureRandom} in production (a repeated GCM nonce under one key
   * breaks confidentiality and integrity).
   */
  public byte[] seal(EscrowDeclaration declaration, RandomGenerator random) {
    byte[] header = new byte[HEADER_LENGTH];
    ByteBuffer h = ByteBuffer.wrap(header);
    h.put(MAGIC).put((byte) VERSION).put(kind).putInt(iterations);
    byte[] kdfSalt = new byte[16];
    if (kind == KIND_PASSPHRASE) {
      random.nextBytes(kdfSalt);
    }
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    h.put(kdfSalt).put(nonce);
    byte[] plaintext = plaintext(declaration);
    byte[] key = key(kdfSalt, iterations);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(header);
      byte[] sealed = Arrays.copyOf(header, HEADER_LENGTH + gcm.getOutputSize(plaintext.length));
      gcm.doFinal(plaintext, 0, plaintext.length, sealed, HEADER_LENGTH);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Decrypts and rebuilds a declaration.
   *
   * @throws EscrowVaultException if the bytes are not a vault of a supported version, were sealed
   *     with the other kind of key, fail authentication (wrong key or altered), or do not rebuild
   *     the stored root
   */
  public EscrowDeclaration open(byte[] sealed) throws EscrowVaultException {
    if (sealed.length < HEADER_LENGTH + TAG_BITS / 8
        || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new EscrowVaultException("not an escrow vault file (no CSESCROW header)");
    }
    ByteBuffer h = ByteBuffer.wrap(sealed, MAGIC.length, HEADER_LENGTH - MAGIC.length);
    int version = h.get() & 0xff;
    if (version != VERSION) {
      throw new EscrowVaultException(
          "unsupported escrow vault version " + version + " (this build reads " + VERSION + ")");
    }
    byte fileKind = h.get();
    int fileIterations = h.getInt();
    byte[] kdfSalt = new byte[16];
    h.get(kdfSalt);
    byte[] nonce = new byte[12];
    h.get(nonce);
    if (fileKind != kind) {
      throw new EscrowVaultException(
          "the vault was sealed with "
              + describe(fileKind)
              + " but "
              + describe(kind)
              + " was given");
    }
    if (kind == KIND_PASSPHRASE
        && (fileIterations < MIN_ITERATIONS || fileIterations > MAX_ITERATIONS)) {
      throw new EscrowVaultException(
          "vault header asks for "
              + Integer.toUnsignedString(fileIterations)
              + " PBKDF2 iterations, outside "
              + MIN_ITERATIONS
              + ".."
              + MAX_ITERATIONS);
    }
    byte[] key = key(kdfSalt, fileIterations);
    byte[] plaintext;
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(sealed, 0, HEADER_LENGTH);
      plaintext = gcm.doFinal(sealed, HEADER_LENGTH, sealed.length - HEADER_LENGTH);
    } catch (AEADBadTagException e) {
      throw new EscrowVaultException(
          "cannot open the escrow vault: wrong passphrase or key, or the file was altered", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable in this JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    try {
      return parsePlaintext(plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Seals the declaration into {@code file}, replacing it atomically (write a temporary file in the
   * same directory, force it to disk, then move it over). Owner-only permissions where POSIX.
   */
  public void write(Path file, EscrowDeclaration declaration, RandomGenerator random)
      throws IOException {
    byte[] sealed = seal(declaration, random);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(sealed);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads and opens {@code file}.
   *
   * @throws IOException if it cannot be read
   * @throws EscrowVaultException as {@link #open}
   */
  public EscrowDeclaration read(Path file) throws IOException, EscrowVaultException {
    long size = Files.size(file);
    if (size > MAX_FILE_SIZE) {
      throw new EscrowVaultException(
          "vault file " + file + " is " + size + " bytes, larger than any vault");
    }
    return open(Files.readAllBytes(file));
  }

  /** Forgets the passphrase or key (overwrites this object's copy). */
  @Override
  public void close() {
    Arrays.fill(passphrase, '\0');
    Arrays.fill(rawKey, (byte) 0);
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "EscrowVault[" + describe(kind) + "]";
  }

  private byte[] key(byte[] kdfSalt, int rounds) {
    if (kind == KIND_RAW_KEY) {
      return rawKey.clone();
    }
    PBEKeySpec spec = new PBEKeySpec(passphrase, kdfSalt, rounds, KEY_LENGTH * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String describe(byte kind) {
    return switch (kind) {
      case KIND_PASSPHRASE -> "a passphrase";
      case KIND_RAW_KEY -> "a raw key";
      default -> "unknown key kind " + (kind & 0xff);
    };
  }

  private static byte[] plaintext(EscrowDeclaration d) {
    var out = new ByteArrayOutputStream(d.itemCount() * 128 + 64);
    out.writeBytes(PLAIN_TAG);
    out.writeBytes(d.root().bytes());
    writeInt(out, d.itemCount());
    for (int i = 0; i < d.itemCount(); i++) {
      byte[] item = d.items().get(i).canonicalBytes();
      writeInt(out, item.length);
      out.writeBytes(item);
      out.writeBytes(d.salt(i));
    }
    return out.toByteArray();
  }

  private static EscrowDeclaration parsePlaintext(byte[] plaintext) throws EscrowVaultException {
    // The content is authenticated, so a failure here means a writer bug, not an attack; still,
    // parse strictly and bounded.
    ByteBuffer in = ByteBuffer.wrap(plaintext);
    try {
      byte[] tag = new byte[PLAIN_TAG.length];
      in.get(tag);
      if (!MessageDigest.isEqual(tag, PLAIN_TAG)) {
        throw new EscrowVaultException("vault content does not start with its format tag");
      }
      byte[] root = new byte[Hash.SIZE];
      in.get(root);
      int count = in.getInt();
      if (count < 1 || count > EscrowDeclaration.MAX_ITEMS) {
        throw new EscrowVaultException(
            "vault holds an impossible item count " + Integer.toUnsignedString(count));
      }
      var items = new ArrayList<EscrowItem>(count);
      byte[] salts = new byte[count * ItemCommitment.SALT_LENGTH];
      for (int i = 0; i < count; i++) {
        int len = in.getInt();
        if (len < 0 || len > EscrowItem.MAX_ENCODED_LENGTH || len > in.remaining()) {
          throw new EscrowVaultException(
              "vault item " + i + " has an impossible length " + Integer.toUnsignedString(len));
        }
        byte[] encoded = new byte[len];
        in.get(encoded);
        items.add(EscrowItem.decode(encoded));
        in.get(salts, i * ItemCommitment.SALT_LENGTH, ItemCommitment.SALT_LENGTH);
      }
      if (in.hasRemaining()) {
        throw new EscrowVaultException("vault content has " + in.remaining() + " trailing bytes");
      }
      EscrowDeclaration d = EscrowDeclaration.restore(items, salts);
      Arrays.fill(salts, (byte) 0);
      if (!d.root().equals(Hash.of(root))) {
        throw new EscrowVaultException(
            "vault content rebuilds root "
                + d.root().hex()
                + ", not the stored root "
                + HexFormat.of().formatHex(root));
      }
      return d;
    } catch (java.nio.BufferUnderflowException e) {
      throw new EscrowVaultException("vault content is truncated", e);
    } catch (IllegalArgumentException e) {
      throw new EscrowVaultException("vault content is invalid: " + e.getMessage(), e);
    }
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
