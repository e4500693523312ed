package org.countersign.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.inspection.JointDraw;
import org.countersign.treaty.inspection.RandomnessCommitments;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.EstimatedForces;
import org.countersign.treaty.negotiation.ForceGroup;
import org.countersign.treaty.negotiation.OpeningSeal;
import org.countersign.treaty.negotiation.PartyForces;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.DeclarationParts;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.InspectionCheckpoint;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.ProposalWithdrawal;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.TreatyAdoption;

/**
 * The integrated-framework demo's script: a hypothetical trilateral negotiation, dated 2027, and
 * the first months of the hypothetical text it agrees on. Nothing here is a government's position;
 * the forces declared are the force-posture file's figures (published estimates, and the file's
 * stated assumptions where no estimate is published).
 *
 * <p>The negotiation (on the negotiation's own log):
 *
 * <ol>
 *   <li>the United States convenes (terms: parties, commit and reveal deadlines);
 *   <li>sealed openings: each party logs the salted commitment of its opening text; once all three
 *       are logged, each reveals its text with the salt;
 *   <li>Russia answers the US opening, trading a lower warhead ceiling for a ceiling on
 *       missile-defence interceptors; the United States withdraws its opening;
 *   <li>China answers Russia's counter-proposal with its own warhead ceiling raised to a level
 *       above its estimated current forces (the only change);
 *   <li>all three accept China's text (the United States and Russia with reservations): it is
 *       agreed, and it is byte for byte {@code treaties/integrated-framework.yaml}.
 * </ol>
 *
 * <p>Under the agreed text (on the treaty's log): the three adoptions naming the agreed digest, the
 * initial data exchange of all three, a launch notification, the items of one US ICBM base
 * committed under escrow, and a Russian inspection of that base whose item is drawn jointly (both
 * sides commit to random values, then reveal them), opened from the escrow by the United States and
 * reported by Russia.
 */
public final class FrameworkScenario {
  /** The negotiation id, and the treaty id of the agreed text. */
  public static final String ID = "integrated-framework";

  /** The day the compliance figures of the demo are read at. */
  public static final LocalDate REPORT_DAY = LocalDate.parse("2027-11-30");

  /** The day of the initial data exchange (the agreed text's entry into force). */
  public static final LocalDate EXCHANGE_DAY = LocalDate.parse("2027-09-01");

  /** The inspection request's id. */
  public static final String REQUEST_ID = "RU-2027-T1-1";

  private static final List<String> PARTIES = List.of("US", "RU", "CN");

  /** One text of the negotiation, as a file a reader can diff and evaluate. */
  public record Text(String file, String author, String text, String digest) {}

  /** The negotiation log's statements and the texts they carry, in order. */
  public record Negotiation(List<Statement> statements, List<Text> texts, String agreedDigest) {
    public Negotiation {
      statements = List.copyOf(statements);
      texts = List.copyOf(texts);
    }
  }

  /**
   * The treaty log's statements before the inspection, and the US escrow behind its commitment (the
   * private part the United States keeps).
   */
  public record Implementation(
      List<Statement> statements, EscrowDeclaration escrow, Map<String, Integer> declared) {
    public Implementation {
      statements = List.copyOf(statements);
      declared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }
  }

  private FrameworkScenario() {}

  private static Instant t(String instant) {
    return Instant.parse(instant);
  }

  /**
   * The negotiation, on the agreed text {@code agreed} (its openings and counter-proposals are the
   * same text with other ceilings).
   *
   * @param salts the source of the opening salts (a {@link java.security.SecureRandom})
   */
  public static Negotiation negotiation(String agreed, RandomGenerator salts)
      throws TreatyException {
    var texts = new ArrayList<Text>();
    Text us =
        text(
            "1-us-opening.yaml",
            "US",
            agreed,
            "opening position of the United States",
            limits(1200, 600, 700, 350, 400, 50));
    Text ru =
        text(
            "2-ru-opening.yaml",
            "RU",
            agreed,
            "opening position of Russia",
            limits(1550, 700, 800, 600, 50, 100));
    Text cn =
        text(
            "3-cn-opening.yaml",
            "CN",
            agreed,
            "opening position of China",
            limits(1000, 500, 600, 1000, 50, 50));
    Text ruCounter =
        text(
            "4-ru-counter.yaml",
            "RU",
            agreed,
            "counter-proposal of Russia answering the United States",
            limits(1350, 650, 750, 600, 100, 75));
    Text agreedText = new Text("5-cn-counter-agreed.yaml", "CN", agreed, digestOf(agreed));
    texts.addAll(List.of(us, ru, cn, ruCounter, agreedText));

    var out = new ArrayList<Statement>();
    out.add(
        new NegotiationTerms(
            ID,
            "US",
            t("2027-01-11T10:00:00Z"),
            PARTIES,
            t("2027-01-25T00:00:00Z"),
            t("2027-02-08T00:00:00Z"),
            "HYPOTHETICAL integrated framework on strategic offensive and defensive arms and new"
                + " kinds of weapons (a Countersign demo; no government's position)"));
    Map<String, String> saltOf = new TreeMap<>();
    Map<String, Text> openingOf = Map.of("US", us, "RU", ru, "CN", cn);
    String[] commitAt = {"2027-01-18T10:00:00Z", "2027-01-19T10:00:00Z", "2027-01-21T10:00:00Z"};
    for (int i = 0; i < PARTIES.size(); i++) {
      String p = PARTIES.get(i);
      String salt = OpeningSeal.newSalt(salts);
      saltOf.put(p, salt);
      out.add(
          new OpeningCommitment(
              ID,
              p,
              t(commitAt[i]),
              OpeningSeal.commitment(ID, p, salt, need(openingOf, p).digest())));
    }
    // Reveals only once all three commitments are logged (else a finding): China first.
    out.add(
        reveal(
            cn,
            t("2027-01-26T10:00:00Z"),
            need(saltOf, "CN"),
            "Deep cuts by the two largest arsenals first; China's ceiling leaves room to reach a"
                + " minimum deterrent; missile defence limited for all."));
    out.add(
        reveal(
            us,
            t("2027-01-27T10:00:00Z"),
            need(saltOf, "US"),
            "Lower warhead ceilings for the United States and Russia and a ceiling on China near"
                + " its current level; missile defence left to each party."));
    out.add(
        reveal(
            ru,
            t("2027-01-28T10:00:00Z"),
            need(saltOf, "RU"),
            "New START's central ceilings kept; a strict ceiling on missile-defence interceptors;"
                + " China bound by a ceiling of its own."));
    out.add(
        new Proposal(
            ID,
            "RU",
            t("2027-03-15T10:00:00Z"),
            ruCounter.text(),
            ruCounter.digest(),
            us.digest(),
            "Russia lowers the warhead ceiling from 1,550 to 1,350 and the launcher ceilings with"
                + " it, if missile-defence interceptors are capped at 100 for every party; China's"
                + " ceiling at 600.",
            ""));
    out.add(
        new ProposalWithdrawal(
            ID,
            "US",
            t("2027-03-22T10:00:00Z"),
            us.digest(),
            "superseded: the United States negotiates on Russia's counter-proposal (a ceiling on"
                + " interceptors against lower warhead ceilings)"));
    out.add(
        new Proposal(
            ID,
            "CN",
            t("2027-05-10T10:00:00Z"),
            agreedText.text(),
            agreedText.digest(),
            ruCounter.digest(),
            "China accepts a ceiling of its own only above its current forces: 700 deployed"
                + " warheads from 2032, instead of 600; everything else as Russia proposed.",
            ""));
    out.add(
        new Acceptance(
            ID,
            "US",
            t("2027-06-01T10:00:00Z"),
            agreedText.digest(),
            List.of(
                "The United States reads Article III as limiting interceptors only; it does not"
                    + " limit missile-defence sensors, command systems or research.")));
    out.add(
        new Acceptance(
            ID,
            "RU",
            t("2027-06-02T10:00:00Z"),
            agreedText.digest(),
            List.of(
                "Russia may withdraw if a qualitative or quantitative build-up of missile defence"
                    + " outside Article III threatens its strategic forces.")));
    out.add(new Acceptance(ID, "CN", t("2027-06-03T10:00:00Z"), agreedText.digest(), List.of()));
    return new Negotiation(out, texts, agreedText.digest());
  }

  /** {@code map.get(key)}, which the script has put there. */
  private static <V> V need(Map<String, V> map, String key) {
    V v = map.get(key);
    if (v == null) {
      throw new IllegalStateException("the script has no " + key);
    }
    return v;
  }

  private static Proposal reveal(Text opening, Instant at, String salt, String rationale) {
    return new Proposal(
        ID, opening.author(), at, opening.text(), opening.digest(), "", rationale, salt);
  }

  /**
   * The limits a text changes from the agreed one: warheads, delivery vehicles and launchers of the
   * United States and Russia, China's warheads, interceptors, new kinds of weapons.
   */
  private static Map<String, Long> limits(
      long warheads, long vehicles, long launchers, long china, long interceptors, long newKinds) {
    var m = new LinkedHashMap<String, Long>();
    m.put("deployed-warheads", warheads);
    m.put("deployed-delivery-vehicles", vehicles);
    m.put("launchers", launchers);
    m.put("china-deployed-warheads", china);
    m.put("missile-defence-interceptors", interceptors);
    m.put("new-kinds-of-weapons", newKinds);
    return m;
  }

  private static Text text(
      String file, String author, String agreed, String label, Map<String, Long> values)
      throws TreatyException {
    String t = withLimits(agreed, values, label);
    return new Text(file, author, t, digestOf(t));
  }

  private static String digestOf(String text) throws TreatyException {
    return TreatyLoader.parse("proposal", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .digest();
  }

  /**
   * {@code text} with the ceiling line of each limit named in {@code values} replaced and the
   * treaty's name set from {@code label}: a line edit of the file, so that comments and layout stay
   * and the diff shows only the ceilings.
   */
  static String withLimits(String text, Map<String, Long> values, String label) {
    String[] lines = text.split("\n", -1);
    boolean inLimits = false;
    String current = "";
    var seen = new java.util.HashSet<String>();
    StringBuilder b = new StringBuilder(text.length() + 64);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (!line.startsWith(" ") && !line.startsWith("#") && !line.isEmpty()) {
        inLimits = line.equals("limits:");
      }
      if (line.startsWith("name: ")) {
        line =
            "name: \"HYPOTHETICAL " + label + " (a Countersign demo text, not a real proposal)\"";
      }
      if (inLimits && line.startsWith("  - id: ")) {
        current = line.substring("  - id: ".length()).trim();
      }
      if (inLimits && line.startsWith("    value: ") && values.containsKey(current)) {
        line = "    value: " + values.get(current);
        seen.add(current);
      }
      b.append(line);
      if (i < lines.length - 1) {
        b.append('\n');
      }
    }
    if (!seen.equals(values.keySet())) {
      throw new IllegalStateException(
          "the agreed text lacks limits " + values.keySet() + " (found " + seen + ")");
    }
    return b.toString();
  }

  /**
   * The agreed text's first months: adoptions, the initial data exchange of all three parties from
   * the force-posture file, a launch notification, and the items of one US ICBM base under escrow.
   */
  public static Implementation implementation(
      Treaty treaty, String agreedDigest, ForcePosture posture, RandomGenerator salts) {
    var out = new ArrayList<Statement>();
    String[] adoptAt = {"2027-09-01T12:00:00Z", "2027-09-01T12:05:00Z", "2027-09-01T12:10:00Z"};
    for (int i = 0; i < PARTIES.size(); i++) {
      out.add(new TreatyAdoption(ID, PARTIES.get(i), t(adoptAt[i]), agreedDigest));
    }
    Map<String, PartyForces> estimated = EstimatedForces.of(posture, treaty);
    Map<String, List<DeclaredItem>> inventories = new TreeMap<>();
    Map<String, Integer> declared = new LinkedHashMap<>();
    String[] declareAt = {"2027-09-20T10:00:00Z", "2027-09-21T10:00:00Z", "2027-09-22T10:00:00Z"};
    for (int i = 0; i < PARTIES.size(); i++) {
      String p = PARTIES.get(i);
      PartyForces f = estimated.get(p);
      List<DeclaredItem> items = f == null ? List.of() : items(p, f.groups());
      inventories.put(p, items);
      declared.put(p, items.size());
      Instant at = t(declareAt[i]);
      out.addAll(DeclarationParts.split(ID, p, at, EXCHANGE_DAY, items));
      out.add(
          new DataExchangeUpdate(
              ID, p, at.plusSeconds(60), EXCHANGE_DAY, totals(treaty, p, items)));
    }
    out.add(
        new LaunchNotification(
            ID,
            "RU",
            t("2027-10-05T08:00:00Z"),
            "RU-2027-L-1",
            "icbm",
            "",
            t("2027-10-07T06:00:00Z"),
            "Plesetsk Cosmodrome",
            "Kura test range, Kamchatka"));
    // The United States commits under escrow to the items of the ICBM base Russia will inspect
    // (its first, by name): the inspection's draw picks one of them, so the inspectors are sent to
    // that base and nothing else of the base is opened before they arrive.
    List<DeclaredItem> us = need(inventories, "US");
    String base =
        us.stream()
            .filter(i -> i.category().equals("icbm") && i.status().equals("deployed"))
            .map(DeclaredItem::site)
            .sorted()
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the US declared no deployed ICBM"));
    List<EscrowItem> escrowItems = new ArrayList<>();
    for (DeclaredItem i : us) {
      if (!i.site().equals(base)) {
        continue;
      }
      escrowItems.add(
          new EscrowItem(i.id(), i.category(), i.status(), i.site(), i.zone(), i.attributes()));
    }
    EscrowDeclaration escrow = EscrowDeclaration.commit(escrowItems, salts);
    out.add(escrow.commitment(ID, "US", t("2027-10-01T10:00:00Z"), EXCHANGE_DAY, ""));
    return new Implementation(out, escrow, declared);
  }

  /**
   * The inspection: Russia requests a Type One inspection of the United States, drawn from the US
   * escrowed inventory with a checkpoint of the treaty log; both sides commit to random values and
   * reveal them; the United States opens the drawn item; Russia reports it as declared.
   */
  public static List<Statement> inspection(
      Treaty treaty,
      EscrowDeclaration escrow,
      InspectionCheckpoint checkpoint,
      RandomGenerator random) {
    Instant at = t("2027-11-02T08:00:00Z");
    var rules = treaty.drawRules().orElseThrow();
    Instant commitBy = rules.commitWithin().addTo(at);
    Instant revealBy = rules.revealWithin().addTo(commitBy);
    String site = escrow.items().get(0).site();
    var request =
        new InspectionRequest(
            ID,
            "RU",
            at,
            REQUEST_ID,
            "type-one",
            treaty.dates().treatyYearOf(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)).number(),
            "US",
            site,
            checkpoint,
            escrow.root().hex(),
            escrow.itemCount(),
            1,
            commitBy,
            revealBy);
    byte[] ru = RandomnessCommitments.newValue(random);
    byte[] us = RandomnessCommitments.newValue(random);
    var out = new ArrayList<Statement>();
    out.add(request);
    out.add(RandomnessCommitments.commit(ID, "RU", at.plus(Duration.ofHours(1)), REQUEST_ID, ru));
    out.add(RandomnessCommitments.commit(ID, "US", at.plus(Duration.ofHours(3)), REQUEST_ID, us));
    out.add(
        RandomnessCommitments.reveal(ID, "RU", commitBy.plus(Duration.ofHours(1)), REQUEST_ID, ru));
    out.add(
        RandomnessCommitments.reveal(ID, "US", commitBy.plus(Duration.ofHours(2)), REQUEST_ID, us));
    Hash seed = JointDraw.seed(request, ru, us);
    out.addAll(
        escrow.reveal(
            ID,
            "US",
            revealBy.plus(Duration.ofHours(4)),
            RevealSelection.sample(seed.hex(), 1, REQUEST_ID)));
    EscrowItem drawn = escrow.itemAtLeaf((int) JointDraw.positions(request, seed)[0]);
    out.add(
        new InspectionReport(
            ID,
            "RU",
            revealBy.plus(Duration.ofDays(2)),
            REQUEST_ID,
            "US",
            site,
            drawn.zone(),
            List.of(
                new InspectionFinding(
                    drawn.id(), drawn.category(), drawn.status(), drawn.attributes(), true))));
    return out;
  }

  /** Every group expanded to items, {@value #SITE_SIZE} to a site. */
  private static List<DeclaredItem> items(String party, List<ForceGroup> groups) {
    var out = new ArrayList<DeclaredItem>();
    Map<String, Integer> numbers = new TreeMap<>();
    for (ForceGroup g : groups) {
      String code = code(g.category());
      String zone =
          g.zone().isEmpty() && party.equals("RU") && g.category().equals("interceptor")
              ? "europe" // the A-135 system around Moscow
              : g.zone();
      for (long k = 0; k < g.quantity(); k++) {
        int n = numbers.merge(code, 1, Integer::sum);
        out.add(
            new DeclaredItem(
                String.format(java.util.Locale.ROOT, "%s-%s-%04d", party, code, n),
                g.category(),
                g.status(),
                String.format(
                    java.util.Locale.ROOT,
                    "%s-%s-site-%d",
                    party,
                    g.category(),
                    (n - 1) / SITE_SIZE + 1),
                zone,
                g.attributes()));
      }
    }
    return out;
  }

  private static final int SITE_SIZE = 50;

  private static String code(String category) {
    return switch (category) {
      case "icbm" -> "ICBM";
      case "slbm" -> "SLBM";
      case "icbm-launcher" -> "ICBML";
      case "slbm-launcher" -> "SLBML";
      case "heavy-bomber" -> "HB";
      case "interceptor" -> "INT";
      case "hypersonic-glide-vehicle" -> "HGV";
      case "nuclear-cruise-missile" -> "NCM";
      default -> category.toUpperCase(java.util.Locale.ROOT);
    };
  }

  /** The counted totals of the limits that apply to {@code party}. */
  private static Map<String, Long> totals(Treaty treaty, String party, List<DeclaredItem> items) {
    var out = new TreeMap<String, Long>();
    for (Limit l : treaty.limits()) {
      if (l.appliesTo(party)) {
        out.put(l.id(), treaty.total(l, items));
      }
    }
    return out;
  }
}
