package org.countersign.server.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.submit.AdmissionCheck;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;
import org.countersign.treaty.negotiation.NegotiationRecord;
import org.countersign.treaty.negotiation.NegotiationReport;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;

/**
 * Keeps a negotiation log's {@link NegotiationRecord} and checks each submitted statement against
 * it: the server side of a negotiation log.
 *
 * <p>Negotiation logs are small (tens or hundreds of entries), so the record catches up with the
 * published log synchronously, under its lock, whenever it is asked; no follower thread. Like the
 * compliance admission, the checks that depend on the log's state run only while nothing accepted
 * is still waiting to be published, so that a reveal sent right after its commitment is not refused
 * for lacking it; the replay applies the same rules and lists such an entry as inadmissible if it
 * should have been refused.
 */
public final class NegotiationService implements AdmissionCheck {
  private final String negotiation;
  private final String origin;
  private final LogStore store;
  private final PublishedLog published;
  private final LongSupplier unpublished;
  private final NegotiationRecord record;
  private final List<LoggedStatement<?>> statements = new ArrayList<>();
  private long applied;

  /**
   * The negotiation log as far as it is published: every entry decoded, in log order, and the
   * record's report over exactly those entries.
   *
   * @param statements every published entry, decoded, in log order
   * @param report the record at the instant asked, over the same entries
   */
  public record Listing(List<LoggedStatement<?>> statements, NegotiationReport report) {
    public Listing {
      statements = List.copyOf(statements);
    }
  }

  /**
   * A service for the negotiation {@code negotiation} over the published entries of {@code store},
   * the log whose origin is {@code origin}.
   */
  public NegotiationService(
      String negotiation,
      String origin,
      LogStore store,
      PublishedLog published,
      LongSupplier unpublished) {
    this.negotiation = negotiation;
    this.origin = origin;
    this.store = store;
    this.published = published;
    this.unpublished = unpublished;
    this.record = new NegotiationRecord(negotiation);
  }

  /** The negotiation id. */
  public String negotiation() {
    return negotiation;
  }

  @Override
  public synchronized void check(Statement statement) throws InvalidStatementException {
    if (!statement.treaty().equals(negotiation)) {
      throw new InvalidStatementException(
          statement.kind()
              + ": names \""
              + statement.treaty()
              + "\", but this log keeps negotiation \""
              + negotiation
              + "\"");
    }
    if (unpublished.getAsLong() == 0) {
      catchUp();
      record.checkAdmissible(statement);
    }
  }

  /** The record's report at {@code at}, over every published entry. */
  public synchronized NegotiationReport report(Instant at) {
    catchUp();
    return record.reportAt(at);
  }

  /** Every published entry decoded, with the record's report at {@code at} over the same prefix. */
  public synchronized Listing listing(Instant at) {
    catchUp();
    return new Listing(statements, record.reportAt(at));
  }

  /** The exact text of the logged proposal with {@code digest}, if the published log has one. */
  public synchronized Optional<String> proposalText(String digest) {
    catchUp();
    return record.proposalText(digest);
  }

  private void catchUp() {
    long target = published.current().size();
    try {
      while (applied < target) {
        int count = (int) Math.min(LogStore.MAX_READ_ENTRIES, target - applied);
        List<byte[]> entries = store.readEntries(applied, count);
        if (entries.isEmpty()) {
          throw new IllegalStateException("the store lacks published entry " + applied);
        }
        for (byte[] entry : entries) {
          var logged =
              new LoggedStatement<>(applied, EntryDecoder.decode(entry, origin).statement());
          record.apply(logged);
          statements.add(logged);
          applied++;
        }
      }
    } catch (StoreException e) {
      throw new IllegalStateException("cannot read the negotiation log: " + e.getMessage(), e);
    } catch (EntryRejectedException e) {
      throw new IllegalStateException(
          "entry " + applied + " is not a statement this server can replay: " + e.getMessage(), e);
    }
  }
}
