package dev.jcoro.processor.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lowered states as a graph: which states can run at all, and which state locals are live
 * where a resumption begins. A state local is a hoisted local the lowering wrote as a Java local
 * of {@code resume}: it keeps its value through jumps and routed exceptions, which stay in one
 * call, but not through a suspension. That is only right if no resumption can read it before
 * assigning it: at label 0, at a label a yield resumes, or where throwInto and close route to.
 *
 * <p>The graph is read from the generated code, over-approximating on purpose: any label number
 * after {@code at = }, {@code suspendAt(}, or stored in a field that a finally block jumps through
 * is an edge; an exception may leave any point of a state in a try region for its handler's
 * labels; any mention of a local's name is a use. Only a {@link #DEFINES definition mark} ends
 * that: the lowering writes it just before a top-level statement of a state that assigns the local
 * from a right side that does not mention it.
 */
final class StateGraph {
  /** The line before a state's top-level statement that assigns a state local {@code f = ...;}. */
  static final String DEFINES = "//jcoro:defines ";
  private static final Pattern SUSPEND = Pattern.compile("suspendAt\\((\\d+),");
  private static final Pattern STORE = Pattern.compile("this\\.([\\w$]+) = (\\d+);");
  private static final Pattern RETURN = Pattern.compile("return (\\d+);");

  /**
   * An edge: where it goes, the state locals assigned on the way before it leaves, and whether it
   * suspends (the label is where the next resumption begins).
   */
  private record Exit(int label, BitSet defined, boolean suspends) {}

  private final List<StateMachineModel.State> states;
  private final List<String> locals;
  private final Map<Integer, Integer> stateOfLabel = new HashMap<>();
  private final List<List<Exit>> exits = new ArrayList<>();
  /** Per state, the state locals it may read before assigning them. */
  private final List<BitSet> uses = new ArrayList<>();

  private StateGraph(List<StateMachineModel.State> states, List<StateMachineModel.Handler> handlers,
      String at, List<String> locals) {
    this.states = states;
    this.locals = locals;
    Pattern jump = Pattern.compile("(?<![\\w$])" + Pattern.quote(at) + " = (\\d+);");
    Pattern indirect = Pattern.compile("(?<![\\w$])" + Pattern.quote(at) + " = this\\.([\\w$]+);");
    List<Pattern> mentions = new ArrayList<>();
    for (String local : locals) {
      mentions.add(mentionOf(local));
    }
    Map<String, Set<Integer>> stored = new HashMap<>();
    for (StateMachineModel.State state : states) {
      Matcher store = STORE.matcher(state.code());
      while (store.find()) {
        stored.computeIfAbsent(store.group(1), f -> new LinkedHashSet<>())
            .add(Integer.parseInt(store.group(2)));
      }
    }
    for (int i = 0; i < states.size(); i++) {
      StateMachineModel.State state = states.get(i);
      for (int label : state.labels()) {
        stateOfLabel.put(label, i);
      }
      List<Exit> out = new ArrayList<>();
      BitSet used = new BitSet();
      // An exception can leave before anything is assigned.
      for (StateMachineModel.Handler handler : handlers) {
        if (state.labels().stream().anyMatch(handler.labels()::contains)) {
          numbers(RETURN, handler.code())
              .forEach(label -> out.add(new Exit(label, new BitSet(), false)));
        }
      }
      BitSet defined = new BitSet();
      for (String line : state.code().split("\n")) {
        if (isMark(line)) {
          int local = locals.indexOf(line.trim().substring(DEFINES.length()));
          if (local >= 0) {
            defined.set(local);
          }
          continue;
        }
        for (int local = 0; local < locals.size(); local++) {
          if (!defined.get(local) && mentions.get(local).matcher(line).find()) {
            used.set(local);
          }
        }
        BitSet before = (BitSet) defined.clone();
        numbers(jump, line).forEach(label -> out.add(new Exit(label, before, false)));
        numbers(SUSPEND, line).forEach(label -> out.add(new Exit(label, before, true)));
        Matcher through = indirect.matcher(line);
        while (through.find()) {
          stored.getOrDefault(through.group(1), Set.of())
              .forEach(label -> out.add(new Exit(label, before, false)));
        }
      }
      exits.add(out);
      uses.add(used);
    }
  }

  /**
   * Reads the graph of {@code states}.
   *
   * @param at the name of {@code resume}'s label parameter, which jumps assign
   * @param locals the state locals to find the liveness of
   */
  static StateGraph of(List<StateMachineModel.State> states,
      List<StateMachineModel.Handler> handlers, String at, List<String> locals) {
    return new StateGraph(states, handlers, at, locals);
  }

  /**
   * Whether the analysis can read a body of this source text: names are read as text, which a
   * Unicode escape could hide, and a mark's text in the body could pass for a mark.
   */
  static boolean canRead(String body) {
    return !body.contains("\\u") && !body.contains(DEFINES.trim());
  }

  /** The line that marks where a state assigns {@code local}: put just before the assignment. */
  static String mark(String local) {
    return DEFINES + local;
  }

  /** Whether {@code line} is a mark. */
  static boolean isMark(String line) {
    return line.trim().startsWith(DEFINES);
  }

  /** Whether {@code code} mentions {@code name} as a whole word: a use, to the analysis. */
  static boolean mentions(String code, String name) {
    return mentionOf(name).matcher(code).find();
  }

  private static Pattern mentionOf(String name) {
    return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
  }

  private static List<Integer> numbers(Pattern pattern, String text) {
    List<Integer> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(Integer.parseInt(matcher.group(1)));
    }
    return found;
  }

  /** The indexes of the states reachable from label 0. */
  BitSet reachable() {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    Integer start = stateOfLabel.get(0);
    if (start != null) {
      seen.set(start);
      work.add(start);
    }
    while (!work.isEmpty()) {
      for (Exit exit : exits.get(work.pop())) {
        Integer next = stateOfLabel.get(exit.label());
        if (next != null && !seen.get(next)) {
          seen.set(next);
          work.add(next);
        }
      }
    }
    return seen;
  }

  /** The state locals a resumption may read before assigning them. */
  Set<String> liveWhereAResumptionBegins() {
    List<BitSet> live = new ArrayList<>();
    for (BitSet used : uses) {
      live.add((BitSet) used.clone());
    }
    for (boolean changed = true; changed; ) {
      changed = false;
      for (int i = states.size() - 1; i >= 0; i--) {
        BitSet in = live.get(i);
        int before = in.cardinality();
        for (Exit exit : exits.get(i)) {
          Integer next = stateOfLabel.get(exit.label());
          if (next != null && !exit.suspends()) {
            BitSet through = (BitSet) live.get(next).clone();
            through.andNot(exit.defined());
            in.or(through);
          }
        }
        changed |= in.cardinality() != before;
      }
    }
    Set<String> liveLocals = new LinkedHashSet<>();
    for (int entry : resumptionEntries()) {
      live.get(entry).stream().forEach(local -> liveLocals.add(locals.get(local)));
    }
    return liveLocals;
  }

  /**
   * The states a call of {@code resume} can begin with: label 0's, and those of the labels a
   * reachable state suspends at. Where throwInto and close route an exception thrown in at such a
   * label is covered too: a state's live locals include those of its handler's labels.
   */
  private Set<Integer> resumptionEntries() {
    Set<Integer> entries = new LinkedHashSet<>();
    Integer start = stateOfLabel.get(0);
    if (start != null) {
      entries.add(start);
    }
    BitSet reachable = reachable();
    for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
      for (Exit exit : exits.get(i)) {
        Integer next = stateOfLabel.get(exit.label());
        if (exit.suspends() && next != null) {
          entries.add(next);
        }
      }
    }
    return entries;
  }
}
