package org.countersign.treaty.forces;

import java.util.List;

/**
 * A force-posture file was refused. {@link #problems()} lists every problem found, each as {@code
 * file: path: reason}.
 */
public final class ForcePostureException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ForcePostureException(List<String> problems) {
    super(
        (problems.size() == 1
                ? "force-posture file refused: "
                : "force-posture file refused (" + problems.size() + " problems):\n")
            + String.join("\n", problems.subList(0, Math.min(50, problems.size()))));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
