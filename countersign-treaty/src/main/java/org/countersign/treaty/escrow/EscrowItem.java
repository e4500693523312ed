package org.countersign.treaty.escrow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.statement.EscrowFieldRules;
import org.countersign.treaty.statement.RevealedItem;

/**
 * One declared item, as committed under escrow: its unique identifier, category, status, site, zone
 * and numeric attributes (loadings such as {@code reentry-vehicles} or {@code warheads}).
 *
 * <h2>Canonical encoding</h2>
 *
 * <p>{@link #canonicalBytes()} is the exact input of the item's commitment, so it must be
 * injective: two different items must never encode alike. Every field is length-prefixed and the
 * attribute map is written in key order:
 *
 * <pre>
 *   u32 len || id || u32 len || category || u32 len || status || u32 len || site || u32 len || zone
 *   || u32 attributeCount || { u32 len || key || u64 value }*   (keys ascending, values >= 0)
 *   [ || u32 len || type ]                                       (only when a type is stated)
 * </pre>
 *
 * <p>The type comes last and only when stated, so an item without one encodes exactly as before
 * types existed (its commitment is unchanged) and the encoding stays injective: the attribute count
 * fixes where the attributes end, and bytes after them can only be a non-empty type.
 *
 * <p>Lengths are unsigned big-endian and strings are ASCII (the field rules admit nothing else).
 * {@link #decode} is the strict inverse: it refuses trailing bytes, out-of-order or repeated keys
 * and anything the field rules refuse, so that {@code decode(b).canonicalBytes()} equals {@code b}.
 *
 * @param id unique identifier within a declaration
 * @param category kebab-case category, e.g. {@code icbm}
 * @param status kebab-case status, e.g. {@code deployed}
 * @param site site identifier
 * @param zone zone identifier, or {@code ""} when the treaty has no zones
 * @param attributes numeric attributes by kebab-case name (sorted, immutable)
 * @param type the item's type within its category (e.g. {@code b-52h}), or {@code ""} when not
 *     stated
 */
public record EscrowItem(
    String id,
    String category,
    String status,
    String site,
    String zone,
    Map<String, Long> attributes,
    String type) {

  /** Upper bound of {@link #canonicalBytes()}'s length that {@link #decode} accepts. */
  public static final int MAX_ENCODED_LENGTH = 64 * 1024;

  private static final int MAX_ATTRIBUTES = 64;

  public EscrowItem {
    EscrowFieldRules.identifier("item id", id);
    try {
      EscrowFieldRules.name("category", category);
      EscrowFieldRules.name("status", status);
      EscrowFieldRules.identifier("site", site);
      EscrowFieldRules.optionalIdentifier("zone", zone);
      attributes = EscrowFieldRules.counts("attributes", attributes);
      EscrowFieldRules.optionalName("type", type);
    } catch (IllegalArgumentException e) {
      // Messages are built only on failure: committing a million items builds none.
      throw new IllegalArgumentException("item " + id + ": " + e.getMessage(), e);
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(
          "item " + id + " has " + attributes.size() + " attributes, more than " + MAX_ATTRIBUTES);
    }
  }

  /** An item whose type is not stated. */
  public EscrowItem(
      String id,
      String category,
      String status,
      String site,
      String zone,
      Map<String, Long> attributes) {
    this(id, category, status, site, zone, attributes, "");
  }

  /** An item without attributes. */
  public static EscrowItem of(String id, String category, String status, String site, String zone) {
    return new EscrowItem(id, category, status, site, zone, Map.of(), "");
  }

  /** The item fields of an opened item (validating them again, as any constructor does). */
  public static EscrowItem from(RevealedItem opened) {
    return new EscrowItem(
        opened.id(),
        opened.category(),
        opened.status(),
        opened.site(),
        opened.zone(),
        opened.attributes(),
        opened.type());
  }

  /** This item with a different status (e.g. after a change notification). */
  public EscrowItem withStatus(String newStatus) {
    return new EscrowItem(id, category, newStatus, site, zone, attributes, type);
  }

  /** This item at another site and zone. */
  public EscrowItem withLocation(String newSite, String newZone) {
    return new EscrowItem(id, category, status, newSite, newZone, attributes, type);
  }

  /** This item with one attribute set to {@code value}. */
  public EscrowItem withAttribute(String name, long value) {
    var copy = new TreeMap<>(attributes);
    copy.put(name, value);
    return new EscrowItem(id, category, status, site, zone, copy, type);
  }

  /** The value of a numeric attribute, or {@code -1} when the item does not carry it. */
  public long attribute(String name) {
    Long v = attributes.get(name);
    return v == null ? -1 : v;
  }

  /** The canonical, injective byte encoding described in the class documentation. */
  public byte[] canonicalBytes() {
    // Sized exactly and written by hand: this runs once per item when committing a million.
    int size =
        5 * Integer.BYTES
            + id.length()
            + category.length()
            + status.length()
            + site.length()
            + zone.length()
            + Integer.BYTES;
    for (String key : attributes.keySet()) {
      size += Integer.BYTES + key.length() + Long.BYTES;
    }
    if (!type.isEmpty()) {
      size += Integer.BYTES + type.length();
    }
    byte[] out = new byte[size];
    int at = putString(out, 0, id);
    at = putString(out, at, category);
    at = putString(out, at, status);
    at = putString(out, at, site);
    at = putString(out, at, zone);
    at = putInt(out, at, attributes.size());
    for (var e : attributes.entrySet()) {
      at = putString(out, at, e.getKey());
      at = putInt(out, at, (int) (e.getValue() >>> 32));
      at = putInt(out, at, (int) (long) e.getValue());
    }
    if (!type.isEmpty()) {
      putString(out, at, type);
    }
    return out;
  }

  /**
   * Parses a canonical encoding, strictly.
   *
   * @throws IllegalArgumentException naming the field that is truncated, oversized, out of order or
   *     invalid, or reporting trailing bytes
   */
  public static EscrowItem decode(byte[] encoded) {
    if (encoded.length > MAX_ENCODED_LENGTH) {
      throw new IllegalArgumentException(
          "an encoded item is at most " + MAX_ENCODED_LENGTH + " bytes, got " + encoded.length);
    }
    ByteBuffer in = ByteBuffer.wrap(encoded);
    String id = readString(in, "id");
    String category = readString(in, "category");
    String status = readString(in, "status");
    String site = readString(in, "site");
    String zone = readString(in, "zone");
    int count = readInt(in, "attribute count");
    if (count < 0 || count > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(
          "attribute count must be 0.."
              + MAX_ATTRIBUTES
              + ", got "
              + Integer.toUnsignedString(count));
    }
    var attributes = new TreeMap<String, Long>();
    String previous = null;
    for (int i = 0; i < count; i++) {
      String key = readString(in, "attribute name " + i);
      if (previous != null && key.compareTo(previous) <= 0) {
        throw new IllegalArgumentException(
            "attribute names must be strictly ascending: \""
                + key
                + "\" after \""
                + previous
                + "\"");
      }
      if (in.remaining() < Long.BYTES) {
        throw new IllegalArgumentException("truncated value of attribute " + key);
      }
      attributes.put(key, in.getLong());
      previous = key;
    }
    String type = "";
    if (in.hasRemaining()) {
      type = readString(in, "type");
      if (type.isEmpty()) {
        // An empty type is written as no type at all: one encoding per item.
        throw new IllegalArgumentException("an empty type is encoded by leaving it out");
      }
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(
          in.remaining() + " trailing bytes after the item encoding");
    }
    return new EscrowItem(id, category, status, site, zone, attributes, type);
  }

  /** Writes a length-prefixed ASCII string (the field rules admit only ASCII). */
  private static int putString(byte[] out, int at, String s) {
    at = putInt(out, at, s.length());
    for (int i = 0; i < s.length(); i++) {
      out[at++] = (byte) s.charAt(i);
    }
    return at;
  }

  private static int putInt(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
    return at + 4;
  }

  private static int readInt(ByteBuffer in, String field) {
    if (in.remaining() < Integer.BYTES) {
      throw new IllegalArgumentException("truncated length of " + field);
    }
    return in.getInt();
  }

  private static String readString(ByteBuffer in, String field) {
    int len = readInt(in, field);
    if (len < 0 || len > in.remaining()) {
      throw new IllegalArgumentException(
          field
              + " claims "
              + Integer.toUnsignedString(len)
              + " bytes but "
              + in.remaining()
              + " remain");
    }
    byte[] b = new byte[len];
    in.get(b);
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        throw new IllegalArgumentException(field + " is not printable ASCII");
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }
}
