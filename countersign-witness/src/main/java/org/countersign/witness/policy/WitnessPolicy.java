package org.countersign.witness.policy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.Cosignature;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.jspecify.annotations.Nullable;

/**
 * Which checkpoints to believe: signed by one of these logs and cosigned by witnesses according to
 * this quorum rule (C2SP tlog-policy).
 *
 * <p>Security guarantees: {@link #satisfiedBy} returns a {@link CosignedCheckpoint} only for a note
 * that carries a valid signature by a listed log whose key name is the checkpoint's origin, and
 * valid {@code cosignature/v1} signatures by enough listed witnesses to hold the quorum; otherwise
 * it throws. A policy is immutable and every name in it was defined before use, so the quorum is a
 * finite tree in which each witness counts at most once.
 *
 * <p>Build one with {@link #parse} from a policy file, or with {@link #builder()}; both apply the
 * same checks.
 */
public final class WitnessPolicy {
  /** The most logs, witnesses or groups one policy may define (the spec asks for at least 32). */
  public static final int MAX_ENTRIES = 256;

  private final List<PolicyLog> logs;
  private final Map<String, PolicyWitness> witnesses;
  private final Quorum quorum;
  private final Verifiers verifiers;

  private WitnessPolicy(List<PolicyLog> logs, Map<String, PolicyWitness> witnesses, Quorum quorum) {
    this.logs = List.copyOf(logs);
    this.witnesses = Collections.unmodifiableMap(new LinkedHashMap<>(witnesses));
    this.quorum = quorum;
    List<NoteVerifier> all = new ArrayList<>();
    logs.forEach(l -> all.add(FencedVerifiers.log(l.key())));
    witnesses.values().forEach(w -> all.add(FencedVerifiers.cosignature(w.key())));
    // Throws IllegalArgumentException if two keys share a (name, key id): refuse ambiguity early.
    this.verifiers = Verifiers.of(all);
  }

  /**
   * Parses a policy file in the tlog-policy format.
   *
   * @throws MalformedInputException naming the line and the problem
   */
  public static WitnessPolicy parse(byte[] file) throws MalformedInputException {
    return PolicyParser.parse(file);
  }

  /** As {@link #parse(byte[])} for text. */
  public static WitnessPolicy parse(String text) throws MalformedInputException {
    return PolicyParser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The logs whose signatures are accepted, in file order. */
  public List<PolicyLog> logs() {
    return logs;
  }

  /** The witnesses, by policy name, in file order. */
  public Map<String, PolicyWitness> witnesses() {
    return witnesses;
  }

  /** The quorum rule. */
  public Quorum quorum() {
    return quorum;
  }

  /** The witnesses that take part in the quorum rule (those in no group on its tree count not). */
  public List<PolicyWitness> quorumWitnesses() {
    List<PolicyWitness> out = new ArrayList<>();
    collect(quorum, out);
    return out;
  }

  private static void collect(Quorum q, List<PolicyWitness> out) {
    switch (q) {
      case Quorum.None n -> {}
      case Quorum.Single s -> out.add(s.witness());
      case Quorum.Group g -> g.members().forEach(m -> collect(m, out));
    }
  }

  /**
   * Accepts {@code signedNote} if one of this policy's logs signed it and enough of its witnesses
   * cosigned it; verify or throw.
   *
   * <p>Rules, in order: the note must open against the policy's log and witness keys (a signature
   * by a known key that fails refuses the whole note, as C2SP signed-note recommends; unknown
   * signatures are ignored); its text must be a checkpoint; a signature by a policy log whose key
   * name equals the checkpoint's origin must be among the verified ones; the witnesses whose
   * cosignature verified must hold the quorum. Cosignature timestamps are reported but not judged:
   * freshness is the caller's policy.
   *
   * @throws PolicyException with the reason, and for a missed quorum the witnesses that did and did
   *     not cosign
   */
  public CosignedCheckpoint satisfiedBy(String signedNote) throws PolicyException {
    VerifiedNote note;
    try {
      note = Note.open(signedNote, verifiers);
    } catch (MalformedInputException e) {
      throw new PolicyException(
          PolicyException.Reason.MALFORMED,
          Objects.requireNonNullElse(e.getMessage(), e.toString()),
          e);
    } catch (BadSignatureException e) {
      throw new PolicyException(
          PolicyException.Reason.BAD_SIGNATURE,
          Objects.requireNonNullElse(e.getMessage(), e.toString()),
          e);
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.fromNote(note);
    } catch (MalformedInputException e) {
      throw new PolicyException(
          PolicyException.Reason.MALFORMED, "note is not a checkpoint: " + e.getMessage(), e);
    }
    PolicyLog signer = null;
    for (PolicyLog l : logs) {
      if (l.origin().equals(checkpoint.origin())
          && note.verifiedSignatureBy(l.key().name(), l.key().keyId()).isPresent()) {
        signer = l;
        break;
      }
    }
    if (signer == null) {
      throw new PolicyException(
          PolicyException.Reason.BAD_SIGNATURE,
          "checkpoint for origin \""
              + checkpoint.origin()
              + "\" has no valid signature by a log"
              + " of the policy with that origin",
          null);
    }
    SequencedMap<String, Cosignature> cosignatures = new LinkedHashMap<>();
    for (PolicyWitness w : witnesses.values()) {
      Optional<NoteSignature> s = note.verifiedSignatureBy(w.key().name(), w.key().keyId());
      if (s.isPresent()) {
        try {
          cosignatures.put(w.name(), Cosignature.fromNoteSignature(s.get()));
        } catch (MalformedInputException e) {
          throw new PolicyException(
              PolicyException.Reason.BAD_SIGNATURE,
              Objects.requireNonNullElse(e.getMessage(), e.toString()),
              e);
        }
      }
    }
    if (!quorum.heldBy(cosignatures.keySet())) {
      List<String> missing = new ArrayList<>();
      for (PolicyWitness w : quorumWitnesses()) {
        if (!cosignatures.containsKey(w.name())) {
          missing.add(w.name());
        }
      }
      throw new PolicyException(
          PolicyException.Reason.QUORUM_NOT_MET,
          "checkpoint "
              + checkpoint.origin()
              + " size "
              + checkpoint.size()
              + " does not meet"
              + " quorum \""
              + quorum.name()
              + "\": cosigned by "
              + cosignatures.keySet()
              + ", missing "
              + missing,
          List.copyOf(cosignatures.keySet()),
          missing);
    }
    return new CosignedCheckpoint(checkpoint, signedNote, signer, cosignatures);
  }

  /** Whether the quorum holds when exactly the witnesses named (by policy name) cosigned. */
  public boolean quorumHeldBy(Set<String> cosigners) {
    return quorum.heldBy(cosigners);
  }

  @Override
  public String toString() {
    return "WitnessPolicy["
        + logs.size()
        + " logs, "
        + witnesses.size()
        + " witnesses, quorum "
        + quorum.name()
        + "]";
  }

  /**
   * Assembles a policy with the checks of the file format: names defined before use, no name
   * defined twice, no duplicate key, each name a group member at most once, exactly one quorum.
   * Each method throws {@link IllegalArgumentException} or {@link IllegalStateException} naming the
   * offending value.
   */
  public static final class Builder {
    private final List<PolicyLog> logs = new ArrayList<>();
    private final Map<String, PolicyWitness> witnesses = new LinkedHashMap<>();
    private final Map<String, Quorum> rules = new LinkedHashMap<>();
    private final Set<String> usedAsMember = new HashSet<>();
    private final List<byte[]> keys = new ArrayList<>();
    private int groups;
    private @Nullable Quorum quorum;

    private Builder() {}

    /** Adds a log; its key name is its origin. */
    public Builder log(VerifierKey key, Optional<URI> url) {
      limit(logs.size(), "logs");
      requireNewKey(key, "log");
      logs.add(new PolicyLog(key, url));
      return this;
    }

    /** Adds a witness under a policy name. */
    public Builder witness(String name, VerifierKey key, Optional<URI> url) {
      limit(witnesses.size(), "witnesses");
      requireUndefined(name);
      PolicyWitness w = new PolicyWitness(name, key, url);
      requireNewKey(key, "witness " + name);
      witnesses.put(name, w);
      rules.put(name, new Quorum.Single(w));
      return this;
    }

    /**
     * Defines a group of earlier-defined witnesses and groups, held by {@code threshold} of them.
     */
    public Builder group(String name, int threshold, List<String> memberNames) {
      limit(groups, "groups");
      requireUndefined(name);
      Set<String> seen = new HashSet<>();
      List<Quorum> members = new ArrayList<>();
      for (String m : memberNames) {
        if (m.equals(Quorum.NONE_NAME)) {
          throw new IllegalArgumentException("group " + name + ": \"none\" cannot be a member");
        }
        Quorum rule = rules.get(m);
        if (rule == null) {
          throw new IllegalArgumentException(
              "group "
                  + name
                  + ": member \""
                  + m
                  + "\" is not defined on an earlier line"
                  + (m.equals(name) ? " (a group cannot contain itself)" : ""));
        }
        if (!seen.add(m) || usedAsMember.contains(m)) {
          throw new IllegalArgumentException(
              "group "
                  + name
                  + ": \""
                  + m
                  + "\" is already a group member; each name may be"
                  + " listed as a member only once");
        }
        members.add(rule);
      }
      Quorum.Group g = new Quorum.Group(name, threshold, members);
      usedAsMember.addAll(seen);
      rules.put(name, g);
      groups++;
      return this;
    }

    /** Sets the quorum to a defined witness or group, or to {@code none}. */
    public Builder quorum(String name) {
      if (quorum != null) {
        throw new IllegalStateException("quorum is already set to \"" + quorum.name() + "\"");
      }
      if (name.equals(Quorum.NONE_NAME)) {
        quorum = new Quorum.None();
        return this;
      }
      Quorum rule = rules.get(name);
      if (rule == null) {
        throw new IllegalArgumentException(
            "quorum \"" + name + "\" is not a witness or group defined on an earlier line");
      }
      quorum = rule;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalStateException if no quorum was set
     */
    public WitnessPolicy build() {
      if (quorum == null) {
        throw new IllegalStateException("no quorum line (use \"quorum none\" for no witnesses)");
      }
      return new WitnessPolicy(logs, witnesses, quorum);
    }

    private void requireUndefined(String name) {
      Quorum.requireName(name);
      if (rules.containsKey(name)) {
        throw new IllegalArgumentException("\"" + name + "\" is already defined");
      }
    }

    /**
     * tlog-policy: two vkeys are duplicates if they wrap the same public key, whatever the name.
     */
    private void requireNewKey(VerifierKey key, String what) {
      byte[] raw = key.keyBytes();
      for (byte[] k : keys) {
        if (MessageDigest.isEqual(k, raw)) {
          throw new IllegalArgumentException(
              what + ": public key of " + key.id() + " is already listed");
        }
      }
      keys.add(raw);
    }

    private static void limit(int count, String what) {
      if (count >= MAX_ENTRIES) {
        throw new IllegalArgumentException("more than " + MAX_ENTRIES + " " + what);
      }
    }
  }
}
