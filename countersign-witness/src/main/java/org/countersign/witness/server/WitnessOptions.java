package org.countersign.witness.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.countersign.log.note.VerifierKey;
import org.jspecify.annotations.Nullable;

/**
 * How to run a {@link WitnessServer}: validated once, by {@link Builder#build()}.
 *
 * @param dataDir the folder for the key ({@code witness.key}), the state ({@code witness.db}) and
 *     the evidence ({@code evidence/})
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param logs the Ed25519 keys of the logs to witness (origin = key name)
 * @param name the witness name for a new key; must match an existing key if given
 * @param clock the source of cosignature timestamps
 * @param random the source of the new key's seed
 * @param maxBodyBytes the largest {@code add-checkpoint} body accepted
 */
public record WitnessOptions(
    Path dataDir,
    String host,
    int port,
    List<VerifierKey> logs,
    Optional<String> name,
    InstantSource clock,
    SecureRandom random,
    int maxBodyBytes) {

  /** The default cap on a request body: far above any real checkpoint with 63 proof lines. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public WitnessOptions {
    logs = List.copyOf(logs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that refuses a field set twice and an incomplete or contradictory whole. */
  public static final class Builder {
    private @Nullable Path dataDir;
    private @Nullable String host;
    private @Nullable Integer port;
    private final List<VerifierKey> logs = new ArrayList<>();
    private @Nullable String name;
    private @Nullable InstantSource clock;
    private @Nullable SecureRandom random;
    private @Nullable Integer maxBodyBytes;

    private Builder() {}

    public Builder dataDir(Path dir) {
      dataDir = once(dataDir, dir, "dataDir");
      return this;
    }

    /** Default 127.0.0.1: listening on other addresses is a deliberate choice. */
    public Builder host(String h) {
      host = once(host, h, "host");
      return this;
    }

    /** Default 0: any free port. */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + p);
      }
      port = once(port, p, "port");
      return this;
    }

    /** Adds a log to witness; at least one is required. */
    public Builder log(VerifierKey key) {
      if (key.type() != VerifierKey.TYPE_ED25519) {
        throw new IllegalArgumentException(
            "log key " + key.id() + " must be an Ed25519 (type 0x01) key");
      }
      if (logs.contains(key)) {
        throw new IllegalArgumentException("log key " + key.id() + " is given twice");
      }
      logs.add(key);
      return this;
    }

    public Builder name(String n) {
      name = once(name, n, "name");
      return this;
    }

    public Builder clock(InstantSource c) {
      clock = once(clock, c, "clock");
      return this;
    }

    public Builder random(SecureRandom r) {
      random = once(random, r, "random");
      return this;
    }

    public Builder maxBodyBytes(int max) {
      if (max < 1024 || max > 16 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be between 1 KiB and 16 MiB, got " + max);
      }
      maxBodyBytes = once(maxBodyBytes, max, "maxBodyBytes");
      return this;
    }

    /**
     * Checks the options and builds them.
     *
     * @throws IllegalStateException if the data folder or every log is missing
     */
    public WitnessOptions build() {
      if (dataDir == null) {
        throw new IllegalStateException("dataDir is required");
      }
      if (logs.isEmpty()) {
        throw new IllegalStateException("at least one log key is required");
      }
      return new WitnessOptions(
          dataDir,
          host == null ? "127.0.0.1" : host,
          port == null ? 0 : port,
          logs,
          Optional.ofNullable(name),
          clock == null ? InstantSource.system() : clock,
          random == null ? new SecureRandom() : random,
          maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes);
    }

    private static <T> T once(@Nullable T current, T value, String field) {
      if (current != null) {
        throw new IllegalStateException(field + " is already set to " + current);
      }
      return value;
    }
  }
}
