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
        .matches("countersign: audit: 5,000 of 5,000 entries verified \\(100%, [0-9,]+/s\\)");
    // Before the last line: the rate and what is left.
    assertThat(lines[0])
        .matches(".*entries verified \\([0-9]+%, [0-9,]+/s, about [0-9,]+ s left\\)");
  }

  @Test
  void step_saysWhatTheAuditDoesBeforeTheFirstCount() {
    StringWriter err = new StringWriter();
    AuditCommand.ProgressLine p = new AuditCommand.ProgressLine(new PrintWriter(err), false);
    p.step("fetching the hash tiles", 5000);
    p.step("fetching tiny things", 10); // short logs show nothing
    assertThat(err.toString()).isEqualTo("countersign: audit: fetching the hash tiles\n");
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
