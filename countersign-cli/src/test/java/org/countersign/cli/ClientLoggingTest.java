package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A client command run from {@code main} takes its logging levels from {@link Main#CLIENT_LOGGING}
 * (read only if something logs); one run in-process sets {@link Main#CLIENT_LEVELS} in code. The
 * two must say the same, or server log lines would reach a client command's stderr one way and not
 * the other.
 */
class ClientLoggingTest {
  @Test
  void clientConfiguration_setsTheLevelsMainSetsInCode() throws Exception {
    URL config =
        Objects.requireNonNull(
            Main.class.getClassLoader().getResource(Main.CLIENT_LOGGING), Main.CLIENT_LOGGING);
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);

    assertThat(Main.CLIENT_LEVELS).isNotEmpty();
    Main.CLIENT_LEVELS.forEach(
        (logger, level) ->
            assertThat(context.getLogger(logger).getLevel()).as(logger).isEqualTo(level));
    assertThat(context.getLogger("io.javalin.Javalin").getEffectiveLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("org.countersign.server.Sequencer").isInfoEnabled()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .as("the configuration parses without errors")
        .allMatch(s -> s.getLevel() < ch.qos.logback.core.status.Status.ERROR);
  }
}
