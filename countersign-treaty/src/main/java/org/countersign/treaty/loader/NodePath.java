package org.countersign.treaty.loader;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in a treaty file's data tree, as segments (member names and array indexes). Renders as
 * a readable field path ({@code limits[1].bindsFrom}) for messages and as an RFC 6901 JSON Pointer
 * ({@code /limits/1/bindsFrom}) for looking up source positions.
 */
final class NodePath {
  static final NodePath ROOT = new NodePath(List.of());

  private final List<Object> segments;

  private NodePath(List<Object> segments) {
    this.segments = segments;
  }

  NodePath field(String name) {
    var s = new ArrayList<>(segments);
    s.add(name);
    return new NodePath(List.copyOf(s));
  }

  NodePath index(int i) {
    var s = new ArrayList<>(segments);
    s.add(i);
    return new NodePath(List.copyOf(s));
  }

  /** The enclosing path (the root's parent is the root). */
  NodePath parent() {
    return segments.isEmpty() ? this : new NodePath(segments.subList(0, segments.size() - 1));
  }

  boolean isRoot() {
    return segments.isEmpty();
  }

  String pointer() {
    StringBuilder b = new StringBuilder();
    for (Object s : segments) {
      b.append('/').append(s.toString().replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    if (segments.isEmpty()) {
      return "(top level)";
    }
    StringBuilder b = new StringBuilder();
    for (Object s : segments) {
      if (s instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(s);
      }
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodePath p && p.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }
}
