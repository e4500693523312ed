package org.countersign.server.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.SignerKey;
import org.countersign.server.ServerOptions;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.witness.policy.WitnessPolicy;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 4: the treaty names who witnesses its log (role {@code witness}); a server
 * started with that treaty and a witness policy that leaves such a witness out, or lets strangers
 * stand in, refuses to start and says which witness.
 */
class WitnessPolicyTreatyTest {
  private static String vkey(String name) {
    SignerKey k =
        SignerKey.fromSeed(name, Hash.sha256(name.getBytes(StandardCharsets.UTF_8)).bytes());
    return name.startsWith("log")
        ? k.verifierKey()
        : new CosignatureSigner(k, InstantSource.system()).verifierKey();
  }

  private static WitnessPolicy policy(java.util.List<String> witnesses, String quorum)
      throws Exception {
    var text = new StringBuilder("log " + vkey("log.example/treaty") + "\n");
    int port = 1;
    for (String w : witnesses) {
      text.append("witness ")
          .append(w)
          .append(' ')
          .append(vkey("w." + w + ".example"))
          .append(" http://127.0.0.1:")
          .append(port++)
          .append('\n');
    }
    return WitnessPolicy.parse(text + quorum + "\n");
  }

  private static ServerOptions start(Treaty treaty, WitnessPolicy policy) {
    return ServerOptions.builder()
        .dataDir(Path.of("x"))
        .treaty(treaty)
        .witnessing(WitnessingOptions.of(policy))
        .build();
  }

  @Test
  void policyAgreeingWithTheTreatysWitnesses_starts() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    var o =
        start(
            framework,
            policy(
                java.util.List.of("US", "witness-network"),
                "group q all US witness-network\nquorum q"));
    assertThat(o.witnessing()).isPresent();
  }

  @Test
  void policyWithoutTheTreatysWitness_refusedNamingIt() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    assertThatThrownBy(
            () ->
                start(
                    framework,
                    policy(java.util.List.of("US", "RU"), "group q all US RU\nquorum q")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the witness policy does not match the witnesses of treaty")
        .hasMessageContaining(
            "names witness witness-network, but the policy has no witness named witness-network"
                + " (its witnesses: RU, US)");
  }

  @Test
  void treatyWitnessOutsideTheQuorum_orAStrangerInThePolicy_refused() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    assertThatThrownBy(
            () ->
                start(
                    framework,
                    policy(java.util.List.of("US", "witness-network"), "group q all US\nquorum q")))
        .hasMessageContaining("the policy's quorum does not count its cosignature");
    assertThatThrownBy(
            () ->
                start(
                    framework,
                    policy(
                        java.util.List.of("witness-network", "stranger"),
                        "group q all witness-network stranger\nquorum q")))
        .hasMessageContaining("policy witness stranger is not a participant of treaty");
  }

  @Test
  void treatyNamingNoWitness_acceptsAnyPolicy() throws Exception {
    Treaty newStart = TreatyLoader.builtIn("new-start");
    assertThat(
            start(
                    newStart,
                    policy(java.util.List.of("alpha", "beta"), "group q any alpha beta\nquorum q"))
                .witnessing())
        .isPresent();
  }
}
