package org.countersign.server.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.VerifierKey;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.protocol.KeyRegistry;
import org.countersign.treaty.protocol.SigningRule;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link KeyRegistry} at start: from a snapshot kept in the store's metadata, then by
 * replaying the registry statements logged after it.
 *
 * <p>The snapshot is a cache, never the truth: it records the tree size it covers, is written after
 * the commit it reflects (so it may lag, never lead), and anything after its size is replayed from
 * the entries themselves. A missing or unreadable snapshot only costs a full replay. Only entries
 * whose header names a registry kind are decoded, so a replay reads every entry but parses few.
 */
public final class RegistrySnapshot {
  private static final Logger log = LoggerFactory.getLogger(RegistrySnapshot.class);
  static final String META_KEY = "server.registry.v1";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String REGISTRATION =
      StatementCodec.HEADER_PREFIX + StatementCodec.kindOf(PartyKeyRegistration.class) + "\n";
  private static final String ROTATION =
      StatementCodec.HEADER_PREFIX + StatementCodec.kindOf(KeyRotation.class) + "\n";

  private RegistrySnapshot() {}

  /**
   * The registry as of the first {@code size} entries of the log in {@code store}, whose origin is
   * {@code origin}, with first registrations bound to {@code firstKeys}.
   */
  public static KeyRegistry load(LogStore store, long size, String origin, FirstKeys firstKeys)
      throws StoreException {
    long from = 0;
    KeyRegistry registry = new KeyRegistry(firstKeys);
    Optional<byte[]> meta = store.getMeta(META_KEY);
    if (meta.isPresent()) {
      try {
        Decoded d = decode(meta.get(), firstKeys);
        if (d.size() <= size) {
          registry = d.registry();
          from = d.size();
        }
      } catch (IOException | RuntimeException e) {
        log.warn(
            "event=registry_snapshot_unreadable error=\"{}\"; replaying the whole log",
            e.toString());
      }
    }
    long replayed = replay(store, from, size, origin, registry);
    log.info(
        "event=registry_loaded parties={} snapshot_size={} replayed_entries={}",
        registry.size(),
        from,
        replayed);
    return registry;
  }

  /** Stores a snapshot of {@code registry} as of tree size {@code size}. */
  public static void save(LogStore store, KeyRegistry registry, long size) throws StoreException {
    store.putMeta(META_KEY, encode(registry, size));
  }

  private static long replay(
      LogStore store, long from, long size, String origin, KeyRegistry registry)
      throws StoreException {
    long at = from;
    while (at < size) {
      int n = (int) Math.min(LogStore.MAX_READ_ENTRIES, size - at);
      List<byte[]> entries = store.readEntries(at, n);
      if (entries.isEmpty()) {
        throw new StoreException("the store lacks entry " + at + " of a tree of size " + size);
      }
      KeyRegistry.Draft draft = registry.draft();
      for (int i = 0; i < entries.size(); i++) {
        admit(draft, entries.get(i), at + i, origin);
      }
      registry.apply(draft);
      at += entries.size();
    }
    return at - from;
  }

  private static void admit(KeyRegistry.Draft draft, byte[] entry, long index, String origin) {
    if (!startsWith(entry, REGISTRATION) && !startsWith(entry, ROTATION)) {
      return;
    }
    try {
      Statement s = EntryDecoder.decode(entry, origin).statement();
      if (s instanceof PartyKeyRegistration || s instanceof KeyRotation) {
        // Registrations and rotations name their keys: the registry argument is not consulted.
        draft.admit(SigningRule.keyEvent(s, new KeyRegistry(FirstKeys.none())));
      }
    } catch (EntryRejectedException | RuntimeException e) {
      // The server refuses such entries on the way in; a log written otherwise is reported, and
      // the entry has no effect on the registry, as it has none in an auditor's replay.
      log.warn("event=registry_replay_skipped index={} error=\"{}\"", index, e.toString());
    }
  }

  private static boolean startsWith(byte[] entry, String prefix) {
    if (entry.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (entry[i] != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  record Decoded(long size, KeyRegistry registry) {}

  static byte[] encode(KeyRegistry registry, long size) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("size", size);
    ObjectNode parties = root.putObject("parties");
    new TreeMap<>(registry.parties())
        .forEach(
            (party, history) -> {
              ArrayNode a = parties.putArray(party);
              for (KeyRegistry.KeyPeriod p : history) {
                a.addObject().put("key", p.key().encode()).put("from", p.from().toString());
              }
            });
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the registry", e);
    }
  }

  static Decoded decode(byte[] bytes, FirstKeys firstKeys) throws IOException {
    JsonNode root = MAPPER.readTree(bytes);
    long size = root.path("size").asLong(-1);
    if (size < 0) {
      throw new IOException("snapshot has no size");
    }
    Map<String, List<KeyRegistry.KeyPeriod>> parties = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("parties").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      List<KeyRegistry.KeyPeriod> history = new ArrayList<>();
      for (JsonNode p : e.getValue()) {
        try {
          history.add(
              new KeyRegistry.KeyPeriod(
                  VerifierKey.parse(p.path("key").asText()),
                  Instant.parse(p.path("from").asText())));
        } catch (MalformedInputException | DateTimeParseException ex) {
          throw new IOException("bad key period for " + e.getKey() + ": " + ex.getMessage(), ex);
        }
      }
      parties.put(e.getKey(), history);
    }
    return new Decoded(size, new KeyRegistry(firstKeys, parties));
  }
}
