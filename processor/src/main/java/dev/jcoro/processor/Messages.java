package dev.jcoro.processor;

/** Every diagnostic text the processor reports, in one place: each says what to write instead. */
public final class Messages {
  private Messages() {}

  public static final String HANDLE_PARAMETER =
      "a @Coroutine method's first parameter must be the handle, Yield<Y, S> (for example"
          + " `static void consumer(Yield<Void, Integer> co)`)";
  public static final String HANDLE_NOT_FIRST =
      "the handle `%s` must be a @Coroutine method's first parameter: `%s`";
  public static final String HANDLE_ARRAY =
      "the handle is one Yield, not an array or varargs of them: declare it `%s`";
  public static final String HANDLE_WILDCARD =
      "the handle must name its types, without wildcards: declare it `%s` (Void for a coroutine"
          + " that yields nothing or is never sent anything)";
  public static final String UNREACHABLE_SIGNATURE_TYPE =
      "`%s` is private, and the generated factory of this coroutine names it in its signature:"
          + " make it package-private";
  public static final String NOT_A_BODY =
      "@Coroutine needs a method with a body: it cannot be abstract or native";
  public static final String PRIVATE_METHOD =
      "a @Coroutine method cannot be private: the generated %sCoroutines class must see its"
          + " signature; make it package-private";
  public static final String PRIVATE_ENCLOSING =
      "a @Coroutine method cannot be in a private class: the generated class must reach it; make"
          + " %s package-private";
  public static final String LOCAL_ENCLOSING =
      "a @Coroutine method must be in a top-level or a static nested class, not in a local or"
          + " anonymous class";
  public static final String OUTER_INSTANCE_MEMBER =
      "`%s` belongs to an enclosing instance, which the generated class can't reach: pass what it"
          + " needs as a parameter";
  public static final String SUPER_REFERENCE =
      "`super` can't be reached from the generated class: call an instance method that calls super";
  /** Where the compiler has no tree API: it names the compiler. */
  public static final String NO_TREE_API =
      "jcoro reads the bodies of @Coroutine methods through javac's Compiler Tree API"
          + " (com.sun.source.util.Trees), which %s does not provide, so nothing is generated for"
          + " this method: compile with javac, as Maven, Gradle and IntelliJ IDEA do. In VS Code"
          + " with Gradle, let Gradle build (the Gradle Build Server:"
          + " \"java.gradle.buildServer.enabled\": \"on\"); in Eclipse, or VS Code with Maven, turn"
          + " the IDE's annotation processing off for this project (pom property"
          + " <m2e.apt.activation>disabled</m2e.apt.activation>) and build with `mvn compile`";
  public static final String NO_SOURCE =
      "jcoro cannot read the body of `%s`: the processor needs the source file";
  public static final String THROWS_THROWABLE =
      "a @Coroutine method's checked exceptions must be Exceptions, which its generator's next(),"
          + " send() and close() declare; it declares %s: declare `throws Exception` instead";

  public static final String HANDLE_ESCAPES =
      "the handle `%s` can only be the receiver of a yield: write `%<s.receive()`, `%<s.yield(v)`;"
          + " it can't be passed, stored, captured or returned";
  public static final String YIELD_IN_LAMBDA =
      "a yield belongs to the coroutine body itself, not to a lambda, an anonymous or a local class:"
          + " yield in the body and pass the values in";
  public static final String YIELD_IN_SYNCHRONIZED =
      "a yield inside `synchronized` would hold the monitor across a suspension: release the lock"
          + " before yielding";
  public static final String YIELD_POSITION =
      "move the yield into its own statement (`%s x = %s;`): here its value would have to be kept"
          + " across another suspension, and the value of the part around it too";
  public static final String KEPT_VALUE_TYPE =
      "`%s` is evaluated before the yield and must be kept across the suspension, but jcoro can't"
          + " read its type here: give it a local of its own before this statement";
  public static final String SWITCH_VALUE_TYPE =
      "the value of this switch expression is kept across a suspension, and jcoro can't read its"
          + " type here%s: assign it to a local of its own, declared with the type its use needs";
  public static final String VAR_ACROSS_YIELD =
      "`var %s` lives across a yield, so jcoro declares it again outside the body, and its type,"
          + " %s, has no name in Java: give it an explicit type";
  public static final String TYPE_NOT_READ =
      "`%s` lives across a yield, so jcoro declares it again outside the body, and javac could not"
          + " give its type here: declare it with an explicit type";
  public static final String PRIVATE_MEMBER =
      "`%s` is private, and the generated state machine is another class: make it package-private";
  public static final String PROTECTED_MEMBER =
      "`%s` is protected in a class of another package, and the generated state machine is not a"
          + " subclass: call it through a package-private method of your class";
  public static final String RECURSION =
      "a @Coroutine method can't call itself: call the factory %s.%s(...) to start a new"
          + " coroutine";

  public static final String LOCAL_CLASS_ACROSS_YIELD =
      "the local class `%s` is used after a yield, where the generated code has left its block:"
          + " declare it as a nested class instead";
  public static final String TOO_LARGE =
      "`%s` has %d resume points, too many for one Java method: split it into coroutines joined with"
          + " co.yieldFrom(...)";

  public static final String INTERNAL_ERROR =
      "jcoro could not process `%s` (this is a bug in jcoro, please report it with this method):"
          + " %s";
}
