package org.countersign.treaty.escrow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealedItem;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Cuts the opened items of one reveal into as few {@link EscrowReveal} parts as the statement size
 * cap ({@link StatementCodec#MAX_TEXT_BYTES}) allows, keeping leaf order.
 *
 * <p>An item's size in the codec's canonical JSON is computed arithmetically ({@link #jsonSize}):
 * every field of a {@link RevealedItem} is ASCII that RFC 8785 writes without escapes, so the size
 * is the sum of the field lengths and the fixed syntax. The tests hold this equal to the codec's
 * own output, and every part is encoded once at the end to prove it fits.
 */
final class RevealParts {
  /**
   * Room left for the digits of {@code part} and {@code parts}, which grow as parts are counted.
   */
  private static final int MARGIN = 64;

  private RevealParts() {}

  static List<EscrowReveal> split(
      String treaty,
      String author,
      Instant issuedAt,
      String root,
      RevealSelection selection,
      List<RevealedItem> items) {
    if (items.isEmpty()) {
      return List.of(new EscrowReveal(treaty, author, issuedAt, root, selection, 1, 1, items));
    }
    int firstSize = jsonSize(items.get(0));
    int overhead =
        utf8(
                StatementCodec.encodeText(
                    new EscrowReveal(
                        treaty, author, issuedAt, root, selection, 1, 1, List.of(items.get(0))),
                    StatementCodec.WIDEST_ORIGIN))
            - firstSize;
    int budget = StatementCodec.MAX_TEXT_BYTES - overhead - MARGIN;
    var groups = new ArrayList<List<RevealedItem>>();
    var current = new ArrayList<RevealedItem>();
    int used = 0;
    for (RevealedItem item : items) {
      int size = jsonSize(item) + 1; // the separating comma
      if (size > budget) {
        throw new IllegalArgumentException(
            "opened item " + item.id() + " alone exceeds the statement size cap");
      }
      if (used + size > budget) {
        groups.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(item);
      used += size;
    }
    groups.add(current);
    if (groups.size() > EscrowReveal.MAX_PARTS) {
      throw new IllegalArgumentException(
          items.size()
              + " opened items need "
              + groups.size()
              + " parts, more than "
              + EscrowReveal.MAX_PARTS);
    }
    var parts = new ArrayList<EscrowReveal>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      var part =
          new EscrowReveal(
              treaty, author, issuedAt, root, selection, i + 1, groups.size(), groups.get(i));
      // Throws if the packing were ever wrong.
      StatementCodec.encodeText(part, StatementCodec.WIDEST_ORIGIN);
      parts.add(part);
    }
    return List.copyOf(parts);
  }

  /**
   * The length of {@code item} in canonical JSON: {@code
   * {"attributes":{..},"category":"..","id":"..",
   * "leafIndex":n,"proof":[..],"salt":"..","site":"..","status":"..","zone":".."}}.
   */
  static int jsonSize(RevealedItem item) {
    int size = 2 + 8; // braces, and the commas between nine members
    size += member("attributes") + 2 + Math.max(0, item.attributes().size() - 1);
    for (var e : item.attributes().entrySet()) {
      size += e.getKey().length() + 3 + Long.toString(e.getValue()).length();
    }
    size += member("category") + quoted(item.category());
    size += member("id") + quoted(item.id());
    size += member("leafIndex") + Long.toString(item.leafIndex()).length();
    size += member("proof") + 2 + Math.max(0, item.proof().size() - 1) + item.proof().size() * 66;
    size += member("salt") + quoted(item.salt());
    size += member("site") + quoted(item.site());
    size += member("status") + quoted(item.status());
    size += member("zone") + quoted(item.zone());
    return size;
  }

  /** {@code "name":} */
  private static int member(String name) {
    return name.length() + 3;
  }

  private static int quoted(String value) {
    return value.length() + 2;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
