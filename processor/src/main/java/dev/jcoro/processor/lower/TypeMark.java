package dev.jcoro.processor.lower;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;

/**
 * A type in the lowered code, kept as what it denotes rather than as text: the writer hands it to
 * JavaPoet, which imports it or qualifies it so that nothing in the generated file captures the
 * name. In the lowering's text a type is {@code START package/Outer.Inner END}; the two marks are
 * private-use characters that no source of the unit contains (checked by {@link #canMark}).
 */
public final class TypeMark {
  private static final char START = '\uE000';
  private static final char END = '\uE001';

  private TypeMark() {}

  /** Whether marks can be used in code copied from {@code source}: it contains neither mark. */
  public static boolean canMark(String source) {
    return source.indexOf(START) < 0 && source.indexOf(END) < 0;
  }

  /** The mark of {@code type}. */
  public static String of(ClassName type) {
    return START + type.packageName() + "/" + String.join(".", type.simpleNames()) + END;
  }

  /** {@code code} as pieces: text ({@code String}) and types ({@code ClassName}), in order. */
  public static List<Object> parts(String code) {
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < code.length()) {
      int start = code.indexOf(START, at);
      if (start < 0) {
        parts.add(code.substring(at));
        break;
      }
      if (start > at) {
        parts.add(code.substring(at, start));
      }
      int end = code.indexOf(END, start);
      String mark = code.substring(start + 1, end);
      int slash = mark.indexOf('/');
      String[] simpleNames = mark.substring(slash + 1).split("\\.");
      parts.add(ClassName.get(mark.substring(0, slash), simpleNames[0],
          java.util.Arrays.copyOfRange(simpleNames, 1, simpleNames.length)));
      at = end + 1;
    }
    return parts;
  }

  /** {@code code} with each mark replaced by the canonical name of its type (for messages). */
  public static String plain(String code) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts(code)) {
      text.append(part instanceof ClassName ? ((ClassName) part).canonicalName() : part);
    }
    return text.toString();
  }
}
