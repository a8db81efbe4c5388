package dev.jcoro;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body is a coroutine. The jcoro annotation processor reads the body and writes,
 * for an enclosing type {@code Outer}, a class {@code OuterCoroutines} with one static factory per
 * annotated method. The factory returns a {@link Generator} that runs the body as an explicit state
 * machine: no threads, no reflection.
 *
 * <p>The method's first parameter must be the handle, {@code Yield<Y, S> co}; its other parameters
 * become the factory's parameters. Inside the body, {@code co.receive()}, {@code co.yield(v)} and
 * {@code co.yieldFrom(g)} are the suspension points.
 *
 * <pre>{@code
 * @Coroutine
 * static void printer(Yield<Void, String> co) {
 *   while (true) System.out.println("Got " + co.receive());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Coroutine {
  /**
   * Whether the factory advances the new coroutine to its first suspension point before returning it,
   * like the {@code @coroutine} decorator of David Beazley's Python tutorials. A primed coroutine is
   * ready for {@link Generator#send}.
   *
   * @return {@code true} to call {@link Generator#next()} once in the factory
   */
  boolean primed() default false;
}
