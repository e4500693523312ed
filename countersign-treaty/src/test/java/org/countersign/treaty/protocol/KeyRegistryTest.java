package org.countersign.treaty.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.log.note.VerifierKey;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class KeyRegistryTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  static final VerifierKey K1 = key(1);
  static final VerifierKey K2 = key(2);
  static final VerifierKey K3 = key(3);
  static final VerifierKey FR1 = key(4);

  /** The ceremony's record: US and FR agreed K1 and FR1 as their first keys. */
  static final FirstKeys AGREED = FirstKeys.of(java.util.Map.of("US", K1, "FR", FR1));

  static VerifierKey key(int n) {
    return VerifierKey.ed25519("party.test/us", Hash.sha256(new byte[] {(byte) n}).bytes());
  }

  static @Nullable Violation refusal(KeyRegistry r, KeyRegistry.KeyEvent e) {
    try {
      r.check(e);
      return null;
    } catch (EntryRejectedException ex) {
      return ex.violation();
    }
  }

  static KeyRegistry with(KeyRegistry.KeyEvent... events) throws EntryRejectedException {
    KeyRegistry r = new KeyRegistry(AGREED);
    KeyRegistry.Draft d = r.draft();
    for (KeyRegistry.KeyEvent e : events) {
      d.admit(e);
    }
    r.apply(d);
    return r;
  }

  @Test
  void use_withoutRegistration_unknownAuthor() {
    assertThat(refusal(new KeyRegistry(AGREED), new KeyRegistry.Use("US", K1, T)))
        .isEqualTo(Violation.UNKNOWN_AUTHOR);
  }

  @Test
  void register_first_isTrustedOnFirstUseThenConflicts() throws Exception {
    KeyRegistry r = with(new KeyRegistry.Register("US", K1, T));
    assertThat(r.current("US")).contains(new KeyRegistry.KeyPeriod(K1, T));
    assertThat(refusal(r, new KeyRegistry.Use("US", K1, T))).isNull();
    assertThat(refusal(r, new KeyRegistry.Register("US", K2, T.plusSeconds(5))))
        .isEqualTo(Violation.KEY_CONFLICT);
  }

  @Test
  void use_otherKeyOrBeforeKeyStart_badSignature() throws Exception {
    KeyRegistry r = with(new KeyRegistry.Register("US", K1, T));
    assertThat(refusal(r, new KeyRegistry.Use("US", K2, T))).isEqualTo(Violation.BAD_SIGNATURE);
    assertThat(refusal(r, new KeyRegistry.Use("US", K1, T.minusSeconds(1))))
        .isEqualTo(Violation.BAD_SIGNATURE);
  }

  @Test
  void rotate_rules() throws Exception {
    KeyRegistry r = with(new KeyRegistry.Register("US", K1, T));
    assertThat(refusal(r, new KeyRegistry.Rotate("US", K2, K3, T.plusSeconds(1))))
        .isEqualTo(Violation.BAD_SIGNATURE);
    assertThat(refusal(r, new KeyRegistry.Rotate("US", K1, K2, T)))
        .isEqualTo(Violation.KEY_CONFLICT);
    assertThat(refusal(r, new KeyRegistry.Rotate("FR", K1, K2, T)))
        .isEqualTo(Violation.KEY_CONFLICT);
    KeyRegistry.Draft d = r.draft();
    d.admit(new KeyRegistry.Rotate("US", K1, K2, T.plusSeconds(10)));
    assertThat(r.current("US").get().key())
        .as("a draft changes nothing until applied")
        .isEqualTo(K1);
    r.apply(d);
    assertThat(r.history("US")).extracting(KeyRegistry.KeyPeriod::key).containsExactly(K1, K2);
    assertThat(refusal(r, new KeyRegistry.Use("US", K1, T.plusSeconds(20))))
        .isEqualTo(Violation.BAD_SIGNATURE);
    assertThat(refusal(r, new KeyRegistry.Use("US", K2, T.plusSeconds(9))))
        .isEqualTo(Violation.BAD_SIGNATURE);
    assertThat(refusal(r, new KeyRegistry.Use("US", K2, T.plusSeconds(10)))).isNull();
    assertThat(refusal(r, new KeyRegistry.Rotate("US", K2, K1, T.plusSeconds(30))))
        .as("a retired key never returns")
        .isEqualTo(Violation.KEY_CONFLICT);
  }

  @Test
  void register_keyOtherThanAgreed_refusedAsNotAgreed() {
    // Issue 13 finding 4: a stranger holding K2 registers it as the first key of US before the
    // United States does. Its note is signed by K2 (proof of possession), which proves nothing.
    assertThat(refusal(new KeyRegistry(AGREED), new KeyRegistry.Register("US", K2, T)))
        .isEqualTo(Violation.FIRST_KEY_NOT_AGREED);
    assertThatThrownBy(() -> new KeyRegistry(AGREED).check(new KeyRegistry.Register("US", K2, T)))
        .hasMessageContaining("must be " + K1.id())
        .hasMessageContaining("not " + K2.id());
  }

  @Test
  void register_participantWithoutAgreedKey_refused() {
    assertThat(refusal(new KeyRegistry(AGREED), new KeyRegistry.Register("CN", K3, T)))
        .isEqualTo(Violation.FIRST_KEY_NOT_AGREED);
    assertThatThrownBy(
            () -> new KeyRegistry(FirstKeys.none()).check(new KeyRegistry.Register("US", K1, T)))
        .hasMessageContaining("names nobody")
        .hasMessageContaining("never trusted on first use");
  }

  @Test
  void register_agreedKey_admitted_thenRotationNeedsNoAgreement() throws Exception {
    KeyRegistry r = with(new KeyRegistry.Register("FR", FR1, T));
    assertThat(refusal(r, new KeyRegistry.Rotate("FR", FR1, K3, T.plusSeconds(1)))).isNull();
  }

  @Test
  void draft_admitsInOrderOnTopOfEarlierEvents() throws Exception {
    KeyRegistry r = new KeyRegistry(AGREED);
    KeyRegistry.Draft d = r.draft();
    d.admit(new KeyRegistry.Register("US", K1, T));
    d.admit(new KeyRegistry.Use("US", K1, T));
    assertThatThrownBy(() -> d.admit(new KeyRegistry.Register("US", K2, T)))
        .isInstanceOf(EntryRejectedException.class);
    assertThat(d.changesKeys()).isTrue();
    r.apply(d);
    assertThat(r.size()).isEqualTo(1);
  }
}
