package org.countersign.treaty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;

/** Loads treaties for tests: the test treaty and fixtures from the test class path. */
public final class TestTreaties {
  private TestTreaties() {}

  /** The test treaty, {@code src/test/resources/treaties/test-treaty.yaml}. */
  public static Treaty testTreaty() {
    return load("test-treaty.yaml");
  }

  /** The shipped New START file. */
  public static Treaty newStart() {
    try {
      return TreatyLoader.builtIn("new-start");
    } catch (TreatyException e) {
      throw new AssertionError(e);
    }
  }

  /** A fixture under {@code src/test/resources/treaties/}. */
  public static Treaty load(String name) {
    try {
      return TreatyLoader.parse(name, text(name));
    } catch (TreatyException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** A treaty from text (e.g. a fixture's text edited by a test). */
  public static Treaty parse(String name, String text) {
    try {
      return TreatyLoader.parse(name, text);
    } catch (TreatyException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** A fixture's text. */
  public static String text(String name) {
    try (InputStream in = TestTreaties.class.getResourceAsStream("/treaties/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
