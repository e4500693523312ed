package org.countersign.treaty.compliance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.countersign.treaty.TestTreaties;

/** Replays a seeded random log and prints the SHA-256 of a report: run in a separate JVM. */
public final class ReplayMain {
  private ReplayMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println(
        digest(Long.parseLong(args[0]), Integer.parseInt(args[1]), Instant.parse(args[2])));
  }

  static String digest(long seed, int size, Instant at) throws Exception {
    var engine = ComplianceEngine.replay(TestTreaties.testTreaty(), RandomLogs.log(seed, size));
    String json = engine.reportAt(at).canonicalJson() + engine.reportAt(at).toText();
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }
}
