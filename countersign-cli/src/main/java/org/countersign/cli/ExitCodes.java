package org.countersign.cli;

/**
 * Exit statuses of the {@code countersign} command, stable because scripts and other tools test
 * them.
 */
public final class ExitCodes {
  /** Success: for {@code verify} commands, everything that was required verified. */
  public static final int OK = 0;

  /** A signature or proof did not verify, or a required key did not sign. */
  public static final int VERIFICATION_FAILED = 1;

  /**
   * Bad usage or malformed input: unknown option, unparsable key, note or file, existing output.
   */
  public static final int USAGE = 2;

  /** The command could not write its output (I/O error). */
  public static final int IO_ERROR = 3;

  /** A server refused the request (HTTP 4xx); its reason is printed on stderr. */
  public static final int REFUSED = 4;

  private ExitCodes() {}
}
