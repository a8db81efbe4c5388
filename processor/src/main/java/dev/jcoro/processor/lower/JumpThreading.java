package dev.jcoro.processor.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a jump ({@code at = k; continue dispatch;}) by the code of state {@code k} when that
 * code only clears fields or steps a primitive field ({@code i++}, a for loop's update) and then
 * suspends, finishes or jumps on: a resumption that ends by looping back to a {@code yield} then
 * returns at once instead of going round the dispatch switch again. Such code cannot throw, so the
 * try region it runs in does not matter. Only the jumps the lowering writes at a state's top level
 * are replaced: a jump inside copied Java (a {@code break} in a {@code try} with a
 * {@code finally}) must leave that Java first.
 */
final class JumpThreading {
  /** How many jumps one threaded jump may follow: bounds the copies, and ends empty loops. */
  private static final int MAX_DEPTH = 4;
  private static final Pattern CLEAR = Pattern.compile("this\\.[\\w$]+ = null;");
  private static final Pattern STEP = Pattern.compile("(?:this\\.)?([\\w$]+)(\\+\\+|--);");
  private static final Set<String> NUMERIC =
      Set.of("byte", "short", "char", "int", "long", "float", "double");
  private static final Pattern SUSPEND = Pattern.compile("return suspendAt\\((\\d+), ([\\w$.]+)\\);");
  private static final Pattern COMPLETE = Pattern.compile("return complete\\(([\\w$.]+)\\);");
  private static final Pattern LITERAL = Pattern.compile("null|true|false|\\d+");

  private final Map<Integer, List<String>> tails = new HashMap<>();
  /** Hoisted locals written as locals of {@code resume}: never qualified with {@code this}. */
  private final Set<String> stateLocals;
  /** {@code at = k;}: the first line of a jump. */
  private final Pattern jumpStart;
  private final String jumpEnd;

  private JumpThreading(List<StateMachineModel.State> states, Map<String, String> fields,
      Set<String> stateLocals, String at, String dispatch) {
    this.stateLocals = stateLocals;
    this.jumpStart = Pattern.compile(Pattern.quote(at) + " = (\\d+);");
    this.jumpEnd = "continue " + dispatch + ";";
    for (StateMachineModel.State state : states) {
      tail(lines(state.code()), fields).ifPresent(tail -> state.labels().forEach(
          label -> tails.put(label, tail)));
    }
  }

  /**
   * The states with their jumps threaded.
   *
   * @param fields the hoisted locals and the generated class's fields: their types, by name
   * @param stateLocals the hoisted locals that are locals of {@code resume}, not fields
   * @param at the name of the label that jumps assign, {@code resume}'s parameter
   */
  static List<StateMachineModel.State> thread(List<StateMachineModel.State> states,
      Map<String, String> fields, Set<String> stateLocals, String at, String dispatch) {
    JumpThreading threading = new JumpThreading(states, fields, stateLocals, at, dispatch);
    List<StateMachineModel.State> threaded = new ArrayList<>();
    for (StateMachineModel.State state : states) {
      threaded.add(new StateMachineModel.State(
          state.labels(), state.comment(), threading.threaded(state.code())));
    }
    return threaded;
  }

  private String threaded(String code) {
    List<String> lines = lines(code);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int target = jumpAt(lines, i);
      if (target >= 0 && tails.containsKey(target)) {
        out.addAll(resolved(target, 0, new HashSet<>()));
        i++;
      } else {
        out.add(lines.get(i));
      }
    }
    return String.join("\n", out) + "\n";
  }

  /** The label a top-level jump starting at line {@code i} goes to, or -1. */
  private int jumpAt(List<String> lines, int i) {
    if (i + 1 >= lines.size()) {
      return -1;
    }
    Matcher store = jumpStart.matcher(lines.get(i));
    if (!store.matches() || !lines.get(i + 1).equals(jumpEnd)) {
      return -1;
    }
    return Integer.parseInt(store.group(1));
  }

  /** The tail of {@code label}'s state, its own final jump threaded in turn up to MAX_DEPTH. */
  private List<String> resolved(int label, int depth, Set<Integer> seen) {
    List<String> tail = tails.get(label);
    int last = tail.size() - 1;
    if (tail.get(last).equals(jumpEnd) && depth < MAX_DEPTH && seen.add(label)) {
      Matcher store = jumpStart.matcher(tail.get(last - 1));
      store.matches();
      int next = Integer.parseInt(store.group(1));
      if (tails.containsKey(next)) {
        List<String> chained = new ArrayList<>(tail.subList(0, last - 1));
        chained.addAll(resolved(next, depth + 1, seen));
        return chained;
      }
    }
    return tail;
  }

  /**
   * The code of a state that can be copied to a jump to it: field clears and steps, which cannot
   * throw, then a suspension, a finish or a jump; a bare field name in a returned value is
   * qualified with {@code this}, which keeps its meaning where a local of that name is in scope.
   */
  private Optional<List<String>> tail(List<String> lines, Map<String, String> fields) {
    List<String> tail = new ArrayList<>();
    int i = 0;
    for (; i < lines.size(); i++) {
      Matcher step = STEP.matcher(lines.get(i));
      if (CLEAR.matcher(lines.get(i)).matches()) {
        tail.add(lines.get(i));
      } else if (step.matches() && NUMERIC.contains(fields.get(step.group(1)))) {
        tail.add(qualified(step.group(1)) + step.group(2) + ";");
      } else {
        break;
      }
    }
    if (i != lines.size() - 1 && i != lines.size() - 2) {
      return Optional.empty();
    }
    String end = lines.get(i);
    if (i == lines.size() - 2) {
      // A jump on.
      if (!jumpStart.matcher(end).matches() || !lines.get(i + 1).equals(jumpEnd)) {
        return Optional.empty();
      }
      tail.add(end);
      tail.add(jumpEnd);
      return Optional.of(tail);
    }
    Matcher complete = COMPLETE.matcher(end);
    Matcher suspend = SUSPEND.matcher(end);
    boolean completes = complete.matches();
    String value = completes ? value(complete.group(1), fields)
        : suspend.matches() ? value(suspend.group(2), fields)
        : null;
    if (value == null) {
      return Optional.empty();
    }
    tail.add(completes
        ? "return complete(" + value + ");"
        : "return suspendAt(" + suspend.group(1) + ", " + value + ");");
    return Optional.of(tail);
  }

  /** {@code value} if it is a literal or a hoisted local, qualified; otherwise null. */
  private String value(String value, Map<String, String> fields) {
    if (LITERAL.matcher(value).matches()) {
      return value;
    }
    String name = value.startsWith("this.") ? value.substring("this.".length()) : value;
    return fields.containsKey(name) ? qualified(name) : null;
  }

  /**
   * A field qualified with {@code this}, which keeps its meaning where a local of that name is in
   * scope; a state local as it is.
   */
  private String qualified(String name) {
    return stateLocals.contains(name) ? name : "this." + name;
  }

  private static List<String> lines(String code) {
    return List.of(code.stripTrailing().split("\n"));
  }
}
