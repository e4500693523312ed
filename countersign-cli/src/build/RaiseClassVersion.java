/*
 * Build step of the CLI jar (run by the package phase on JDK 24 or newer, see countersign-cli's
 * pom.xml): rewrites the classes under a package prefix of a jar that are older than Java 6 (class
 * file version 50) to version 52, with the stack maps the newer format needs.
 *
 * Why: the JDK's ahead-of-time cache (JDK 25), which the launcher makes for each client command,
 * skips classes of version 49 or older. picocli ships as Java 5 class files, so every command
 * loaded, parsed and linked its ~200 classes from the jar at start, on the serial stretch before any
 * work (docs/benchmarks.md, "ninth pass, audit"). Version 52 runs on every JDK this project
 * supports; the bytecode is unchanged, only the version and the computed stack maps are new, and
 * each rewritten class is verified by the JVM's type-checking verifier when it loads.
 *
 *   java RaiseClassVersion.java JAR PREFIX
 */
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

public final class RaiseClassVersion {
  /** Java 8: the oldest version the JDK's cache keeps, and the one every supported JDK runs. */
  private static final int TARGET = ClassFile.JAVA_8_VERSION;

  /** The oldest version whose verification needs stack maps: the versions raised are below it. */
  private static final int STACK_MAPS_FROM = ClassFile.JAVA_6_VERSION;

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: RaiseClassVersion JAR PREFIX");
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    String prefix = args[1];
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
      Path root = zip.getPath("/");
      // Stack maps name the common supertype where two branches meet: resolve the jar's own
      // classes from the jar, the JDK's from the JDK.
      ClassHierarchyResolver fromJar =
          ClassHierarchyResolver.ofResourceParsing(
                  (ClassDesc c) -> {
                    String d = c.descriptorString();
                    Path p = root.resolve(d.substring(1, d.length() - 1) + ".class");
                    try {
                      return new ByteArrayInputStream(Files.readAllBytes(p));
                    } catch (NoSuchFileException e) {
                      return null;
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .orElse(ClassHierarchyResolver.defaultResolver());
      ClassFile cf =
          ClassFile.of(
              ClassFile.ClassHierarchyResolverOption.of(fromJar),
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
      ClassTransform raise =
          ((ClassTransform)
                  (b, e) -> {
                    if (e instanceof ClassFileVersion) {
                      b.withVersion(TARGET, 0);
                    } else {
                      b.with(e);
                    }
                  })
              // Each method body is rebuilt (not copied) so that its stack maps are computed.
              .andThen(ClassTransform.transformingMethodBodies((CodeTransform) (b, e) -> b.with(e)));
      List<Path> classes;
      try (Stream<Path> all = Files.walk(root.resolve(prefix))) {
        classes = all.filter(p -> p.toString().endsWith(".class")).toList();
      }
      int raised = 0;
      for (Path p : classes) {
        ClassModel m = cf.parse(Files.readAllBytes(p));
        if (m.majorVersion() < STACK_MAPS_FROM) {
          Files.write(p, cf.transformClass(m, raise));
          raised++;
        }
      }
      System.out.println(
          "RaiseClassVersion: " + raised + " of " + classes.size() + " classes under " + prefix
              + " raised to class-file version " + TARGET);
    }
  }
}
