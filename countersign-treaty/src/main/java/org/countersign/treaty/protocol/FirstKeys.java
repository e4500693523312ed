package org.countersign.treaty.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.jspecify.annotations.Nullable;

/**
 * The first key of each participant, as the participants agreed outside the log: the trust root of
 * the key registry. A participant's first {@code party-key-registration} is admitted only if it
 * registers exactly the key named here; later keys follow by rotation, signed by the current key. A
 * stranger who reaches the API first therefore cannot speak for a participant that has not
 * registered yet, and an auditor given the same file finds any registration the server should have
 * refused.
 *
 * <p>The file is the record of the key ceremony ({@code docs/security.md}): each participant hands
 * its verifier key to the others through its own channel (a diplomatic note, say), every
 * participant and the log operator hold the same file, and they compare its {@link #digest()}.
 *
 * <pre>
 * countersign/first-keys/v1
 * # comment lines and blank lines are ignored
 * US example.org/us+1a2b3c4d+AaBb...
 * RU example.org/ru+5e6f7a8b+CcDd...
 * </pre>
 *
 * <p>One line per participant, {@code <participant id> <Ed25519 signed-note verifier key>}: each
 * participant at most once, and no key for two participants (one key speaking for two parties would
 * let either speak for the other). Immutable.
 */
public final class FirstKeys {
  /** The first line of a first-keys file. */
  public static final String HEADER = "countersign/first-keys/v1";

  /** Largest file accepted, in bytes. */
  public static final int MAX_BYTES = 64 * 1024;

  /** Most participants in one file. */
  public static final int MAX_PARTICIPANTS = 1000;

  private static final Pattern PARTICIPANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final FirstKeys NONE = new FirstKeys(Map.of());

  private final Map<String, VerifierKey> keys;

  private FirstKeys(Map<String, VerifierKey> keys) {
    this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
  }

  /**
   * No agreed key: every first registration is refused. What a log has when nobody handed it the
   * ceremony's file, so that nothing is ever trusted on first use.
   */
  public static FirstKeys none() {
    return NONE;
  }

  /**
   * The agreed keys, by participant id.
   *
   * @throws IllegalArgumentException for a malformed participant id, a key that is not Ed25519, or
   *     one key named for two participants
   */
  public static FirstKeys of(Map<String, VerifierKey> keys) {
    if (keys.size() > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException(
          "at most " + MAX_PARTICIPANTS + " participants, got " + keys.size());
    }
    Map<VerifierKey, String> owners = new java.util.HashMap<>();
    keys.forEach(
        (participant, key) -> {
          if (!PARTICIPANT.matcher(participant).matches()) {
            throw new IllegalArgumentException(
                "participant id must be 1-64 characters of [A-Za-z0-9._-] starting with a letter"
                    + " or digit, got \""
                    + participant
                    + "\"");
          }
          if (key.type() != VerifierKey.TYPE_ED25519) {
            throw new IllegalArgumentException(
                "the first key of " + participant + " must be an Ed25519 signed-note key");
          }
          String other = owners.put(key, participant);
          if (other != null) {
            throw new IllegalArgumentException(
                "key " + key.id() + " is named for both " + other + " and " + participant);
          }
        });
    return new FirstKeys(keys);
  }

  /**
   * Parses a first-keys file, strictly: the header, then one {@code <participant> <vkey>} line per
   * participant, separated by one space; comment lines start with {@code #}.
   *
   * @throws MalformedInputException naming the line and the problem
   */
  public static FirstKeys parse(byte[] file) throws MalformedInputException {
    if (file.length > MAX_BYTES) {
      throw new MalformedInputException(
          "a first-keys file holds at most " + MAX_BYTES + " bytes, got " + file.length);
    }
    String text = new String(file, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), file)) {
      throw new MalformedInputException("a first-keys file must be UTF-8");
    }
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new MalformedInputException(
          "a first-keys file starts with the line \"" + HEADER + "\"");
    }
    Map<String, VerifierKey> keys = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ", -1);
      if (parts.length != 2) {
        throw new MalformedInputException(
            "line "
                + number
                + ": expected \"<participant id> <verifier key>\", got "
                + quote(line));
      }
      VerifierKey key;
      try {
        key = VerifierKey.parse(parts[1]);
      } catch (MalformedInputException e) {
        throw new MalformedInputException(
            "line " + number + ": key of " + parts[0] + ": " + e.getMessage(), e);
      }
      if (keys.put(parts[0], key) != null) {
        throw new MalformedInputException(
            "line " + number + ": participant " + parts[0] + " is named twice");
      }
    }
    try {
      return of(keys);
    } catch (IllegalArgumentException e) {
      // of(...) always states a reason; toString() only guards against a future bare throw.
      throw new MalformedInputException(
          Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    }
  }

  /** The agreed first key of {@code participant}, if the file names one. */
  public Optional<VerifierKey> of(String participant) {
    return Optional.ofNullable(keys.get(participant));
  }

  /** Every agreed key, by participant id, sorted. */
  public Map<String, VerifierKey> keys() {
    return keys;
  }

  /** Whether no key is agreed. */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The file in its one canonical spelling: header, then participants sorted, no comments. */
  public String format() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    keys.forEach((p, k) -> b.append(p).append(' ').append(k.encode()).append('\n'));
    return b.toString();
  }

  /**
   * SHA-256 of {@link #format()}, in hex: what the participants read to each other to confirm they
   * hold the same file (comments and order do not change it).
   */
  public String digest() {
    return Hash.sha256(format().getBytes(StandardCharsets.UTF_8)).hex();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FirstKeys other && keys.equals(other.keys);
  }

  @Override
  public int hashCode() {
    return keys.hashCode();
  }

  @Override
  public String toString() {
    return "FirstKeys" + keys.keySet();
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
  }
}
