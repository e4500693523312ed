package org.countersign.treaty.report;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ComplianceReport.PartyReport;
import org.jspecify.annotations.Nullable;

/**
 * One participant's part of a compliance report: what a verification officer reads about one state.
 *
 * <p>The view is itself a {@link ComplianceReport}, so its canonical JSON and text are as
 * deterministic as the whole report's. Every list of findings is filtered by who it concerns, read
 * from the finding's own components: a finding with a {@code party} component is kept when it names
 * the participant; one with {@code by} and {@code against} (a dispute) when either does; one with
 * an {@code author} (an inadmissible entry) when the participant wrote it. Lists whose elements
 * name no participant, the treaty status, the log prefix and {@code notificationsOnTime} are kept
 * as they are: the on-time count is treaty-wide (the engine does not break it down by party), which
 * the HTML form says.
 *
 * <p>The rule works on the record's components rather than on a fixed list of them so that a
 * finding the engine adds later is filtered the same way without a change here.
 */
public final class PartyView {
  private static final List<String> WHO =
      List.of("party", "by", "against", "author", "inspecting", "inspected");

  private PartyView() {}

  /**
   * The part of {@code report} about {@code party}.
   *
   * @throws IllegalArgumentException if {@code party} is not a participant in the report, naming
   *     the participants
   */
  public static ComplianceReport of(ComplianceReport report, String party) {
    if (report.parties().stream().noneMatch(p -> p.party().equals(party))) {
      List<String> ids = report.parties().stream().map(PartyReport::party).toList();
      String shown = party.length() > 40 ? party.substring(0, 40) + "..." : party;
      throw new IllegalArgumentException(
          "party \""
              + shown
              + "\" is not a participant of "
              + report.treaty()
              + "; participants: "
              + String.join(", ", ids));
    }
    RecordComponent[] components = ComplianceReport.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    @Nullable Object[] values = new @Nullable Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      Object value = read(components[i], report);
      values[i] = value instanceof List<?> list ? filter(list, party) : value;
    }
    try {
      Constructor<ComplianceReport> canonical = ComplianceReport.class.getConstructor(types);
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot rebuild the report", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild the report", e);
    }
  }

  private static List<?> filter(List<?> list, String party) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object element : list) {
      if (concerns(element, party)) {
        out.add(element);
      }
    }
    return out;
  }

  /** Whether {@code element} names {@code party}, or names no participant at all. */
  private static boolean concerns(Object element, String party) {
    if (!(element instanceof Record r)) {
      return true;
    }
    boolean namesSomeone = false;
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (WHO.contains(c.getName()) && c.getType() == String.class) {
        namesSomeone = true;
        if (party.equals(read(c, r))) {
          return true;
        }
      }
    }
    return !namesSomeone;
  }

  private static @Nullable Object read(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }
}
