package org.countersign.treaty.inspection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.countersign.log.Hash;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;
import org.jspecify.annotations.Nullable;

/**
 * The joint random draw of one inspection request: each side commits to a secret value, then
 * reveals it; the seed hashes both values with the request and its checkpoint, so neither side
 * alone can bias it and anyone recomputes it from the logged statements.
 *
 * <h2>Seed</h2>
 *
 * <pre>
 *   seed = SHA-256("countersign/inspection/draw/v1" || 0x00
 *                  || str(treaty) || str(requestId) || str(checkpoint origin) || u64 checkpoint size
 *                  || checkpoint root[32] || u64 populationSize || u64 sampleSize
 *                  || str(inspecting value) || str(inspected value))
 *   str(x) = u32 length || bytes;  a value missing under the forfeit rule has length 0
 *   positions = UniformSample.draw(seed, sampleSize, populationSize)
 * </pre>
 *
 * <p>The values enter in role order (inspecting party first), never in arrival order, so the seed
 * does not depend on who revealed first.
 *
 * <h2>State machine</h2>
 *
 * <p>This object folds the request's statements in log order; each refused statement throws an
 * {@link InspectionException} and changes nothing. A side commits once, by {@code commitBy}. A side
 * reveals once, by {@code revealBy}, a value matching its commitment, and only once the other side
 * has committed or the commit deadline has passed: a value revealed earlier would let the other
 * side choose its own value after seeing it. {@link #outcome} then says, for a time, whether the
 * draw is pending, decided, or forfeited under a {@link ForfeitRule}, and who delayed.
 */
public final class JointDraw {
  static final byte[] DOMAIN =
      "countersign/inspection/draw/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final InspectionRequest request;
  private final Map<String, Hash> commitments = new HashMap<>();
  private final Map<String, byte[]> values = new HashMap<>();

  /** A draw for {@code request}, with nothing committed yet. */
  public JointDraw(InspectionRequest request) {
    this.request = request;
  }

  /** The request this draw serves. */
  public InspectionRequest request() {
    return request;
  }

  /**
   * Records a side's commitment.
   *
   * @throws InspectionException if it is for another request or treaty, from a third party, a
   *     second commitment, or late
   */
  public void commit(RandomnessCommit c) throws InspectionException {
    checkCommit(c);
    commitments.put(
        c.author(),
        Hash.of(HexFormat.of().parseHex(c.commitment()))); // shape checked by the record
  }

  /**
   * Whether {@link #commit} would accept {@code c}, changing nothing.
   *
   * @throws InspectionException as {@link #commit}
   */
  public void checkCommit(RandomnessCommit c) throws InspectionException {
    checkAddressed(c.treaty(), c.requestId(), c.author(), "commitment");
    if (commitments.containsKey(c.author())) {
      throw new InspectionException(
          Reason.SECOND_COMMIT,
          c.author() + " already committed to a random value for request " + request.requestId());
    }
    if (c.issuedAt().isAfter(request.commitBy())) {
      throw new InspectionException(
          Reason.LATE,
          c.author()
              + " committed at "
              + c.issuedAt()
              + " for request "
              + request.requestId()
              + ", after the commit deadline "
              + request.commitBy());
    }
  }

  /**
   * Records a side's reveal.
   *
   * @throws InspectionException if it is misaddressed, from a side that never committed, a second
   *     reveal, too early, late, or does not match the side's commitment
   */
  public void reveal(RandomnessReveal r) throws InspectionException {
    checkReveal(r);
    values.put(r.author(), HexFormat.of().parseHex(r.value()));
  }

  /**
   * Whether {@link #reveal} would accept {@code r}, changing nothing.
   *
   * @throws InspectionException as {@link #reveal}
   */
  public void checkReveal(RandomnessReveal r) throws InspectionException {
    checkAddressed(r.treaty(), r.requestId(), r.author(), "reveal");
    String id = request.requestId();
    if (values.containsKey(r.author())) {
      throw new InspectionException(
          Reason.SECOND_REVEAL,
          r.author()
              + " already revealed its random value for request "
              + id
              + "; a second reveal is refused");
    }
    Hash committed = commitments.get(r.author());
    if (committed == null) {
      throw new InspectionException(
          Reason.NO_COMMITMENT,
          r.author()
              + " reveals a random value for request "
              + id
              + " without having committed to one");
    }
    String other = otherSide(r.author());
    if (!commitments.containsKey(other) && !r.issuedAt().isAfter(request.commitBy())) {
      throw new InspectionException(
          Reason.REVEAL_TOO_EARLY,
          r.author()
              + " reveals at "
              + r.issuedAt()
              + " before "
              + other
              + " has committed (commit deadline "
              + request.commitBy()
              + ") for request "
              + id);
    }
    if (r.issuedAt().isAfter(request.revealBy())) {
      throw new InspectionException(
          Reason.LATE,
          r.author()
              + " revealed at "
              + r.issuedAt()
              + " for request "
              + id
              + ", after the reveal deadline "
              + request.revealBy());
    }
    byte[] value = HexFormat.of().parseHex(r.value());
    Hash recomputed = RandomnessCommitments.commitment(id, r.author(), value);
    if (!recomputed.equals(committed)) {
      throw new InspectionException(
          Reason.REVEAL_MISMATCH,
          "the value "
              + r.author()
              + " reveals for request "
              + id
              + " hashes to "
              + recomputed.hex()
              + ", not to its commitment "
              + committed.hex());
    }
  }

  /**
   * Where the draw stands at {@code now} under {@code rule}: decided as soon as both values are
   * revealed; pending while a deadline is still open; otherwise forfeited as the rule says.
   */
  public DrawOutcome outcome(Instant now, ForfeitRule rule) {
    byte[] inspecting = values.get(request.author());
    byte[] inspected = values.get(request.inspectedParty());
    if (inspecting != null && inspected != null) {
      return drawn(inspecting, inspected, List.of());
    }
    List<Delay> delays = delays(now);
    if (!now.isAfter(request.revealBy())) {
      return new DrawOutcome.Pending(delays);
    }
    return switch (rule) {
      case REVEALED_VALUES_DECIDE -> drawn(inspecting, inspected, delays);
      case INSPECTING_PARTY_CHOOSES ->
          inspected == null
              ? new DrawOutcome.InspectingPartyChooses(delays)
              : new DrawOutcome.Lapsed(delays);
    };
  }

  /**
   * The seed for a request and the two values (either may be {@code null}: missing). Public so that
   * an observer recomputes a draw from the logged statements alone.
   */
  public static Hash seed(
      InspectionRequest request,
      byte @Nullable [] inspectingValue,
      byte @Nullable [] inspectedValue) {
    MessageDigest md = Hash.newDigest();
    md.update(DOMAIN);
    RandomnessCommitments.putString(md, request.treaty());
    RandomnessCommitments.putString(md, request.requestId());
    RandomnessCommitments.putString(md, request.checkpoint().origin());
    putLong(md, request.checkpoint().size());
    md.update(HexFormat.of().parseHex(request.checkpoint().root()));
    putLong(md, request.populationSize());
    putLong(md, request.sampleSize());
    putBytes(md, inspectingValue);
    putBytes(md, inspectedValue);
    return Hash.of(md.digest());
  }

  /** The positions drawn from {@code seed} for {@code request}, in draw order. */
  public static long[] positions(InspectionRequest request, Hash seed) {
    return UniformSample.draw(seed, request.sampleSize(), request.populationSize());
  }

  private DrawOutcome.Drawn drawn(
      byte @Nullable [] inspecting, byte @Nullable [] inspected, List<Delay> delays) {
    Hash seed = seed(request, inspecting, inspected);
    List<Long> positions = Arrays.stream(positions(request, seed)).boxed().toList();
    return new DrawOutcome.Drawn(seed, positions, delays);
  }

  private List<Delay> delays(Instant now) {
    var out = new ArrayList<Delay>();
    for (String side : List.of(request.author(), request.inspectedParty())) {
      if (!commitments.containsKey(side)) {
        if (now.isAfter(request.commitBy())) {
          out.add(new Delay(side, Delay.Step.COMMIT));
        }
      } else if (!values.containsKey(side) && now.isAfter(request.revealBy())) {
        out.add(new Delay(side, Delay.Step.REVEAL));
      }
    }
    return out;
  }

  private void checkAddressed(String treaty, String requestId, String author, String what)
      throws InspectionException {
    if (!requestId.equals(request.requestId()) || !treaty.equals(request.treaty())) {
      throw new InspectionException(
          Reason.UNKNOWN_REQUEST,
          "a "
              + what
              + " for request "
              + requestId
              + " of treaty "
              + treaty
              + " cannot join the draw of request "
              + request.requestId()
              + " of treaty "
              + request.treaty());
    }
    if (!author.equals(request.author()) && !author.equals(request.inspectedParty())) {
      throw new InspectionException(
          Reason.NOT_A_SIDE,
          author
              + " is neither side of request "
              + requestId
              + " ("
              + request.author()
              + " inspects "
              + request.inspectedParty()
              + ")");
    }
  }

  private String otherSide(String side) {
    return side.equals(request.author()) ? request.inspectedParty() : request.author();
  }

  private static void putLong(MessageDigest md, long v) {
    for (int i = 7; i >= 0; i--) {
      md.update((byte) (v >>> (8 * i)));
    }
  }

  private static void putBytes(MessageDigest md, byte @Nullable [] value) {
    byte[] v = value == null ? new byte[0] : value;
    md.update((byte) (v.length >>> 24));
    md.update((byte) (v.length >>> 16));
    md.update((byte) (v.length >>> 8));
    md.update((byte) v.length);
    md.update(v);
  }
}
