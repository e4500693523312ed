package org.countersign.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.log.tile.TileClient;

/**
 * Audits a running log over HTTP the way an outsider would: verified checkpoint, every tile and
 * entry bundle, recomputed root, leaf hashes of every entry.
 */
final class LogAudit {
  /** What an audit saw. */
  record Audited(Checkpoint checkpoint, String note, List<byte[]> entries) {}

  private LogAudit() {}

  static Checkpoint openCheckpoint(String note, String vkey) throws LogException {
    return Checkpoint.fromNote(Note.open(note, Verifiers.of(VerifierKey.parse(vkey).verifier())));
  }

  /**
   * Fetches and verifies the whole published log with the log core's {@link TileClient}: the
   * checkpoint against the log key, the root against the tiles, every entry against its leaf hash.
   */
  static Audited audit(HttpTestClient client, String vkey) throws Exception {
    HttpTestClient.Answer cp = client.get("checkpoint");
    assertThat(cp.status()).isEqualTo(200);
    assertThat(cp.header("Content-Type")).startsWith("text/plain");
    String note = cp.text();
    Checkpoint c = openCheckpoint(note, vkey);
    TileClient tiles = new TileClient(path -> fetch(client, path), c.size(), c.root());
    if (c.size() == 0) {
      assertThat(c.root()).isEqualTo(Hash.EMPTY);
      return new Audited(c, note, List.of());
    }
    tiles.verifyRoot();
    List<byte[]> entries = new ArrayList<>();
    for (long n = 0; n * 256 < c.size(); n++) {
      entries.addAll(tiles.entryBundle(n));
    }
    assertThat(entries).hasSize((int) c.size());
    return new Audited(c, note, entries);
  }

  /** A tile fetch over HTTP that also checks the tlog-tiles response headers. */
  static byte[] fetch(HttpTestClient client, String path) throws IOException {
    HttpTestClient.Answer a;
    try {
      a = client.get(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (a.status() != 200) {
      throw new IOException(path + " answered " + a.status());
    }
    assertThat(a.header("Content-Type")).as(path).isEqualTo("application/octet-stream");
    boolean partial = path.contains(".p/");
    assertThat(a.header("Cache-Control"))
        .as(path)
        .isEqualTo(partial ? "public, max-age=60" : "public, max-age=31536000, immutable");
    return a.body();
  }

  static List<byte[]> parseBundle(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    while (at < b.length) {
      int len = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
      byte[] e = new byte[len];
      System.arraycopy(b, at + 2, e, 0, len);
      out.add(e);
      at += 2 + len;
    }
    return out;
  }

  /** A parsed tlog-proof receipt. */
  record ParsedReceipt(long index, List<Hash> proof, String checkpointNote) {}

  static ParsedReceipt parseReceipt(String text) throws LogException {
    String[] parts = text.split("\n\n", 2);
    String[] lines = parts[0].lines().toArray(String[]::new);
    assertThat(lines[0]).isEqualTo("c2sp.org/tlog-proof@v1");
    assertThat(lines[1]).startsWith("index ");
    long index = Long.parseLong(lines[1].substring(6));
    List<Hash> proof = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      proof.add(Hash.fromBase64(lines[i]));
    }
    return new ParsedReceipt(index, proof, parts[1]);
  }

  /** Verifies a receipt offline against the entry bytes and the log key; returns its checkpoint. */
  static Checkpoint verifyReceipt(String receipt, byte[] entry, String vkey) throws LogException {
    ParsedReceipt r = parseReceipt(receipt);
    Checkpoint c = openCheckpoint(r.checkpointNote(), vkey);
    ProofVerifier.verifyInclusion(
        new InclusionProof(r.index(), c.size(), r.proof()), Rfc6962.leafHash(entry), c.root());
    return c;
  }

  /**
   * Checks that {@code older} is a prefix of {@code newer} with a consistency proof from the API.
   */
  static void verifyConsistent(HttpTestClient client, Checkpoint older, Checkpoint newer)
      throws Exception {
    if (older.size() == 0 || older.size() == newer.size()) {
      if (older.size() == newer.size()) {
        assertThat(older.root()).isEqualTo(newer.root());
      }
      return;
    }
    HttpTestClient.Answer a =
        client.get("api/v1/proofs/consistency?from=" + older.size() + "&to=" + newer.size());
    assertThat(a.status()).isEqualTo(200);
    List<Hash> path = new ArrayList<>();
    for (var h : a.json().get("proof")) {
      path.add(Hash.fromBase64(h.asText()));
    }
    ProofVerifier.verifyConsistency(
        new ConsistencyProof(older.size(), newer.size(), path), older.root(), newer.root());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static IOException io(String m) {
    return new IOException(m);
  }
}
