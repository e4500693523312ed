package org.countersign.treaty.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} record component added to a signed format after statements were logged
 * without it: {@link RecordJson} leaves the member out when the value is {@code ""} and reads a
 * missing member as {@code ""}. A statement that does not use the field therefore keeps the exact
 * bytes it had before the field existed, and {@code "field":""} spelled out is not canonical (the
 * codec re-encodes without it and refuses the difference), so each value keeps one spelling.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.METHOD
})
public @interface OmittedWhenEmpty {}
