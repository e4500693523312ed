package org.countersign.cli;

/**
 * Ends a command with an exit status and a one-line reason for stderr. Thrown by command code and
 * helpers, caught once in {@link CliCommand#call()}.
 */
final class CommandFailure extends RuntimeException {
  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CommandFailure usage(String message) {
    return new CommandFailure(ExitCodes.USAGE, message);
  }

  /** A missing input file: a file error (3), as the README promises, not bad usage. */
  static CommandFailure missing(String message) {
    return new CommandFailure(ExitCodes.IO_ERROR, message);
  }

  static CommandFailure verification(String message) {
    return new CommandFailure(ExitCodes.VERIFICATION_FAILED, message);
  }

  int exitCode() {
    return exitCode;
  }

  /**
   * The message to show for {@code e}: its own, or its kind when it carries none (every exception
   * we throw has a message; a library's may not).
   */
  static String reason(Throwable e) {
    String m = e.getMessage();
    return m != null ? m : e.getClass().getSimpleName();
  }
}
