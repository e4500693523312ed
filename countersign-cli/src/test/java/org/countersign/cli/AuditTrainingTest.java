package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The launcher's training run of the audit's cache must be a real audit that passes: a run that
 * failed early would train the cache on an error path, and one that failed late would leave no
 * cache at all (the launcher keeps the cache only after an exit status of 0).
 */
class AuditTrainingTest {
  @Test
  void run_auditsItsMadeUpLog_andPasses() throws Exception {
    assertThat(AuditTraining.run(300)).isZero();
  }
}
