/**
 * jcoro: Python-style coroutines for Java. {@code @Coroutine} methods, the {@code Yield} handle
 * their bodies suspend through, the {@code Generator} protocol their factories return, and the
 * runtime base class of the state machines the jcoro processor generates.
 */
module dev.jcoro {
  exports dev.jcoro;
}
