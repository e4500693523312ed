package org.countersign.server.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.log.note.SignerKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal in a real browser against a real log server: what it shows, and that its in-browser
 * verification accepts the log's own data and rejects every kind of tampering with it (the proof,
 * the entry, the checkpoint's signature, the key).
 *
 * <p>Tampering is done by Playwright intercepting the browser's requests, which is what a lying
 * server (or anything between it and the reader) could do.
 */
class PortalBrowserIT extends PortalPageSession {
  static final int DECLARATION = 2;
  static final int LAST = 5;

  @TempDir static Path dataDir;
  @TempDir static Path treatyDataDir;
  static PortalLog log;
  static PortalLog treatyLog;

  PortalBrowserIT() {
    // The series answers 404 by design on the server without a treaty file.
    checks.expectMissing("/api/v1/compliance/series");
  }

  @BeforeAll
  static void start() throws Exception {
    log = served(PortalLog.start(dataDir));
    treatyLog = served(PortalLog.startWithTreaty(treatyDataDir));
  }

  String url(String path) {
    return log.url().resolve(path).toString();
  }

  String root() {
    return log.server.checkpoint().root().base64();
  }

  @Test
  void overview_publishedLog_showsOriginSizeAndVerifiedLogSignature() throws Exception {
    page.navigate(url("/"));
    assertThat(page.locator("#log-origin")).hasText(log.server.origin());
    assertThat(page.locator("#log-vkey")).hasText(log.server.verifierKey());
    assertThat(page.locator("#log-treaty")).hasText(PortalLog.TREATY);
    assertThat(page.locator("#checkpoint-size")).hasText(Integer.toString(log.entries.size()));
    assertThat(page.locator("#checkpoint-root")).hasText(root());
    assertThat(page.locator("#checkpoint-outcome")).hasAttribute("data-outcome", "verified");
    assertThat(page.locator("#signatures tbody tr")).hasCount(1);
    assertThat(page.locator("#signatures tbody tr")).containsText("valid, checked in your browser");
    assertThat(page.locator("#published-size")).hasText(Integer.toString(log.entries.size()));
    assertThat(page.locator("#integrated-size")).hasText(Integer.toString(log.entries.size()));
    assertThat(page.locator("#health")).containsText("Healthy");
    assertThat(page.locator("#entries-table tbody tr")).hasCount(5);
    assertThat(page.locator("#entries-table tbody tr").first()).hasAttribute("data-index", "5");
    screenshot("overview.png");
  }

  @Test
  void overview_cosignedCheckpoint_listsWitnessByNameAndTime() {
    // A cosignature line (key ID, 8-byte timestamp, 64-byte signature) added to the served note:
    // listed with its time, not verified here, and the log's own signature still checks.
    byte[] cosignature = new byte[4 + 8 + 64];
    java.nio.ByteBuffer.wrap(cosignature, 4, 8).putLong(1_767_225_600L); // 2026-01-01T00:00:00Z
    String line =
        "\u2014 witness.example/w1 " + Base64.getEncoder().encodeToString(cosignature) + "\n";
    tamperJson(
        "**/api/v1/log", body -> body.put("checkpoint", body.get("checkpoint").asText() + line));
    page.navigate(url("/"));
    assertThat(page.locator("#checkpoint-outcome")).hasAttribute("data-outcome", "verified");
    assertThat(page.locator("#signatures tbody tr")).hasCount(2);
    assertThat(page.locator("#signatures tbody tr").nth(1)).containsText("witness.example/w1");
    assertThat(page.locator("#signatures tbody tr").nth(1))
        .containsText("witness cosignature (cosignature/v1)");
    assertThat(page.locator("#signatures tbody tr").nth(1)).containsText("2026-01-01 00:00:00 UTC");
    assertThat(page.locator("#signatures tbody tr").nth(1)).containsText("witness policy");
  }

  @Test
  void entries_firstPage_listsEveryEntryNewestFirst() {
    page.navigate(url("/portal/entries.html"));
    assertThat(page.locator("#entries-table tbody tr")).hasCount(log.entries.size());
    List<String> indexes =
        page.locator("#entries-table tbody tr").all().stream()
            .map(r -> r.getAttribute("data-index"))
            .toList();
    assertThat(indexes).containsExactly("5", "4", "3", "2", "1", "0");
    screenshot("entries.png");
    assertThat(page.locator("#entries-table tbody tr[data-index='2']")).containsText("declaration");
    assertThat(page.locator("#entries-table tbody tr[data-index='0']"))
        .containsText("party-key-registration");
    assertThat(page.locator("#entries-table tbody tr[data-index='1']")).containsText("RU");
    assertThat(page.locator("#entries-table tbody tr[data-index='1']"))
        .containsText("party.test/ru");
  }

  @Test
  void entry_declaration_showsVerbatimNoteAndStatementTable() {
    page.navigate(url("/portal/entries.html"));
    page.locator("#entries-table a[href='/portal/entry.html?index=" + DECLARATION + "']").click();
    assertThat(page.locator("#entry-title")).hasText("Entry #2 · declaration");
    assertThat(page.locator("#entry-note")).hasText(log.entries.get(DECLARATION));
    assertThat(page.locator("#entry-author")).hasText("US");
    assertThat(page.locator("#entry-signers")).hasText("party.test/us");
    assertThat(page.locator("#statement-table")).containsText(PortalLog.DECLARED_ITEM);
    assertThat(page.locator("#statement-table")).containsText("non-deployed");
  }

  @Test
  void verify_untamperedEntry_showsCheckAndComputedRoot() throws Exception {
    page.navigate(url("/portal/entry.html?index=" + DECLARATION));
    page.locator("#verify-button").click();
    assertThat(page.locator("#verify-outcome")).hasAttribute("data-outcome", "verified");
    assertThat(page.locator("#verify-outcome .headline")).containsText("\u2713");
    assertThat(page.locator("#verify-outcome .headline")).containsText("Verified");
    assertThat(page.locator("#computed-root")).hasText(root());
    assertThat(page.locator("#verify-outcome .steps li")).hasCount(6);
    screenshot("entry.png");
  }

  @Test
  void verify_everyEntryByDeepLink_verifiesWithoutAClick() {
    for (int i = 0; i < log.entries.size(); i++) {
      page.navigate(url("/portal/entry.html?index=" + i + "#verify"));
      assertThat(page.locator("#verify-outcome")).hasAttribute("data-outcome", "verified");
      assertThat(page.locator("#computed-root")).hasText(root());
    }
  }

  @Test
  void verify_alteredProofHash_showsCrossWithAnotherRoot() {
    tamperJson(
        "**/api/v1/proofs/inclusion*",
        body -> {
          ArrayNode proof = (ArrayNode) body.get("proof");
          byte[] first = Base64.getDecoder().decode(proof.get(0).asText());
          first[0] ^= 0x01;
          proof.set(0, Base64.getEncoder().encodeToString(first));
          return body;
        });
    page.navigate(url("/portal/entry.html?index=" + DECLARATION));
    page.locator("#verify-button").click();
    assertThat(page.locator("#verify-outcome")).hasAttribute("data-outcome", "failed");
    assertThat(page.locator("#verify-outcome .headline")).containsText("\u2717");
    assertThat(page.locator("#verify-outcome")).containsText("different root");
    assertThat(page.locator("#computed-root")).not().hasText(root());
    assertThat(page.locator("#checkpoint-root")).hasText(root());
    screenshot("entry-tampered.png");
  }

  @Test
  void verify_alteredEntryText_showsCross() {
    tamperJson(
        "**/api/v1/entries/" + LAST,
        body -> body.put("entry", body.get("entry").asText().replace("notice 3", "notice 4")));
    page.navigate(url("/portal/entry.html?index=" + LAST));
    assertThat(page.locator("#entry-note")).containsText("notice 4");
    page.locator("#verify-button").click();
    assertThat(page.locator("#verify-outcome")).hasAttribute("data-outcome", "failed");
    assertThat(page.locator("#computed-root")).not().hasText(root());
  }

  @Test
  void verify_alteredCheckpointSignature_showsCross() {
    page.route(
        "**/checkpoint",
        route -> {
          APIResponse real = route.fetch();
          String note = real.text();
          // The last line is the log's signature: flip a bit of the Ed25519 signature itself.
          int at = note.lastIndexOf(' ') + 1;
          byte[] sig = Base64.getDecoder().decode(note.substring(at, note.length() - 1));
          sig[10] ^= 0x01;
          String forged = note.substring(0, at) + Base64.getEncoder().encodeToString(sig) + "\n";
          route.fulfill(new Route.FulfillOptions().setResponse(real).setBody(forged));
        });
    page.navigate(url("/portal/entry.html?index=1"));
    page.locator("#verify-button").click();
    assertThat(page.locator("#verify-outcome")).hasAttribute("data-outcome", "failed");
    assertThat(page.locator("#verify-outcome"))
        .containsText("signature by " + log.server.origin() + " is invalid");
  }

  @Test
  void verify_keyOtherThanTheLogs_showsCross() {
    page.navigate(url("/portal/entry.html?index=1"));
    String other = SignerKey.fromSeed(log.server.origin(), new byte[32]).verifierKey();
    page.locator("#vkey-input").fill(other);
    assertThat(page.locator("#vkey-hint")).containsText("differs");
    page.locator("#verify-button").click();
    assertThat(page.locator("#verify-outcome")).hasAttribute("data-outcome", "failed");
    assertThat(page.locator("#verify-outcome"))
        .containsText("no signature by " + log.server.origin());
  }

  @Test
  void audit_page_fillsCommandsWithThisServerAndKey() {
    page.navigate(url("/portal/audit.html"));
    String base = log.url().toString().replaceAll("/$", "");
    assertThat(page.locator("pre[data-template='audit']"))
        .hasText(
            "./countersign audit --server "
                + base
                + " --vkey '"
                + log.server.verifierKey()
                + "' --save-checkpoint seen.checkpoint");
    assertThat(page.locator("#claimed-vkey")).hasText(log.server.verifierKey());
    screenshot("audit.png");
  }

  @Test
  void compliance_serverWithoutTreaty_saysSoAndOffersOfflineReplay() {
    checks.expectMissing("/api/v1/compliance"); // 404 no-treaty, by design
    page.navigate(url("/portal/compliance.html"));
    assertThat(page.locator("#no-treaty")).containsText("started without a treaty file");
    assertThat(page.locator("#report-form button")).isDisabled();
    assertThat(page.locator("#replay-commands"))
        .containsText("./countersign compliance --log " + base(log) + " --vkey '");
  }

  @Test
  void compliance_serverWithTreaty_summarizesReportAndRecomputeCommands() {
    page.navigate(treatyLog.url().resolve("/portal/compliance.html?at=2026-01-01").toString());
    assertThat(page.locator("#report-entries")).hasText("the first 2 entries");
    assertThat(page.locator("#report-parties tbody tr[data-party='US']")).isVisible();
    assertThat(page.locator("#report-parties tbody tr[data-party='RU']")).isVisible();
    assertThat(page.locator("#report-findings")).containsText("Disputes");
    assertThat(page.locator("#replay-commands"))
        .containsText(
            "./countersign compliance --log "
                + base(treatyLog)
                + " --vkey '"
                + treatyLog.server.verifierKey()
                + "' --treaty new-start");
    assertThat(page.locator("#replay-commands")).containsText("--at 2026-01-01 --size 2");
    screenshot("compliance.png");

    // The form opens the server's own report for one participant (no empty "party=" sent).
    page.locator("#report-party").selectOption("RU");
    page.locator("#report-format").selectOption("json");
    page.locator("#report-form button").click();
    page.waitForURL("**/api/v1/compliance?**");
    assertThat(page.url()).contains("at=2026-01-01").contains("party=RU").contains("format=json");
    assertThat(page.locator("body")).containsText("\"treatyDigest\"");
    assertThat(page.locator("body")).not().containsText("\"party\":\"US\"");
  }

  @Test
  void compliance_allParticipants_emptyPartyIsLeftOut() {
    page.navigate(treatyLog.url().resolve("/portal/compliance.html?at=2026-01-01").toString());
    assertThat(page.locator("#report-party")).isVisible();
    page.locator("#report-format").selectOption("text");
    page.locator("#report-form button").click();
    page.waitForURL("**/api/v1/compliance?**");
    assertThat(page.url()).doesNotContain("party=");
  }

  @Test
  void seriesEndpoint_treatyServer_answersTheSeriesAndRefusesBadInput() throws Exception {
    page.navigate(url("/portal/audit.html")); // the page checks in closePage need a page
    var ok = treatyLog.get("/api/v1/compliance/series?at=2026-01-01");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Countersign-Log-Size")).hasValue("2");
    var tree = new ObjectMapper().readTree(ok.body());
    assertThat(tree.get("format").asText()).isEqualTo("countersign-compliance-series/v1");
    assertThat(tree.get("limits").size()).isEqualTo(3);
    assertThat(tree.get("limits").get(0).get("parties").get(0).get("party").asText())
        .isEqualTo("RU");
    var bad = treatyLog.get("/api/v1/compliance/series?at=2026-13-01");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"error\"").contains("at is not a real calendar date");
    assertThat(treatyLog.get("/api/v1/compliance/series").statusCode()).isEqualTo(400);
    assertThat(treatyLog.get("/api/v1/compliance/series?at=2026-01-01&format=html").statusCode())
        .isEqualTo(400);
    var none = log.get("/api/v1/compliance/series?at=2026-01-01");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).contains("no-treaty");
  }

  static String base(PortalLog l) {
    return l.url().toString().replaceAll("/$", "");
  }

  /**
   * The browser's RFC 9162 verifier against the Java log core on every proof of small trees: the
   * same root for every leaf, and a refusal for each flipped proof hash, an extra hash and a
   * missing one.
   */
  @Test
  void merkleModule_everyProofOfSmallTrees_matchesJavaAndRejectsAlterations() {
    List<Map<String, Object>> cases = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int n = 1; n <= 33; n++) {
      sizes.add(n);
    }
    sizes.addAll(List.of(63, 64, 65, 127, 128, 129));
    for (int n : sizes) {
      List<Hash> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leaves.add(Rfc6962.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
      }
      MerkleTree tree = MerkleTree.of(leaves);
      for (int i = 0; i < n; i++) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("index", i);
        c.put("size", n);
        c.put("leaf", leaves.get(i).base64());
        c.put("proof", tree.inclusionProof(i, n).path().stream().map(Hash::base64).toList());
        c.put("root", tree.root().base64());
        cases.add(c);
      }
    }
    page.navigate(url("/portal/audit.html"));
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            page.evaluate(
                """
                async (cases) => {
                  const m = await import("/portal/js/verify/merkle.js");
                  const b = await import("/portal/js/verify/bytes.js");
                  const failures = [];
                  let matched = 0, rejected = 0;
                  const refuses = async (what, c, leaf, proof, root) => {
                    try {
                      await m.verifyInclusion(c.index, c.size, leaf, proof, root);
                      failures.push(`${what} accepted at index ${c.index} size ${c.size}`);
                    } catch (e) {
                      rejected++;
                    }
                  };
                  for (const c of cases) {
                    const leaf = b.fromBase64(c.leaf);
                    const root = b.fromBase64(c.root);
                    const proof = c.proof.map((p) => b.fromBase64(p));
                    const got = b.toBase64(await m.rootFromInclusionProof(c.index, c.size, leaf, proof));
                    if (got === c.root) matched++; else failures.push(`index ${c.index} size ${c.size}: ${got}`);
                    for (let k = 0; k < proof.length; k++) {
                      const bad = proof.map((p) => p.slice());
                      bad[k][(c.index + k) % 32] ^= 0x80;
                      await refuses(`flipped hash #${k}`, c, leaf, bad, root);
                    }
                    await refuses("an extra hash", c, leaf, [...proof, leaf], root);
                    if (proof.length > 0) await refuses("a missing hash", c, leaf, proof.slice(0, -1), root);
                  }
                  return { matched, rejected, failures: failures.slice(0, 5) };
                }
                """,
                cases);
    // Per case: each flipped hash, the extra hash, and (if the proof is not empty) the missing one.
    int expectedRejections = 0;
    for (Map<String, Object> c : cases) {
      int length = ((List<?>) Objects.requireNonNull(c.get("proof"))).size();
      expectedRejections += length + 1 + (length > 0 ? 1 : 0);
    }
    assertThat((List<?>) result.get("failures")).isEmpty();
    assertThat(((Number) Objects.requireNonNull(result.get("matched"))).intValue())
        .isEqualTo(cases.size());
    assertThat(((Number) Objects.requireNonNull(result.get("rejected"))).intValue())
        .isEqualTo(expectedRejections);
  }

  /**
   * The browser's joint draw (verify/draw.js) against the Java reference: the same seed and the
   * same first positions for requests of many sizes, with both values, one missing and both
   * missing.
   */
  @Test
  void drawModule_seedsAndPositions_matchJava() throws Exception {
    java.util.random.RandomGenerator random = new java.util.SplittableRandom(20261207L);
    List<Map<String, Object>> cases = new ArrayList<>();
    long[][] shapes = {{1, 1}, {2, 1}, {10, 10}, {479, 16}, {1000, 3}, {(1L << 40) + 7, 5}};
    for (int k = 0; k < 18; k++) {
      long[] shape = shapes[k % shapes.length];
      byte[] root = new byte[32];
      random.nextBytes(root);
      var request =
          new org.countersign.treaty.statement.InspectionRequest(
              "new-start",
              "US",
              java.time.Instant.parse("2026-01-01T00:00:00Z"),
              "req-" + k,
              "type-one",
              1 + k,
              "RU",
              "site-" + k,
              new org.countersign.treaty.statement.InspectionCheckpoint(
                  "log.example/" + k, 100 + k, java.util.HexFormat.of().formatHex(root)),
              "",
              shape[0],
              shape[1],
              java.time.Instant.parse("2026-01-02T00:00:00Z"),
              java.time.Instant.parse("2026-01-03T00:00:00Z"));
      byte[] a = new byte[32];
      byte[] b = new byte[32];
      random.nextBytes(a);
      random.nextBytes(b);
      byte[] inspecting = k % 3 == 1 ? null : a;
      byte[] inspected = k % 3 == 2 ? null : b;
      Hash seed = org.countersign.treaty.inspection.JointDraw.seed(request, inspecting, inspected);
      long[] positions = org.countersign.treaty.inspection.JointDraw.positions(request, seed);
      Map<String, Object> c = new LinkedHashMap<>();
      // As JSON text: the page parses it (Playwright cannot pass a long above 2^31 itself).
      c.put("request", org.countersign.treaty.json.RecordJson.toTree(request).toString());
      c.put("a", inspecting == null ? null : java.util.HexFormat.of().formatHex(inspecting));
      c.put("b", inspected == null ? null : java.util.HexFormat.of().formatHex(inspected));
      c.put("seed", seed.hex());
      c.put(
          "positions",
          java.util.Arrays.stream(positions).limit(16).mapToObj(Long::toString).toList());
      cases.add(c);
    }
    page.navigate(url("/portal/audit.html"));
    @SuppressWarnings("unchecked")
    List<String> failures =
        (List<String>)
            page.evaluate(
                """
                async (cases) => {
                  const d = await import("/portal/js/verify/draw.js");
                  const failures = [];
                  for (const c of cases) {
                    c.request = JSON.parse(c.request);
                    const seed = await d.drawSeed(c.request, c.a, c.b);
                    const got = await d.drawPositions(seed, c.request.sampleSize, c.request.populationSize, c.positions.length);
                    if (d.toHexString(seed) !== c.seed) failures.push(`${c.request.requestId}: seed ${d.toHexString(seed)}`);
                    if (got.map(String).join(",") !== c.positions.join(",")) failures.push(`${c.request.requestId}: ${got}`);
                  }
                  return failures;
                }
                """,
                cases);
    assertThat(failures).isEmpty();
  }

  /** Serves the real answer of {@code glob} with its JSON body changed by {@code change}. */
  void tamperJson(String glob, UnaryOperator<ObjectNode> change) {
    ObjectMapper json = new ObjectMapper();
    page.route(
        glob,
        route -> {
          APIResponse real = route.fetch();
          try {
            ObjectNode body = (ObjectNode) json.readTree(real.body());
            route.fulfill(
                new Route.FulfillOptions()
                    .setResponse(real)
                    .setBody(json.writeValueAsString(change.apply(body))));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
