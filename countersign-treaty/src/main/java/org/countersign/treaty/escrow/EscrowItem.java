package org.countersign.treaty.escrow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.statement.EscrowFieldRules;
import org.countersign.treaty.statement.RevealedItem;

/**
 * One declared item, as committed under escrow: its unique identifier, category, status, site,
 * zone and numeric attributes (loadings such as {@code reentry-vehicles} or {@code warheads}).
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
 * </pre>
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
 */
public record EscrowItem(
    String id, String category, String status, String site, String zone, Map<String, Long> attributes) {

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
    } catch (IllegalArgumentException e) {
      // Messages are built only on failure: committing a million items builds none.
      throw new IllegalArgumentException("item " + id + ": " + e.getMessage(), e);
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(
          "item " + id + " has " + attributes.size() + " attributes, more than " + MAX_ATTRIBUTES);
    }
  }

  /** An item without attributes. */
  public static EscrowItem of(String id, String category, String status, String site, String zone) {
    return new EscrowItem(id, category, status, site, zone, Map.of());
  }

  /** The item fields of an opened item (validating them again, as any constructor does). */
  public static EscrowItem from(RevealedItem opened) {
    return new EscrowItem(
        opened.id(), opened.category(), opened.status(), opened.site(), opened.zone(), opened.attributes());
  }

  /** This item with a different status (e.g. after a change notification). */
  public EscrowItem withStatus(String newStatus) {
    return new EscrowItem(id, category, newStatus, site, zone, attributes);
  }

  /** This item at another site and zone. */
  public EscrowItem withLocation(String newSite, String newZone) {
    return new EscrowItem(id, category, status, newSite, newZone, attributes);
  }

  /** This item with one attribute set to {@code value}. */
  public EscrowItem withAttribute(String name, long value) {
    var copy = new TreeMap<>(attributes);
    copy.put(name, value);
    return new EscrowItem(id, category, status, site, zone, copy);
  }

  /** The value of a numeric attribute, or {@code -1} when the item does not carry it. */
  public long attribute(String name) {
    Long v = attributes.get(name);
    return v == null ? -1 : v;
  }

  /** The canonical, injective byte encoding described in the class documentation. */
  public byte[] canonicalBytes() {
    var out = new ByteArrayOutputStream(96);
    writeString(out, id);
    writeString(out, category);
    writeString(out, status);
    writeString(out, site);
    writeString(out, zone);
    writeInt(out, attributes.size());
    for (var e : attributes.entrySet()) {
      writeString(out, e.getKey());
      writeLong(out, e.getValue());
    }
    return out.toByteArray();
  }

  /**
   * Parses a canonical encoding, strictly.
   *
   * @throws IllegalArgumentException naming the field that is truncated, oversized, out of order
   *     or invalid, or reporting trailing bytes
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
      throw new IllegalArgumentException("attribute count must be 0.." + MAX_ATTRIBUTES + ", got " + Integer.toUnsignedString(count));
    }
    var attributes = new TreeMap<String, Long>();
    String previous = null;
    for (int i = 0; i < count; i++) {
      String key = readString(in, "attribute name " + i);
      if (previous != null && key.compareTo(previous) <= 0) {
        throw new IllegalArgumentException(
            "attribute names must be strictly ascending: \"" + key + "\" after \"" + previous + "\"");
      }
      if (in.remaining() < Long.BYTES) {
        throw new IllegalArgumentException("truncated value of attribute " + key);
      }
      attributes.put(key, in.getLong());
      previous = key;
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " trailing bytes after the item encoding");
    }
    return new EscrowItem(id, category, status, site, zone, attributes);
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    writeInt(out, b.length);
    out.writeBytes(b);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    writeInt(out, (int) (v >>> 32));
    writeInt(out, (int) v);
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
          field + " claims " + Integer.toUnsignedString(len) + " bytes but " + in.remaining() + " remain");
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
