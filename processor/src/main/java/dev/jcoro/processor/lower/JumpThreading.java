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
 * A jump the lowering wrote is replaced wherever it stands (a loop's exit in its {@code if}); a jump
 * inside copied Java (a {@code break} in a {@code try} with a {@code finally}) is not: it must
 * leave that Java first.
 */
final class JumpThreading {
  /** How many jumps one threaded jump may follow: bounds the copies, and ends empty loops. */
  private static final int MAX_DEPTH = 4;

  private final Map<Integer, List<Code>> tails = new HashMap<>();
  private final Set<String> constants;

  private JumpThreading(List<LoweredState> states, Set<String> numeric, Set<String> constants) {
    this.constants = constants;
    for (LoweredState state : states) {
      tail(state, numeric).ifPresent(tail -> state.labels().forEach(label -> tails.put(label, tail)));
    }
  }

  /**
   * The states with their jumps threaded.
   *
   * @param numeric the hoisted locals and fields of a numeric type, which a tail may step
   * @param constants the local constants, static fields, which a tail names unqualified
   */
  static List<LoweredState> thread(
      List<LoweredState> states, Set<String> numeric, Set<String> constants) {
    JumpThreading threading = new JumpThreading(states, numeric, constants);
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
        Code before = withoutFinalJump(statement);
        if (!before.isEmpty()) {
          out.add(before);
        }
        out.addAll(resolved(target, 0, new HashSet<>()));
      } else {
        out.add(threadedInside(statement));
      }
    }
    return out;
  }

  /**
   * The states with a jump to a loop's top replaced by the top's code, where that is a condition
   * (an {@code if}) and a suspension: the first resumption then enters the loop without going
   * round the dispatch switch, and the loop's body falls through into the top (see
   * {@link CaseOrder}), so no jump is left in a simple loop. A jump is replaced only where all the
   * state did before it is to assign fields (nothing it declares can hide a name of the copy), and
   * in the same try region as the top (the condition may throw).
   *
   * @param regionOf the try region (handler row) of each label in one
   */
  static List<LoweredState> threadLoopTops(List<LoweredState> states, Map<Integer, Integer> regionOf) {
    Map<Integer, LoweredState> tops = new HashMap<>();
    for (LoweredState state : states) {
      if (isLoopTop(state)) {
        state.labels().forEach(label -> tops.put(label, state));
      }
    }
    List<LoweredState> threaded = new ArrayList<>();
    for (LoweredState state : states) {
      List<Code> statements = state.statements();
      Code last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
      LoweredState top = last != null && last.parts().size() == 1
          && last.parts().get(0) instanceof Code.Jump
          ? tops.get(((Code.Jump) last.parts().get(0)).label()) : null;
      if (top == null || top == state || !state.unionCatches().isEmpty()
          || !regionOf.getOrDefault(state.labels().get(0), -1)
              .equals(regionOf.getOrDefault(top.labels().get(0), -1))
          || !statements.subList(0, statements.size() - 1).stream().allMatch(JumpThreading::assigns)) {
        threaded.add(state);
        continue;
      }
      List<Code> copied = new ArrayList<>(statements.subList(0, statements.size() - 1));
      copied.addAll(top.statements());
      threaded.add(new LoweredState(state.labels(), state.comment(), copied, state.unionCatches()));
    }
    return threaded;
  }

  /** An {@code if} (the loop's condition), field assignments, then a suspension of a simple value. */
  private static boolean isLoopTop(LoweredState state) {
    List<Code> statements = state.statements();
    if (statements.size() < 2 || !state.unionCatches().isEmpty()) {
      return false;
    }
    Code first = statements.get(0);
    if (!(first.parts().get(0) instanceof Code.Text)
        || !((Code.Text) first.parts().get(0)).text().startsWith("if (")) {
      return false;
    }
    Code.Part end = single(statements.get(statements.size() - 1));
    return end instanceof Code.Suspend && ((Code.Suspend) end).simple()
        && statements.subList(1, statements.size() - 1).stream().allMatch(JumpThreading::assigns);
  }

  /** A statement that only assigns or clears a field, or steps a counter: it declares nothing. */
  private static boolean assigns(Code statement) {
    Code.Part part = single(statement);
    return part instanceof Code.Assign || part instanceof Code.Clear || part instanceof Code.Step;
  }

  /**
   * {@code statement} with the jumps of the lowering's own inside it (a loop's exit in its
   * {@code if}, the end of a catch clause) replaced by their target's tail: no {@code finally}
   * lies between them and the state, so nothing runs after the tail's return.
   */
  private Code threadedInside(Code statement) {
    List<Object> pieces = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    boolean changed = false;
    for (Code.Part part : statement.parts()) {
      if (part instanceof Code.Jump && !((Code.Jump) part).inCopiedJava()
          && tails.containsKey(((Code.Jump) part).label()) && line.toString().isBlank()) {
        String indent = line.toString();
        pieces.add(Code.join("\n", resolved(((Code.Jump) part).label(), 0, new HashSet<>()))
            .indented(indent, false));
        changed = true;
        line.append('x');
        continue;
      }
      pieces.add(part);
      if (part instanceof Code.Text) {
        String text = ((Code.Text) part).text();
        int newline = text.lastIndexOf('\n');
        if (newline >= 0) {
          line.setLength(0);
        }
        line.append(text.substring(newline + 1));
      } else {
        line.append('x');
      }
    }
    return changed ? Code.of(pieces.toArray()).atLine(statement.line()) : statement;
  }

  /** {@code statement} without the top-level jump it ends with ({@link #topLevelJump}). */
  static Code withoutFinalJump(Code statement) {
    List<Code.Part> before = statement.parts().subList(0, statement.parts().size() - 1);
    return before.isEmpty() ? Code.empty() : Code.of(before.toArray()).stripTrailing().atLine(statement.line());
  }

  /**
   * The label of the jump {@code statement} ends with, where that jump starts a line of its own
   * at the statement's top level (not inside a block of it); -1 otherwise.
   */
  static int topLevelJump(Code statement) {
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
  private Optional<List<Code>> tail(LoweredState state, Set<String> numeric) {
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

  private Code qualified(Code value) {
    Code.Part part = value.parts().get(0);
    return part instanceof Code.Local && !constants.contains(((Code.Local) part).name())
        ? Code.of(new Code.Local(((Code.Local) part).name(), true))
        : value;
  }
}
