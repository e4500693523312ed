package org.countersign.treaty.loader;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A treaty file was refused. {@link #problems()} lists every problem found, sorted by position; the
 * message holds them one per line as {@code file:line:column: path: reason}.
 */
public final class TreatyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** At most this many problems are listed in the message (all are in {@link #problems()}). */
  private static final int MAX_IN_MESSAGE = 50;

  private final transient List<TreatyProblem> problems;

  public TreatyException(List<TreatyProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<TreatyProblem> problems) {
    String head =
        problems.size() == 1
            ? "treaty file refused: "
            : "treaty file refused (" + problems.size() + " problems):\n";
    String body =
        problems.stream()
            .limit(MAX_IN_MESSAGE)
            .map(TreatyProblem::toString)
            .collect(Collectors.joining("\n"));
    return head + body + (problems.size() > MAX_IN_MESSAGE ? "\n..." : "");
  }

  /** Every problem, sorted by line and column. */
  public List<TreatyProblem> problems() {
    return problems;
  }
}
