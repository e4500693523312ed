package org.countersign.treaty.statement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the kind of a concrete statement record, as written in its header line and its JSON {@code
 * kind} field. The codec finds every kind by walking the sealed {@link Statement} hierarchy, so
 * adding a record with this annotation to a permits list is all a new kind needs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StatementKind {
  /** Lowercase, hyphenated, stable forever once logged: e.g. {@code "change-notification"}. */
  String value();
}
