package dev.jcoro.processor.testing;

import dev.jcoro.Generator;
import dev.jcoro.ThrowingGenerator;
import java.util.Iterator;

/**
 * A {@link ThrowingGenerator} seen as a {@link Generator}, so that transcripts drive both kinds
 * alike: what it throws passes through unchanged.
 */
final class ThrowingAdapter<Y, S, R> implements Generator<Y, S, R> {
  private final ThrowingGenerator<Y, S, R, ?> generator;

  ThrowingAdapter(ThrowingGenerator<Y, S, R, ?> generator) {
    this.generator = generator;
  }

  @Override
  public Y next() {
    try {
      return generator.next();
    } catch (Exception e) {
      throw sneaky(e);
    }
  }

  @Override
  public Y send(S value) {
    try {
      return generator.send(value);
    } catch (Exception e) {
      throw sneaky(e);
    }
  }

  @Override
  public Y throwInto(Throwable error) {
    try {
      return generator.throwInto(error);
    } catch (Exception e) {
      throw sneaky(e);
    }
  }

  @Override
  public void close() {
    try {
      generator.close();
    } catch (Exception e) {
      throw sneaky(e);
    }
  }

  @Override
  public State state() {
    return generator.state();
  }

  @Override
  public Iterator<Y> iterator() {
    return generator.iterator();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
