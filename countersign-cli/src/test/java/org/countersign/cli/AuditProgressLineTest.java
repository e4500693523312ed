package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AuditProgressLineTest {
  @Test
  void entries_longAuditWithoutTerminal_printsAFewLinesEndingAtTheTotal() {
    StringWriter err = new StringWriter();
    AuditCommand.ProgressLine p = new AuditCommand.ProgressLine(new PrintWriter(err), false);
    for (long done = 256; done < 5000; done += 256) {
      p.entries(done, 5000);
    }
    p.entries(5000, 5000);
    p.end();
    String[] lines = err.toString().split("\n");
    assertThat(lines).hasSizeBetween(3, 6);
    assertThat(lines[lines.length - 1])
        .isEqualTo("countersign: audit: 5,000 of 5,000 entries verified (100%)");
  }

  @Test
  void entries_silent_printsNothing() {
    StringWriter err = new StringWriter();
    AuditCommand.ProgressLine p = new AuditCommand.ProgressLine(new PrintWriter(err), true);
    p.entries(5000, 5000);
    p.end();
    assertThat(err.toString()).isEmpty();
  }
}
