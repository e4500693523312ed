package org.countersign.treaty.model;

import java.util.List;
import java.util.Set;

/**
 * A duty to notify: what triggers it, its deadline, and the fields the notification must fill.
 *
 * @param id kebab-case id
 * @param name a human name
 * @param article the treaty reference, or {@code ""}
 * @param trigger the triggering changes or launches
 * @param deadline when the notification is due
 * @param content fields the notification must state (non-empty): for changes {@code status}, {@code
 *     site}, {@code zone} or {@code attributes.<name>}; for launches {@code item}, {@code
 *     launchArea} or {@code impactArea}
 */
public record NotificationDuty(
    String id,
    String name,
    String article,
    Trigger trigger,
    Deadline deadline,
    List<String> content) {

  /** Content fields a change-triggered duty may require (plus {@code attributes.<name>}). */
  public static final Set<String> CHANGE_FIELDS = Set.of("status", "site", "zone");

  /** Content fields a launch-triggered duty may require. */
  public static final Set<String> LAUNCH_FIELDS = Set.of("item", "launchArea", "impactArea");

  public NotificationDuty {
    Checks.name("duty id", id);
    Checks.text("duty name", name);
    Checks.present("article", article);
    Checks.present("trigger", trigger);
    Checks.present("deadline", deadline);
    content = Checks.list("content", content);
    for (String field : content) {
      boolean ok =
          trigger.onLaunch()
              ? LAUNCH_FIELDS.contains(field)
              : CHANGE_FIELDS.contains(field) || field.startsWith("attributes.");
      if (!ok) {
        throw new IllegalArgumentException("duty " + id + " cannot require field " + field);
      }
    }
  }
}
