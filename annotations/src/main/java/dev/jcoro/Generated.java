package dev.jcoro;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class the jcoro processor wrote: the {@code ...Coroutines} factory class of a type with
 * {@link Coroutine} methods. Code should not refer to it; it tells readers and tools that the source
 * is generated and is rewritten on each build.
 *
 * <p>jcoro's own annotation, not {@code javax.annotation.processing.Generated}: that one lives in
 * the {@code java.compiler} module, which a modular project would have to require just to compile
 * the generated files. Its retention is {@code CLASS}, so the mark stays in the class files, where
 * coverage tools that skip classes annotated with an annotation named {@code Generated} (JaCoCo
 * does) see it and leave the generated state machines out of their reports; it is not visible to
 * reflection. It is not {@code @Documented}: the mark is no part of the generated class's API,
 * and javac's {@code -Xlint:exports} would ask a module whose only other use of jcoro is private
 * to {@code requires transitive dev.jcoro} for it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Generated {
  /**
   * Names the code generator, by the fully qualified name of its class.
   *
   * @return the generator's name, {@code "dev.jcoro.processor.CoroutineProcessor"} for jcoro's
   */
  String value();
}
