package dev.jcoro.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's {@link Trees} for a processing environment, which build tools may have wrapped:
 * {@code Trees.instance} accepts only javac's own environment, and Gradle (for an incremental
 * processor, as jcoro declares itself) and IntelliJ IDEA's build hand the processor a wrapper
 * around it. Null where there is no javac underneath: ECJ, or a runtime without jdk.compiler.
 */
final class CompilerTrees {
  /** Wrappers around wrappers are possible; a cycle is not followed forever. */
  private static final int MAX_DEPTH = 8;

  private CompilerTrees() {}

  /**
   * The trees of {@code env} or of the javac environment it wraps; null if there is none. Throws
   * {@link LinkageError} where the runtime has no {@code com.sun.source} at all.
   */
  static Trees of(ProcessingEnvironment env) {
    ProcessingEnvironment candidate = env;
    for (int depth = 0; candidate != null && depth < MAX_DEPTH; depth++) {
      try {
        return Trees.instance(candidate);
      } catch (IllegalArgumentException notJavacs) {
        candidate = wrapped(candidate);
      }
    }
    return null;
  }

  /**
   * The environment {@code wrapper} delegates to, or null: IntelliJ's wrapper is a proxy that
   * answers {@code getWrapperDelegate()} (its documented way out); Gradle's, like most
   * decorators, keeps the delegate in a field.
   */
  private static ProcessingEnvironment wrapped(ProcessingEnvironment wrapper) {
    for (Class<?> type : wrapper.getClass().getInterfaces()) {
      for (Method method : type.getMethods()) {
        if (method.getName().equals("getWrapperDelegate") && method.getParameterCount() == 0) {
          Object delegate = invoke(method, wrapper);
          if (delegate instanceof ProcessingEnvironment && delegate != wrapper) {
            return (ProcessingEnvironment) delegate;
          }
        }
      }
    }
    for (Class<?> type = wrapper.getClass(); type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())
            && ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
          Object delegate = read(field, wrapper);
          if (delegate != null && delegate != wrapper) {
            return (ProcessingEnvironment) delegate;
          }
        }
      }
    }
    return null;
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
  }

  /** A wrapper's private field; null where its module does not open it. */
  private static Object read(Field field, Object target) {
    try {
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
  }

  /** What the user compiles with, as the message names it, from its processing environment. */
  static String describe(ProcessingEnvironment env, boolean noJdkCompiler) {
    String type = env.getClass().getName();
    String compiler = type.startsWith("org.eclipse.jdt.")
        ? "the Eclipse compiler for Java (ECJ, used by Eclipse and by VS Code's Java support)"
        : "this compiler (its processing environment is " + type + ")";
    return noJdkCompiler ? compiler + " on a Java runtime without the jdk.compiler module" : compiler;
  }
}
