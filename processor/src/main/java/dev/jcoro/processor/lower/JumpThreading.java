package dev.jcoro.processor.lower;

import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a jump ({@code at = k; continue dispatch;}) by the code of state {@code k} when that
 * code only clears fields or steps a numeric local ({@code i++}, a for loop's update) and then
 * suspends, finishes or jumps on with a value that is a literal or a field: a resumption that
 * ends by looping back to a {@code yield} then returns at once instead of going round the
 * dispatch switch again. Such code cannot throw, so the try region it runs in does not matter.
 * Only a jump that is a statement of the state's own is replaced: a jump inside copied Java (a
 * {@code break} in a {@code try} with a {@code finally}) must leave that Java first.
 */
final class JumpThreading {
  /** How many jumps one threaded jump may follow: bounds the copies, and ends empty loops. */
  private static final int MAX_DEPTH = 4;

  private final Map<Integer, List<Code>> tails = new HashMap<>();

  private JumpThreading(List<LoweredState> states, Set<String> numeric) {
    for (LoweredState state : states) {
      tail(state, numeric).ifPresent(tail -> state.labels().forEach(label -> tails.put(label, tail)));
    }
  }

  /**
   * The states with their jumps threaded.
   *
   * @param numeric the hoisted locals and fields of a numeric type, which a tail may step
   */
  static List<LoweredState> thread(List<LoweredState> states, Set<String> numeric) {
    JumpThreading threading = new JumpThreading(states, numeric);
    List<LoweredState> threaded = new ArrayList<>();
    for (LoweredState state : states) {
      threaded.add(state.unionCatches().isEmpty()
          ? new LoweredState(state.labels(), state.comment(),
              threading.threaded(state.statements()), state.unionCatches())
          : state);
    }
    return threaded;
  }

  private List<Code> threaded(List<Code> statements) {
    List<Code> out = new ArrayList<>();
    for (Code statement : statements) {
      int target = topLevelJump(statement);
      if (target >= 0 && tails.containsKey(target)) {
        List<Code.Part> before = statement.parts().subList(0, statement.parts().size() - 1);
        if (!before.isEmpty()) {
          out.add(Code.of(before.toArray()).stripTrailing());
        }
        out.addAll(resolved(target, 0, new HashSet<>()));
      } else {
        out.add(statement);
      }
    }
    return out;
  }

  /**
   * The label of the jump {@code statement} ends with, where that jump starts a line of its own
   * at the statement's top level (not inside a block of it); -1 otherwise.
   */
  private static int topLevelJump(Code statement) {
    List<Code.Part> parts = statement.parts();
    if (parts.isEmpty() || !(parts.get(parts.size() - 1) instanceof Code.Jump)) {
      return -1;
    }
    if (parts.size() > 1) {
      Code.Part before = parts.get(parts.size() - 2);
      if (!(before instanceof Code.Text) || !((Code.Text) before).text().endsWith("\n")) {
        return -1;
      }
    }
    return ((Code.Jump) parts.get(parts.size() - 1)).label();
  }

  /** The tail of {@code label}'s state, its own final jump threaded in turn up to MAX_DEPTH. */
  private List<Code> resolved(int label, int depth, Set<Integer> seen) {
    List<Code> tail = tails.get(label);
    Code last = tail.get(tail.size() - 1);
    if (last.parts().get(0) instanceof Code.Jump && depth < MAX_DEPTH && seen.add(label)) {
      int next = ((Code.Jump) last.parts().get(0)).label();
      if (tails.containsKey(next)) {
        List<Code> chained = new ArrayList<>(tail.subList(0, tail.size() - 1));
        chained.addAll(resolved(next, depth + 1, seen));
        return chained;
      }
    }
    return tail;
  }

  /**
   * The code of a state that can be copied to a jump to it: field clears and steps, which cannot
   * throw, then a suspension or a finish with a simple value, or a jump; a local in it is
   * qualified with {@code this} where it is a field, which keeps its meaning where a local of that
   * name is in scope.
   */
  private static Optional<List<Code>> tail(LoweredState state, Set<String> numeric) {
    if (!state.unionCatches().isEmpty()) {
      return Optional.empty();
    }
    List<Code> statements = state.statements();
    List<Code> tail = new ArrayList<>();
    int i = 0;
    for (; i < statements.size() - 1; i++) {
      Code.Part part = single(statements.get(i));
      if (part instanceof Code.Clear) {
        tail.add(statements.get(i));
      } else if (part instanceof Code.Step && numeric.contains(((Code.Step) part).local())) {
        Code.Step step = (Code.Step) part;
        tail.add(Code.of(new Code.Step(step.local(), step.operator(), true)));
      } else {
        return Optional.empty();
      }
    }
    if (statements.isEmpty()) {
      return Optional.empty();
    }
    Code.Part end = single(statements.get(statements.size() - 1));
    if (end instanceof Code.Jump) {
      tail.add(statements.get(statements.size() - 1));
    } else if (end instanceof Code.Suspend && ((Code.Suspend) end).simple()) {
      Code.Suspend suspend = (Code.Suspend) end;
      tail.add(Code.of(new Code.Suspend(suspend.label(), qualified(suspend.value()), true)));
    } else if (end instanceof Code.Complete && ((Code.Complete) end).simple()) {
      tail.add(Code.of(new Code.Complete(qualified(((Code.Complete) end).value()), true)));
    } else {
      return Optional.empty();
    }
    return Optional.of(tail);
  }

  /** The one part of {@code statement}, or null. */
  private static Code.Part single(Code statement) {
    return statement.parts().size() == 1 ? statement.parts().get(0) : null;
  }

  private static Code qualified(Code value) {
    Code.Part part = value.parts().get(0);
    return part instanceof Code.Local
        ? Code.of(new Code.Local(((Code.Local) part).name(), true))
        : value;
  }
}
