package org.countersign.treaty.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one mapping between immutable records and JSON trees used for everything Countersign signs.
 *
 * <p>Why not Jackson data binding: binding is lenient by design (it coerces strings to numbers,
 * floats to ints, accepts several date spellings, and serializes getters it happens to find).
 * Signed statements need the opposite: exactly one JSON spelling per value, and a refusal that
 * names the field for anything else. This class maps only the types a statement may hold:
 *
 * <ul>
 *   <li>{@code String}; {@code long}/{@code int}/{@code boolean} and their boxes;
 *   <li>{@code Instant} as an RFC 3339 UTC string to the second, {@code 2023-02-21T00:00:00Z};
 *   <li>{@code LocalDate} as {@code 2023-02-21};
 *   <li>enums by their constant name; nested records as objects;
 *   <li>{@code List<T>} as arrays and {@code Map<String, T>} as objects (written in key order).
 * </ul>
 *
 * <p>Every record component is always written (no omission of empty values), and reading requires
 * every component to be present and non-null, refuses unknown members, and then runs the record's
 * canonical constructor, whose validation errors come back prefixed with the field path. Records
 * therefore express "none" as an empty string or an empty collection, never as null. The one
 * exception is a string component marked {@link OmittedWhenEmpty}, a field added to a signed format
 * later: it is left out when empty and read as empty when missing, so older statements keep their
 * bytes.
 */
public final class RecordJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter INSTANT_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Instant MIN_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * Record components and canonical constructors per class: {@link Class#getRecordComponents()}
   * re-reads class metadata on every call, which dominated encoding large declarations.
   */
  static final ClassValue<RecordComponent[]> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
          return type.getRecordComponents();
        }
      };

  /** Per class, which components are {@link OmittedWhenEmpty} strings (read once, like above). */
  static final ClassValue<boolean[]> OMITTED =
      new ClassValue<>() {
        @Override
        protected boolean[] computeValue(Class<?> type) {
          RecordComponent[] components = COMPONENTS.get(type);
          boolean[] out = new boolean[components.length];
          for (int i = 0; i < components.length; i++) {
            out[i] =
                components[i].getType() == String.class
                    && components[i].isAnnotationPresent(OmittedWhenEmpty.class);
          }
          return out;
        }
      };

  /** Per class, the names of its components, for the unknown-member check. */
  private static final ClassValue<Set<String>> NAMES =
      new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
          var known = new LinkedHashSet<String>();
          for (RecordComponent c : COMPONENTS.get(type)) {
            known.add(c.getName());
          }
          return Collections.unmodifiableSet(known);
        }
      };

  /**
   * Per record class, its canonical constructor and accessors as method handles, looked up once.
   * Not {@code Constructor.newInstance} and {@code Method.invoke}: each of those calls checks
   * access against its caller, which walks the stack under the client compiler that audits run with
   * (a seventh of the time spent decoding statements, docs/benchmarks.md, "ninth pass, decoding").
   */
  static final ClassValue<Access> ACCESS =
      new ClassValue<>() {
        @Override
        protected Access computeValue(Class<?> type) {
          return Access.of(type);
        }
      };

  /**
   * A record's canonical constructor taking its components as an {@code Object[]} in declaration
   * order, and one accessor per component, each typed to {@code Object}.
   */
  static final class Access {
    private final MethodHandle constructor;
    private final MethodHandle[] accessors;

    private Access(MethodHandle constructor, MethodHandle[] accessors) {
      this.constructor = constructor;
      this.accessors = accessors;
    }

    static Access of(Class<?> type) {
      RecordComponent[] components = COMPONENTS.get(type);
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        // Statement records are public; a record nested out of reach (in a test, say) is opened
        // here once rather than checked on every call.
        canonical.trySetAccessible();
        MethodHandle constructor =
            MethodHandles.lookup()
                .unreflectConstructor(canonical)
                .asSpreader(Object[].class, components.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
          Method accessor = components[i].getAccessor();
          accessor.trySetAccessible();
          accessors[i] =
              MethodHandles.lookup()
                  .unreflect(accessor)
                  .asType(MethodType.methodType(Object.class, Object.class));
        }
        return new Access(constructor, accessors);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot construct " + type.getName(), e);
      }
    }

    /** The value of component {@code i} of {@code record}, rethrowing what the accessor throws. */
    Object get(int i, Object record) throws Throwable {
      return (Object) accessors[i].invokeExact(record);
    }

    Object construct(Object[] args) throws Throwable {
      return (Object) constructor.invokeExact(args);
    }
  }

  private RecordJson() {}

  /**
   * Writes {@code record} as an object with one member per component.
   *
   * @throws IllegalArgumentException if a component is null, of an unsupported type, or an instant
   *     with sub-second precision
   */
  public static ObjectNode toTree(Record record) {
    return (ObjectNode) write(record, record.getClass(), record.getClass().getSimpleName());
  }

  /** Formats an instant the one way statements spell it (UTC, to the second, with 'Z'). */
  public static String formatInstant(Instant instant) {
    if (!instant.equals(instant.truncatedTo(ChronoUnit.SECONDS))) {
      throw new IllegalArgumentException("instants are whole seconds, got " + instant);
    }
    if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
      throw new IllegalArgumentException("instant outside years 0000-9999: " + instant);
    }
    return INSTANT_FORMAT.format(instant);
  }

  /**
   * Parses {@code YYYY-MM-DDTHH:MM:SSZ} and nothing else (no offsets, no fractions, no lowercase).
   *
   * <p>Read by hand, not with java.time's parsers: those accept more than this one spelling (other
   * year widths, signs, fractions, and 24:00 or leap seconds in some modes), so they needed a
   * pattern in front of them, and they cost more than all the other fields of a statement together.
   * {@code RecordJsonInstantTest} holds this reading to the pattern and {@code LocalDateTime.parse}
   * it replaces.
   *
   * @throws IllegalArgumentException if the text has another shape or is not a real time
   */
  public static Instant parseInstant(String text) {
    if (text.length() != 20
        || !isDate(text)
        || text.charAt(10) != 'T'
        || !digits(text, 11, 2)
        || text.charAt(13) != ':'
        || !digits(text, 14, 2)
        || text.charAt(16) != ':'
        || !digits(text, 17, 2)
        || text.charAt(19) != 'Z') {
      throw new IllegalArgumentException(
          "must be a UTC time like 2023-02-21T00:00:00Z (seconds, 'Z'), got " + quote(text));
    }
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    long day = epochDay(text);
    // No 24:00, no leap second: the one spelling of a time of day is 00:00:00 to 23:59:59.
    if (day == NO_DAY || hour > 23 || minute > 59 || second > 59) {
      throw new IllegalArgumentException("not a valid time: " + quote(text));
    }
    return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second);
  }

  /**
   * Parses {@code YYYY-MM-DD} strictly (a real calendar date, four-digit year); by hand, as {@link
   * #parseInstant} is.
   */
  public static LocalDate parseDate(String text) {
    if (text.length() != 10 || !isDate(text)) {
      throw new IllegalArgumentException("must be a date like 2023-02-21, got " + quote(text));
    }
    long day = epochDay(text);
    if (day == NO_DAY) {
      throw new IllegalArgumentException("not a valid date: " + quote(text));
    }
    return LocalDate.ofEpochDay(day);
  }

  /** Whether {@code text} starts with the shape {@code DDDD-DD-DD} (D an ASCII digit). */
  private static boolean isDate(String text) {
    return digits(text, 0, 4)
        && text.charAt(4) == '-'
        && digits(text, 5, 2)
        && text.charAt(7) == '-'
        && digits(text, 8, 2);
  }

  private static boolean digits(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The value of {@code count} digits at {@code from}, already checked by {@link #digits}. */
  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static final long NO_DAY = Long.MIN_VALUE;

  /**
   * The day of {@code DDDD-DD-DD} at the start of {@code text} counted from 1970-01-01, or {@link
   * #NO_DAY} if it is no day of the proleptic Gregorian calendar (month 00 or 13, day 00, 31 April,
   * 29 February outside a leap year).
   */
  private static long epochDay(String text) {
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
      return NO_DAY;
    }
    return LocalDate.of(year, month, day).toEpochDay();
  }

  private static int daysIn(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static JsonNode write(Object value, Type type, String path) {
    if (value == null) {
      throw new IllegalArgumentException(path + " is null; records spell \"none\" as empty");
    }
    Class<?> raw = rawClass(type);
    if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof Long || value instanceof Integer) {
      return NODES.numberNode(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof Instant i) {
      return NODES.textNode(formatInstant(i));
    } else if (value instanceof LocalDate d) {
      return NODES.textNode(d.toString());
    } else if (value instanceof Enum<?> e) {
      return NODES.textNode(e.name());
    } else if (value instanceof Record r) {
      ObjectNode obj = NODES.objectNode();
      RecordComponent[] components = COMPONENTS.get(r.getClass());
      boolean[] omittable = OMITTED.get(r.getClass());
      Access access = ACCESS.get(r.getClass());
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        Object v;
        try {
          v = access.get(i, r);
        } catch (Throwable ex) {
          throw new IllegalStateException("cannot read " + path + "." + c.getName(), ex);
        }
        if (omittable[i] && "".equals(v)) {
          continue;
        }
        obj.set(c.getName(), write(v, c.getGenericType(), path + "." + c.getName()));
      }
      return obj;
    } else if (value instanceof List<?> list && raw == List.class) {
      Type element = typeArgument(type, 0, path);
      ArrayNode arr = NODES.arrayNode();
      for (int i = 0; i < list.size(); i++) {
        arr.add(write(list.get(i), element, path + "[" + i + "]"));
      }
      return arr;
    } else if (value instanceof Map<?, ?> map && raw == Map.class) {
      Type valueType = typeArgument(type, 1, path);
      ObjectNode obj = NODES.objectNode();
      for (var e : new TreeMap<>(map).entrySet()) {
        String key = (String) e.getKey();
        obj.set(key, write(e.getValue(), valueType, path + "." + key));
      }
      return obj;
    }
    throw new IllegalArgumentException(
        path + ": type " + value.getClass().getName() + " has no statement JSON form");
  }

  /**
   * Reads a record of {@code type} from {@code node}.
   *
   * @throws IllegalArgumentException whose message starts with the field path of the problem
   */
  public static <T extends Record> T fromTree(JsonNode node, Class<T> type) {
    return type.cast(read(node, type, "", false));
  }

  /**
   * {@link #fromTree}, refusing also any tree that {@link #toTree} would not give back from the
   * record it reads: a record whose constructor changed a value it was given (a list it sorted, a
   * map it merged), or an {@link OmittedWhenEmpty} member present but empty. So for a tree read
   * from canonical text, the record's canonical encoding is that text, without encoding it again.
   * Messages do not name the field path (a caller that needs one reads again with {@link
   * #fromTree}).
   *
   * @throws IllegalArgumentException if {@link #fromTree} refuses the tree, or the record would
   *     encode differently
   */
  public static <T extends Record> T fromTreeExactly(JsonNode node, Class<T> type) {
    return type.cast(read(node, type, "", true));
  }

  private static String child(String path, String name, boolean exact) {
    return exact ? "" : join(path, name);
  }

  private static Object read(JsonNode node, Type type, String path, boolean exact) {
    Class<?> raw = rawClass(type);
    if (node == null || node.isNull()) {
      throw problem(path, "must not be null");
    }
    if (raw == String.class) {
      if (!node.isTextual()) {
        throw problem(path, "must be a string, got " + describe(node));
      }
      return node.textValue();
    } else if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
      if (!node.isIntegralNumber()) {
        throw problem(path, "must be an integer, got " + describe(node));
      }
      boolean isInt = raw == int.class || raw == Integer.class;
      if (isInt ? !node.canConvertToInt() : !node.canConvertToLong()) {
        throw problem(path, "integer out of range: " + node.asText());
      }
      return isInt ? (Object) node.intValue() : (Object) node.longValue();
    } else if (raw == boolean.class || raw == Boolean.class) {
      if (!node.isBoolean()) {
        throw problem(path, "must be true or false, got " + describe(node));
      }
      return node.booleanValue();
    } else if (raw == Instant.class) {
      if (!node.isTextual()) {
        throw problem(path, "must be a UTC time string, got " + describe(node));
      }
      try {
        return parseInstant(node.textValue());
      } catch (IllegalArgumentException e) {
        throw problem(path, Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    } else if (raw == LocalDate.class) {
      if (!node.isTextual()) {
        throw problem(path, "must be a date string, got " + describe(node));
      }
      try {
        return parseDate(node.textValue());
      } catch (IllegalArgumentException e) {
        throw problem(path, Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    } else if (raw.isEnum()) {
      return readEnum(node, raw, path);
    } else if (raw.isRecord()) {
      return readRecord(node, raw, path, exact);
    } else if (raw == List.class) {
      if (!node.isArray()) {
        throw problem(path, "must be an array, got " + describe(node));
      }
      Type element = typeArgument(type, 0, path);
      List<Object> out = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(read(node.get(i), element, exact ? "" : path + "[" + i + "]", exact));
      }
      return Collections.unmodifiableList(out);
    } else if (raw == Map.class) {
      if (!node.isObject()) {
        throw problem(path, "must be an object, got " + describe(node));
      }
      if (typeArgument(type, 0, path) != String.class) {
        throw new IllegalStateException(path + ": map keys must be strings");
      }
      Type valueType = typeArgument(type, 1, path);
      Map<String, Object> out = new TreeMap<>();
      for (var e : node.properties()) {
        out.put(e.getKey(), read(e.getValue(), valueType, child(path, e.getKey(), exact), exact));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalStateException(path + ": type " + type + " has no statement JSON form");
  }

  private static Object readEnum(JsonNode node, Class<?> raw, String path) {
    if (!node.isTextual()) {
      throw problem(path, "must be a string, got " + describe(node));
    }
    for (Object constant : raw.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(node.textValue())) {
        return constant;
      }
    }
    var names = new ArrayList<String>();
    for (Object constant : raw.getEnumConstants()) {
      names.add(((Enum<?>) constant).name());
    }
    throw problem(path, "must be one of " + names + ", got " + quote(node.textValue()));
  }

  private static Object readRecord(JsonNode node, Class<?> raw, String path, boolean exact) {
    if (!node.isObject()) {
      throw problem(path, "must be an object, got " + describe(node));
    }
    RecordComponent[] components = COMPONENTS.get(raw);
    Set<String> known = NAMES.get(raw);
    for (var e : node.properties()) {
      if (!known.contains(e.getKey())) {
        throw problem(join(path, e.getKey()), "unknown field (expected only " + known + ")");
      }
    }
    Object[] args = new Object[components.length];
    boolean[] omittable = OMITTED.get(raw);
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      JsonNode child = node.get(c.getName());
      if (child == null && omittable[i]) {
        args[i] = "";
        continue;
      }
      if (child == null) {
        throw problem(join(path, c.getName()), "missing field");
      }
      if (exact && omittable[i] && child.isTextual() && child.textValue().isEmpty()) {
        throw problem(path, c.getName() + " is present but empty; its encoding omits it");
      }
      args[i] = read(child, c.getGenericType(), child(path, c.getName(), exact), exact);
    }
    return construct(raw, args, path, exact);
  }

  /**
   * Runs the canonical constructor of {@code raw} on {@code args}, its components in declaration
   * order; with {@code exact}, refuses a record whose accessors do not give back the values given.
   * Shared with {@link CanonicalBinder}, so both readers build and check records the same way.
   *
   * @throws IllegalArgumentException if the constructor refuses the values, or changed one
   */
  static Object construct(Class<?> raw, Object[] args, String path, boolean exact) {
    Access access = ACCESS.get(raw);
    Object record;
    int changed = -1;
    try {
      record = access.construct(args);
      if (exact) {
        // What toTree writes is what the accessors return: each must be the value given.
        for (int i = 0; i < args.length; i++) {
          if (!Objects.equals(access.get(i, record), args[i])) {
            changed = i;
            break;
          }
        }
      }
    } catch (IllegalArgumentException
        | NullPointerException
        | DateTimeException
        | ArithmeticException e) {
      throw problem(path, String.valueOf(e.getMessage()));
    } catch (Throwable e) {
      throw new IllegalStateException("constructor of " + raw.getName() + " failed", e);
    }
    if (changed >= 0) {
      throw problem(path, COMPONENTS.get(raw)[changed].getName() + " was changed by the record");
    }
    return record;
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported type " + type);
  }

  private static Type typeArgument(Type type, int index, String path) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    throw new IllegalStateException(path + ": raw collection type " + type);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static IllegalArgumentException problem(String path, String reason) {
    return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + reason);
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "the string " + quote(node.textValue());
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> node.asText();
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Quotes a value for a message, abbreviated so that messages stay bounded. */
  public static String quote(String value) {
    String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
    return "\"" + shown.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
  }
}
