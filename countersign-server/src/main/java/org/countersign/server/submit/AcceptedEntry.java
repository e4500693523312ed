package org.countersign.server.submit;

import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.store.NewEntry;
import org.countersign.treaty.protocol.KeyRegistry.KeyEvent;

/**
 * A submission that passed every stateless check and waits to be sequenced.
 *
 * @param entry the entry bytes and their identity (SHA-256 of the bytes)
 * @param leafHash the RFC 6962 leaf hash of the bytes, computed once at submission
 * @param keyEvent what the entry asks of the party key registry, re-checked in log order
 * @param author the statement's author, for logs
 * @param kind the statement's kind, for logs
 */
public record AcceptedEntry(
    NewEntry entry, Hash leafHash, KeyEvent keyEvent, String author, String kind) {
  public AcceptedEntry {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(keyEvent, "keyEvent");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(kind, "kind");
  }

  /** The identity under which duplicates are recognised. */
  public Hash identity() {
    return entry.identity();
  }
}
