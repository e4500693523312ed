package org.countersign.treaty.inspection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.model.InspectionQuota;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.InspectionRequest;

/**
 * Counts inspection requests against the yearly quotas: per inspecting party, inspection type and
 * treaty year (New START, for example, gives each party 10 Type One and 8 Type Two inspections a
 * year).
 *
 * <p>{@link #admit} either counts a request as used or refuses it with a precise reason; a refused
 * request is not admitted (a later valid request is judged as if it had never been made), but it is
 * counted as refused so that the compliance report can show attempts over quota. Requests must be
 * folded in log order: the quota is first come, first served.
 */
public final class QuotaLedger {
  private final Map<String, Integer> quotaPerYear;
  private final Map<Key, int[]> used = new TreeMap<>();
  private final Map<Key, int[]> refused = new TreeMap<>();
  private final Set<String> requestIds = new HashSet<>();

  /**
   * A ledger for the treaty's quotas: inspection type (kebab-case, as in the treaty file) to the
   * number of inspections each party may request per treaty year.
   *
   * @throws IllegalArgumentException for a negative quota
   */
  public QuotaLedger(Map<String, Integer> quotaPerYear) {
    quotaPerYear.forEach(
        (type, q) -> {
          if (q == null || q < 0) {
            throw new IllegalArgumentException(
                "quota for " + type + " must be a non-negative count, got " + q);
          }
        });
    this.quotaPerYear = Map.copyOf(quotaPerYear);
  }

  /** A ledger for the quotas of {@code treaty}'s inspection types. */
  public static QuotaLedger of(Treaty treaty) {
    return of(treaty.inspectionQuotas());
  }

  /** A ledger for these quotas (as a treaty file states them). */
  public static QuotaLedger of(List<InspectionQuota> quotas) {
    var perYear = new TreeMap<String, Integer>();
    for (InspectionQuota q : quotas) {
      if (perYear.put(q.type(), q.perYear()) != null) {
        throw new IllegalArgumentException("inspection type " + q.type() + " has two quotas");
      }
    }
    return new QuotaLedger(perYear);
  }

  /** A quota use or refusal count: inspecting party, inspection type and treaty year. */
  public record Key(String party, String type, int year) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = party.compareTo(o.party);
      if (c == 0) {
        c = type.compareTo(o.type);
      }
      return c != 0 ? c : Integer.compare(year, o.year);
    }
  }

  /** One line of the quota summary. */
  public record QuotaUse(Key key, int quota, int used, int refused) {}

  /**
   * Counts {@code request} against its party's quota.
   *
   * @throws InspectionException {@code DUPLICATE_REQUEST} for a request id seen before, {@code
   *     UNKNOWN_TYPE} for a type without a quota, {@code OVER_QUOTA} when the quota is used up; the
   *     last two are counted as refused
   */
  public void admit(InspectionRequest request) throws InspectionException {
    try {
      check(request);
    } catch (InspectionException e) {
      if (e.reason() != Reason.DUPLICATE_REQUEST) {
        refused.computeIfAbsent(key(request), k -> new int[1])[0]++;
      }
      throw e;
    }
    requestIds.add(request.requestId());
    used.computeIfAbsent(key(request), k -> new int[1])[0]++;
  }

  /**
   * Whether {@link #admit} would count {@code request}, changing nothing (not even the refusal
   * count): the check a server runs before it logs a request.
   *
   * @throws InspectionException as {@link #admit}
   */
  public void check(InspectionRequest request) throws InspectionException {
    if (requestIds.contains(request.requestId())) {
      throw new InspectionException(
          Reason.DUPLICATE_REQUEST, "request id " + request.requestId() + " was already used");
    }
    Integer quota = quotaPerYear.get(request.inspectionType());
    if (quota == null) {
      throw new InspectionException(
          Reason.UNKNOWN_TYPE,
          "request "
              + request.requestId()
              + ": the treaty has no quota for inspection type "
              + request.inspectionType()
              + "; known types: "
              + new TreeMap<>(quotaPerYear).keySet());
    }
    int usedSoFar = used(request.author(), request.inspectionType(), request.treatyYear());
    if (usedSoFar >= quota) {
      throw new InspectionException(
          Reason.OVER_QUOTA,
          "request "
              + request.requestId()
              + " refused: "
              + request.author()
              + " has used "
              + usedSoFar
              + " of its "
              + quota
              + " "
              + request.inspectionType()
              + " inspections in treaty year "
              + request.treatyYear());
    }
  }

  private static Key key(InspectionRequest request) {
    return new Key(request.author(), request.inspectionType(), request.treatyYear());
  }

  /** The yearly quota of {@code type}, if the treaty has that type. */
  public java.util.OptionalInt quota(String type) {
    Integer q = quotaPerYear.get(type);
    return q == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(q);
  }

  /** Requests admitted for this party, type and year. */
  public int used(String party, String type, int year) {
    int[] n = used.get(new Key(party, type, year));
    return n == null ? 0 : n[0];
  }

  /** Requests refused (unknown type or over quota) for this party, type and year. */
  public int refused(String party, String type, int year) {
    int[] n = refused.get(new Key(party, type, year));
    return n == null ? 0 : n[0];
  }

  /** Inspections of this type the party may still request in that year; 0 for an unknown type. */
  public int remaining(String party, String type, int year) {
    Integer quota = quotaPerYear.get(type);
    return quota == null ? 0 : Math.max(0, quota - used(party, type, year));
  }

  /** Every (party, type, year) with a use or a refusal, sorted. */
  public List<QuotaUse> summary() {
    var keys = new java.util.TreeSet<Key>();
    keys.addAll(used.keySet());
    keys.addAll(refused.keySet());
    var out = new ArrayList<QuotaUse>();
    for (Key k : keys) {
      out.add(
          new QuotaUse(
              k,
              quotaPerYear.getOrDefault(k.type(), 0),
              used(k.party(), k.type(), k.year()),
              refused(k.party(), k.type(), k.year())));
    }
    return out;
  }
}
