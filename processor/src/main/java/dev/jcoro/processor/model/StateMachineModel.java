package dev.jcoro.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A coroutine body lowered to a state machine, ready to be written as Java: what the lowering
 * decided, with no javac trees left in it.
 *
 * @param fields the locals that live across a suspension, and the bookkeeping of emulated finally
 *     blocks, in the order they were introduced
 * @param stateLocals the hoisted locals that no resumption reads before assigning: locals of
 *     {@code resume}, declared before the dispatch loop so that jumps between states keep them
 * @param receiverField the field holding the receiver of an instance coroutine; null otherwise
 * @param parameterFields the fields that hold the method's parameters after the handle, in order
 * @param states the resume points, in the order of the switch: ascending labels (each state's own
 *     labels ascending too), but for a state that falls through into the next, without a jump
 * @param handlers the try-region table: for the labels of each region, what to do with an
 *     exception; ordered like the states
 * @param dispatchLabel the Java label of the dispatch loop, chosen not to clash with the body's labels
 * @param sentParameter the name of {@code resume}'s parameter, the value sent
 * @param atParameter the name of {@code resume}'s parameter that holds the label running
 * @param runningLocal the name of the local that keeps the label running while a jump out of
 *     copied Java (through its {@code finally}) has already changed {@code atParameter}
 * @param suppressedWarnings the lint warnings javac would give the generated code where it is
 *     exact: {@code static} for a call on the receiver whose overloads are static and instance
 *     methods, {@code cast} for a compound assignment's cast (JLS 15.26.2) that its operands
 *     already give
 * @param localTypes the records, enums and interfaces declared in the body, as member types of the
 *     state machine, where every state sees them
 * @param localTypeNames their names, which a type the generated code names must not take
 * @param lineMarks whether the states' code marks the user's lines ({@link LineMark}), from which
 *     the writer makes the line table of stack traces
 */
public record StateMachineModel(
    List<Field> fields, List<Field> stateLocals, String receiverField, List<String> parameterFields,
    List<State> states, List<Handler> handlers, String dispatchLabel,
    String sentParameter, String atParameter, String runningLocal, java.util.Set<String> suppressedWarnings,
    List<String> localTypes, java.util.Set<String> localTypeNames, boolean lineMarks) {

  /**
   * A field of the generated class.
   *
   * @param name its name
   * @param type its type, which JavaPoet imports or qualifies
   * @param description what it holds, for its javadoc
   * @param constant for a local constant of the body (one a case label may name), its value as
   *     Java source: the field is then {@code static final}; null for any other field
   */
  public record Field(String name, TypeName type, String description, String constant) {
    public Field(String name, TypeName type, String description) {
      this(name, type, description, null);
    }
  }

  /**
   * One {@code case} of the dispatch switch.
   *
   * @param labels the resume points that start here (several when empty states were merged)
   * @param comment the original source line this state resumes at, for readers of generated code
   * @param code the Java statements, which end in a jump, a return or a throw, or fall through
   *     into the next state
   */
  public record State(List<Integer> labels, String comment, String code) {}

  /**
   * One row of the try-region table.
   *
   * @param labels the resume points inside the region
   * @param comment which try statement and part it is
   * @param code statements storing {@code error} and returning the handler's label
   */
  public record Handler(List<Integer> labels, String comment, String code) {}
}
