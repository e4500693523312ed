package org.countersign.server.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.protocol.KeyRegistry;
import org.junit.jupiter.api.Test;

class RegistrySnapshotTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static final FirstKeys AGREED = FirstKeys.of(java.util.Map.of("US", key(1), "RU", key(9)));

  static VerifierKey key(int n) {
    return VerifierKey.ed25519("party.test/us", Hash.sha256(new byte[] {(byte) n}).bytes());
  }

  @Test
  void snapshot_roundTrips() throws Exception {
    KeyRegistry r = new KeyRegistry(AGREED);
    KeyRegistry.Draft d = r.draft();
    d.admit(new KeyRegistry.Register("US", key(1), T));
    d.admit(new KeyRegistry.Rotate("US", key(1), key(2), T.plusSeconds(3)));
    d.admit(new KeyRegistry.Register("RU", key(9), T));
    r.apply(d);
    byte[] encoded = RegistrySnapshot.encode(r, 42);
    var decoded = RegistrySnapshot.decode(encoded, AGREED);
    assertThat(decoded.size()).isEqualTo(42);
    assertThat(decoded.registry().parties()).isEqualTo(r.parties());
  }
}
