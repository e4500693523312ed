package org.countersign.treaty.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.countersign.treaty.statement.DeclaredItem;
import org.jspecify.annotations.Nullable;

/**
 * A treaty as data: immutable, validated, with lookups by id.
 *
 * <p>Instances come from {@code TreatyLoader}, which has already checked every cross-reference (a
 * limit sums only defined rules, a rule names only defined categories and statuses, and so on), so
 * the lookups used by the compliance engine never miss for a loaded treaty. The constructor
 * re-checks uniqueness of ids.
 *
 * <p>{@link #digest()} identifies the content: SHA-256 over the RFC 8785 canonical JSON of the
 * treaty file's data, so reformatting or re-commenting a file does not change it, and any change of
 * meaning does. Treaty adoption statements name it.
 */
public final class Treaty {
  private final String id;
  private final String name;
  private final String source;
  private final String digest;
  private final TreatyDates dates;
  private final @Nullable WithdrawalRules withdrawal;
  private final SuspensionRules suspension;
  private final Map<String, Party> parties;
  private final Map<String, ItemStatus> statuses;
  private final Map<String, Zone> zones;
  private final Map<String, Category> categories;
  private final Map<String, ChangeKind> changeKinds;
  private final Map<String, CountingRule> countingRules;
  private final Map<String, Limit> limits;
  private final Map<String, NotificationDuty> notifications;
  private final Map<String, DataExchangeSchedule> dataExchanges;
  private final Map<String, InspectionQuota> inspectionQuotas;
  private final @Nullable DrawRules drawRules;
  private final List<Pairing> pairings;

  /** Each limit's counting rules, looked up once: the replay values items millions of times. */
  private final Map<Limit, List<CountingRule>> rulesOfLimit = new ConcurrentHashMap<>();

  /**
   * Builds a treaty from parts already validated by the loader.
   *
   * @param source where the treaty came from (a file name), for messages
   * @param digest hex SHA-256 of the canonical JSON of the treaty's data
   * @param drawRules the draw deadlines and forfeit rule, or null when the treaty states none
   * @param pairings the missile-launcher pairings the treaty checks (empty if none)
   * @throws IllegalArgumentException if an id repeats within a list
   */
  public Treaty(
      String id,
      String name,
      String source,
      String digest,
      TreatyDates dates,
      @Nullable WithdrawalRules withdrawal,
      SuspensionRules suspension,
      List<Party> parties,
      List<ItemStatus> statuses,
      List<Zone> zones,
      List<Category> categories,
      List<ChangeKind> changeKinds,
      List<CountingRule> countingRules,
      List<Limit> limits,
      List<NotificationDuty> notifications,
      List<DataExchangeSchedule> dataExchanges,
      List<InspectionQuota> inspectionQuotas,
      @Nullable DrawRules drawRules,
      List<Pairing> pairings) {
    this.pairings = List.copyOf(pairings);
    this.drawRules = drawRules;
    this.id = Checks.name("treaty id", id);
    this.name = Checks.text("treaty name", name);
    this.source = Checks.present("source", source);
    this.digest = Checks.present("digest", digest);
    this.dates = Checks.present("dates", dates);
    this.withdrawal = withdrawal;
    this.suspension = Checks.present("suspension", suspension);
    this.parties = index("parties", parties, Party::id);
    this.statuses = index("statuses", statuses, ItemStatus::id);
    this.zones = index("zones", zones, Zone::id);
    this.categories = index("categories", categories, Category::id);
    this.changeKinds = index("changeKinds", changeKinds, ChangeKind::id);
    this.countingRules = index("countingRules", countingRules, CountingRule::id);
    this.limits = index("limits", limits, Limit::id);
    this.notifications = index("notifications", notifications, NotificationDuty::id);
    this.dataExchanges = index("dataExchanges", dataExchanges, DataExchangeSchedule::id);
    this.inspectionQuotas = index("inspections", inspectionQuotas, InspectionQuota::type);
  }

  private static <T> Map<String, T> index(String field, List<T> list, Function<T, String> key) {
    var out = new LinkedHashMap<String, T>();
    for (T t : list) {
      if (out.put(key.apply(t), t) != null) {
        throw new IllegalArgumentException(field + " lists " + key.apply(t) + " twice");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The treaty id statements name, e.g. {@code new-start}. */
  public String id() {
    return id;
  }

  /** The treaty's full name. */
  public String name() {
    return name;
  }

  /** Where the treaty was loaded from (a file name or resource), for messages. */
  public String source() {
    return source;
  }

  /** Hex SHA-256 of the canonical JSON of the treaty's data. */
  public String digest() {
    return digest;
  }

  /** Signature, entry into force, expiry and extensions. */
  public TreatyDates dates() {
    return dates;
  }

  /** The withdrawal clause, if the treaty has one. */
  public Optional<WithdrawalRules> withdrawal() {
    return Optional.ofNullable(withdrawal);
  }

  /** What suspension changes. */
  public SuspensionRules suspension() {
    return suspension;
  }

  /** Participants in file order. */
  public List<Party> parties() {
    return List.copyOf(parties.values());
  }

  /** Statuses in file order. */
  public List<ItemStatus> statuses() {
    return List.copyOf(statuses.values());
  }

  /** Zones in file order. */
  public List<Zone> zones() {
    return List.copyOf(zones.values());
  }

  /** Categories in file order. */
  public List<Category> categories() {
    return List.copyOf(categories.values());
  }

  /** Change kinds in file order. */
  public List<ChangeKind> changeKinds() {
    return List.copyOf(changeKinds.values());
  }

  /** Counting rules in file order. */
  public List<CountingRule> countingRules() {
    return List.copyOf(countingRules.values());
  }

  /** Limits in file order. */
  public List<Limit> limits() {
    return List.copyOf(limits.values());
  }

  /** Notification duties in file order. */
  public List<NotificationDuty> notifications() {
    return List.copyOf(notifications.values());
  }

  /** Data-exchange calendars in file order. */
  public List<DataExchangeSchedule> dataExchanges() {
    return List.copyOf(dataExchanges.values());
  }

  /** Inspection quotas in file order. */
  public List<InspectionQuota> inspectionQuotas() {
    return List.copyOf(inspectionQuotas.values());
  }

  /** The quota of one inspection type. */
  public Optional<InspectionQuota> inspectionQuota(String type) {
    return Optional.ofNullable(inspectionQuotas.get(type));
  }

  /**
   * The rules of the joint inspection draw (deadlines and forfeit rule), if the treaty file states
   * them; without them a request's own deadlines apply and the draw falls back to the values
   * revealed in time.
   */
  public Optional<DrawRules> drawRules() {
    return Optional.ofNullable(drawRules);
  }

  /** The missile-launcher pairings the treaty checks, in file order (empty if none). */
  public List<Pairing> pairings() {
    return pairings;
  }

  /** Inspection type to quota per treaty year, sorted by type (the form quota ledgers take). */
  public Map<String, Integer> inspectionQuotasPerYear() {
    var out = new TreeMap<String, Integer>();
    inspectionQuotas.values().forEach(q -> out.put(q.type(), q.perYear()));
    return Collections.unmodifiableMap(out);
  }

  public Optional<Party> party(String id) {
    return Optional.ofNullable(parties.get(id));
  }

  public Optional<ItemStatus> status(String id) {
    return Optional.ofNullable(statuses.get(id));
  }

  public Optional<Zone> zone(String id) {
    return Optional.ofNullable(zones.get(id));
  }

  public Optional<Category> category(String id) {
    return Optional.ofNullable(categories.get(id));
  }

  public Optional<ChangeKind> changeKind(String id) {
    return Optional.ofNullable(changeKinds.get(id));
  }

  public Optional<CountingRule> countingRule(String id) {
    return Optional.ofNullable(countingRules.get(id));
  }

  public Optional<Limit> limit(String id) {
    return Optional.ofNullable(limits.get(id));
  }

  /** Whether {@code status} ends an item's accountability (unknown statuses do not). */
  public boolean isTerminal(String status) {
    ItemStatus s = statuses.get(status);
    return s != null && s.terminal();
  }

  /**
   * Whether an item in {@code itemZone} lies in {@code zone}: the same zone or one declared
   * (transitively) {@code within} it. The empty zone lies in no zone.
   */
  public boolean zoneWithin(String itemZone, String zone) {
    String z = itemZone;
    for (int hops = 0; !z.isEmpty() && hops <= zones.size(); hops++) {
      if (z.equals(zone)) {
        return true;
      }
      Zone def = zones.get(z);
      if (def == null) {
        return false;
      }
      z = def.within();
    }
    return false;
  }

  /** Whether the treaty is in force on {@code day} (see {@link TreatyDates#inForceOn}). */
  public boolean inForceOn(LocalDate day) {
    return dates.inForceOn(day);
  }

  /**
   * The total {@code items} give for {@code limit} under its counting rules: the sum, over the
   * limit's rules and the items each selects, of what each item adds; for a regional limit only
   * items in its zone count.
   */
  public long total(Limit limit, Iterable<DeclaredItem> items) {
    List<CountingRule> rules = rulesOf(limit);
    long sum = 0;
    for (DeclaredItem item : items) {
      sum = Math.addExact(sum, valueOf(limit, rules, item));
    }
    return sum;
  }

  /** What one item adds to {@code limit}'s total. */
  public long valueOf(Limit limit, DeclaredItem item) {
    return valueOf(limit, rulesOf(limit), item);
  }

  private List<CountingRule> rulesOf(Limit limit) {
    List<CountingRule> rules = rulesOfLimit.get(limit);
    if (rules == null) {
      rules = limit.sum().stream().map(countingRules::get).toList();
      rulesOfLimit.put(limit, rules);
    }
    return rules;
  }

  private long valueOf(Limit limit, List<CountingRule> rules, DeclaredItem item) {
    if (limit.isRegional() && !zoneWithin(item.zone(), limit.zone())) {
      return 0;
    }
    Category category = categories.get(item.category());
    if (category == null) {
      return 0;
    }
    long v = 0;
    for (CountingRule rule : rules) {
      v = Math.addExact(v, rule.valueOf(item, category));
    }
    return v;
  }

  @Override
  public String toString() {
    return "Treaty[" + id + ", digest " + digest.substring(0, Math.min(12, digest.length())) + "]";
  }
}
