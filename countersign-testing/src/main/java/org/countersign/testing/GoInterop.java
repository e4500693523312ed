package org.countersign.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Go's own {@code golang.org/x/mod/sumdb/note} and {@code sumdb/tlog} through the small
 * program {@code countersign-testing/src/main/go/csinterop/main.go}, the independent reference for
 * interoperability tests (its header lists the commands).
 *
 * <p>The program is built once per JVM, offline and without Go modules, from Debian's {@code
 * golang-go} and {@code golang-golang-x-mod-dev} packages: {@code GO111MODULE=off
 * GOPATH=<tmp>/gopath:/usr/share/gocode go build}. Where Go or the x/mod sources are absent, {@link
 * #require()} skips the calling test (a JUnit assumption) with a message saying what to install;
 * set {@code COUNTERSIGN_REQUIRE_GO=true} to make that a failure instead (for CI, where the
 * packages are installed). {@code COUNTERSIGN_GOCODE} overrides {@code /usr/share/gocode}.
 *
 * <p>Tree commands ({@code tree}, {@code inclusion}, {@code consistency}, {@code tiles}, {@code
 * tiledata}) use the leaves {@link #leafData(long)}: "leaf 0", "leaf 1", ...
 */
public final class GoInterop {
  private static final String SOURCE = "countersign-testing/src/main/go/csinterop/main.go";
  private static final long RUN_TIMEOUT_SECONDS = 120;
  private static final Object LOCK = new Object();
  private static boolean tried;
  private static Optional<GoInterop> built = Optional.empty();
  private static String unavailable = "";

  private final Path binary;

  private GoInterop(Path binary) {
    this.binary = binary;
  }

  /** What one run printed and how it exited. */
  // A test-only holder: the output is read as text, never compared or hashed as a record.
  @SuppressWarnings("ArrayRecordComponent")
  public record Result(int exitCode, byte[] stdout, String stderr) {
    /** Stdout as UTF-8. */
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** The leaf data of the Go program's deterministic trees: {@code "leaf " + i} in ASCII. */
  public static byte[] leafData(long i) {
    return ("leaf " + i).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The built program; skips the calling test where Go or x/mod is missing.
   *
   * @throws IllegalStateException if Go is present but the program does not build
   */
  public static GoInterop require() {
    Optional<GoInterop> program;
    synchronized (LOCK) {
      if (!tried) {
        built = build();
        tried = true;
      }
      program = built;
    }
    if (program.isEmpty() && "true".equals(System.getenv("COUNTERSIGN_REQUIRE_GO"))) {
      throw new IllegalStateException("COUNTERSIGN_REQUIRE_GO is set but " + unavailable);
    }
    Assumptions.assumeTrue(program.isPresent(), () -> "skipped: " + unavailable);
    return program.get();
  }

  /** Runs {@code csinterop args...} with {@code stdin}. */
  public Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Path err = Files.createTempFile("csinterop", ".err");
      try {
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        Thread feeder =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (OutputStream in = p.getOutputStream()) {
                        in.write(stdin);
                      } catch (IOException ignored) {
                        // The program may exit without reading all of stdin.
                      }
                    });
        byte[] out;
        try (InputStream o = p.getInputStream()) {
          out = o.readAllBytes();
        }
        if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("csinterop " + args[0] + " timed out");
        }
        feeder.join();
        return new Result(p.exitValue(), out, Files.readString(err));
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs with text on stdin. */
  public Result run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /**
   * Runs and returns stdout.
   *
   * @throws AssertionError with Go's stderr if the program exits non-zero
   */
  public String runOk(String stdin, String... args) {
    Result r = run(stdin, args);
    if (!r.ok()) {
      throw new AssertionError(
          "csinterop "
              + String.join(" ", args)
              + " exited "
              + r.exitCode()
              + ": "
              + r.stderr().strip());
    }
    return r.out();
  }

  private static Optional<GoInterop> build() {
    Path gocode =
        Path.of(
            Optional.ofNullable(System.getenv("COUNTERSIGN_GOCODE")).orElse("/usr/share/gocode"));
    if (!Files.isDirectory(gocode.resolve("src/golang.org/x/mod/sumdb/note"))) {
      unavailable =
          "Go's x/mod sources not found under "
              + gocode
              + " (apt-get install golang-golang-x-mod-dev)";
      return Optional.empty();
    }
    Optional<Path> source = findSource();
    if (source.isEmpty()) {
      unavailable = SOURCE + " not found from " + Path.of("").toAbsolutePath();
      return Optional.empty();
    }
    try {
      Path dir = Files.createTempDirectory("csinterop");
      Path pkg = Files.createDirectories(dir.resolve("gopath/src/csinterop"));
      Files.copy(source.get(), pkg.resolve("main.go"));
      Path binary = dir.resolve("csinterop");
      ProcessBuilder pb =
          new ProcessBuilder("go", "build", "-o", binary.toString(), "csinterop")
              .directory(dir.toFile())
              .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("GO111MODULE", "off");
      env.put("GOPATH", dir.resolve("gopath") + ":" + gocode);
      env.put("GOFLAGS", "");
      env.put("GOTOOLCHAIN", "local");
      env.putIfAbsent(
          "GOCACHE",
          Path.of(System.getProperty("java.io.tmpdir"), "countersign-gocache").toString());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        unavailable =
            "the go command is not installed (apt-get install golang-go golang-golang-x-mod-dev)";
        return Optional.empty();
      }
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("building csinterop failed:\n" + log);
      }
      return Optional.of(new GoInterop(binary));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building csinterop", e);
    }
  }

  private static Optional<Path> findSource() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(SOURCE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
