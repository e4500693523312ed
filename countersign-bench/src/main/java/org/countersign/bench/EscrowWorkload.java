package org.countersign.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.countersign.log.Hash;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.escrow.ItemCommitment;

/**
 * The escrow benchmarks' declaration: one million items shaped like a New START data exchange
 * (ICBMs, SLBMs and heavy bombers, deployed or not, at a few hundred sites), and the exact SHA-256
 * work that committing to it takes.
 *
 * <p>{@link #main} prints that work as {@code calls <count> <message bytes>} lines, one per message
 * size, so that the run script can time OpenSSL on the very same calls ({@code openssl speed -evp
 * sha256 -bytes <size>}) and set the commitment's hashing rate against it.
 */
public final class EscrowWorkload {
  /** Items in the benchmark declaration. */
  public static final int ITEMS = 1_000_000;

  /** Items a reveal opens. */
  public static final int REVEALED = 100;

  static final String TREATY = "new-start";
  static final String PARTY = "party-a";
  static final Instant ISSUED_AT = Instant.parse("2026-02-05T00:00:00Z");
  static final LocalDate AS_OF = LocalDate.parse("2026-02-05");

  /**
   * Length of the commitment's fixed prefix: the domain tag {@code "countersign/escrow/item/v1"}
   * with its NUL, then the 32-byte salt (see {@link ItemCommitment}).
   */
  static final int COMMITMENT_PREFIX =
      "countersign/escrow/item/v1\0".length() + ItemCommitment.SALT_LENGTH;

  private static final String[] CATEGORIES = {"icbm", "slbm", "heavy-bomber"};
  private static final String[] STATUSES = {"deployed", "non-deployed"};

  private EscrowWorkload() {}

  /** The {@code n} items of the benchmark declaration, the same on every run. */
  public static List<EscrowItem> items(int n) {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    String[] sites = new String[400];
    for (int i = 0; i < sites.length; i++) {
      sites[i] = String.format("site-%03d", i);
    }
    List<EscrowItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      String status = STATUSES[random.nextInt(4) == 0 ? 1 : 0];
      Map<String, Long> load = new TreeMap<>();
      if (category.equals("heavy-bomber")) {
        load.put("warheads", 1L);
      } else {
        load.put("reentry-vehicles", status.equals("deployed") ? 1L + random.nextInt(10) : 0L);
      }
      String site = sites[random.nextInt(sites.length)];
      String zone = "zone-" + (site.hashCode() & 7);
      out.add(new EscrowItem(String.format("item-%07d", i), category, status, site, zone, load));
    }
    return out;
  }

  /**
   * The SHA-256 calls of committing to {@code items}: by message length, how many. One salted
   * commitment per item ({@link #COMMITMENT_PREFIX} plus the item's canonical bytes), one RFC 6962
   * leaf hash per item (33 bytes) and {@code n - 1} node hashes (65 bytes).
   */
  static Map<Integer, Long> hashCalls(List<EscrowItem> items) {
    Map<Integer, Long> calls = new TreeMap<>();
    for (EscrowItem item : items) {
      calls.merge(COMMITMENT_PREFIX + item.canonicalBytes().length, 1L, Long::sum);
    }
    calls.merge(1 + Hash.SIZE, (long) items.size(), Long::sum);
    calls.merge(1 + 2 * Hash.SIZE, (long) items.size() - 1, Long::sum);
    return calls;
  }

  /** Prints the SHA-256 call mix of the benchmark declaration (see the class comment). */
  public static void main(String[] args) {
    List<EscrowItem> items = items(ITEMS);
    System.out.println("items " + items.size());
    hashCalls(items).forEach((size, count) -> System.out.println("calls " + count + " " + size));
  }
}
