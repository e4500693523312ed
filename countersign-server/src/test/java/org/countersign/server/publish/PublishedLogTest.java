package org.countersign.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.countersign.log.Hash;
import org.junit.jupiter.api.Test;

/**
 * What the served checkpoint may be replaced by: never smaller, never a fork, never less signed.
 */
class PublishedLogTest {
  private static final Hash ROOT = Hash.sha256("root".getBytes(StandardCharsets.UTF_8));
  private static final String TEXT = "example.org/log\n7\nroot=\n\n";
  private static final String LOG = "— example.org/log AAAA\n";
  private static final String US = "— witness.us.example BBBB\n";
  private static final String RU = "— witness.ru.example CCCC\n";
  private static final String CN = "— witness.cn.example DDDD\n";

  private static PublishedCheckpoint at(long size, String... lines) {
    return new PublishedCheckpoint(size, ROOT, TEXT + String.join("", lines));
  }

  @Test
  void publish_sameSizeWithFewerSignatures_keepsTheFullerNote() {
    PublishedLog log = new PublishedLog(at(6, LOG));
    log.publish(at(7, LOG, US, RU, CN));

    log.publish(at(7, LOG, US, RU));

    assertThat(log.current().note()).isEqualTo(TEXT + LOG + US + RU + CN);
  }

  @Test
  void publish_sameSizeWithALateCosignature_servesIt() {
    PublishedLog log = new PublishedLog(at(7, LOG, US, RU));

    log.publish(at(7, LOG, US, RU, CN));

    assertThat(log.current().note()).isEqualTo(TEXT + LOG + US + RU + CN);
  }

  @Test
  void publish_sameSizeWithOtherCosignatures_replaces() {
    PublishedLog log = new PublishedLog(at(7, LOG, US, RU));

    log.publish(at(7, LOG, CN));

    assertThat(log.current().note()).isEqualTo(TEXT + LOG + CN);
  }

  @Test
  void publish_smaller_ignored() {
    PublishedLog log = new PublishedLog(at(7, LOG));

    log.publish(at(6, LOG, US, RU, CN));

    assertThat(log.current().size()).isEqualTo(7);
  }

  @Test
  void publish_sameSizeOtherRoot_refusedAsAFork() {
    PublishedLog log = new PublishedLog(at(7, LOG));
    PublishedCheckpoint fork = new PublishedCheckpoint(7, Hash.sha256(new byte[] {1}), TEXT + LOG);

    assertThatThrownBy(() -> log.publish(fork)).isInstanceOf(IllegalStateException.class);
  }
}
