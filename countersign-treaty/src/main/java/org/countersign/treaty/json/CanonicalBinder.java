package org.countersign.treaty.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads canonical JSON text straight into a record, with no JSON tree in between: the reading of
 * {@link CanonicalJson#parseCanonical} followed by {@link RecordJson#fromTreeExactly}, in one pass.
 *
 * <p>Contract: for every text and record type, {@link #readExactly} accepts exactly the texts that
 * {@code fromTreeExactly(parseCanonical(text), type)} accepts, and returns an equal record; it
 * refuses every other text with an {@link IllegalArgumentException} (the message names the first
 * problem found, not always the one the tree reading names). So an accepted text is the canonical
 * encoding of the record it returns, as for the tree reading. {@code
 * CanonicalBinderDifferentialTest} and {@code StatementCodecDifferentialTest} hold the two readings
 * to the same answers on random and mutated texts, and the fuzz target {@code canonicalBinder}
 * keeps comparing.
 *
 * <p>How it stays the same: the lexical rules (strings and their escapes, integers, literals,
 * member names in strictly increasing order, the nesting limit) are {@link CanonicalCursor}'s,
 * which the tree reader uses too; records are built and checked by {@link RecordJson}'s own
 * constructor call; and each value is read by the rule {@link RecordJson} applies to its
 * component's type, so a member of the wrong JSON type, an unknown or missing member, or a {@code
 * null} anywhere is refused as the binding of the tree refuses it.
 *
 * <p>Why: a statement read through a tree costs a map per object and a node per value, about a
 * third of what an audit allocates (docs/benchmarks.md, "eighth pass, audit"). Thread-safe.
 */
public final class CanonicalBinder {
  /**
   * A record and the string members read beside it, in the order their names were asked for: a
   * statement's {@code kind} and {@code origin}, which are members of its text but not of its
   * record.
   */
  public record Bound<T extends Record>(T value, List<String> envelope) {}

  private CanonicalBinder() {}

  /**
   * The record of {@code type} that {@code text} holds, which must be canonical JSON.
   *
   * @throws IllegalArgumentException if {@code fromTreeExactly(parseCanonical(text), type)} would
   *     refuse the text ({@link IllegalStateException} where it would, for a component type with no
   *     JSON form)
   */
  public static <T extends Record> T readExactly(String text, Class<T> type) {
    return readExactly(text, 0, text.length(), type, List.of()).value();
  }

  /**
   * The record of {@code type} held by {@code text} from {@code start} to {@code end}, an object
   * that also holds one string member for each name of {@code envelope} (not components of the
   * record). What is accepted is what {@code fromTreeExactly} accepts for the tree of that object
   * once the envelope members, each present and a string, are removed from it.
   *
   * @throws IllegalArgumentException if that reading would refuse the text, or an envelope member
   *     is missing or not a string
   */
  public static <T extends Record> Bound<T> readExactly(
      String text, int start, int end, Class<T> type, List<String> envelope) {
    String[] names = envelope.toArray(new String[0]);
    for (String name : names) {
      if (PLANS.get(type).component(name) >= 0) {
        throw new IllegalArgumentException(
            RecordJson.quote(name) + " is a component of " + type.getSimpleName());
      }
    }
    Reader r = new Reader(new CanonicalCursor(text, start, end));
    String[] values = new String[names.length];
    Object value = r.record(type, names, values);
    if (!r.in.atEnd()) {
      throw r.in.refuse("content after the value");
    }
    for (int i = 0; i < names.length; i++) {
      if (values[i] == null) {
        throw new IllegalArgumentException("no string member " + RecordJson.quote(names[i]));
      }
    }
    return new Bound<>(type.cast(value), List.of(values));
  }

  // What a component's type reads as: RecordJson.read's dispatch, decided once per type. Plain
  // int tags and a switch on them, not a pattern switch, which would spin classes at run time.
  private static final int STRING = 0;
  private static final int LONG = 1;
  private static final int INT = 2;
  private static final int BOOLEAN = 3;
  private static final int INSTANT = 4;
  private static final int DATE = 5;
  private static final int ENUM = 6;
  private static final int RECORD = 7;
  private static final int LIST = 8;
  private static final int MAP = 9;
  private static final int UNSUPPORTED = 10;

  /** How to read one value: its kind, its class, and for a list or map how to read its elements. */
  private record Slot(int kind, Class<?> raw, @Nullable Slot inner, Type type) {
    static Slot of(Type type) {
      Class<?> raw;
      if (type instanceof Class<?> c) {
        raw = c;
      } else if (type instanceof ParameterizedType p) {
        raw = (Class<?>) p.getRawType();
      } else {
        return new Slot(UNSUPPORTED, Object.class, null, type);
      }
      if (raw == String.class) {
        return new Slot(STRING, raw, null, type);
      } else if (raw == long.class || raw == Long.class) {
        return new Slot(LONG, raw, null, type);
      } else if (raw == int.class || raw == Integer.class) {
        return new Slot(INT, raw, null, type);
      } else if (raw == boolean.class || raw == Boolean.class) {
        return new Slot(BOOLEAN, raw, null, type);
      } else if (raw == Instant.class) {
        return new Slot(INSTANT, raw, null, type);
      } else if (raw == LocalDate.class) {
        return new Slot(DATE, raw, null, type);
      } else if (raw.isEnum()) {
        return new Slot(ENUM, raw, null, type);
      } else if (raw.isRecord()) {
        // Its plan is looked up when a value is read, so a record type may contain itself.
        return new Slot(RECORD, raw, null, type);
      } else if (raw == List.class && type instanceof ParameterizedType p) {
        return new Slot(LIST, raw, of(p.getActualTypeArguments()[0]), type);
      } else if (raw == Map.class
          && type instanceof ParameterizedType p
          && p.getActualTypeArguments()[0] == String.class) {
        return new Slot(MAP, raw, of(p.getActualTypeArguments()[1]), type);
      }
      // RecordJson refuses such a value when it reads one (a raw collection, a map with keys
      // other than strings, any other type): so does the binder, and only then.
      return new Slot(UNSUPPORTED, raw, null, type);
    }
  }

  /** Per record class: its components' names in sorted order, and how to read each. */
  private static final class Plan {
    private final String[] sortedNames;
    final int[] componentOf;
    final Slot[] slots;
    final boolean[] omittable;

    Plan(String[] sortedNames, int[] componentOf, Slot[] slots, boolean[] omittable) {
      this.sortedNames = sortedNames;
      this.componentOf = componentOf;
      this.slots = slots;
      this.omittable = omittable;
    }

    /** The component named {@code name}, or -1. */
    int component(String name) {
      int at = Arrays.binarySearch(sortedNames, name);
      return at < 0 ? -1 : componentOf[at];
    }

    /**
     * The position in sorted order of the component named {@code name}, or -1; {@code next} is
     * where the search starts. Members come in strictly increasing order, so after the component at
     * sorted position k the next one read is usually the one at k + 1: one comparison, not a
     * search.
     */
    int sortedPosition(String name, int next) {
      if (next < sortedNames.length && sortedNames[next].equals(name)) {
        return next;
      }
      int at = Arrays.binarySearch(sortedNames, next, sortedNames.length, name);
      return at < 0 ? -1 : at;
    }
  }

  private static final ClassValue<Plan> PLANS =
      new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
          RecordComponent[] components = RecordJson.COMPONENTS.get(type);
          int n = components.length;
          String[] sorted = new String[n];
          Slot[] slots = new Slot[n];
          for (int i = 0; i < n; i++) {
            sorted[i] = components[i].getName();
            slots[i] = Slot.of(components[i].getGenericType());
          }
          Arrays.sort(sorted);
          int[] componentOf = new int[n];
          for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
              if (components[i].getName().equals(sorted[k])) {
                componentOf[k] = i;
              }
            }
          }
          return new Plan(sorted, componentOf, slots, RecordJson.OMITTED.get(type));
        }
      };

  /** One reading of one text. */
  private static final class Reader {
    final CanonicalCursor in;

    Reader(CanonicalCursor in) {
      this.in = in;
    }

    /**
     * Reads an object at the cursor into a record of {@code raw}; a member named in {@code
     * envelope} is read as a string into {@code envelopeOut} instead.
     */
    Object record(Class<?> raw, String[] envelope, String[] envelopeOut) {
      Plan plan = PLANS.get(raw);
      Object[] args = new Object[plan.slots.length];
      if (opens('{', '}', "an object")) {
        @Nullable String previous = null;
        int next = 0; // the sorted position after the last component read
        do {
          String name = in.memberName(previous);
          previous = name;
          // Envelope names are no component's (readExactly checks), so the order of these two
          // lookups does not change which one a name is found by.
          int k = plan.sortedPosition(name, next);
          if (k < 0) {
            int e = indexOf(envelope, name);
            if (e < 0) {
              throw in.refuse("unknown member " + RecordJson.quote(name));
            }
            envelopeOut[e] = string();
            continue;
          }
          next = k + 1;
          int i = plan.componentOf[k];
          if (plan.omittable[i]) {
            String v = string();
            if (v.isEmpty()) {
              throw in.refuse(name + " is present but empty; its encoding omits it");
            }
            args[i] = v;
          } else {
            args[i] = value(plan.slots[i]);
          }
        } while (!in.closes('}'));
      }
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null) {
          if (!plan.omittable[i]) {
            throw in.refuse(
                "missing member " + RecordJson.quote(RecordJson.COMPONENTS.get(raw)[i].getName()));
          }
          args[i] = "";
        }
      }
      return RecordJson.construct(raw, args, "", true);
    }

    private static int indexOf(String[] names, String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private static final String[] NONE = new String[0];

    private Object value(Slot slot) {
      return switch (slot.kind()) {
        case STRING -> string();
        case LONG -> integer();
        case INT -> {
          long v = integer();
          if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw in.refuse("integer out of range: " + v);
          }
          yield (int) v;
        }
        case BOOLEAN -> {
          if (in.peek() == 't') {
            in.literal("true");
            yield true;
          }
          if (in.peek() == 'f') {
            in.literal("false");
            yield false;
          }
          throw in.refuse("expected true or false");
        }
        case INSTANT -> RecordJson.parseInstant(string());
        case DATE -> RecordJson.parseDate(string());
        case ENUM -> {
          String name = string();
          for (Object constant : slot.raw().getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
              yield constant;
            }
          }
          throw in.refuse("no constant " + RecordJson.quote(name));
        }
        case RECORD -> record(slot.raw(), NONE, NONE);
        case LIST -> list(Objects.requireNonNull(slot.inner()));
        case MAP -> map(Objects.requireNonNull(slot.inner()));
        default ->
            throw new IllegalStateException("type " + slot.type() + " has no statement JSON form");
      };
    }

    /**
     * Enters the object or array at the cursor; false if it is empty (and already left), true if
     * its first member or element is next.
     */
    private boolean opens(char open, char close, String expected) {
      if (in.peek() != open) {
        throw in.refuse("expected " + expected);
      }
      in.enter();
      in.pos++;
      if (in.peek() == close) {
        in.pos++;
        in.leave();
        return false;
      }
      return true;
    }

    private String string() {
      if (in.peek() != '"') {
        throw in.refuse("expected a string");
      }
      return in.string();
    }

    private long integer() {
      if (!in.atInteger()) {
        throw in.refuse("expected an integer");
      }
      return in.integer();
    }

    private List<Object> list(Slot element) {
      List<Object> out = new ArrayList<>();
      if (opens('[', ']', "an array")) {
        do {
          out.add(value(element));
        } while (!in.closes(']'));
      }
      return Collections.unmodifiableList(out);
    }

    private Map<String, Object> map(Slot valueSlot) {
      Map<String, Object> out = new TreeMap<>();
      if (opens('{', '}', "an object")) {
        @Nullable String previous = null;
        do {
          String key = in.memberName(previous);
          previous = key;
          out.put(key, value(valueSlot));
        } while (!in.closes('}'));
      }
      return Collections.unmodifiableMap(out);
    }
  }
}
