package org.countersign.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@link LogStore} from one location string, as given on a command line.
 *
 * <ul>
 *   <li>{@code jdbc:postgresql:...}: {@link PostgresLogStore}, URL passed to the driver as is.
 *   <li>{@code postgresql://[user[:password]@]host[:port]/database[?params]} (or {@code
 *       postgres://}), the libpq URI form: {@link PostgresLogStore}; user and password are taken
 *       from the URI (percent-decoded), the rest becomes a JDBC URL.
 *   <li>{@code file:} URI or a plain path: a data directory for {@link SqliteLogStore}.
 * </ul>
 *
 * Any other {@code scheme://} is refused rather than taken for a directory name.
 */
public final class LogStores {
  private static final Pattern OTHER_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  private LogStores() {}

  /**
   * Opens the store named by {@code spec}.
   *
   * @throws IllegalArgumentException if {@code spec} is empty, malformed or of an unknown scheme
   * @throws StoreException if the store cannot be opened
   */
  public static LogStore open(String spec) throws StoreException {
    Location location = parse(spec);
    String url = location.jdbcUrl();
    if (url != null) {
      return PostgresLogStore.open(url, location.user(), location.password());
    }
    // parse gives exactly one of a JDBC URL and a directory.
    return SqliteLogStore.open(Objects.requireNonNull(location.directory()));
  }

  /** Where a spec points: a JDBC URL (with optional credentials) or a directory. */
  record Location(
      @Nullable String jdbcUrl,
      @Nullable String user,
      @Nullable String password,
      @Nullable Path directory) {}

  /** Parses a spec without opening anything (separate for tests). */
  static Location parse(String spec) {
    if (spec.isBlank()) {
      throw new IllegalArgumentException("store location must not be empty");
    }
    if (spec.startsWith("jdbc:postgresql:")) {
      return new Location(spec, null, null, null);
    }
    if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
      return fromLibpqUri(spec);
    }
    if (spec.startsWith("file:")) {
      try {
        return new Location(null, null, null, Path.of(new URI(spec)));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IllegalArgumentException("not a usable file URI: " + spec, e);
      }
    }
    if (OTHER_URI.matcher(spec).matches()) {
      throw new IllegalArgumentException(
          "unknown store scheme in "
              + PostgresLogStore.redact(spec)
              + "; use a directory path (SQLite) or a postgresql:// or jdbc:postgresql: URL");
    }
    try {
      return new Location(null, null, null, Path.of(spec));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a usable directory path: " + spec, e);
    }
  }

  private static Location fromLibpqUri(String spec) {
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed PostgreSQL URI: " + e.getMessage(), e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "PostgreSQL URI needs a single host (multi-host URIs: use a jdbc:postgresql: URL): "
              + PostgresLogStore.redact(spec));
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return new Location(jdbc.toString(), user, password, null);
  }

  private static String decode(String s) {
    // Percent-decoding only: '+' stays '+' in a URI's user information.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
