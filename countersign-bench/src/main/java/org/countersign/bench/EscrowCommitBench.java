package org.countersign.bench;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Committing a declaration of one million items (issue 5's scale bar), one shot per iteration.
 *
 * <ul>
 *   <li>{@link #commit}: the production call, {@link EscrowDeclaration#commit} with salts from
 *       {@link SecureRandom}: encode every item, draw 32 MB of salt, hash, sort, build the tree;
 *   <li>{@link #restore}: the same without drawing salts ({@link EscrowDeclaration#restore});
 *   <li>{@link #commitmentHashing}: only the SHA-256 calls of a commit, on pre-encoded items, with
 *       a reused {@link MessageDigest} and {@link Rfc6962}: the JDK's floor for this work;
 *   <li>{@link #itemEncoding}: only {@link EscrowItem#canonicalBytes()} of every item;
 *   <li>{@link #saltDrawing}: only the 32 MB of salt that {@link #commit} draws from {@link
 *       SecureRandom}.
 * </ul>
 *
 * <p>The run script divides the bytes that these calls hash ({@link EscrowWorkload#main}) by each
 * time, and compares with OpenSSL hashing the same calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class EscrowCommitBench {
  // The same tag as ItemCommitment's (only its length matters for timing).
  private static final byte[] DOMAIN =
      "countersign/escrow/item/v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private List<EscrowItem> items;
  private byte[] salts;
  private byte[][] encoded;
  private SecureRandom secureRandom;

  @Setup
  public void setUp() {
    items = EscrowWorkload.items(EscrowWorkload.ITEMS);
    salts = Seeded.bytes(Seeded.SEED, items.size() * 32);
    encoded = new byte[items.size()][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = items.get(i).canonicalBytes();
    }
    secureRandom = new SecureRandom();
  }

  /** The production commit: fresh salts from {@link SecureRandom}. */
  @Benchmark
  public Hash commit() {
    return EscrowDeclaration.commit(items, secureRandom).root();
  }

  /** A commit with the salts given: everything but drawing them. */
  @Benchmark
  public Hash restore() {
    return EscrowDeclaration.restore(items, salts).root();
  }

  /**
   * The SHA-256 work of a commit alone: salted commitments, leaf hashes, the tree's node hashes.
   */
  @Benchmark
  public Hash commitmentHashing() throws DigestException {
    int n = encoded.length;
    MessageDigest md = Hash.newDigest();
    byte[] commitments = new byte[n * Hash.SIZE];
    for (int i = 0; i < n; i++) {
      md.update(DOMAIN);
      md.update(salts, i * 32, 32);
      md.update(encoded[i]);
      md.digest(commitments, i * Hash.SIZE, Hash.SIZE);
    }
    byte[] leaves = new byte[n * Hash.SIZE];
    for (int i = 0; i < n; i++) {
      Rfc6962.leafHash(commitments, i * Hash.SIZE, Hash.SIZE).copyTo(leaves, i * Hash.SIZE);
    }
    return Rfc6962.rootOf(leaves, 0, n);
  }

  /** The salts of a commit alone: 32 bytes per item from the default {@link SecureRandom}. */
  @Benchmark
  public byte[] saltDrawing() {
    byte[] fresh = new byte[items.size() * 32];
    secureRandom.nextBytes(fresh);
    return fresh;
  }

  /** The canonical encoding of every item, the input of the commitments. */
  @Benchmark
  public long itemEncoding() {
    long total = 0;
    for (EscrowItem item : items) {
      total += item.canonicalBytes().length;
    }
    return total;
  }
}
