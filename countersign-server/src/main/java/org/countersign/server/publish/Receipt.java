package org.countersign.server.publish;

import java.util.List;
import java.util.Objects;
import org.countersign.log.Hash;

/**
 * A party's proof that its statement is in the log: the entry's index, its inclusion proof and the
 * checkpoint the proof leads to, as a C2SP {@code tlog-proof} (c2sp.org/tlog-proof@v1).
 *
 * <p>The text form is what the party keeps: it verifies offline against the log's verifier key
 * (and, once witnesses cosign, against a witness policy), with nothing but the entry bytes. Its
 * layout is fixed by the spec:
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * index &lt;decimal&gt;
 * &lt;base64 proof hash, leaf sibling first&gt;   (one per line, none for a one-entry tree)
 * &lt;empty line&gt;
 * &lt;checkpoint note verbatim, with its signatures&gt;
 * </pre>
 *
 * @param index the entry's index, {@code < treeSize}
 * @param treeSize the size of the checkpoint the proof leads to
 * @param leafHash the RFC 6962 leaf hash of the entry
 * @param inclusionProof the RFC 6962 inclusion path from the leaf to the checkpoint's root
 * @param checkpointNote the published checkpoint note, signatures included, ending in a newline
 */
public record Receipt(
    long index, long treeSize, Hash leafHash, List<Hash> inclusionProof, String checkpointNote) {

  /** The first line of every tlog-proof file. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  /** Copies the proof and checks the index against the tree size. */
  public Receipt {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(checkpointNote, "checkpointNote");
    inclusionProof = List.copyOf(inclusionProof);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index must be in [0, " + treeSize + "), got " + index);
    }
    if (!checkpointNote.endsWith("\n")) {
      throw new IllegalArgumentException("a checkpoint note ends with a newline");
    }
  }

  /** The receipt as a {@code .tlog-proof} file. */
  public String text() {
    StringBuilder b = new StringBuilder(256 + 45 * inclusionProof.size() + checkpointNote.length());
    b.append(HEADER).append('\n');
    b.append("index ").append(index).append('\n');
    for (Hash h : inclusionProof) {
      b.append(h.base64()).append('\n');
    }
    b.append('\n');
    b.append(checkpointNote);
    return b.toString();
  }
}
