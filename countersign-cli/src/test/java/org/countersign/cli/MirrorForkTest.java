package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.LogServer;
import org.countersign.server.ServerOptions;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a mirror updated from a log that shows another history under the same key refuses it,
 * keeps both checkpoints and writes split-view evidence; nor does it take another log's key.
 */
class MirrorForkTest {
  @TempDir Path dir;
  private final List<LogServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(LogServer::stop);
  }

  private LogServer start(String name, @Nullable Path keyFrom) throws Exception {
    Path data = dir.resolve(name);
    Files.createDirectories(data);
    if (keyFrom != null) {
      Files.copy(keyFrom.resolve("log.key"), data.resolve("log.key"));
    }
    LogServer s =
        LogServer.start(
            ServerOptions.builder()
                .dataDir(data)
                .port(0)
                .treatyId("new-start")
                .batchMaxDelay(Duration.ofMillis(5))
                .firstKeys(
                    FirstKeys.of(
                        Map.of(
                            "US", VerifierKey.parse(keyOf("US").verifierKey()),
                            "RU", VerifierKey.parse(keyOf("RU").verifierKey()))))
                .build());
    servers.add(s);
    return s;
  }

  /** The party's key, the same on every server: the first keys agreed for these tests. */
  private static SignerKey keyOf(String party) {
    return SignerKey.fromSeed(
        "party.test/" + party.toLowerCase(java.util.Locale.ROOT),
        org.countersign.log.Hash.sha256(("mirror fork " + party).getBytes(StandardCharsets.UTF_8))
            .bytes());
  }

  /** Logs the key registration of {@code party}; two servers differ by what they register first. */
  private static void register(LogServer s, String party) throws Exception {
    SignerKey key = keyOf(party);
    String json =
        "{\"kind\":\"party-key-registration\",\"treaty\":\"new-start\",\"author\":\""
            + party
            + "\",\"verifierKey\":\""
            + key.verifierKey()
            + "\"}";
    byte[] note =
        Note.sign(
                StatementCodec.encodeText(
                    StatementJson.parse(
                        json.getBytes(StandardCharsets.UTF_8), InstantSource.system()),
                    "countersign.local/new-start"),
                key)
            .getBytes(StandardCharsets.UTF_8);
    LogHttpClient.of(s.url()).submit(note);
  }

  private CliRun mirror(LogServer s, Path out, boolean withKey) {
    List<String> args =
        new ArrayList<>(List.of("mirror", "--server", s.url().toString(), "--out", out.toString()));
    if (withKey) {
      args.addAll(List.of("--vkey", s.verifierKey()));
    }
    return CliRun.run("", args.toArray(String[]::new));
  }

  @Test
  void otherHistoryUnderTheSameKey_refusedWithBothCheckpointsAndEvidence() throws Exception {
    LogServer a = start("a", null);
    register(a, "US");
    Path out = dir.resolve("mirror");
    assertThat(mirror(a, out, true).exitCode()).isZero();
    String held = Files.readString(out.resolve("checkpoint"));

    LogServer b = start("b", dir.resolve("a")); // same key and origin, another history
    register(b, "RU");
    register(b, "US");
    CliRun forked = mirror(b, out, true);
    assertThat(forked.exitCode()).as(forked.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(forked.err())
        .contains("SPLIT VIEW: the served size-2 tree does not extend the mirrored size-1 tree")
        .contains("the mirror is unchanged");
    assertThat(out.resolve("checkpoint")).hasContent(held);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("checkpoint.conflict-2-"));
    }
    Path evidence;
    try (Stream<Path> files = Files.list(out.resolve("evidence"))) {
      evidence = files.findFirst().orElseThrow();
    }
    CliRun proven =
        CliRun.run("", "evidence", "verify", evidence.toString(), "--vkey", a.verifierKey());
    assertThat(proven.exitCode()).as(proven.out() + proven.err()).isZero();

    // A same-size fork is caught too (the evidence needs no proof).
    LogServer c = start("c", dir.resolve("a"));
    register(c, "RU");
    CliRun sameSize = mirror(c, out, false);
    assertThat(sameSize.exitCode()).as(sameSize.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(sameSize.err()).contains("SPLIT VIEW: two trees of size 1");
    assertThat(out.resolve("checkpoint")).hasContent(held);
  }

  @Test
  void anotherLogsKey_neverReplacesTheMirrorsKey() throws Exception {
    LogServer a = start("a", null);
    register(a, "US");
    Path out = dir.resolve("mirror");
    assertThat(mirror(a, out, true).exitCode()).isZero();
    String key = Files.readString(out.resolve("log.vkey"));

    LogServer other = start("other", null); // its own fresh key, same origin
    register(other, "US");
    register(other, "RU");
    CliRun stated = mirror(other, out, false);
    assertThat(stated.exitCode()).as(stated.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(stated.err()).contains("the mirror is unchanged");
    CliRun given = mirror(other, out, true);
    assertThat(given.exitCode()).as(given.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(out.resolve("log.vkey")).hasContent(key);

    // The same log, grown, still updates the mirror without --vkey.
    register(a, "RU");
    CliRun grown = mirror(a, out, false);
    assertThat(grown.exitCode()).as(grown.err()).isZero();
    assertThat(grown.out()).contains("mirrored 2 entries");
  }
}
